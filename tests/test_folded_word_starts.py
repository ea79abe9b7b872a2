"""The folded-text finder of English names gives every start the names regex matches at.

Generated texts mix gazetteer names in any case, their neighbours (apostrophes, hyphens,
dotted domains), and the characters the finder must refuse to read (cased non-ASCII:
ü, the Kelvin sign, ß, İ, ſ); where it reads a text, the matches tried at its candidates
are the whole-text matches of the regions' names regex.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recovery_extract import Pipeline
from recovery_extract.data.folded_word_starts import FoldedWordStarts
from recovery_extract.data.word_index import gated_finditer
from recovery_extract.extract.regions import RegionExtractor

REGIONS = next(e for e in Pipeline().extractors if isinstance(e, RegionExtractor))
FINDER = REGIONS._en_folded
SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
NAMES = ["Beijing", "beijing", "BEIJING", "Shanghai", "the Netherlands", "The netherlands", "Inner Mongolia",
         "Anhui", "Xi'an", "Xi’an", "Luliang", "Turkiye", "Hong Kong", "Guangdong Province",
         "Shenzhen City", "Pei County", "India", "Indonesia", "Chengdu", "Sichuan"]
PLAIN = [*NAMES, " ", "  ", "\n", ",", ".", "-", "'", "’", "‘", "_", "a", "x", "1", "the", "and", "in", ".gov", ".com",
         "“", "”", "中", "省", "ı", "\u00b4"]
CASED = ["Lüliang", "Türkiye", "ü", "\u212a", "ß", "İ", "ſ", "é"]


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


def _check(text: str) -> bool:
    """Whether the finder read ``text``; when it did, its candidates lose no match."""
    assert FINDER is not None
    starts = FINDER.starts(text)
    if starts is None:
        return False
    names = REGIONS._en_names()
    whole = _spans(names.finditer(text))
    assert {s for s, _ in whole} <= set(starts)
    assert _spans(gated_finditer(names, text, starts)) == whole
    return True


@given(st.lists(st.sampled_from(PLAIN), max_size=40))
def test_candidates_hold_every_match(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _check(text) or "ı" in text  # (the dotless i is a cased character)


@given(st.lists(st.sampled_from(PLAIN + CASED), max_size=40))
def test_candidates_hold_every_match_or_none_are_given(pieces: list[str]) -> None:
    _check("".join(pieces))


@pytest.mark.parametrize("text", ["Beijing and Shanghai", "beijing-based", "Xi'an, Hong Kong SAR", "in India."])
def test_reads_plain_english(text: str) -> None:
    assert _check(text)


@pytest.mark.parametrize("char", ["ü", "Ü", "\u212a", "ß", "İ", "ſ", "é", "\U00010400"])
def test_refuses_a_text_with_a_cased_non_ascii_character(char: str) -> None:
    assert FINDER is not None and FINDER.starts(f"Beijing {char} Shanghai") is None


def test_refuses_words_an_ascii_text_may_match_in_other_forms() -> None:
    assert FoldedWordStarts.for_words(["kelvin", "\u212aelvin"]) is None  # the Kelvin sign folds to k
    assert FoldedWordStarts.for_words(["straße"]) is None  # ß folds to ss
    finder = FoldedWordStarts.for_words(["lüliang", "beijing"])
    assert finder is not None and finder.starts("Luliang, Beijing") == [9]  # ü never matches u


def test_the_seeds() -> None:
    assert sum(_check(p.read_text(encoding="utf-8")) for p in SEEDS) >= 3
