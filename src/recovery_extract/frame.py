"""Tidy tables of indicators for analysts (pandas is an optional extra)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .records import Document

COLUMNS = ("doc_id", "metric", "value", "unit", "region", "region_name", "date", "basis",
           "subject", "text", "start", "end", "sentence")


def indicator_rows(documents: Iterable[Document]) -> list[dict[str, Any]]:
    """One dict per indicator: doc id, metric, value, unit, region code and name, date,
    basis, subject, the quantity's span in the original, and the source sentence."""
    rows: list[dict[str, Any]] = []
    for doc in documents:
        names = {r.value: r.text for r in doc.regions if r.value}
        for ind in doc.indicators:
            q = ind.quantity
            rows.append({
                "doc_id": doc.id, "metric": ind.metric, "value": ind.value, "unit": ind.unit,
                "region": ind.region, "region_name": names.get(ind.region),
                "date": ind.date, "basis": ind.basis, "subject": ind.subject,
                "text": q.text if q else None, "start": q.start if q else None,
                "end": q.end if q else None, "sentence": ind.sentence,
            })
    return rows


def to_frame(documents: Document | Iterable[Document]) -> Any:
    """A pandas DataFrame with one tidy row per indicator (``pip install recovery-extract[pandas]``)."""
    try:
        import pandas as pd
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("to_frame() needs pandas: pip install 'recovery-extract[pandas]'") from err
    docs = [documents] if isinstance(documents, Document) else list(documents)
    return pd.DataFrame(indicator_rows(docs), columns=list(COLUMNS))


# --- Distributed frames (Dask, Spark): the indicator rows plus one row per failed input. ---

#: Columns of the distributed indicator frames: :data:`COLUMNS` plus ``error`` (``None`` on
#: indicator rows; on the single row of an input that failed, ``"<Error>: message"``).
RESULT_COLUMNS = (*COLUMNS, "error")
#: Fixed dtypes, so that every partition (and Dask's ``meta``) agrees whatever it holds.
RESULT_DTYPES: dict[str, str] = {c: "object" for c in RESULT_COLUMNS} | {
    "value": "float64", "start": "Int64", "end": "Int64"}


def result_rows(results: Iterable[Any]) -> list[dict[str, Any]]:
    """:func:`indicator_rows` for a mix of Documents and ``Failure`` results (as
    ``extract_many`` yields them): a failure becomes one row with ``doc_id`` and ``error``."""
    rows: list[dict[str, Any]] = []
    for result in results:
        if isinstance(result, Document):
            rows.extend({**row, "error": None} for row in indicator_rows([result]))
        else:
            rows.append({**dict.fromkeys(COLUMNS), "doc_id": result.id,
                         "error": f"{result.error}: {result.message}"})
    return rows


def results_frame(results: Iterable[Any]) -> Any:
    """:func:`result_rows` as a pandas DataFrame with :data:`RESULT_DTYPES` (empty input:
    an empty frame with the same columns, which is Dask's ``meta``)."""
    import pandas as pd

    frame = pd.DataFrame(result_rows(results), columns=list(RESULT_COLUMNS), dtype=object)
    return frame.astype(RESULT_DTYPES)
