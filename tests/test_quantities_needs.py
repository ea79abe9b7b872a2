"""Quantity exclusions with ``needs`` or ``reach`` (patterns/quantities/exclusions.yaml) lose nothing.

An exclusion with ``needs`` is skipped on a text where ``needs`` does not
occur, which is only right if every match of the exclusion contains a match of
``needs``.  One with ``reach`` runs only within ``reach`` characters of a
quantity, which is only right if no match is longer and if the windows find
what the whole-text scan finds.  Checked on every match over the seeds, the
external suites, the case files and the exclusions' own examples, and on
generated text.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
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


# ---------------------------------------------------------------------------- reach
def _reached(pipeline: rx.Pipeline) -> list[Any]:
    rules = [r for r in pipeline.quantities.g.exclusions if r.reach is not None]
    assert rules, "no exclusion uses reach: this test checks nothing"
    return rules


def _too_long(rules: list[Any], text: str) -> list[str]:
    return [f"{r.id}: {m.group()!r} is {m.end() - m.start()} > {r.reach}" for r in rules
            for m in r.compiled.finditer(text) if m.end() - m.start() > r.reach]


def _both(pipeline: rx.Pipeline, text: str) -> tuple[list[Any], list[Any]]:
    scan = pipeline.quantities.scan
    return scan(text), scan(text, everywhere=True)


def test_every_match_is_within_its_reach(pipeline: rx.Pipeline, corpus: Callable[[str], list[str]]) -> None:
    rules = _reached(pipeline)
    bad = [b for t in _texts(pipeline, corpus) for b in _too_long(rules, t)]
    assert not bad, "\n".join(bad[:20])


def test_windowed_exclusions_equal_whole_text_ones(pipeline: rx.Pipeline,
                                                   corpus: Callable[[str], list[str]]) -> None:
    texts = _texts(pipeline, corpus)
    # Joined into long documents too: windows merge, and quantities sit next to exclusions.
    texts += ["\n".join(texts[i:i + 40]) for i in range(0, len(texts), 40)]
    diffs = [t[:60] for t in texts if (pair := _both(pipeline, t))[0] != pair[1]]
    assert not diffs, f"{len(diffs)} texts differ, e.g. {diffs[:5]}"


def test_windows_really_skip_text_far_from_quantities(pipeline: rx.Pipeline) -> None:
    """The windows restrict the scan (fails if every exclusion still reads the whole text)."""
    far = "第三" + "。" * 200 + "产值增长12.5%"
    found = [SimpleNamespace(start=far.index("12.5"), end=len(far))]
    assert (0, 2) in list(pipeline.quantities.excluded(far, found, everywhere=True))  # 第三, an ordinal
    assert (0, 2) not in list(pipeline.quantities.excluded(far, found))


_NEAR = st.sampled_from(["第", "三", "十", "个", "月", "前", "top", " ", "10", "2020", "年", "-", "/", ".", ":",
                         "12", "万元", "亿元", "%", "家", "(1)", "一、", "\n", "0531-85193690", "五大", "产业",
                         "首", "months", "first", "No.", "同比增长", "1.5", "成本", "人", "千瓦时", "。"])


@given(st.lists(_NEAR, max_size=50).map("".join))
def test_windowed_exclusions_on_generated_text(pipeline: rx.Pipeline, text: str) -> None:
    windowed, whole = _both(pipeline, text)
    assert windowed == whole
    assert not _too_long(_reached(pipeline), text)
