"""Date patterns with the same literal prefixes share one gate, scanned once per window.

``DateGrammar.matches`` finds a gate's candidates in a list of windows once for all
the patterns that share the gate and the windows.  These tests check that patterns
whose gates are the same scan share one gate object, and that the matches are those
of each pattern's own ``gate.finditer`` in each window (the scan before the sharing),
on the corpus and on generated date-dense text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.extract.dates_grammar import PAD, DateGrammar


def _reference(grammar: DateGrammar, text: str) -> list[tuple[str, int, int]]:
    """Each pattern's ``gate.finditer`` (or ``finditer``) in each of its windows."""
    out: list[tuple[str, int, int]] = []
    size = len(text)
    for family in grammar.families:
        for pattern, windows in family.pattern_windows(text):
            for start, end in windows:
                if pattern.gate is not None:
                    found: Any = pattern.gate.finditer(pattern.compiled, text, start, min(size, end + PAD), end)
                else:
                    found = (m for m in pattern.compiled.finditer(text, start, min(size, end + PAD))
                             if m.start() < end)
                out += [(pattern.id, m.start(), m.end()) for m in found]
    return out


def _shared(grammar: DateGrammar, text: str) -> list[tuple[str, int, int]]:
    return [(p.id, m.start(), m.end()) for p, m in grammar.matches(text)]


def test_same_scan_same_gate(pipeline: rx.Pipeline) -> None:
    grammar = pipeline.dates.grammar
    by_source: dict[str, Any] = {}
    for pattern in grammar.patterns:
        if pattern.gate is not None:
            assert by_source.setdefault(pattern.gate._source, pattern.gate) is pattern.gate, pattern.id
    assert len(by_source) < sum(p.gate is not None for p in grammar.patterns)


def test_shared_gates_find_what_each_pattern_finds(pipeline: rx.Pipeline,
                                                   corpus: Callable[[str], list[str]]) -> None:
    grammar = pipeline.dates.grammar
    texts = [pipeline.normalise(t).text for t in corpus("dates.*.yaml")]
    texts.append("\n".join(texts))
    for text in texts:
        assert _shared(grammar, text) == _reference(grammar, text), text[:200]


_PIECES = st.sampled_from([
    "2022年3月3日", "3月", "1-2月", "一季度", "上半年", "去年同期", "March 3, 2022", "3 March", "Q1 2022", "the first quarter",
    "2022-03-03", "03/03/2022", "10:15", " ", "\n", ", ", "and ", "至", "到", "İ", "ſ", "abc", "2021", "of this year",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_shared_gates_on_generated_text(pipeline: rx.Pipeline, pieces: list[str]) -> None:
    grammar = pipeline.dates.grammar
    text = "".join(pieces)
    assert _shared(grammar, text) == _reference(grammar, text)
