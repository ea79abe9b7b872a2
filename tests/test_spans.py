"""SpanSet and Intervals answer exactly what the quadratic scans they replace answered."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recovery_extract.extract.spans import Intervals, SpanSet

span = st.tuples(st.integers(0, 60), st.integers(0, 8)).map(lambda p: (p[0], p[0] + p[1]))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@given(st.lists(span, max_size=40))
def test_greedy_pick_matches_the_naive_scan(spans: list[tuple[int, int]]) -> None:
    kept: list[tuple[int, int]] = []
    fast = SpanSet()
    for s in spans:
        naive = any(_overlap(s, k) for k in kept)
        assert fast.overlaps(*s) is naive
        assert fast.add_if_free(*s) is (not naive)
        if not naive:
            kept.append(s)


@given(st.lists(span, max_size=40), st.lists(span, max_size=20))
def test_intervals_overlap_and_contain(spans: list[tuple[int, int]], queries: list[tuple[int, int]]) -> None:
    index = Intervals(spans)
    for q in queries:
        assert index.overlaps(*q) is any(_overlap(q, s) for s in spans)
        assert index.contains(*q) is any(a <= q[0] and q[1] <= b for a, b in spans)


def test_touching_and_empty_spans_do_not_overlap() -> None:
    taken = SpanSet()
    assert taken.add_if_free(3, 6)
    assert taken.add_if_free(6, 9)       # touches on the right
    assert taken.add_if_free(3, 3)       # empty, at the left edge
    assert not taken.add_if_free(5, 7)   # straddles two spans
    assert not taken.add_if_free(4, 4)   # empty, strictly inside
    assert Intervals([(0, 10), (2, 3)]).contains(4, 10)
    assert not Intervals([(0, 5), (5, 10)]).contains(4, 6)
