"""The cheap checks before the quantity extractor's small regex calls (extract/quantities.py:
a character at a position, a hyphen before a number, a quote or stamp character in the window,
a space before an English approximation word) hold wherever the regex they spare matches."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import regex
from hypothesis import given, strategies as st

import recovery_extract as rx
from recovery_extract.data.patterns import match_at

Q = sys.modules["recovery_extract.extract.quantities"]

_PIECES = [" ", "  ", "\n", "\t", "\xa0", "\u3000", "\x1c", "-", "+", "-plus", ",", ",5", ",12", ".", ")", ". A",
           ") B", ":", "12:30", "2020-04-29", "“", "”", '"', "a", "Z", "é", "ı", "5", "12", "1999", "2019-", "x-",
           "中", "about ", "over ", "nearly ", "more than ", "近", "约", "#"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


def _searched_before(rx_: Any, back: int) -> Callable[[str, int], bool]:
    return lambda text, i: rx_.search(text, max(0, i - back), i, False) is not None


def _matched_at(rx_: Any) -> Callable[[str, int], bool]:
    return lambda text, i: match_at(rx_, text, i, 128) is not None


#: (what the regex call answers, the check made before it: must hold wherever the call matches)
_PAIRS: list[tuple[str, Callable[[str, int], bool], Callable[[str, int], bool]]] = [
    ("letter", _matched_at(Q._LETTER), Q._letter_at),
    ("letter, the other way (_letter_at replaces the call)", Q._letter_at, _matched_at(Q._LETTER)),
    ("code before", _searched_before(Q._CODE_BEFORE, 2), Q._hyphen_before),
    ("year hyphen before", _searched_before(Q._YEAR_HYPHEN_BEFORE, 5), Q._hyphen_before),
    ("digit hyphen before", _searched_before(Q._DIGIT_HYPHEN_BEFORE, 2), Q._hyphen_before),
    ("plus", _matched_at(Q._PLUS), lambda t, i: t.startswith(("-", "+"), i)),
    ("hyphen digit", _matched_at(Q._HYPHEN_DIGIT_AFTER), lambda t, i: t.startswith("-", i)),
    ("decimal comma", _matched_at(Q._DECIMAL_COMMA), lambda t, i: t.startswith(",", i)),
    ("list item", _matched_at(Q._LIST_ITEM), lambda t, i: t.startswith((".", ")"), i)),
    ("stamp", _searched_before(Q._AFTER_STAMP, 24), lambda t, i: ":" in t[max(0, i - 24):i] or "-" in t[max(0, i - 24):i]),
    ("quote", _searched_before(Q._QUOTE_OPEN, 31), lambda t, i: '"' in t[max(0, i - 31):i] or "“" in t[max(0, i - 31):i]),
]


def _broken(text: str) -> list[str]:
    return [f"{name} at {i} in {text!r}" for name, call, check in _PAIRS for i in range(len(text) + 1)
            if call(text, i) and not check(text, i)]


@given(_TEXT)
def test_checks_hold_where_the_calls_match(text: str) -> None:
    assert not _broken(text)


def test_checks_hold_over_the_corpus(pipeline: rx.Pipeline, corpus: Callable[[str], list[str]]) -> None:
    bad = [b for t in corpus("quantities.*.yaml")[:400] for b in _broken(pipeline.normalise(t).text)]
    assert not bad, "\n".join(bad[:20])


@given(_TEXT, _TEXT)
def test_english_approximation_before(pipeline: rx.Pipeline, before: str, after: str) -> None:
    """``_approx_before(..., "en")`` answers as the plain window search does."""
    q = pipeline.quantities
    text = before + "5" + after
    for start in range(len(text)):
        window_start = max(0, start - Q._WINDOW)
        m = q.g.before_approx["en"].search(text[window_start:start + 1], None, None, False)
        expected = None if m is None else Q.approx_meaning(q.g, "en.before", text, window_start + m.start("approx"),
                                                           window_start + m.end("approx"))
        assert q._approx_before(text, start, "en") == expected, (text, start)


def test_regex_spaces_are_python_spaces() -> None:
    space = regex.compile(r"\s")
    assert all(chr(c).isspace() for c in range(sys.maxunicode + 1) if space.match(chr(c)))
