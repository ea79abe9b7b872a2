"""Hypothesis properties of the date extractor.

- A random date written in any supported Chinese or English form comes back
  (once, as a date mention) with its value.
- A date with no year and no reference comes back year-unknown (``--MM-DD``),
  never with the current year.
"""

from __future__ import annotations

import calendar
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx

MONTHS = [calendar.month_name[i] for i in range(1, 13)]
ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth"}
ZH_DIGITS = "〇一二三四五六七八九"

PIPELINE = rx.Pipeline()


def zh_number(n: int) -> str:
    """1..31 in Chinese positional numerals."""
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else ZH_DIGITS[tens] + "十")
    return head + (ZH_DIGITS[units] if units else "")


def zh_year(y: int) -> str:
    return "".join(ZH_DIGITS[int(c)] for c in str(y))


@st.composite
def days(draw: st.DrawFn) -> date:
    d = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))
    return d


DAY_FORMS = [
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year}年{d.month:02d}月{d.day:02d}日",
    lambda d: f"{zh_year(d.year)}年{zh_number(d.month)}月{zh_number(d.day)}日",
    lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}",
    lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{ABBR[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
]

SENTENCES = ["截至{},全市规上工业企业复工率达95%。", "As of {}, the operating rate reached 95 percent.", "{}"]


def dates_of(text: str, published: str | None = None) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in PIPELINE(text, published=published).dates]


@settings(max_examples=150, deadline=None)
@given(days(), st.sampled_from(DAY_FORMS), st.sampled_from(SENTENCES))
def test_a_written_day_comes_back(d: date, form: object, sentence: str) -> None:
    written = form(d)  # type: ignore[operator]
    assert dates_of(sentence.format(written)) == [(written, d.isoformat())]


@settings(max_examples=100, deadline=None)
@given(st.integers(1990, 2035), st.integers(1, 12), st.sampled_from(SENTENCES))
def test_a_written_month_comes_back(year: int, month: int, sentence: str) -> None:
    for written in (f"{year}年{month}月", f"{MONTHS[month - 1]} {year}"):
        assert dates_of(sentence.format(written)) == [(written, f"{year}-{month:02d}")]


@settings(max_examples=100, deadline=None)
@given(st.integers(1990, 2035), st.integers(1, 4), st.integers(1, 12), st.integers(1, 12))
def test_periods_come_back(year: int, quarter: int, first: int, last: int) -> None:
    q = f"{year}-{3 * quarter - 2:02d}/{year}-{3 * quarter:02d}"
    assert [v for _, v in dates_of(f"{year}年第{zh_number(quarter)}季度,产值增长。")] == [q]
    assert [v for _, v in dates_of(f"In the {ORDINAL[quarter]} quarter of {year}, output grew.")] == [q]
    assert [v for _, v in dates_of(f"Q{quarter} {year} output grew.")] == [q]
    lo, hi = min(first, last), max(first, last)
    if lo < hi:
        want = f"{year}-{lo:02d}/{year}-{hi:02d}"
        assert [v for _, v in dates_of(f"{year}年{lo}至{hi}月,产值增长。")] == [want]
        assert [v for _, v in dates_of(f"From {MONTHS[lo - 1]} to {MONTHS[hi - 1]} {year}, output grew.")] == [want]


@settings(max_examples=100, deadline=None)
@given(days(), st.sampled_from([
    lambda d: f"{d.month}月{d.day}日",
    lambda d: f"{zh_number(d.month)}月{zh_number(d.day)}日",
    lambda d: f"{MONTHS[d.month - 1]} {d.day}",
    lambda d: f"{ABBR[d.month - 1]} {d.day}",
]), st.sampled_from(SENTENCES[:2]))
def test_no_year_and_no_reference_stays_unknown(d: date, form: object, sentence: str) -> None:
    written = form(d)  # type: ignore[operator]
    got = dates_of(sentence.format(written))
    assert got == [(written, f"--{d.month:02d}-{d.day:02d}")]
    assert not any(v.startswith(str(date.today().year)) for _, v in got)


@settings(max_examples=100, deadline=None)
@given(days(), st.integers(1, 12))
def test_the_reference_fills_the_year(ref: date, month: int) -> None:
    published = ref.isoformat()
    # A date the caller gives is "now": a year-less month takes its year (years.yaml).
    assert dates_of(f"{month}月,产值增长。", published) == [(f"{month}月", f"{ref.year}-{month:02d}")]
    assert dates_of(f"去年{month}月份,产值增长。", published) == [(f"去年{month}月份", f"{ref.year - 1}-{month:02d}")]
    assert dates_of(f"Output grew last year.", published) == [("last year", str(ref.year - 1))]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_and_spans_hold(text: str) -> None:
    doc = PIPELINE(text)
    for d in doc.dates:
        assert text[d.start:d.end] == d.text
        assert isinstance(d.value, str) and d.value
