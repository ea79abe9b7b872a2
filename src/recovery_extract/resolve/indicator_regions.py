"""The region of an indicator: an ordered list of named rules (``region.*``).

1. ``region.respectively`` - a list of names distributed over a list of figures by
   分别/respectively (the i-th figure goes with the i-th name);
2. ``region.shared`` - a list of names sharing one figure ("甲市、乙市开工率均达100%",
   "江西、山东等地已超80%"): one indicator per name;
3. ``region.after`` - a region (or a run of them) joined to the figure after it
   ("98 percent in Jinan", "9.3 percent in Qingdao and Zhengzhou");
   ``region.group`` - a group of regions as the subject ("东部地区", "five provinces -
   A, B, ..."): no one division (null);
4. ``region.clause`` - a region named in the figure's clause; when one name contains
   another ("广元市旺苍县", "Huangpu District of Guangzhou"), the more specific;
5. ``region.generic`` - a generic reference (全县, the province) stands for the region
   of that level the text is about;
6. ``region.sentence`` / ``region.paragraph`` - the last region named before the figure
   in its sentence, then in its paragraph (a news digest covers one city a paragraph);
7. ``region.main`` - the document's main region.

Names that are not the subject of the figures near them (comparisons, exceptions,
destinations) are passed over by every rule. All words are data in
``patterns/indicators/context.yaml``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..data.patterns import PatternStore, compile_regex, keyed_regex
from ..extract.base import DocumentContext, Mention
from ..data.gazetteer import Gazetteer
from ..data.word_pattern import GatedRegex
from .indicator_open import word_regex

SOURCE = "indicators/context.yaml"
# How far back a list of names and its sharing word may stand from the figure.
SHARED_REACH = 40
#: The same in English, whose words are longer ("Hefei, Wuhu and other 9 cities have a
#: resumption rate of more than 95%").
SHARED_REACH_EN = 90
# How far back the paragraph and a generic word's antecedent are read (characters).
PARAGRAPH_REACH = 2000
# How far after a figure its region may be named ("98 percent in the city of Jinan").
AFTER_REACH = 24


class Tree:
    """Questions about the division tree, answered by the gazetteer's parents
    (``patterns/regions/divisions.tsv``): a county-level city under its province
    (仙桃市 429004) has no prefecture, which code arithmetic would invent."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

    def level(self, code: str) -> str:
        """``country``, ``province``, ``prefecture`` or ``county`` of a region code."""
        return self.gaz.level(code) or "country"

    def ancestor(self, code: str, of_level: str) -> str | None:
        """The division of ``of_level`` that holds ``code`` (``CN`` for the country)."""
        if of_level == "country":
            return "CN" if self.gaz.level(code) else code
        return next((a for a in self.gaz.ancestors(code) if self.gaz.level(a) == of_level), None)

    def contains(self, outer: str, inner: str) -> bool:
        """Whether division ``outer`` holds ``inner`` (and is not it)."""
        if outer == inner:
            return False
        if outer == "CN":
            return self.gaz.level(inner) is not None
        return self.gaz.within(inner, outer)

    def related(self, a: str | None, b: str | None) -> bool:
        """Equal, or one holds the other (a city of the province the article is about)."""
        return a is None or b is None or a == b or self.contains(a, b) or self.contains(b, a)

    def most_specific(self, regions: list[Mention]) -> Mention:
        """The last region, unless another one it holds was named with it (then that one)."""
        last = regions[-1]
        inner = [r for r in regions if self.contains(str(last.value), str(r.value))]
        return inner[-1] if inner else last


@dataclass(frozen=True, slots=True)
class Places:
    """The regions (with codes) and places (regions and agencies' jurisdictions) of a
    document, sorted, with their starts for bisection."""

    coded: list[Mention]
    starts: list[int]
    places: list[Mention]
    place_starts: list[int]
    #: Matches of a pattern over a span, found once per document for all its figures.
    memo: dict[tuple[str, int, int], list[Any]] = field(default_factory=dict)

    def scan(self, name: str, pattern: Any, text: str, start: int, end: int) -> list[Any]:
        """``pattern.finditer(text, start, end)`` as a list, remembered."""
        key = (name, start, end)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = list(pattern.finditer(text, start, end))
        return found


@dataclass(slots=True)
class RegionChoice:
    """The region(s) of one figure and the rule that chose them."""

    codes: tuple[str | None, ...]
    rule: str
    why: str
    #: Where the words that decided it stand (a generic word), for ordering references.
    at: int = -1


class RegionRules:
    """Chooses the region of each indicator (see the module docstring)."""

    def __init__(self, store: PatternStore) -> None:
        ctx = store.yaml(SOURCE)
        self.not_before = keyed_regex(ctx, "region_not_subject_before", SOURCE)
        self.not_after = keyed_regex(ctx, "region_not_subject_after", SOURCE)
        self.in_comparison = keyed_regex(ctx, "region_in_comparison", SOURCE)
        self.after_figure = keyed_regex(ctx, "region_after_figure", SOURCE)
        self.later_in_clause = keyed_regex(ctx, "region_later_in_clause", SOURCE)
        self.shared = word_regex(ctx["shared"], f"{SOURCE}: shared")
        # Scanned over every sentence with a figure: tried only where a group can start.
        self.group = GatedRegex.for_source(str(ctx["region_group"]), keyed_regex(ctx, "region_group", SOURCE))
        self.apposition = keyed_regex(ctx, "apposition", SOURCE)
        self.list_reference = GatedRegex.for_source(str(ctx["region_list_reference"]),
                                                    keyed_regex(ctx, "region_list_reference", SOURCE))
        self.count_words = {str(k): int(v) for k, v in ctx["count_words"].items()}
        self.vague_group = keyed_regex(ctx, "region_group_vague", SOURCE)
        self.group_closer = keyed_regex(ctx, "region_group_closer", SOURCE)
        self.group_frame = keyed_regex(ctx, "region_group_frame_before", SOURCE)
        self.members_gap = keyed_regex(ctx, "region_group_members_gap", SOURCE)
        self.joiner = keyed_regex(ctx, "list_joiner", SOURCE)
        self.respectively = word_regex(ctx["respectively"], f"{SOURCE}: respectively")
        self.boundary = keyed_regex(ctx, "clause_boundary", SOURCE, flags=0)
        self.generic_levels = {str(w).lower(): tuple(str(lv) for lv in lvs) for w, lvs in ctx["generic"].items()}
        self.generic = word_regex(self.generic_levels, f"{SOURCE}: generic")
        self.municipalities = frozenset(str(c) for c in ctx["municipalities"])
        self.tree = Tree(Gazetteer.load(store))

    def levels(self, code: str) -> set[str]:
        """The levels a code stands at (a municipality is a province and a city)."""
        found = {self.tree.level(code)}
        if code in self.municipalities:
            found.add("prefecture")
        return found

    def is_subject(self, text: str, r: Mention) -> bool:
        """False for a name that is compared with, excepted or shipped to."""
        before = text[max(0, r.start - 14):r.start].lower()
        return not (self.not_before.search(before) or self.not_after.search(text[r.end:r.end + 6]))

    @staticmethod
    def places(regions: Sequence[Mention], jurisdictions: Sequence[Mention] = ()) -> Places:
        """The document's places, indexed once (every figure asks of them)."""
        coded = sorted((r for r in regions if isinstance(r.value, str)), key=lambda m: m.start)
        places = sorted([*coded, *jurisdictions], key=lambda m: m.start)
        return Places(coded, [r.start for r in coded], places, [m.start for m in places])

    def choose(self, text: str, q: Mention, index: Places, quantities: Any,
               clause: tuple[int, int], s_start: int, s_end: int, paragraph: int, context: DocumentContext,
               ) -> RegionChoice:
        """The region(s) of the figure ``q`` (in the clause ``[c_start, c_end)``) by the first
        rule that applies."""
        c_start, c_end = clause
        coded, starts = index.coded, index.starts
        listed = coded[bisect_left(starts, s_start):bisect_left(starts, q.start)]
        found = self._respectively(text, q, listed, quantities, s_end) \
            or self._referred_list(text, q, index, quantities, s_start, s_end)
        if found is not None:
            return found
        found = self._shared(text, q, listed, quantities, s_end)
        if found is not None:
            return found
        after = coded[bisect_left(starts, q.end):bisect_left(starts, q.end + AFTER_REACH)]
        if after and self.after_figure.match(text[q.end:after[0].start]):
            # "9.3 percent in Qingdao and Zhengzhou, 8 percent in ...": the run of names
            # after the figure shares it.
            following = coded[bisect_left(starts, after[0].start):bisect_left(starts, after[0].start + SHARED_REACH * 4)]
            names = [r for r in self._run(text, following, first=True)
                     if not quantities.starting_in(q.end, r.start)]
            codes = tuple(dict.fromkeys(str(r.value) for r in names))
            return RegionChoice(codes, "region.after",
                                f"region named right after the figure: {text[after[0].start:names[-1].end]}")
        subjects = [r for r in listed if self.is_subject(text, r)]
        in_clause = [r for r in subjects if r.start >= c_start]
        found = self._group(text, q, (s_start, s_end), c_start, subjects, index)
        if found is not None:
            return found
        if not in_clause:
            # "More than 90% of large firms in Jiangsu province have resumed work": the
            # clause names its place after the figure.
            in_clause = [r for r in coded[bisect_left(starts, q.end):bisect_left(starts, c_end)]
                         if r.end <= c_end and self.is_subject(text, r)
                         and self.later_in_clause.search(text, q.end, r.start)]
        if in_clause:
            r = self.tree.most_specific(in_clause)
            return RegionChoice((str(r.value),), "region.clause",
                                f"region named in the clause: {text[r.start:r.end]}")
        # A generic reference may point at an agency's place ("旺苍县统计局 … 全县"): the
        # names inside agency names count for this rule only.
        found = self._generic(text, q, c_start, q.start, index, context, s_start, (s_start, s_end))
        if found is not None:
            return found
        # Earlier in the sentence, then the paragraph: the last place referred to, by name
        # or by a generic word, that is a topic (its own clause holds no other figure:
        # "Jixi 31.1%, Suihua 11.2%" name the places of their own figures).
        main = context.main_region
        topics = [r for r in subjects if not self._owns_figure(text, r, q, quantities)]
        generic = self._generic(text, q, s_start, c_start, index, context, s_start, (s_start, s_end))
        if topics and (generic is None or generic.at < topics[-1].start):
            r = self.tree.most_specific(topics)
            return self._unless_ancestor(str(r.value), main, "region.sentence",
                                         f"region named earlier in the sentence: {text[r.start:r.end]}")
        if generic is not None:
            return generic
        # The paragraph, read back at most PARAGRAPH_REACH characters (linear on a page with
        # no line breaks).
        window = max(paragraph, s_start - PARAGRAPH_REACH)
        earlier = [r for r in coded[bisect_left(starts, window):bisect_left(starts, s_start)]
                   if self.is_subject(text, r) and self.tree.related(str(r.value), main)
                   and not self._owns_figure(text, r, q, quantities)]
        generic = self._generic(text, q, window, s_start, index, context, window, (window, s_start))
        if generic is not None and generic.codes[0] != "CN" and (not earlier or generic.at > earlier[-1].start):
            # "全省规上工业产能恢复约80%。其中,……均超过90%": the paragraph's subject was a
            # generic word, which the later sentences continue. Not the country: in an
            # earlier sentence of a regional text it is a comparison or a ranking ("higher
            # than in the country", "ranked seventh in the country"); a national text's
            # figures get the country as its main region anyway.
            return generic
        if earlier:
            r = self.tree.most_specific(earlier)
            return self._unless_ancestor(str(r.value), main, "region.paragraph",
                                         f"region the paragraph is about: {text[r.start:r.end]}")
        return RegionChoice((context.main_region,), "region.main", "the document's main region")

    def _group(self, text: str, q: Mention, sentence: tuple[int, int], c_start: int,
               subjects: list[Mention], index: Places) -> RegionChoice | None:
        """"东部地区增长6.9%", "across five provinces - Guangdong, ..., Hainan - reached": a
        group of regions as the figure's subject, earlier in its sentence; no one division
        (region null). The names listed right after the group are its members, the country
        after it its container; a single division named in the figure's clause before the
        group, or after the group's members, is the subject instead."""
        group = None
        for m in index.scan("group", self.group, text, *sentence):
            if m.start() >= q.start:
                break
            if m.end() <= q.start and not self.group_frame.search(text[max(0, m.start() - 12):m.start()].lower()):
                group = m
        if group is None:
            return None
        if any(c_start <= r.start < group.start() for r in subjects):
            return None
        if self.generic.search(text, group.end(), q.start):
            # "…9 cities …, and the rate of key firms in the province reached 99.2%": a
            # generic word after the group is the figure's subject.
            return None
        after = [r for r in subjects if r.start >= group.end()]
        members = 0
        if after and self.members_gap.match(text[group.end():after[0].start]):
            members = len(self._run(text, after[:1] + [r for r in after[1:]], first=True))
        if any(self.tree.level(str(r.value)) != "country" for r in after[members:]):
            return None
        return RegionChoice((None,), "region.group", f"a group of regions: {group.group()}", group.start())

    def _members(self, text: str, first: Mention) -> bool:
        """Whether the list starting at ``first`` spells out a group named right before it
        ("five provinces - Guangdong, Guangxi, ...")."""
        groups = list(self.group.finditer(text, max(0, first.start - SHARED_REACH), first.start))
        return bool(groups) and bool(self.members_gap.match(text[groups[-1].end():first.start]))

    def _owned_by_figure(self, text: str, first: Mention, quantities: Any) -> bool:
        """Whether the list starting at ``first`` is where a figure before it stands ("9.3
        percent in Qingdao and Zhengzhou, 8 percent ..."): the list is that figure's."""
        before = quantities.ending_in(max(0, first.start - AFTER_REACH), first.start)
        return bool(before) and bool(self.after_figure.match(text[before[-1].end:first.start]))

    def title_group(self, text: str, title_end: int) -> bool:
        """Whether the headline's subject is a counted group of regions (the text's scope);
        a headline that speaks of the whole country ("全国复工地图:浙江广东等6省份超80%")
        is national instead."""
        if any("country" in self.generic_levels[m.group().lower()] for m in self.generic.finditer(text, 0, title_end)):
            return False
        return any(not self.vague_group.match(m.group().lower()) for m in self.group.finditer(text, 0, title_end))

    def _apposition(self, text: str, at: int, coded: list[Mention], starts: list[int]) -> bool:
        """Whether the words at ``at`` stand in apposition right after a name ("Shenzhen,
        the province's export hub"; "Wuhan, the provincial capital")."""
        i = bisect_left(starts, at) - 1
        return i >= 0 and bool(self.apposition.match(text[coded[i].end:at]))

    def _owns_figure(self, text: str, r: Mention, q: Mention, quantities: Any) -> bool:
        """Whether another figure than ``q`` stands in the clause of the name ``r``."""
        left = max((m.end() for m in self.boundary.finditer(text, max(0, r.start - 40), r.start)),
                   default=max(0, r.start - 40))
        right = next((m.start() for m in self.boundary.finditer(text, r.end, r.end + 40)), r.end + 40)
        return any(f is not q for f in quantities.starting_in(left, right))

    def _unless_ancestor(self, code: str, main: str | None, rule: str, why: str) -> RegionChoice:
        """A name that holds the main region (the city of a county article) stands for it."""
        if main is not None and self.tree.contains(code, main):
            return RegionChoice((main,), rule, f"{why}, which holds the main region")
        return RegionChoice((code,), rule, why)

    def _respectively(self, text: str, q: Mention, listed: list[Mention], quantities: Any,
                      s_end: int) -> RegionChoice | None:
        """"哈尔滨、大庆分别达到90.8%、90.4%", "Harbin and Daqing were 90.8 and 90.4 percent
        respectively": the i-th figure after the names goes with the i-th name of the run
        of names before it (the marker stands before the figures or after them)."""
        if not listed:
            return None
        marker = self.respectively.search(text, listed[-1].end, q.start)
        first = marker.end() if marker is not None else listed[-1].end
        if marker is None and self.respectively.search(text, q.end, s_end) is None:
            return None
        names = self._run(text, listed)
        index = len(quantities.starting_in(first, q.start))
        # One name distributes nothing: 分别 then spreads the figures over something else
        # ("较上半年和1-5月分别提高2.3和4.5个百分点": over two bases).
        if len(names) < 2 or index >= len(names):
            return None
        return RegionChoice((str(names[index].value),), "region.respectively",
                            "region from a list distributed by 分别/respectively")

    def _referred_list(self, text: str, q: Mention, index: Places, quantities: Any,
                       s_start: int, s_end: int) -> RegionChoice | None:
        """"Xi'an, Hefei and Yantai topped ... in those three cities rose 16.4, 13.4 and 10.2
        percent, respectively": a list named before, referred back to with its count, and
        distributed over the figures after the reference."""
        coded, starts = index.coded, index.starts
        ref = None
        for m in index.scan("list_reference", self.list_reference, text, s_start, s_end):
            if m.start() >= q.start:
                break
            if m.end() <= q.start:
                ref = m
        if ref is None or (self.respectively.search(text, ref.end(), q.start) is None
                           and self.respectively.search(text, q.end, s_end) is None):
            return None
        word = ref.group("n") or ref.group("n2")
        count = int(word) if word.isdigit() else self.count_words.get(word.lower())
        before = [r for r in coded[bisect_left(starts, ref.start() - PARAGRAPH_REACH):bisect_left(starts, ref.start())]
                  if self.is_subject(text, r)]
        if not count or len(before) < count:
            return None
        names = self._run(text, before)
        nth = len(quantities.starting_in(ref.end(), q.start))
        if len(names) != count or nth >= count:
            return None
        return RegionChoice((str(names[nth].value),), "region.respectively",
                            f"region from a list named before and referred to ({ref.group()}), distributed "
                            "by 分别/respectively")

    def _shared(self, text: str, q: Mention, listed: list[Mention], quantities: Any,
                s_end: int) -> RegionChoice | None:
        """"甲市、乙市、丙市开工率均达100%": one figure for every name of the list."""
        if not listed:
            return None
        between = text[listed[-1].end:q.start]
        if len(between) > (SHARED_REACH_EN if between.isascii() else SHARED_REACH):
            return None
        names = self._run(text, listed)
        if len(names) < 2:
            return None
        if not self.shared.search(text, names[-1].end, q.start):
            # "江西、山东、江苏等地已超80%", "Zhejiang and Jiangsu exceeded 90 percent": a list
            # that is the subject of the one figure after it shares it too, unless the figures
            # are distributed (分别) or the list is summed into a group ("……五省区用电量").
            group = self.group.search(text, names[-1].end, q.end)
            closes = group is not None and self.group_closer.match(text[names[-1].end:group.start()])
            if (quantities.starting_in(names[-1].end, q.start) and not closes) \
                    or self.respectively.search(text, names[-1].end, s_end) \
                    or (group is not None and not closes) \
                    or self._members(text, names[0]) or self._owned_by_figure(text, names[0], quantities):
                return None
        codes = tuple(dict.fromkeys(str(r.value) for r in names))
        return RegionChoice(codes, "region.shared", f"one figure shared by {len(codes)} listed regions")

    def _run(self, text: str, listed: list[Mention], first: bool = False) -> list[Mention]:
        """The run of names joined by 、/,/和/and that ends with the last name listed (with
        ``first``: that starts with the first one)."""
        if first:
            names = [listed[0]]
            for r in listed[1:]:
                between = text[names[-1].end:r.start]
                if not (self.joiner.match(between) or not between.strip()):
                    break
                if self._locates(names[-1], r):
                    # "Chengdu, Sichuan": the province only locates the city; one place.
                    names[-1] = r if self.tree.contains(str(names[-1].value), str(r.value)) else names[-1]
                    continue
                names.append(r)
            return names
        names = [listed[-1]]
        for r in reversed(listed[:-1]):
            between = text[r.end:names[0].start]
            if not (self.joiner.match(between) or not between.strip()):
                break
            if self._locates(r, names[0]):
                # "广元市旺苍县", "Suzhou, Jiangsu province": one locates the other; one place.
                names[0] = r if self.tree.contains(str(names[0].value), str(r.value)) else names[0]
                continue
            names.insert(0, r)
        return names

    def _locates(self, a: Mention, b: Mention) -> bool:
        """Whether one of two adjacent names holds the other (a locator, not a list)."""
        return self.tree.contains(str(a.value), str(b.value)) or self.tree.contains(str(b.value), str(a.value))

    def _generic(self, text: str, q: Mention, start: int, end: int, index: Places,
                 context: DocumentContext, sentence: int, scanned: tuple[int, int]) -> RegionChoice | None:
        """"全县", "the province" in ``[start, end)`` (inside the span ``scanned``, whose matches
        are found once): the region of that level the text is about."""
        coded, starts = index.places, index.place_starts
        word = None
        for m in index.scan("generic", self.generic, text, *scanned):
            if m.start() < start:
                continue
            if m.end() > end:
                break
            # "高于全国", "位居全国第一", "than that of the country and the province": a
            # comparison names no subject. "Shenzhen, the province's export hub,": an
            # apposition describes the name before it; it is no reference of its own.
            if not self.not_before.search(text[max(0, m.start() - 14):m.start()].lower()) \
                    and not self.in_comparison.search(text[max(0, m.start() - 50):m.start()].lower()) \
                    and not self._apposition(text, m.start(), coded, starts):
                word = m
        if word is None:
            return None
        wanted = self.generic_levels[word.group().lower()]
        main = context.main_region
        if "country" in wanted:
            return RegionChoice(("CN",), "region.generic", f"{word.group()!r}: the country", word.start())
        before = coded[bisect_left(starts, word.start() - PARAGRAPH_REACH):bisect_left(starts, word.start())]
        # A name of that level earlier in the same sentence is the antecedent, even when the
        # text is mostly about another place (a news digest: "广东:一季度全省...").
        for r in reversed(before):
            if r.start < sentence:
                break
            code = str(r.value)
            if self.levels(code) & set(wanted) and not self.tree.related(code, main):
                return RegionChoice((code,), "region.generic",
                                    f"{word.group()!r}: the {self.tree.level(code)} named before it ({text[r.start:r.end]})",
                                    word.start())
        if main and self.levels(main) & set(wanted):
            return RegionChoice((main,), "region.generic", f"{word.group()!r}: the main region", word.start())
        for r in reversed(before):
            code = str(r.value)
            if self.levels(code) & set(wanted) and self.tree.related(code, main):
                return RegionChoice((code,), "region.generic",
                                    f"{word.group()!r}: the {self.tree.level(code)} named before ({text[r.start:r.end]})",
                                    word.start())
        up = self.tree.ancestor(main, wanted[0]) if main else None
        if up:
            return RegionChoice((up,), "region.generic", f"{word.group()!r}: the {wanted[0]} of the main region",
                                word.start())
        return None
