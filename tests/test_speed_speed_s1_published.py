"""Dateline features anchored at the end are searched from the end: the same answer.

``Feature.present`` uses a reverse-searching copy (``(?r)``) of a regex anchored at the end
of its context. It must say "matches" exactly when the forward regex does: checked on the
data's examples and counter-examples, on every date context of the seeds and external cases,
and on generated contexts made of the pieces such regexes are built from.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data.patterns import data_dir
from recovery_extract.extract.dates_published import Feature, presence_probe


def _probed(pipeline: rx.Pipeline) -> list[Feature]:
    picker = pipeline.dates.dateline
    return [f for f in (*picker.features, *picker.stamp_features) if f.probe is not None]


def test_end_anchored_features_get_a_probe(pipeline: rx.Pipeline) -> None:
    ids = {f.id for f in _probed(pipeline)}
    assert "dates.published.label_before" in ids


def test_probe_only_for_end_anchored_regexes_that_commit_nothing() -> None:
    assert presence_probe(r"date\s*$", "t") is not None
    for source in (r"date\s*", r"^date\s*$", r"date\$", r"(?>dat)e$", r"date\s*+$", r"(?:date){e<=1}$"):
        assert presence_probe(source, "t") is None, source


def test_probe_agrees_on_the_data_examples(pipeline: rx.Pipeline) -> None:
    data = yaml.safe_load((data_dir() / "dates" / "published.yaml").read_text(encoding="utf-8"))
    raw = {str(f["id"]): f for key in ("features", "stamp_features") for f in data.get(key) or []}
    for f in _probed(pipeline):
        for text in [*(raw[f.id].get("examples") or []), *(raw[f.id].get("not") or [])]:
            assert f.present(text) == (f.compiled.search(text) is not None), (f.id, text)


def test_probe_agrees_on_every_date_context(pipeline: rx.Pipeline, corpus: Callable[[str], list[str]]) -> None:
    features = _probed(pipeline)
    for text in corpus("dates.*.yaml"):
        norm = pipeline.normalise(text).text
        for found in pipeline.dates.grammar.scan(norm):
            ls = norm.rfind("\n", 0, found.start) + 1
            for context in (norm[max(ls, found.start - 200):found.start], norm[ls:found.start].rstrip()):
                for f in features:
                    assert f.present(context) == (f.compiled.search(context) is not None), (f.id, context)


_PIECES = ["发布时间", "发 布", "时间", "日期", ":", "：", " ", "\t", "\n", "Published", "on", "posted", "updated",
           "date", "Time", "(", ")", "新华社", "日报", "today is", "since", "by", "截至", "于", "发表于", "x", "2020年",
           "/", "|", "-", "编辑"]


@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_probe_agrees_on_generated_contexts(pipeline: rx.Pipeline, pieces: list[str]) -> None:
    context = "".join(pieces)
    for f in _probed(pipeline):
        assert f.present(context) == (f.compiled.search(context) is not None), (f.id, context)


def test_tail_start_equals_the_trailing_filler_search(pipeline: rx.Pipeline,
                                                      corpus: Callable[[str], list[str]]) -> None:
    picker = pipeline.dates.dateline
    assert picker.filler_gate is not None
    for text in corpus("dates.*.yaml"):
        norm = pipeline.normalise(text).text
        for found in pipeline.dates.grammar.scan(norm):
            ls = norm.rfind("\n", 0, found.start) + 1
            before = norm[max(ls, found.start - 200):found.start]
            assert picker.tail_start(before) == picker.trailing_filler.search(before).start(), before


@given(st.lists(st.sampled_from(["Mon", "monday", "Tues.", " ", "\t", "12:30", "9:05 pm", " ET", "星期三", "周日", "|",
                                  "·", "(", ")", "【", "-", "—", "/", "x", "1", "Monday1", "2022年", "\n", "\u3000"]),
                max_size=12))
def test_tail_start_on_generated_filler(pipeline: rx.Pipeline, pieces: list[str]) -> None:
    picker = pipeline.dates.dateline
    before = "".join(pieces)
    assert picker.tail_start(before) == picker.trailing_filler.search(before).start()


def test_spaces_cover_every_code_point_matching_backslash_s() -> None:
    import re

    import regex

    from recovery_extract.data.patterns import _spaces

    chars = "".join(chr(c) for c in range(0x3001, 0x110000) if not 0xD800 <= c < 0xE000)
    assert re.search(r"\s", chars) is None and regex.search(r"\s", chars) is None
    assert {" ", "\t", "\n", "\u3000", "\xa0"} <= _spaces()
