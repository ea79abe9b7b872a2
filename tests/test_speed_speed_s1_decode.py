"""The mojibake gate (prepare/decode.py) gives ftfy's answer without ftfy's whole-text search.

``MojibakeGate.may_be_bad`` must equal ``bool(BADNESS_RE.search(text))`` on every text, and
``repair_mojibake`` must equal ``ftfy.fix_encoding`` (for non-ASCII text) whatever the gate
skips. Checked on the seeds, the external cases and generated text dense in the characters
ftfy's regex is made of; and the gate must refuse (search everything) a regex it cannot
reason about.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import ftfy
import pytest
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
from hypothesis import given
from hypothesis import strategies as st

from recovery_extract.prepare.decode import MojibakeGate, _mojibake_gate, repair_mojibake


def _category_chars() -> str:
    """Every character ftfy's categories name (ranges expanded)."""
    out = []
    for chars in MOJIBAKE_CATEGORIES.values():
        out += [chr(c) for c in range(0x80, 0x3000) if re.fullmatch(f"[{chars}]", chr(c))]
    return "".join(sorted(set(out)))


_ALPHABET = _category_chars() + "ÂÃÎÐØÙΒΓΞΟВГРСЂ‚Ä√≈ā€abcxyzAZ .,?!\n\t 0中国年“”—·…,。"


def test_gate_is_active_on_ftfys_regex() -> None:
    """The analysis accepts ftfy's regex (else the speed-up silently vanishes)."""
    assert _mojibake_gate().width is not None


@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60))
def test_gate_equals_whole_search_on_mojibake_dense_text(text: str) -> None:
    assert _mojibake_gate().may_be_bad(text) == bool(BADNESS_RE.search(text))


@given(st.lists(st.sampled_from(["中国工业", "增长3.1%", " Ã", "©", "’s", "Â ", "вЂ", "\u0080", "x" * 9, "\n"]),
                max_size=12))
def test_gate_equals_whole_search_on_far_apart_pieces(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _mojibake_gate().may_be_bad(text) == bool(BADNESS_RE.search(text))


def test_repair_equals_ftfy_on_real_texts(corpus: Callable[[str], list[str]]) -> None:
    texts = corpus("dates.*.yaml") + ["sÃ³", "voilÃ le travail", "Ã", "“中国”"]
    for text in texts:
        expected = text if text.isascii() else ftfy.fix_encoding(text)
        assert repair_mojibake(text) == expected
        assert _mojibake_gate().may_be_bad(text) == bool(BADNESS_RE.search(text))


@pytest.mark.parametrize("pattern", [r"a(?=\u00e9)", r"é$", r"\bé", r"(?i)é", r"[a-z]\w", r"é+"])
def test_gate_refuses_what_it_cannot_bound(pattern: str) -> None:
    """Lookaround, ``$``, ``\\b``, case folding, a branch with no trigger-only element, an
    unbounded repeat: no gate (whole-text search), and still the right answer."""
    gate = MojibakeGate(re.compile(pattern))
    assert gate.width is None
    for text in ("aé", "é", "xy", "中é"):
        assert gate.may_be_bad(text) == bool(re.search(pattern, text))
