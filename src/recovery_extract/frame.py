"""Tidy tables of indicators for analysts (pandas is an optional extra)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from .records import Document

if TYPE_CHECKING:  # pandas is an optional extra: imported at run time only where a frame is built
    import pandas as pd

#: The columns of :func:`indicator_rows` (and of the distributed frames, plus ``error``).
COLUMNS = ("doc_id", "metric", "value", "unit", "region", "region_name", "date", "basis",
           "subject", "text", "start", "end", "sentence")
#: :func:`to_frame`'s columns: :data:`COLUMNS`, the English region name, the figure's
#: ``approx``, the document's ``published`` and the indicator's period as Timestamps
#: (``NaT`` when the year is not known: ``date`` keeps what was written), and ``error``.
FRAME_COLUMNS = ("doc_id", "published", "metric", "value", "unit", "approx", "region", "region_name",
                 "region_name_en", "date", "period_start", "period_end", "basis", "subject", "text",
                 "start", "end", "sentence", "error")
_TIMESTAMPS = ("published", "period_start", "period_end")


def indicator_rows(documents: Iterable[Document]) -> list[dict[str, Any]]:
    """One dict per indicator: doc id, metric, value, unit, region code and its canonical
    Chinese name, date, basis, subject, the quantity's span in the original, and the
    source sentence."""
    rows: list[dict[str, Any]] = []
    for doc in documents:
        for ind in doc.indicators:
            q = ind.quantity
            rows.append({
                "doc_id": doc.id, "metric": ind.metric, "value": ind.value, "unit": ind.unit,
                "region": ind.region, "region_name": region_names(ind.region)[0],
                "date": ind.date, "basis": ind.basis, "subject": ind.subject,
                "text": q.text if q else None, "start": q.start if q else None,
                "end": q.end if q else None, "sentence": ind.sentence,
            })
    return rows


def to_frame(results: Any, *, errors: Literal["flag", "skip"] = "flag") -> pd.DataFrame:
    """A pandas DataFrame with one tidy row per indicator (``pip install recovery-extract[pandas]``).

    ``results``: a Document, or an iterable of Documents and ``Failure`` results as
    ``extract_many`` yields them.  A failed input is one row with ``doc_id`` and
    ``error`` (``"<Error>: message"``), or left out with ``errors="skip"``.
    """
    try:
        import pandas as pd
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("to_frame() needs pandas: pip install 'recovery-extract[pandas]'") from err
    if errors not in ("flag", "skip"):
        raise ValueError(f"errors must be 'flag' or 'skip', not {errors!r}")
    items = [results] if isinstance(results, Document) else list(results)
    rows: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, Document):
            rows.extend(_frame_rows(item))
        elif errors == "flag":
            rows.append({"doc_id": getattr(item, "id", None), "error": _error_text(item)})
    frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
    for column in _TIMESTAMPS:
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    return frame.astype({"start": "Int64", "end": "Int64"})


def _frame_rows(doc: Document) -> list[dict[str, Any]]:
    published = period(doc.published)[0]
    out = []
    for row, ind in zip(indicator_rows([doc]), doc.indicators):
        start, end = period(ind.date)
        out.append({**row, "published": published, "approx": ind.quantity.approx if ind.quantity else None,
                    "region_name_en": region_names(ind.region)[1], "period_start": start,
                    "period_end": end, "error": None})
    return out


def _error_text(failure: object) -> str:
    if not hasattr(failure, "error"):
        raise TypeError(f"to_frame() takes Documents and Failures, not {type(failure).__name__}")
    return f"{getattr(failure, 'error')}: {getattr(failure, 'message', '')}"


_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][0-9:.+\-Z]*)?")


def period(value: str | None) -> tuple[date | None, date | None]:
    """The first and last day an ISO date or range covers (``2022-01/2022-03`` ->
    2022-01-01, 2022-03-31); ``(None, None)`` for a partial date (``--01/--03``)."""
    if not value:
        return None, None
    parts = value.split("/")
    if len(parts) > 2:
        return None, None
    first, last = _bounds(parts[0]), _bounds(parts[-1])
    if first is None or last is None:
        return None, None
    return first[0], last[1]


def _bounds(text: str) -> tuple[date, date] | None:
    match = _DAY.fullmatch(text.strip())
    if not match:
        return None
    year = int(match[1])
    try:
        if match[3]:
            day = date(year, int(match[2]), int(match[3]))
            return day, day
        if match[2]:
            month = int(match[2])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def region_names(code: str | None) -> tuple[str | None, str | None]:
    """``(Chinese, English)`` names of a GB/T 2260 or ISO country code, whatever the
    language of the document that named it (``370100`` -> ``济南市``, ``Jinan``)."""
    if not code:
        return None, None
    return _names().get(code, (None, None))


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str | None, str | None]]:
    """Code -> names, from the gazetteer's data: divisions.tsv (official name), the first
    English name aliases.en.tsv lists for the code, countries.tsv (both names)."""
    from .data.patterns import PatternStore

    store = PatternStore()
    english: dict[str, str] = {}
    for row in store.tsv("regions/aliases.en.tsv"):
        english.setdefault(row["code"], row["alias"])
    names: dict[str, tuple[str | None, str | None]] = {
        row["code"]: (row["name"], english.get(row["code"])) for row in store.tsv("regions/divisions.tsv")}
    for row in store.tsv("regions/countries.tsv"):
        names.setdefault(row["code"], (row["zh"] or None, row["en"] or None))
    return names


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


def results_frame(results: Iterable[Any]) -> pd.DataFrame:
    """:func:`result_rows` as a pandas DataFrame with :data:`RESULT_DTYPES` (empty input:
    an empty frame with the same columns, which is Dask's ``meta``)."""
    import pandas as pd

    frame = pd.DataFrame(result_rows(results), columns=list(RESULT_COLUMNS), dtype=object)
    return frame.astype(RESULT_DTYPES)
