"""Stage 3 - extract: the extractors, in order, and the one overlap policy.

Each extractor lives in its own module and keeps its own mentions free of
overlaps.  Across kinds, :func:`settle_overlaps` keeps the longest mention, then
the leftmost, then the kind listed first in ``PRIORITY``: a region inside an
agency name is not a region mention, the digits of a date are not a quantity.
"""

from __future__ import annotations

from .spans import keep_disjoint
from .base import DocumentContext, Extractor, Mention, TextView

PRIORITY = ("date", "agency", "quantity", "region")

__all__ = ["DocumentContext", "Extractor", "Mention", "TextView", "PRIORITY", "settle_overlaps"]


def settle_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions that overlap a longer (or earlier, or higher-priority) one."""
    rank = {kind: i for i, kind in enumerate(PRIORITY)}
    return keep_disjoint((m for m in mentions if m.length > 0),
                         key=lambda m: (-m.length, m.start, rank.get(m.kind, len(rank))))
