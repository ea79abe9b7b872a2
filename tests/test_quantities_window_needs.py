"""A windowed exclusion (``reach``) with ``needs`` is skipped in each window without it
(``Rule.needed_in``): each of its matches holds a match of ``needs`` and lies inside the
window, so nothing is lost.  Checked here on text made of the exclusions' own words (the
ranking and ordinal words, months, quarters) against the whole-text scan, and on the promise
that every match holds its ``needs`` inside its own span."""

from __future__ import annotations

from typing import Any

from hypothesis import given, strategies as st

import recovery_extract as rx

_NEAR = st.sampled_from(["top", "TOP", "Top", " top-10", "stop", "前", "前三", "大", "五大", "产业", "No.", "no.",
                         "NUMBER", "number", "#", "# ", "第", "三", "10", " ", "-", "\n", "。", "12.5%", "万元",
                         "家", "个月", "前10个月", "first", " months", "quarter", "the first three quarters",
                         "2020", "年", "亿元", "人", "x", "a"])


def _windowed(pipeline: rx.Pipeline) -> list[Any]:
    rules = [r for r in pipeline.quantities.g.exclusions if r.reach is not None and r.needs is not None]
    assert len(rules) >= 3, "no windowed exclusion uses needs: this test checks nothing"
    return rules


@given(st.lists(_NEAR, max_size=40).map("".join))
def test_windows_without_needs_lose_nothing(pipeline: rx.Pipeline, text: str) -> None:
    q = pipeline.quantities
    assert q.scan(text) == q.scan(text, everywhere=True)


@given(st.lists(_NEAR, max_size=40).map("".join))
def test_every_match_holds_its_needs(pipeline: rx.Pipeline, text: str) -> None:
    for r in _windowed(pipeline):
        for m in r.compiled.finditer(text):
            assert r.needed_in(text, m.start(), m.end()), (r.id, m.group())


def test_a_window_without_the_words_is_skipped(pipeline: rx.Pipeline) -> None:
    rule = next(r for r in pipeline.quantities.g.exclusions if r.id == "quantities.exclude.ranking")
    text = "output rose 12.5% in top 10 cities"
    assert rule.needed_in(text, 0, len(text)) and not rule.needed_in(text, 0, 20)
