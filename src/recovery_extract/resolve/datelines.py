"""Datelines: where and when a report was filed ("WUHAN, April 10 --", "BEIJING, March 31
(Xinhua) --", "新华社北京3月31日电").

A dateline's date is the day of the report, not of its figures, and its place is where
the reporter was, not what the story is about: a national release filed in Beijing is
about the country. The dateline shapes are the publication-date features named in
``patterns/indicators/context.yaml`` (``dateline_features``), read from
``patterns/dates/published.yaml``; the date must open its paragraph (``dateline_chars``).
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..data.patterns import PatternStore, compile_regex, keyed_regex
from ..extract.base import Mention


#: How much of the text after a date its dateline shape may read.
AFTER_CHARS = 60
#: A dateless dateline's place opens its paragraph (a bracket or spaces may come first).
PLACE_LEAD = 4
#: At most this many words before a dateline's date ("JINING, China, Nov. 7").
HEAD_WORDS = 5
_SENTENCE_END = regex.compile(r"[。!?;;]|[.!?]\s")


class Datelines:
    """Finds the dateline dates of a text and the places inside them."""

    def __init__(self, store: PatternStore) -> None:
        ctx = store.yaml("indicators/context.yaml")
        published = store.yaml("dates/published.yaml")
        wanted = {str(f) for f in ctx["dateline_features"]}
        self.after = tuple(
            compile_regex(str(f["after"]), f"dates/published.yaml: {f['id']}")
            for f in published["features"] if f["id"] in wanted and f.get("after"))
        self.reach = int(published["dateline_chars"])
        self.place_after = keyed_regex(ctx, "dateline_place_after", "indicators/context.yaml")

    def _head(self, text: str, d: Mention) -> int | None:
        """Where the paragraph of ``d`` starts, if within ``reach`` before it (the search is
        bounded: a page with no line breaks stays linear), else None."""
        lo = max(0, d.start - self.reach - 1)
        paragraph = text.rfind("\n", lo, d.start) + 1
        return None if paragraph == 0 and lo > 0 else paragraph

    def is_dateline(self, text: str, d: Mention) -> bool:
        """A date that opens its paragraph as a dateline."""
        paragraph = self._head(text, d)
        if paragraph is None:
            return False
        head = text[paragraph:d.start]
        # A dateline's head is a place or a source ("WUHAN, ", "新华社北京"), not a sentence.
        if d.start - paragraph > self.reach or _SENTENCE_END.search(head) or len(head.split()) > HEAD_WORDS:
            return False
        tail = text[d.end:d.end + AFTER_CHARS]  # the shapes are anchored (^) on what follows
        return any(rx.match(tail) for rx in self.after)

    def dates(self, text: str, mentions: Iterable[Mention]) -> list[Mention]:
        """The dateline dates among ``mentions``, in text order."""
        return sorted((m for m in mentions if m.kind == "date" and isinstance(m.value, str)
                       and self.is_dateline(text, m)), key=lambda m: m.start)

    @staticmethod
    def _opens_paragraph(text: str, pos: int) -> bool:
        """Whether only spaces stand between the line start and ``pos`` (a few at most)."""
        lead = text[max(0, pos - PLACE_LEAD):pos]
        line = lead.rsplit("\n", 1)[-1]
        return not line.strip() and (len(line) < len(lead) or pos <= PLACE_LEAD)

    def places(self, text: str, mentions: list[Mention]) -> set[int]:
        """The ids of the region mentions that stand inside a dateline (with its date, or a
        place opening its paragraph before a dash: "SHANGHAI (Reuters) -")."""
        spans = [(self._head(text, d) or 0, d.start) for d in self.dates(text, mentions)]
        out = set()
        for m in mentions:
            if m.kind != "region":
                continue
            if any(lo <= m.start and m.end <= hi for lo, hi in spans):
                out.add(id(m))
            elif self._opens_paragraph(text, m.start) and self.place_after.match(text[m.end:m.end + AFTER_CHARS]):
                out.add(id(m))
        return out
