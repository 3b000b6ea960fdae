"""The language a reporter reads, and the catalogues that say it.

Every reporter-facing text the API writes (submit answers, field errors, status labels,
formal-route notices, system messages) is written in Dutch and passed through `t()`: the
Dutch text is the message id, and the gettext catalogue of the language being spoken
(`vocabulary/locale/<lang>/LC_MESSAGES/signaalpunt.po`, compiled by the install step) gives
the translation. A new language is a new catalogue, no code change.

The language being spoken is a context variable: the API sets it per request from
`Accept-Language` (the web client from its switch), and a resolver that knows better (the
report's own language) speaks that with `speaking()`. Tasks started inside copy it, so
sibling fields never see each other's choice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from babel.core import negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DEFAULT_LANGUAGE = "nl"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "signaalpunt"

_speaking: ContextVar[str] = ContextVar("speaking", default=DEFAULT_LANGUAGE)


class Catalogues:
    """The gettext catalogues of one domain in one directory: `<dir>/<lang>/LC_MESSAGES/
    <domain>.po`, compiled to `.mo` next to it (and compiled on first use if missing)."""

    def __init__(self, directory: Path, domain: str) -> None:
        self.directory = directory
        self.domain = domain
        self._loaded: dict[str, NullTranslations] = {}
        self._languages: tuple[str, ...] | None = None

    def _po(self, lang: str) -> Path:
        return self.directory / lang / "LC_MESSAGES" / f"{self.domain}.po"

    def languages(self) -> tuple[str, ...]:
        """Dutch first (the message ids are Dutch), then every language with a catalogue."""
        if self._languages is None:
            found = sorted(p.name for p in self.directory.iterdir() if self._po(p.name).exists())
            self._languages = (
                DEFAULT_LANGUAGE, *[lang for lang in found if lang != DEFAULT_LANGUAGE]
            )  # fmt: skip
        return self._languages

    def compile(self) -> list[str]:
        """Write each `.po` as `.mo` (the install step runs this); returns the languages."""
        done = []
        for lang in self.languages():
            po = self._po(lang)
            if not po.exists():
                continue
            with po.open("rb") as source:
                catalogue = read_po(source, locale=lang)
            with po.with_suffix(".mo").open("wb") as target:
                write_mo(target, catalogue)
            done.append(lang)
        return done

    def translations(self, lang: str) -> NullTranslations:
        found = self._loaded.get(lang)
        if found is None:
            mo = self._po(lang).with_suffix(".mo")
            if not self._po(lang).exists():
                found = NullTranslations()
            else:
                if not mo.exists() or mo.stat().st_mtime < self._po(lang).stat().st_mtime:
                    self.compile()
                with mo.open("rb") as source:
                    found = Translations(source, domain=self.domain)
            self._loaded[lang] = found
        return found

    def negotiate(self, accept_language: str | None) -> str | None:
        """The best language of ours for an `Accept-Language` header, or None."""
        preferred = [
            part.split(";")[0].strip().replace("-", "_")
            for part in (accept_language or "").split(",")
            if part.strip() and part.strip() != "*"
        ]
        if not preferred:
            return None
        return negotiate_locale(preferred, list(self.languages()), sep="_")


API = Catalogues(LOCALE_DIR, DOMAIN)


def N_(text: str) -> str:
    """Marks a Dutch text for the catalogue where it is defined (a label in a table); it is
    translated where it is shown, with `t()`."""
    return text


def t(text: str, /, **params: object) -> str:
    """The Dutch `text` in the language being spoken, with `{name}` placeholders filled."""
    lang = _speaking.get()
    translated = text if lang == DEFAULT_LANGUAGE else API.translations(lang).gettext(text)
    return translated.format(**params) if params else translated


def spoken() -> str:
    """The language being spoken now."""
    return _speaking.get()


def speaks(lang: str | None) -> bool:
    """Whether we have a catalogue for `lang` (Dutch always)."""
    return lang in API.languages()


def speak(lang: str) -> None:
    """Speak `lang` for the rest of this request's task (the request's own choice)."""
    _speaking.set(lang if speaks(lang) else DEFAULT_LANGUAGE)


@contextlib.contextmanager
def speaking(lang: str | None) -> Iterator[str]:
    """Speak `lang` inside the block when we can; else keep the language being spoken."""
    chosen = lang if lang is not None and speaks(lang) else _speaking.get()
    token = _speaking.set(chosen)
    try:
        yield chosen
    finally:
        _speaking.reset(token)
