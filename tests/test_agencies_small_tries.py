"""The agency grammars' small lists written in place as tries find what ``\\L<name>`` found.

``Grammar(small_tries=True)`` (the default) replaces each ``\\L<name>`` of a list too
small for a DEFINEd trie (body, national and topic words) by
:func:`~recovery_extract.data.word_index.trie_regex` of its words.  Every pattern's
matches and groups must stay those of the named lists: checked on the corpus and on
drawn text, both grammars.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data.patterns import FLAGS
from recovery_extract.extract.agencies import EN_GRAMMAR, ZH_GRAMMAR
from recovery_extract.extract.agencies_grammar import Grammar
from recovery_extract.extract.regions_rules import PLAIN

_AGENCIES = rx.Pipeline().agencies
_SETUP = {"en": (EN_GRAMMAR, FLAGS, r"(?<![\w'’‘-])(?=\w)", True), "zh": (ZH_GRAMMAR, PLAIN, r"(?=\p{Han})", False)}
_NAMED: dict[str, Grammar] = {}


def _named(lang: str) -> Grammar:
    if lang not in _NAMED:
        rel, flags, start, word_start = _SETUP[lang]
        _NAMED[lang] = Grammar(_AGENCIES.store.yaml(rel), rel, flags, start, word_start=word_start,
                               small_tries=False, lists=_AGENCIES._lists[lang])
    return _NAMED[lang]


def _all(grammar: Grammar, text: str) -> list[list[tuple[tuple[int, int], dict[str, str | None]]]]:
    return [[(m.span, m.groups) for m in found] for found in grammar.finditer(text, 0, len(text))]


def _check(lang: str, texts: list[str]) -> int:
    tries, named = _AGENCIES._grammar(lang), _named(lang)
    assert "\\L<" not in tries._regex.pattern and "\\L<" in named._regex.pattern
    found = 0
    for text in texts:
        expected = _all(named, text)
        assert _all(tries, text) == expected, text[:80]
        found += sum(map(len, expected))
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_same_matches_on_the_corpus(corpus: Callable[[str], list[str]], lang: str) -> None:
    assert _check(lang, corpus("agencies*.yaml")) > 20


PIECES = ["Ministry of ", "Commerce", "COMMERCE", "Finance", "Industry and Information Technology", "Statistics",
          " Bureau", " Department", "National Bureau of Statistics", "Provincial ", "Shandong ", "State Council",
          "国家", "统计局", "工信", "局", "工业和信息化", "厅", "企业", "生产", "疫情防控", "工作", "指挥部", "省", "委", " ", "x"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10))
def test_same_matches_on_drawn_text(parts: list[str]) -> None:
    text = "".join(parts)
    _check("en", [text])
    _check("zh", [text])
