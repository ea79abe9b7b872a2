"""data/held_matches.py: the gated scans that keep the GIL find what the shared ones find.

``held_matches.gated_finditer`` (the shared one, which keeps the GIL for a ``regex``
pattern) / ``gate_finditer`` / ``finditer`` must give the matches of ``pattern.finditer``
(cut at ``before``) and :meth:`LiteralGate.finditer` for every date pattern, anchor and
exclusion, on the corpus and on generated text; and a pattern called with
``concurrent=False`` as a positional argument must read it as that flag.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data import held_matches as held


def _spans(found: Any) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in found]


def _compiled(pipeline: rx.Pipeline) -> list[tuple[Any, Any]]:
    """(gate or None, pattern) of every date pattern, anchor and exclusion."""
    grammar = pipeline.dates.grammar
    return ([(p.gate, p.compiled) for p in grammar.patterns] + [(f.gate, f.anchor) for f in grammar.families]
            + [(e.gate, e.compiled) for e in grammar.exclusions])


def _check(pipeline: rx.Pipeline, text: str) -> None:
    size = len(text)
    for gate, pattern in _compiled(pipeline):
        for pos, endpos, before in ((0, None, None), (size // 3, size, 2 * size // 3), (1, size // 2, None)):
            stop = (size if endpos is None else endpos) if before is None else before
            plain = [m for m in pattern.finditer(text, pos, size if endpos is None else endpos) if m.start() < stop]
            assert _spans(held.finditer(pattern, text, pos, endpos, before)) == _spans(plain)
            if gate is None:
                assert _spans(held.gate_finditer(None, pattern, text, pos, endpos, before)) == _spans(plain)
                continue
            assert _spans(held.gate_finditer(gate, pattern, text, pos, endpos, before)) == \
                _spans(gate.finditer(pattern, text, pos, endpos, before))
            starts = gate.starts(text, pos, size if endpos is None else endpos, stop)
            if starts is not None:  # the gate's candidates hold every match start: the plain matches
                assert _spans(held.gated_finditer(pattern, text, starts, pos, endpos)) == _spans(plain)


def test_same_matches_on_the_corpus(pipeline: rx.Pipeline, corpus: Callable[[str], list[str]]) -> None:
    for raw in corpus("dates.*.yaml")[:400]:
        _check(pipeline, pipeline.normalise(raw).text)


_PIECES = st.sampled_from([
    "2022年3月3日", "3月", "1-2月", "去年同期", "比上月", "March 3, 2022", "than the previous year", "Q1", "2022-03-03",
    "http://x.cn/2022/03", " ", "\n", ", ", "İ", "ſ", "K", "abc", "2021", "every year in May", "隔离14日",
])


@settings(max_examples=100, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_same_matches_on_generated_text(pipeline: rx.Pipeline, pieces: list[str]) -> None:
    _check(pipeline, "".join(pieces))


def test_concurrent_is_the_fourth_positional_argument() -> None:
    pattern: Any = regex.compile(r"a+")
    assert pattern.match("xaa", 1, 3, False).span() == (1, 3)
    assert pattern.search("xaa", None, None, False).span() == (1, 3)
    assert pattern.fullmatch("aa", None, None, False).span() == (0, 2)
    assert [m.span() for m in pattern.finditer("aaxa", 0, 4, False, False)] == [(0, 2), (3, 4)]
    # overlapped is the fourth argument of finditer: True would find (1, 2) too
    assert [m.span() for m in pattern.finditer("aaxa", 0, 4, True, False)] == [(0, 2), (1, 2), (3, 4)]
