"""Longer literal beginnings (``literal_prefixes(source, 8)``) still begin every match.

The agency anchors and the grammars' ``starts`` are gated on up to 8 characters
(``agencies.GATE_PREFIX``, ``agencies_grammar.STARTS_PREFIX``) instead of 3, so that a
``str.find`` hit is nearly always a match.  Checked on drawn alternations of words with
optional parts, case-insensitively, against ``regex`` at every position.
"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from recovery_extract.data.patterns import FLAGS
from recovery_extract.data.prefix_gate import literal_prefixes, prefix_gate
from recovery_extract.extract.agencies import GATE_PREFIX
from recovery_extract.extract.agencies_grammar import STARTS_PREFIX

WORD = st.text(st.sampled_from(list("abcdeKs")), min_size=1, max_size=10)
PART = WORD | WORD.map(lambda w: f"(?:{w})?") | st.just(r"\s+") | st.just("(?:x|yz)") | st.just("(?<![a-z])")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(PART, min_size=1, max_size=4).map("".join), min_size=1, max_size=5),
       st.text(st.sampled_from(list("abcdeKs xyz\u212a\u017f")), max_size=30),
       st.sampled_from([3, GATE_PREFIX, STARTS_PREFIX]))
def test_long_prefixes_begin_every_match(branches: list[str], text: str, size: int) -> None:
    source = "|".join(branches)
    pattern = regex.compile(source, FLAGS)
    prefixes = literal_prefixes(source, size)
    gate = prefix_gate(prefixes, ignore_case=True)
    if gate is None:
        return
    assert all(len(p) <= size for p in prefixes or ())
    hits = gate.starts(text)
    if hits is None:
        return
    assert {m.start() for m in pattern.finditer(text, overlapped=True) if m.end() > m.start()} <= set(hits)
