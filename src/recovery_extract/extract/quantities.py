"""Stage 3 - extract: quantities. Reads TextView; writes Mention(kind="quantity").

Every numeral the numeral grammar finds (:mod:`recovery_extract.extract.numbers`) is an
anchor. A quantity is the numeral plus what follows it (a multiplier, an
approximation word inside the span, a unit or counter: first matching ``after``
pattern of ``patterns/quantities/patterns.yaml``), or what precedes it (a
currency sign, an index name). Approximation words outside the span set
``approx`` only. A bare number joined to a quantity by a connector (3至5家, 10.2
and 3.8 percentage points) takes that quantity's unit. Spans that overlap an
exclusion (dates, phone and registration numbers, ordinals, list numbering) are
dropped. Values are in base units: multipliers and unit factors applied.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from .numbers import Numeral, NumberGrammar
from .numbers_zh import tidy
from ..data.patterns import PatternStore, match_at
from .spans import Intervals, keep_disjoint, windows_around
from .base import DocumentContext, Mention, TextView
from .quantities_grammar import QuantityGrammar, Rule, Surface, approx_meaning, load_grammar

_HAN = regex.compile(r"\p{Han}")
_WINDOW = 24
_BORROW_DISTANCE = 80
_AMOUNT_BEFORE = regex.compile(r"[\d零一二两三四五六七八九十百千万亿]\s*\Z")
_SPACES = regex.compile(r"\s+")
# Spaces next to "$" and ".", each run taken whole (possessive): linear on any run.
_SQUEEZE = regex.compile(r"(?<!\s)\s++(?=[$.])|(?<=[$.])\s++")
#: How far past a numeral its unit, approximation word and connector are read.
UNIT_REACH = 128


@dataclass(slots=True)
class _Found:
    """A quantity before it becomes a Mention."""

    numeral: Numeral
    start: int
    end: int
    rule: str
    value: float
    unit: str
    counter: str | None
    approx: str | None
    multiplier: float = 1.0
    factor: float = 1.0


class QuantityExtractor:
    """Finds amounts with their unit or counter; values in base units."""

    kind: ClassVar[str] = "quantity"

    def __init__(self, store: PatternStore) -> None:
        self.store = store
        self.numbers = NumberGrammar(store)
        self.g: QuantityGrammar = load_grammar(store, self.numbers)
        self._sections = {k: float(v) for k, v in self.numbers.zh.sections.items()}
        self._scales = {k: float(v) for k, v in self.numbers.en.scales.items()}
        # Per language, each surface with the spaces around $ and . squeezed out -> its first Surface.
        self._squeezed: list[tuple[dict[str, Surface], dict[str, Surface]]] = []
        for table in self.g.surfaces.values():
            squeezed: dict[str, Surface] = {}
            for surface, value in table.items():
                squeezed.setdefault(_SQUEEZE.sub("", surface), value)
            self._squeezed.append((table, squeezed))

    # -- stage 3 ------------------------------------------------------------------------
    def find(self, view: TextView) -> list[Mention]:
        try:
            return self.scan(view.text)
        except Exception:  # noqa: BLE001 - an extractor must never raise on input
            return []

    def resolve(self, mentions: list[Mention], context: DocumentContext, view: TextView) -> list[Mention]:
        return mentions

    def scan(self, text: str, *, everywhere: bool = False) -> list[Mention]:
        """The quantities of a normalised text (``everywhere``: see :meth:`excluded`)."""
        numerals = self._numerals(text)
        found: list[_Found] = []
        bare: list[Numeral] = []
        for n in numerals:
            q = self._quantity(text, n)
            if q is None:
                bare.append(n)
            else:
                found.append(q)
        found += self._shared_units(text, bare, found)
        self._borrow_counters(found)
        if not found:
            return []
        excluded = Intervals(self.excluded(text, found, everywhere=everywhere))
        kept = keep_disjoint((q for q in found if not excluded.overlaps(q.start, q.end)),
                             key=lambda q: (-(q.end - q.start), q.start))
        return [Mention(kind=self.kind, start=q.start, end=q.end, rule=q.rule, value=tidy(q.value),
                        attrs={"unit": q.unit, "counter": q.counter, "approx": q.approx}) for q in kept]

    def excluded(self, text: str, found: Sequence[_Found], *, everywhere: bool = False) -> Iterator[tuple[int, int]]:
        """Spans of the exclusions that can overlap a found quantity.

        An exclusion with ``needs`` is skipped on a text without it; one with ``reach``
        (its longest match) runs only within ``reach`` characters of a quantity, since a
        match further away overlaps none.  ``everywhere``: those too over the whole text,
        the reference that tests/test_quantities_needs.py compares with.
        """
        size = len(text)
        spans = sorted((q.start, q.end) for q in found)
        for r in self.g.exclusions:
            if r.needs is not None and not r.needs.search(text):
                continue
            if everywhere or r.reach is None:
                yield from (m.span() for m in r.compiled.finditer(text))
                continue
            for start, end in windows_around(spans, size, r.reach, r.reach):
                # Up to ``reach`` past the window: a match starting in it is whole.
                for m in r.compiled.finditer(text, start, min(size, end + r.reach)):
                    if m.start() >= end:
                        break
                    yield m.span()

    def _numerals(self, text: str) -> list[Numeral]:
        numerals = self.numbers.find(text)
        spans = {(n.start, n.end) for n in numerals}
        for r in self.g.extra_numerals:
            for m in r.compiled.finditer(text):
                if (m.start(), m.end()) in spans or any(n.start < m.end() and m.start() < n.end for n in numerals):
                    continue
                value = self.numbers.zh_value("0.5" if m.group() == "半" else m.group())
                if value is not None:
                    numerals.append(Numeral(m.start(), m.end(), value, "zh"))
        numerals.sort(key=lambda n: n.start)
        return numerals

    # -- one numeral -----------------------------------------------------------------------
    def _rules_for(self, text: str, n: Numeral) -> list[Rule]:
        written = text[n.start:n.end]
        if n.lang == "en":
            langs = {"en"}
        elif _HAN.search(written):
            langs = {"zh"}
        else:
            langs = {"zh", "en"}
        return [r for r in self.g.after if r.lang in langs]

    def _quantity(self, text: str, n: Numeral) -> _Found | None:
        written = text[n.start:n.end]
        if len(written) > 1 and written[-1] in self.numbers.zh.units:
            # 1.7亿千瓦时, 12千米: the numeral grammar took the 千 of the unit
            value = self.numbers.zh_value(written[:-1])
            if value is not None:
                q = self._quantity_at(text, Numeral(n.start, n.end - 1, value, n.lang))
                if q is not None and q.unit != "count" and q.end > n.end:
                    return q
        return self._quantity_at(text, n)

    def _quantity_at(self, text: str, n: Numeral) -> _Found | None:
        written = text[n.start:n.end]
        lang = "en" if n.lang == "en" else "zh"
        for rule in self._rules_for(text, n):
            m = match_at(rule.compiled, text, n.end, UNIT_REACH)
            if m is None:
                continue
            q = self._from_match(text, n, rule, m)
            if q is not None:
                return q
        start, unit = self._before(text, n.start)
        if unit is not None:
            q = _Found(n, start, n.end, unit[0], float(n.value) * unit[1].factor, unit[1].unit, None, None)
            q.approx = self._approx_before(text, start, lang) or self._approx_before(text, start, _other(lang)) \
                or self._approx_after(text, n.end, lang)
            return q
        if "分之" in written:
            return _Found(n, n.start, n.end, "quantities.zh.fraction_percent", float(n.value) * 100, "%",
                          None, self._approx_before(text, n.start, "zh"))
        last = written.lower().split()[-1] if n.lang == "en" else ""
        words = written.lower().split()
        if n.lang == "en" and last.split("-")[-1] in self.g.share_fractions and \
                (len(words) > 1 or last == "half"):
            return _Found(n, n.start, n.end, "quantities.en.fraction_share", float(n.value) * 100, "%",
                          None, self._approx_before(text, n.start, "en"))
        return None

    def _from_match(self, text: str, n: Numeral, rule: Rule, m: Any) -> _Found | None:
        lang = rule.lang or "zh"
        written = text[n.start:n.end].lower()
        multiplier = 1.0
        for mult in (m.captures("multiplier") if "multiplier" in m.re.groupindex else ()):
            multiplier *= self._multiplier(mult.strip().lower())
        end = max([_end(m, g) for g in ("half", "unit", "counter", "approx", "multiplier")] + [n.end])
        unit, counter, factor = "count", None, 1.0
        if rule.unit is not None:
            unit = rule.unit
        elif _text(m, "unit"):
            surface = self._surface(lang, _text(m, "unit"))
            if surface is None:
                return None
            unit, factor = surface.unit, surface.factor
        elif _text(m, "counter"):
            counter = " ".join(_text(m, "counter").lower().split())
            if written in self.g.articles:
                return None  # 一人一档, "one company": an article, not an amount
        else:
            return None
        value = float(n.value) * multiplier
        if _text(m, "half"):
            value += 0.5
        value *= factor
        start = n.start
        before_start, before = self._before(text, n.start, currency_only=True)
        if before is not None and unit in (before[1].unit, "CNY", "count"):
            counter, end = None, (n.end if unit == "count" else end)
            if unit == "count":
                value = float(n.value) * multiplier
            # 港币2960元 is HKD: a currency written before the number wins over a generic 元
            unit, start = before[1].unit, before_start
        approx = self._approx_inside(text, n)
        if "approx" in m.re.groupindex:
            for s, e in m.spans("approx"):
                approx = approx or approx_meaning(self.g, f"{lang}.inside", text, s, e)
        if approx is None:
            approx = self._approx_before(text, start, lang) or self._approx_before(text, start, _other(lang))
        if approx is None and _text(m, "suffix"):
            approx = approx_meaning(self.g, f"{lang}.after", text, m.start("suffix"), m.end("suffix"))
        if approx is None and written in self.g.needs_approx:
            return None  # 百家 in a name; 上百件 and 过亿元 carry their marker
        return _Found(n, start, end, rule.id, value, unit, counter, approx, multiplier, factor)

    def _approx_after(self, text: str, end: int, lang: str) -> str | None:
        """An approximation word after the span (or more, 以上)."""
        for code in (lang, _other(lang)):
            m = match_at(self.g.suffix[code], text, end, UNIT_REACH)
            if m and m.group("suffix"):
                return approx_meaning(self.g, f"{code}.after", text, m.start("suffix"), m.end("suffix"))
        return None

    def _approx_inside(self, text: str, n: Numeral) -> str | None:
        """多/余 written inside the numeral itself (20余万件, 十多万)."""
        for i in range(n.start + 1, n.end - 1):
            if text[i] in "多余":
                return approx_meaning(self.g, "zh.inside", text, i, i + 1)
        return None

    def _multiplier(self, word: str) -> float:
        if word in self._scales:
            return self._scales[word]
        value = 1.0
        for c in word:
            value *= self._sections.get(c, 1.0)
        return value

    def _surface(self, lang: str, written: str) -> Surface | None:
        key = _SPACES.sub(" ", written.strip().lower())
        table = self.g.surfaces.get(lang, {})
        for candidate in (key, "个" + key):  # {zh_ge_unit} is written without its 个
            if candidate in table:
                return table[candidate]
        squeezed = _SQUEEZE.sub("", key)
        for lang_table, by_squeezed in self._squeezed:
            if squeezed in lang_table:
                return lang_table[squeezed]
            if squeezed in by_squeezed:
                return by_squeezed[squeezed]
        return None

    def _before(self, text: str, start: int, currency_only: bool = False) -> tuple[int, tuple[str, Surface] | None]:
        window_start = max(0, start - _WINDOW)
        window = text[window_start:start]
        for rule in self.g.before:
            if currency_only and rule.unit is not None:
                continue
            m = rule.compiled.search(window)
            if m is None:
                continue
            if rule.unit is not None:
                return start, (rule.id, Surface(rule.unit, 1.0, "before"))
            written = _text(m, "unit")
            surface = self._surface("zh", written) or self._surface("en", written)
            if surface is not None and surface.position in ("before", "both"):
                lead = len(written) - len(written.lstrip())
                return window_start + m.start("unit") + lead, (rule.id, surface)
        return start, None

    def _approx_before(self, text: str, start: int, lang: str) -> str | None:
        window_start = max(0, start - _WINDOW)
        m = self.g.before_approx[lang].search(text[window_start:start + 1])
        if m is None:
            return None
        return approx_meaning(self.g, f"{lang}.before", text, window_start + m.start("approx"),
                              window_start + m.end("approx"))

    @staticmethod
    def _borrow_counters(found: list[_Found]) -> None:
        """A count with no counter of its own ("506 more than the previous day") takes
        the counter of the count just before it, if that is near (same statement)."""
        previous: _Found | None = None
        for q in sorted(found, key=lambda q: q.start):
            if q.unit == "count" and q.counter is None and previous is not None \
                    and q.start - previous.end <= _BORROW_DISTANCE:
                q.counter = previous.counter
            if q.unit == "count" and q.counter is not None:
                previous = q

    # -- shared units -------------------------------------------------------------------------
    def _shared_units(self, text: str, bare: list[Numeral], found: list[_Found]) -> list[_Found]:
        """A bare number joined to the next quantity (3至5家) takes its unit and multiplier."""
        by_start = {q.numeral.start: q for q in found}
        out: list[_Found] = []
        for n in sorted(bare, key=lambda n: n.start, reverse=True):
            lang = "en" if n.lang == "en" or not _HAN.search(text[max(0, n.start - 2):n.end + 2]) else "zh"
            conn = self.g.connectors.get(lang)
            m = match_at(conn, text, n.end, UNIT_REACH) if conn is not None else None
            nxt = by_start.get(m.end()) if m else None
            if nxt is None or m is None or m.end() == n.end:
                continue
            if nxt.rule.endswith("fraction_share") or nxt.rule.endswith("currency_before"):
                continue
            mult = nxt.multiplier if n.lang != "en" else 1.0
            q = _Found(n, n.start, n.end, nxt.rule.rsplit(".", 1)[0] + ".shared_unit",
                       float(n.value) * mult * nxt.factor, nxt.unit, nxt.counter,
                       self._approx_before(text, n.start, lang), mult, nxt.factor)
            out.append(q)
            by_start[n.start] = q
        return out


def _other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def _text(m: Any, group: str) -> str | None:
    """A group's text, None when the pattern lacks the group or it did not take part."""
    return m.group(group) if group in m.re.groupindex else None


def _end(m: Any, group: str) -> int:
    """Where a group ended (-1 when absent)."""
    return m.end(group) if group in m.re.groupindex and m.group(group) else -1


__all__ = ["QuantityExtractor"]
