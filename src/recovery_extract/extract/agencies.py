"""Stage 3/4 - agencies. Reads TextView; writes Mention(kind="agency").

``find`` runs the grammars of ``patterns/agencies/`` (see
:class:`~.agencies_grammar.Grammar`: the gazetteer and the body lexicon fill the
named lists; each pattern matches as if run alone) in windows around anchor
words, and codes a body from the place in its own name (济南市工信局 -> 370100).
``resolve`` codes the rest from the document: a level word (省, 市, Provincial,
of the Autonomous Region, the city's) points at the main region's province,
city or county; a body with no place at all belongs to the main region;
national bodies stay null.  ``name`` is the canonical simplified name.
"""

from __future__ import annotations

import threading
from typing import Any, ClassVar

import regex

from ..data.codes import is_division
from ..data.gazetteer import Gazetteer
from ..data.prefix_gate import PrefixGate, literal_prefixes, prefix_gate
from ..data.word_index import WordIndex, gated_finditer
from .spans import keep_disjoint, windows_around
from ..data.patterns import FLAGS, PatternStore, compile_regex
from .agencies_grammar import Grammar
from .agencies_names import AgencyNamer, Lexicon
from .base import DocumentContext, Mention, TextView
from .regions_rules import PLAIN, RegionRules

ZH_GRAMMAR = "agencies/patterns.zh.yaml"
EN_GRAMMAR = "agencies/patterns.en.yaml"
NAMES = "agencies/names.yaml"
# How far a name starts before its anchor word, and ends after it (characters).
ZH_REACH = (40, 12)
EN_REACH = (160, 160)
# Characters of the anchors' literal beginnings found with str.find: long enough that a hit is
# nearly always an anchor (with 3, "sta" and "com" hit three times as often as the anchor matches).
GATE_PREFIX = 8
POSSESSIVE = compile_regex(r"(?:the\s+)?(?P<level>autonomous\s+region|province|city|county|region)['’]s\s+$",
                           "agencies: possessive")


class AgencyExtractor:
    """Named government and party bodies, linked to the code of their jurisdiction."""

    kind: ClassVar[str] = "agency"

    def __init__(self, store: PatternStore, *, eager: bool = True) -> None:
        self.store = store
        self.gaz = Gazetteer.load(store)
        names = store.yaml(NAMES)
        self.place_levels = {str(k): str(v) for k, v in names["place_levels"].items()}
        self.en_level_words = frozenset(str(w) for w in names["en_level_words"])
        self.ministry_suffix = str(names["ministry_suffix"])
        rules = RegionRules.load(store)
        self.city_suffix = rules.city_suffix
        self.lex = Lexicon.load(store)
        self.namer = AgencyNamer(self.gaz, self.lex)
        zh_regions = [s for s, es in self.gaz.zh.items()
                      if len(s) >= 2 and s not in rules.zh_never_bare and any(is_division(e.code) for e in es)]
        en_regions = [s for s, es in self.gaz.en.items()
                      if s not in rules.en_never_bare and any(is_division(e.code) for e in es)]
        zh = store.yaml(ZH_GRAMMAR)
        en = store.yaml(EN_GRAMMAR)
        self.en_levels = {str(k).casefold(): str(v) for k, v in (en.get("levels") or {}).items()}
        self._lists = {
            "zh": dict(region_zh=zh_regions, body_zh=list(self.lex.bodies_zh),
                       national_zh=list(self.lex.national_zh), topic_zh=[str(t) for t in zh["topics"]]),
            "en": dict(region_en=en_regions, body_en=list(self.lex.bodies_en), national_en=list(self.lex.national_en)),
        }
        # The two grammars (the gazetteer inside each) are the costliest regexes to compile:
        # each is built when a text first needs it, so a run over English text never compiles
        # the Chinese one.  A custom patterns folder is compiled at once, so that its errors
        # surface in Pipeline().
        self._grammars: dict[str, Grammar] = {}
        self._lock = threading.Lock()
        if eager:
            self._grammar("zh")
            self._grammar("en")
        # Every agency name holds one of these words, or is a national name (证监会, 海关总署):
        # the grammars run only in windows around them.
        self._zh_anchor, self._zh_gate = _anchor(str(zh["anchor"]), list(self.lex.national_zh), ZH_GRAMMAR, PLAIN)
        self._en_anchor, self._en_gate = _anchor(str(en["anchor"]), list(self.lex.national_en), EN_GRAMMAR, FLAGS)
        acronyms = list(self.lex.national_acronyms)
        self._acronyms = compile_regex(r"(?<![\w.])\L<acr>(?![\w])", "agencies: acronyms", flags=PLAIN,
                                       acr=acronyms) if acronyms else None
        # Tried only where an acronym may start (regex tries the list at every character).
        self._acronym_starts = WordIndex(acronyms)

    def _grammar(self, lang: str) -> Grammar:
        """The compiled grammar of one language (built on first use; thread-safe)."""
        grammar = self._grammars.get(lang)
        if grammar is None:
            with self._lock:
                grammar = self._grammars.get(lang)
                if grammar is None:
                    if lang == "zh":
                        grammar = Grammar(self.store.yaml(ZH_GRAMMAR), ZH_GRAMMAR, PLAIN, r"(?=\p{Han})",
                                          lists=self._lists["zh"])
                    else:
                        # English names start at a word start: the guard keeps named lists from being
                        # tried mid-word.
                        grammar = Grammar(self.store.yaml(EN_GRAMMAR), EN_GRAMMAR, FLAGS, r"(?<![\w'’‘-])(?=\w)",
                                          word_start=True, lists=self._lists["en"])
                    self._grammars[lang] = grammar
        return grammar

    # ---------------------------------------------------------------- find
    def find(self, view: TextView) -> list[Mention]:
        """Every agency name, coded from its own place name where it has one."""
        return self.scan(view.text)

    def scan(self, text: str, *, everywhere: bool = False) -> list[Mention]:
        """The agency names of a normalised text.

        Every name holds an anchor word (局, 厅, Bureau ...) and starts at most ``before``
        characters ahead of it, so the grammars are tried only at positions in
        ``[anchor start - before, anchor end)`` and read at most ``after`` past the anchor.
        ``everywhere``: every position of the text, the reference that
        tests/test_agencies_anchors.py compares with.
        """
        found: list[Mention] = []
        for start, end, endpos in self._windows(self._zh_anchor, text, ZH_REACH, everywhere, self._zh_gate):
            grammar = self._grammar("zh")
            for rule, matches in zip(grammar.ids, grammar.finditer(text, start, end, endpos)):
                found.extend(self._zh_mention(rule, m) for m in matches)
        for start, end, endpos in self._windows(self._en_anchor, text, EN_REACH, everywhere, self._en_gate):
            grammar = self._grammar("en")
            for rule, matches in zip(grammar.ids, grammar.finditer(text, start, end, endpos)):
                for m in matches:
                    mention = self._en_mention(rule, m, text)
                    if mention is not None:
                        found.append(mention)
        if self._acronyms is not None:
            for m in gated_finditer(self._acronyms, text, self._acronym_starts.starts(text)):
                found.append(Mention(self.kind, m.start(), m.end(), "agencies.en.acronym", None,
                                     {"national": True, "name": self.lex.national_acronyms[m.group()]}))
        return _longest(found)

    @staticmethod
    def _windows(anchor: Any, text: str, reach: tuple[int, int], everywhere: bool,
                 gate: PrefixGate | None = None) -> list[tuple[int, int, int]]:
        """``(start, end, endpos)``: where names may start, and how far they may be read.  The
        anchor is tried only where the gate finds one of its literal beginnings."""
        size = len(text)
        if everywhere:
            return [(0, size, size)]
        before, after = reach
        hits = gate.starts(text) if gate is not None else None
        found = anchor.finditer(text) if hits is None else gated_finditer(anchor, text, hits)
        spans = [(m.start(), m.end()) for m in found]
        return [(start, end, min(size, end + after)) for start, end in windows_around(spans, size, before, 0)]

    def _zh_mention(self, rule: str, m: Any) -> Mention:
        g = m.groupdict()
        attrs: dict[str, Any] = {"lang": "zh", "groups": {k: v for k, v in g.items() if v}}
        if g.get("national"):
            attrs["national"] = True
        place = g.get("place") or ""
        if place:
            region, level = _split_place(place, self.gaz, self.place_levels)
            attrs["candidates"] = region
            attrs["level"] = level
        elif rule == "agencies.zh.department" and g.get("suffix") == self.ministry_suffix:
            attrs["national"] = True  # <body>部 with no place: a ministry (工信部, 商务部)
        value = attrs["candidates"][0] if len(attrs.get("candidates") or []) == 1 else None
        return Mention(self.kind, m.start(), m.end(), rule, value, attrs)

    def _en_mention(self, rule: str, m: Any, text: str) -> Mention | None:
        g = {k: v for k, v in m.groupdict().items() if v}
        if rule == "agencies.en.party" and not (g.get("place") or g.get("level")):
            return None
        attrs: dict[str, Any] = {"lang": "en", "groups": g}
        if g.get("national"):
            attrs["national"] = True
        place = g.get("place") or ""
        of = g.get("of") or ""
        level_word = (g.get("level") or g.get("level2") or "").casefold()
        level_word = " ".join(level_word.split())
        if place:
            attrs["candidates"] = self._en_codes(place)
        elif of and of.casefold().split()[0] not in self.en_level_words:
            attrs["candidates"] = self._en_codes(of)
        elif of:
            level_word = " ".join(of.casefold().split())
        if not level_word:
            before = POSSESSIVE.search(text[max(0, m.start() - 30):m.start()])
            if before:
                level_word = " ".join(before.group("level").casefold().split())
        if level_word:
            attrs["level"] = self.en_levels.get(level_word, "region" if level_word == "region" else None)
        if not place and not of and (rule == "agencies.en.department" and
                                     (g.get("suffix") or "").casefold() == "ministry"):
            attrs["national"] = True
        value = attrs["candidates"][0] if len(attrs.get("candidates") or []) == 1 else None
        return Mention(self.kind, m.start(), m.end(), rule, value, attrs)

    def _en_codes(self, place: str) -> list[str]:
        words = place.split()
        for n in range(len(words), 0, -1):
            entries = self.gaz.en.get(" ".join(words[:n]).casefold())
            if entries:
                return [str(e.code) for e in entries if is_division(e.code)]
        return []

    # ------------------------------------------------------------- resolve
    def resolve(self, mentions: list[Mention], context: DocumentContext, view: TextView) -> list[Mention]:
        """Codes from the document context for bodies whose name gives only a level or nothing."""
        for m in mentions:
            a = m.attrs
            if a.get("national"):
                m.value = None
            elif m.value is None and a.get("candidates"):
                m.value = self._pick(a["candidates"], context)
            elif m.value is None:
                m.value = self._from_level(a.get("level"), context)
            a["name"] = a.get("name") or self.namer.name(m, view.text[m.start:m.end])
        return mentions

    def _pick(self, candidates: list[str], context: DocumentContext) -> str:
        for area in (context.main_region, context.province):
            inside = [c for c in candidates if self.gaz.within(c, area) or self.gaz.within(area, c)]
            if inside:
                return inside[0]
        return min(candidates, key=lambda c: (self.gaz.ancestors(c).__len__(), c))  # the larger area

    def _from_level(self, level: str | None, context: DocumentContext) -> str | None:
        """省/Provincial -> the province; 市/Municipal -> the main region's city; none -> the main region."""
        main = context.main_region
        if level in ("province", "region"):
            return context.province
        d = self.gaz.divisions.get(main or "")
        if d is None:
            return main if level is None else None
        if level == "city":
            city = self.city_suffix
            if d.level == "county" and d.name.endswith(city):
                return d.code
            return self.gaz.prefecture(d.code) or (d.code if d.level == "province" and d.name.endswith(city) else None)
        if level == "prefecture":
            return self.gaz.prefecture(d.code)
        if level == "county":
            return d.code if d.level == "county" else None
        return main


def _split_place(place: str, gaz: Gazetteer, levels: dict[str, str]) -> tuple[list[str], str | None]:
    """``济南市`` -> ([370100], None); ``省`` -> ([], "province"); ``山东`` -> ([370000], None)."""
    if place in levels:
        return [], levels[place]
    for cut in range(len(place), 0, -1):
        entries = gaz.zh.get(place[:cut])
        if entries:
            return [str(e.code) for e in entries if is_division(e.code)], None
    return [], None


def _anchor(words: str, national: list[str], source: str, flags: int) -> tuple[Any, PrefixGate | None]:
    """The grammar's anchor words, or one of the national names that hold none (证监会); and
    a gate on their literal beginnings (None when the words do not tell them)."""
    anchor = compile_regex(words, f"{source}: anchor", flags=flags)
    bare = [name for name in national if anchor.search(name) is None]
    prefixes = literal_prefixes(words, GATE_PREFIX)
    gate = prefix_gate(prefixes and prefixes | {name[:GATE_PREFIX] for name in bare},
                       ignore_case=bool(flags & regex.IGNORECASE))
    if not bare:
        return anchor, gate
    return compile_regex(f"(?:{words})|\\L<national>", f"{source}: anchor", flags=flags, national=bare), gate


def _longest(mentions: list[Mention]) -> list[Mention]:
    return keep_disjoint(mentions, key=lambda m: (-m.length, m.start, not m.attrs.get("national")))
