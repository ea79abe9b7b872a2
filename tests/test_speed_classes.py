"""Character-class patterns run by the standard ``re`` module match as ``regex`` did.

``data/patterns.compile_class`` hands a plain class (``[...]``, ``(?:[...])+``) to ``re``,
which tests it with a bitmap (issue 18); anything else stays with ``regex``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data.patterns import compile_class


@pytest.mark.parametrize("pattern", [
    "[abc]", "[^\\u200b-\\u200f]+", "(?:[A-Za-z])+", "[！＂＃\\[\\]\\\\\\-\\^]", "[a&b|c~d-]*",
])
def test_plain_classes_go_to_re(pattern: str) -> None:
    assert isinstance(compile_class(pattern, "test"), re.Pattern)


@pytest.mark.parametrize("pattern", [
    r"\p{Han}", r"(?:\p{Han})+", r"[\w]", r"[[a-z]--[aeiou]]", r"[a-z&&[^q]]", r"[a||b]", r"[a~~b]",
    r"(?:[a-z])?x", r"[a-z]{2}", r"[a-z]|b", r"(?<=x)[a-z]", r"[\d]+",
])
def test_other_patterns_stay_with_regex(pattern: str) -> None:
    assert isinstance(compile_class(pattern, "test"), type(regex.compile("")))


@pytest.fixture(scope="module")
def class_patterns() -> list[tuple[re.Pattern[str], object]]:
    """Every ``re`` class pattern of a Pipeline's normaliser and language detector, with the
    ``regex`` pattern it replaces."""
    p = rx.Pipeline()
    found = [p.normalise._drop, p.normalise._fold_re, *p.detect_language._runs]
    out = [(c, regex.compile(c.pattern)) for c in found if isinstance(c, re.Pattern)]
    assert len(out) >= 3
    return out


def _spans(pattern: object, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]  # type: ignore[attr-defined]


def test_classes_match_the_same_on_the_corpus(class_patterns: list[tuple[re.Pattern[str], object]],
                                              corpus: Callable[[str], list[str]]) -> None:
    for text in corpus("*.yaml"):
        for fast, slow in class_patterns:
            assert _spans(fast, text) == _spans(slow, text), fast.pattern


# Members of the classes (full-width forms, invisible and control characters, letters) and
# their neighbours.
_NEAR = st.one_of(st.integers(0, 0x250), st.integers(0x2000, 0x2070), st.integers(0x3000, 0x3010),
                  st.integers(0xFE30, 0xFF70), st.integers(0x4E00, 0x4E10)).map(chr)


@given(st.lists(_NEAR, max_size=40).map("".join))
def test_classes_match_the_same_on_any_text(class_patterns: list[tuple[re.Pattern[str], object]],
                                            text: str) -> None:
    for fast, slow in class_patterns:
        assert _spans(fast, text) == _spans(slow, text), fast.pattern
