"""Indicator linking: one case per rule (tests/cases/indicators.yaml), to_frame and explain."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

import recovery_extract as rx

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "indicators.yaml").read_text(encoding="utf-8"))


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_linking_rule(case: dict[str, Any]) -> None:
    doc = rx.extract(case["text"], published=case.get("published"))
    got = [i.to_dict() for i in doc.indicators]
    for want in case.get("expect", []):
        match = [g for g in got if _same(g["value"], want["value"]) and g["unit"] == want["unit"]]
        assert match, f"no indicator {want['value']} {want['unit']} in {got}"
        for key in ("metric", "region", "date", "basis"):
            if key in want:
                assert match[0][key] == want[key], f"{key}: want {want[key]!r}, got {match[0]}"
    for value, unit in case.get("absent", []):
        assert not [g for g in got if _same(g["value"], value) and g["unit"] == unit], got
    if "count" in case:
        assert len(got) == case["count"], got


def test_quantity_keeps_the_amount_the_indicator_is_signed() -> None:
    doc = rx.extract("1-2月,全市规模以上工业增加值同比下降3.3%。", published="2020-03-20")
    assert [q.value for q in doc.quantities if q.unit == "%"] == [3.3]
    assert [i.value for i in doc.indicators] == [-3.3]
    assert doc.indicators[0].quantity is not None and doc.indicators[0].quantity.text == "3.3%"


def test_to_frame_rows_match_the_indicators(seed_texts: dict[str, str]) -> None:
    pd = pytest.importorskip("pandas")
    docs = [rx.extract(t, doc_id=k) for k, t in seed_texts.items()]
    frame = rx.to_frame(docs)
    assert isinstance(frame, pd.DataFrame)
    expected = [(d.id, i.metric, i.value, i.unit, i.region, i.date, i.basis)
                for d in docs for i in d.indicators]
    got = [tuple(r) for r in frame[["doc_id", "metric", "value", "unit", "region", "date", "basis"]]
           .astype(object).where(frame.notna(), None).itertuples(index=False)]
    assert got == expected
    assert len(frame) > 20
    original = {d.id: d.text for d in docs}
    for row in frame.itertuples():
        assert original[row.doc_id][row.start:row.end] == row.text


def test_indicator_rows_without_pandas(seed_texts: dict[str, str]) -> None:
    docs = [rx.extract(t, doc_id=k) for k, t in seed_texts.items()]
    rows = rx.indicator_rows(docs)
    assert len(rows) == sum(len(d.indicators) for d in docs)
    assert all(r["sentence"] for r in rows)


def test_explain_says_why() -> None:
    text = "截至3月20日,郑州市规模以上工业企业复工率达到96.5%。市工信局走访企业300家。"
    out = rx.explain(text, published="2020-03-22")
    assert "resumption_rate" in out and "复工率" in out
    assert "300家" in out and "not an indicator" in out
