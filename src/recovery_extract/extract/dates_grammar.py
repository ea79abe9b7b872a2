"""Stage 3 - extract: dates. The date grammar under ``patterns/dates/``, compiled once.

Four kinds of data drive it (see ``patterns/dates/README.md``):

- ``lexicon.yaml``: the Chinese numeral alphabet and named word lists (month
  names, relative words); each list is usable in a regex as ``\\L<name>`` and
  gives the value of the words the named groups capture;
- ``pieces.yaml`` + ``patterns.*.yaml`` + ``numeric.yaml``: the patterns, whose
  named groups come from the closed set in :data:`dates_values.FIELDS`;
- ``joins.yaml``: how two adjacent dates form one range (``3月11日至5月31日``);
- ``exclusions.yaml``: what is not a date (``去年同期``, ``same period last year``).

:meth:`DateGrammar.scan` returns the dates of a text, longest first, without
overlaps, each with its :class:`~.dates_values.Partial` value.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import regex

from ..data import regex_cache
from ..errors import PatternError
from ..data.patterns import FLAGS, LiteralGate, PatternStore, case_flags, expand, simple_case
from ..data import held_matches as held
from ..data.find_gate import FindGate
from .spans import SpanSet, windows_around
from .date_parts import FIELDS, Partial, in_limits

PATTERN_FILES = ("dates/patterns.zh.yaml", "dates/patterns.en.yaml", "dates/numeric.yaml")
ANCHORS = "dates/anchors.yaml"
#: Slack past a window's end: a pattern may read this far (a date plus its lookahead) so
#: that no match is cut short; windows closer than this are merged.
PAD = 64


@dataclass(frozen=True, slots=True)
class DatePattern:
    """One compiled date pattern."""

    id: str
    compiled: Any
    order: int
    style: str = ""
    defaults: Mapping[str, int] | None = None
    #: Two months that must follow each other (``January and February``, ``1、2月``).
    consecutive: bool = False
    #: Where a match can start (its literal prefixes), or None: every position is tried.
    gate: LiteralGate | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """A date in the text: span (normalised text), rule id, value as written."""

    start: int
    end: int
    rule: str
    partial: Partial
    style: str = ""


@dataclass(frozen=True, slots=True)
class _Family:
    """The patterns of one file and the anchor each of their dates holds (``anchors.yaml``).

    The anchor's named groups are kinds of anchor; ``needs`` maps a pattern id to the
    kinds its dates hold, so that pattern runs only around those (others: any anchor).
    """

    patterns: tuple[DatePattern, ...]
    anchor: Any
    before: int
    after: int
    needs: Mapping[str, frozenset[str]]
    #: Where an anchor can start (its literal prefixes), or None: the anchor is scanned whole.
    gate: LiteralGate | FindGate | None = None

    def anchors(self, text: str) -> list[tuple[int, int, str | None]]:
        """``(start, end, kind)`` of each anchor in ``text`` (tried only where the gate says an
        anchor can start: the same matches as ``anchor.finditer``)."""
        return [(m.start(), m.end(), m.lastgroup) for m in held.gate_finditer(self.gate, self.anchor, text)]

    def windows(self, text: str, anchors: list[tuple[int, int, str | None]] | None = None,
                kinds: frozenset[str] | None = None) -> list[tuple[int, int]]:
        """Merged ``[start, end)`` ranges where this family's dates (holding one of ``kinds``:
        default any) can start."""
        anchors = self.anchors(text) if anchors is None else anchors
        spans = ((s, e) for s, e, kind in anchors if kinds is None or kind in kinds)
        return windows_around(spans, len(text), self.before, self.after, gap=PAD)

    def pattern_windows(self, text: str) -> Iterator[tuple[DatePattern, list[tuple[int, int]]]]:
        """Each pattern with the windows around the anchors its dates hold (one anchor scan)."""
        anchors = self.anchors(text)
        if not anchors:
            return
        cache: dict[frozenset[str] | None, list[tuple[int, int]]] = {}
        for pattern in self.patterns:
            kinds = self.needs.get(pattern.id)
            if kinds not in cache:
                cache[kinds] = self.windows(text, anchors, kinds)
            yield pattern, cache[kinds]


@dataclass(frozen=True, slots=True)
class _Join:
    id: str
    between: Any
    before: Any | None
    after: Any | None
    require_before: bool
    require_after: bool


@dataclass(frozen=True, slots=True)
class _Exclusion:
    id: str
    compiled: Any
    applies_to: frozenset[str]
    #: Where a match can start (its literal prefixes), or None: the text is scanned whole.
    gate: LiteralGate | FindGate | None = None

    def finditer(self, text: str) -> Iterator[Any]:
        """The exclusion's matches: ``compiled.finditer(text)``."""
        return held.gate_finditer(self.gate, self.compiled, text)


class NumeralReader:
    """Small numbers as dates write them: ``12``, ``十二``, ``廿一``, ``二零二二``, ``两千零四``, ``twenty-first``."""

    def __init__(self, numerals: Mapping[str, Mapping[str, int]]) -> None:
        self.digits = dict(numerals.get("digits") or {})
        self.units = dict(numerals.get("units") or {})
        self.tens = dict(numerals.get("tens") or {})

    def chinese(self, text: str, *, year: bool = False) -> int | None:
        """Positional (``二十一``, ``两千零四``) or, for years, digit by digit (``二〇二二``)."""
        if not text:
            return None
        if year and all(c in self.digits for c in text) and len(text) >= 2:
            value = 0
            for c in text:
                value = value * 10 + self.digits[c]
            return value
        total, pending = 0, None
        for c in text:
            if c in self.digits:
                pending = self.digits[c]
            elif c in self.tens:
                total += self.tens[c]
                pending = None
            elif c in self.units:
                total += (pending if pending is not None else 1) * self.units[c]
                pending = None
            else:
                return None
        return total + (pending or 0)


class DateGrammar:
    """The date patterns, joins and exclusions, compiled once; :meth:`scan` is thread-safe."""

    def __init__(self, store: PatternStore) -> None:
        lexicon = store.yaml("dates/lexicon.yaml")
        self.numerals = NumeralReader(lexicon.get("numerals") or {})
        self.words = self._word_tables(lexicon.get("lists") or {})
        named_lists = store.word_lists("dates/lexicon.yaml")
        shared = {k: str(v) for k, v in (store.yaml("dates/pieces.yaml").get("pieces") or {}).items()}
        self.patterns: list[DatePattern] = []
        self.families: list[_Family] = []
        anchors = store.yaml(ANCHORS).get("files") or {}
        # Patterns with the same literal prefixes share one gate: matches() scans for its
        # candidates once per window, not once per pattern.
        gates: dict[str, LiteralGate] = {}
        for rel in PATTERN_FILES:
            family: list[DatePattern] = []
            for entry in store.grammar(rel)[1]:
                unknown = {g for g in entry.compiled.groupindex if _base(g) not in FIELDS}
                if unknown:
                    raise PatternError(f"{rel}: {entry.id}: unknown group(s) {sorted(unknown)}")
                gate = LiteralGate.when_it_pays(entry.regex, entry.compiled, named_lists)
                family.append(DatePattern(
                    id=entry.id, compiled=entry.compiled, order=len(self.patterns) + len(family),
                    style=str(entry.attrs.get("style") or ""), defaults=entry.attrs.get("defaults") or None,
                    consecutive=bool(entry.attrs.get("consecutive")),
                    gate=None if gate is None else gates.setdefault(gate._source, gate)))
            self.patterns += family
            self.families.append(self._family(rel, family, anchors.get(rel), named_lists))
        joins = store.yaml("dates/joins.yaml").get("joins") or []
        self.joins = [self._join(j, shared, named_lists) for j in joins]
        self.lunar_new_year = {
            int(row["year"]): date.fromisoformat(row["new_year"]) for row in store.tsv("dates/lunar_new_year.tsv")
        }
        self.exclusions = [self._exclusion(e, shared, named_lists)
                           for e in store.yaml("dates/exclusions.yaml").get("exclusions") or []]

    @staticmethod
    def _word_tables(lists: Mapping[str, Any]) -> dict[str, dict[str, int]]:
        """Per named group, the words it reads and their values."""
        tables: dict[str, dict[str, int]] = {}
        for spec in lists.values():
            words = {str(k).lower(): int(v) for k, v in (spec.get("words") or {}).items()}
            for group in spec.get("groups") or ():
                table = tables.setdefault(str(group), {})
                for word, value in words.items():
                    table[word] = value
                    table[word.replace("-", " ")] = value
        return tables

    @staticmethod
    def _family(rel: str, patterns: list[DatePattern], raw: Any, named: Mapping[str, list[str]]) -> _Family:
        where = f"{ANCHORS}: {rel}"
        if not isinstance(raw, Mapping) or not raw.get("anchor"):
            raise PatternError(f"{where}: every date pattern file needs an anchor")
        try:
            before, after = int(raw["before"]), int(raw["after"])
        except (KeyError, TypeError, ValueError):
            raise PatternError(f"{where}: 'before' and 'after' must be integers") from None
        anchor = _compile(str(raw["anchor"]), where, **named)
        ids = {p.id for p in patterns}
        needs: dict[str, frozenset[str]] = {}
        for pattern_id, kinds in (raw.get("patterns") or {}).items():
            if pattern_id not in ids:
                raise PatternError(f"{where}: patterns: {pattern_id!r} is not a pattern of {rel}")
            if not isinstance(kinds, list) or not kinds:
                raise PatternError(f"{where}: patterns: {pattern_id}: give a list of anchor group names")
            unknown = sorted(set(map(str, kinds)) - set(anchor.groupindex))
            if unknown:
                raise PatternError(f"{where}: patterns: {pattern_id}: {unknown} not named groups of the anchor")
            needs[pattern_id] = frozenset(map(str, kinds))
        return _Family(tuple(patterns), anchor, before, after, needs,
                       _whole_text_gate(str(raw["anchor"]), anchor, named))

    @staticmethod
    def _exclusion(raw: Mapping[str, Any], pieces: Mapping[str, str], named: Mapping[str, list[str]]) -> _Exclusion:
        source = expand(str(raw["regex"]), pieces, raw["id"])
        compiled = _compile(source, raw["id"], **named)
        return _Exclusion(str(raw["id"]), compiled, frozenset(raw.get("applies_to") or ()),
                          _whole_text_gate(source, compiled, named))

    def _join(self, raw: Mapping[str, Any], pieces: Mapping[str, str], named: Mapping[str, list[str]]) -> _Join:
        where = f"dates/joins.yaml: {raw.get('id')}"

        def part(key: str, suffix: str = "", prefix: str = "") -> Any | None:
            body = raw.get(key)
            return _compile(prefix + "(?:" + expand(str(body), pieces, where) + ")" + suffix, where, **named) \
                if body else None

        return _Join(id=str(raw["id"]), between=part("between"), before=part("before", suffix=r"\Z"),
                     after=part("after"), require_before=bool(raw.get("require_before")),
                     require_after=bool(raw.get("require_after")))

    # ------------------------------------------------------------------ reading

    def read(self, name: str, text: str) -> int | None:
        """The integer a named group's text stands for, or None."""
        base = _base(name)
        key = " ".join(text.lower().replace(".", " ").split())
        table = self.words.get(base, {})
        if key in table:
            value: int | None = table[key]
        elif key.isdigit():
            value = int(key)
        else:
            value = self.numerals.chinese(key.replace(" ", ""), year=base == "year")
        if value is None or not in_limits(name, value):
            return None
        return value

    def _partial(self, pattern: DatePattern, match: Any) -> Partial | None:
        start: dict[str, int] = dict(pattern.defaults or {})
        end: dict[str, int] = {}
        for name, text in match.groupdict().items():
            if text is None:
                continue
            value = self.read(name, text)
            if value is None:
                return None
            if name.endswith("_end"):
                end[name[:-4]] = value
            else:
                start[name] = value
        if not start and not end:
            return None
        if pattern.consecutive and end.get("month") != start.get("month", -1) + 1:
            return None  # "March and May" are two dates, not one period
        return Partial(start, end or None)

    # ------------------------------------------------------------------ scanning

    def matches(self, text: str, *, everywhere: bool = False) -> Iterator[tuple[DatePattern, Any]]:
        """Each pattern's ``finditer`` matches, run only in the windows of its anchors.

        ``everywhere`` scans the whole text instead: the reference the windows must
        equal (tests/test_dates_anchors.py).
        """
        size = len(text)
        for family in self.families:
            if everywhere:
                for pattern in family.patterns:
                    yield from ((pattern, m) for m in pattern.compiled.finditer(text))
                continue
            # A gate's candidates in a list of windows, found once for the patterns sharing both
            # (the windows of one kind of anchor are one list object): what gate.finditer tries.
            found: dict[tuple[int, int], list[list[int] | None]] = {}
            for pattern, windows in family.pattern_windows(text):
                gate, compiled = pattern.gate, pattern.compiled
                if gate is None:
                    for start, end in windows:
                        for m in held.finditer(compiled, text, start, min(size, end + PAD), end):
                            yield pattern, m
                    continue
                key = (id(gate), id(windows))
                starts = found.get(key)
                if starts is None:
                    starts = found[key] = [gate.starts(text, start, min(size, end + PAD), end)
                                           for start, end in windows]
                for (start, end), candidates in zip(windows, starts):
                    stop = min(size, end + PAD)
                    found_here = held.finditer(compiled, text, start, stop, end) if candidates is None \
                        else held.gated_finditer(compiled, text, candidates, start, stop)
                    for m in found_here:
                        yield pattern, m

    def scan(self, text: str, *, everywhere: bool = False) -> list[Found]:
        """Every date of ``text``: longest first without overlaps, then adjacent ones joined."""
        read: list[tuple[DatePattern, Any, Partial]] = []
        for pattern, m in self.matches(text, everywhere=everywhere):
            if m.end() <= m.start():
                continue
            partial = self._partial(pattern, m)
            if partial is not None:
                read.append((pattern, m, partial))
        # Exclusions are looked for only when some date could fall to them (their
        # ``applies_to`` meets its fields): an exclusion no date could fall to blocks nothing.
        fields = set().union(*(partial.fields for _, _, partial in read))
        blocked = self._excluded(text, fields)
        candidates: list[tuple[int, int, int, Found]] = []
        for pattern, m, partial in read:
            if _is_blocked(m.start(), m.end(), partial, blocked):
                continue
            found = Found(m.start(), m.end(), pattern.id, partial, pattern.style)
            candidates.append((-(m.end() - m.start()), m.start(), pattern.order, found))
        candidates.sort(key=lambda c: c[:3])
        kept: list[Found] = []
        taken = SpanSet()
        for *_, found in candidates:
            if taken.add_if_free(found.start, found.end):
                kept.append(found)
        kept.sort(key=lambda f: f.start)
        return self._joined(text, kept)

    def _excluded(self, text: str, fields: set[str] | None = None) -> list[tuple[int, int, frozenset[str]]]:
        """Spans of the exclusions that can block a date built from ``fields`` (default: all)."""
        return [(m.start(), m.end(), e.applies_to) for e in self.exclusions
                if fields is None or (fields and (not e.applies_to or e.applies_to & fields))
                for m in e.finditer(text)]

    def _joined(self, text: str, dates: list[Found]) -> list[Found]:
        """Adjacent dates separated by a range word become one range."""
        out: list[Found] = []
        i = 0
        while i < len(dates):
            a = dates[i]
            b = dates[i + 1] if i + 1 < len(dates) else None
            joined = self._join_pair(text, a, b) if b is not None else None
            if joined is not None:
                out.append(joined)
                i += 2
            else:
                out.append(a)
                i += 1
        return out

    def _join_pair(self, text: str, a: Found, b: Found) -> Found | None:
        if a.partial.end is not None or b.partial.end is not None or "hour" in a.partial.start \
                or "hour" in b.partial.start:
            return None
        gap = text[a.end:b.start]
        for join in self.joins:
            if not join.between.fullmatch(gap, None, None, False):
                continue
            start, end = a.start, b.end
            if join.require_before and join.before is not None \
                    and join.before.search(text[max(0, a.start - 20):a.start], None, None, False) is None:
                continue
            if join.after is not None:
                after = join.after.match(text, b.end, min(len(text), b.end + PAD), False)
                if after is not None:
                    end = after.end()
                elif join.require_after:
                    continue
            return Found(start, end, join.id, Partial(a.partial.start, b.partial.start))
        return None


def _whole_text_gate(source: str, compiled: Any, named: Mapping[str, list[str]]) -> LiteralGate | FindGate | None:
    """Where a pattern searched over the whole text (an anchor, an exclusion) can start: its
    literal gate, searched with ``str.find`` per literal (:class:`FindGate`) unless every
    literal begins with a digit (``re`` skips to the rare digits faster than a pass per
    literal). A pass per literal costs a few instructions a character, where the literal
    gate's one ``re`` pass stops at every letter that may begin one (the exclusions:
    3.3 -> 2.2 M instructions a seed)."""
    gate = LiteralGate.when_it_pays(source, compiled, named)
    if gate is None or all(p[0].isdigit() for p in gate.prefixes):
        return gate
    return FindGate.for_pattern(source, named) or gate


def _compile(pattern: str, where: str, **named_lists: list[str]) -> Any:
    """Compile with the word lists a pattern may use as ``\\L<name>``; errors name the source."""
    try:
        flags = case_flags(pattern, FLAGS, named_lists)  # no IGNORECASE where nothing is cased
        return regex_cache.compile(simple_case(pattern, flags), flags, ignore_unused=True, **named_lists)
    except (regex.error, ValueError) as err:
        raise PatternError(f"{where}: bad regex: {err}") from None


def _base(name: str) -> str:
    return name[:-4] if name.endswith("_end") else name


def _is_blocked(start: int, end: int, partial: Partial, blocked: Iterable[tuple[int, int, frozenset[str]]]) -> bool:
    fields = partial.fields
    return any(start < b_end and b_start < end and (not applies or applies & fields)
               for b_start, b_end, applies in blocked)
