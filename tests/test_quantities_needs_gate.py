"""A ``needs`` that is not a list of literals (file_or_url: ``\\.pdf|https?://|www\\.``) is
searched only where its literal beginnings stand: ``Rule.needed`` answers what the plain
``needs.search`` answers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, strategies as st

import recovery_extract as rx
from recovery_extract.extract.quantities_grammar import Rule

_PIECES = ["www.", "WWW.", "http://", "HTTPS://", "htt", ".pdf", ".PNG", ".jpeg", ".docx", ".gov.cn", ".Com.CN",
           ".html", ".shtml", "İ", "ſ", "K", "a", "x", "1", " ", "\n", ".", "/", "图片", "-", "_"]


def _gated(pipeline: rx.Pipeline) -> list[Rule]:
    rules = [r for r in [*pipeline.quantities.g.exclusions, *pipeline.quantities.g.after,
                         *pipeline.quantities.g.before] if r.needs_gate is not None]
    assert rules, "no needs is gated: this test checks nothing"
    return rules


def _plain(rule: Rule, text: str) -> bool:
    return rule.needs.search(text) is not None


def test_gated_needs_answer_as_the_plain_search_on_the_corpus(
        pipeline: rx.Pipeline, corpus: Callable[[str], list[str]]) -> None:
    for text in corpus("quantities.*.yaml"):
        norm = pipeline.normalise(text).text
        for rule in _gated(pipeline):
            assert rule.needed(norm) == _plain(rule, norm), (rule.id, norm[:80])


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_gated_needs_answer_as_the_plain_search(pipeline: rx.Pipeline, pieces: list[str]) -> None:
    text = "".join(pieces)
    for rule in _gated(pipeline):
        assert rule.needed(text) == _plain(rule, text), (rule.id, text)


@pytest.mark.parametrize("text", ["见附件1.PDF", "www.gov.cn", "HTTPS://x", "a.b.gov.cn", "no link here"])
def test_examples(pipeline: rx.Pipeline, text: str) -> None:
    for rule in _gated(pipeline):
        assert rule.needed(text) == _plain(rule, text)
