"""``held_match_at`` gives the matches of ``patterns.match_at`` (it only keeps the GIL)."""

from __future__ import annotations

import regex
from hypothesis import given, strategies as st

from recovery_extract.data.held_match_at import held_match_at
from recovery_extract.data.patterns import match_at

_PATTERNS = [regex.compile(r"\s*个月"), regex.compile(r"[A-Za-z]"), regex.compile(r"(?i)\s+(?:million|bn)\b"),
             regex.compile(r"(?<=\d)\s*%")]


def _span(m: regex.Match[str] | None) -> tuple[int, int] | None:
    return None if m is None else m.span()


@given(st.text(alphabet="ab 1个月%Mmillion\n", max_size=40), st.integers(0, 45), st.integers(0, 50))
def test_held_match_at_is_match_at(text: str, pos: int, reach: int) -> None:
    pos = min(pos, len(text))
    for p in _PATTERNS:
        assert _span(held_match_at(p, text, pos, reach)) == _span(match_at(p, text, pos, reach))


def test_reach_bounds_the_match() -> None:
    unit = regex.compile(r"\s*个月")
    text = "增长5" + " " * 10 + "个月"
    assert held_match_at(unit, text, 3, 20).group() == " " * 10 + "个月"
    assert held_match_at(unit, text, 3, 5) is None
