"""Languages of the web client: gettext catalogues (`locale/<lang>/LC_MESSAGES/messages.po`,
compiled to `.mo` by the install step), Dutch the default, chosen by the switch
(`?lang=en`, kept in every form) or else by `Accept-Language`. The message ids are the
Dutch texts: a new language is a new catalogue, no code change."""

from __future__ import annotations

from functools import cache

from babel.core import Locale, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from starlette.requests import Request

from web import LOCALE_DIR

DEFAULT = "nl"


@cache
def languages() -> tuple[str, ...]:
    found = sorted(
        p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / "messages.po").exists()
    )
    return (DEFAULT, *[lang for lang in found if lang != DEFAULT])


def pick_language(request: Request, form_value: str | None = None) -> str:
    for chosen in (form_value, request.query_params.get("lang")):
        if chosen in languages():
            return str(chosen)
    header = request.headers.get("accept-language", "")
    preferred = [
        part.split(";")[0].strip().replace("-", "_") for part in header.split(",") if part.strip()
    ]
    return negotiate_locale(preferred, list(languages()), sep="_") or DEFAULT


def compile_catalogues() -> list[str]:
    """Write each `.po` as `.mo` (the install step runs this); returns the languages."""
    done = []
    for lang in languages():
        po = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
        with po.open("rb") as source:
            catalogue = read_po(source, locale=lang)
        with po.with_suffix(".mo").open("wb") as target:
            write_mo(target, catalogue)
        done.append(lang)
    return done


@cache
def translations(lang: str) -> NullTranslations:
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.mo"
    if not mo.exists():
        compile_catalogues()
    with mo.open("rb") as source:
        return Translations(source, domain="messages")


def language_name(lang: str) -> str:
    return Locale.parse(lang).get_display_name(lang) or lang
