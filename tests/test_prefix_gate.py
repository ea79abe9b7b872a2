"""The literal-prefix gate (data/prefix_gate.py) loses no match of the regex it stands before.

- the case facts it rests on, over all of Unicode: what ``regex`` matches an ASCII
  character with under IGNORECASE lower-cases to it, but for :data:`UNLOWERED` and the
  characters whose lower case is longer (a text holding one is not gated);
- :func:`literal_prefixes` on hand-written patterns;
- the agency anchors and the grammars' ``starts``, gated, find what they find ungated
  on the corpus and on drawn text (case variants, the Kelvin sign, the long s).
"""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import Any

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data.prefix_gate import UNLOWERED, PrefixGate, literal_prefixes, prefix_gate
from recovery_extract.data.word_index import gated_finditer

ALL = "".join(map(chr, range(0x110000)))


@pytest.mark.parametrize("char", list(string.printable))
def test_what_matches_an_ascii_character_lower_cases_to_it(char: str) -> None:
    pattern = regex.compile("(?-f)" + regex.escape(char), regex.VERSION1 | regex.IGNORECASE)
    for twin in set(pattern.findall(ALL)):
        # a text holding a character whose lower case is longer (the dotted I) is not gated
        assert twin.lower() == char.lower() or twin in UNLOWERED or len(twin.lower()) > 1, (char, hex(ord(twin)))


@pytest.mark.parametrize(("source", "expected"), [
    ("Department|Bureau", {"Dep", "Bur"}),
    ("a*b", {"a", "b"}),
    ("ab?c", {"abc", "ac"}),
    ("(?:ab)+c", {"ab"}),
    ("x[ab]y", {"xay", "xby"}),
    ("(?<![a-z])(?:Office|cent(?:er|re))", {"Off", "cen"}),
    ("(?<![全各])(?:省|市)|国家", {"省", "市", "国家"}),
    ("Autonomous\\s+Region|Ok", {"Aut", "Ok"}),
])
def test_literal_prefixes(source: str, expected: set[str]) -> None:
    assert literal_prefixes(source) == expected


@pytest.mark.parametrize("source", [r"\w+", "a?", "[^a]b", r"\L<x>", r"\p{Han}", "(?i:ab)", ".x", "a|"])
def test_no_prefixes_when_they_cannot_be_told(source: str) -> None:
    assert literal_prefixes(source) is None


def test_gate() -> None:
    gate = PrefixGate(["Dep", "de", "min"], ignore_case=True)
    assert gate.prefixes == ("de", "min")
    assert gate.starts("the DEPARTMENT, Ministry; \u212aMIN", 2) == [4, 16, 27]
    assert gate.starts("a long \u017f") is None and gate.starts("\u0130") is None and gate.starts("\u0131") is None
    assert PrefixGate(["部"], ignore_case=False).starts("工信部部", 0, 3) == [2]
    assert prefix_gate(["\u00e9t", "ab"], ignore_case=True) is None and prefix_gate(None, ignore_case=True) is None


def _gates(agencies: Any) -> list[tuple[str, Any, Any]]:
    """(name, regex, gate) of each anchor and grammar ``starts``."""
    out = [("zh anchor", agencies._zh_anchor, agencies._zh_gate), ("en anchor", agencies._en_anchor, agencies._en_gate),
           ("acronym anchor", agencies._acronyms, agencies._acronym_starts)]  # a WordIndex: the same contract
    for lang in ("zh", "en"):
        grammar = agencies._grammar(lang)
        out.append((f"{lang} starts", grammar._starts, grammar._starts_gate))
    return out


def _same(name: str, pattern: Any, gate: PrefixGate, text: str) -> None:
    if name.endswith("anchor"):
        hits = gate.starts(text)
        gated = [m.span() for m in gated_finditer(pattern, text, list(hits))] if hits is not None else None
        plain = [m.span() for m in pattern.finditer(text)]
    else:
        start, end = len(text) // 5, len(text)
        hits = gate.starts(text, start, end)
        gated = [i for i in hits if pattern.match(text, i, end)] if hits is not None else None
        plain = [m.start() for m in pattern.finditer(text, start, end, overlapped=True)]
    assert gated is None or gated == plain, (name, text[:80])


@pytest.fixture(scope="module")
def gates() -> list[tuple[str, Any, Any]]:
    found = _gates(rx.Pipeline().agencies)
    assert all(gate is not None for _, _, gate in found)
    return found


def test_gated_as_ungated_on_the_corpus(corpus: Callable[[str], list[str]], gates: list[tuple[str, Any, Any]]) -> None:
    for text in corpus("agencies*.yaml"):
        for name, pattern, gate in gates:
            _same(name, pattern, gate, text)


WORDS = ["NBS", "MOFCOM", "MOF", ".NDRC", "Department", "bureau", "GROUP", "Provincial", "Autonomous  Region", "State Council", "center", "省", "市委",
         "部", "国家统计局", "中共", "全省", "\u212aey", "\u017ftate", "Office", "CPC", "people", "cent re"]


@given(st.lists(st.sampled_from(WORDS) | st.text(st.sampled_from(list("aeoOrsStTkKiI \u212a\u017f\u0130\u0131-'部省")), max_size=6),
                max_size=12))
def test_gated_as_ungated_on_drawn_text(gates: list[tuple[str, Any, Any]], parts: list[str]) -> None:
    text = "".join(parts)
    for name, pattern, gate in gates:
        _same(name, pattern, gate, text)
