"""Staff search over the masked text (Dutch, with stems), fast for common and rare words.

A page of search results is the newest reports that match the words *and* every other
filter, after the cursor. Two cheap ways find them; a third is the fallback:

1. Walk the newest reports of the filtered query after the cursor (through the keyset
   index; `WINDOW_PER_ROW` rows for each row of the page) and check each against the
   stored search vector (migration 0021). When the words fill a page there, that page is
   exact: the walk is in page order. Common words end here.
2. Otherwise the matches are sparse: ask for every report matching the words and the
   filters (at most `ALL_MATCHES`, no order, so PostgreSQL combines the GIN index of the
   search vector with the filters' indexes) and let the page apply to those. Rare words,
   and common words after a narrow filter, end here.
3. Only more than `ALL_MATCHES` matches that are all older than the walked window walk on.

Neither PostgreSQL's planner nor a fixed limit is trusted with the choice: the planner
guesses a rare word's frequency (and then walks the whole table), and a limit on matches
made pages miss reports that did match the other filters.
"""

from __future__ import annotations

from typing import Any

from tortoise.expressions import RawSQL
from tortoise.queryset import QuerySet

from schema.pagination import after_cursor, clamp_page

WINDOW_PER_ROW = 25
ALL_MATCHES = 5000


def _literal(text: str) -> str:
    """A PostgreSQL escape-string literal: backslashes and quotes escaped, whatever the
    server's standard_conforming_strings (control characters were removed before). The
    words are written into the statement because tortoise's RawSQL takes no parameters."""
    return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _matches(words: str) -> RawSQL:
    return RawSQL(f"search_vector @@ websearch_to_tsquery('dutch', {_literal(words)})")


async def searched(
    query: QuerySet[Any], words: str, *, first: int | None, after: str | None
) -> QuerySet[Any]:
    """`query` narrowed to the reports matching `words`, for `paginate(…, first, after)`."""
    page = clamp_page(first)
    window = WINDOW_PER_ROW * (page + 1)
    newest = await (
        after_cursor(query, after)
        .annotate(found=_matches(words))
        .order_by("-created_at", "-id")
        .limit(window)
        .values_list("id", "found")
    )
    hits = [row_id for row_id, found in newest if found]
    if len(hits) > page or len(newest) < window:
        return query.filter(id__in=hits[: page + 1])
    matching = query.annotate(found=_matches(words)).filter(found=True)
    every = await matching.limit(ALL_MATCHES + 1).values_list("id", flat=True)
    if len(every) <= ALL_MATCHES:
        return query.filter(id__in=list(every))
    return matching
