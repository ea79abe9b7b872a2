"""The date exclusions' gates (``str.find`` per literal where their literals begin with a
letter or a Han character: ``dates_grammar._whole_text_gate``) give the matches of the
whole-text scan, on generated text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx

_PIECES = ["same", "SAME", "corresponding", "period", "month", "quarter", "of", "in", "the", "The", "last",
           "previous", "year", "than", "compared", "with", "to", "from", "over", "versus", "vs", "vs.", "level",
           "http://", "HTTPS://", "www.", "x.cn/2020-01", "every", "March", "每年", "往年", "历年", "的", "3", "月",
           "季度", "上半年", "比", "较", "上月", "去年", "同期", "水平", "今日头条", "明日之后", "《", "》", "隔离",
           "14", "日", " ", "\n", ",", "-", "ſ", "K", "İ"]


@pytest.fixture(scope="module")
def pipeline() -> rx.Pipeline:
    return rx.Pipeline()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_exclusion_gates_equal_the_whole_scan(pipeline: rx.Pipeline, pieces: list[str]) -> None:
    text = "".join(pieces)
    for e in pipeline.dates.grammar.exclusions:
        assert [m.span() for m in e.finditer(text)] == [m.span() for m in e.compiled.finditer(text)], e.id


def test_letter_led_exclusions_use_find_gates(pipeline: rx.Pipeline) -> None:
    from recovery_extract.data.find_gate import FindGate
    kinds = {e.id: type(e.gate) for e in pipeline.dates.grammar.exclusions}
    assert kinds["dates.not.comparison_base.en"] is FindGate
