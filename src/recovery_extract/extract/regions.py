"""Stage 3 - extract: regions. Reads TextView; writes Mention(kind="region")."""

from __future__ import annotations

from typing import ClassVar

from ..patterns import PatternStore
from .base import DocumentContext, Mention, TextView


class RegionExtractor:
    """Placeholder until its issue lands: finds nothing."""

    kind: ClassVar[str] = "region"

    def __init__(self, store: PatternStore) -> None:
        self.store = store

    def find(self, view: TextView) -> list[Mention]:
        return []

    def resolve(self, mentions: list[Mention], context: DocumentContext, view: TextView) -> list[Mention]:
        return mentions
