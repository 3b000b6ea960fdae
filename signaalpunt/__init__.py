"""The composition root: configuration, start-up and wiring of the API, worker and CLI.

Nothing below this package imports it: settings reach the other layers as values, passed in
here (the API's services, the worker's job context).
"""
