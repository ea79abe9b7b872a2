"""The open class of indicators: a figure with no metric cue is still a statistic when
its unit measures something and no exclusion removes it.

The closed cue list of ``metrics.yaml`` names the metrics it knows; this rule keeps
the figures it does not know (`exports 53.47 billion yuan`, `accounting for 41
percent`) and names them from the measure and sector written before them. What is
NOT an indicator is decided by exclusions (``patterns/indicators/open.yaml``):
administrative work counts, plans and thresholds, durations and distances.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import regex

from ..data.patterns import PatternStore, compile_regex, keyed_regex
from ..data.word_pattern import WordPattern
from ..extract.base import Mention

SOURCE = "indicators/open.yaml"


@dataclass(frozen=True, slots=True)
class Verdict:
    """A metric name for an open figure, or ``None`` and the reason it is not one."""

    metric: str | None
    reason: str
    cue: str | None = None


def word_regex(words: Iterable[str], source: str, plurals: bool = False) -> WordPattern:
    """One pattern over words: Chinese anywhere, English on word boundaries (longest first);
    with ``plurals``, an English word also in its plural (-s, -es)."""
    return WordPattern(words, source, plurals)


def singulars(word: str) -> set[str]:
    """The word and its possible singulars (``policies`` -> policy, ``boxes`` -> box)."""
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    return forms


class OpenClass:
    """Judges a figure that no cue named (rule ``metric.open``)."""

    def __init__(self, store: PatternStore) -> None:
        data = store.yaml(SOURCE)
        units = store.yaml("units/units.yaml")["units"]
        self.dimension = {str(u): str(spec["dimension"]) for u, spec in units.items()}
        self.measured = frozenset(str(d) for d in data["measured_dimensions"])
        admin = data["admin_counters"]
        self.admin_zh = frozenset(str(w) for w in admin["zh"])
        self.admin_en = frozenset(str(w).lower() for w in admin["en"])
        self.admin_verbs = word_regex([*data["admin_verbs"]["zh"], *data["admin_verbs"]["en"]],
                                      f"{SOURCE}: admin_verbs")
        self.report_words = word_regex([*data["report_words"]["zh"], *data["report_words"]["en"]],
                                       f"{SOURCE}: report_words")
        self.plan_words = word_regex([*data["plan_words"]["zh"], *data["plan_words"]["en"]],
                                     f"{SOURCE}: plan_words")
        self.measure_of = {str(w).lower(): str(mid) for mid, ws in data["measures"].items() for w in ws}
        self.measures = word_regex(self.measure_of, f"{SOURCE}: measures")
        self.share_words = word_regex([*data["share_words"]["zh"], *data["share_words"]["en"]],
                                      f"{SOURCE}: share_words")
        self.by_unit = {str(k): str(v) for k, v in data["by_unit"].items()}
        places = data["place_nouns"]
        self.place_zh = word_regex(places["zh"], f"{SOURCE}: place_nouns")
        self.place_en = frozenset(str(w).lower() for w in places["en"])
        self.place_counters = frozenset(str(w) for w in data["place_counters_zh"])
        self.place_reference = keyed_regex(data, "place_reference", SOURCE)
        self.place_modifier = str(data["place_modifier"])
        self.universe_after = keyed_regex(data, "universe_after", SOURCE)
        self.universe_before = keyed_regex(data, "universe_before", SOURCE)
        self.number_of = keyed_regex(data, "number_of", SOURCE)
        self.partitive = keyed_regex(data, "partitive_before", SOURCE)

    def dimension_of(self, unit: str | None) -> str | None:
        """The dimension of a unit symbol (``currency`` for any ISO 4217 code)."""
        if unit is None:
            return None
        found = self.dimension.get(unit)
        if found is None and len(unit) == 3 and unit.isupper() and unit.isalpha():
            return "currency"
        return found

    def is_admin_counter(self, counter: str | None) -> bool:
        """A counter of work, events or policies (``次``, ``条``, ``meetings``)."""
        if not counter:
            return False
        if not counter.isascii():
            return counter in self.admin_zh
        return bool(singulars(counter.lower().split()[-1]) & self.admin_en)

    def counts_places(self, text: str, q: Mention) -> bool:
        """``20个主要城市``, ``the five provinces``: the size of a list of places."""
        counter = q.attrs.get("counter") or ""
        if counter.isascii() and counter:
            return bool(singulars(counter.lower().split()[-1]) & self.place_en)
        # The noun may be the counter itself ("6省份"); after a measure word (个) it follows:
        # look a few characters on.
        if counter and (counter in self.place_counters or self.place_zh.fullmatch(counter)):
            return True
        return self.place_zh.search(text, q.end, min(len(text), q.end + 5)) is not None

    def refers_to_set(self, text: str, q: Mention) -> bool:
        """``the five provinces``, ``这20个城市``, ``20个主要城市的复工热度``: the count names a
        known set (a determiner before it, or 的 making it a modifier) rather than reporting
        how many places did something."""
        if self.place_reference.search(text[max(0, q.start - 24):q.start].lower()):
            return True
        noun_phrase = text[q.end:q.end + 8].split(",")[0]
        return self.place_modifier in noun_phrase[:6]

    def excluded(self, text: str, q: Mention, c_start: int, c_end: int, s_start: int,
                 counter_classes: frozenset[str]) -> str:
        """Why a figure is not a statistic whatever names it ('' when nothing excludes it):
        work counts, places, the size of a classification, plans. Also asked of figures
        that continue a list, which have no cue of their own either."""
        if q.attrs.get("unit") == "count":
            if self.is_admin_counter(q.attrs.get("counter")):
                return f"exclude.admin: counts administrative work or events ({q.attrs.get('counter')})"
            if self.counts_places(text, q) and self.refers_to_set(text, q):
                return "exclude.places: counts a known set of places, the size of a list"
            if "enterprises" not in counter_classes and (
                    self.universe_after.search(text[q.end:q.end + 16])
                    or self.universe_before.search(text[max(0, q.start - 24):q.start])):
                return "exclude.classification: the size of a classification (N industries, of which ...)"
            # Work done by an agency reads over the whole sentence ("市工信局…发出81个函件,
            # 与109家企业取得联系"): a count is excluded by an admin verb anywhere before it.
            if self.admin_verbs.search(text, s_start, c_end):
                return "exclude.admin: administrative work (visited, helped, issued ...)"
        elif self.admin_verbs.search(text, c_start, c_end):
            return "exclude.admin: administrative work (visited, helped, issued ...)"
        if self.plan_words.search(text, c_start, q.start):
            return "exclude.plan: a plan, budget or threshold"
        return ""

    def implicit_counter(self, text: str, q: Mention, s_start: int, c_start: int, wholes: list[Mention]) -> str | None:
        """What a bare number counts when the text names it elsewhere in the sentence: the
        noun of "the number of X reached N", or the counted noun of the whole a sentence
        opens with ("Of the province's 41,000 companies, about 36,500 ..."); ``wholes``
        are the figures before ``q`` in its sentence."""
        m = self.number_of.search(text[max(s_start, q.start - 120):q.start].lower())
        if m is not None:
            return str(m.group("noun"))
        for whole in wholes:
            counter = whole.attrs.get("counter")
            if counter and whole.attrs.get("unit") == "count" and self.partitive.match(text[s_start:whole.start].lower()):
                return str(counter)
        return None

    def judge(self, text: str, q: Mention, floor: int, c_start: int, c_end: int, s_start: int,
              s_end: int, counter_classes: frozenset[str], counter: str | None = None) -> Verdict:
        """Whether the figure ``q`` is an open-class indicator, and its metric name.

        ``floor`` is where the figure's own words begin (after the figure before it in
        the clause); measures and shares are read in ``[floor, q.start)``, exclusions
        in the whole clause."""
        unit = q.attrs.get("unit")
        dimension = self.dimension_of(unit)
        if dimension not in self.measured:
            return Verdict(None, f"exclude.unit: unit {unit} measures no statistic (duration, length or none)")
        implicit = counter is not None
        counter = counter or q.attrs.get("counter")
        if unit == "count":
            if not counter:
                return Verdict(None, "exclude.bare_number: a bare number, nothing counted")
        excluded = self.excluded(text, q, c_start, c_end, s_start, counter_classes)
        if excluded:
            return Verdict(None, excluded)
        if not self.report_words.search(text, s_start, s_end):
            return Verdict(None, "exclude.no_predicate: no reporting predicate in its sentence; "
                                 "names a group, reports nothing")
        measure, cue = None, None
        # The measure named since the figure before it; else the nearest in the clause
        # ("exports dropped 2.6 percent to 96.5 billion yuan": the level is the exports').
        # (A counted noun named elsewhere is the figure's own measure: the clause before it
        # may name another's, "Investment rose 12% while the number of new firms reached 48,600".)
        for start in ((floor,) if implicit else (floor, c_start)):
            for m in self.measures.finditer(text, start, q.start):
                measure, cue = self.measure_of.get(m.group().lower()), m.group()
            if measure is not None:
                break
        if measure is None and unit == "count":
            m = self.measures.search(str(counter))
            if m is not None:
                measure, cue = self.measure_of.get(m.group().lower()), m.group()
            elif "enterprises" in counter_classes:
                measure = "enterprises"
            elif "people" in counter_classes:
                measure = "workers"
            elif implicit:
                measure = "_".join(regex.findall(r"\w+", str(counter).lower()))
        name = measure or self.by_unit.get(dimension or "", "value")
        share = self.share_words.search(text, floor, q.start) or self.share_words.search(
            text, q.end, min(c_end, q.end + 24))
        if unit == "%" and share is not None and not name.endswith("_share"):
            name += "_share"
        return Verdict(name, f"a measured figure ({dimension}) named {name!r}", cue)
