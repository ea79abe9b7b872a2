"""Overlap tests against a growing set of disjoint spans, in O(log n) per test.

The extractors pick mentions greedily (longest first, say) and keep one only if
it overlaps nothing kept so far.  Checking every kept span is quadratic in the
length of a document; :class:`SpanSet` keeps the spans sorted instead, so the
same decision costs a bisection and long pages stay linear.

Spans are half-open ``[start, end)``; two spans overlap when
``a.start < b.end and b.start < a.end`` (the test the extractors used before),
so touching spans and empty spans at an edge do not overlap.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar


class _Span(Protocol):
    start: int
    end: int


S = TypeVar("S", bound=_Span)


class SpanSet:
    """Disjoint spans, sorted by (start, end); ends are then sorted too."""

    __slots__ = ("_spans", "_ends", "_starts")

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a span of the set."""
        # Spans with end > start form a suffix; the first of them has the smallest start.
        i = bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none of the set (the caller checked)."""
        i = bisect_right(self._spans, (start, end))
        self._spans.insert(i, (start, end))
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def add_if_free(self, start: int, end: int) -> bool:
        """Add ``[start, end)`` unless it overlaps; True when added."""
        if self.overlaps(start, end):
            return False
        self.add(start, end)
        return True


class Intervals:
    """Possibly overlapping spans, for "is this span inside one of them" and "does it touch one".

    Built once from a list; queries bisect on the starts and scan only the spans
    that begin before the query's end.
    """

    __slots__ = ("_spans", "_starts", "_max_end")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]
        running: list[int] = []
        best = -1
        for _, e in self._spans:
            best = max(best, e)
            running.append(best)
        self._max_end = running  # the largest end among spans[0..i]

    def overlaps(self, start: int, end: int) -> bool:
        """Some span ``[a, b)`` with ``start < b and a < end``."""
        i = bisect_left(self._starts, end)  # spans with a < end are spans[:i]
        return i > 0 and self._max_end[i - 1] > start

    def contains(self, start: int, end: int) -> bool:
        """Some span ``[a, b)`` with ``a <= start and end <= b``."""
        i = bisect_right(self._starts, start)  # spans with a <= start are spans[:i]
        return i > 0 and self._max_end[i - 1] >= end


def keep_disjoint(items: Iterable[S], key: Callable[[S], Any]) -> list[S]:
    """Greedy selection: in ``key`` order, each item overlapping none kept before it
    (longest first, say); the kept ones in text order."""
    taken = SpanSet()
    kept = [m for m in sorted(items, key=key) if taken.add_if_free(m.start, m.end)]
    kept.sort(key=lambda m: (m.start, m.end))
    return kept


def windows_around(spans: Iterable[tuple[int, int]], size: int, before: int, after: int,
                   gap: int = 0) -> list[tuple[int, int]]:
    """Merged ``[start, end)`` stretches of a text of ``size`` characters, from ``before``
    characters ahead of each span (ascending by start) to ``after`` past it; stretches at
    most ``gap`` apart become one."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        start, end = max(0, s - before), min(size, e + after)
        if out and start <= out[-1][1] + gap:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


__all__ = ["Intervals", "SpanSet", "keep_disjoint", "windows_around"]
