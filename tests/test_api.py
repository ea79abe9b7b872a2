"""The public API: types, errors, the record shape, and invariants over any input."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx

SCHEMA_KEYS = ["id", "language", "script", "published", "quantities", "dates", "regions",
               "agencies", "indicators"]


def test_public_names() -> None:
    for name in rx.__all__:
        assert getattr(rx, name) is not None, name


def test_import_is_light() -> None:
    code = ("import sys, recovery_extract; "
            "print(sorted(m for m in ('spacy', 'jieba', 'opencc', 'dateparser', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_record_has_exactly_the_schema_fields(seed_texts: dict[str, str]) -> None:
    for name, text in seed_texts.items():
        record = rx.extract(text, doc_id=name).to_dict()
        assert list(record) == SCHEMA_KEYS
        assert record["id"] == name
        assert json.loads(rx.extract(text, doc_id=name).to_json()) == record


def test_records_are_frozen() -> None:
    doc = rx.extract("开工率98.78%")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.language = "en"  # type: ignore[misc]
    assert isinstance(doc.quantities, tuple)


@pytest.mark.parametrize("bad", [None, 12, 3.5, ["text"], {"a": 1}])
def test_wrong_text_type_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="str or bytes"):
        rx.extract(bad)  # type: ignore[arg-type]


def test_wrong_argument_types() -> None:
    with pytest.raises(TypeError):
        rx.extract("x", published=20200225)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        rx.extract("x", doc_id=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        rx.find_numbers(b"12")  # type: ignore[arg-type]


def test_published_accepts_date_objects() -> None:
    import datetime as dt

    a = rx.extract("3月30日", published=dt.date(2022, 7, 7)).to_dict()
    b = rx.extract("3月30日", published="2022-07-07").to_dict()
    assert a == b


def _check_spans(text: str, doc: rx.Document) -> None:
    for kind in ("quantities", "dates", "regions", "agencies"):
        for m in getattr(doc, kind):
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start:m.end] == m.text


ODD = st.sampled_from(["\ud800", "\udfff", "\u200f", "\u202e", "\x00", "\x1b", "😀", "\ufeff",
                       "統(tǒng)", "１２３", "％", ",,", "万", "亿元", "年", "月", "日", "\r\n"])
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(ODD, st.text(max_size=5)), max_size=60).map("".join),
)


@given(TEXTS)
def test_extract_never_raises_and_spans_hold(text: str) -> None:
    doc = rx.extract(text)
    _check_spans(text, doc)


@given(st.binary(max_size=400))
def test_extract_bytes_never_raises(data: bytes) -> None:
    doc = rx.extract(data)
    _check_spans(doc.text, doc)


def test_spans_hold_on_seeds(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        _check_spans(text, rx.extract(text))


def test_pipeline_shared_across_threads(pipeline: rx.Pipeline, seed_texts: dict[str, str]) -> None:
    texts = list(seed_texts.values())
    expected = [pipeline.extract(t).to_dict() for t in texts]
    results: dict[int, list[dict]] = {}

    def work(k: int) -> None:
        results[k] = [pipeline.extract(t).to_dict() for t in texts]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results.values())


# --- to_frame: failures, periods, stable region names ------------------------------------

def test_to_frame_flags_or_skips_failures(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    good = tmp_path / "good.txt"
    good.write_text("截至2月24日,济南市规模以上工业企业开工率98.78%。", encoding="utf-8")
    results = list(rx.extract_many([good, tmp_path / "missing.txt"], published="2020-02-25"))
    frame = rx.to_frame(results)
    assert list(frame["doc_id"]) == ["good", "missing"]
    assert frame["error"].isna().tolist() == [True, False]
    assert frame["error"].iloc[1].startswith("FileNotFoundError")
    assert list(rx.to_frame(results, errors="skip")["doc_id"]) == ["good"]
    row = frame.iloc[0]
    assert row["published"] == pd.Timestamp("2020-02-25")
    assert row["period_start"] == row["period_end"] == pd.Timestamp("2020-02-24")
    with pytest.raises(ValueError):
        rx.to_frame(results, errors="ignore")  # type: ignore[arg-type]


def test_to_frame_periods_approx_and_partial_dates() -> None:
    pd = pytest.importorskip("pandas")
    doc = rx.extract("一季度,全市规模以上工业增加值同比增长超过10%。", published="2022-04-27")
    row = rx.to_frame(doc).iloc[0]
    assert row["date"] == "2022-01/2022-03" and row["approx"] == "more_than"
    assert (row["period_start"], row["period_end"]) == (pd.Timestamp("2022-01-01"), pd.Timestamp("2022-03-31"))
    from recovery_extract.frame import period

    assert period("--01/--03") == (None, None) and period("---21") == (None, None)
    assert period("2020-02") == (dt.date(2020, 2, 1), dt.date(2020, 2, 29))
    assert period("2021") == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def test_region_name_does_not_depend_on_the_language() -> None:
    pytest.importorskip("pandas")
    zh = rx.extract("截至2月24日,济南市规模以上工业企业开工率98.78%。", published="2020-02-25")
    en = rx.extract("As of February 24, the operating rate of industrial enterprises above designated "
                    "size in Jinan reached 98.78%.", published="2020-02-25")
    names = {tuple(rx.to_frame(d)[["region", "region_name", "region_name_en"]].iloc[0]) for d in (zh, en)}
    assert names == {("370100", "济南市", "Jinan")}


def test_docs_schema_lists_every_metric_of_the_data() -> None:
    """docs/schema.md's metric list is generated from patterns/indicators: it cannot drift."""
    import importlib.util

    script = Path(__file__).resolve().parents[1] / "docs" / "make_schema.py"
    if not script.is_file():
        pytest.skip("docs/ not in this checkout")
    spec = importlib.util.spec_from_file_location("make_schema", script)
    assert spec and spec.loader
    make_schema = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_schema)
    current = make_schema.SCHEMA.read_text(encoding="utf-8")
    assert make_schema.rendered(current) == current, "docs/schema.md is stale: run python docs/make_schema.py"
    metrics = yaml.safe_load(make_schema.METRICS.read_text(encoding="utf-8"))["metrics"]
    for metric in metrics:
        assert f"| `{metric['id']}` |" in current
