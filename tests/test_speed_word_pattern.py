"""A word list as a gated trie (data/word_pattern.py) matches as the named-list regex does.

:class:`WordPattern` replaced ``\\L<zh>|(?<![A-Za-z])\\L<en>...`` for the indicator cue
words; it must give the same matches in every window, for search and fullmatch too,
whatever the text (case variants, letters that fold to ASCII, words inside words).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recovery_extract.data.patterns import PatternStore, compile_regex
from recovery_extract.data.word_pattern import SHORT_TEXT, WordPattern

WORDS = ["增加值", "增加", "工业增加值", "开工率", "用电量", "output", "operating rate", "rate",
         "exports", "export", "power use", "yoy", "y-o-y"]
SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def _listed(words: list[str], plurals: bool) -> object:
    """The named-list form WordPattern replaced (the reference for its matches)."""
    zh = sorted({w for w in words if not w.isascii()}, key=len, reverse=True)
    en = sorted({w.lower() for w in words if w.isascii()}, key=len, reverse=True)
    tail = r"(?:e?s)?(?![A-Za-z])" if plurals else r"(?![A-Za-z])"
    return compile_regex(r"\L<zh>|(?<![A-Za-z])\L<en>" + tail, "test", zh=zh, en=en)


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


PIECES = st.sampled_from(WORDS + ["Output", "OUTPUTS", "rates", "ratex", "xrate", "İ", "ſ", "K", " ", ",",
                                  "的", "率", "增", "a", "s", "es", "1", "\n"])


@pytest.mark.parametrize("plurals", [False, True])
@given(pieces=st.lists(PIECES, max_size=60), cut=st.tuples(st.integers(0, 400), st.integers(0, 400)))
def test_same_matches_as_the_named_list_in_every_window(plurals: bool, pieces: list[str],
                                                        cut: tuple[int, int]) -> None:
    words = WordPattern(WORDS, "test", plurals=plurals)
    listed = _listed(WORDS, plurals)
    text = "".join(pieces)
    pos, end = min(cut), max(cut)
    assert _spans(words.finditer(text, pos, end)) == _spans(listed.finditer(text, pos, min(end, len(text))))  # type: ignore[attr-defined]
    assert _spans(words.finditer(text)) == _spans(listed.finditer(text))  # type: ignore[attr-defined]
    first = listed.search(text, pos, min(end, len(text)))  # type: ignore[attr-defined]
    found = words.search(text, pos, end)
    assert (found and found.span()) == (first and first.span())
    for word in pieces:
        assert bool(words.fullmatch(word)) == bool(listed.fullmatch(word))  # type: ignore[attr-defined]


def test_the_indicator_cues_match_alike_on_the_seeds() -> None:
    vocab = PatternStore().yaml("indicators/metrics.yaml")
    cues = [str(c) for m in vocab["metrics"] for c in [*(m.get("zh") or []), *(m.get("en") or [])]]
    words, listed = WordPattern(cues, "cues", plurals=True), _listed(cues, True)
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        assert len(text) > SHORT_TEXT  # the gated path is the one tried
        for pos in range(0, len(text), 37):
            end = min(len(text), pos + 150)
            assert _spans(words.finditer(text, pos, end)) == _spans(listed.finditer(text, pos, end))  # type: ignore[attr-defined]


def test_an_empty_list_matches_nothing() -> None:
    words = WordPattern([], "empty")
    assert words.search("anything at all, 任何") is None
    assert list(words.finditer("x" * 200)) == []


def _gated_patterns() -> list[tuple[str, object]]:
    """The data patterns scanned through a GatedRegex, with their plain compiled form."""
    from recovery_extract.extract.regions_rules import RegionRules as ExtractRules
    from recovery_extract.resolve.indicator_regions import RegionRules

    store = PatternStore()
    rules, extract_rules = RegionRules(store), ExtractRules.load(store)
    return [("region_group", rules.group), ("region_list_reference", rules.list_reference),
            ("footer_line", extract_rules.footer)]


GROUP_PIECES = st.sampled_from(["12个省份", "五省区", "three provinces", "THE 31 Cities", "those 3 cities",
                                "上述三市", "东部地区", "长三角", "© 2024", "(C) 2023", "Copyright", "版权所有",
                                "1", "x", " ", "的", "\n", "other", "2"])


@given(pieces=st.lists(GROUP_PIECES, max_size=50), cut=st.tuples(st.integers(0, 300), st.integers(0, 300)))
def test_gated_data_patterns_match_as_the_plain_ones(pieces: list[str], cut: tuple[int, int]) -> None:
    text = "".join(pieces)
    pos, end = min(cut), min(max(cut), len(text))
    for _, gated in _gated_patterns():
        plain = gated.regex  # type: ignore[attr-defined]
        assert gated._gate is not None  # type: ignore[attr-defined]  # the gate is what is tested
        assert _spans(gated.finditer(text, pos, end)) == _spans(plain.finditer(text, pos, max(pos, end)))  # type: ignore[attr-defined]


def test_gated_data_patterns_match_alike_on_the_seeds() -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        for _, gated in _gated_patterns():
            assert _spans(gated.finditer(text)) == _spans(gated.regex.finditer(text))  # type: ignore[attr-defined]
