"""Stage 3 - extract: quantities. Reads TextView; writes Mention(kind="quantity")."""

from __future__ import annotations

from typing import ClassVar

from ..patterns import PatternStore
from .base import DocumentContext, Mention, TextView


class QuantityExtractor:
    """Placeholder until its issue lands: finds nothing."""

    kind: ClassVar[str] = "quantity"

    def __init__(self, store: PatternStore) -> None:
        self.store = store

    def find(self, view: TextView) -> list[Mention]:
        return []

    def resolve(self, mentions: list[Mention], context: DocumentContext, view: TextView) -> list[Mention]:
        return mentions
