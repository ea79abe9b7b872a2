"""Stage 3 - extract: dates. Reads TextView; writes Mention(kind="date").

``find`` runs the date grammar (``patterns/dates/``) over the normalised text
and marks the document's own date line (``attrs["published"]`` holds its fields).
``resolve/dates.py`` gives the date line its ISO value, and every other date
its value against ``context.published`` (the caller's date, else the date line).

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



class DateExtractor:
    """Calendar expressions in Chinese and English, found with their fields as written."""

    kind: ClassVar[str] = "date"

    def __init__(self, store: PatternStore) -> None:
        self.store = store
        self.grammar = DateGrammar(store)
        self.dateline = DatelinePicker(store)

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
                mention.attrs["published"] = line.partial  # its ISO value: resolve/dates.py
            mentions.append(mention)
        if line is not None and line.style == "stamp":
            # A ROC-calendar stamp: it sets the date. Seven digits (1130123) are furniture, not a
            # date of the text; a written 民国113年1月23日 is one (it replaces the year-less 1月23日).
            inner = any(line.start <= f.start and f.end <= line.end for f in found)
            stamp = Mention(kind=self.kind, start=line.start, end=line.end, rule=line.rule, value=None,
                            attrs={} if inner else {"drop": True})
            stamp.attrs["published"] = line.partial
            mentions.append(stamp)
        return mentions
