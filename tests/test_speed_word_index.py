"""A case-insensitive WordIndex scans with its case variants spelt out, as under re.IGNORECASE.

Issue 18: ``re`` folds every character it tests under IGNORECASE; the classes of
:func:`~recovery_extract.data.word_index._scan_body` now hold the variants themselves, so
the scan is a bitmap lookup.  It must find the positions the IGNORECASE scan found.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data.word_index import WordIndex, _ASCII_WORD_BEFORE, _bmp, _char_class, _scan_body, \
    _with_variants

TRICKY = "aAkKKsSſiIİıßẞﬀΣσςͅ  ’'-x一省"


def _reference(index: WordIndex, word_start: bool) -> re.Pattern[str]:
    return re.compile((_ASCII_WORD_BEFORE if word_start else "") + _scan_body(index.words, True, variants=False),
                      re.IGNORECASE)


@pytest.fixture(scope="module")
def indexes() -> list[tuple[WordIndex, re.Pattern[str]]]:
    p = rx.Pipeline()
    found = [(i, True) for i in p.agencies._grammar("en")._indexes] + [(p.regions._en_starts, True)]
    out = [(i, _reference(i, ws)) for i, ws in found if i.ignore_case and i.words]
    assert len(out) >= 3
    return out


@pytest.mark.parametrize("chars", [{"a"}, {"k", "s"}, {"i"}, {"é", "ü"}, {"σ"}, {"一"}])
def test_variants_are_what_ignorecase_matches(chars: set[str]) -> None:
    folded = re.compile(_char_class(chars), re.IGNORECASE)
    plain = re.compile(_char_class(_with_variants(chars)))
    assert folded.findall(_bmp()) == plain.findall(_bmp())


def _starts(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


def test_scan_matches_the_ignorecase_scan_on_the_corpus(indexes: list[tuple[WordIndex, re.Pattern[str]]],
                                                        corpus: Callable[[str], list[str]]) -> None:
    texts = corpus("*.yaml")
    for index, reference in indexes:
        assert index._scan.flags & re.IGNORECASE == 0
        for text in texts:
            assert _starts(index._scan, text) == _starts(reference, text)


@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=40))
def test_scan_matches_the_ignorecase_scan_on_any_text(indexes: list[tuple[WordIndex, re.Pattern[str]]],
                                                      text: str) -> None:
    for index, reference in indexes:
        assert _starts(index._scan, text) == _starts(reference, text)
