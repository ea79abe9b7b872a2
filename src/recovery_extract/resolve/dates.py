"""Stage 4 - dates. Reads date mentions and the DocumentContext; writes their ISO values.

The date line the extractor marked (``attrs["published"]`` holds its fields) gets its
value first, with no reference, so that the context can read the page's own date;
then every other date is resolved against ``context.published`` (the caller's date,
else the date line), with the year rules of ``resolve/dates_years.py``; with no
reference a year left out stays unknown (``--02-10``). No clock is read anywhere.

>>> from recovery_extract import extract
>>> [d.value for d in extract("1至8月,一季度,去年9月份。", published="2022-09-27").dates]
['2022-01/2022-08', '2022-01/2022-03', '2021-09']
>>> [d.value for d in extract("February 10 and the first quarter.").dates]
['--02-10', '--01/--03']
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import ClassVar

from ..data.patterns import PatternStore
from ..extract.base import DocumentContext, Mention, TextView
from ..extract.date_parts import Partial
from .dates_values import Reference, resolve
from .dates_years import Dated, YearRules, horizon

#: Characters that may stand between a weekday and the date it names: "11月14日(周五)", "Friday, March 20".
_WEEKDAY_GAP = set(" \t,()（）")


class DateResolver:
    """Resolves the date mentions of a document (the ``resolve`` half of the dates stage)."""

    kind: ClassVar[str] = "date"

    def __init__(self, store: PatternStore, lunar_new_year: Mapping[int, date]) -> None:
        self.years = YearRules(store)
        self.lunar_new_year = lunar_new_year

    def mark_published(self, mentions: list[Mention]) -> None:
        """The date line's ISO value (its fields resolved with no reference); a date line
        that has none is no date line."""
        for m in mentions:
            partial = m.attrs.get("published")
            if not isinstance(partial, Partial):
                continue
            iso = resolve(partial, Reference().with_lunar(self.lunar_new_year))
            if iso is None:
                del m.attrs["published"]
            else:
                m.value = iso
                m.attrs["published"] = True

    def resolve(self, mentions: list[Mention], context: DocumentContext, view: TextView) -> list[Mention]:
        """Final ISO values; a date that cannot have one is dropped."""
        ref = Reference.parse(context.published).with_lunar(self.lunar_new_year)
        out: list[Mention] = []
        done: list[Dated] = []
        # The page's own date: its date line here, or one an earlier chunk of it read.
        from_page = any(m.attrs.get("published") and m.value == context.published for m in mentions) or (
            context.published_from_page and context.published is not None
            and not any(m.attrs.get("published") for m in mentions))
        latest = horizon([(p, resolve(p, ref)) for p in (m.attrs.get("partial") for m in mentions)
                          if isinstance(p, Partial)]) if from_page else 0
        for m in sorted(mentions, key=lambda m: m.start):
            partial = m.attrs.get("partial")
            if not isinstance(partial, Partial):
                if isinstance(m.value, str):
                    out.append(m)
                continue
            value = resolve(partial, self.years.reference_for(view.text, m.start, partial, ref, done,
                                                                  from_page=from_page, horizon=latest))
            if "weekday" in partial.start and out:
                value = _named_day(view.text, out[-1], m) or value
            if value is None:
                continue
            m.value = value
            out.append(m)
            done.append(Dated(m.start, m.end, partial, value))
        # A weekday written before its date ("Friday, March 20") takes that date.
        for prev, m in zip(out, out[1:]):
            partial = prev.attrs.get("partial")
            if isinstance(partial, Partial) and "weekday" in partial.start:
                prev.value = _named_day(view.text, m, prev) or prev.value
        return out



def _named_day(text: str, date: Mention, weekday: Mention) -> str | None:
    """The day value of ``date`` if ``weekday`` stands right next to it."""
    gap = text[date.end:weekday.start] if date.end <= weekday.start else text[weekday.end:date.start]
    if len(gap) > 2 or not set(gap) <= _WEEKDAY_GAP:
        return None
    value = date.value
    if isinstance(value, str) and "/" not in value and (len(value) >= 10 or value.startswith("--")) \
            and value.count("-") >= 2 and not value.startswith("---"):
        return value.split("T", 1)[0]
    return None
