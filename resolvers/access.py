"""Who is asking, for resolvers behind a permission class."""

from __future__ import annotations

from auth.roles import Viewer
from domain.errors import NotAllowed
from schema.context import Info


def require_viewer(info: Info) -> Viewer:
    """The signed-in viewer; the field's permission class already refused anonymous callers,
    so reaching this without one is a wiring mistake, answered as not allowed."""
    viewer = info.context.viewer
    if viewer is None:
        raise NotAllowed("Log in om dit te doen.")
    return viewer
