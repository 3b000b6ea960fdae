"""overview (staff, municipality): the periodic overview of a period.

A municipality reads its own figures beside the national ones (without the other
municipalities' breakdown); staff choose any municipality, or none for the whole country.
"""

from __future__ import annotations

from datetime import date

from domain.errors import InvalidInput
from domain.overview import figures
from resolvers.access import require_viewer
from resolvers.validation import MUNICIPALITY_CODE
from schema.context import Info
from schema.overview.types import Overview, OverviewFigures
from vocabulary import ErrorCode

MAX_DAYS = 3 * 366


async def overview(info: Info, start: date, end: date, municipality: str | None = None) -> Overview:
    viewer = require_viewer(info)
    threshold = info.context.services.settings.small_count_threshold
    if end < start or (end - start).days > MAX_DAYS:
        raise InvalidInput.single(
            "end", ErrorCode.INVALID_VALUE,
            "Kies een einddatum na de begindatum, hoogstens drie jaar later.",
        )  # fmt: skip
    code = (municipality or "").strip().upper() or None
    if not info.context.is_staff:
        code = viewer.municipality_code  # a municipality reads its own figures
    if code is not None and not MUNICIPALITY_CODE.match(code):
        raise InvalidInput.single(
            "municipality", ErrorCode.INVALID_MUNICIPALITY,
            "Gebruik de CBS-code van de gemeente, bijvoorbeeld GM0363.",
        )  # fmt: skip
    national = await figures(
        start,
        end,
        municipality=None,
        threshold=threshold,
        with_municipalities=info.context.is_staff,
    )
    scope = (
        national
        if code is None
        else await figures(start, end, municipality=code, threshold=threshold)
    )
    return Overview(
        start=start, end=end, small_counts_hidden_below=threshold,
        scope=OverviewFigures.of(scope), national=OverviewFigures.of(national),
    )  # fmt: skip
