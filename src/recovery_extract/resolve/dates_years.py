"""Stage 4 - resolve: dates. Which year a date that prints none takes (``patterns/dates/years.yaml``).

Two rules, both data-driven: an explicit year earlier in the same clause governs
the dates after it (``2022年1-2月 ... 3月`` is 2022-03), unless it is a
comparison base (``较2017年12月份``); otherwise the publication year, or the year
before when that would put the date well after the publication (a March figure
in a January article), unless the clause looks ahead (``预计``, ``will``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..data.patterns import PatternStore, compile_regex
from ..extract.date_parts import Partial
from .dates_values import Reference, resolve

_REL = "dates/years.yaml"
_CLAUSE = 300
#: Fields that make a date carry its own year (or one relative to the reference).
_YEARISH = frozenset({"year", "rel_year"})
#: Fields counted from the reference itself (昨天, 上月, Friday): never shifted.
_RELATIVE = frozenset({"rel_month", "rel_day", "rel_quarter", "rel_half", "weekday", "lunar_day"})
#: Fields that place a date inside a year (a day alone is placed in the reference month).
_IN_YEAR = frozenset({"month", "quarter", "half", "first_months", "last_months", "first_quarters"})


@dataclass(frozen=True, slots=True)
class Dated:
    """A date already resolved: where it is, as written, and its value."""

    start: int
    end: int
    partial: Partial
    value: str


def needs_year(partial: Partial) -> bool:
    """A date placed inside a year it does not print (3月, 一季度, March 5), nothing relative."""
    fields = partial.fields
    return bool(fields & _IN_YEAR) and not fields & (_YEARISH | _RELATIVE)


def _goes_back(gov: Dated, partial: Partial) -> bool:
    """Whether the year-less date's month comes before the governing date's first month."""
    first, month = gov.partial.start.get("month"), partial.start.get("month")
    return first is not None and month is not None and month < first


def _year_of(value: str) -> int | None:
    head = value.split("/", 1)[0]
    return int(head[:4]) if len(head) >= 4 and head[:4].isdigit() else None


def _start_month(value: str) -> int | None:
    """``YYYY*12 + MM`` of the first month a value covers."""
    head = value.split("/", 1)[0]
    if len(head) >= 7 and head[:4].isdigit() and head[5:7].isdigit():
        return int(head[:4]) * 12 + int(head[5:7])
    return None


class YearRules:
    """The rules of ``dates/years.yaml``, compiled once."""

    def __init__(self, store: PatternStore) -> None:
        data = store.yaml(_REL)
        self.lookahead = int(data.get("lookahead_months", 1))
        self.page_reference_only = bool(data.get("page_reference_only", True))
        self.clause_break = self._rx(data, "clause_break")
        self.comparison_before = self._rx(data, "comparison_before")
        self.comparison_after = self._rx(data, "comparison_after")
        self.forward_cue = self._rx(data, "forward_cue")
        self.forward_before = self._rx(data, "forward_before")

    @staticmethod
    def _rx(data: dict[str, Any], key: str) -> Any:
        return compile_regex(str(data[key]["regex"]), f"{_REL}: {key}")

    def clause_start(self, text: str, pos: int) -> int:
        """Where the clause holding ``pos`` starts (a clause is read at most ``_CLAUSE`` characters back)."""
        start = max(0, pos - _CLAUSE)
        for m in self.clause_break.finditer(text, start, pos):
            start = m.end()
        return start

    def governing(self, text: str, start: int, earlier: Sequence[Dated]) -> Dated | None:
        """The nearest earlier date of the clause that prints its year (not a comparison base)."""
        clause = self.clause_start(text, start)
        for d in reversed(earlier):
            if d.end > start:
                continue
            if d.start < clause:
                break
            if not d.partial.fields & _YEARISH:
                continue
            if self.comparison_before.search(text[max(0, d.start - 16):d.start]) \
                    or self.comparison_after.search(text[d.end:d.end + 12]):
                continue
            return d
        return None

    def reference_for(self, text: str, start: int, partial: Partial, ref: Reference,
                      earlier: Sequence[Dated], *, from_page: bool = True, horizon: int = 0) -> Reference:
        """The reference that gives ``partial`` (at ``start``) its year; ``from_page`` says the
        reference is the page's own publication date (not a date the caller gave); ``horizon``
        (``YYYY*12 + MM``) is the latest month the text itself dates with a year, which the
        text's "now" reaches at least."""
        if not needs_year(partial):
            return ref
        gov = self.governing(text, start, earlier)
        year = _year_of(gov.value) if gov is not None and not _goes_back(gov, partial) else None
        if year is not None:
            return Reference(year, ref.month if year == ref.year else None,
                             ref.day if year == ref.year else None, ref.lunar_new_year)
        if ref.year is None or ref.month is None or (self.page_reference_only and not from_page):
            return ref
        value = resolve(partial, ref)
        first = _start_month(value) if value else None
        if first is None or first - max(ref.year * 12 + ref.month, horizon) <= self.lookahead:
            return ref
        if self.forward_cue.search(text[self.clause_start(text, start):start]) \
                or self.forward_before.search(text[max(0, start - 8):start]):
            return ref
        return Reference(ref.year - 1, ref.month, ref.day, ref.lunar_new_year)


def horizon(partials: Sequence[tuple[Partial, str | None]]) -> int:
    """The latest start month (``YYYY*12 + MM``) among dates that print their year and month."""
    best = 0
    for partial, value in partials:
        if value and "year" in partial.start and "month" in partial.start:
            best = max(best, _start_month(value) or 0)
    return best
