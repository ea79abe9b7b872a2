"""Tables flattened into text: a row per line, a place and its figures, under a header.

    各地市复工率一览(截至2月25日)        <- header: the metric and the date
    济南 98.5%                            <- rows: a place, then its figure(s)
    青岛 97.2%

A scraped page keeps such tables as lines with no verb; the sentence rules would find
neither a metric nor a predicate in them. A row is a line that holds one place and
figures and nothing else but separators; its header is the nearest line above the run
of rows that is not a row itself (``HEADER_LINES`` lines up at most: a source line may
stand between). The metric and the date are read in the header, the region in the row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from ..extract.base import Mention

#: How many lines above a run of rows the header may stand.
HEADER_LINES = 3
#: How many rows a table may have before its header is no longer looked for.
MAX_ROWS = 60
#: A row is short: a place, a few figures and separators.
MAX_ROW_CHARS = 60
#: A header line is a title or a caption, not a paragraph.
HEADER_CHARS = 120
#: What may stand in a row besides the place and the figures.
_SEPARATORS = regex.compile(r"[\s::,,、|/()()\-–—·.。;;]*")


@dataclass(frozen=True, slots=True)
class Row:
    """A figure's table row: its place and the header lines above its table."""

    place: Mention
    headers: tuple[tuple[int, int], ...]


def _line(text: str, pos: int, reach: int) -> tuple[int, int] | None:
    """The line around ``pos`` if it is at most ``reach`` characters long (bounded
    searches: a page with no line breaks stays linear)."""
    lo = max(0, pos - reach)
    start = text.rfind("\n", lo, pos) + 1
    if start == 0 and lo > 0:
        return None
    end = text.find("\n", pos, pos + reach + 1)
    if end < 0:
        if len(text) - pos > reach:
            return None
        end = len(text)
    return (start, end) if end - start <= reach else None


def _row_place(text: str, start: int, end: int, places: Any, quantities: Any) -> Mention | None:
    """The one place of the line ``[start, end)`` if the line is a row, else None."""
    if start == end:
        return None
    named = places.starting_in(start, end)
    figures = quantities.starting_in(start, end)
    if len(named) != 1 or not figures or figures[0].start < named[0].end:
        return None
    spans = sorted([(named[0].start, named[0].end)] + [(f.start, f.end) for f in figures])
    cursor = start
    for lo, hi in spans:
        if lo < cursor or not _SEPARATORS.fullmatch(text, cursor, lo):
            return None
        cursor = hi
    return named[0] if _SEPARATORS.fullmatch(text, cursor, end) else None


def table_row(text: str, q: Mention, places: Any, quantities: Any) -> Row | None:
    """The row ``q`` stands in, with the header lines above its table; None if ``q`` is
    not in a table row."""
    line = _line(text, q.start, MAX_ROW_CHARS)
    place = _row_place(text, *line, places, quantities) if line else None
    if line is None or place is None:
        return None
    start, rows = line[0], 0
    while start > 0 and rows < MAX_ROWS:
        above = _line(text, start - 1, MAX_ROW_CHARS)
        if above is None or _row_place(text, *above, places, quantities) is None:
            break
        start, rows = above[0], rows + 1
    headers: list[tuple[int, int]] = []
    while start > 0 and len(headers) < HEADER_LINES:
        above = _line(text, start - 1, HEADER_CHARS)
        if above is None:
            break
        start = above[0]
        if text[above[0]:above[1]].strip():
            headers.append(above)
    return Row(place, tuple(headers)) if headers else None
