"""``FindGate`` (``str.find`` per literal) gives the positions ``LiteralGate.starts`` gives.

The date grammar searches its anchors' literals with a :class:`FindGate`; these tests
check on the date anchors, on the corpus, on the seeds and on generated text (windows
included, folding cases İ and ſ included) that it finds the candidates of the literal
gate read off the same pattern, so the anchors and their windows are unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data.find_gate import GROUP, FindGate
from recovery_extract.data.patterns import LiteralGate

_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _gates(pipeline: rx.Pipeline) -> list[tuple[FindGate, LiteralGate]]:
    store = pipeline.dates.store
    named = store.word_lists("dates/lexicon.yaml")
    out = []
    for raw in (store.yaml("dates/anchors.yaml").get("files") or {}).values():
        source = str(raw["anchor"])
        found, literal = FindGate.for_pattern(source, named), LiteralGate.for_pattern(source, named)
        assert (found is None) == (literal is None)
        if found is not None and literal is not None:
            out.append((found, literal))
    return out


def test_date_anchors_use_find_gates(pipeline: rx.Pipeline) -> None:
    kinds = [type(f.gate).__name__ for f in pipeline.dates.grammar.families]
    assert kinds.count("FindGate") >= 2, kinds
    assert any(len(rests) >= GROUP for gate, _ in _gates(pipeline) for _, rests in gate.needles)


def test_same_positions_on_corpus_and_seeds(pipeline: rx.Pipeline, corpus: Callable[[str], list[str]]) -> None:
    texts = [pipeline.normalise(t).text for t in corpus("dates.*.yaml")]
    texts += [pipeline.normalise(p.read_text(encoding="utf-8")).text for p in sorted(_SEEDS.glob("*.txt"))]
    for found, literal in _gates(pipeline):
        for text in texts:
            assert found.starts(text) == literal.starts(text), text[:200]
            size = len(text)
            windows = ((0, size, size), (size // 3, size // 2, size // 2 - 5), (7, size - 7, size))
            for pos, end, before in windows:
                assert found.starts(text, pos, end, before) == literal.starts(text, pos, end, before)


_PIECES = st.sampled_from([
    "2022年3月3日", "3月", "一季度", "上半年", "周一", "March 3, 2022", "3rd", "31st", "Q1", "q4 ", "h1", "10 days",
    "midyear", "the first quarter", "12:30", ":59", "9:", "yesterday", "Sept", "JanFeb", "year", " ", "\n",
    "İ", "ſ", "K", "abc", "2021", "th", "1", "10\t",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30), st.integers(0, 40), st.integers(0, 400), st.integers(0, 400))
def test_same_positions_on_generated_text(pipeline: rx.Pipeline, pieces: list[str], pos: int, end: int,
                                          before: int) -> None:
    text = "".join(pieces)
    for found, literal in _gates(pipeline):
        assert found.starts(text) == literal.starts(text), text
        stop = min(end, len(text))
        assert found.starts(text, pos, stop, before) == literal.starts(text, pos, stop, before), (text, pos, stop)


def test_finditer_matches_the_anchor(pipeline: rx.Pipeline, corpus: Callable[[str], list[str]]) -> None:
    texts = [pipeline.normalise(t).text for t in corpus("dates.*.yaml")] + ["İ March 3", "ſt 1st"]
    for family in pipeline.dates.grammar.families:
        for text in texts:
            want = [(m.start(), m.end(), m.lastgroup) for m in family.anchor.finditer(text)]
            assert family.anchors(text) == want, text[:200]


def test_empty_literal_refused() -> None:
    with pytest.raises(ValueError):
        FindGate([("", "")])


def test_literals_after_a_guard_are_found_from_the_guard() -> None:
    gate = FindGate([("th", "0123456789"), ("st", "0123456789"), ("may", ""), ("-x", "]")])
    assert {g for g, _ in gate.guarded} == {"0123456789", "]"}
    text = "the 4th of may, 21st; with 1-x ]-x 5th"
    expected = sorted({i for lit, guard in [("th", "0123456789"), ("st", "0123456789"), ("may", ""), ("-x", "]")]
                       for i in range(1, len(text)) if text.startswith(lit, i)
                       and (not guard or text[i - 1] in guard)} | ({0} if text.startswith("may") else set()))
    assert gate.starts(text) == expected == [5, 11, 18, 32, 36]
    assert gate.starts(text, 6, 30) == [11, 18]  # a literal must end by endpos, start at or after pos
