"""Datelines: their date is the day of the report, their place where it was filed."""

from __future__ import annotations

import pytest

import recovery_extract as rx
from recovery_extract.pipeline import default_pipeline


@pytest.mark.parametrize("text, dateline", [
    ("WUHAN, April 10 -- Hubei started 1,200 projects.", "April 10"),
    ("BEIJING, March 31 (Xinhua) -- The PMI rose.", "March 31"),
    ("新华社北京3月31日电 国家统计局今天发布数据。", "3月31日"),
    ("中新网3月31日讯 记者获悉。", "3月31日"),
])
def test_dateline_found(text: str, dateline: str) -> None:
    pipe = default_pipeline()
    _, view, mentions, _ = pipe.analyse(text)
    found = [view.text[d.start:d.end] for d in pipe.indicators.datelines.dates(view.text, mentions)]
    assert found == [dateline]


@pytest.mark.parametrize("text", [
    "截至3月31日,全省规上工业企业复工率达98%。",
    "On March 31, the operating rate reached 95 percent -- a record.",
    "Output rose 5 percent. In the week to March 31 -- the last of the quarter -- it fell.",
    "3月31日电话会议上,省工信厅介绍了情况。",
])
def test_no_dateline(text: str) -> None:
    pipe = default_pipeline()
    _, view, mentions, _ = pipe.analyse(text)
    assert pipe.indicators.datelines.dates(view.text, mentions) == []


def test_dateline_place_is_not_the_subject() -> None:
    text = ("新华社北京11月15日电 国家统计局15日公布,1-10月份,全国规模以上工业增加值同比增长4.1%。\n"
            "分经济类型看,股份制企业增加值增长5.2%。")
    doc = rx.extract(text, published="2023-11-15")
    # 北京 is a region mention (a place named), but no indicator is Beijing's.
    assert any(r.value == "110000" for r in doc.regions)
    assert {i.region for i in doc.indicators} == {"CN"}
