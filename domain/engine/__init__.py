"""The engine's judgement as pure functions: which reports are one case, which share a theme,
and how structural a theme is.

Nothing here touches the database or the event loop; `workers.processing` and
`workers.discovery` plug these into jobs. Modules that need the numeric stack (numpy, scipy,
scikit-learn) are imported by workers only: the API uses `centroids` and `structural`, which
are plain Python.
"""
