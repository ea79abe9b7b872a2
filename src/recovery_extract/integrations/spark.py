"""Spark adapter (``pip install recovery-extract[spark]``): indicators via ``mapInPandas``.

    from recovery_extract.integrations.spark import extract_indicators
    rows = extract_indicators(spark.read.parquet("articles"), text="body", id="url",
                              published="published_at")
    rows.groupBy("metric").count().show()

The result has :func:`indicator_schema`: one row per indicator with the columns of
:func:`recovery_extract.to_frame` plus ``error`` (set on the single row of a document
that failed).  Every Python worker builds its pipeline once and reuses it for all its
batches.  The package must be installed in the Python that the executors run
(``PYSPARK_PYTHON``); see docs/integrations.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

from ..frame import RESULT_COLUMNS
from ..pipeline import Published
from .partitions import indicator_partition

__all__ = ["extract_indicators", "indicator_schema"]

_TYPES = {"value": DoubleType(), "start": LongType(), "end": LongType()}


def indicator_schema() -> StructType:
    """The Spark struct of one indicator row (``RESULT_COLUMNS``; all nullable)."""
    return StructType([StructField(c, _TYPES.get(c, StringType()), True) for c in RESULT_COLUMNS])


def _batches(batches: Iterator[pd.DataFrame], text: str, id: str | None,  # noqa: A002
             published: str | None, default_published: Published,
             strict: bool) -> Iterator[pd.DataFrame]:
    for batch in batches:
        yield indicator_partition(batch, text=text, id=id, published=published,
                                  default_published=default_published, strict=strict)


def extract_indicators(frame: DataFrame, *, text: str = "text", id: str | None = "id",  # noqa: A002
                       published: str | None = None, default_published: Published = None,
                       strict: bool = False) -> DataFrame:
    """A Spark DataFrame of indicator rows for the documents in column ``text``.

    ``id``: the column of doc ids (or ``None``); ``published``: a column of reference
    dates (string, date or timestamp; or ``None``), falling back to ``default_published``.
    """
    columns = [c for c in (id, text, published) if c]
    fn = partial(_batches, text=text, id=id, published=published,
                 default_published=default_published, strict=strict)
    return frame.select(*columns).mapInPandas(fn, schema=indicator_schema())
