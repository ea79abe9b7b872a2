"""The word-by-word scan of a spaced text (``data/word_run_starts.py``) gives the candidates
of the English numeral gate checked run by run in Python, and so the matches of a plain
``finditer`` over the whole text."""

from __future__ import annotations

from hypothesis import given, strategies as st

from recovery_extract.data.word_index import gated_finditer
from recovery_extract.extract.numbers import default_grammar

_PIECES = ["a", "an", "and", "A", "An", "AND", "the", "thesis", "ten", "tens", "Tenth", "three", "threefold",
           "hundred", "hundreds", "thousand", "thouſand", "ſeven", "Kelvin", "\u212aelvin", "minus", "negative",
           "half", "quarter", "quarters", "dozen", "million", "Millions", "bn", "point", "five", "fifty", "FIVE",
           "-", " ", "  ", "\n", "\t", ",", ".", "1", "23", "4.5", "1,000", "½", "é", "İ", "ı", "中", "五", "x", "_",
           "'", "(", "\u3000", "\u2014", "\uff08", "é1"]


def _both(text: str) -> tuple[list[int], list[int]]:
    g = default_grammar()
    assert g._en_runs is not None
    return g._en_runs.starts(text), list(g._checked_starts(text))


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_same_candidates_as_the_checked_gate(pieces: list[str]) -> None:
    text = "".join(pieces)
    new, old = _both(text)
    assert new == old, text


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_same_matches_as_a_plain_scan(pieces: list[str]) -> None:
    g = default_grammar()
    text = "".join(pieces)
    assert g._en_runs is not None
    plain = [m.span() for m in g._en_re.finditer(text)]
    assert [m.span() for m in gated_finditer(g._en_re, text, g._en_runs.starts(text))] == plain, text


def test_examples() -> None:
    for text in ["a hundred and five", "an eighth", "and then three thousand", "thesis ten", "thouſand",
                 "Three Quarters of them", "negative five", "the 1,000 firms", "tens of thousands", "", "five",
                 "x.five", "5five", "中五", "ſeven days", "one", " one", "one.", ".5 and ½"]:
        new, old = _both(text)
        assert new == old, text


def test_every_first_word_passes_the_gate() -> None:
    """The scan takes a whole word of the list without asking the gate: each must pass it."""
    g = default_grammar()
    assert g._en_first_words is not None
    for w in g._en_first_words:
        for text in (w, w.upper(), w.title()):
            assert list(g._en_starts.starts(text)) == [0], w


def test_spaced_texts_only() -> None:
    g = default_grammar()
    assert g._en_runs is not None
    assert g._en_runs.suits("rose 5 percent in the first quarter")
    assert not g._en_runs.suits("同比增长5.2%,比上月加快0.3个百分点")
