"""The indicator linking rules, run on their examples (patterns/indicators/cases.yaml).

Every case must give the indicators it lists (value, unit, region, date) and none of
those it says are absent; every rule a case names must have decided one of its
figures; and every rule the linker can name has two cases at least, so that no rule
stands on one sentence.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

import recovery_extract as rx
from recovery_extract.pipeline import default_pipeline

CASES_FILE = Path(__file__).resolve().parents[1] / "patterns" / "indicators" / "cases.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["cases"]

#: Rules that filter what the others see (no Decision names them): shown by their expectations.
FILTERS = {"region.not_subject", "region.national", "date.comparison", "dedupe.distinct", "dedupe.repeat"}

#: Every rule the linker names in a Decision, and the filters above.
RULES = {
    "metric.cue", "metric.open", "metric.continues", "metric.growth_list", "metric.total",
    "region.respectively", "region.shared", "region.after", "region.clause", "region.generic", "region.sentence",
    "region.paragraph", "region.main", "region.group", "region.continued", "region.row", "metric.table", "date.table",
    "date.clause", "date.clause_period", "date.sentence_scope", "date.sentence", "date.paragraph_opener",
    "date.snapshot", "date.cumulative", "date.frame", "date.period_frame", "date.reported_period", "date.same_statistic", "date.continued", "date.current", "date.published",
    "exclude.admin", "exclude.places", "exclude.classification", "exclude.plan", "exclude.conversion",
    "exclude.threshold", "exclude.forecast", "exclude.company", "exclude.modifier", "exclude.unit",
    "exclude.no_predicate", "exclude.sample", "exclude.restated",
} | FILTERS


def _published(case: dict[str, Any]) -> str | None:
    """The caller's publication date; a case without one carries its date line in its text."""
    return str(case["published"]) if case.get("published") else None


def _found(got: list[rx.Indicator], value: float, unit: str, region: str | None, date: str | None) -> bool:
    return any(math.isclose(i.value, value, rel_tol=1e-9) and i.unit == unit and i.region == region
               and i.date == date for i in got)


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{'+'.join(c['rules'])}" for i, c in enumerate(CASES)])
def test_case_gives_its_indicators(case: dict[str, Any]) -> None:
    doc = rx.extract(case["text"], published=_published(case))
    got = list(doc.indicators)
    if case.get("none"):
        assert not got, [(i.metric, i.value, i.unit) for i in got]
        return
    for value, unit, region, date in case.get("expect", []):
        assert _found(got, value, unit, region, date), (
            f"missing {[value, unit, region, date]}; got {[(i.value, i.unit, i.region, i.date) for i in got]}")
    for value, unit in case.get("absent", []):
        assert not any(math.isclose(i.value, value) and i.unit == unit for i in got), (value, unit)
    if "count" in case:
        assert len(got) == case["count"]


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{'+'.join(c['rules'])}" for i, c in enumerate(CASES)])
def test_case_shows_the_rules_it_names(case: dict[str, Any]) -> None:
    pipe = default_pipeline()
    norm, view, mentions, context = pipe.analyse(case["text"], _published(case))
    fired = {rule for d in pipe.indicators.decide(view, mentions, context) for rule in d.rules}
    for rule in case["rules"]:
        assert rule in RULES, f"unknown rule {rule!r}"
        if rule not in FILTERS:
            assert rule in fired, f"{rule} did not decide any figure (fired: {sorted(fired)})"


def test_every_rule_has_two_examples() -> None:
    counts = {rule: sum(rule in c["rules"] for c in CASES) for rule in RULES}
    thin = {rule: n for rule, n in counts.items() if n < 2}
    assert not thin, f"rules with fewer than two examples: {thin}"


def test_explain_names_the_rules() -> None:
    text = "截至3月5日,杭州市、宁波市规上工业企业复工率均达到100%。全市走访企业1200家。"
    out = rx.explain(text, published="2020-03-06")
    assert "rules: metric=metric.cue region=region.shared date=date.sentence_scope" in out
    assert "exclude.admin" in out


def test_two_places_at_one_value_stay_two() -> None:
    doc = rx.extract("截至2月24日,济南市开工率98%。截至2月24日,青岛市开工率98%。", published="2020-02-25")
    assert sorted(i.region or "" for i in doc.indicators) == ["370100", "370200"]
