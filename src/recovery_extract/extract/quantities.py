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
from .quantities_nouns import CountedNouns, load_nouns

_HAN = regex.compile(r"\p{Han}")
_WINDOW = 40
_BORROW_DISTANCE = 80
_SPACES = regex.compile(r"\s+")
# Spaces next to "$" and ".", each run taken whole (possessive): linear on any run.
_SQUEEZE = regex.compile(r"(?<!\s)\s++(?=[$.])|(?<=[$.])\s++")
#: "1,800-plus enterprises", "500+ firms": an approximation glued to the number.
_PLUS = regex.compile(r"(?:-plus\b|\+(?!\d))")
#: A four-digit whole number that reads as a year ("the 2020 Olympics", "2,083 in 2021").
_YEAR = regex.compile(r"(?:1[6-9]|20)\d\d")
_LETTER = regex.compile(r"[A-Za-z]")
#: Bare numbers hyphenated to a number (555-1234, a 3-0 win, 18-25): codes and scores.
_DIGIT_HYPHEN_BEFORE = regex.compile(r"\d-\Z")
#: A year and a hyphen before a number: the 2019-20 season (a year span, not a count).
_YEAR_HYPHEN_BEFORE = regex.compile(r"(?<!\d)(?:1[6-9]|20)\d\d-\Z")
_HYPHEN_DIGIT_AFTER = regex.compile(r"-\d")
#: A comma glued to one or two digits after a number: a decimal comma (17,1%), not a count.
_DECIMAL_COMMA = regex.compile(r",\d{1,2}(?!\d)")
#: Five or more digits with no group separator: an id, a date or a code, not a written count.
_LONG_DIGITS = regex.compile(r"-?\d{5,}")
#: After a bare number: ". Capital" (a list item's number: "2. Take the initiative").
_LIST_ITEM = regex.compile(r"[.)][^\S\n]+[A-Z]")
_SENTENCE_START = regex.compile(r"(?:\A|[.!?:;][^\S\n]+|\n[^\S\n]*)\Z")
#: A time or ISO date right before a number on its line (page metadata: views, ids).
_AFTER_STAMP = regex.compile(r"(?:\d{1,2}:\d{2}(?::\d{2})?|\d{4}-\d{1,2}-\d{1,2})[^\S\n]+\Z")
#: A short quotation (a slogan or name) around a bare number: “Three and three”.
_QUOTE_OPEN = regex.compile(r"[“\"][^\n“”\"]{0,30}\Z")
_QUOTE_CLOSE = regex.compile(r"[^\n“”\"]{0,30}[”\"]")
#: A money amount whose unit is a word after the number (元, dollars, USD), not a sign.
_WORD_END = regex.compile(r"[\p{L}]\Z")
#: "a quarter of": the fraction 1/4 (a quarter alone is left to dates).
_OF = regex.compile(r"[^\S\n]++of\b", regex.IGNORECASE)
_OPEN_BRACKET = regex.compile(r"(?<![^\S\n])[^\S\n]*+[(（][^\S\n]*+")
#: A letter and a hyphen glued before a number: covid-19, mid-2020, G-20 (a name or code).
_CODE_BEFORE = regex.compile(r"[A-Za-z]-\Z")
#: The whole part of a decimal that a paragraph break cut off ("at 19.\n\n38 percent").
_CUT = regex.compile(r"(?<=[^\S\n])(?P<int>\d{1,3})\.\n+[^\S\n]*\Z")
#: How far before a range's low end its opening word (between, from) is looked for.
_RANGE_LOOKBACK = 32
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
    value_max: float | None = None  # the high end of a range (value is the low end)
    per: str | None = None  # the denominator of a rate ($70 per barrel -> bbl)


class QuantityExtractor:
    """Finds amounts with their unit or counter; values in base units."""

    kind: ClassVar[str] = "quantity"

    def __init__(self, store: PatternStore) -> None:
        self.store = store
        self.numbers = NumberGrammar(store)
        self.g: QuantityGrammar = load_grammar(store, self.numbers)
        self.nouns: CountedNouns = load_nouns(store)
        self._sections = {k: float(v) for k, v in self.numbers.zh.sections.items()}
        self._scales = {k: float(v) for k, v in self.numbers.en.scales.items()}
        # the `after` rules tried after an English numeral, a Chinese one, one of digits only
        self._after = {key: [r for r in self.g.after if r.lang in langs]
                       for key, langs in (("en", {"en"}), ("zh", {"zh"}), ("any", {"zh", "en"}))}
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
        shared = self._shared_units(text, bare, found)
        taken = {q.numeral.start for q in shared}
        found += shared
        found += [q for n in bare if n.start not in taken and (q := self._bare_count(text, n)) is not None]
        if not found:
            return []
        excluded = Intervals(self.excluded(text, found, everywhere=everywhere))
        found = self._ranges(text, sorted((q for q in found if not excluded.overlaps(q.start, q.end)),
                                          key=lambda q: (q.start, q.end)))
        self._rates(text, found)
        for q in found:
            _cut_by_paragraph(text, q)
            self._money_parts(text, q)
        kept = sorted(keep_disjoint(found, key=lambda q: (-(q.end - q.start), q.start)), key=lambda q: q.start)
        # what neighbours lend each other, read between the quantities that stay
        self._conversions(text, kept)
        self._partitives(text, kept)
        self._borrow_counters(kept)
        return [Mention(kind=self.kind, start=q.start, end=q.end, rule=q.rule, value=tidy(q.value),
                        attrs=_attrs(q)) for q in kept]

    def excluded(self, text: str, found: Sequence[_Found], *, everywhere: bool = False) -> Iterator[tuple[int, int]]:
        """Spans of the exclusions that can overlap a found quantity.

        An exclusion with ``needs`` is skipped on a text without it; one with ``reach``
        (its longest match) runs only within ``reach`` characters of a quantity, since a
        match further away overlaps none.  ``everywhere``: those too over the whole text,
        the reference that tests/test_quantities_needs.py compares with.
        """
        size = len(text)
        spans = sorted((q.start, q.end) for q in found)
        windows: dict[int, list[tuple[int, int]]] = {}  # per reach: most exclusions share one
        for r in self.g.exclusions:
            if not r.needed(text):
                continue
            if r.lead_gate is not None and not everywhere:
                # tried only just before its words, not at every Han character
                yield from (m.span() for m in r.lead_gate.finditer(r.compiled, text))
                continue
            if everywhere or r.reach is None:
                yield from (m.span() for m in r.compiled.finditer(text, None, None, False, False))
                continue
            if r.reach not in windows:
                windows[r.reach] = windows_around(spans, size, r.reach, r.reach)
            for start, end in windows[r.reach]:
                # Up to ``reach`` past the window: a match starting in it is whole.
                stop = min(size, end + r.reach)
                if not r.needed_in(text, start, stop):
                    continue
                for m in r.compiled.finditer(text, start, stop, False, False):
                    if m.start() >= end:
                        break
                    yield m.span()

    def _numerals(self, text: str) -> list[Numeral]:
        numerals = self.numbers.find(text)
        spans = {(n.start, n.end) for n in numerals}
        for r in self.g.extra_numerals:
            for m in r.compiled.finditer(text, None, None, False, False):
                if (m.start(), m.end()) in spans or any(n.start < m.end() and m.start() < n.end for n in numerals):
                    continue
                value = self.numbers.zh_value("0.5" if m.group() == self.numbers.zh.half else m.group())
                if value is not None:
                    numerals.append(Numeral(m.start(), m.end(), value, "zh"))
        numerals.sort(key=lambda n: n.start)
        return numerals

    # -- one numeral -----------------------------------------------------------------------
    def _rules_for(self, text: str, n: Numeral) -> list[Rule]:
        if n.lang == "en":
            return self._after["en"]
        return self._after["zh"] if _has_han(text, n.start, n.end) else self._after["any"]

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
        if n.lang == "en" and written.lower() in self.g.share_fractions and \
                written.lower() not in self.g.share_alone:
            return None  # "ranking fourth", "third sectors": an ordinal, not a fraction
        for rule in self._rules_for(text, n):
            m = match_at(rule.compiled, text, n.end, UNIT_REACH)
            if m is None:
                continue
            q = self._from_match(text, n, rule, m)
            if q is not None:
                counted = self._scaled_count(text, n, q)
                if counted is not None:
                    return counted  # "2m households": a multiplier, not metres
                if q.unit not in self.g.currencies:
                    scaled = self._currency_scaled(text, n)
                    if scaled is not None:
                        return scaled  # $4.2M is 4.2 million dollars, not 4.2 metres
                return q
        scaled = self._currency_scaled(text, n)
        if scaled is not None:
            return scaled
        start, unit = self._before(text, n.start)
        if unit is not None:
            q = _Found(n, start, n.end, unit[0], float(n.value) * unit[1].factor, unit[1].unit, None, None)
            q.approx = self._approx_before(text, start, lang) or self._approx_before(text, start, _other(lang)) \
                or self._approx_after(text, n.end, lang)
            return q
        if self.numbers.zh.fraction in written:
            return _Found(n, n.start, n.end, "quantities.zh.fraction_percent", float(n.value) * 100, "%",
                          None, self._approx_before(text, n.start, "zh"))
        last = written.lower().split()[-1] if n.lang == "en" else ""
        words = written.lower().replace("-", " ").split()
        quarter_of = last in self.g.share_before_of and len(words) > 1 and match_at(_OF, text, n.end, UNIT_REACH) is not None
        if n.lang == "en" and (last.split("-")[-1] in self.g.share_fractions or quarter_of) and \
                (len(words) > 1 or last in self.g.share_alone):
            return _Found(n, n.start, n.end, "quantities.en.fraction_share", float(n.value) * 100, "%",
                          None, self._approx_before(text, n.start, "en"))
        return self._counted(text, n)

    # -- English counted nouns (open class) ----------------------------------------------
    def _latin(self, text: str, n: Numeral) -> bool:
        """Whether a numeral stands in English text (no Han character next to it)."""
        return not _has_han(text, max(0, n.start - 2), n.end + 2)

    def _counted(self, text: str, n: Numeral) -> _Found | None:
        """NUMBER + noun phrase: a count whose counter is the head noun ("14 hotels").

        A head that is a unit surface makes a measure ("3 consecutive months").
        """
        written = text[n.start:n.end].lower()
        scaled = match_at(self.g.scale_after, text, n.end, UNIT_REACH) if n.lang != "en" else None
        if scaled is not None and self._latin(text, n):  # 1.3bn people, 2m households
            head = self.nouns.read(text, scaled.end()).head
            if head is not None and self.nouns.plural(head.word) and self._surface("en", head.word) is None:
                mult = self._multiplier(scaled.group("multiplier").lower())
                return _Found(n, n.start, head.end, "quantities.en.counted_noun", float(n.value) * mult, "count",
                              head.word, self._approx_before(text, n.start, "en"), mult)
        if not self._latin(text, n) or written in self.numbers.en.articles or _letter_at(text, n.end) or \
                _hyphen_before(text, n.start) and (
                    _CODE_BEFORE.search(text, max(0, n.start - 2), n.start, False) or
                    _YEAR_HYPHEN_BEFORE.search(text, max(0, n.start - 5), n.start, False)) or \
                _letter_at(text, n.start - 1) or self.nouns.labelled(text, n.start):
            return None  # G20 leaders, Windows 11 makers: a name, not a count
        pos, approx = n.end, None
        plus = match_at(_PLUS, text, pos, UNIT_REACH) if text.startswith(("-", "+"), pos) else None
        if plus is not None:
            pos, approx = plus.end(), "more_than"
        value = float(n.value)
        head = self.nouns.read(text, pos, singular=value == 1).head
        if head is None or _YEAR.fullmatch(written, None, None, False) and not self.nouns.plural(head.word):
            return None  # "Copyright 2016 IGDZC": a year before a name
        approx = approx or self._approx_before(text, n.start, "en") or self._approx_after(text, head.end, "en")
        surface = self._surface("en", head.word)
        if surface is not None:
            if surface.position == "before":
                return None
            return _Found(n, n.start, head.end, "quantities.en.modified_unit", value * surface.factor,
                          surface.unit, None, approx, 1.0, surface.factor)
        return _Found(n, n.start, head.end, "quantities.en.counted_noun", value, "count", head.word, approx)

    def _bare_count(self, text: str, n: Numeral) -> _Found | None:
        """An English number with no unit or noun of its own counts what the sentence names
        ("29 saw growth", "amounted to 719 and 74,669"): unless it is a year, a label
        (page 2), glued to letters (5G, A380), or a day next to a month or a time word."""
        written = text[n.start:n.end]
        if not self._latin(text, n) or _has_han(written) or n.lang == "en" and float(n.value) <= 1:
            return None
        if _in_short_quote(text, n.start, n.end):
            return None  # “Three and three”, "Four Comprehensives": a slogan names, not counts
        if float(n.value) < 0 or _LONG_DIGITS.fullmatch(written, None, None, False) or "/" in written or \
                _hyphen_before(text, n.start) and _DIGIT_HYPHEN_BEFORE.search(text, max(0, n.start - 2), n.start, False) or \
                text.startswith("-", n.end) and match_at(_HYPHEN_DIGIT_AFTER, text, n.end, UNIT_REACH) or \
                text.startswith(",", n.end) and match_at(_DECIMAL_COMMA, text, n.end, UNIT_REACH):
            return None  # a count is not negative; 20200701, 346129473 are dates and ids
        if _YEAR.fullmatch(written, None, None, False) or _letter_at(text, n.end) or _letter_at(text, n.start - 1) or \
                _hyphen_before(text, n.start) and _CODE_BEFORE.search(text, max(0, n.start - 2), n.start, False):
            return None
        if n.lang == "en" and any(w in self.g.share_fractions for w in written.lower().replace("-", " ").split()):
            return None
        if self.nouns.labelled(text, n.start) or self.nouns.read(text, n.end).dated or not float(n.value):
            return None
        if text.startswith((".", ")"), n.end) and match_at(_LIST_ITEM, text, n.end, UNIT_REACH) and \
                _SENTENCE_START.search(text, max(0, n.start - 4), n.start, False):
            return None  # ". 2. Take the initiative": list numbering inside a paragraph
        stamp = text[max(0, n.start - 24):n.start]
        if (":" in stamp or "-" in stamp) and _AFTER_STAMP.search(text, max(0, n.start - 24), n.start, False):
            return None  # "2020-04-29 14:42 28236": a counter of the page, after its time stamp
        approx = self._approx_before(text, n.start, "en") or self._approx_after(text, n.end, "en")
        return _Found(n, n.start, n.end, "quantities.en.bare_count", float(n.value), "count", None, approx)

    def _scaled_count(self, text: str, n: Numeral, q: _Found) -> _Found | None:
        """An abbreviated multiplier read as a unit (2m, 5k) before a plural noun is a count."""
        word = text[n.end:q.end].strip().lower()
        if word not in self.g.scale_abbreviations or not self._latin(text, n):
            return None
        head = self.nouns.read(text, q.end).head
        if head is None or not self.nouns.plural(head.word) or self._surface("en", head.word) is not None:
            return None
        value = float(n.value) * self.g.scale_abbreviations[word]
        approx = self._approx_before(text, n.start, "en")
        return _Found(n, n.start, head.end, "quantities.en.counted_noun", value, "count", head.word, approx,
                      self.g.scale_abbreviations[word])

    def _currency_scaled(self, text: str, n: Numeral) -> _Found | None:
        """A currency before the number and a multiplier after it: $4.2M, $3.5bn, CNY1 trillion."""
        m = match_at(self.g.scale_after, text, n.end, UNIT_REACH)
        if m is None:
            return None
        start, before = self._before(text, n.start, currency_only=True)
        if before is None or before[1].unit not in self.g.currencies:
            return None
        value = float(n.value) * self._multiplier(m.group("multiplier").lower())
        approx = self._approx_before(text, start, "en") or self._approx_before(text, start, "zh") \
            or self._approx_after(text, m.end(), "en")
        return _Found(n, start, m.end(), "quantities.any.currency_scaled", value, before[1].unit, None, approx)

    def _tail_scale(self, text: str, n: Numeral, nxt: _Found) -> float:
        """The multiplier a bare low end borrows from the numeral of its high end (1.5-2万元)."""
        m = self.g.tail_scale.search(text, nxt.numeral.start, nxt.numeral.end, False)
        if m is None or self.g.tail_scale.search(text, n.start, n.end, False) or _has_han(text, n.start, n.end) and \
                self.g.tail_section.search(text, n.start, n.end, False):
            return 1.0
        tail = m.group().strip().lower()
        return self._scales.get(tail) or self._multiplier(tail)

    # -- ranges and rates ----------------------------------------------------------------
    def _ranges(self, text: str, found: list[_Found]) -> list[_Found]:
        """Two quantities of one unit joined by a range connector become ONE (3至5家, 5%-10%)."""
        out: list[_Found] = []
        i = 0
        while i < len(found):
            merged = self._range(text, found[i], found[i + 1]) if i + 1 < len(found) else None
            if merged is not None:
                out.append(merged)
                i += 2
            else:
                out.append(found[i])
                i += 1
        return out

    def _range(self, text: str, low: _Found, high: _Found) -> _Found | None:
        if low.unit != high.unit or low.value_max is not None or low.end > high.start:
            return None
        if high.rule.endswith("bare_count"):
            return None  # the unit of a range is written at its high end: 555-1234, 3-0, 52 to 48 are not ranges
        if low.counter and high.counter and low.counter.lower() != high.counter.lower():
            return None
        lang = "zh" if _has_han(text, max(0, low.start - 2), high.start + 2) else "en"
        gap_end, top = high.start, high.value
        if text.startswith("-", high.start) and top < 0:  # 5%-10%: the hyphen is the connector
            gap_end, top = high.start + 1, -top
        conn = self.g.range_connectors.get(lang)
        m = conn.fullmatch(text, low.end, gap_end, False) if conn is not None else None
        if m is None or top < low.value:
            return None
        back = max(0, low.start - _RANGE_LOOKBACK)
        opened = self.g.range_open.get(lang)
        is_open = opened is not None and opened.search(text, back, low.start, False) is not None
        if m.group().strip().lower() == self.numbers.en.conjunction and not is_open:
            return None  # 10.2 and 3.8 percentage points: two amounts
        closed = self.g.no_range_before.get(lang)
        if not is_open and closed is not None and closed.search(text, back, low.start, False) is not None:
            return None  # rose from 5 to 10 percent: a change, two amounts
        change = self.g.range_change.get(lang)
        if not is_open and change is not None and not low.rule.endswith("shared_unit") and m.group().strip().isalpha() and \
                change.search(text, back, low.start, False) is not None:
            return None  # rose $12 to $1,950: by one amount, to another
        return _Found(low.numeral, low.start, high.end, low.rule.rsplit(".", 1)[0] + ".range", low.value,
                      low.unit, high.counter or low.counter, low.approx or high.approx, low.multiplier,
                      low.factor, top)

    def _partitives(self, text: str, found: list[_Found]) -> None:
        """N of (the) M X, N out of M X: the bare part takes the counter of the whole (or,
        with no counted whole, the first plural noun after "of": 51 of China's top 100
        industrial companies)."""
        for i, part in enumerate(found):
            if not part.rule.endswith("bare_count"):
                continue
            whole = found[i + 1] if i + 1 < len(found) else None
            if whole is not None and whole.unit == "count" and whole.counter and \
                    self.g.partitive.fullmatch(text, part.end, whole.start, False):
                part.counter = whole.counter
                continue
            of = match_at(self.g.partitive, text, part.end, UNIT_REACH)
            if of is not None and part.counter is None:
                head = self.nouns.first_plural(text, of.end() - 1)
                if head is not None:
                    part.counter = head.word

    @staticmethod
    def _conversions(text: str, found: list[_Found]) -> None:
        """A converted amount in brackets right after another ("at least CNY20 million
        (USD2.7 million)") states the same bound: it takes that bound (more_than,
        less_than; an "about" stays with the amount it is written before)."""
        for prev, q in zip(found, found[1:]):
            if q.approx is None and prev.approx in ("more_than", "less_than") and \
                    _OPEN_BRACKET.fullmatch(text, prev.end, q.start, False):
                q.approx = prev.approx

    def _money_parts(self, text: str, q: _Found) -> None:
        """123元1角1分, 3 dollars 50 cents: tenths and hundredths join the amount before them."""
        if q.unit not in self.g.currencies or q.value_max is not None or q.per is not None \
                or not _WORD_END.search(text, max(0, q.end - 1), q.end, False):
            return
        lang = "zh" if _has_han(text, max(0, q.end - 1), q.end) else "en"
        rx = self.g.subunits.get(lang)
        m = match_at(rx, text, q.end, UNIT_REACH) if rx is not None else None
        if m is None:
            return
        tenth = self.numbers.value(m.group("tenth")) if "tenth" in m.re.groupindex and m.group("tenth") else 0
        hundredth = self.numbers.value(m.group("hundredth")) if m.group("hundredth") else 0
        if tenth is None or hundredth is None or not 0 <= float(tenth) < 10 or not 0 <= float(hundredth) < 100:
            return
        q.value = float(q.value) + float(tenth) * 0.1 + float(hundredth) * 0.01
        q.end = m.end()

    def _rates(self, text: str, found: list[_Found]) -> None:
        """The denominator after a quantity (per barrel, a day, /吨) goes to ``per``; the span
        stays the amount (like an approximation word outside it, the rate is read, not covered)."""
        for q in found:
            lang = "zh" if _has_han(text, max(0, q.end - 1), q.end + 1) else "en"
            rx = self.g.rate.get(lang)
            m = match_at(rx, text, q.end, UNIT_REACH) if rx is not None else None
            if m is None or not m.group("per"):
                continue
            written = m.group("per")
            surface = self._surface(lang, written)
            q.per = surface.unit if surface is not None else written.lower()

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
        elif unit_written := _text(m, "unit"):
            surface = self._surface(lang, unit_written)
            if surface is None:
                return None
            unit, factor = surface.unit, surface.factor
        elif counter_written := _text(m, "counter"):
            counter = " ".join(counter_written.lower().split())
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
            if text[i] in self.numbers.approx_marks:
                return approx_meaning(self.g, "zh.inside", text, i, i + 1)
        return None

    def _multiplier(self, word: str) -> float:
        if word in self._scales:
            return self._scales[word]
        if word in self.g.scale_abbreviations:
            return self.g.scale_abbreviations[word]
        value = 1.0
        for c in word:
            value *= self._sections.get(c, 1.0)
        return value

    def _surface(self, lang: str, written: str) -> Surface | None:
        key = _SPACES.sub(" ", written.strip().lower())
        table = self.g.surfaces.get(lang, {})
        for candidate in (key, self.g.general_counter + key):  # {zh_ge_unit} is written without its 个
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
            if currency_only and rule.unit is not None or not rule.may_end(window):
                continue
            m = rule.compiled.search(window, None, None, False)
            if m is None:
                continue
            if rule.unit is not None:
                return start, (rule.id, Surface(rule.unit, 1.0, "before"))
            written = _text(m, "unit") or ""
            surface = self._surface("zh", written) or self._surface("en", written)
            if surface is not None and surface.position in ("before", "both"):
                lead = len(written) - len(written.lstrip())
                return window_start + m.start("unit") + lead, (rule.id, surface)
        return start, None

    def _approx_before(self, text: str, start: int, lang: str) -> str | None:
        if lang == "en" and start < len(text) and not (start > 0 and text[start - 1].isspace()):
            # the English words end before spaces (en.before: ...\s+(?=\S\Z), and regex's \s is
            # a subset of str.isspace: tests/test_quantities_prechecks.py)
            return None
        window_start = max(0, start - _WINDOW)
        m = self.g.before_approx[lang].search(text[window_start:start + 1], None, None, False)
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
            if _YEAR.fullmatch(text[n.start:n.end], None, None, False) and self._latin(text, n):
                continue  # the 2019-20 season: a year, not the low end of an amount
            lang = "en" if n.lang == "en" or not _has_han(text, max(0, n.start - 2), n.end + 2) else "zh"
            conn = self.g.connectors.get(lang)
            m = match_at(conn, text, n.end, UNIT_REACH) if conn is not None else None
            nxt = by_start.get(m.end()) if m else None
            if nxt is None or m is None or m.end() == n.end:
                continue
            if nxt.rule.endswith("fraction_share") or nxt.rule.endswith("currency_before"):
                continue
            mult = (nxt.multiplier if n.lang != "en" else 1.0) * self._tail_scale(text, n, nxt)
            q = _Found(n, n.start, n.end, nxt.rule.rsplit(".", 1)[0] + ".shared_unit",
                       float(n.value) * mult * nxt.factor, nxt.unit, nxt.counter,
                       self._approx_before(text, n.start, lang), mult, nxt.factor)
            out.append(q)
            by_start[n.start] = q
        return out


def _has_han(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds a Han character; an ASCII stretch (most of an
    English text) is answered without calling regex."""
    part = text[start:end]
    return not part.isascii() and _HAN.search(part, None, None, False) is not None


def _in_short_quote(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands inside a short quotation on its line."""
    before = text[max(0, start - 31):start]
    return ('"' in before or "“" in before) and \
        _QUOTE_OPEN.search(text, max(0, start - 31), start, False) is not None and \
        match_at(_QUOTE_CLOSE, text, end, UNIT_REACH) is not None


def _letter_at(text: str, i: int) -> bool:
    """Whether an ASCII letter stands at ``i`` (``_LETTER`` matched there, without a call)."""
    if i < 0 or i >= len(text):
        return False
    c = text[i]
    return "a" <= c <= "z" or "A" <= c <= "Z"


def _hyphen_before(text: str, start: int) -> bool:
    """Whether a hyphen ends ``text[:start]``: what every ``...-\\Z`` pattern before a number needs."""
    return start > 0 and text[start - 1] == "-"


def _cut_by_paragraph(text: str, q: _Found) -> None:
    """``at 19.`` + paragraph break + ``38 percent``: one number (19.38) cut by the layout.

    Only a whole number standing mid-line before the cut (a list number starts its line)."""
    written = text[q.numeral.start:q.numeral.end]
    if q.start != q.numeral.start or q.unit == "count" or not written.isdigit() or not q.numeral.value:
        return
    m = _CUT.search(text, max(0, q.start - 16), q.start, False)
    if m is None:
        return
    whole = float(f"{m.group('int')}.{written}")
    q.value = q.value / float(q.numeral.value) * whole
    q.start = m.start("int")


def _attrs(q: _Found) -> dict[str, Any]:
    """A found quantity's attributes on its Mention (value_max and per only when set)."""
    attrs: dict[str, Any] = {"unit": q.unit, "counter": q.counter, "approx": q.approx}
    if q.value_max is not None:
        attrs["value_max"] = tidy(q.value_max)
    if q.per is not None:
        attrs["per"] = q.per
    return attrs


def _other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def _text(m: Any, group: str) -> str | None:
    """A group's text, None when the pattern lacks the group or it did not take part."""
    return m.group(group) if group in m.re.groupindex else None


def _end(m: Any, group: str) -> int:
    """Where a group ended (-1 when absent)."""
    return m.end(group) if group in m.re.groupindex and m.group(group) else -1


__all__ = ["QuantityExtractor"]
