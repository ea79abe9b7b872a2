"""Stage 3 - extract: dates. Reads TextView; writes Mention(kind="date").

``find`` runs the date grammar (``patterns/dates/``) over the normalised text
and marks the document's own date line (``attrs["published"]``, value already
final ISO, so the context can read it).  ``resolve`` turns every other date
into ISO 8601 at the precision written, against ``context.published`` (the
caller's date, else the date line); with no reference a year left out stays
unknown (``--02-10``).  No clock is read anywhere.

>>> from recovery_extract import extract
>>> [d.value for d in extract("1至8月,一季度,去年9月份。", published="2022-09-27").dates]
['2022-01/2022-08', '2022-01/2022-03', '2021-09']
>>> [d.value for d in extract("February 10 and the first quarter.").dates]
['--02-10', '--01/--03']
"""

from __future__ import annotations

from typing import ClassVar

from ..data.patterns import PatternStore
from .base import DocumentContext, Mention, TextView
from .dates_grammar import DateGrammar, Found
from .dates_published import DatelinePicker
from ..resolve.dates_values import Partial, Reference, resolve
from ..resolve.dates_years import Dated, YearRules, horizon

#: Characters that may stand between a weekday and the date it names: "11月14日(周五)", "Friday, March 20".
_WEEKDAY_GAP = set(" \t,()（）")


class DateExtractor:
    """Calendar expressions in Chinese and English, resolved to ISO 8601."""

    kind: ClassVar[str] = "date"

    def __init__(self, store: PatternStore) -> None:
        self.store = store
        self.grammar = DateGrammar(store)
        self.dateline = DatelinePicker(store)
        self.years = YearRules(store)

    def find(self, view: TextView) -> list[Mention]:
        """Every date of the text with its value as written (``attrs["partial"]``)."""
        text = view.text
        found = self.grammar.scan(text)
        line = self.dateline.pick(text, found)
        mentions: list[Mention] = []
        for f in found:
            mention = Mention(kind=self.kind, start=f.start, end=f.end, rule=f.rule, value=f.partial,
                              attrs={"partial": f.partial})
            if f is line:
                self._mark_published(mention, f)
            mentions.append(mention)
        if line is not None and line.style == "stamp":
            # A ROC-calendar stamp: it sets the date. Seven digits (1130123) are furniture, not a
            # date of the text; a written 民国113年1月23日 is one (it replaces the year-less 1月23日).
            inner = any(line.start <= f.start and f.end <= line.end for f in found)
            stamp = Mention(kind=self.kind, start=line.start, end=line.end, rule=line.rule, value=None,
                            attrs={} if inner else {"drop": True})
            self._mark_published(stamp, line)
            mentions.append(stamp)
        return mentions

    def _mark_published(self, mention: Mention, found: Found) -> None:
        iso = resolve(found.partial, Reference().with_lunar(self.grammar.lunar_new_year))
        if iso is not None:
            mention.value = iso
            mention.attrs["published"] = True

    def resolve(self, mentions: list[Mention], context: DocumentContext, view: TextView) -> list[Mention]:
        """Final ISO values; a date that cannot have one is dropped."""
        ref = Reference.parse(context.published).with_lunar(self.grammar.lunar_new_year)
        out: list[Mention] = []
        done: list[Dated] = []
        # Is the reference the page's own date line (not a date the caller gave)?
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
