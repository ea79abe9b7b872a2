"""Spark adapter, run for real on a local[2] session over the seeds."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import recovery_extract as rx

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Spark needs Java 17+ (java on PATH or JAVA_HOME)", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402

from recovery_extract.frame import RESULT_COLUMNS  # noqa: E402
from recovery_extract.integrations.spark import extract_indicators, indicator_schema  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
KEY = ["doc_id", "metric", "value", "unit", "region", "date", "basis", "start", "end"]


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    # Executors must run the Python this package is installed in.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("recovery-extract-test")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_schema_is_the_indicator_struct() -> None:
    schema = indicator_schema()
    assert schema.fieldNames() == list(RESULT_COLUMNS)
    assert schema["value"].dataType.typeName() == "double"
    assert schema["start"].dataType.typeName() == "long"


def test_map_in_pandas_over_seeds_matches_extract(spark: SparkSession) -> None:
    rows = [(p.stem, p.read_text(encoding="utf-8")) for p in SEEDS] + [("empty", None)]
    frame = spark.createDataFrame(rows, "id string, text string").repartition(2)
    result = extract_indicators(frame)
    assert result.schema == indicator_schema()
    got = sorted(tuple(r[k] for k in KEY) for r in result.collect() if r["doc_id"] != "empty")
    want = sorted(tuple(None if pd.isna(v) else v for v in row)
                  for row in rx.to_frame(rx.extract(t, doc_id=i) for i, t in rows[:-1])[KEY]
                  .astype(object).values.tolist())
    assert want and got == want


def test_published_column_and_partitions(spark: SparkSession) -> None:
    text = "截至2月24日,济南市规模以上工业企业开工率98.78%。"
    frame = spark.createDataFrame([("a", text, "2021-03-01"), ("b", text, None)],
                                  "id string, text string, published string")
    result = extract_indicators(frame, published="published", default_published="2020-02-25")
    assert {r["doc_id"]: r["date"] for r in result.collect()} == {"a": "2021-02-24", "b": "2020-02-24"}
