"""The publication-date picker scores only the candidates that can matter, and picks the same date.

``DatelinePicker.pick`` leaves out month-only and year-less dates that no feature
allows (``choose(all_candidates=False)``); ``explain`` keeps every candidate.  These
tests check that both choices agree (same winner, same time source) over the seeds,
the case files, the external suites, the gold pages of ../shared/eval/published
when present, and generated page heads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx

ROOT = Path(__file__).resolve().parents[1]


def _same_choice(pipeline: rx.Pipeline, raw: str) -> None:
    text = pipeline.normalise(raw).text
    found = pipeline.dates.grammar.scan(text)
    picker = pipeline.dates.dateline
    full = picker.choose(text, found)
    lean = picker.choose(text, found, all_candidates=False)
    if full is None:
        assert lean is None, raw[:200]
        return
    assert lean is not None, raw[:200]
    assert lean.winner == full.winner, raw[:200]
    assert lean.time_from == full.time_from, raw[:200]
    assert picker.pick(text, found) == full.line.found
    assert all(c in full.candidates for c in lean.candidates)


def test_same_choice_on_the_corpus(pipeline: rx.Pipeline, corpus: Callable[[str], list[str]]) -> None:
    texts = corpus("*.yaml")
    for folder in ("published", "train", "dev"):
        path = ROOT.parent / "shared" / "eval" / folder / "texts"
        if not path.is_dir():
            path = ROOT.parent.parent / "shared" / "eval" / folder / "texts"
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(path.glob("*.txt"))]
    for raw in texts:
        _same_choice(pipeline, raw)


_PIECES = st.sampled_from([
    "发布时间:", "来源:新华网", "新华社北京", "电 ", "讯 ", "Updated: ", "Posted on ", "BEIJING, ", " (Xinhua) -- ",
    " /PRNewswire/ -- ", "(Yicai) ", "2022年3月3日", "3月3日", "2022-03-03", "2022-03", "10:15", " 星期四",
    "March 3", "March 3, 2022", "Mar 2022", "3 March", " edition", "第08版", "今天是", "on ", "截至", "\n", "\n\n",
    " ", "Headline text", "正文内容,工业增长。", "(Photo by A./Xinhua)", "甘肃日报", "1130123", "(编辑:王小明)",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=24))
def test_same_choice_on_generated_heads(pipeline: rx.Pipeline, pieces: list[str]) -> None:
    _same_choice(pipeline, "".join(pieces))
