"""Quantity exclusions with ``needs`` (patterns/quantities/exclusions.yaml) lose nothing.

An exclusion with ``needs`` is skipped on a text where ``needs`` does not
occur, which is only right if every match of the exclusion contains a match of
``needs``.  Checked on every match over the seeds, the external suites, the
case files and the exclusions' own examples, and on generated text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx

def _gated(pipeline: rx.Pipeline) -> list[Any]:
    rules = [r for r in pipeline.quantities.g.exclusions if r.needs is not None]
    assert rules, "no exclusion uses needs: this test checks nothing"
    return rules


def _broken(rules: list[Any], text: str) -> list[str]:
    return [f"{r.id}: {m.group()!r}" for r in rules for m in r.compiled.finditer(text)
            if r.needs.search(text, m.start(), m.end()) is None]


def _texts(pipeline: rx.Pipeline, corpus: Callable[[str], list[str]]) -> list[str]:
    exclusions = pipeline.store.yaml("quantities/exclusions.yaml")["exclusions"]
    examples = [f"据悉{e}说" for x in exclusions for e in (x.get("examples") or [])]
    return [pipeline.normalise(t).text for t in corpus("quantities.*.yaml") + examples]


def test_every_match_contains_what_it_needs(pipeline: rx.Pipeline, corpus: Callable[[str], list[str]]) -> None:
    rules = _gated(pipeline)
    bad = [b for t in _texts(pipeline, corpus) for b in _broken(rules, t)]
    assert not bad, "\n".join(bad[:20])


def test_examples_of_gated_exclusions_are_still_excluded(pipeline: rx.Pipeline) -> None:
    """The gate is not simply off: the examples still match, needs included."""
    exclusions = {x["id"]: x for x in pipeline.store.yaml("quantities/exclusions.yaml")["exclusions"]}
    for rule in _gated(pipeline):
        for example in exclusions[rule.id].get("examples") or []:
            assert rule.needs.search(example) and rule.compiled.search(example), (rule.id, example)


_PIECES = st.sampled_from(["ICP", "备", "号", "编号", "证号", "许可证", "www.", "http://", ".gov.cn", ".com",
                           ".pdf", ".html", "图片", "1", "2020", "a", "-", ".", "/", ":", " ", "中", "\n",
                           "备案号", "身份证", "附件", "x.png", "gov", "cn"])


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_generated_text(pipeline: rx.Pipeline, text: str) -> None:
    assert not _broken(_gated(pipeline), text)
