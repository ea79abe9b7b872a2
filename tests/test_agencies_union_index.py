"""The agency grammars find their list candidates with one index over the union of the lists.

``Grammar.candidates`` used one ``WordIndex`` and one ``WordAt`` per named list; it
now scans each window once with an index of all the lists' words (English lists: one
pass over the folded text, :mod:`recovery_extract.data.folded_word_starts`, where it
can read the text).  Every position where a word of a list matches must be a candidate
(a lost one could lose a name), and where the union index is used, every position the
per-list indexes vouched for: checked on the corpus and on drawn text, both grammars.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data.patterns import FLAGS, compile_regex
from recovery_extract.data.word_at import WordAt
from recovery_extract.extract.agencies_grammar import Grammar

_PIPELINE = rx.Pipeline()


def _per_list(grammar: Grammar, text: str) -> set[int]:
    lists, ignore_case, word_start = grammar._index_lists
    found: set[int] = set()
    for words, index in zip(lists, grammar._indexes[1:]):
        at = WordAt(words, ignore_case=ignore_case)
        found |= {i for i in index.starts(text, 0, len(text)) if at.may_start(text, i)}
    return found


def _word_starts(grammar: Grammar, text: str) -> set[int]:
    """Where a word of one of the grammar's lists matches (after no word character in English)."""
    lists, ignore_case, word_start = grammar._index_lists
    before = r"(?<![\w'’‘-])" if word_start else ""
    found: set[int] = set()
    for words in lists:
        pattern = compile_regex(before + r"\L<words>", "test", FLAGS if ignore_case else 0, words=words)
        found |= {m.start() for m in pattern.finditer(text, overlapped=True)}
    return found


def _check(lang: str, texts: list[str]) -> None:
    grammar = _PIPELINE.agencies._grammar(lang)
    for text in texts:
        candidates = set(grammar.candidates(text, 0, len(text)))
        assert _word_starts(grammar, text) <= candidates, text[:60]
        if grammar._folded is None or grammar._folded.starts(text) is None:
            assert _per_list(grammar, text) <= candidates, text[:60]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_list_candidate_is_lost_on_the_corpus(corpus: Callable[[str], list[str]], lang: str) -> None:
    _check(lang, corpus("agencies*.yaml"))


PIECES = ["Shandong", "shandong", "Xi'an", "Province", "Industry", "Ministry", "of", " ", "-", "’", "K", "\u212a",
          "济南", "市", "工信", "局", "企业", "疫情防控", "指挥部", "国家", "统计局", "x", "é"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_no_list_candidate_is_lost_on_drawn_text(parts: list[str]) -> None:
    text = "".join(parts)
    _check("en", [text])
    _check("zh", [text])
