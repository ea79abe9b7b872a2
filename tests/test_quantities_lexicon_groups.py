"""The lexicon pieces of the quantity grammar, grouped by first character, match as the flat lists did.

``quantities_grammar._alternation`` writes a word list (unit surfaces, counters,
currencies before a number) as one group per first character instead of one flat
longest-first alternation.  That is only the same pattern if no character can be
the first character of words of two groups (then at one position only one group's
words can match, in their old order).  Checked here over every code point for the
lists the grammar is built from, and by comparing the grouped and flat pieces
match by match on the words themselves, their case variants and generated text.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from recovery_extract.data.patterns import FLAGS, default_store, simple_case
from recovery_extract.extract import quantities_grammar as qg
from recovery_extract.extract.numbers import NumberGrammar

_Lexicon = tuple[tuple[str, ...], bool]


def _lexicons() -> list[_Lexicon]:
    """The word lists (and their ``spaced`` flag) the grammar builds its pieces from."""
    seen: list[_Lexicon] = []
    original = qg._alternation

    def record(words: Iterable[str], spaced: bool = False) -> str:
        listed = tuple(words)
        seen.append((listed, spaced))
        return original(listed, spaced)

    store = default_store()
    qg._alternation = record
    try:
        qg.load_grammar(store, NumberGrammar(store))
    finally:
        qg._alternation = original
    return [lex for lex in seen if lex[0]]


LEXICONS = _lexicons()


def _flat(words: Iterable[str], spaced: bool) -> str:
    """The alternation as it was written before grouping: one branch per word, longest first."""
    out = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        piece = qg._piece(w, spaced)
        out.append((r"(?<![a-z])" if spaced and w[:1].isalpha() else "") + piece)
    return "(?:" + "|".join(out) + ")"


def _compile(piece: str) -> regex.Pattern[str]:
    # in a pattern as the grammar uses it: a group to read back, then whatever follows
    return regex.compile(simple_case(f"(?P<unit>{piece})(?P<rest>\\w*)", FLAGS), FLAGS)


def _every_char() -> str:
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def _groups(words: Iterable[str]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for w in words:
        if w:
            groups.setdefault(qg.first_key(w), set()).add(w[0])
    return groups


def test_the_grammar_has_lexicons() -> None:
    assert len(LEXICONS) >= 5 and any(spaced for _, spaced in LEXICONS)


def _class(key: str, firsts: set[str]) -> str:
    # a spaced word's leading space run matches any space
    return r"\s" if key == " " else "[" + "".join(regex.escape(c) for c in sorted(firsts)) + "]"


def test_no_character_begins_words_of_two_groups() -> None:
    everything = _every_char()
    for words, _ in LEXICONS:
        groups = {key: regex.compile(simple_case(_class(key, firsts), FLAGS), FLAGS)
                  for key, firsts in _groups(words).items()}
        any_first = regex.compile(simple_case("|".join(p.pattern.removeprefix("(?-f)") for p in groups.values()),
                                              FLAGS), FLAGS)
        for c in set(any_first.findall(everything)):
            owners = [key for key, p in groups.items() if p.fullmatch(c)]
            assert len(owners) == 1, (c, owners)


def _probes(words: Iterable[str]) -> Iterator[str]:
    for w in words:
        for form in {w, w.upper(), w.title(), w.swapcase()}:
            yield form
            yield form + "s and more"
            yield "x" + form
            yield " " + form
            yield form[:-1]


@pytest.mark.parametrize("index", range(len(LEXICONS)))
def test_grouped_and_flat_match_alike_on_the_words(index: int) -> None:
    words, spaced = LEXICONS[index]
    grouped, flat = _compile(qg._alternation(words, spaced)), _compile(_flat(words, spaced))
    for text in _probes(words):
        for pos in range(min(len(text), 3)):
            a, b = grouped.match(text, pos), flat.match(text, pos)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), (text, pos)


@st.composite
def _texts(draw: st.DrawFn) -> tuple[int, str]:
    index = draw(st.integers(0, len(LEXICONS) - 1))
    words = sorted(set(LEXICONS[index][0]))
    parts = st.one_of(st.sampled_from(words), st.sampled_from([" ", ".", "$", "-", "s", "K", "\u212a", "ſ", "1"]))
    return index, "".join(draw(st.lists(parts, max_size=6)))


@given(_texts())
def test_grouped_and_flat_match_alike_on_generated_text(drawn: tuple[int, str]) -> None:
    index, text = drawn
    words, spaced = LEXICONS[index]
    grouped, flat = _compile(qg._alternation(words, spaced)), _compile(_flat(words, spaced))
    for pos in range(len(text)):
        a, b = grouped.match(text, pos), flat.match(text, pos)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), (text, pos)
