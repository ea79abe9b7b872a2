"""The pair analysis of the mojibake gate (prepare/decode.py ``_TriggerPairs``).

With it the gate searches ftfy's regex only around a trigger character that the second
trigger-only element of some alternative can follow at the right distance, or around a
character of an alternative with one such element.  ``may_be_bad`` must still equal the
whole-text search on every text: checked on ftfy's regex with text dense in its characters
and in the pairs it looks for, and on small patterns with gaps of several widths.
"""

from __future__ import annotations

import re

import pytest
from ftfy.badness import BADNESS_RE
from hypothesis import given
from hypothesis import strategies as st

from recovery_extract.prepare.decode import MojibakeGate, _mojibake_gate

from test_speed_speed_s1_decode import _ALPHABET


def test_pairs_are_built_for_ftfys_regex() -> None:
    """The analysis accepts ftfy's regex (else every trigger opens a window again)."""
    gate = _mojibake_gate()
    assert gate.pairs is not None
    assert gate.pairs.first and gate.pairs.second


def test_lone_quotes_open_no_window() -> None:
    """Curly quotes and tone marks standing alone are not a place where a match can start."""
    gate = _mojibake_gate()
    assert gate.pairs is not None
    assert list(gate.pairs.starts("他说“稳增长”,tǒng chóu ’s")) == []


@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=80))
def test_gate_equals_whole_search_on_dense_text(text: str) -> None:
    assert _mojibake_gate().may_be_bad(text) == bool(BADNESS_RE.search(text))


_PIECES = ["中国", "增长", "“", "”", "’", "‘", "é", "ǒ", "Ã", "©", "Â ", "œ", "ВЂ", "вЂ", "Ø’Ù",
           "ГўВЂВ x", "a", "x ", "\u0085", "à²", "×²", "\n"]


@given(st.lists(st.sampled_from(_PIECES), max_size=16))
def test_gate_equals_whole_search_on_pieces(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _mojibake_gate().may_be_bad(text) == bool(BADNESS_RE.search(text))


@pytest.mark.parametrize("pattern", [r"é\s?ü", r"[éè].{1,3}ü|œ", r"a[éè]x?[üö]", r"é|ü", r"éüé", r"^éü"])
@pytest.mark.parametrize("text", ["éü", "é ü", "é  ü", "éxxü", "éxxxü", "aéxü", "aéü", "œ", "üé", "é", "x",
                                  "aé ü", "zzéü", "éüé"])
def test_gaps_of_small_patterns(pattern: str, text: str) -> None:
    gate = MojibakeGate(re.compile(pattern))
    assert gate.width is not None
    assert gate.may_be_bad(text) == bool(re.search(pattern, text))
    assert gate.may_be_bad("中" * 20 + text + "中" * 20) == bool(re.search(pattern, "中" * 20 + text + "中" * 20))
