"""Stage 3/4 - regions. Reads TextView; writes Mention(kind="region").

``find`` matches every gazetteer name in one pass per language (longest match
first: a dict scan for Chinese, a trie regex tried only where an English name
can start, see :mod:`recovery_extract.data.word_index`), drops names inside organisation names and
everyday words, and gives a code at once when the name is unambiguous.
``resolve`` picks among candidates with the document's main region, its
province and the nearest coded mention, and drops ``weak`` names (bare
county-level names, word-like names) that the document's province does not
support.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any, ClassVar

from ..data.codes import is_division
from ..data.gazetteer import Entry, Gazetteer
from .spans import keep_disjoint
from ..data.patterns import FLAGS, PatternStore, compile_regex
from ..data.folded_word_starts import FoldedWordStarts
from ..data.word_index import WordIndex, gated_finditer, trie_regex
from .base import DocumentContext, Mention, TextView
from .regions_rules import PLAIN, RegionRules

LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


class RegionExtractor:
    """Chinese and English place names linked to GB/T 2260 / ISO 3166 codes."""

    kind: ClassVar[str] = "region"

    def __init__(self, store: PatternStore, *, eager: bool = True) -> None:
        self.store = store
        self.gaz = Gazetteer.load(store)
        self.rules = RegionRules.load(store)
        r = self.rules
        zh_names = [s for s in self.gaz.zh if len(s) >= 2 and not _only_kind(self.gaz.zh[s], "uncoded_word")]
        self._zh = WordIndex(zh_names)  # the matches of ``\L<zh>``, at dict-lookup cost
        abbr = dict(self.gaz.abbr1)
        for char, code in r.abbr_extra.items():
            abbr.setdefault(char, []).append(Entry(code, "abbr1"))
        self._abbr_entries = {c: e for c, e in abbr.items() if c not in r.abbr_never}
        self._abbr = compile_regex(
            rf"{r.abbr_before}\L<abbr>{r.abbr_not_registration}|\L<abbr>{r.abbr_after}",
            "regions: zh abbreviations", flags=PLAIN, abbr=list(self._abbr_entries),
        )
        # Both abbreviation patterns open with a lookbehind, which keeps ``regex`` from skipping
        # ahead: they are tried only where a listed abbreviation starts (one ``re`` class scan).
        self._abbr_starts = WordIndex(self._abbr_entries)
        self._abbr_title = compile_regex(
            rf"{r.abbr_title_before}\L<abbr>{r.abbr_title_after}{r.abbr_not_registration}",
            "regions: zh abbreviations in a headline", flags=PLAIN, abbr=list(self._abbr_entries),
        )
        # Any character after a verb of movement; resolve keeps those that open the main region's name.
        self._after_verb = compile_regex(rf"{r.abbr_before}(?P<char>\p{{Han}})", "regions: main abbreviation",
                                         flags=PLAIN)
        suffixes = sorted(r.en_suffixes, key=len, reverse=True)
        # Tried only where an English name starts (``_en_folded``, else ``_en_starts``); the
        # names as a trie, not ``\L<en>``.
        self._en_folded = FoldedWordStarts.for_words(self.gaz.en)
        self._en_index: WordIndex | None = None
        self._en_source = (rf"(?<![\w'’‘-])(?P<name>{trie_regex(self.gaz.en)})(?:\s+(?P<suffix>\L<suffix>))?"
                           r"(?![\w-]|\.(?:gov|com|cn|org|net)\b)")
        self._suffixes = suffixes
        # The English names regex is costly to compile: built when a text first has a
        # candidate English name (a custom patterns folder: at once, so errors surface early).
        self._en: Any = None
        self._lock = threading.Lock()
        if eager:
            self._en_names()
        self._en_exact = compile_regex(r"(?<![\w.])\L<exact>(?![\w])", "regions: en acronyms",
                                       flags=PLAIN, exact=list(self.gaz.en_exact)) if self.gaz.en_exact else None
        self._exact_starts = WordIndex(self.gaz.en_exact)  # (it opens with a lookbehind too)

    @property
    def _en_starts(self) -> WordIndex:
        """Where an English name may start in any text (built on first use: most texts are
        read by ``_en_folded``)."""
        if self._en_index is None:
            with self._lock:
                if self._en_index is None:
                    self._en_index = WordIndex(self.gaz.en, ignore_case=True, word_start=True)
        return self._en_index

    def _en_names(self) -> Any:
        """The compiled English names regex (built on first use; thread-safe)."""
        if self._en is None:
            with self._lock:
                if self._en is None:
                    self._en = compile_regex(self._en_source, "regions: en names", flags=FLAGS,
                                             suffix=self._suffixes)
        return self._en

    # ---------------------------------------------------------------- find
    def find(self, view: TextView) -> list[Mention]:
        """Every place name in the normalised text, with a code where it is unambiguous."""
        text = view.text
        out: list[Mention] = []
        place_end = -1  # end of the last Chinese place name: 徐州市沛县 supports the one-character 沛县
        for start, end in self._zh.finditer(text):
            mention = self._zh_mention(text, start, end, text[start:end], after_place=start == place_end)
            if mention is not None:
                out.append(mention)
                place_end = end
        for m in gated_finditer(self._abbr, text, self._abbr_starts.starts(text)):
            entries = self._abbr_entries.get(m.group(), [])
            out.append(self._mention(m.start(), m.end(), "regions.zh.abbreviation", entries, weak=False))
        title_end = view.sentences[0].end if view.sentences else 0
        for m in gated_finditer(self._abbr_title, text, self._abbr_starts.starts(text, 0, title_end), 0, title_end):
            if self._zh.longest_at(text, m.start()) > 0:
                continue  # the first character of a longer name (浙 of 浙江 in 浙江在线), counted or not
            entries = self._abbr_entries.get(m.group(), [])
            out.append(self._mention(m.start(), m.end(), "regions.zh.abbreviation_title", entries, weak=False))
        starts = self._en_folded.starts(text) if self._en_folded is not None else None
        if starts is None:
            starts = list(self._en_starts.starts(text))
        for m in gated_finditer(self._en_names(), text, starts) if starts else ():
            mention = self._en_mention(text, m)
            if mention is not None:
                out.append(mention)
        if self._en_exact is not None:
            for m in gated_finditer(self._en_exact, text, self._exact_starts.starts(text)):
                entries = self.gaz.en_exact.get(m.group(), [])
                out.append(self._mention(m.start(), m.end(), "regions.en.acronym", entries, weak=False))
        footers = self.rules.footer_lines(text)
        if footers:
            out = [m for m in out if not any(s <= m.start < e for s, e in footers)]
        return _without_overlaps(out)

    def _zh_mention(self, text: str, start: int, end: int, surface: str, *,
                    after_place: bool = False) -> Mention | None:
        entries = self.gaz.zh.get(surface, [])
        if not entries or surface in self.rules.zh_never_bare or self.rules.zh_in_org(text, start, end):
            return None
        named = [e for e in entries if e.kind != "short"]
        if named:  # an official name, alias, country or uncoded place
            if not after_place and self._one_char_name(surface, named) and not self.rules.one_char_ok(text, start):
                return None
            return self._mention(start, end, "regions.zh.name", named, weak=surface in self.rules.zh_weak)
        weak = surface in self.rules.zh_weak or all(self.gaz.level(e.code) == "county" for e in entries)
        return self._mention(start, end, "regions.zh.short", entries, weak=weak)

    def _one_char_name(self, surface: str, entries: list[Entry]) -> bool:
        """A two-character full name whose stem is one character (沛县, 和县)."""
        if len(surface) != 2:
            return False
        for e in entries:
            d = self.gaz.divisions.get(e.code or "")
            if e.kind == "full" and d is not None and not d.short:
                return True
        return False

    def _en_mention(self, text: str, m: Any) -> Mention | None:
        name = m.group("name")
        key = name.casefold()
        entries = self.gaz.en.get(key, [])
        if not entries:
            return None
        start, end = m.start(), m.end()
        if self.rules.en_in_org(text, start, m.end("name") if m.group("suffix") is None else end):
            return None
        suffix = (m.group("suffix") or "").casefold()
        hint = self.rules.en_suffixes.get(suffix)
        if not hint and all(e.kind == "suffixed" for e in entries):
            # ``Pei County``: a one-character name whose alias holds its suffix
            return self._mention(start, m.end("name"), "regions.en.suffixed", entries, weak=False)
        if hint:
            entries = self._by_level(entries, hint) or entries
            return self._mention(start, end, "regions.en.suffixed", entries, weak=False, hint=hint)
        if key in self.rules.en_never_bare:
            return None
        kinds = {e.kind for e in entries}
        weak = "pinyin" in kinds and (
            key in self.rules.en_weak
            or name.islower()
            or all(self.gaz.level(e.code) == "county" for e in entries)
        )
        return self._mention(start, m.end("name"), "regions.en.name", entries, weak=weak)

    def _by_level(self, entries: list[Entry], hint: str) -> list[Entry]:
        """Entries whose division fits the level a suffix names (``City``: prefecture or 市)."""
        out = []
        for e in entries:
            d = self.gaz.divisions.get(e.code or "")
            if d is None:
                continue
            if hint == "city":
                if d.level == "prefecture" or d.name.endswith(self.rules.city_suffix):
                    out.append(e)
            elif hint == "county":
                if d.level == "county":
                    out.append(e)
            elif d.level == hint:
                out.append(e)
        return out

    def _mention(self, start: int, end: int, rule: str, entries: list[Entry], *, weak: bool,
                 hint: str | None = None) -> Mention:
        codes: list[str | None] = []
        for e in entries:
            if e.code not in codes:
                codes.append(e.code)
        current = [c for c in codes if c is None or not self._retired(c)] or codes
        dominant = self._dominant(current)
        value = dominant if dominant and not weak else None
        attrs: dict[str, Any] = {"candidates": current, "name": self._name(value)}
        if weak:
            attrs["weak"] = True
        if hint:
            attrs["level"] = hint
        return Mention(self.kind, start, end, rule, value=value, attrs=attrs)

    def _dominant(self, codes: list[str | None]) -> str | None:
        """The only candidate, or a province/country that outranks the rest by two levels.

        ``Xinjiang`` is the region, not 新绛县 (also Xinjiang in pinyin); ``Jilin`` stays
        open (province or city) for :meth:`resolve`.
        """
        if len(codes) == 1:
            return codes[0]
        ranks = sorted((LEVEL_RANK.get(self.gaz.level(c) or "", 0 if c and not is_division(c) else 3), c)
                       for c in codes if c)
        if len(ranks) >= 2 and ranks[1][0] - ranks[0][0] >= 2:
            return ranks[0][1]
        return None

    def _retired(self, code: str) -> bool:
        d = self.gaz.divisions.get(code)
        return bool(d and d.valid_to)

    def _name(self, code: str | None) -> str | None:
        return self.gaz.name(code) or (code if code and not is_division(code) else None)

    # ------------------------------------------------------------- resolve
    def resolve(self, mentions: list[Mention], context: DocumentContext, view: TextView) -> list[Mention]:
        """Final codes: candidates chosen by document context; unsupported weak names dropped."""
        anchors = [(m.start, m.value) for m in mentions if is_division(m.value)]
        for m in mentions:
            if m.value is not None and not m.attrs.get("weak"):
                continue
            candidates = [c for c in m.attrs.get("candidates", []) if c is not None]
            if not candidates:
                continue  # an uncoded place: value stays None
            chosen = self.choose(candidates, context, anchors, m.start)
            if m.attrs.get("weak") and not self._supported(chosen, context, anchors):
                m.attrs["drop"] = True
                continue
            m.value = chosen
            m.attrs["name"] = self._name(chosen)
        return mentions + self._main_abbreviations(mentions, context, view)

    def choose(self, candidates: list[str], context: DocumentContext,
               anchors: list[tuple[int, str]], pos: int) -> str:
        """The candidate a reader would pick: the main region's own line, then the nearest mention."""
        if len(candidates) == 1:
            return candidates[0]
        main, province = context.main_region, context.province
        if main:
            if main in candidates:
                return main
            above = [c for c in candidates if self.gaz.within(main, c)]
            if above:
                return max(above, key=lambda c: LEVEL_RANK.get(self.gaz.level(c) or "", 3))
            below = [c for c in candidates if self.gaz.within(c, main)]
            if below:
                return min(below, key=lambda c: LEVEL_RANK.get(self.gaz.level(c) or "", 3))
        if province:
            inside = [c for c in candidates if self.gaz.within(c, province)]
            if inside:
                return min(inside, key=lambda c: LEVEL_RANK.get(self.gaz.level(c) or "", 3))
        near = sorted(anchors, key=lambda a: abs(a[0] - pos))
        for _, code in near:
            hits = [c for c in candidates if self.gaz.within(c, code) or self.gaz.within(code, c)]
            if hits:
                return hits[0]
        return min(candidates, key=lambda c: (LEVEL_RANK.get(self.gaz.level(c) or "", 3), c))

    def _supported(self, code: str, context: DocumentContext, anchors: list[tuple[int, str]]) -> bool:
        """A weak name counts when it lies in the document's province or next to a mention of its area."""
        if not is_division(code):
            return True
        if context.province and self.gaz.within(code, context.province):
            return True
        return any(self.gaz.within(code, a) for _, a in anchors if a != code)

    def _main_abbreviations(self, mentions: list[Mention], context: DocumentContext,
                            view: TextView) -> list[Mention]:
        """``来滕``: the main region's first character, after a verb of movement, stands for it."""
        d = self.gaz.divisions.get(context.main_region or "")
        if d is None or len(d.short) < self.rules.abbr_main_min_short:
            return []
        char, rest = d.short[0], d.short[1:]
        if char in self.rules.abbr_never or char in self._abbr_entries:
            return []
        text = view.text
        taken = [(m.start, m.end) for m in mentions]
        out = []
        # Only matches on ``char`` count, and each is that one character: try just there.
        for m in gated_finditer(self._after_verb, text, _positions(text, char)):
            if m.group("char") != char or text.startswith(rest, m.end()):
                continue
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            out.append(Mention(self.kind, m.start(), m.end(), "regions.zh.main_abbreviation",
                               value=d.code, attrs={"candidates": [d.code], "name": d.name}))
        return out


def _positions(text: str, char: str) -> Iterator[int]:
    """Where ``char`` stands in ``text``, in order."""
    i = text.find(char)
    while i >= 0:
        yield i
        i = text.find(char, i + 1)


def _only_kind(entries: list[Entry], kind: str) -> bool:
    return all(e.kind == kind for e in entries)


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Longest first, then leftmost: one mention per stretch of text."""
    return keep_disjoint(mentions, key=lambda m: (-m.length, m.start))
