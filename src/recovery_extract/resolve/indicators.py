"""Stage 4 - indicators. Reads resolved mentions and the context; writes Indicator records.

Each quantity that states a measured value of an economic indicator becomes one
record.  The links are made by rules over the sentence; all their words are
data (``patterns/indicators/``):

- metric: the nearest cue in the quantity's clause whose units fit the quantity
  (a growth figure of a level metric keeps the level's name, unit ``%``); a
  figure with no cue of its own that continues a list (``电子信息91.9%、食品饮料
  105.3%``) or gives the growth or change of the figure before it takes that
  figure's metric;
- basis: ``同比`` / year on year -> yoy, ``环比`` -> mom; growth figures of a level
  metric are yoy unless said otherwise; a change in points is ``<metric>_change``;
- sign: a fall (``下降3.3%``) makes the indicator negative; the size of a fall as
  subject (``降幅收窄``) reverses the direction word after it;
- region: the rules of ``indicator_regions`` (a list distributed by ``分别``, a list
  sharing a figure, a group of regions, the clause, a generic word, the sentence, the
  paragraph, the document's main region); a figure continuing the one before it in its
  sentence keeps that figure's region (``region.continued``);
- date: a date in the clause; else the nearest earlier in the sentence (a period
  for cumulative figures; the period after a reporting verb rather than the day of
  the report); else the date opening an earlier sentence of the paragraph; else a
  data snapshot; else the text's frame (the last governing date of a figure, or a
  period stated before: ``date.frame``, ``date.period_frame``), carried until the
  text states another date outside a breakdown (其中); else the publication date.
  A dateline dates no figure;
- not indicators: forecasts and targets, rankings, one company's figures,
  figures that classify (``产值过亿元企业``), and quantities with no metric cue
  (administrative work counts); a headline figure the body restates and excludes.

A statistic repeated (headline and body, two languages) is one indicator; the
repeat with the best-attested date wins.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..extract.base import DocumentContext, Mention, TextView
from ..data.patterns import PatternStore, compile_regex, keyed_regex
from ..data.keyed_scan import KeyedScan
from ..data.word_pattern import WordPattern
from ..records import Indicator, Quantity
from .datelines import Datelines
from .indicator_open import OpenClass, word_regex
from .indicator_tables import Row, table_row
from .indicator_regions import PARAGRAPH_REACH, Places, RegionRules

GROWTH_UNITS = ("%",)
_SENTENCE_END = __import__("regex").compile(r"[。!?\n]|(?<=[^\d\s])\.\s")
MAX_CUE_DISTANCE = {"zh": 24, "en": 90}
# How far from a figure its sentence and clause are read. Real sentences are far shorter;
# the caps keep a page with no punctuation (scraped tables, run-on text) linear.
SENTENCE_REACH = 600
CLAUSE_REACH = 300
# How well a date is attested, best first (used when a statistic is repeated).
#: The key under which the linker keeps the last dated figure (the text's date frame).
FRAME = "\0frame"
#: How far the frame's date carries (characters): far enough for a section of figures,
#: bounded so that linking stays linear on a page of one long run.
FRAME_REACH = 5000
#: The lead of a text: its first sentences (headline, dateline, first paragraph). A month
#: or a year stated there is the period the text reports.
LEAD_SENTENCES = 3
#: Rules whose date governs what follows it (a scope clause, a paragraph opener, a data
#: snapshot): only such a date becomes the text's frame. A date stuck to one figure
#: ("从1月的7万只") does not.
GOVERNING = frozenset({"date.clause_period", "date.sentence_scope", "date.reported_period", "date.paragraph_opener",
                       "date.snapshot", "date.frame", "date.period_frame"})
DATE_RANK = {"clause": 4, "sentence": 3, "paragraph": 2, "current": 1, "published": 0, "none": -1}


@dataclass(frozen=True, slots=True)
class Metric:
    """One entry of ``patterns/indicators/metrics.yaml``."""

    id: str
    units: frozenset[str]
    counters: frozenset[str]
    growth: bool
    qualifiers: tuple[tuple[str, Any], ...] = ()
    counts: str | None = None
    sector_form: str | None = None

    def fits(self, unit: str, counter_classes: frozenset[str]) -> bool:
        if unit == "count":
            if self.counts and "enterprises" in counter_classes:
                return True
            return "count" in self.units and bool(self.counters & counter_classes)
        if unit in self.units:
            return True
        return self.growth and unit in GROWTH_UNITS

    @property
    def level_units(self) -> frozenset[str]:
        return self.units - {"%", "pp"}


@dataclass(slots=True)
class Link:
    """How one indicator was put together (what ``explain`` shows)."""

    quantity: Mention
    metric: str
    cue: str
    value: float
    definition: Metric | None = None
    basis: str | None = None
    region: str | None = None
    date: str | None = None
    date_rank: int = DATE_RANK["none"]
    subject: str | None = None
    sentence: tuple[int, int] = (0, 0)
    inherits: Link | None = None
    why: list[str] = field(default_factory=list)
    #: The named rules that chose the metric, the region and the date (``explain`` shows them).
    metric_rule: str = "metric.cue"
    #: Further regions of a figure shared by a list of regions (``region.shared``).
    shared_regions: tuple[str | None, ...] = ()
    region_rule: str = "region.none"
    date_rule: str = "date.none"
    #: The date was stated inside a breakdown (其中, of which): it does not date what follows.
    date_in_breakdown: bool = False


@dataclass(frozen=True, slots=True)
class Decision:
    """For one quantity: the indicator made from it, or why none was.

    ``reason`` of a quantity left out starts with the name of the exclusion rule
    (``exclude.admin: ...``); ``rules`` names every rule that decided it."""

    quantity: Mention
    link: Link | None
    reason: str

    @property
    def rules(self) -> tuple[str, ...]:
        """The named rules behind this decision (metric, region, date; or the exclusion)."""
        if self.link is None:
            return (self.reason.split(":", 1)[0],)
        return (self.link.metric_rule, self.link.region_rule, self.link.date_rule)


def _cue_regex(words: Iterable[str], source: str) -> WordPattern:
    """One pattern over cue words: Chinese anywhere, English on word boundaries, where a
    cue in the plural is the same cue ("operating rates", "exports")."""
    return word_regex(words, source, plurals=True)


class IndicatorLinker:
    """Joins metric cues, quantities, regions and dates into indicators."""

    def __init__(self, store: PatternStore) -> None:
        src = "indicators/metrics.yaml"
        vocab = store.yaml(src)
        classes: dict[str, set[str]] = {}
        for cls, words in (vocab.get("counter_classes") or {}).items():
            for w in words:
                classes.setdefault(str(w).lower(), set()).add(str(cls))
        self.counter_classes = {k: frozenset(v) for k, v in classes.items()}
        self.metrics: dict[str, Metric] = {}
        self.cue_metrics: dict[str, list[str]] = {}
        for raw in vocab["metrics"]:
            quals = tuple((str(mid), _cue_regex(ws, f"{src}: {raw['id']}.qualifiers"))
                          for mid, ws in (raw.get("qualifiers") or {}).items())
            metric = Metric(id=str(raw["id"]), units=frozenset(str(u) for u in raw["units"]),
                            counters=frozenset(raw.get("counters") or ()),
                            growth=bool(raw.get("growth")), qualifiers=quals,
                            counts=raw.get("counts"), sector_form=raw.get("sector_form"))
            self.metrics[metric.id] = metric
            for cue in list(raw.get("zh") or []) + list(raw.get("en") or []):
                self.cue_metrics.setdefault(str(cue).lower(), []).append(metric.id)
        self.cues = _cue_regex(self.cue_metrics, src)
        # The longest cue: a cue scan around a figure starts this far before its reach.
        self.cue_length = max(map(len, self.cue_metrics), default=0)
        sectors = store.yaml("indicators/sectors.yaml")["sectors"]
        self.sector_of = {str(w).lower(): str(sid) for sid, ws in sectors.items() for w in ws}
        self.sectors = _cue_regex(self.sector_of, "indicators/sectors.yaml")

        csrc = "indicators/context.yaml"
        ctx = store.yaml(csrc)
        self.clause_boundary = compile_regex(ctx["clause_boundary"], csrc, flags=0)
        self.clause_scan = KeyedScan.for_pattern(self.clause_boundary)
        self.basis = {b: _cue_regex(ws, f"{csrc}: basis.{b}") for b, ws in ctx["basis"].items()}
        cue = {k: _cue_regex(ctx[k], f"{csrc}: {k}") for k in (
            "decrease", "increase", "change", "forecast", "current", "respectively",
            "not_indicator", "cumulative")}
        self.decrease, self.increase, self.change = cue["decrease"], cue["increase"], cue["change"]
        self.forecast, self.current = cue["forecast"], cue["current"]
        self.respectively, self.not_indicator = cue["respectively"], cue["not_indicator"]
        self.cumulative = cue["cumulative"]
        self.decline_noun = _cue_regex(ctx["decline_noun"], f"{csrc}: decline_noun")
        self.scope_word = _cue_regex(ctx["scope"], f"{csrc}: scope")
        self.breakdown = keyed_regex(ctx, "breakdown_before", csrc)
        self.reporting = _cue_regex(ctx["reporting"], f"{csrc}: reporting")
        self.datelines = Datelines(store)
        self.comparison = keyed_regex(ctx, "comparison_before_date", csrc)
        self.forecast_after = keyed_regex(ctx, "forecast_after", csrc)
        self.base_joiner = keyed_regex(ctx, "base_list_joiner", csrc)
        self.subjects = _cue_regex(ctx["subjects"]["zh"] + ctx["subjects"]["en"], f"{csrc}: subjects")
        self.total_after = compile_regex(ctx["totals"]["zh_after"], f"{csrc}: totals")
        self.total_before = compile_regex(ctx["totals"]["en_before"], f"{csrc}: totals")
        self.subject_after = compile_regex(ctx["totals"]["zh_subject_after"], f"{csrc}: totals")
        self.modifier_after = keyed_regex(ctx, "modifier_after", csrc)
        self.modifier_before = keyed_regex(ctx, "modifier_before", csrc)
        self.modifier_before_not = keyed_regex(ctx, "modifier_before_not", csrc)
        self.open = OpenClass(store)
        self.region_rules = RegionRules(store)
        self.national_scope = _cue_regex(ctx["national_scope"], f"{csrc}: national_scope")
        self.conversion = keyed_regex(ctx, "conversion_before", csrc)
        self.threshold_before = keyed_regex(ctx, "threshold_before", csrc)
        self.threshold_after = keyed_regex(ctx, "threshold_after", csrc)
        self.class_before = keyed_regex(ctx, "class_before", csrc)
        self.count_modifier = keyed_regex(ctx, "count_modifier_after", csrc)
        self.possessive = tuple(str(m) for m in ctx["possessive_markers"])
        self.hypothetical = _cue_regex(ctx["hypothetical_sentence"], f"{csrc}: hypothetical_sentence")
        self.sample_reach = int(ctx["sample_measure_reach"])

    # ------------------------------------------------------------------ public

    def link(self, view: TextView, mentions: list[Mention], context: DocumentContext,
             records: dict[int, Quantity]) -> list[Indicator]:
        """The document's indicators, one per statistic, in text order."""
        links = [d.link for d in self.decide(view, mentions, context) if d.link is not None]
        links = [copy for link in links for copy in _per_region(link)]
        out: list[Indicator] = []
        for link in _dedupe(links):
            # The sentence as the ORIGINAL text has it (a traditional page keeps its script).
            start, end = view.norm.to_original(*link.sentence)
            original = view.norm.original
            while start < end and original[start].isspace():
                start += 1
            while end > start and original[end - 1].isspace():
                end -= 1
            out.append(Indicator(
                metric=link.metric, value=link.value, unit=link.quantity.attrs["unit"],
                region=link.region, date=link.date, subject=link.subject, basis=link.basis,
                quantity=records.get(id(link.quantity)), sentence=original[start:end],
                sentence_start=start, sentence_end=end,
            ))
        return out

    def decide(self, view: TextView, mentions: list[Mention], context: DocumentContext) -> list[Decision]:
        """A decision for every quantity, with the reasons (for ``explain``)."""
        text = view.text
        if context.main_region is None and context.scope_region is not None:
            # A national release: its figures are about the country.
            context = replace(context, main_region=context.scope_region)
        if context.main_region == "CN" and view.sentences \
                and self.region_rules.title_group(text, view.sentences[0].end):
            # "南方五省区前三季度用电量增长8.1%": a text about a group of regions; its
            # figures without a place of their own belong to no one division. (A headline
            # that speaks of the whole country, "全国复工地图:浙江广东等6省份超80%", is national.)
            context = replace(context, main_region=None)
        quantities = _Figures(m for m in mentions if m.kind == "quantity" and not m.attrs.get("drop"))
        stated = [m for m in mentions if m.kind == "date" and isinstance(m.value, str)
                  and not m.attrs.get("published")]
        datelines = [d for d in stated if self.datelines.is_dateline(text, d)]
        dateline_ids = {id(d) for d in datelines}
        if datelines and not context.published:
            # A page with no date of its own: its dateline stands for it.
            context = replace(context, published=str(datelines[0].value))
        dates = _DateIndex(
            self._not_bases(text, [d for d in stated if id(d) not in dateline_ids]),
            lambda d: self._is_scope(text, d),
            lambda d: bool(self.scope_word.search(text, max(0, d.start - 6), d.end)),
            lambda d: bool(self.breakdown.search(text[max(0, d.start - 16):d.start].lower())),
            view.sentences[min(LEAD_SENTENCES, len(view.sentences)) - 1].end if view.sentences else 0)
        filed_at = self.datelines.places(text, mentions)
        regions = _Figures(m for m in mentions if m.kind == "region" and m.value and id(m) not in filed_at)
        places = self.region_rules.places(
            regions, [m for m in mentions if m.kind == "agency" and isinstance(m.value, str) and len(m.value) == 6])
        clauses = _Clauses(text, self.clause_boundary, self.clause_scan)
        decisions: list[Decision] = []
        previous: Link | None = None
        growth_metric: Link | None = None
        dated: dict[str, Link] = {}  # per metric (its _change form folded in): the last link dated in the text
        for q in quantities:
            sentence = view.sentence_at(q.start)
            whole = (sentence.start, sentence.end) if sentence else (0, len(text))
            s_start, s_end = max(whole[0], q.start - SENTENCE_REACH), min(whole[1], q.end + SENTENCE_REACH)
            lang = "en" if view.language_at(q.start) == "en" else "zh"
            c_start, c_end = clauses.around(s_start, s_end, q.start, q.end)
            if q.attrs.get("unit") == "count" and regions.ending_in(q.start - 1, q.start) \
                    and self.open.counts_places(text, q):
                # "深圳、东莞、佛山三市": the count right after the names is the list's size.
                decisions.append(Decision(q, None, "exclude.places: the size of the list of places just named"))
                continue
            row = table_row(text, q, regions, quantities)
            if row is not None:
                found = self._table_row(text, q, row, dates, context)
                if found is not None:
                    decisions.append(Decision(q, found, "; ".join(found.why)))
                    continue
            link, reason = self._metric(text, q, c_start, c_end, previous, lang, s_start, s_end,
                                        growth_metric, quantities)
            if link is None:
                decisions.append(Decision(q, None, reason))
                continue
            rejected = self._rejection(text, q, c_start, c_end, s_start) or self._repeat_or_threshold(
                text, q, quantities, c_start, c_end, s_start)
            if not rejected and self._threshold(text, q, quantities, c_start):
                rejected = "exclude.threshold: a size threshold of the firms counted before it"
            if rejected:
                decisions.append(Decision(q, None, rejected))
                continue
            link.sentence = whole
            self._basis_and_sign(text, q, link, c_start, c_end, s_start)
            link.region = self._region(text, q, places, quantities, (c_start, c_end), s_start, s_end, context, link)
            self._region_continued(link, whole)
            self._date(text, q, dates, c_start, c_end, s_start, context, link, dated, quantities)
            # A cumulative figure (累计, in total) belongs to the period its sentence opens,
            # not to the month of the figure before it ("3月当月完成70亿元,累计完成184亿元").
            cumulative = self.cumulative.search(text, c_start, q.start) is not None
            if link.inherits is not None and link.date_rank < DATE_RANK["clause"] and not cumulative \
                    and link.inherits.date_rank >= DATE_RANK["paragraph"]:
                link.date, link.date_rank = link.inherits.date, link.inherits.date_rank
                link.why.append("date of the figure it continues")
                link.date_rule = "date.continued"
            link.subject = self._last(self.subjects, text, s_start, q.start) or link.cue
            decisions.append(Decision(q, link, "; ".join(link.why)))
            previous = link
            if link.date_rank >= DATE_RANK["paragraph"] and not link.date_in_breakdown:
                dated[link.metric.removesuffix("_change")] = link
                if link.date_rule in GOVERNING:
                    dated[FRAME] = link
            if link.definition is not None and link.definition.growth and q.attrs.get("unit") == "%":
                growth_metric = link
        return self._headline_restates(view, decisions)

    #: Exclusions that depend on the sentence's form, not the figure's meaning: a headline
    #: restating such a figure is still reported.
    FORM_EXCLUSIONS = ("exclude.no_predicate", "exclude.bare_number")

    def _headline_restates(self, view: TextView, decisions: list[Decision]) -> list[Decision]:
        """"Hubei sees 1,200 projects started, total investment 560 billion yuan" above "...
        with a total investment of 560 billion yuan": a headline figure the body restates and
        excludes for what it is (a plan size, a forecast, one company's) is excluded too."""
        if not view.sentences:
            return decisions
        title_end = view.sentences[0].end
        def key(q: Mention) -> tuple[float, str] | None:
            return (round(float(q.value), 6), str(q.attrs.get("unit"))) if isinstance(q.value, (int, float)) else None

        excluded: dict[tuple[float, str] | None, str] = {}
        for d in decisions:
            if d.link is None and d.quantity.start >= title_end and d.reason.startswith("exclude.") \
                    and not d.reason.startswith(self.FORM_EXCLUSIONS) and key(d.quantity) is not None:
                excluded.setdefault(key(d.quantity), d.reason.split(":", 1)[0])
        if not excluded:
            return decisions
        out: list[Decision] = []
        for d in decisions:
            if d.link is not None and d.quantity.end <= title_end and key(d.quantity) in excluded:
                d = Decision(d.quantity, None,
                             f"exclude.restated: the body restates it and excludes it ({excluded[key(d.quantity)]})")
            out.append(d)
        return out

    # ----------------------------------------------------------------- pieces

    def _cue_ids(self, cue: str) -> list[str]:
        """The metrics a matched cue names (an English plural names its singular's)."""
        word = cue.lower()
        for form in (word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word):
            if form in self.cue_metrics:
                return self.cue_metrics[form]
        return []

    def _counter_classes(self, q: Mention) -> frozenset[str]:
        return self._classes_of(q.attrs.get("counter") or "")

    def _classes_of(self, counter: str) -> frozenset[str]:
        """The classes of a counted noun (the last word of a phrase: "new market entities")."""
        counter = counter.lower()
        if " " in counter and counter not in self.counter_classes:
            counter = counter.rsplit(" ", 1)[1]
        found = self.counter_classes.get(counter)
        if found is None and counter.endswith("s"):
            found = self.counter_classes.get(counter[:-1])
        return found or frozenset()

    def _metric(self, text: str, q: Mention, c_start: int, c_end: int, previous: Link | None,
                lang: str, s_start: int, s_end: int, growth_metric: Link | None,
                quantities: _Figures) -> tuple[Link | None, str]:
        unit = str(q.attrs.get("unit") or "")
        classes = self._counter_classes(q)
        if unit == "count" and "enterprises" in classes and self._is_total(text, q, c_start, c_end, quantities):
            return Link(q, "industrial_enterprises_above_scale", "total", q.value,
                        metric_rule="metric.total", why=["a count introducing a subset (…中 / out of)"]), ""
        best: tuple[int, str, str] | None = None
        limit = MAX_CUE_DISTANCE[lang]
        number_end = q.attrs.get("number_end", q.start + 1)
        # Only cues within ``limit`` of the figure count: scan just there (a long sentence
        # of figures stays linear); the slack of one cue length keeps the matches the same.
        scan_start = max(c_start, q.start - limit - self.cue_length)
        scan_end = min(c_end, q.end + limit + self.cue_length)
        for m in self.cues.finditer(text, scan_start, scan_end):
            if m.end() > q.start and m.start() < number_end:
                continue  # a cue inside the numeral itself
            distance = q.start - m.end() if m.end() <= q.start else (m.start() - q.end) + 1
            if distance > limit:
                continue
            for metric_id in self._cue_ids(m.group()):
                if self.metrics[metric_id].fits(unit, classes):
                    if best is None or distance < best[0]:
                        best = (distance, metric_id, m.group())
                    break
        if best is None:
            best = self._cue_earlier_in_sentence(text, q, s_start, c_start, unit, classes, lang, quantities)
        if best is not None:
            metric = self.metrics[best[1]]
            metric_id = self._named(metric, unit, text, c_start, c_end)
            sector = self._sector(text, metric, q, s_start, c_start, quantities)
            if sector:
                metric_id = metric.sector_form.format(sector=sector)  # type: ignore[union-attr]
            return Link(q, metric_id, best[2], q.value, metric,
                        why=[f"cue {best[2]!r} in the clause"]), ""
        link, reason = self._inherited(text, q, c_start, c_end, previous, unit, s_start, s_end, growth_metric)
        if link is not None:
            excluded = self.open.excluded(text, q, c_start, c_end, s_start, classes)
            return (None, excluded) if excluded else (link, reason)
        return self._open_metric(text, q, c_start, c_end, s_start, s_end, quantities)

    def _open_metric(self, text: str, q: Mention, c_start: int, c_end: int, s_start: int, s_end: int,
                     quantities: _Figures) -> tuple[Link | None, str]:
        """Rule ``metric.open``: a measured figure no exclusion removes is an indicator even
        with no cue; its name comes from the sector and measure named before it."""
        floor = max(c_start, quantities.floor(q, s_start))
        classes = self._counter_classes(q)
        implicit = None
        if q.attrs.get("unit") == "count" and not q.attrs.get("counter"):
            implicit = self.open.implicit_counter(text, q, s_start, c_start, quantities.starting_in(s_start, q.start))
            if implicit is not None:
                classes = self._classes_of(implicit)
        verdict = self.open.judge(text, q, floor, c_start, c_end, s_start, s_end, classes, implicit)
        if verdict.metric is None:
            return None, verdict.reason
        sector = None
        for m in self.sectors.finditer(text, max(floor, q.start - 40), q.start):
            sector = self.sector_of.get(m.group().lower())
        metric = f"{sector}_{verdict.metric}" if sector and not verdict.metric.startswith(sector) else verdict.metric
        return Link(q, metric, verdict.cue or "", q.value, None, metric_rule="metric.open",
                    why=[f"open class: {verdict.reason}"]), ""

    def _sector(self, text: str, metric: Metric, q: Mention, s_start: int, c_start: int,
                quantities: _Figures) -> str | None:
        """The sector named before the figure, since the figure before it, if the metric
        has a per-sector form ("制造业增加值增长4.9%" -> manufacturing_added_value)."""
        if not metric.sector_form:
            return None
        floor = quantities.floor(q, s_start)
        found = None
        for m in self.sectors.finditer(text, max(floor, c_start - 60), q.start):
            found = self.sector_of.get(m.group().lower())
        return found

    def _cue_earlier_in_sentence(self, text: str, q: Mention, s_start: int, c_start: int, unit: str,
                                 classes: frozenset[str], lang: str,
                                 quantities: _Figures) -> tuple[int, str, str] | None:
        """A subject and its figure split by a comma ("the added value of ..., fell by
        3.3 percent"): the nearest fitting cue earlier in the sentence, when no other
        figure stands between it and this one."""
        limit = MAX_CUE_DISTANCE[lang]
        floor = quantities.floor(q, s_start)
        best = None
        for m in self.cues.finditer(text, max(floor, q.start - limit), c_start):
            for metric_id in self._cue_ids(m.group()):
                if self.metrics[metric_id].fits(unit, classes):
                    best = (q.start - m.end(), metric_id, m.group())
                    break
        return best

    def _inherited(self, text: str, q: Mention, c_start: int, c_end: int, previous: Link | None,
                   unit: str, s_start: int, s_end: int, growth_metric: Link | None) -> tuple[Link | None, str]:
        """A figure with no cue of its own that continues a figure before it: the
        change in points of a rate, the change of a count, the growth of a level,
        the next item of a list, or a growth rate in a list of growth rates."""
        clause = text[c_start:c_end]
        same_sentence = previous is not None and previous.sentence[0] <= q.start < previous.sentence[1]
        if previous is not None and same_sentence:
            p_unit = previous.quantity.attrs.get("unit")
            base = previous.metric.removesuffix("_change")
            if unit == "pp" and p_unit in ("%", "pp"):
                return Link(q, base + "_change", previous.cue, q.value, previous.definition,
                            inherits=previous, metric_rule="metric.continues",
                            why=["points: the change of the rate before it"]), ""
            if unit == "count" and p_unit == "count" and self.change.search(clause):
                return Link(q, base + "_change", previous.cue, q.value, previous.definition,
                            inherits=previous, metric_rule="metric.continues",
                            why=["count: the change of the count before it"]), ""
            growth = (previous.definition is not None and previous.definition.growth) or (
                previous.metric_rule == "metric.open" and p_unit not in ("%", "pp"))
            # (A measure named in its own clause starts another statistic: "reached 338.6
            # billion kWh, while its output of integrated circuits dropped 11.6 percent".)
            if unit == "%" and p_unit != "%" and growth and self._says_growth(clause) \
                    and not self.open.measures.search(text, max(c_start, previous.quantity.end), q.start):
                return Link(q, previous.metric, previous.cue, q.value, previous.definition,
                            inherits=previous, metric_rule="metric.continues",
                            why=["growth of the level figure before it"]), ""
            between = text[previous.quantity.end:q.start]
            # A new measure word between them starts another statistic ("retail sales rose
            # 4.1%, while exports dropped 2.6%").
            # (Not after a total: the count after "of the 41,000 companies" is the subset.)
            if unit == p_unit and len(between) <= MAX_CUE_DISTANCE["en"] and not self.cues.search(between) \
                    and not self.open.measures.search(between) and previous.metric_rule != "metric.total":
                return Link(q, previous.metric, previous.cue, q.value, previous.definition,
                            inherits=previous, metric_rule="metric.continues",
                            why=["continues the list of the figure before it"]), ""
        if unit == "%" and growth_metric is not None and self._says_growth(text[s_start:s_end]) \
                and not self.open.measures.search(text, c_start, q.start):
            return Link(q, growth_metric.metric.removesuffix("_change"), growth_metric.cue, q.value,
                        growth_metric.definition, metric_rule="metric.growth_list",
                        why=["a growth rate in a list of growth rates"]), ""
        return None, "exclude.no_cue: no metric cue in its clause"

    def _says_growth(self, text: str) -> bool:
        return bool(self.increase.search(text) or self.decrease.search(text)
                    or any(p.search(text) for p in self.basis.values()))

    def _named(self, metric: Metric, unit: str, text: str, c_start: int, c_end: int) -> str:
        if unit == "count" and metric.counts and "count" not in metric.units:
            return metric.counts
        for metric_id, pattern in metric.qualifiers:
            if pattern.search(text, c_start, c_end):
                return metric_id
        return metric.id

    def _is_total(self, text: str, q: Mention, c_start: int, c_end: int, quantities: _Figures) -> bool:
        """The total behind a subset: "3501户规上工业企业中", "404家规上工业企业已开工380余家",
        "out of a total of 7,681"."""
        after = text[q.end:q.end + 16]
        before = text[max(c_start, q.start - 24):q.start].lower()
        if self.total_after.search(after) or self.total_before.search(before):
            return True
        if self.subject_after.search(after):
            return any(m.end <= c_end and m.attrs.get("unit") == "count"
                       for m in quantities.starting_in(q.end + 1, c_end))
        return False

    def _rejection(self, text: str, q: Mention, c_start: int, c_end: int, s_start: int) -> str:
        """Why a cued quantity is still not an indicator ('' when it is one)."""
        left = text[c_start:q.start]
        if self.forecast.search(left) or self.forecast_after.match(text[q.end:q.end + 40].lower()):
            return "exclude.forecast: a forecast or target"
        # A company as the subject anywhere before the figure in its sentence: "某某有限公司粗钢
        # 产量120万吨,增长5%" (the growth is the company's too).
        if self.not_indicator.search(text, s_start, c_end):
            return "exclude.company: one company's figure"
        if self.open.plan_words.search(text, c_start, q.start):
            return "exclude.plan: a plan, budget, project size or threshold"
        if q.attrs.get("unit") != "count" and self.modifier_after.search(text[q.end:q.end + 6]):
            return "exclude.modifier: classifies (…的 / …企业), does not report"
        if q.attrs.get("unit") == "count" and self.count_modifier.match(text[q.end:q.end + 4]):
            # "800人的工厂", "64座…的煤矿": a count that sizes the noun after it.
            return "exclude.modifier: a count that sizes the noun after it (N人的工厂)"
        before = text[max(c_start, q.start - 30):q.start].lower()
        if self.modifier_before.search(before) and not self.modifier_before_not.search(before):
            return "exclude.modifier: classifies (with more than …), does not report"
        return ""

    def _repeat_or_threshold(self, text: str, q: Mention, quantities: _Figures, c_start: int,
                             c_end: int, s_start: int) -> str:
        """A bracketed conversion of the figure before it, or a size threshold ('' if neither)."""
        before = quantities.ending_in(max(0, q.start - 16), q.start)
        if before and self.open.dimension_of(q.attrs.get("unit")) == "currency" \
                and self.open.dimension_of(before[-1].attrs.get("unit")) == "currency" \
                and self.conversion.search(text[before[-1].end:q.start]):
            return "exclude.conversion: a conversion of the amount before it (in brackets)"
        if self.threshold_before.search(text[max(c_start, q.start - 24):q.start]) \
                or self.threshold_after.search(text[q.end:q.end + 60]):
            return "exclude.threshold: a size threshold (at least …, … or more, 及以上)"
        if q.attrs.get("approx") == "more_than" and q.attrs.get("unit") != "count" \
                and self.class_before.search(text, c_start, q.start):
            return "exclude.threshold: the bound of a class (companies that earn more than …)"
        if self.hypothetical.search(text, s_start, q.start):
            return "exclude.forecast: the sentence is a supposition (假如, suppose)"
        if self._is_sample(text, q, quantities, c_end):
            return "exclude.sample: the firms another figure is measured over"
        return ""

    def _is_sample(self, text: str, q: Mention, quantities: _Figures, c_end: int) -> bool:
        """"1000户制造业企业用电量为1.7亿千瓦时": a count of firms whose measure follows,
        with its own figure, in the same clause."""
        if q.attrs.get("unit") != "count" or "enterprises" not in self._counter_classes(q):
            return False
        firms_end = q.end
        for measure in self.open.measures.finditer(text, q.end, min(c_end, q.end + self.sample_reach)):
            # The firms' own noun (企业, companies) is no measure of them: it is where the
            # possessive compound starts ("1000户制造业企业用电量", "2,800 manufacturers' sales").
            if self.open.measure_of.get(measure.group().lower()) in ("enterprises", "workers"):
                firms_end = measure.end()
                continue
            between = text[firms_end:measure.start()]
            possessive = not between.strip() or between.lstrip().startswith(self.possessive)
            return possessive and bool(quantities.starting_in(measure.end(), c_end))
        return False

    def _threshold(self, text: str, q: Mention, quantities: _Figures, c_start: int) -> bool:
        """``100家产值过亿元``: an amount right after a count of firms sizes them (not after a
        count of places: "6省份复工率超过80%" reports the provinces' rate)."""
        if q.attrs.get("unit") == "count" or q.attrs.get("approx") != "more_than":
            return False
        return any(p.attrs.get("unit") == "count" and c_start <= p.start and not self.open.counts_places(text, p)
                   for p in quantities.ending_in(q.start - 6, q.start))

    def _basis_and_sign(self, text: str, q: Mention, link: Link, c_start: int, c_end: int,
                        s_start: int) -> None:
        unit = str(q.attrs.get("unit") or "")
        clause = text[c_start:c_end]
        basis = None
        for name, pattern in self.basis.items():
            # The basis word may stand just before the clause: "同比分别增长13.4%、11.5%".
            if pattern.search(clause) or pattern.search(text, max(s_start, c_start - 12), c_start):
                basis = name
                break
        metric = link.definition
        if unit == "pp":
            if not link.metric.endswith("_change"):
                link.metric += "_change"
            link.why.append("percentage points: a change")
        elif unit == "%" and ((metric is not None and metric.growth and metric.level_units) or (
                link.inherits is not None and link.inherits.metric_rule == "metric.open"
                and link.inherits.quantity.attrs.get("unit") not in ("%", "pp"))):
            basis = basis or "yoy"
            link.why.append("growth figure of a level metric: yoy unless said otherwise")
        link.basis = basis
        # The direction word nearest before the figure decides: "增长…下降3.3%", "decreased by 4.8".
        window = (max(c_start, q.start - 30), q.start)
        falls = [m.end() for m in self.decrease.finditer(text, *window)]
        rises = [m.end() for m in self.increase.finditer(text, *window)]
        fall = bool(falls) and (not rises or falls[-1] > rises[-1])
        nouns = [m.end() for m in self.decline_noun.finditer(text, *window)]
        if nouns:
            # "降幅收窄3.3个百分点": the direction word after the fall's size speaks of the fall.
            after = [p for p in falls + rises if p > nouns[-1]]
            fall = not fall if after else True
            why = "the size of a fall, " + ("its change reversed" if after else "a fall")
        else:
            why = "a fall: signed negative"
        if unit in ("%", "pp") and fall and link.value > 0:
            link.value = -link.value
            link.why.append(why)

    def _region(self, text: str, q: Mention, places: Places, quantities: _Figures,
                clause: tuple[int, int], s_start: int, s_end: int, context: DocumentContext, link: Link) -> str | None:
        """The region rules of ``indicator_regions`` (several codes for a shared figure)."""
        paragraph = text.rfind("\n", max(0, q.start - PARAGRAPH_REACH), q.start) + 1
        choice = self.region_rules.choose(text, q, places, quantities, clause, s_start, s_end,
                                          paragraph, context)
        link.region_rule = choice.rule
        link.why.append(choice.why)
        link.shared_regions = choice.codes[1:]
        return choice.codes[0]

    def _table_row(self, text: str, q: Mention, row: Row, dates: _DateIndex,
                   context: DocumentContext) -> Link | None:
        """A figure in a table row (``metric.table``, ``region.row``, ``date.table``): the
        metric and the date from the table's header, the region from the row."""
        unit = str(q.attrs.get("unit") or "")
        classes = self._counter_classes(q)
        for h_start, h_end in row.headers:
            for m in self.cues.finditer(text, h_start, h_end):
                metric_id = next((i for i in self._cue_ids(m.group()) if self.metrics[i].fits(unit, classes)), None)
                if metric_id is None:
                    continue
                link = Link(q, metric_id, m.group(), q.value, self.metrics[metric_id], metric_rule="metric.table",
                            why=[f"table header cue {m.group()!r}"])
                line_start = text.rfind("\n", 0, q.start) + 1
                link.sentence = (line_start, q.end)
                self._basis_and_sign(text, q, link, line_start, q.end, line_start)
                link.region, link.region_rule = str(row.place.value), "region.row"
                link.why.append(f"region of the table row: {text[row.place.start:row.place.end]}")
                stated = [d for start, end in row.headers for d in dates.between(start, end)]
                if stated:
                    d = stated[0]
                    link.date, link.date_rank, link.date_rule = str(d.value), DATE_RANK["paragraph"], "date.table"
                    link.why.append(f"date of the table header: {text[d.start:d.end]}")
                elif context.published:
                    link.date, link.date_rank = context.published.split("T", 1)[0], DATE_RANK["published"]
                    link.date_rule = "date.published"
                    link.why.append("no date in the table header: the publication date")
                link.subject = m.group()
                return link
        return None

    #: Region rules that read the figure's own words (a name in its clause or sentence),
    #: against those that fall back on the paragraph or the document.
    OWN_REGION = frozenset({"region.respectively", "region.shared", "region.after", "region.clause",
                            "region.sentence", "region.group"})

    def _region_continued(self, link: Link, sentence: tuple[int, int]) -> None:
        """"长沙市实现4105.5亿元,增长5.8%": a figure continuing the one before it in the same
        sentence (its growth, its change) and naming no place of its own has its region."""
        before = link.inherits
        if before is None or link.region_rule in self.OWN_REGION or before.region_rule not in self.OWN_REGION \
                or before.sentence != sentence or link.metric_rule != "metric.continues" or before.shared_regions:
            return
        link.region, link.region_rule = before.region, "region.continued"
        link.why.append("region of the figure it continues")

    def _date(self, text: str, q: Mention, dates: _DateIndex, c_start: int, c_end: int,
              s_start: int, context: DocumentContext, link: Link, dated: dict[str, Link],
              quantities: _Figures) -> None:
        """A date in the clause; else the nearest date standing as its own clause
        earlier in the sentence ("截至2月24日,", "一季度,", "As of March 30,"),
        which governs the clauses after it; else any earlier date in the sentence;
        else a scope clause opening an earlier sentence of the paragraph; else the
        as-of date of an earlier paragraph's data snapshot; else the date of the same
        statistic reported earlier; else the publication date."""
        def found(d: Mention, how: str, rule: str) -> None:
            link.date, link.date_rank, link.date_rule = str(d.value), DATE_RANK[how], rule
            link.date_in_breakdown = dates.breakdown[id(d)]
            dates.used.add(id(d))
            link.why.append(f"date ({how}): {text[d.start:d.end]}")

        in_clause = [d for d in dates.between(c_start, c_end) if d.end <= c_end]
        if in_clause:
            nearest = min(in_clause, key=lambda d: abs(d.start - q.start))
            if "/" not in str(nearest.value) and nearest.end <= q.start \
                    and self.cumulative.search(text, nearest.end, q.start):
                # "7 billion yuan in March and cumulatively 18.4 billion": a cumulative figure
                # belongs to the period its sentence opens, not to the month stated before it.
                periods = [d for d in dates.between(s_start, nearest.start) if "/" in str(d.value)]
                if periods:
                    return found(periods[-1], "sentence", "date.cumulative")
            # A reporting period ("from January to February", "1-7月", "截至2月24日") in the
            # clause governs the figures after it too; a single day or month stuck to one
            # figure does not.
            period = "/" in str(nearest.value) or dates.has_scope_word(nearest)
            return found(nearest, "clause", "date.clause_period" if period else "date.clause")
        if context.published and self.current.search(text, c_start, q.start):
            link.date, link.date_rank = context.published.split("T", 1)[0], DATE_RANK["clause"]
            link.why.append("presented as current (目前/so far): the publication date")
            link.date_rule = "date.current"
            return None
        before = dates.between(s_start, q.start)
        scopes = [d for d in before if dates.scope[id(d)]]
        if scopes:
            d = scopes[-1]
            # "On October 21, the company announced that in the first three quarters ...":
            # the scope date is the day of the report; a date after the reporting verb is
            # the period reported.
            later = [x for x in before if x.start >= d.end]
            verb = self.reporting.search(text, d.end, later[-1].start) if later else None
            if verb is not None:
                return found(later[-1], "sentence", "date.reported_period")
            return found(d, "sentence", "date.sentence_scope")
        if before:
            return found(before[-1], "sentence", "date.sentence")
        paragraph = text.rfind("\n", 0, q.start) + 1
        openers = [d for d in dates.between(paragraph, s_start) if dates.scope[id(d)]]
        if openers:
            return found(openers[-1], "paragraph", "date.paragraph_opener")
        snapshot = dates.last_snapshot_before(paragraph)
        # The snapshot carries on until another date appears in a later sentence
        # (a date later in its own sentence, "..., released on March 22", does not count).
        # Only a DATA snapshot carries: one whose figures it dated, or a statement with none
        # ("截至4月26日,全省规上工业企业已全面复工。"); "As of September 25, the bureau had
        # helped solve 3002 problems" reports work, not data.
        if snapshot is not None and (id(snapshot) in dates.used or not self._figures_after(
                text, snapshot, quantities)) and not any(
                not self._same_sentence(text, snapshot, d) and d.value != snapshot.value
                and not dates.breakdown[id(d)] for d in dates.between(snapshot.end, q.start)):
            link.date, link.date_rank = str(snapshot.value), DATE_RANK["paragraph"]
            link.why.append(f"date of the data snapshot: {text[snapshot.start:snapshot.end]}")
            link.date_rule = "date.snapshot"
            return None
        if context.published and self.current.search(text, s_start, q.start):
            link.date, link.date_rank = context.published.split("T", 1)[0], DATE_RANK["current"]
            link.why.append("the sentence presents it as current (目前/so far): the publication date")
            link.date_rule = "date.current"
            return None
        same = dated.get(link.metric.removesuffix("_change"))
        frame = dated.get(FRAME)
        if frame is not None and (same is None or frame.quantity.start > same.quantity.start) \
                and q.start - frame.quantity.start <= FRAME_REACH \
                and not self._date_stated_since(text, dates, frame, q):
            link.date, link.date_rank = frame.date, DATE_RANK["paragraph"]
            link.why.append("date of the text's frame: the date of the last dated figure, "
                            "carried until the text states another")
            link.date_rule = "date.frame"
            return None
        period = dates.last_period_before(s_start)
        if period is not None and (same is None or period.start > same.quantity.start) \
                and q.start - period.end <= FRAME_REACH \
                and not any(d.value != period.value and not dates.breakdown[id(d)]
                            and not self._same_sentence(text, period, d)
                            for d in dates.between(period.end, q.start)):
            link.date, link.date_rank = str(period.value), DATE_RANK["paragraph"]
            link.why.append(f"the period the text reports, stated before: {text[period.start:period.end]}")
            link.date_rule = "date.period_frame"
            return None
        if same is not None:
            link.date, link.date_rank = same.date, DATE_RANK["paragraph"]
            link.why.append("date of the same statistic reported earlier")
            link.date_rule = "date.same_statistic"
            return None
        if context.published:
            # (A sentence presenting the figure as current returned above, as date.current.)
            link.date, link.date_rank = context.published.split("T", 1)[0], DATE_RANK["published"]
            link.why.append("no date in the text: the publication date")
            link.date_rule = "date.published"
        return None

    def _date_stated_since(self, text: str, dates: _DateIndex, frame: Link, q: Mention) -> bool:
        """Whether a date (not a comparison base) stands in a sentence after the frame's
        figure and before ``q``: the text has moved on to another time."""
        end = frame.sentence[1]
        return any(d.value != frame.date and not dates.breakdown[id(d)] for d in dates.between(end, q.start))

    def _figures_after(self, text: str, d: Mention, quantities: _Figures) -> bool:
        """Whether figures follow the date ``d`` in its sentence."""
        end = _SENTENCE_END.search(text, d.end, d.end + SENTENCE_REACH)
        return bool(quantities.starting_in(d.end, end.start() if end else d.end + SENTENCE_REACH))

    def _same_sentence(self, text: str, a: Mention, b: Mention) -> bool:
        return not _SENTENCE_END.search(text, a.end, b.start)

    def _not_bases(self, text: str, dates: list[Mention]) -> list[Mention]:
        """The dates that are not comparison bases. A base may be a list: "较上半年和1-5月
        分别提高2.3和4.5个百分点", "than in May and June": a date joined to a base is one."""
        out: list[Mention] = []
        previous_base: Mention | None = None
        for d in sorted(dates, key=lambda m: m.start):
            if self._is_base(text, d) or (previous_base is not None and d.start - previous_base.end <= 16
                                          and self.base_joiner.match(text[previous_base.end:d.start].lower())):
                previous_base = d
            else:
                previous_base = None
                out.append(d)
        return out

    def _is_base(self, text: str, d: Mention) -> bool:
        """A comparison base ("环比2月下旬", "than in January"), not the figure's date."""
        before = text[max(0, d.start - 32):d.start].lower()
        return bool(self.comparison.search(before))

    def _is_scope(self, text: str, d: Mention) -> bool:
        """A date that is a clause of its own, give or take a scope word: it governs
        what follows ("截至2月24日,", "1-8月,", "From January to August,")."""
        left = max((m.end() for m in self.clause_boundary.finditer(text, max(0, d.start - 16), d.start)),
                   default=max(0, d.start - 16))
        right = next((m.start() for m in self.clause_boundary.finditer(text, d.end, d.end + 16)), d.end + 16)
        lead = text[left:d.start].strip()
        tail = text[d.end:right].strip()
        return len(lead) <= 8 and len(tail) <= 6 and right < len(text)

    def _last(self, pattern: Any, text: str, start: int, end: int) -> str | None:
        found = None
        for m in pattern.finditer(text, start, end):
            found = m.group()
        return found


class _Figures(list[Mention]):
    """The document's quantities (or regions) in text order, with bisection lookups, so
    that the questions asked for each figure ("which figures start in this clause?") do
    not scan them all: linking stays linear in the number of figures."""

    def __init__(self, figures: Iterable[Mention]) -> None:
        super().__init__(sorted(figures, key=lambda m: m.start))
        self.starts = [m.start for m in self]
        self.by_end = sorted(self, key=lambda m: m.end)
        self.ends = [m.end for m in self.by_end]

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """Figures starting in ``[start, end)``."""
        return self[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def ending_in(self, start: int, end: int) -> list[Mention]:
        """Figures ending in ``[start, end]``."""
        return self.by_end[bisect_left(self.ends, start):bisect_right(self.ends, end)]

    def floor(self, q: Mention, s_start: int) -> int:
        """Where text after the last other figure before ``q`` (in its sentence) begins."""
        i = bisect_right(self.ends, q.start) - 1
        while i >= 0 and self.by_end[i] is q:
            i -= 1
        return self.ends[i] if i >= 0 and self.ends[i] >= s_start else s_start


class _Clauses:
    """The clause boundaries of a text, found once; a figure's clause by bisection."""

    def __init__(self, text: str, boundary: Any, scan: KeyedScan | None = None) -> None:
        # Found from the boundary's key characters (see data/keyed_scan.py), else one pass
        # keeping the GIL (concurrent=False, positionally, as the gated scans do); only a
        # comma can be inside a number, so only a comma pays for the test.
        spans = scan.spans(text) if scan is not None else [
            m.span() for m in boundary.finditer(text, 0, len(text), False, False)]
        spans = [sp for sp in spans if text[sp[0]] != "," or not _inside_number(text, sp[0])]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def around(self, s_start: int, s_end: int, start: int, end: int) -> tuple[int, int]:
        """The clause of ``[start, end)`` inside the sentence ``[s_start, s_end)``: after the
        last boundary before it, up to the first boundary after it."""
        i = bisect_right(self.ends, start) - 1
        c_start = self.ends[i] if i >= 0 and self.starts[i] >= s_start else s_start
        j = bisect_left(self.starts, end)
        c_end = self.starts[j] if j < len(self.starts) and self.ends[j] <= s_end else s_end
        return max(c_start, start - CLAUSE_REACH), min(c_end, end + CLAUSE_REACH)


class _DateIndex:
    """The document's candidate dates, sorted, with their scope flags computed once,
    so that each figure's date lookup costs a bisection, not a pass over all dates."""

    def __init__(self, dates: list[Mention], is_scope: Any, has_scope_word: Any, is_breakdown: Any,
                 lead_end: int = 0) -> None:
        self.dates = sorted(dates, key=lambda d: d.start)
        self.starts = [d.start for d in self.dates]
        self.scope = {id(d): bool(is_scope(d)) for d in self.dates}
        self.breakdown = {id(d): bool(is_breakdown(d)) for d in self.dates}
        self.has_scope_word = has_scope_word
        self.snapshots = [d for d in self.dates if self.scope[id(d)] and has_scope_word(d)]
        self.snapshot_starts = [d.start for d in self.snapshots]
        # Periods ("1-7月", "the first three quarters") that are not a breakdown's own; in
        # the lead, a month or a year too ("China's exports rose in December.").
        self.periods = [d for d in self.dates if not self.breakdown[id(d)] and (
            "/" in str(d.value) or (d.start < lead_end and _is_period(str(d.value))))]
        self.period_starts = [d.start for d in self.periods]
        #: The dates (by id) that dated a figure so far.
        self.used: set[int] = set()

    def between(self, start: int, end: int) -> list[Mention]:
        """Dates starting in ``[start, end)``, in text order."""
        return self.dates[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def last_snapshot_before(self, pos: int) -> Mention | None:
        i = bisect_left(self.snapshot_starts, pos)
        return self.snapshots[i - 1] if i else None

    def last_period_before(self, pos: int) -> Mention | None:
        """The last period stated before ``pos`` (the text's reporting period)."""
        i = bisect_left(self.period_starts, pos)
        return self.periods[i - 1] if i else None


_DAY = __import__("regex").compile(r"-\d{2}-\d{2}|---\d{2}")


def _is_period(value: str) -> bool:
    """A month, quarter, year or span (``2023-12``, ``--01/--09``, ``2023``), not a day."""
    return "/" in value or not _DAY.search(value)


def _inside_number(text: str, pos: int) -> bool:
    """A comma between digits (``1,862``) is not a clause boundary."""
    return text[pos] == "," and 0 < pos < len(text) - 1 and text[pos - 1].isdigit() and text[pos + 1].isdigit()


def _per_region(link: Link) -> list[Link]:
    """A figure shared by several listed regions: one link per region."""
    if not link.shared_regions:
        return [link]
    copies = [link]
    for code in link.shared_regions:
        copy = replace(link, region=code, shared_regions=(), why=list(link.why))
        copies.append(copy)
    return copies


def _dedupe(links: list[Link]) -> list[Link]:
    """One indicator per statistic, in text order.

    A later link repeats an earlier one (headline and body, a second language) when
    value and unit are equal, the metrics agree (or one is only an open-class name),
    and region and date do not contradict: equal, or one of them unknown or only
    inherited from the document. Distinct statistics that share a value (two cities
    at 98%) stay apart. The kept link takes the better-attested date and the cued name.
    """
    kept: list[Link] = []
    by_value: dict[tuple[float, str], list[Link]] = {}
    for link in links:
        key = (round(float(link.value), 6), str(link.quantity.attrs["unit"]))
        first = next((k for k in by_value.get(key, []) if _same_statistic(k, link)), None)
        if first is None:
            by_value.setdefault(key, []).append(link)
            kept.append(link)
            continue
        if link.date_rank > first.date_rank:
            first.date, first.date_rank, first.date_rule = link.date, link.date_rank, link.date_rule
        if first.region is None and link.region is not None:
            first.region, first.region_rule = link.region, link.region_rule
        if _open_name(first) and not _open_name(link):
            first.metric, first.metric_rule, first.definition = link.metric, link.metric_rule, link.definition
    return kept


#: Date ranks that are only inherited from the document, not stated for the figure.
_WEAK_DATE = DATE_RANK["paragraph"]


def _open_name(link: Link) -> bool:
    """Whether the link's metric is only a name built by the open class (its own or that
    of the figure it continues)."""
    while link is not None:
        if link.metric_rule == "metric.open":
            return True
        if link.metric_rule not in ("metric.continues", "metric.growth_list"):
            return False
        link = link.inherits  # type: ignore[assignment]
    return False


def _same_statistic(a: Link, b: Link) -> bool:
    """Whether ``b`` repeats ``a`` (same value and unit already)."""
    open_name = _open_name(a) or _open_name(b)
    if not open_name and a.metric.removesuffix("_change") != b.metric.removesuffix("_change"):
        return False
    if a.region is not None and b.region is not None and a.region != b.region \
            and "region.main" not in (a.region_rule, b.region_rule):
        return False
    if a.date is not None and b.date is not None and a.date != b.date \
            and min(a.date_rank, b.date_rank) > _WEAK_DATE:
        return False
    return True


def distinct_indicators(indicators: Iterable[Indicator]) -> tuple[Indicator, ...]:
    """The indicators of a document analysed in chunks, each statistic once: a chunk
    de-duplicates its own, and a statistic repeated in two chunks (the same metric,
    value, unit, region and date) is kept at its first place."""
    seen: set[tuple[str, float, str, str | None, str | None]] = set()
    out: list[Indicator] = []
    for i in indicators:
        key = (i.metric, round(float(i.value), 6), i.unit, i.region, i.date)
        if key not in seen:
            seen.add(key)
            out.append(i)
    return tuple(out)
