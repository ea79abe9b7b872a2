"""Years and periods: which year a date that prints none takes (patterns/dates/years.yaml),
the periods of issue 14, and date arithmetic at the edges of the calendar.

Expected values are worked out by hand from the calendar.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx


def dates_of(text: str, published: str | date | None = None) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in rx.extract(text, published=published).dates]


@pytest.mark.parametrize("text,published,want", [
    # An explicit year of the clause governs the dates after it.
    ("2022年1-2月,全市工业增长5%,3月增长6%。", None, ("3月", "2022-03")),
    ("2022年1-2月,全市工业增长5%,3月增长6%。", "2023-05-01", ("3月", "2022-03")),
    ("去年1-11月增长5%,12月增长6%。", "2021-02-01", ("12月", "2020-12")),
    ("In March 2021 output rose, and in April it fell.", None, ("April", "2021-04")),
    # ... but not past the clause, and not from a comparison base.
    ("2018年1-2月份增长7.2%;从环比看,2月份增长。", None, ("2月份", "--02")),
    ("2018年1-2月份增长7.2%,较2017年12月份加快1个百分点,2月份增长。", None, ("2月份", "2018-02")),
    ("与2019年同期相比,3月份增长。", "2021-05-01", ("3月份", "2021-03")),
    ("2019年以来,累计投资增长,3月份增长。", "2021-05-01", ("3月份", "2021-03")),
    ("去年12月增长3%,1月增长5%。", "2021-02-20", ("1月", "2021-01")),
    # A reference the caller gives is "now": its year.
    ("3月,全市工业增长。", "2021-01-20", ("3月", "2021-03")),
    # Relative words resolve against the same reference.
    ("今年以来,工业增长。", "2021-01-20", ("今年", "2021")),
    ("Output rose last year.", "2021-01-20", ("last year", "2020")),
    ("Miao said on the 20th that output rose.", "2020-05-21", ("the 20th", "2020-05-20")),
    ("It was reported on Tuesday.", "2020-05-21", ("Tuesday", "2020-05-19")),
])
def test_year_of_a_yearless_date(text: str, published: str | None, want: tuple[str, str]) -> None:
    assert want in dates_of(text, published)


@pytest.mark.parametrize("text,want", [
    # The page's own date: the latest year that does not put the date well after it.
    ("发布时间:2021-01-20\n3月,全市工业增长。", ("3月", "2020-03")),
    ("发布时间:2021-01-20\n2月,全市工业增长。", ("2月", "2021-02")),
    ("Updated: 2021-01-05\nOutput rose in March.", ("March", "2020-03")),
    ("发布时间:2021-02-10\n四季度增长5%。", ("四季度", "2020-10/2020-12")),
    ("发布时间:2021-02-10\n2020年四季度增长5%,12月增长6%。", ("12月", "2020-12")),
    # The page's own dates reach further: its "now" is at least the latest month it dates.
    ("发布时间:2021-01-20\n2021年3月10日召开会议。\n3月,全市工业增长。", ("3月", "2021-03")),
    ("发布时间:2021-01-20\n2020年12月增长5%。\n3月,全市工业增长。", ("3月", "2020-03")),
    # ... unless the clause looks ahead.
    ("发布时间:2021-01-20\n预计3月,全市工业增长。", ("3月", "2021-03")),
    ("发布时间:2022-02-18\n各类订单已排到9月。", ("9月", "2022-09")),
    ("Updated: 2021-01-05\nOutput will rise in March.", ("March", "2021-03")),
])
def test_year_against_the_page_date(text: str, want: tuple[str, str]) -> None:
    assert want in dates_of(text)


@pytest.mark.parametrize("text,published,want", [
    ("截至3月底,复工率达90%。", "2020-04-02", ("3月底", "2020-03")),
    ("2021年底,增加值达到174亿元。", None, ("2021年底", "2021")),
    ("By the end of 2021, output rose.", None, ("end of 2021", "2021")),
    ("5月初,企业复工。", "2020-05-20", ("5月初", "2020-05")),
    ("in January and February output rose", "2022-03-15", ("January and February", "2022-01/2022-02")),
    ("1、2月工业增长。", "2022-03-15", ("1、2月", "2022-01/2022-02")),
    ("in the first ten days of March", "2022-03-25", ("first ten days of March", "2022-03-01/2022-03-10")),
    ("in the last ten days of February", "2020-03-25", ("last ten days of February", "2020-02-21/2020-02-29")),
    ("Q1 output rose", "2022-05-01", ("Q1", "2022-01/2022-03")),
    ("H1 output rose", "2022-08-01", ("H1", "2022-01/2022-06")),
    ("in the first three quarters of this year", "2023-10-26", ("first three quarters of this year", "2023-01/2023-09")),
    ("in the first three quarters", None, ("first three quarters", "--01/--09")),
])
def test_periods(text: str, published: str | None, want: tuple[str, str]) -> None:
    assert want in dates_of(text, published)


@pytest.mark.parametrize("text,published,absent", [
    ("规模以上工业增加值比上月增长0.57%。", "2020-03-15", "上月"),
    ("增速较上年提高3个百分点。", "2020-03-15", "上年"),
    ("产量比去年增长5%。", "2020-03-15", "去年"),
    ("已恢复到去年同期水平。", "2020-03-15", "去年"),
    ("up 8.5 points compared with last month", "2020-03-15", "last month"),
    ("back to the level of last year", "2020-03-15", "last year"),
    ("每年2、3月是淡季。", "2020-03-15", "2、3月"),
    ("工人开工前在厂内隔离14日。", "2020-03-15", "14日"),
    ("see http://www.gov.cn/xinwen/2018-08/27/content_5316856.htm", None, "2018-08/27"),
    ("reported Xinjiang Daily Tuesday", "--10-28", "Tuesday"),
    ("March and May", "2020-06-01", "March and May"),
])
def test_not_dates(text: str, published: str | None, absent: str) -> None:
    start = text.index(absent)
    for d in rx.extract(text, published=published).dates:
        assert not (d.start < start + len(absent) and start < d.end) or d.text != absent, (d.text, d.value)
    assert absent not in [d.text for d in rx.extract(text, published=published).dates]


def test_consecutive_months_only_are_one_period() -> None:
    assert ("March", "2020-03") in dates_of("in March and May", "2020-06-01")
    assert ("May", "2020-05") in dates_of("in March and May", "2020-06-01")


@pytest.mark.parametrize("stamp,want", [
    ("08:24, April 24, 2022", "2022-04-24T08:24"),
    ("May 29, 2024, 11:58 AM", "2024-05-29T11:58"),
    ("Mon 30th March 2020 | 12:33 PM", "2020-03-30T12:33"),
    ("Thursday, 21 May, 2020, 05:30", "2020-05-21T05:30"),
    ("2/28/2020", "2020-02-28"),
    ("28/02/2020", "2020-02-28"),
    ("16.09.2015", "2015-09-16"),
    ("Feb 13th 2020", "2020-02-13"),
    ("ChinaFeb 13th 2020 edition", "2020-02-13"),
    ("BusinessJan 5, 2021", "2021-01-05"),
])
def test_byline_forms(stamp: str, want: str) -> None:
    assert want in [v for _, v in dates_of(f"Headline\n{stamp}\nBody.")]


@pytest.mark.parametrize("published", [date(1, 1, 1), date(9999, 12, 31)])
@pytest.mark.parametrize("text", ["昨日产量增长。", "明天开始复工。", "上个月增长。", "去年增长。", "next month",
                                  "下季度", "Friday", "last year"])
def test_arithmetic_at_the_calendar_edges(text: str, published: date) -> None:
    for _, value in dates_of(text, published):
        head = value.split("/")[0]
        assert head.startswith("-") or len(head.split("-")[0]) == 4, value
        assert not head.startswith("0000"), value


def test_yesterday_of_year_one_keeps_month_and_day() -> None:
    assert dates_of("昨日产量增长。", date(1, 1, 1)) == [("昨日", "--12-31")]
    assert dates_of("明天开始复工。", date(9999, 12, 31)) == [("明天", "--01-01")]


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)), st.integers(1, 12))
def test_a_yearless_month_never_lands_well_after_the_page_date(ref: date, month: int) -> None:
    got = dates_of(f"发布时间:{ref.isoformat()}\n{month}月,产值增长。")
    assert got[0] == (ref.isoformat(), ref.isoformat())
    [(_, value)] = got[1:]
    year, m = int(value[:4]), int(value[5:7])
    assert m == month
    assert (year * 12 + m) - (ref.year * 12 + ref.month) <= 1
    assert (year * 12 + m) - (ref.year * 12 + ref.month) > -12


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)), st.integers(0, 6))
def test_a_weekday_is_the_latest_such_day_up_to_the_reference(ref: date, back: int) -> None:
    day = ref - timedelta(days=back)
    name = day.strftime("%A")
    assert dates_of(f"The data came out on {name}.", ref.isoformat()) == [(name, day.isoformat())]


def test_a_chunked_page_dates_its_later_chunks_as_its_own() -> None:
    """The page's date line, read in the first chunk, gives later chunks the latest-year
    rule too (it used to reach them as a caller's date: 3月份 became 2021-03)."""
    from recovery_extract.pipeline import Pipeline

    text = "发布时间:2021-01-15 10:00\n" + ("全市工业生产保持稳定。" * 40 + "\n") * 3 \
        + "3月份,全市规上工业增加值增长5%。\n"
    chunked = Pipeline(max_chars=1000).extract(text)
    whole = Pipeline().extract(text)
    assert [(d.text, d.value) for d in chunked.dates] == [(d.text, d.value) for d in whole.dates]
    assert ("3月份", "2020-03") in [(d.text, d.value) for d in chunked.dates]
