"""Stage 3 - extract: dates. Which date the page presents as its own publication date.

Every date of the page's head and foot that names a day (or a month, next to a
label) is a :class:`Candidate`; ``patterns/dates/published.yaml`` gives the
named features (a label before it, a source on its line, a wire dateline, a
photo caption, a link list ...) and their points. The best candidate of the
best tier wins (full dates, then month-only, then year-less datelines), and it
takes the printed time of a same-day stamp of its meta block. The features of
every candidate are kept, so :func:`explain_published` can say why one won.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from ..data.patterns import LiteralGate, PatternStore, compile_regex
from ..errors import PatternError
from .date_parts import Partial
from .dates_grammar import Found

_POINT_FIELDS = frozenset({"year", "month", "day", "hour", "minute", "second", "pm"})
_ROC_OFFSET = 1911  # ROC year 1 = 1912
_REL = "dates/published.yaml"
_REACH = 200
_FILLER_CLASS = 64  # the filler's class of separators (spaces, bars, brackets) read as characters


@dataclass(frozen=True, slots=True)
class Feature:
    """One named, data-given feature: where it looks, its regex and its points."""

    id: str
    score: int
    where: str  # before | after | line | prev_line | next_lines
    compiled: Any
    lines: int = 1
    allows_no_year: bool = False
    allows_month: bool = False

    def present(self, text: str) -> bool:
        """Whether the feature's regex matches somewhere in ``text``."""
        return self.compiled.search(text, None, None, False) is not None  # keeps the GIL: data/held_matches


@dataclass(frozen=True, slots=True)
class Candidate:
    """A date that could be the page's own, with the features it has and their points."""

    found: Found
    tier: int  # 1 full date, 2 month only, 3 year-less (lower is better)
    score: int
    features: tuple[tuple[str, int], ...]
    eligible: bool
    stamp: bool = False

    @property
    def timed(self) -> bool:
        return "hour" in self.found.partial.start


@dataclass(frozen=True, slots=True)
class Choice:
    """The winning candidate, and the same-day stamp whose time it takes (if any)."""

    winner: Candidate
    time_from: Candidate | None = None
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)

    @property
    def line(self) -> Candidate:
        """The candidate whose value is the publication date (with the time, if any)."""
        return self.time_from or self.winner


class DatelinePicker:
    """Scores candidate dates; built once from ``dates/published.yaml``."""

    def __init__(self, store: PatternStore) -> None:
        data = store.yaml(_REL)
        self.head_chars = int(data.get("head_chars", 1500))
        self.foot_chars = int(data.get("foot_chars", 0))
        self.min_score = int(data.get("min_score", 2))
        self.prose_chars = int(data.get("prose_chars", 90))
        self.dateline_chars = int(data.get("dateline_chars", 40))
        self.filler = compile_regex(f"(?:{data['filler']})*", f"{_REL}: filler")
        self.trailing_filler = compile_regex(f"(?:{data['filler']})*$", f"{_REL}: filler")
        # Where a filler unit can start: the trailing run of filler starts at one of them
        # or at the end (see :meth:`tail_start`).
        self.filler_gate = LiteralGate.for_pattern(f"(?:{data['filler']})", class_max=_FILLER_CLASS)
        self.shapes: dict[str, Mapping[str, Any]] = {str(k): v for k, v in (data.get("shapes") or {}).items()}
        self.features = tuple(self._feature(f) for f in data.get("features") or [])
        self.stamp_features = tuple(self._feature(f) for f in data.get("stamp_features") or [])
        self.stamps = tuple((str(s["id"]), compile_regex(str(s["regex"]), f"{_REL}: {s['id']}"))
                            for s in data.get("stamps") or [])
        self.dateline_agrees = int(data.get("dateline_agrees", 0))

    @staticmethod
    def _feature(raw: Mapping[str, Any]) -> Feature:
        where = next((k for k in ("before", "after", "line", "prev_line", "next_lines") if raw.get(k)), None)
        if where is None:
            raise PatternError(f"{_REL}: {raw.get('id')}: a feature needs before, after, line, prev_line or next_lines")
        source, name = str(raw[where]), f"{_REL}: {raw['id']}"
        return Feature(id=str(raw["id"]), score=int(raw.get("score", 1)), where=where,
                       compiled=compile_regex(source, name),
                       lines=int(raw.get("lines", 1)), allows_no_year=bool(raw.get("allows_no_year")),
                       allows_month=bool(raw.get("allows_month")))

    def tail_start(self, before: str) -> int:
        """Where the run of filler that ends ``before`` starts: ``trailing_filler.search``'s
        start (``(?:filler)*$`` always matches, if only at the end).

        That search tries every position of up to 200 characters; the leftmost match starts
        where a filler unit starts or where ``$`` holds, so only those are tried, in order."""
        starts = self.filler_gate.starts(before) if self.filler_gate is not None else None
        if starts is None:
            tail = self.trailing_filler.search(before, None, None, False)
            return tail.start() if tail else len(before)
        size = len(before)
        ends = [size - 1, size] if before.endswith("\n") else [size]
        for i in sorted({*starts, *ends}):
            tail = self.trailing_filler.match(before, i, size, False)
            if tail is not None:
                return int(tail.start())
        return size

    def shape_score(self, name: str) -> int:
        return int((self.shapes.get(name) or {}).get("score", 0))

    # ------------------------------------------------------------------ candidates

    def stamps_in(self, text: str) -> list[Found]:
        """Publication-only stamps (ROC calendar) in the head and foot, as dates."""
        out: list[Found] = []
        foot = max(0, len(text) - self.foot_chars)
        regions = [(0, min(len(text), self.head_chars + _REACH))] + ([(foot, len(text))] if foot > self.head_chars else [])
        for rule, compiled in self.stamps:
            for m in (m for lo, hi in regions for m in compiled.finditer(text, lo, hi, False, False)):
                if not self._in_reach(text, m.start()):
                    continue
                groups = m.groupdict()
                try:
                    year = int(groups["roc_year"]) + _ROC_OFFSET
                    partial = Partial({"year": year, "month": int(groups["month"]), "day": int(groups["day"])})
                except (KeyError, TypeError, ValueError):
                    continue
                out.append(Found(m.start(), m.end(), rule, partial, "stamp"))
        return out

    def _in_reach(self, text: str, start: int) -> bool:
        return start < self.head_chars or start >= len(text) - self.foot_chars

    def candidates(self, text: str, dates: Sequence[Found], *, eligible_only: bool = False) -> list[Candidate]:
        """Every date in reach with its features (ineligible ones too, for explain).

        ``eligible_only`` leaves out the month-only and year-less dates that no feature
        allows: they can neither win, give their time, stand between two stamps (full
        dates only) nor agree with a full date (eligible datelines only), so
        :meth:`choose` picks the same date without scoring them."""
        taken = [(f.start, f.end) for f in dates]
        # A stamp may hold a date the grammar read without its ROC year (民国113年[1月23日]).
        stamps = [s for s in self.stamps_in(text)
                  if not any(a < s.end and s.start < b and not (s.start <= a and b <= s.end) for a, b in taken)]
        line_starts = _line_starts(text, [f for f in dates if self._in_reach(text, f.start)])
        out: list[Candidate] = []
        for found in sorted([*dates, *stamps], key=lambda f: f.start):
            if not self._in_reach(text, found.start):
                continue
            cand = self.score(text, found, line_starts, stamp=found.style == "stamp", eligible_only=eligible_only)
            if cand is not None:
                out.append(cand)
        return self._agreement(out)

    def _agreement(self, cands: list[Candidate]) -> list[Candidate]:
        """A full date the story's year-less dateline agrees with gets ``dateline_agrees``."""
        if not self.dateline_agrees:
            return cands
        datelines = [c.found.partial.start for c in cands if c.tier == 3 and c.eligible]
        out = []
        for c in cands:
            f = c.found.partial.start
            if c.tier == 1 and any(d.get("day") == f.get("day") and d.get("month", f.get("month")) == f.get("month")
                                   for d in datelines):
                c = replace(c, score=c.score + self.dateline_agrees,
                            features=(*c.features, ("dateline_agrees", self.dateline_agrees)))
            out.append(c)
        return out

    def score(self, text: str, found: Found, line_starts: Mapping[int, tuple[int | None, ...]] | None = None,
              *, stamp: bool = False, eligible_only: bool = False) -> Candidate | None:
        """One date's features and points; None if it cannot be a page date at all (or, with
        ``eligible_only``, if it is a month-only or year-less date no feature allows)."""
        partial = found.partial
        fields = set(partial.start)
        if partial.end is not None or not fields <= _POINT_FIELDS or "month" not in fields:
            return None
        has_day, has_year = "day" in fields, "year" in fields
        if not has_day and not has_year:
            return None
        tier = 1 if has_day and has_year else (2 if has_year else 3)
        ls = text.rfind("\n", 0, found.start) + 1
        le = text.find("\n", found.end)
        le = len(text) if le < 0 else le
        # A line is read at most `_REACH` characters either side of the date (minified pages
        # have lines of 100 000 characters; no feature needs more).
        cs, ce = max(ls, found.start - _REACH), min(le, found.end + _REACH)
        before, after, line = text[cs:found.start], text[found.end:ce], text[cs:ce]
        features = (*self.features, *(self.stamp_features if stamp else ()))
        context = {"before": before, "after": after, "line": line}
        trimmed: str | None = None
        hits: dict[int, bool] = {}  # by id(feature)

        def has(feature: Feature) -> bool:
            nonlocal trimmed
            hit = hits.get(id(feature))
            if hit is None:
                hit = self._hit(feature, text, context, ls, le)
                if not hit and feature.where == "before":
                    if trimmed is None:
                        trimmed = before[:self.tail_start(before)]
                    hit = trimmed != before and feature.present(trimmed)
                hits[id(feature)] = hit
            return hit

        if eligible_only and tier > 1 and not any(
                has(f) for f in features if (f.allows_month if tier == 2 else f.allows_no_year)):
            return None
        feats: list[tuple[str, int]] = []
        ok_no_year = ok_month = False
        bare_before = self.filler.fullmatch(before, None, None, False) is not None
        bare_after = self.filler.fullmatch(after, None, None, False) is not None
        if bare_before and bare_after:
            feats.append(("alone", self.shape_score("alone")))
        if "hour" in fields:
            feats.append(("timed", self.shape_score("timed")))
        if found.style in ("numeric", "timestamp", "stamp"):
            feats.append(("numeric", self.shape_score("numeric")))
        top_lines = int((self.shapes.get("top") or {}).get("lines", 0))
        if top_lines and _line_index(text, ls) < top_lines:
            feats.append(("top", self.shape_score("top")))
        if len(line.strip()) > self.prose_chars and len(before.strip()) > self.dateline_chars:
            feats.append(("prose", self.shape_score("prose")))
        if bare_before and line_starts and _in_list(text, ls, le, line_starts):
            feats.append(("list", self.shape_score("list")))
        for feature in features:
            if has(feature):
                feats.append((feature.id, feature.score))
                ok_no_year = ok_no_year or feature.allows_no_year
                ok_month = ok_month or feature.allows_month
        eligible = (tier == 1 or (tier == 2 and ok_month) or (tier == 3 and ok_no_year))
        return Candidate(found, tier, sum(s for _, s in feats), tuple(feats), eligible, stamp)

    @staticmethod
    def _hit(feature: Feature, text: str, context: Mapping[str, str], ls: int, le: int) -> bool:
        if feature.where in context:
            return feature.present(context[feature.where])
        if feature.where == "prev_line":
            prev = _neighbour_lines(text, ls, le, -1, 1)
            return bool(prev) and feature.present(prev[0])
        return any(feature.present(x) for x in _neighbour_lines(text, ls, le, 1, feature.lines))

    # ------------------------------------------------------------------ choice

    def choose(self, text: str, dates: Sequence[Found], *, all_candidates: bool = True) -> Choice | None:
        """The page's own date among ``dates`` (and stamps), or None; ``all_candidates=False``
        scores only the candidates that can matter (same choice, fewer in ``candidates``)."""
        cands = self.candidates(text, dates, eligible_only=not all_candidates)
        good = [c for c in cands if c.eligible and c.score >= self.min_score]
        if not good:
            return None
        tier = min(c.tier for c in good)
        winner = max((c for c in good if c.tier == tier), key=lambda c: (c.score, -c.found.start))
        return Choice(winner, self._time_source(winner, good, cands), tuple(cands))

    def pick(self, text: str, dates: Sequence[Found]) -> Found | None:
        """The date line among ``dates`` (in text order), or None (a stamp is returned too)."""
        choice = self.choose(text, dates, all_candidates=False)
        return choice.line.found if choice else None

    @staticmethod
    def _time_source(winner: Candidate, good: Sequence[Candidate], cands: Sequence[Candidate]) -> Candidate | None:
        """A same-day stamp with a printed time in the winner's meta block (no other full date between)."""
        if winner.timed or winner.tier != 1:
            return None
        day = _day_of(winner)
        for c in good:
            if not c.timed or c.tier != 1 or _day_of(c) != day:
                continue
            lo, hi = sorted((winner.found.start, c.found.start))
            between = [o for o in cands if o.tier == 1 and lo < o.found.start < hi and _day_of(o) != day]
            if not between:
                return c
        return None


def _day_of(c: Candidate) -> tuple[int | None, ...]:
    f = c.found.partial.start
    return f.get("year"), f.get("month"), f.get("day")


def _line_index(text: str, line_start: int, stop: int = 50) -> int:
    """How many non-empty lines stand before the line starting at ``line_start`` (counted up to ``stop``)."""
    count, pos = 0, 0
    while pos < line_start and count < stop:
        end = text.find("\n", pos, line_start)
        end = line_start if end < 0 else end
        count += bool(text[pos:end].strip())
        pos = end + 1
    return count


def _neighbour_lines(text: str, ls: int, le: int, step: int, count: int) -> list[str]:
    """Up to ``count`` non-empty lines before (step -1) or after (step 1) the line [ls, le)."""
    out: list[str] = []
    if step < 0:
        pos = ls - 1
        while pos > 0 and len(out) < count:
            start = text.rfind("\n", 0, pos) + 1
            if text[start:pos].strip():
                out.append(text[max(start, pos - _REACH):pos])
            pos = start - 1
    else:
        pos = le + 1
        while pos < len(text) and len(out) < count:
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            if text[pos:end].strip():
                out.append(text[pos:min(end, pos + _REACH)])
            pos = end + 1
    return out


def _line_starts(text: str, dates: Sequence[Found]) -> dict[int, tuple[int | None, ...]]:
    """Start offsets of lines that open with a date (after bullets and spaces), with that date's day."""
    out: dict[int, tuple[int | None, ...]] = {}
    for f in dates:
        ls = text.rfind("\n", 0, f.start) + 1
        p = f.partial.start
        if f.partial.end is None and "day" in p and "year" in p and ls not in out and not text[ls:f.start].strip(" \t-•·*>|"):
            out[ls] = (p.get("year"), p.get("month"), p.get("day"))
    return out


def _in_list(text: str, ls: int, le: int, line_starts: Mapping[int, tuple[int | None, ...]]) -> bool:
    """Whether the previous or next non-empty line opens with a different date (a list, not a
    stamp printed twice)."""
    own = line_starts.get(ls)
    for step in (-1, 1):
        if step < 0:
            pos = ls - 1
            while pos > 0:
                start = text.rfind("\n", 0, pos) + 1
                if text[start:pos].strip():
                    if start in line_starts and line_starts[start] != own:
                        return True
                    break
                pos = start - 1
        else:
            pos = le + 1
            while pos < len(text):
                end = text.find("\n", pos)
                end = len(text) if end < 0 else end
                if text[pos:end].strip():
                    if pos in line_starts and line_starts[pos] != own:
                        return True
                    break
                pos = end + 1
    return False


class _DateFinder(Protocol):
    """What :func:`explain_published` needs of the date extractor."""

    @property
    def grammar(self) -> Any: ...

    @property
    def dateline(self) -> DatelinePicker: ...


class _Mapped(Protocol):
    """A normalised text that maps its offsets back to the original."""

    text: str
    original: str

    def to_original(self, start: int, end: int) -> tuple[int, int]: ...


def explain_published(dates: _DateFinder, norm: _Mapped) -> list[str]:
    """For ``explain()``: the publication date's winner, its time source, and every candidate
    with its features and points (spans on the original text)."""
    text = norm.text
    found = dates.grammar.scan(text)
    picker = dates.dateline
    choice = picker.choose(text, found)
    cands = choice.candidates if choice else tuple(picker.candidates(text, found))
    if choice is None:
        head = "publication date: none (no candidate of an allowed tier reaches " \
               f"min_score {picker.min_score})"
    else:
        w = choice.winner
        head = f"publication date: candidate [{_span(norm, w)}] wins (tier {w.tier}, score {w.score})"
        if choice.time_from is not None:
            head += f"; its time comes from the same-day stamp [{_span(norm, choice.time_from)}]"
    lines = [head]
    for c in cands:
        mark = "*" if choice and c is choice.winner else ("t" if choice and c is choice.time_from else "-")
        feats = ", ".join(f"{name} {score:+d}" for name, score in c.features) or "no feature"
        state = "" if c.eligible else " (not eligible: no feature allows this tier)"
        start, end = norm.to_original(c.found.start, c.found.end)
        lines.append(f"  {mark} [{start}:{end}] {norm.original[start:end]!r} tier={c.tier} "
                     f"score={c.score}{state}: {feats}")
    return lines


def _span(norm: _Mapped, c: Candidate) -> str:
    start, end = norm.to_original(c.found.start, c.found.end)
    return f"{start}:{end} {norm.original[start:end]!r}"
