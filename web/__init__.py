"""The web client for residents: server-rendered pages (Starlette + Jinja2) that work
without JavaScript, in Dutch and English, running the resident operations of the client
contract in-process, so the pages and the API share one code path."""

from pathlib import Path

WEB_DIR = Path(__file__).parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"
LOCALE_DIR = WEB_DIR / "locale"
DATA_DIR = WEB_DIR / "data"
