"""pandas partitions -> indicator rows: the function both the Dask and Spark adapters map.

A partition is a pandas DataFrame with a column of texts (and optionally doc ids and
reference dates); the result has :data:`recovery_extract.frame.RESULT_COLUMNS` with
:data:`~recovery_extract.frame.RESULT_DTYPES`, whatever the partition holds.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..batch import extract_item
from ..frame import results_frame
from ..pipeline import Published

__all__ = ["indicator_partition"]


def indicator_partition(frame: pd.DataFrame, text: str = "text", id: str | None = "id",  # noqa: A002
                        published: str | None = None, default_published: Published = None,
                        strict: bool = False) -> pd.DataFrame:
    """One pandas partition -> its indicator rows (shared with the Spark adapter).

    ``text``: the column with the documents (str or bytes); ``id``: the column of doc
    ids (or ``None``); ``published``: a column of reference dates (or ``None``), falling
    back to ``default_published``.
    """
    texts = frame[text].tolist()
    ids = frame[id].tolist() if id else [None] * len(texts)
    dates = frame[published].tolist() if published else [None] * len(texts)
    results = []
    for doc_id, source, date in zip(ids, texts, dates):
        ref: Published = default_published if _missing(date) else date
        if isinstance(ref, pd.Timestamp):
            ref = ref.to_pydatetime()
        results.append(extract_item((_id(doc_id), _text(source), ref), strict=strict, str_paths=False))
    return results_frame(results)


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pd.NA (a cell with no value)."""
    return value is None or (not isinstance(value, (str, bytes)) and pd.isna(value) is True)


def _id(value: Any) -> str | None:
    return None if _missing(value) else str(value)


def _text(value: Any) -> Any:
    """A missing cell is an empty text; a str is always text here, never a path."""
    return "" if _missing(value) else value
