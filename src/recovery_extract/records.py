"""Stage 5 - records. Frozen, typed results; ``to_dict()`` is the SCHEMA.md record.

Every mention's ``text``, ``start`` and ``end`` refer to the ORIGINAL input
(``original[start:end] == text``).  Sequences are tuples, never ``None``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """An amount with its value in base units (``30.9万人`` -> 309000, count, 人)."""

    text: str
    start: int
    end: int
    value: float | int
    unit: str
    counter: str | None = None
    approx: str | None = None
    rule: str = ""
    #: High end of a range (``3至5家``, ``40 to 55 miles``); ``value`` is the low end.
    value_max: float | int | None = None
    #: Denominator of a rate, a unit symbol or noun (``$70 per barrel`` -> ``bbl``, ``元/吨`` -> ``t``).
    per: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end, "value": self.value,
                               "unit": self.unit, "counter": self.counter, "approx": self.approx}
        if self.value_max is not None:
            out["value_max"] = self.value_max
        if self.per is not None:
            out["per"] = self.per
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """A calendar expression as ISO 8601 at the precision written (``2022-01/2022-03``)."""

    text: str
    start: int
    end: int
    value: str
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value}


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionMention:
    """A place name linked to its GB/T 2260 code, ISO country code, or ``None``."""

    text: str
    start: int
    end: int
    value: str | None
    name: str | None = None
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value}


@dataclass(frozen=True, slots=True, kw_only=True)
class AgencyMention:
    """A government or party body, with the code of its jurisdiction (``None`` if national)."""

    text: str
    start: int
    end: int
    value: str | None
    name: str | None = None
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value,
                "name": self.name}


@dataclass(frozen=True, slots=True, kw_only=True)
class Indicator:
    """One reported statistic: metric, signed value, unit, region, date, basis."""

    metric: str
    value: float | int
    unit: str
    region: str | None = None
    date: str | None = None
    subject: str | None = None
    basis: str | None = None
    quantity: Quantity | None = None
    sentence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"metric": self.metric, "value": self.value, "unit": self.unit,
                "region": self.region, "date": self.date, "subject": self.subject,
                "basis": self.basis}


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """Everything extracted from one text; ``to_dict()`` is one SCHEMA.md record."""

    id: str | None
    language: str
    script: str
    published: str | None
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    regions: tuple[RegionMention, ...] = ()
    agencies: tuple[AgencyMention, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    text: str = field(default="", repr=False)
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The SCHEMA.md record, field for field."""
        return {
            "id": self.id,
            "language": self.language,
            "script": self.script,
            "published": self.published,
            "quantities": [q.to_dict() for q in self.quantities],
            "dates": [d.to_dict() for d in self.dates],
            "regions": [r.to_dict() for r in self.regions],
            "agencies": [a.to_dict() for a in self.agencies],
            "indicators": [i.to_dict() for i in self.indicators],
        }

    def to_json(self, **kwargs: Any) -> str:
        """The record as one line of JSON (UTF-8 characters kept)."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def _repr_html_(self) -> str:
        """Notebook view: the text with mentions highlighted, and the indicator table."""
        from .display import render_html

        return render_html(self)

    def __repr__(self) -> str:
        return (f"Document(id={self.id!r}, language={self.language!r}, script={self.script!r}, "
                f"published={self.published!r}, quantities={len(self.quantities)}, "
                f"dates={len(self.dates)}, regions={len(self.regions)}, "
                f"agencies={len(self.agencies)}, indicators={len(self.indicators)})")
