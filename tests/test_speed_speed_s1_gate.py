"""Literal gates (data/patterns.py) find the same matches as a whole-text scan.

A :class:`LiteralGate` tries a pattern only where one of the literal prefixes read off it
starts (in the text lower-cased by :func:`fold_ascii`).  It is exact only if (1) every match
starts with one of the prefixes, whatever the case of the text, and (2) the folding maps
every character ``regex`` matches with an ASCII letter onto that letter.  Both are checked
here: (2) over every code point, (1) on the date anchors over the seeds, the external cases
and date-dense generated text, and on generated patterns of the shapes the analysis reads.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data.patterns import FLAGS, LiteralGate, fold_ascii, literal_prefixes, simple_case


def _whole(compiled: regex.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in compiled.finditer(text)]


def _gated(gate: LiteralGate, compiled: regex.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in gate.finditer(compiled, text)]


def test_folding_covers_every_code_point_regex_equates_with_an_ascii_letter() -> None:
    chars = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for m in regex.compile(simple_case(letter, FLAGS), FLAGS).finditer(chars):
            assert fold_ascii(m.group()) == letter, hex(ord(m.group()))


def test_folding_keeps_positions() -> None:
    text = "İstanbul ſeptember KELVIN K 年月 Ǆ"
    folded = fold_ascii(text)
    assert folded is not None and len(folded) == len(text)
    assert folded.startswith("istanbul september kelvin k")


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?<=[0-9])(?:st|nd)", {"st", "nd"}),
    (r"(?<![a-z])(?:january|May)|q[1-4]", {"jan", "may", "q1", "q2", "q3", "q4"}),
    (r"\bthan\s+x|(?:com|vs)", {"tha", "com", "vs"}),
    (r"年|(?P<m>月份?)", {"年", "月份", "月"}),
    (r"ab?c", {"ab", "ac"}),
    (r"a?b", {"a", "b"}),
    (r"(?P<d>[0-9])x|(?P<d>y)", {"0x", "1x", "2x", "3x", "4x", "5x", "6x", "7x", "8x", "9x", "y"}),
    (r"(?:a|)b", {"ab", "b"}),
    (r"(?:ab){2}", {"ab"}),
])
def test_prefixes_read_off_patterns(pattern: str, expected: set[str]) -> None:
    assert literal_prefixes(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"\w+", r"a?.", r".x", r"[^a]b", r"[a-z]+", r"(?:a|)\d", r"x*", r"[[a-z]--[b]]c", r"(?:ab){e<=1}",
    r"\p{Han}", r"\L<missing>", r"(?:É|x)y",
])
def test_no_prefixes_for_patterns_that_may_start_anywhere(pattern: str) -> None:
    assert literal_prefixes(pattern) is None


def test_named_lists_are_read_as_their_words() -> None:
    assert literal_prefixes(r"(?<![a-z])\L<m>", {"m": ["march", "may"]}) == {"mar", "may"}


def test_date_anchor_gates_exist_and_equal_the_whole_scan(pipeline: rx.Pipeline,
                                                          corpus: Callable[[str], list[str]]) -> None:
    families = pipeline.dates.grammar.families
    assert all(f.gate is not None for f in families), "an anchor lost its gate: a speed regression"
    for text in corpus("dates.*.yaml"):
        norm = pipeline.normalise(text).text
        for family in families:
            assert family.anchors(norm) == _whole(family.anchor, norm)


_PIECES = ["January", "JAN", "jan", "feb", "Mar", "may", "ſeptember", "İ", "Kelvin", "q1", "Q4", "1st", "2nd",
           "23rd", "4th", "the", "end of", "early", "mid-", "late", "10:30", "ten days", "half", "H1", "annual",
           "year", "CY", "month", "today", "Monday", "年", "月", "日", "号", "季度", "旬", "星期", "2022", "12.5",
           "3/4", "1·2", "aJan", "xFeb", " ", "\n", ",", "-", "5"]


@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_date_anchor_gates_equal_the_whole_scan_on_generated_text(pipeline: rx.Pipeline, pieces: list[str]) -> None:
    text = "".join(pieces)
    for family in pipeline.dates.grammar.families:
        assert family.anchors(text) == _whole(family.anchor, text)


_ATOMS = ["ab", "Q[1-4]", "(?<=[0-9])th", "(?<![a-z])may", "x?", "[kK]m", "c(?:at|ow)", "(?:ſa|b)", "年", "d+",
          r"\s", "(?-i:Jan)", "i", "e{2}", "[0-9]"]


@given(st.lists(st.lists(st.sampled_from(_ATOMS), min_size=1, max_size=3), min_size=1, max_size=3),
       st.lists(st.sampled_from(["ab", "AB", "Q2", "9th", "May", "İ", "ſ", "K", "km", "cat", "COW", "年", "dd",
                                  " ", "x", "ee", "Jan", "jan", "7", "ı"]), max_size=20))
def test_generated_patterns_gate_exactly(branches: list[list[str]], pieces: list[str]) -> None:
    source = "|".join("".join(b) for b in branches)
    compiled = regex.compile(simple_case(source, FLAGS), FLAGS)
    gate = LiteralGate.for_pattern(source)
    if gate is None:
        return
    text = "".join(pieces)
    assert _gated(gate, compiled, text) == _whole(compiled, text)


def test_date_exclusion_gates_equal_the_whole_scan(pipeline: rx.Pipeline, corpus: Callable[[str], list[str]]) -> None:
    exclusions = pipeline.dates.grammar.exclusions
    assert any(e.gate is not None for e in exclusions)
    texts = corpus("dates.*.yaml") + ["比上月, than last year; 每年3月 http://x.cn/2020-01 今日头条《明日》"]
    for text in texts:
        norm = pipeline.normalise(text).text
        for e in exclusions:
            assert [m.span() for m in e.finditer(norm)] == [m.span() for m in e.compiled.finditer(norm)], e.id


def test_a_gate_is_kept_only_where_it_pays() -> None:
    """A case-sensitive pattern led by a Chinese word is left to ``regex``'s own literal
    search; a case-insensitive or ASCII-led one is gated."""
    chinese = regex.compile("去年同期|上年同期", regex.VERSION1)
    assert LiteralGate.when_it_pays("去年同期|上年同期", chinese) is None
    english = regex.compile(simple_case("(?<![a-z])than", FLAGS), FLAGS)
    assert LiteralGate.when_it_pays("(?<![a-z])than", english) is not None


def test_date_pattern_gates_equal_the_whole_scan(pipeline: rx.Pipeline, corpus: Callable[[str], list[str]]) -> None:
    """Every gated date pattern finds, on whole texts, what its own ``finditer`` finds (a
    stronger check than the windows, which only see text near anchors)."""
    patterns = [p for p in pipeline.dates.grammar.patterns if p.gate is not None]
    assert len(patterns) > len(pipeline.dates.grammar.patterns) // 2
    for text in corpus("dates.*.yaml"):
        norm = pipeline.normalise(text).text
        for p in patterns:
            assert _gated(p.gate, p.compiled, norm) == _whole(p.compiled, norm), p.id


def test_window_bounds_of_a_gated_scan() -> None:
    """``before`` stops at the first match starting there, ``endpos`` cuts the text, as
    ``finditer(text, pos, endpos)`` cut off at ``before`` does."""
    compiled = regex.compile(simple_case("(?<![a-z])may(?: [0-9]+)?", FLAGS), FLAGS)
    gate = LiteralGate.for_pattern("(?<![a-z])may(?: [0-9]+)?")
    assert gate is not None
    text = "May 1, may 22 and MAY 333; dismay 4"
    for pos in range(len(text)):
        for end in range(pos, len(text) + 1):
            for before in (pos, (pos + end) // 2, end):
                expected = []
                for m in compiled.finditer(text, pos, end):
                    if m.start() >= before:
                        break
                    expected.append(m.span())
                assert [m.span() for m in gate.finditer(compiled, text, pos, end, before)] == expected


def test_a_leading_one_character_lookbehind_guards_its_literals() -> None:
    from recovery_extract.data.patterns import guarded_prefixes

    digits = "0123456789"
    assert guarded_prefixes(r"(?<=[0-9])(?:st|nd)|(?<![a-z])may") == {("st", digits), ("nd", digits), ("may", "")}
    assert guarded_prefixes(r"x(?<=[0-9]x)y") == {("xy", "")}  # a lookbehind after a literal guards nothing
    assert guarded_prefixes(r"(?<=[A-Z])q") == {("q", "abcdefghijklmnopqrstuvwxyz")}  # folded like the text
    gate = LiteralGate.for_pattern(r"(?<=[0-9])(?:st|nd)|(?<![a-z])may")
    assert gate is not None and gate.starts("1st May, first and 2ND") == [1, 4, 20]


def test_cached_value_is_computed_once_and_refused_when_forged(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from recovery_extract.data import regex_cache

    monkeypatch.setenv(regex_cache.ENV, str(tmp_path / "cache"))
    regex_cache.reset()
    calls: list[int] = []

    def compute() -> dict[str, object]:
        calls.append(1)
        return {"prefixes": [["jan", ""]], "source": "j(?=an)"}

    try:
        key = ("test", 1, "(?<![a-z])jan")
        assert regex_cache.cached_value(key, compute) == compute()
        assert regex_cache.cached_value(key, compute) == {"prefixes": [["jan", ""]], "source": "j(?=an)"}
        assert len(calls) == 2  # once for the store, once in the assertion above
        folder = regex_cache.folder()
        assert folder is not None
        (stored,) = [p for p in folder.iterdir() if p.name.startswith("v-")]
        stored.write_bytes(stored.read_bytes()[:-3] + b"}]}")  # a changed body: the tag no longer fits
        assert regex_cache.cached_value(key, compute) == compute()
        assert len(calls) == 4
        monkeypatch.setenv(regex_cache.ENV, "off")
        regex_cache.reset()
        assert regex_cache.cached_value(key, compute) == compute() and len(calls) == 6
    finally:
        monkeypatch.delenv(regex_cache.ENV)
        regex_cache.reset()
