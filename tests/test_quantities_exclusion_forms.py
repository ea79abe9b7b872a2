"""Exclusions rewritten for speed match what their first form matched.

patterns/quantities/exclusions.yaml writes some exclusions in a form that lets
``regex`` skip ahead (a character class first instead of ``\\b``).  Each is compared
here with the form it replaced, match by match, on its examples, the corpora and
generated text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data.patterns import compile_regex

#: id -> the form the exclusion had before it was rewritten
FIRST_FORMS = {
    "quantities.exclude.code": r"(?-i:\b[A-Z]{2,}\s*-\s*\d+\b|\b[A-Z]\d{8,}\b)",
}

_PIECES = st.sampled_from(["A", "B", "Z", "COVID", "G", "a", "covid", "_", "é", "É", "\u212a", "-", " - ", " ",
                           "\n", "1", "19", "1234567", "12345678", ".", ",", "中", "A1", "x"])


#: Where the forms could part: word starts, case, digit counts, spaces around the hyphen.
_EDGES = ["A1234567", "A12345678", "xA12345678", "_A12345678", "éA12345678", "A12345678x", "AB-1", "AB - 12",
          "aB-1", "Ab-1", "xAB-1", "AB-1x", "AB-", "A-1", "ABC\n-\n5", "\u212aB-1", "KB-1", "A123456789012"]


def _rule(pipeline: rx.Pipeline, rule_id: str) -> Any:
    return next(r for r in pipeline.quantities.g.exclusions if r.id == rule_id)


def _spans(compiled: Any, text: str, pos: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in compiled.finditer(text, pos)]


@pytest.mark.parametrize("rule_id", sorted(FIRST_FORMS))
def test_same_matches_on_examples_and_corpora(pipeline: rx.Pipeline, corpus: Callable[[str], list[str]],
                                              rule_id: str) -> None:
    first = compile_regex(FIRST_FORMS[rule_id], rule_id)
    rule = _rule(pipeline, rule_id)
    raw = next(x for x in pipeline.store.yaml("quantities/exclusions.yaml")["exclusions"] if x["id"] == rule_id)
    texts = [*(raw.get("examples") or []), *(raw.get("not") or []), *_EDGES]
    texts += [pipeline.normalise(t).text for t in corpus("quantities.*.yaml")]
    for text in texts:
        assert _spans(rule.compiled, text) == _spans(first, text), text[:80]


@pytest.mark.parametrize("rule_id", sorted(FIRST_FORMS))
@given(text=st.lists(_PIECES, max_size=30).map("".join), pos=st.integers(0, 5))
def test_same_matches_on_generated_text(pipeline: rx.Pipeline, rule_id: str, text: str, pos: int) -> None:
    first = compile_regex(FIRST_FORMS[rule_id], rule_id)
    assert _spans(_rule(pipeline, rule_id).compiled, text, pos) == _spans(first, text, pos)
