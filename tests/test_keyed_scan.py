"""KeyedScan gives the matches of a whole-text ``finditer`` (data/keyed_scan.py)."""

from __future__ import annotations

from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from recovery_extract.data.keyed_scan import KeyedScan
from recovery_extract.data.patterns import PatternStore

ROOT = Path(__file__).resolve().parents[1]
PATTERNS = [
    r"[,;:、。!?\n]|\s-\s|(?<=[^\d\s])\.\s",
    r"\s-\s|[,;]",
    r"a|\d\.b|(?<=x)[yz]",
    r"(?<![a-z])-\w|-,",
]
ALPHABET = st.sampled_from(list(",;:、。!?\n .-\t0123456789abxyz中文") + ["\u3000", "\x1c", "\u0660"])


def _boundary() -> regex.Pattern[str]:
    from recovery_extract.resolve.indicators import IndicatorLinker

    return IndicatorLinker(PatternStore(ROOT / "patterns")).clause_boundary  # type: ignore[no-any-return]


def _same(pattern: regex.Pattern[str], text: str) -> None:
    scan = KeyedScan.for_pattern(pattern)
    assert scan is not None
    assert scan.spans(text) == [m.span() for m in pattern.finditer(text)]


def test_the_clause_boundary_has_a_scan() -> None:
    scan = KeyedScan.for_pattern(_boundary())
    assert scan is not None
    assert scan.keys["-"] == frozenset({1}) and scan.keys["。"] == frozenset({0})
    assert "," in scan.whole and "." not in scan.whole


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_the_clause_boundary_matches_as_finditer(text: str) -> None:
    _same(_boundary(), text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PATTERNS), st.lists(ALPHABET, max_size=40).map("".join))
def test_other_patterns_match_as_finditer(source: str, text: str) -> None:
    _same(regex.compile(source), text)


def test_seeds_and_samples_match_as_finditer() -> None:
    boundary = _boundary()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += ["a - b, c. D 3.5 e.\n f\u3000-\u3000g 。、", " - - -- . .. ", "-\n-\n- x.\t"]
    for text in texts:
        _same(boundary, text)


def test_no_scan_for_what_it_does_not_model() -> None:
    for source in (r"\s+-", r"(?:ab)+", r"\w", r"[^,]", r"x*", r"(a)b", r"\p{Han}"):
        assert KeyedScan.for_pattern(regex.compile(source)) is None, source
    assert KeyedScan.for_pattern(regex.compile("ab", regex.IGNORECASE)) is None
