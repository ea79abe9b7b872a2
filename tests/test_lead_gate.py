"""data/lead_gate.py: matching only just before a pattern's opening words finds what finditer finds.

The registration exclusion (patterns/quantities/exclusions.yaml) is scanned over the whole
text through its gate; the gate must give the same spans as the plain ``finditer`` on the
corpus, on the exclusions' examples and on generated text, and on small patterns of the
same shape (leads, optional letters, cased words under IGNORECASE).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import regex
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data.lead_gate import LeadGate


def _gated(pipeline: rx.Pipeline) -> list[Any]:
    rules = [r for r in pipeline.quantities.g.exclusions if r.lead_gate is not None]
    assert any(r.id == "quantities.exclude.registration" for r in rules), "the registration scan is not gated"
    return rules


def _same(compiled: Any, gate: LeadGate, text: str) -> bool:
    return [m.span() for m in gate.finditer(compiled, text)] == [m.span() for m in compiled.finditer(text)]


def test_registration_gate_on_corpus(pipeline: rx.Pipeline, corpus: Callable[[str], list[str]]) -> None:
    exclusions = pipeline.store.yaml("quantities/exclusions.yaml")["exclusions"]
    examples = [f"据悉{e}说" for x in exclusions for e in (x.get("examples") or [])]
    texts = [pipeline.normalise(t).text for t in corpus("quantities.*.yaml") + examples]
    texts += ["\n".join(texts[i:i + 40]) for i in range(0, len(texts), 40)]
    for r in _gated(pipeline):
        bad = [t[:60] for t in texts if not _same(r.compiled, r.lead_gate, t)]
        assert not bad, (r.id, bad[:5])


def test_registration_gate_finds_the_examples(pipeline: rx.Pipeline) -> None:
    rule = next(r for r in _gated(pipeline) if r.id == "quantities.exclude.registration")
    assert rule.lead_gate.lead == 2
    for text in ["黔ICP备05001922号", "京icp证 0123号", "许可证号37120180020", "身份证号140302197706220124"]:
        assert [m.group() for m in rule.lead_gate.finditer(rule.compiled, "据, " + text)] == [text], text


_PIECES = st.sampled_from(["ICP", "icp", "Icp", "IC", "P", "备", "证", "号", "编号", "证号", "许可证", "许可证号",
                           "案号", "备案号", "文号", "身份证", "身份证号", "统一社会信用代码", "中", "京", "黔",
                           "1", "2020", "a", "-", ":", ":", " ", "\n", "(", "〔", "x", "é", "K", "İ"])


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_registration_gate_on_generated_text(pipeline: rx.Pipeline, text: str) -> None:
    for r in _gated(pipeline):
        assert _same(r.compiled, r.lead_gate, text), r.id


_SMALL = [
    regex.compile(r"(?:\p{Han}{0,2}ab|cd?|x\d)\d+", regex.IGNORECASE),
    regex.compile(r"(?-f)(?:\p{Han}{1,3}AB[cd]?|中文|文)\w*\d", regex.IGNORECASE | regex.V1),
    regex.compile(r"(?:.{0,2}k|ss)\w?"),
]


@given(st.lists(st.sampled_from(["ab", "AB", "aB", "c", "cd", "CD", "x1", "X", "k", "K", "\u212a", "ss", "SS",
                                 "ß", "中", "文", "中文", "1", "22", " ", "-", "_"]), max_size=30).map("".join))
def test_small_patterns_on_generated_text(text: str) -> None:
    for compiled in _SMALL:
        gate = LeadGate.of(compiled)
        assert gate is not None, compiled.pattern
        assert _same(compiled, gate, text), (compiled.pattern, text)


def test_patterns_not_opening_with_words_have_no_gate() -> None:
    for source in [r"\d+号", r"(?:\d+|ICP)", r"(?:a*|b)c", r"(?:[^]]x|y)", r"ICP|备案号", r"(?:\p{Han}+ab|c)", r"(?:\w{0,1}ss|k)\d?"]:
        assert LeadGate.of(regex.compile(source, regex.IGNORECASE | regex.V1)) is None, source
