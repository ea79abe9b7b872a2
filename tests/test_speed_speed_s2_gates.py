"""Gated scans equal the whole-text scans they replace (issue 18, speed with identical output).

A pattern that opens with a lookbehind makes ``regex`` try every position of a text;
:class:`~recovery_extract.data.word_index.StartGate` finds the few positions where a
match can begin with one bitmap scan, and ``gated_finditer`` matches only there.  These
tests hold each gate to the scan it replaces, on the seeds, the test cases, tricky
characters and generated text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from recovery_extract.data.patterns import default_store
from recovery_extract.data.word_index import LATIN_FREE, StartGate, gated_finditer
from recovery_extract.extract.numbers import NumberGrammar

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
# Characters that fold to ASCII letters, other digits, fractions, word joiners, CJK.
TRICKY = ("aAnNtTsSkKoOeEfFhHmMbBqQdDzZ \n\t-.,'’0123456789５٣½⅓\u212a\u017fßİı一二万亿年月，。"
          "one two three hundred thousand million minus negative an a and point half dozen")


def texts() -> list[str]:
    """The seeds, the texts of tests/cases and, when present, the train and published texts."""
    folders = [ROOT / "seeds", ROOT / "tests" / "cases", SHARED / "train" / "texts", SHARED / "published" / "texts"]
    out = []
    for folder in folders:
        if folder.is_dir():
            out += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*.txt"))]
    assert out, "no seeds"
    return out


@pytest.fixture(scope="module")
def numbers() -> NumberGrammar:
    return NumberGrammar(default_store())


def _spans(matches: Iterator[regex.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_latin_free_ranges_hold_no_digit_and_no_latin_letter() -> None:
    """No character of LATIN_FREE is a digit or matches an ASCII letter case-insensitively."""
    digit = regex.compile(r"\d")
    letter = regex.compile(r"(?-f)[a-z]", regex.VERSION1 | regex.IGNORECASE)
    full = regex.compile(r"[a-z]", regex.VERSION1 | regex.IGNORECASE)
    for lo, hi in LATIN_FREE:
        chunk = "".join(map(chr, range(lo, hi + 1)))
        assert digit.search(chunk) is None
        assert letter.search(chunk) is None
        assert full.search(chunk) is None


def test_gate_admits_what_it_is_given_and_the_rest_of_the_world() -> None:
    gate = StartGate("1", ignore_case=True, word_before=".", words=["one", "a"])
    # 1, a, A, ab (prefix a), one; not .1 (after a point), onx (no word), 一 (CJK); ٣ and K are
    # non-ASCII outside LATIN_FREE: a digit, a k.
    assert list(gate.starts("x 1 a A .1 ab one onx ٣ 一 \u212a")) == [2, 4, 6, 11, 14, 22, 26]
    assert list(gate.starts("b1")) == []  # after a word character


def test_english_numerals_gated_equal_the_whole_scan_on_the_corpus(numbers: NumberGrammar) -> None:
    for text in texts():
        assert _spans(gated_finditer(numbers._en_re, text, numbers._en_starts.starts(text))) == \
            _spans(numbers._en_re.finditer(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRICKY.split(" ") + list(TRICKY)), max_size=30).map(" ".join))
def test_english_numerals_gated_equal_the_whole_scan_on_any_text(numbers: NumberGrammar, text: str) -> None:
    assert _spans(gated_finditer(numbers._en_re, text, numbers._en_starts.starts(text))) == \
        _spans(numbers._en_re.finditer(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=60))
def test_english_numerals_gated_equal_the_whole_scan_on_any_characters(numbers: NumberGrammar, text: str) -> None:
    assert _spans(gated_finditer(numbers._en_re, text, numbers._en_starts.starts(text))) == \
        _spans(numbers._en_re.finditer(text))


# ---------------------------------------------------------------- a unit written before a number
@pytest.fixture(scope="module")
def before_rules() -> list:
    from recovery_extract import Pipeline

    quantities = next(e for e in Pipeline().extractors if e.kind == "quantity")
    rules = [r for r in quantities.g.before if r.ends is not None]
    assert rules, "the currency rule lost its gate"
    return rules


def _surfaces() -> list[str]:
    from recovery_extract import Pipeline

    quantities = next(e for e in Pipeline().extractors if e.kind == "quantity")
    return sorted({s for table in quantities.g.surfaces.values() for s in table})


def _gate_holds(rules: list, window: str) -> None:
    for rule in rules:
        if rule.compiled.search(window) is not None:
            assert rule.may_end(window), (rule.id, window)


def test_unit_gate_admits_every_window_the_rule_matches_on_the_corpus(before_rules: list) -> None:
    for text in texts():
        for i, c in enumerate(text):
            if c.isdigit() and (i == 0 or not text[i - 1].isdigit()):
                _gate_holds(before_rules, text[max(0, i - 24):i])


def test_unit_gate_rejects_windows_ending_elsewhere(before_rules: list) -> None:
    rule = next(r for r in before_rules if r.id.endswith("currency_before"))
    for window in ("exceeded ", "增长", "the rate of ", "USDX ", "usda "):
        assert not rule.may_end(window)
    for window in ("US$ ", "us $", "港币", "rose to USD ", "RMB", "\u212aZT "):
        assert rule.may_end(window)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_unit_gate_admits_every_window_the_rule_matches(before_rules: list, data: st.DataObject) -> None:
    surfaces = _surfaces() + ["USD", "EUR", "KZT", "Rs", "HK$"]
    part = st.one_of(st.sampled_from(surfaces), st.sampled_from(surfaces).map(str.upper),
                     st.text(alphabet=st.sampled_from("aZk\u212a\u017fS$. \n\t.元币x"), max_size=3))
    window = "".join(data.draw(st.lists(part, max_size=5)))[-24:]
    _gate_holds(before_rules, window)


# ---------------------------------------------------------------- first characters read from a pattern
ZH_TRICKY = "0123456789.-,/ 负一二十百千万亿两零〇点分之多余第年月个元%５٣\u00a0\nabc上下"


def test_first_chars_gate_reads_literals_classes_and_repeats() -> None:
    from recovery_extract.data.word_index import first_chars_gate

    gate = first_chars_gate(regex.compile(r"(?<!x)(?:负\s?)?[a-c]+|第(?=\d)|(?>\d{2})"))
    assert gate is not None
    assert [m.group() for m in gate.finditer("负 ab第3x一")] == ["负", "a", "b", "第", "3"]
    assert gate.match("٣") and gate.match("５")  # \d is any Unicode digit
    spaced = first_chars_gate(regex.compile(r"\s?x"))
    assert spaced is not None and spaced.match("\u00a0") and spaced.match("\u3000") and not spaced.match("y")


@pytest.mark.parametrize("pattern, flags", [
    (r"a*", 0),                      # may match empty
    (r"[^a]b", 0),                   # a negated class
    (r"\w+", 0),                     # a category the gate does not model
    (r"abc", regex.IGNORECASE),      # case variants
    (r"\p{Han}", 0),                 # syntax of regex only
    (r"[[a-z]--[aeiou]]", regex.V1),  # set operations
    (r"(?i:a)b", 0),                 # a scoped flag
    (r".x", 0),
])
def test_first_chars_gate_gives_up_where_it_cannot_tell(pattern: str, flags: int) -> None:
    from recovery_extract.data.word_index import first_chars_gate

    assert first_chars_gate(regex.compile(pattern, flags)) is None


def _zh_gated(numbers: NumberGrammar, text: str) -> list[tuple[int, int]]:
    assert numbers._zh_first is not None, "the Chinese numeral lost its gate"
    return _spans(gated_finditer(numbers._zh_re, text, (m.start() for m in numbers._zh_first.finditer(text))))


def test_chinese_numerals_gated_equal_the_whole_scan_on_the_corpus(numbers: NumberGrammar) -> None:
    for text in texts():
        assert _zh_gated(numbers, text) == _spans(numbers._zh_re.finditer(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ZH_TRICKY), max_size=60))
def test_chinese_numerals_gated_equal_the_whole_scan_on_any_text(numbers: NumberGrammar, text: str) -> None:
    assert _zh_gated(numbers, text) == _spans(numbers._zh_re.finditer(text))


def test_not_number_words_gated_equal_the_whole_scan(numbers: NumberGrammar) -> None:
    from recovery_extract.extract.numbers import _gated

    assert numbers._not_first is not None, "the not-a-number words lost their gate"
    generated = ["".join(words) for words in zip(*(iter(ZH_TRICKY + "一切进一步统一四川陆地大陆"),) * 7)]
    for text in texts() + generated:
        assert _spans(_gated(numbers._not_words, numbers._not_first, text)) == _spans(numbers._not_words.finditer(text))


# ---------------------------------------------------------------- an exclusion's needed words
@pytest.fixture(scope="module")
def needing() -> list:
    from recovery_extract import Pipeline

    quantities = next(e for e in Pipeline().extractors if e.kind == "quantity")
    rules = [r for r in quantities.g.exclusions if r.needs_literals is not None]
    assert any(r.needs_literals.cased is not None for r in rules), "the registration words lost their split"
    return rules


def test_literal_needs_are_found_where_the_needs_regex_is(needing: list) -> None:
    for text in texts():
        for rule in needing:
            assert rule.needed(text) == (rule.needs.search(text) is not None), rule.id


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("IiCcPp\u0130\u0131 备案号许可证编文@x."), max_size=12))
def test_literal_needs_equal_the_needs_regex_on_any_text(needing: list, text: str) -> None:
    for rule in needing:
        assert rule.needed(text) == (rule.needs.search(text) is not None), (rule.id, text)


def test_only_literal_alternations_are_split() -> None:
    from recovery_extract.extract.quantities_grammar import LiteralNeeds

    flags = regex.VERSION1 | regex.IGNORECASE
    split = LiteralNeeds.of(regex.compile(r"(?-f)ICP|备案号|a\.b", flags))
    assert split is not None and split.cased.pattern == r"(?-f)ICP|a\.b" and split.caseless.pattern == "备案号"
    assert LiteralNeeds.of(regex.compile(r"https?://|www\.", flags)) is None
    assert LiteralNeeds.of(regex.compile(r"\.(?:png|gif)", flags)) is None
