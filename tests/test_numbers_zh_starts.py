"""The Chinese/Arabic numeral grammar tried only where its start gate (``numbers._after_no_digit``:
first characters, not right after a digit or point, no ``.``/``-`` before an ASCII non-digit)
matches finds what a plain ``finditer`` over the whole text finds."""

from __future__ import annotations

from hypothesis import given, strategies as st

from recovery_extract.data.word_index import first_chars_gate, gated_finditer
from recovery_extract.extract.numbers import _after_no_digit, default_grammar

_PIECES = ["1", "23", "0", "4.5", ".", "..", "-", "--", "1,000", ",", " ", "\n", "a", "x-", "-x", ".x", "万", "亿",
           "百", "分之", "一", "两", "负", "负 ", "点", "五", "/", "3/4", "中", "(", ")", "]", "%", "\u0663", "\uff13",
           "\xa0", "年", "多", "余", "十", "e", "E5", "_", "-.5", "2022.04.07", "covid-19", "ICP备05001922号"]


def _spans(text: str, gated: bool) -> list[tuple[int, int]]:
    g = default_grammar()
    if not gated:
        return [m.span() for m in g._zh_re.finditer(text)]
    assert g._zh_first is not None
    return [m.span() for m in gated_finditer(g._zh_re, text, (m.start() for m in g._zh_first.finditer(text)))]


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_gate_loses_no_match(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _spans(text, True) == _spans(text, False), text


def test_examples() -> None:
    for text in ["-0.2%", "负3.5", ".5", "end.", "end. 5", "2022.04.07", "1.2.3", "a-5", "a -5", "x.5", "5.x",
                 "3/4", "-", ".", "", "五分之一", "1,862", "0531-85193690"]:
        assert _spans(text, True) == _spans(text, False), text


def test_gate_is_narrower_than_the_first_characters() -> None:
    """The gate drops a sentence's point and a digit after a point, but keeps a numeral's start."""
    g = default_grammar()
    gate = _after_no_digit(g._zh_re, first_chars_gate(g._zh_re))
    assert gate is not None
    assert [m.start() for m in gate.finditer("end. 2022.04 -x -5")] == [5, 16, 17]
