"""The worker's judgement as pure functions: which reports are one case, which share a theme.

Nothing here touches the database or the event loop; `workers.process_report` and
`workers.discover_themes` plug these into jobs.
"""
