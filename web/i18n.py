"""Languages of the web client: gettext catalogues (`locale/<lang>/LC_MESSAGES/messages.po`,
compiled to `.mo` by the install step), Dutch the default, chosen by the switch
(`?lang=en`, kept in every form) or else by `Accept-Language`. The message ids are the
Dutch texts: a new language is a new catalogue, no code change."""

from __future__ import annotations

from babel.core import Locale
from babel.support import NullTranslations
from starlette.requests import Request

from vocabulary.translations import API, DEFAULT_LANGUAGE, Catalogues
from web import LOCALE_DIR

DEFAULT = DEFAULT_LANGUAGE
PAGES = Catalogues(LOCALE_DIR, "messages")


def languages() -> tuple[str, ...]:
    return PAGES.languages()


def pick_language(request: Request, form_value: str | None = None) -> str:
    for chosen in (form_value, request.query_params.get("lang")):
        if chosen in languages():
            return str(chosen)
    return PAGES.negotiate(request.headers.get("accept-language")) or DEFAULT


def compile_catalogues() -> list[str]:
    """Compile the pages' catalogues and the API's (the install step runs this)."""
    return sorted(set(PAGES.compile()) | set(API.compile()))


def translations(lang: str) -> NullTranslations:
    return PAGES.translations(lang)


def language_name(lang: str) -> str:
    return Locale.parse(lang).get_display_name(lang) or lang
