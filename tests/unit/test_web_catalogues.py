"""Every text the web pages can show has its English translation, and the municipality
list is complete."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from web import LOCALE_DIR, WEB_DIR
from web.municipalities import all_municipalities, find


def _msgids() -> set[str]:
    found = extract_from_dir(
        str(WEB_DIR),
        method_map=[("templates/**.html", "jinja2"), ("**.py", "python")],
        options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}},
    )
    return {m if isinstance(m, str) else m[0] for _, _, m, _, _ in found if m}


def test_english_is_complete() -> None:
    with (LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalogue = read_po(source, locale="en")
    translated = {str(m.id) for m in catalogue if m.id and m.string}
    wanted = _msgids()
    assert len(wanted) > 100
    assert sorted(wanted - translated) == []


def test_all_342_municipalities_by_name_or_code() -> None:
    municipalities = all_municipalities()
    assert len(municipalities) == 342 and len({m.code for m in municipalities}) == 342
    assert find("Amsterdam").code == "GM0363"  # pyright: ignore[reportOptionalMemberAccess]
    assert find("den haag").code == find("'s-Gravenhage").code == "GM0518"  # pyright: ignore[reportOptionalMemberAccess]
    assert find("gm0599").name == "Rotterdam"  # pyright: ignore[reportOptionalMemberAccess]
    assert find("Atlantis") is None
