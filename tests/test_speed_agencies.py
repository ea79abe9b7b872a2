"""The agency grammar's guarded trie calls find what the unguarded calls found (issue 18)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import recovery_extract as rx
from recovery_extract.extract.agencies import EN_GRAMMAR, ZH_GRAMMAR
from recovery_extract.extract.agencies_grammar import Grammar
from recovery_extract.extract.regions_rules import PLAIN
from recovery_extract.data.patterns import FLAGS


def _all(grammar: Grammar, text: str) -> list[list[tuple[tuple[int, int], dict[str, str | None]]]]:
    return [[(m.span, m.groups) for m in found] for found in grammar.finditer(text, 0, len(text))]


@pytest.mark.parametrize(("lang", "rel", "flags", "start", "word_start"), [
    ("en", EN_GRAMMAR, FLAGS, r"(?<![\w'’‘-])(?=\w)", True),
    ("zh", ZH_GRAMMAR, PLAIN, r"(?=\p{Han})", False),
])
def test_guarded_grammar_matches_the_unguarded_one(corpus: Callable[[str], list[str]], lang: str, rel: str,
                                                   flags: int, start: str, word_start: bool) -> None:
    agencies = rx.Pipeline().agencies
    lists = agencies._lists[lang]
    data = agencies.store.yaml(rel)
    guarded = agencies._grammar(lang)
    plain = Grammar(data, rel, flags, start, word_start=word_start, guard=0, lists=lists)
    assert len(guarded._regex.pattern) > len(plain._regex.pattern)  # the guards are there
    found = 0
    for text in corpus("agencies*.yaml"):
        expected = _all(plain, text)
        assert _all(guarded, text) == expected, text[:80]
        found += sum(map(len, expected))
    assert found > 20
