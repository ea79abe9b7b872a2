"""The English numeral grammar tried only at whole words of its tables (``_whole_word_starts``)
finds what a plain ``finditer`` over the whole text finds."""

from __future__ import annotations

from hypothesis import given, strategies as st

from recovery_extract.data.word_index import gated_finditer
from recovery_extract.extract.numbers import default_grammar

_PIECES = ["a", "an", "and", "A", "An", "the", "thesis", "ten", "tens", "Tenth", "three", "threefold", "hundred",
           "hundreds", "thousand", "thouſand", "ſeven", "Kelvin", "\u212aelvin", "minus", "negative", "half",
           "quarter", "quarters", "dozen", "million", "Millions", "bn", "point", "five", "fifty", "-", " ", "  ",
           "\n", ",", ".", "1", "23", "4.5", "1,000", "½", "é", "İ", "ı", "中", "五", "x", "_", "'"]


def _plain(text: str) -> list[tuple[int, int]]:
    g = default_grammar()
    return [m.span() for m in g._en_re.finditer(text)]


def _gated(text: str) -> list[tuple[int, int]]:
    g = default_grammar()
    return [m.span() for m in gated_finditer(g._en_re, text, g._whole_word_starts(text))]


@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_whole_word_starts_lose_no_match(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _gated(text) == _plain(text), text


def test_examples() -> None:
    for text in ["a hundred and five", "an eighth", "and then three thousand", "thesis ten", "thouſand",
                 "Three Quarters of them", "negative five", "the 1,000 firms", "tens of thousands", ""]:
        assert _gated(text) == _plain(text), text


def test_the_check_skips_words_outside_the_tables() -> None:
    g = default_grammar()
    text = "and thesis then seven"
    assert list(g._whole_word_starts(text)) == [text.index("seven")]
