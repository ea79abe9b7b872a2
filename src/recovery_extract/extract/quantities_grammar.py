"""Stage 3 helper: load and compile the quantity grammar (patterns/units + quantities).

The lexicons (unit surfaces, counters, approximation words) become regex pieces
(``{zh_unit}``, ``{zh_counter}``, ``{zh_before_approx}`` ...) that the patterns of
``quantities/patterns.yaml`` refer to by name; everything is compiled once here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import regex

from .numbers import NumberGrammar
from ..data.chars import is_cased
from ..data.lead_gate import LeadGate
from ..data.patterns import LiteralGate, PatternStore, compile_regex, expand, match_at, resolve_refs

UNITS = "units/units.yaml"
PATTERNS = "quantities/patterns.yaml"
APPROX = "quantities/approx.yaml"
EXCLUSIONS = "quantities/exclusions.yaml"
NUMBERS_EN = "numbers/numbers.en.yaml"
CURRENCIES = "units/currencies.tsv"
LANGS = ("zh", "en")
APPROX_LOOKAHEAD = 16  # how far past an approximation word its look-arounds read
_ONE_SPACE_RUN = regex.compile(r"(?:\\s[*+]){2,}")  # \s*\s+ in a unit surface's regex


@dataclass(frozen=True, slots=True)
class Surface:
    """One written form of a unit."""

    unit: str
    factor: float
    position: str  # after | before | both


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled pattern of quantities/patterns.yaml."""

    id: str
    compiled: Any
    lang: str | None = None
    unit: str | None = None
    needs: Any = None  # a regex every match contains: the rule is skipped on a text without it
    reach: int | None = None  # an exclusion's longest match: tried only that close to a quantity
    ends: UnitEnds | None = None  # a `before` rule: how its unit can end (None: any way)
    needs_literals: LiteralNeeds | None = None  # ``needs`` as literals, when it is an alternation of them
    needs_gate: LiteralGate | None = None  # where ``needs`` can match (its literal prefixes), otherwise
    lead_gate: LeadGate | None = None  # a whole-text exclusion: where it can start (before its words)

    def needed(self, text: str) -> bool:
        """Whether ``text`` holds what the rule ``needs`` (True for a rule without)."""
        if self.needs_literals is not None:
            return self.needs_literals.found(text)
        if self.needs_gate is not None:
            # tried only where one of its literal beginnings stands: .pdf|https?://|www\. under
            # IGNORECASE is tried by regex at every position (about 40 us a seed against 190)
            return next(self.needs_gate.finditer(self.needs, text), None) is not None
        return self.needs is None or self.needs.search(text, None, None, False) is not None

    def needed_in(self, text: str, pos: int, endpos: int) -> bool:
        """Whether ``text[pos:endpos]`` holds what the rule ``needs`` (True for a rule without):
        a windowed exclusion is skipped in a window without it, since each of its matches holds
        a match of ``needs`` (tests/test_quantities_needs.py) and lies inside the window."""
        if self.needs is None:
            return True
        if self.needs_literals is not None:
            return self.needs_literals.found(text, pos, endpos)
        return self.needs.search(text, pos, endpos, False) is not None

    def may_end(self, window: str) -> bool:
        """Whether a `before` rule (a unit, then spaces, then the end) can match ``window``."""
        return self.ends is None or self.ends.admits(window)


@dataclass(slots=True)
class QuantityGrammar:
    """Everything the quantity extractor matches with, compiled once."""

    numbers: NumberGrammar
    surfaces: dict[str, dict[str, Surface]] = field(default_factory=dict)   # lang -> lowered surface -> Surface
    counters: dict[str, frozenset[str]] = field(default_factory=dict)
    approx: dict[str, list[tuple[Any, str]]] = field(default_factory=dict)  # "zh.before" -> [(regex, meaning)]
    after: list[Rule] = field(default_factory=list)
    before: list[Rule] = field(default_factory=list)
    extra_numerals: list[Rule] = field(default_factory=list)
    exclusions: list[Rule] = field(default_factory=list)
    connectors: dict[str, Any] = field(default_factory=dict)
    articles: frozenset[str] = frozenset()
    share_fractions: frozenset[str] = frozenset()
    share_alone: frozenset[str] = frozenset()  # a share without a numerator: half
    share_before_of: frozenset[str] = frozenset()  # a share only before "of": a quarter of
    known_units: frozenset[str] = frozenset()
    currencies: frozenset[str] = frozenset()  # the units of dimension currency
    needs_approx: frozenset[str] = frozenset()
    suffix: dict[str, Any] = field(default_factory=dict)  # lang -> approximation word after a span
    before_approx: dict[str, Any] = field(default_factory=dict)  # lang -> regex ending at \Z
    scale_abbreviations: dict[str, float] = field(default_factory=dict)  # m, bn, k: after a number only
    scale_after: Any = None  # a multiplier right after a number that a currency precedes ($4.2M, CNY1 trillion)
    range_connectors: dict[str, Any] = field(default_factory=dict)  # lang -> what joins a range's two ends
    range_open: dict[str, Any] = field(default_factory=dict)  # lang -> word before a range's low end (between)
    no_range_before: dict[str, Any] = field(default_factory=dict)  # lang -> word making X to Y a change (from)
    range_change: dict[str, Any] = field(default_factory=dict)  # lang -> change verb before a low end with its unit
    rate: dict[str, Any] = field(default_factory=dict)  # lang -> the denominator of a rate after a quantity
    subunits: dict[str, Any] = field(default_factory=dict)  # lang -> tenths/hundredths after a money amount
    general_counter: str = ""  # 个, written before some unit surfaces (个月, 个百分点)
    tail_scale: Any = None  # the multiplier ending a range's high end (1.5-2万元, 5 to 10 million)
    tail_section: Any = None  # a Chinese multiplier of those inside a numeral
    partitive: Any = None  # between the part and the whole: "19 of the 27 cities"


def first_key(word: str) -> str:
    """What a word's first character is grouped by in :func:`_alternation`: the character up to
    case (``str.upper`` then ``str.lower`` joins K and the Kelvin sign, s and long s), any space
    as one.  tests/test_quantities_lexicon_groups.py checks that no character matches the first
    characters of two groups of the lexicons under the patterns' flags."""
    c = word[:1]
    return " " if c.isspace() else c.upper().lower()


def _piece(word: str, spaced: bool) -> str:
    """One word of :func:`_alternation`, escaped (spaced: optional spaces around $ and .)."""
    piece = regex.escape(word)
    if spaced:
        piece = piece.replace(r"\$", r"\s*\$").replace(r"\.", r"\s*\.\s*").replace(r"\ ", r"\s+")
        # One quantifier per space run: \s*\s* tries every split of a long run (u.s. $), and
        # a leading \s* ($) restarts a scan at every space (tests/test_backtracking.py). The
        # space before a unit is the patterns' own: `after` ones match it, `before` ones search.
        piece = _ONE_SPACE_RUN.sub(lambda m: r"\s+" if "+" in m.group() else r"\s*", piece)
        piece = piece.removeprefix(r"\s*")
    return piece


def _alternation(words: Iterable[str], spaced: bool = False) -> str:
    """Longest-first alternation of literal words (optional spaces around $ and . if spaced).

    The words are grouped by their first character (:func:`first_key`), longest first within
    a group, the groups in the order of their longest words.  Words of different groups never
    match at the same position, so the matches (and what backtracking tries) are those of the
    flat longest-first list; but ``regex`` tries one branch per group, not per word, where
    nothing matches (a unit after an English number: 14 -> 3 us).  Spaced words that begin
    with a letter share one lookbehind per group: "shuster $94,000" is not r$ (BRL).
    """
    groups: dict[str, list[str]] = {}
    # Ties broken alphabetically: the compiled pattern must not depend on the hash seed.
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        groups.setdefault(first_key(w), []).append(w)
    out = []
    for members in groups.values():
        pieces = [_piece(w, spaced) for w in members]
        body = pieces[0] if len(pieces) == 1 else "(?:" + "|".join(pieces) + ")"
        out.append((r"(?<![a-z])" if spaced and members[0][:1].isalpha() else "") + body)
    return "(?:" + "|".join(out) + ")" if out else "(?!)"


#: An alternation of literal words (escapes of punctuation only): ICP|备案号|许可证.
_LITERALS = regex.compile(r"(?:[^\\.^$*+?{}\[\]()|]|\\[^A-Za-z0-9])++(?:\|(?:[^\\.^$*+?{}\[\]()|]|\\[^A-Za-z0-9])++)*+")
_ESCAPED = regex.compile(r"\\(.)")


@dataclass(frozen=True, slots=True)
class LiteralNeeds:
    """A ``needs`` regex that is an alternation of literal words, searched in two parts.

    Under IGNORECASE ``regex`` tries every branch at every position (130 us a seed for
    the registration words); the case-free words (备案号, 许可证) match the same with or
    without the flag, so one stdlib ``re`` alternation finds them, and only the cased ones
    (ICP) go through ``regex`` with the pattern's flags.  Found by either = found by the whole.
    """

    caseless: Any  # re pattern, or None
    cased: Any  # regex pattern (the original flags), or None

    @staticmethod
    def of(compiled: Any) -> LiteralNeeds | None:
        """The split of a compiled ``needs`` pattern, or None when it is not literal words."""
        source = str(compiled.pattern).removeprefix("(?-f)")
        if not _LITERALS.fullmatch(source):
            return None
        words = [_ESCAPED.sub(r"\1", w) for w in source.split("|")]
        caseless = [w for w in words if not any(is_cased(c) for c in w)]
        cased = [w for w in words if any(is_cased(c) for c in w)]
        if cased and not compiled.flags & regex.IGNORECASE:
            caseless, cased = words, []  # matched exactly anyway
        return LiteralNeeds(
            re.compile("|".join(re.escape(w) for w in caseless)) if caseless else None,
            regex.compile(str(compiled.pattern)[:len(str(compiled.pattern)) - len(source)]
                          + "|".join(regex.escape(w) for w in cased), compiled.flags) if cased else None)

    def found(self, text: str, pos: int = 0, endpos: int | None = None) -> bool:
        end = len(text) if endpos is None else endpos
        return (self.caseless is not None and self.caseless.search(text, pos, end) is not None) or \
            (self.cased is not None and self.cased.search(text, pos, end, False) is not None)


def _ascii_letter(c: str) -> bool:
    return "a" <= c <= "z" or "A" <= c <= "Z"


@dataclass(frozen=True, slots=True)
class UnitEnds:
    r"""How the units of a `before` rule end: what a window must end with for it to match.

    A unit written before a number (``$``, ``港币``, ``USD``, ``rmb``) is followed only by
    spaces up to the number, so the window's last non-space character ends the unit: one
    of ``chars``, or, for a unit ending in ASCII letters, the window's last run of ASCII
    letters ends with the unit's (``runs``: lower case, matched case-insensitively;
    ``exact_runs``: the case-sensitive ISO codes).  ``str.rstrip`` strips every ``\s``
    of ``regex`` (and U+001C-001F, which no unit ends with).  A cased non-ASCII character
    (the Kelvin sign is a ``k`` under IGNORECASE) always passes.
    """

    chars: frozenset[str]
    runs: frozenset[str]
    exact_runs: frozenset[str]
    longest: int

    @staticmethod
    def of(folded: Iterable[str], exact: Iterable[str]) -> UnitEnds | None:
        """The ends of units matched case-insensitively (``folded``) and exactly; None when
        one ends in a way this does not model (a cased non-ASCII letter)."""
        chars: set[str] = set()
        runs: dict[bool, set[str]] = {True: set(), False: set()}
        for words, fold in ((folded, True), (exact, False)):
            for w in words:
                w = w.rstrip()
                if not w:
                    return None
                c = w[-1]
                if _ascii_letter(c):
                    i = len(w)
                    while i > 0 and _ascii_letter(w[i - 1]):
                        i -= 1
                    runs[fold].add(w[i:].lower() if fold else w[i:])
                elif is_cased(c) or c.isspace():
                    return None
                else:
                    chars.add(c)
        longest = max(map(len, runs[True] | runs[False]), default=0)
        return UnitEnds(frozenset(chars), frozenset(runs[True]), frozenset(runs[False]), longest)

    def admits(self, window: str) -> bool:
        """Whether ``window`` ends (spaces aside) the way one of the units does."""
        body = window.rstrip()
        if not body:
            return False
        c = body[-1]
        if not _ascii_letter(c):
            return c in self.chars or (not c.isascii() and is_cased(c))
        i = len(body) - 1
        while i > 0 and _ascii_letter(body[i - 1]):
            i -= 1
        if i > 0 and not body[i - 1].isascii() and is_cased(body[i - 1]):
            return True  # a letter that folds to an ASCII one may continue the run
        run = body[i:]
        low = run.lower()
        for k in range(1, min(len(run), self.longest) + 1):
            if low[-k:] in self.runs or run[-k:] in self.exact_runs:
                return True
        return False


# A `before` rule that is a unit alternation of pieces, then spaces and the end of the window:
# its matches end with a piece's last character (see Rule.may_end).
_UNIT_AT_END = regex.compile(r"\(\?P<unit>(?P<alts>\{\w+\}(?:\|\{\w+\})*)\)\\s\*\\Z")


def _fix_surface(surface: str) -> str:
    return surface.lower()


def load_grammar(store: PatternStore, numbers: NumberGrammar) -> QuantityGrammar:
    """Read the data files and compile the grammar."""
    g = QuantityGrammar(numbers=numbers)
    units = store.yaml(UNITS)["units"]
    g.known_units = frozenset(str(u) for u in units)
    g.currencies = frozenset(str(u) for u, v in units.items() if (v or {}).get("dimension") == "currency")
    pieces = dict(numbers.pieces)
    data = store.yaml(PATTERNS)
    g.general_counter = ge = str(data["general_counter"])
    for lang in LANGS:
        table: dict[str, Surface] = {}
        for row in store.tsv(f"units/surfaces.{lang}.tsv"):
            table[_fix_surface(row["surface"])] = Surface(row["unit"], float(row["factor"] or 1), row["position"] or "after")
        g.surfaces[lang] = table
    zh, en = g.surfaces["zh"], g.surfaces["en"]
    after_zh = [s for s, v in zh.items() if v.position in ("after", "both")]
    pieces["zh_unit"] = _alternation(s for s in after_zh if not s.startswith(ge))
    pieces["zh_ge_unit"] = _alternation(s[len(ge):] for s in after_zh if s.startswith(ge))
    pieces["zh_currency_before"] = _alternation(s for s, v in zh.items() if v.position in ("before", "both"))
    pieces["en_unit"] = _alternation((s for s, v in en.items() if v.position in ("after", "both")), spaced=True)
    pieces["en_currency_before"] = _alternation((s for s, v in en.items() if v.position in ("before", "both")),
                                                spaced=True)
    # ISO 4217 codes, upper case only (ALL, TOP, CUP are words in lower case): USD2.7 million, 500 EUR
    rows = store.tsv(CURRENCIES)
    codes = [row["code"] for row in rows]
    # a code that is an English word in capitals (ALL 5 solutions, TOP 10) is a unit only by name
    written = [row["code"] for row in rows if not row.get("word")]
    g.known_units |= frozenset(codes)
    g.currencies |= frozenset(codes)
    code_piece = "(?-i:(?<![A-Za-z])(?:" + "|".join(sorted(written, key=lambda c: (-len(c), c))) + "))"
    pieces["en_unit"] = f"(?:{pieces['en_unit']}|{code_piece})"
    pieces["en_currency_before"] = f"(?:{pieces['en_currency_before']}|{code_piece})"
    # the units each piece is made of, matched case-insensitively and exactly (Rule.may_end)
    piece_units: dict[str, tuple[list[str], list[str]]] = {
        "zh_currency_before": ([s for s, v in zh.items() if v.position in ("before", "both")], []),
        "en_currency_before": ([s for s, v in en.items() if v.position in ("before", "both")], written),
    }
    for code in written:
        en.setdefault(code.lower(), Surface(code, 1.0, "both"))
    g.counters["zh"] = frozenset(r["counter"] for r in store.tsv("units/counters.zh.tsv"))
    pieces["zh_counter"] = _alternation(g.counters["zh"])
    numbers_en = store.yaml(NUMBERS_EN)
    pieces["en_stop"] = _alternation(str(w) for w in data.get("en_stop") or ())
    g.scale_abbreviations = {str(k).lower(): float(v) for k, v in (numbers_en.get("scale_abbreviations") or {}).items()}
    scales = sorted({*numbers.en.scales, *g.scale_abbreviations}, key=len, reverse=True)
    pieces["en_scale"] = "(?:" + "|".join(regex.escape(s) for s in scales) + r")\b"
    approx = store.yaml(APPROX)
    for lang in LANGS:
        for position in ("before", "inside", "after"):
            by_meaning = (approx.get(lang) or {}).get(position) or {}
            alts: list[str] = []
            entries: list[tuple[Any, str]] = []
            for meaning, words in by_meaning.items():
                for w in words:
                    alts.append(str(w))
                    entries.append((compile_regex(str(w), f"{APPROX}: {lang}.{position}.{meaning}"), str(meaning)))
            pieces[f"{lang}_{position}_approx"] = "(?:" + "|".join(alts) + ")" if alts else "(?!)"
            g.approx[f"{lang}.{position}"] = entries
    g.before_approx = {
        "zh": compile_regex(f"(?P<approx>{pieces['zh_before_approx']})\\s*(?=\\S\\Z)", f"{APPROX}: zh.before"),
        "en": compile_regex(f"\\b(?P<approx>{pieces['en_before_approx']})\\s+(?=\\S\\Z)", f"{APPROX}: en.before"),
    }
    pieces.update({str(k): str(v) for k, v in (data.get("pieces") or {}).items()})
    pieces = resolve_refs(pieces, PATTERNS)

    def rule(raw: dict[str, Any], where: str) -> Rule:
        body = expand(str(raw["regex"]), pieces, f"{where}: {raw['id']}")
        unit = raw.get("unit")
        if unit is not None and unit not in g.known_units:
            raise ValueError(f"{where}: {raw['id']}: unknown unit {unit!r}")
        needs = compile_regex(str(raw["needs"]), f"{where}: {raw['id']}: needs") if raw.get("needs") else None
        reach = raw.get("reach")
        if reach is not None and (isinstance(reach, bool) or not isinstance(reach, int) or reach < 1):
            raise ValueError(f"{where}: {raw['id']}: reach must be a positive integer, not {reach!r}")
        shape = _UNIT_AT_END.fullmatch(str(raw["regex"]))
        names = regex.findall(r"\w+", shape.group("alts")) if shape else []
        ends = UnitEnds.of([w for n in names for w in piece_units[n][0]], [w for n in names for w in piece_units[n][1]]) \
            if names and all(n in piece_units for n in names) else None
        literal_needs = LiteralNeeds.of(needs) if needs is not None else None
        needs_gate = LiteralGate.when_it_pays(str(raw["needs"]), needs) \
            if needs is not None and literal_needs is None else None
        compiled = compile_regex(body, f"{where}: {raw['id']}")
        lead_gate = LeadGate.of(compiled) if where == EXCLUSIONS and reach is None else None
        return Rule(str(raw["id"]), compiled, raw.get("lang"), unit, needs,
                    reach, ends, literal_needs, needs_gate, lead_gate)

    g.suffix = {lang: compile_regex(pieces[f"{lang}_suffix"], f"{PATTERNS}: {lang}_suffix") for lang in LANGS}
    g.after = [rule(r, PATTERNS) for r in data.get("after") or ()]
    g.before = [rule(r, PATTERNS) for r in data.get("before") or ()]
    g.extra_numerals = [rule(r, PATTERNS) for r in data.get("extra_numerals") or ()]
    g.exclusions = [rule(r, EXCLUSIONS) for r in store.yaml(EXCLUSIONS).get("exclusions") or ()]
    g.connectors = {lang: compile_regex(str(rx), f"{PATTERNS}: connectors.{lang}")
                    for lang, rx in (data.get("connectors") or {}).items()}
    g.articles = frozenset(str(a).lower() for a in data.get("article_numerals") or ())
    g.needs_approx = frozenset(str(a) for a in data.get("needs_approx") or ())
    g.share_fractions = frozenset(str(a).lower() for a in data.get("en_share_fractions") or ())
    g.share_alone = frozenset(str(a).lower() for a in data["en_share_alone"])
    g.share_before_of = frozenset(str(a).lower() for a in data["en_share_before_of"])
    g.scale_after = compile_regex(r"(?<![^\S\n])[^\S\n]*+(?P<multiplier>" + pieces["en_scale"] + r")(?![\w$])",
                                  f"{NUMBERS_EN}: scale_abbreviations")
    tails = data["tail_scales"]
    section = "[" + "".join(regex.escape(str(c)) for c in tails["zh"]) + "]"
    scale_words = "|".join(regex.escape(str(w)) for w in tails["en"])
    g.tail_scale = compile_regex(f"(?:(?<!{section}){section}+|(?<!\\s)\\s+(?:{scale_words}))\\Z",
                                 f"{PATTERNS}: tail_scales")
    g.tail_section = compile_regex(section, f"{PATTERNS}: tail_scales.zh")
    g.partitive = compile_regex(str(data["partitive"]), f"{PATTERNS}: partitive")
    ranges = data.get("ranges") or {}
    for key, target in (("connectors", g.range_connectors), ("open", g.range_open),
                        ("not_after", g.no_range_before), ("change", g.range_change)):
        for lang, rx in (ranges.get(key) or {}).items():
            target[lang] = compile_regex(expand(str(rx), pieces, PATTERNS), f"{PATTERNS}: ranges.{key}.{lang}")
    for lang, rx in (data.get("subunits") or {}).items():
        if lang in LANGS:
            g.subunits[lang] = compile_regex(expand(str(rx), pieces, PATTERNS), f"{PATTERNS}: subunits.{lang}")
    for lang, rx in (data.get("rates") or {}).items():
        g.rate[lang] = compile_regex(expand(str(rx), pieces, PATTERNS), f"{PATTERNS}: rates.{lang}")
    return g


def approx_meaning(g: QuantityGrammar, key: str, text: str, start: int, end: int) -> str | None:
    """The meaning (more_than, less_than, about) of the approximation word ``text[start:end]``.

    Matched in place, so the words' own look-arounds (上 only before 百千万亿) hold.
    """
    if start >= end:
        return None
    for compiled, meaning in g.approx.get(key, ()):
        m = match_at(compiled, text, start, end - start + APPROX_LOOKAHEAD)
        if m and m.end() == end:
            return meaning
    return None
