"""Stage 3 - extract: dates. Which date near the top is the document's own date line.

Scraped pages print their publication date in a handful of ways
(``2020-02-25 15:27:09 发布来源``, ``发布时间:2022-04-27``, ``Time:2022.09.27``,
``Updated: Mar 26, 2020``, ``BEIJING, Nov. 14 (Xinhua)``, a date alone on its
line).  ``patterns/dates/published.yaml`` scores each date in the head of the
text by such features; the best one above the threshold is the date line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..data.patterns import PatternStore, compile_regex
from .dates_grammar import Found

_POINT_FIELDS = frozenset({"year", "month", "day", "hour", "minute", "second"})


@dataclass(frozen=True, slots=True)
class _Feature:
    id: str
    score: int
    before: Any | None
    after: Any | None
    allows_no_year: bool


class DatelinePicker:
    """Scores candidate dates; built once from ``dates/published.yaml``."""

    def __init__(self, store: PatternStore) -> None:
        rel = "dates/published.yaml"
        data = store.yaml(rel)
        self.head_chars = int(data.get("head_chars", 1500))
        self.min_score = int(data.get("min_score", 2))
        self.time_score = int(data.get("time_score", 0))
        self.numeric_score = int(data.get("numeric_score", 0))
        self.alone_score = int(data.get("alone_score", 0))
        self.features = tuple(
            _Feature(
                id=str(f["id"]), score=int(f.get("score", 1)),
                before=compile_regex(f["before"], f"{rel}: {f['id']}") if f.get("before") else None,
                after=compile_regex(f["after"], f"{rel}: {f['id']}") if f.get("after") else None,
                allows_no_year=bool(f.get("allows_no_year")),
            )
            for f in data.get("features") or []
        )

    def pick(self, text: str, dates: Sequence[Found]) -> Found | None:
        """The date line among ``dates`` (in text order), or None."""
        best: tuple[int, Found] | None = None
        for found in dates:
            if found.start >= self.head_chars:
                break
            score = self.score(text, found)
            if score is not None and score >= self.min_score and (best is None or score > best[0]):
                best = (score, found)
        return best[1] if best else None

    def score(self, text: str, found: Found) -> int | None:
        """Points of one date, or None if it cannot be a date line at all."""
        partial = found.partial
        fields = set(partial.start)
        if partial.end is not None or not fields <= _POINT_FIELDS or "day" not in fields or "month" not in fields:
            return None
        line_start = text.rfind("\n", 0, found.start) + 1
        line_end = text.find("\n", found.end)
        line_end = len(text) if line_end < 0 else line_end
        before, after = text[line_start:found.start], text[found.end:line_end]
        score = 0
        year_ok = "year" in fields
        if "hour" in fields:
            score += self.time_score
        if found.style in ("numeric", "timestamp"):
            score += self.numeric_score
        if not before.strip(" \t|·-") and not after.strip(" \t|·-"):
            score += self.alone_score
        for feature in self.features:
            hit = (feature.before is None or feature.before.search(before) is not None) and \
                (feature.after is None or feature.after.search(after) is not None)
            if hit:
                score += feature.score
                year_ok = year_ok or feature.allows_no_year
        return score if year_ok else None
