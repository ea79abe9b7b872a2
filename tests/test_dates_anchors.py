"""The date anchors (patterns/dates/anchors.yaml) are a speed-up that changes nothing.

Each date pattern file runs only in windows around its ``anchor``; the
contract is that every date its patterns find holds an anchor no more than
``before`` characters after its start, and ends no more than ``after``
characters after that anchor's end.  These tests check the contract on each
match directly (not only on the final output), over every pattern example,
the date case files, the seeds and the external suites, and check that the
windowed scan equals the whole-text scan on those texts and on generated
date-dense text.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.errors import PatternError
from recovery_extract.extract.dates_grammar import DateGrammar
from recovery_extract.data.patterns import PatternStore, data_dir

@pytest.fixture(scope="module")
def grammar(pipeline: rx.Pipeline) -> DateGrammar:
    return pipeline.dates.grammar


def _normalised(pipeline: rx.Pipeline, texts: list[str]) -> list[str]:
    return [pipeline.normalise(t).text for t in texts]


def _examples(pipeline: rx.Pipeline) -> list[str]:
    store = pipeline.dates.store
    out: list[str] = []
    for rel in ("dates/patterns.zh.yaml", "dates/patterns.en.yaml", "dates/numeric.yaml"):
        for entry in store.grammar(rel)[1]:
            out += [f"In the text, {e} was said." for e in entry.examples]
            out += [f"据悉,{e}以来" for e in entry.examples]
    return out


def _reach(grammar: DateGrammar, text: str) -> list[str]:
    """Matches (whole-text scan) that no anchor of their kinds covers as anchors.yaml promises."""
    bad = []
    for family in grammar.families:
        anchors = [(m.start(), m.end(), m.lastgroup) for m in family.anchor.finditer(text)]
        for pattern in family.patterns:
            kinds = family.needs.get(pattern.id)
            mine = [(s, e) for s, e, kind in anchors if kinds is None or kind in kinds]
            for m in pattern.compiled.finditer(text):
                if m.end() <= m.start():
                    continue
                ok = any(m.start() <= a_end and a_start - m.start() <= family.before
                         and m.end() - a_end <= family.after for a_start, a_end in mine)
                if not ok:
                    bad.append(f"{pattern.id}: {m.group()!r} in {text[max(0, m.start() - 20):m.end() + 20]!r}")
    return bad


def test_every_match_is_within_reach_of_an_anchor(pipeline: rx.Pipeline, grammar: DateGrammar,
                                                  corpus: Callable[[str], list[str]]) -> None:
    texts = _normalised(pipeline, corpus("dates.*.yaml") + _examples(pipeline))
    bad = [b for t in texts for b in _reach(grammar, t)]
    assert not bad, "anchors.yaml misses:\n" + "\n".join(bad[:20])


def _scan_key(found: list[Any]) -> list[tuple[Any, ...]]:
    return [(f.start, f.end, f.rule, f.partial) for f in found]


def test_windowed_scan_equals_whole_text_scan(pipeline: rx.Pipeline, grammar: DateGrammar,
                                              corpus: Callable[[str], list[str]]) -> None:
    texts = _normalised(pipeline, corpus("dates.*.yaml") + _examples(pipeline))
    # The corpus joined into long documents too: windows merge and end next to each other.
    texts += ["\n".join(texts[i:i + 40]) for i in range(0, len(texts), 40)]
    diffs = [t[:60] for t in texts if _scan_key(grammar.scan(t)) != _scan_key(grammar.scan(t, everywhere=True))]
    assert not diffs, f"{len(diffs)} texts differ, e.g. {diffs[:5]}"


def test_a_window_misses_what_lies_outside_it(grammar: DateGrammar) -> None:
    """The windows really restrict the scan (this test fails if they cover everything)."""
    text = "x" * 500 + "2022年3月30日" + "y" * 500
    family = grammar.families[0]
    (start, end), = family.windows(text)
    assert start >= 400 and end <= 600
    assert family.windows("no date here at all") == []


# Fragments dates are made of, in both scripts, and things that stand next to them.
_FRAGMENTS = st.sampled_from([
    "2022", "20", "3", "12", "31", "年", "月", "日", "号", "季度", "第一", "前三", "个", "上半年", "今年", "去年",
    "至", "-", "/", ".", " ", "  ", ",", "。", "\n", "份", "旬", "初八", "正", "农历", "星期一", "(周五)",
    "January", "Feb.", "may", "May", "the", "first", "quarter", "half", "of", "year", "month", "to", "from",
    "between", "and", "this", "last", "Q1", "H2", "cy", "st", "twenty-first", "2020-02-25", "15:27", "万", "%",
    "亿元", "同比增长", "12.5", "percent", "Friday", "today", "semi-annual", "months", "in",
])


@given(st.lists(_FRAGMENTS, min_size=1, max_size=60).map("".join))
def test_windowed_scan_equals_whole_text_scan_on_generated_text(grammar: DateGrammar, text: str) -> None:
    assert _scan_key(grammar.scan(text)) == _scan_key(grammar.scan(text, everywhere=True))
    assert not _reach(grammar, text)


def test_a_pattern_runs_only_around_the_kinds_it_needs(grammar: DateGrammar) -> None:
    """Per-pattern kinds restrict the windows (fails if every pattern ran around every anchor)."""
    zh = grammar.families[0]
    windows = {p.id: w for p, w in zh.pattern_windows("x" * 300 + "3月份" + "y" * 300)}
    assert windows["dates.zh.month"] and not windows["dates.zh.quarter"] and not windows["dates.zh.year"]


@pytest.mark.parametrize(("entry", "message"), [
    ("dates.zh.no_such_pattern: [year]", "not a pattern of"),
    ("dates.zh.year: [no_such_group]", "not named groups of the anchor"),
    ("dates.zh.year: year", "give a list"),
])
def test_bad_pattern_kinds_name_the_entry(tmp_path: Path, entry: str, message: str) -> None:
    copy = tmp_path / "patterns"
    shutil.copytree(data_dir(), copy)
    anchors = copy / "dates" / "anchors.yaml"
    text = anchors.read_text(encoding="utf-8")
    assert "      dates.zh.year: [year]\n" in text
    anchors.write_text(text.replace("      dates.zh.year: [year]\n", f"      {entry}\n", 1), encoding="utf-8")
    with pytest.raises(PatternError, match=message):
        DateGrammar(PatternStore(copy))
