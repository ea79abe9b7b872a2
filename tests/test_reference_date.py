"""Reference dates as users type them: ``published=`` reads them or raises ValueError."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.prepare.reference_date import parse_reference_date

SENTENCE = "截至2月24日,济南市规模以上工业企业开工率98.78%。"


@pytest.mark.parametrize("typed, order, iso", [
    ("2020-02-25", None, "2020-02-25"),
    ("  2020-02-25\n", None, "2020-02-25"),
    ("20200225", None, "2020-02-25"),
    ("2020年2月25日", None, "2020-02-25"),
    ("2020 年 2 月 25 日", None, "2020-02-25"),
    ("2020.02.25", None, "2020-02-25"),
    ("2020/2/5", None, "2020-02-05"),
    ("25 Feb 2020", None, "2020-02-25"),
    ("February 25, 2020", None, "2020-02-25"),
    ("25/02/2020", None, "2020-02-25"),  # unambiguous: 25 cannot be a month
    ("02/25/2020", None, "2020-02-25"),
    ("02/03/2020", "DMY", "2020-03-02"),
    ("02/03/2020", "mdy", "2020-02-03"),
    ("2020-02-25T10:30:00+08:00", None, "2020-02-25T10:30:00+08:00"),
    ("2020-02-25T00:00:00", None, "2020-02-25"),
    ("2020-02-25T10:30:00+0800", None, "2020-02-25T10:30:00+08:00"),
    (date(2020, 2, 25), None, "2020-02-25"),
    (datetime(2020, 2, 25, 8, 0), None, "2020-02-25T08:00:00"),
])
def test_typed_dates_read(typed: object, order: str | None, iso: str) -> None:
    assert parse_reference_date(typed, order) == iso


@pytest.mark.parametrize("typed, order", [
    ("2020-13-45", None), ("2020-02-30", None), ("20201345", None), ("notadate", None),
    ("Feb 2020", None), ("yesterday", None), ("0025-02-24", None),
    ("02/03/2020", None),           # ambiguous without an order
    ("02/25/2020", "DMY"),          # contradicts the order given
    ("2020-02-25", "XYZ"),          # not an order
])
def test_what_is_not_one_day_is_a_value_error(typed: str, order: str | None) -> None:
    with pytest.raises(ValueError, match="published|date_order"):
        parse_reference_date(typed, order)


def test_blank_means_no_reference() -> None:
    assert parse_reference_date(None) is None and parse_reference_date("  ") is None


def test_other_types_are_a_type_error() -> None:
    with pytest.raises(TypeError):
        parse_reference_date(20200225)


def test_api_resolves_against_a_typed_date() -> None:
    doc = rx.extract(SENTENCE, published="25/02/2020")
    assert doc.published == "2020-02-25"
    assert [d.value for d in doc.dates] == ["2020-02-24"]
    doc = rx.extract(SENTENCE, published="03/02/2021", date_order="MDY")
    assert doc.published == "2021-03-02" and [d.value for d in doc.dates] == ["2021-02-24"]


def test_api_raises_on_a_bad_reference() -> None:
    with pytest.raises(ValueError, match="2020-13-45"):
        rx.extract(SENTENCE, published="2020-13-45")
    with pytest.raises(ValueError, match="ambiguous"):
        rx.Pipeline().extract(SENTENCE, published="02/03/2020")


_BASE = rx.extract(SENTENCE)


@given(st.one_of(st.text(max_size=30), st.dates(), st.datetimes(),
                 st.from_regex(r"\d{1,4}[-./年]\d{1,2}[-./月]\d{1,4}日?", fullmatch=True)))
def test_a_reference_never_empties_the_document(published: object) -> None:
    """Issue 20: either a ValueError at the boundary or the full analysis."""
    try:
        doc = rx.extract(SENTENCE, published=published)
    except ValueError:
        return
    assert not any("internal error" in w for w in doc.warnings)
    assert doc.quantities == _BASE.quantities and doc.regions == _BASE.regions
    assert len(doc.dates) == 1 and len(doc.indicators) == len(_BASE.indicators)
    assert doc.published is None or date.fromisoformat(doc.published[:10])


def test_import_does_not_load_dateparser() -> None:
    code = ("import sys, recovery_extract as rx; rx.extract('x', published='2020-02-25'); "
            "print('dateparser' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
