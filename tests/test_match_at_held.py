"""``patterns.match_at`` keeps the GIL for a ``regex`` pattern (``concurrent=False``): the
same match as the pattern's own bounded ``match``."""

from __future__ import annotations

import regex
from hypothesis import given, strategies as st

from recovery_extract.data.patterns import match_at

_PATTERNS = [regex.compile(r"\s*个月"), regex.compile(r"[A-Za-z]"), regex.compile(r"(?i)\s+(?:million|bn)\b"),
             regex.compile(r"(?<=\d)\s*%")]


def _span(m: regex.Match[str] | None) -> tuple[int, int] | None:
    return None if m is None else m.span()


@given(st.text(alphabet="ab 1个月%Mmillion\n", max_size=40), st.integers(0, 45), st.integers(0, 50))
def test_match_at_is_the_bounded_match(text: str, pos: int, reach: int) -> None:
    pos = min(pos, len(text))
    for p in _PATTERNS:
        assert _span(match_at(p, text, pos, reach)) == _span(p.match(text, pos, min(len(text), pos + reach)))
