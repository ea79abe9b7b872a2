"""Stage 5 - records. Frozen, typed results; ``to_dict()`` is the SCHEMA.md record.

Every mention's ``text``, ``start`` and ``end`` refer to the ORIGINAL input
(``original[start:end] == text``).  Sequences are tuples, never ``None``.
``Document.from_dict`` / ``from_json`` read a saved record back.  This module is
plain data and imports nothing of the package (the notebook view plugs itself in
through :func:`set_html_renderer`).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

_R = TypeVar("_R")
_html_renderer: Callable[[Document], str] | None = None


def set_html_renderer(render: Callable[[Document], str]) -> None:
    """How ``Document._repr_html_`` renders (``recovery_extract.display`` sets it on import)."""
    global _html_renderer
    _html_renderer = render


def _build(cls: type[_R], data: object, **extra: Any) -> _R:
    """``cls`` from a record dict: every key that names an init field of ``cls`` (so a field
    added to a record class round-trips without edits here); other keys are ignored.
    Raises ValueError when ``data`` is not a mapping or lacks a required field."""
    if not isinstance(data, Mapping):
        raise ValueError(f"a {cls.__name__} record must be an object, not {type(data).__name__}")
    names = {f.name for f in fields(cls) if f.init}  # type: ignore[arg-type]
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in names and k not in extra}
    try:
        return cls(**values, **extra)
    except TypeError as err:
        raise ValueError(f"not a {cls.__name__} record: {err}") from None


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
    #: The sentence's span in the original text (``None`` when the linker did not give it).
    sentence_start: int | None = None
    sentence_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The SCHEMA.md indicator, plus where it was read (additive fields): the figure's
        ``text``, ``start`` and ``end`` and the sentence's span, all in the original.  The
        ``sentence`` string itself is left out: it is normalised text, not the original."""
        q = self.quantity
        return {"metric": self.metric, "value": self.value, "unit": self.unit,
                "region": self.region, "date": self.date, "subject": self.subject,
                "basis": self.basis, "text": q.text if q else None, "start": q.start if q else None,
                "end": q.end if q else None, "sentence_start": self.sentence_start, "sentence_end": self.sentence_end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], quantities: Mapping[tuple[int, int, str], Quantity] | None = None,
                  ) -> Indicator:
        """An indicator from its record; its figure is the quantity of ``quantities`` at
        ``(start, end, text)`` when there is one, else one rebuilt from the record."""
        quantity = None
        if isinstance(data, Mapping) and isinstance(data.get("start"), int) and isinstance(data.get("end"), int):
            span = (data["start"], data["end"], str(data.get("text") or ""))
            quantity = (quantities or {}).get(span) or Quantity(
                text=span[2], start=span[0], end=span[1],
                value=data.get("value", 0), unit=str(data.get("unit") or ""))
        return _build(cls, data, quantity=quantity)


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

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Document:
        """A Document from its record (``to_dict()``, a JSONL line loaded): the inverse of
        ``to_dict``.  Keys that are not fields are ignored; a record that is not an
        object or lacks a field raises ``ValueError``."""
        if not isinstance(record, Mapping):
            raise ValueError(f"a Document record must be an object, not {type(record).__name__}")
        kinds = {"quantities": Quantity, "dates": DateMention, "regions": RegionMention,
                 "agencies": AgencyMention}
        parts: dict[str, tuple[Any, ...]] = {
            key: tuple(_build(kind, item) for item in _items(record, key)) for key, kind in kinds.items()}
        spans = {(q.start, q.end, q.text): q for q in parts["quantities"]}
        parts["indicators"] = tuple(Indicator.from_dict(item, spans) for item in _items(record, "indicators"))
        top = {k: v for k, v in record.items() if k not in parts}
        return _build(cls, top, **parts)

    @classmethod
    def from_json(cls, line: str | bytes) -> Document:
        """A Document from one line of ``to_json()`` / the CLI's JSONL (``ValueError`` if it is not one)."""
        return cls.from_dict(json.loads(line))

    def _repr_html_(self) -> str:
        """Notebook view: the indicator table, then the text with mentions highlighted."""
        if _html_renderer is None:
            return f"<pre>{html.escape(repr(self))}</pre>"
        return _html_renderer(self)

    def __repr__(self) -> str:
        return (f"Document(id={self.id!r}, language={self.language!r}, script={self.script!r}, "
                f"published={self.published!r}, quantities={len(self.quantities)}, "
                f"dates={len(self.dates)}, regions={len(self.regions)}, "
                f"agencies={len(self.agencies)}, indicators={len(self.indicators)})")


def _items(record: Mapping[str, Any], key: str) -> list[Any]:
    items = record.get(key) or []
    if not isinstance(items, list | tuple):
        raise ValueError(f"{key} must be a list, not {type(items).__name__}")
    return list(items)
