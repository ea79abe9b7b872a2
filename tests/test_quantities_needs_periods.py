"""The ``needs`` of the period exclusions (first N months, quarters) hold on generated text.

tests/test_quantities_needs.py checks every exclusion's ``needs`` on the corpora; this
adds generated text made of the pieces those two exclusions are written with, so every
match they can make (Chinese and English, any case) is checked to contain its ``needs``.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx

_IDS = ("quantities.exclude.first_n_months", "quantities.exclude.quarter_period")

_PIECES = st.sampled_from(["前", "头", "十", "三", "个", "月", "个月", " ", "10", "the ", "first ", "First ",
                           "FIRST ", "three ", "months", "MONTHS", "Month", "last ", "past ", "two ", "3 ",
                           "consecutive ", "straight ", "quarter", "quarters", "QUARTERS", " of ", " in ",
                           "this", "year", "2020", "fiscal", "\n", "。", "-"])


def _rules(pipeline: rx.Pipeline) -> list[Any]:
    rules = [r for r in pipeline.quantities.g.exclusions if r.id in _IDS]
    assert len(rules) == len(_IDS) and all(r.needs is not None for r in rules)
    return rules


def test_examples_match_and_hold_what_they_need(pipeline: rx.Pipeline) -> None:
    examples = {x["id"]: x.get("examples") or [] for x in pipeline.store.yaml("quantities/exclusions.yaml")["exclusions"]}
    for rule in _rules(pipeline):
        for example in examples[rule.id]:
            assert rule.compiled.search(example) and rule.needed(example), example


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_every_match_holds_what_it_needs(pipeline: rx.Pipeline, text: str) -> None:
    for rule in _rules(pipeline):
        for m in rule.compiled.finditer(text):
            assert rule.needs.search(text, m.start(), m.end()), (rule.id, m.group())
            assert rule.needed(m.group()), (rule.id, m.group())
