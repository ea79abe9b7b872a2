"""Stage 4 - indicators. Reads resolved mentions; writes Indicator records.

Placeholder until the indicators issue lands: links nothing.
"""

from __future__ import annotations

from .extract.base import DocumentContext, Mention, TextView
from .patterns import PatternStore
from .records import Indicator


class IndicatorLinker:
    """Joins metric cues, quantities, regions and dates into indicators."""

    def __init__(self, store: PatternStore) -> None:
        self.store = store

    def link(self, view: TextView, mentions: list[Mention], context: DocumentContext,
             records: dict[int, object]) -> list[Indicator]:
        return []
