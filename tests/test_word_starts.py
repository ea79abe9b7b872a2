"""The candidates of data/word_starts.py hold every start of a word pattern's matches.

:class:`WordStarts` decides where :class:`WordPattern` calls ``regex``: a start it misses
is a match lost. Every match of the named-list form must start at one of its candidates,
in any window, in the folded text and in an ASCII window (the faster English scan); and
the gated pattern gives the named list's matches on texts long enough to be gated.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recovery_extract.data.patterns import compile_regex, fold_ascii
from recovery_extract.data.word_pattern import SHORT_TEXT, WordPattern
from recovery_extract.data.word_starts import WordStarts

WORDS = ["增加值", "增加", "工业增加值", "率", "GDP增速", "output", "operating rate", "rate",
         "exports", "export", "power use", "yoy", "y-o-y", "a"]
PIECES = st.sampled_from(WORDS + ["Output", "OUTPUTS", "rates", "ratex", "xrate", "gdp增速", "İ", "ſ", "K",
                                  "\u212a", " ", ",", "的", "增", "a", "s", "es", "1", "\n", "’", "-"])


def _listed(words: list[str], plurals: bool) -> object:
    """The named-list form of the word pattern (the reference for its matches)."""
    zh = sorted({w for w in words if not w.isascii()}, key=len, reverse=True)
    en = sorted({w.lower() for w in words if w.isascii()}, key=len, reverse=True)
    tail = r"(?:e?s)?(?![A-Za-z])" if plurals else r"(?![A-Za-z])"
    return compile_regex(r"\L<zh>|(?<![A-Za-z])\L<en>" + tail, "test", zh=zh, en=en)


@given(pieces=st.lists(PIECES, max_size=80), cut=st.tuples(st.integers(0, 400), st.integers(0, 400)),
       plurals=st.booleans())
def test_every_match_starts_at_a_candidate(pieces: list[str], cut: tuple[int, int], plurals: bool) -> None:
    text = "".join(pieces)
    pos, end = min(cut), min(max(cut), len(text))
    hay = fold_ascii(text)
    assert hay is not None
    starts = WordStarts.for_words([w for w in WORDS if not w.isascii()],
                                  {w.lower() for w in WORDS if w.isascii()}, ignore_case=True)
    assert starts is not None
    candidates = set(starts.starts(hay, pos, end)) if pos < end else set()
    listed = _listed(WORDS, plurals)
    for m in listed.finditer(text, pos, end, overlapped=True):  # type: ignore[attr-defined]
        assert m.start() in candidates


@given(pieces=st.lists(PIECES, min_size=1, max_size=60), cut=st.tuples(st.integers(0, 400), st.integers(0, 400)),
       plurals=st.booleans(), ascii_only=st.booleans())
def test_gated_matches_are_the_named_lists(pieces: list[str], cut: tuple[int, int], plurals: bool,
                                           ascii_only: bool) -> None:
    if ascii_only:
        pieces = [p for p in pieces if p.isascii()] or ["rate"]
    text = "".join(pieces)
    text = (text * (SHORT_TEXT // len(text) + 1)) if len(text) < SHORT_TEXT else text
    pos, end = min(cut), max(cut)
    words, listed = WordPattern(WORDS, "test", plurals=plurals), _listed(WORDS, plurals)
    spans = [m.span() for m in words.finditer(text, pos, end)]
    assert spans == [m.span() for m in listed.finditer(text, pos, min(end, len(text)))]  # type: ignore[attr-defined]
    assert [m.span() for m in words.finditer(text)] == [m.span() for m in listed.finditer(text)]  # type: ignore[attr-defined]


def test_a_word_start_at_the_text_start_in_an_ascii_window() -> None:
    starts = WordStarts.for_words([], ["rate", "output"], ignore_case=True)
    assert starts is not None
    assert starts.starts("rate and output rates, xrate", 0, 28) == [0, 9, 16]
    assert starts.starts("rate and output rates, xrate", 1, 28) == [9, 16]
    assert starts.starts("rate and output rates, xrate", 9, 28) == [9, 16]


def test_no_finder_for_cased_non_ascii_words() -> None:
    assert WordStarts.for_words(["Éxport"], [], ignore_case=True) is None
    assert WordStarts.for_words([], ["rate"], ignore_case=False) is None
    assert WordStarts.for_words(["增加值"], ["rate"], ignore_case=True) is not None
