"""End to end, time grows linearly with the length of a document, whatever it repeats.

One unpunctuated run of figures, dates, places or agency names is the worst
case for the steps that look around each mention (overlap checks, clause and
sentence scans, indicator linking): each shape is extracted at ``n`` and ``8n``
characters in the same run, best of three, and the ratio must stay near 8
(linear), far from 64 (quadratic).  No wall-clock threshold.
"""

from __future__ import annotations

import time

import pytest

import recovery_extract as rx

SHAPES = {
    "zh amounts": "12万元",
    "zh growth rates": "工业增加值增长5.2%",
    "zh points": "上升4.7个百分点",
    "zh list": "分别为1%、2%、3%",
    "zh dates": "2月24日",
    "zh places": "济南市",
    "zh agencies": "省工信厅",
    "zh sentence": "截至2月24日,济南市规上工业企业复工率98.78% ",
    "en growth": "output grew 5.2 percent and ",
    "en counts": "346 enterprises resumed ",
    "en sentence": "On March 3, Jinan said 12.71 million yuan ",
}
N = 2000
LIMIT = 20  # linear gives about 8, quadratic about 64


@pytest.fixture(scope="module")
def pipeline() -> rx.Pipeline:
    p = rx.Pipeline()
    p.extract("warm up: 2020年 12万元 济南市工信局 Jinan Bureau")
    return p


def _seconds(pipeline: rx.Pipeline, text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        pipeline.extract(text)
        best = min(best, time.process_time() - t0)
    return best


def _text(unit: str, size: int) -> str:
    return unit * (size // len(unit) + 1)


def _ratio(pipeline: rx.Pipeline, unit: str, factor: int) -> float:
    """Time for ``factor * N`` characters of ``unit`` over time for ``N``."""
    small = _seconds(pipeline, _text(unit, N))
    large = _seconds(pipeline, _text(unit, factor * N))
    return large / max(small, 1e-4)


@pytest.mark.parametrize("unit", SHAPES.values(), ids=SHAPES.keys())
def test_growth_is_linear(pipeline: rx.Pipeline, unit: str) -> None:
    ratio = _ratio(pipeline, unit, 8)
    assert ratio < LIMIT, f"x{ratio:.0f} from {N} to {8 * N} characters of {unit!r}"


# Sentences of figures and places, many thousands of characters long: the per-figure
# lookups (the region and date of each figure, an earlier figure of the same metric) and
# the in-place matches after each numeral must not look at the whole text.  A cost that
# is small per pair only shows at this length, so these run at n and 32n.
LONG_SHAPES = {
    "zh sentences, no 个": "济南市工业增加值增长5.2%。",
    "zh clauses, no 个": "济南市工业增加值增长5.2%,",
}
LONG_LIMIT = 80  # linear gives about 32 (40 with the garbage collector's share), quadratic about 1000


@pytest.mark.parametrize("unit", LONG_SHAPES.values(), ids=LONG_SHAPES.keys())
def test_growth_is_linear_on_long_runs(pipeline: rx.Pipeline, unit: str) -> None:
    ratio = _ratio(pipeline, unit, 32)
    assert ratio < LONG_LIMIT, f"x{ratio:.0f} from {N} to {32 * N} characters of {unit!r}"


def test_the_yardstick_sees_a_quadratic_step(pipeline: rx.Pipeline) -> None:
    """The ratio does catch a quadratic cost of the size these shapes have."""
    def quadratic(text: str) -> None:
        spans: list[int] = []
        for i in range(0, len(text), 4):
            if all(i != s for s in spans):
                spans.append(i)

    def seconds(text: str) -> float:
        t0 = time.process_time()
        quadratic(text)
        return time.process_time() - t0

    small, large = seconds("x" * N), seconds("x" * (8 * N))
    assert large / max(small, 1e-4) > LIMIT
