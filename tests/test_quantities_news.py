"""Quantities of general news sentences (issue 15): open classes, not sample lists.

Each row is a sentence of the kind any newspaper prints (sports, business, weather,
science, politics; Chinese economic news) with the quantities it must give and the
spans it must NOT give. Rows are grouped by class (counted nouns, ranges, multipliers
and currencies, rates, units, partitives, number words, false hits); a failure names
the class, so a miss is read by class, never by sentence. The data lists beside the
patterns (nouns.en.yaml, the ranges and rates of patterns.yaml) are checked too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data.patterns import default_store
from recovery_extract.extract.quantities import QuantityExtractor
from recovery_extract.extract.quantities_nouns import load_nouns


@dataclass(frozen=True)
class Want:
    """One expected quantity: its text, value and unit (and what else is given)."""

    text: str
    value: float
    unit: str
    counter: str | None = None
    value_max: float | None = None
    per: str | None = None
    approx: str | None = None


@dataclass(frozen=True)
class Row:
    """A sentence, its class, what it must give and what it must not."""

    cls: str
    sentence: str
    want: tuple[Want, ...] = ()
    absent: tuple[str, ...] = field(default_factory=tuple)


W = Want
ROWS: tuple[Row, ...] = (
    # -- counted nouns: any plural head after modifiers ---------------------------------
    Row("counted_noun", "The company cut 1,200 jobs and closed 14 hotels across the region.",
        (W("1,200 jobs", 1200, "count", "jobs"), W("14 hotels", 14, "count", "hotels"))),
    Row("counted_noun", "Messi scored two goals in front of 85,000 fans.",
        (W("two goals", 2, "count", "goals"), W("85,000 fans", 85000, "count", "fans"))),
    Row("counted_noun", "Some 300 trucks carrying aid crossed the border.",
        (W("300 trucks", 300, "count", "trucks", approx="about"),)),
    Row("counted_noun", "Police arrested 17 protesters after the rally.",
        (W("17 protesters", 17, "count", "protesters"),)),
    Row("counted_noun", "The minister announced 300 new schools and 1,500 teachers.",
        (W("300 new schools", 300, "count", "schools"), W("1,500 teachers", 1500, "count", "teachers"))),
    Row("counted_noun", "Some 1.12 million NEVs rolled off assembly lines last year.",
        (W("1.12 million NEVs", 1120000, "count", "NEVs"),)),
    Row("counted_noun", "The earthquake killed at least 23 people and injured 150 others.",
        (W("23 people", 23, "count", "people", approx="more_than"), W("150 others", 150, "count", "others"))),
    Row("counted_noun", "A dozen firefighters battled the blaze.",
        (W("A dozen firefighters", 12, "count", "firefighters"),)),
    Row("counted_noun", "Thirty-two countries signed the treaty.",
        (W("Thirty-two countries", 32, "count", "countries"),)),
    Row("counted_noun", "The airline will add 25 aircraft to its fleet.",
        (W("25 aircraft", 25, "count", "aircraft"),)),
    Row("counted_noun", "The company has 2,000 more employees than last year and 300 fewer stores.",
        (W("2,000 more employees", 2000, "count", "employees"), W("300 fewer stores", 300, "count", "stores"))),
    Row("counted_noun", "Over 70 percent of Shanghai's 1,800-plus major enterprises have resumed work.",
        (W("1,800-plus major enterprises", 1800, "count", "enterprises", approx="more_than"),)),
    Row("counted_noun", "Carefully implement 46 policies and measures in nine aspects.",
        (W("46 policies and measures", 46, "count", "policies and measures"),)),
    Row("counted_noun", "Nearly 2m households face higher bills.",
        (W("2m households", 2e6, "count", "households", approx="about"),)),
    Row("counted_noun", "The tallest building has 163 floors and stands 828 metres tall.",
        (W("163 floors", 163, "count", "floors"), W("828 metres", 828, "m"))),
    Row("counted_noun", "The company employs about 3,500 people in 20 countries.",
        (W("3,500 people", 3500, "count", "people", approx="about"), W("20 countries", 20, "count", "countries"))),
    Row("counted_noun", "Car sales hit 26.3 million units; the tournament features 32 teams and 64 matches.",
        (W("26.3 million units", 26.3e6, "count", "units"), W("32 teams", 32, "count", "teams"),
         W("64 matches", 64, "count", "matches"))),
    Row("counted_noun", "One person was killed and two others injured.",
        (W("One person", 1, "count", "person"), W("two others", 2, "count", "others"))),
    Row("counted_noun", "One in five children lives in poverty.",
        (W("five children", 5, "count", "children"),)),
    # -- a bare English number counts what the sentence names ------------------------------
    Row("bare_count", "Among the 31 manufacturing subsectors, 29 saw positive growth.",
        (W("31 manufacturing subsectors", 31, "count", "subsectors"), W("29", 29, "count"))),
    Row("bare_count", "Firms resuming work amounted to 719 and employees to 74,669.",
        (W("719", 719, "count"), W("74,669", 74669, "count"))),
    # -- partitives and totals ----------------------------------------------------------
    Row("partitive", "The new policy affects 3 out of 4 households and 19 of the 27 cities.",
        (W("3", 3, "count", "households"), W("19", 19, "count", "cities"), W("27 cities", 27, "count", "cities"))),
    Row("partitive", "A total of 51 companies resumed work, of which 12 are foreign.",
        (W("51 companies", 51, "count", "companies"), W("12", 12, "count", "companies"))),
    # -- ranges are ONE quantity ----------------------------------------------------------
    Row("range", "The city received 40 to 55 millimetres of rain.",
        (W("40 to 55 millimetres", 40, "mm", value_max=55),)),
    Row("range", "Between 5 and 10 percent of the workforce will be affected.",
        (W("5 and 10 percent", 5, "%", value_max=10),)),
    Row("range", "Prices rose 5%-10% and 30-40% of the crop was lost.",
        (W("5%-10%", 5, "%", value_max=10), W("30-40%", 30, "%", value_max=40))),
    Row("range", "Sales of 40 percent to 50 percent were lost.",
        (W("40 percent to 50 percent", 40, "%", value_max=50),)),
    Row("range", "每个园区引进3至5家配套企业,投资1.5-2万元。",
        (W("3至5家", 3, "count", "家", value_max=5), W("1.5-2万元", 15000, "CNY", value_max=20000))),
    Row("range", "生产力仅恢复20%到25%,料有七至八成工厂倒闭。",
        (W("20%到25%", 20, "%", value_max=25), W("七至八成", 70, "%", value_max=80))),
    Row("not_range", "Inflation rose from 5 to 10 percent.",
        (W("10 percent", 10, "%"),), ("5 to 10",)),
    Row("not_range", "Gold rose $12 to $1,950 an ounce.",
        (W("$12", 12, "USD"), W("$1,950", 1950, "USD", per="oz"))),
    Row("not_range", "The increases were 10.2 and 3.8 percentage points.",
        (W("3.8 percentage points", 3.8, "pp"),), ("10.2 and 3.8",)),
    # -- multipliers and currencies in every written form -------------------------------------
    Row("currency", "The startup raised $4.2M and then $3.5bn.",
        (W("$4.2M", 4.2e6, "USD"), W("$3.5bn", 3.5e9, "USD"))),
    Row("currency", "Cities whose GDP exceeds CNY1 trillion (USD136.8 billion).",
        (W("CNY1 trillion", 1e12, "CNY", approx="more_than"), W("USD136.8 billion", 136.8e9, "USD", approx="more_than"))),
    Row("currency", "Firms with at least CNY20 million (USD2.7 million) in revenue.",
        (W("CNY20 million", 2e7, "CNY", approx="more_than"), W("USD2.7 million", 2.7e6, "USD", approx="more_than"))),
    Row("currency", "The government will spend £4.5bn and the EU pledged €750 billion.",
        (W("£4.5bn", 4.5e9, "GBP"), W("€750 billion", 7.5e11, "EUR"))),
    Row("currency", "The team signed a deal worth HK$30 million; exports hit US$250 billion.",
        (W("HK$30 million", 3e7, "HKD"), W("US$250 billion", 2.5e11, "USD"))),
    Row("currency", "The fund holds MYR 3bn and 500 EUR in cash; the bridge cost RMB 3 billion.",
        (W("MYR 3bn", 3e9, "MYR"), W("500 EUR", 500, "EUR"), W("RMB 3 billion", 3e9, "CNY"))),
    Row("currency", "The firm made a loss of £120m, compared with a profit of £80m a year earlier.",
        (W("£120m", 1.2e8, "GBP"), W("£80m", 8e7, "GBP"))),
    Row("currency", "It cost US$ 5, 5 USD, USD 5m, $US5 million, Rs. 500, ₹500 crore, 500 yen, CHF 10 and NZ$30.",
        (W("US$ 5", 5, "USD"), W("5 USD", 5, "USD"), W("USD 5m", 5e6, "USD"), W("$US5 million", 5e6, "USD"),
         W("Rs. 500", 500, "INR"), W("₹500 crore", 5e9, "INR"), W("500 yen", 500, "JPY"), W("CHF 10", 10, "CHF"),
         W("NZ$30", 30, "NZD"))),
    # An index value named by its index before it, with a verb of level (not of change).
    Row("index", "China's manufacturing PMI came in at 51.9 in March.", (W("51.9", 51.9, "index"),)),
    Row("index", "The sub-index for new export orders stood at 47.6, while the index rose 2.1 points.",
        (W("47.6", 47.6, "index"),), absent=()),
    Row("index", "2月份制造业采购经理指数(PMI)为52.6%,比上月上升2.5个百分点。", (W("52.6%", 52.6, "%"),)),
    Row("rate", "She earns $50,000 a year, or $25 an hour.",
        (W("$50,000", 50000, "USD", per="year"), W("$25", 25, "USD", per="h"))),
    Row("currency", "Exports grew 8.5pc year on year; turnout was 67 per cent.",
        (W("8.5pc", 8.5, "%"), W("67 per cent", 67, "%"))),
    Row("money_parts", "It only cost 3 dollars 50 cents, and the ticket 15 dollars and 15.",
        (W("3 dollars 50 cents", 3.5, "USD"), W("15 dollars and 15", 15.15, "USD"))),
    Row("money_parts", "开销123元1角1分,手机壳五元三毛,电脑两美元又三美分,用时3分钟。",
        (W("123元1角1分", 123.11, "CNY"), W("五元三毛", 5.3, "CNY"), W("两美元又三美分", 2.03, "USD"),
         W("3分钟", 3, "min"))),
    Row("money_parts", "He paid 5 dollars and 20 people came; $ 20,000.00 $ 37,305.97 in expenses.",
        (W("5 dollars", 5, "USD"), W("20 people", 20, "count", "people")), ("5 dollars and 20",)),
    Row("currency", "The project costs Rs 500 crore; India has 1.3bn people; the US economy is worth $25tn.",
        (W("Rs 500 crore", 5e9, "INR"), W("1.3bn people", 1.3e9, "count", "people"), W("$25tn", 2.5e13, "USD"))),
    # -- rates keep their denominator ---------------------------------------------------------
    Row("rate", "Oil hit $70 per barrel while the field pumps 300 barrels a day.",
        (W("$70", 70, "USD", per="bbl"), W("300 barrels", 300, "bbl", per="d"))),
    Row("rate", "价格为500元/吨,日用电量1.2万千瓦时/天。",
        (W("500元", 500, "CNY", per="t"), W("1.2万千瓦时", 12000, "kWh", per="d"))),
    # -- units of every common dimension ------------------------------------------------------
    Row("unit", "The storm dumped 14 inches of snow and winds reached 60 mph.",
        (W("14 inches", 14, "in"), W("60 mph", 60, "mph"))),
    Row("unit", "Temperatures will fall to minus 5 degrees Celsius.",
        (W("minus 5 degrees Celsius", -5, "°C"),)),
    Row("unit", "He ran 100 metres in 9.58 seconds.", (W("100 metres", 100, "m"), W("9.58 seconds", 9.58, "s"))),
    Row("unit", "The chip runs at 3.2 GHz and has 16 GB of memory.",
        (W("3.2 GHz", 3.2e9, "Hz"), W("16 GB", 16e9, "B"))),
    Row("unit", "The plant generates 1,000 MW and 5 TWh; the car has 500 horsepower.",
        (W("1,000 MW", 1e6, "kW"), W("5 TWh", 5e9, "kWh"), W("500 horsepower", 500, "hp"))),
    Row("unit", "The fire burned more than 10,000 acres; emissions hit 36 gigatonnes.",
        (W("10,000 acres", 10000, "acre", approx="more_than"), W("36 gigatonnes", 3.6e10, "t"))),
    Row("unit", "Rainfall of up to 150 millimetres; each person needs 2 litres a day.",
        (W("150 millimetres", 150, "mm", approx="less_than"), W("2 litres", 2, "l", per="d"))),
    Row("unit", "Temperatures hit 30C in London and -5C in Moscow; the plane cruised at 40,000ft at 500mph.",
        (W("30C", 30, "°C"), W("-5C", -5, "°C"), W("40,000ft", 40000, "ft"), W("500mph", 500, "mph"))),
    Row("unit", "Growth was positive for 3 consecutive months.", (W("3 consecutive months", 3, "month"),)),
    Row("unit", "港口吞吐量1200万标箱,种植3.5万亩,用气8000立方米,用电12亿度,产量增长2.5倍。",
        (W("1200万标箱", 1.2e7, "TEU"), W("3.5万亩", 35000 * 10000 / 15, "m2"), W("8000立方米", 8000, "m3"),
         W("12亿度", 1.2e9, "kWh"), W("2.5倍", 250, "%"))),
    Row("zh_counter", "浙江广东等6省份超80%,广西14市,新增12辆车、3艘船、5项政策。",
        (W("6省份", 6, "count", "省份"), W("14市", 14, "count", "市"), W("12辆", 12, "count", "辆"),
         W("3艘", 3, "count", "艘"), W("5项", 5, "count", "项"))),
    # -- number words and fractions ------------------------------------------------------------
    Row("fraction", "Nearly three-quarters of the cities and about a third of voters agreed.",
        (W("three-quarters", 75, "%", approx="about"), W("a third", 100 / 3, "%", approx="about"))),
    Row("fraction", "Half of the respondents and a quarter of the staff agreed.",
        (W("Half", 50, "%"), W("a quarter", 25, "%"))),
    Row("counted_noun", "He won 52% of the vote, or 7.3 million votes.",
        (W("52%", 52, "%"), W("7.3 million votes", 7.3e6, "count", "votes"))),
    Row("fraction", "The project will take half a day.", (W("half a day", 0.5, "d"),)),
    # -- false hits -----------------------------------------------------------------------
    Row("false_hit", "Output rose 19.7 percent in the first three quarters.",
        (W("19.7 percent", 19.7, "%"),), ("three quarters",)),
    Row("false_hit", "Ranking fourth among provinces, the first, second and third sectors grew.",
        (), ("fourth", "third")),
    Row("false_hit", "The top-10 firms and COVID-19 and covid-19 cases, page 3, Article 5.",
        (), ("10", "19", "3", "5")),
    Row("false_hit", "G20 leaders and Windows 11 makers met; call 555-1234.", (), ("20", "11", "555")),
    Row("false_hit", "The 737 MAX was grounded for 20 months; the vote was 6-3.",
        (W("20 months", 20, "month"),), ("737 MAX", "6", "3")),
    Row("false_hit", "It is 5 m long.", (W("5 m", 5, "m"),)),
    Row("false_hit", "“Three and three” is a slogan; he was one of the first.", (), ("Three", "three", "one")),
    Row("false_hit", "零售额增长5%,一些企业,万一出现问题,第2、3位,三位数增长。",
        (W("5%", 5, "%"),), ("一些", "万一", "3位", "三位")),
    Row("false_hit", "Contact 346129473@qq.com, 2020-04-29 14:42 28236 views.", (), ("346129473", "28236")),
    Row("false_hit", "唯一一家企业,三五成群,三番五次,千家万户,新增5家企业。", (W("5家", 5, "count", "家"),),
        ("一一家", "三五成", "五次", "千家")),
    Row("false_hit", "The firm filed for Chapter 11 bankruptcy in the 2019-20 season; UN Resolution 2231.",
        (), ("11", "2019", "20 season", "2231")),
    Row("zero_digit", "二○二二年产值一○五亿元。", (W("一○五亿元", 1.05e10, "CNY"),), ("二二年",)),
)


@pytest.fixture(scope="module")
def extractor() -> QuantityExtractor:
    return QuantityExtractor(default_store())


def _got(extractor: QuantityExtractor, text: str) -> list[dict[str, Any]]:
    return [{"text": text[m.start:m.end], "value": m.value, **m.attrs} for m in extractor.scan(text)]


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6))


def _matches(w: Want, g: dict[str, Any]) -> bool:
    return (g["text"] == w.text and _same(float(g["value"]), w.value) and g["unit"] == w.unit
            and (w.counter is None or g["counter"] == w.counter)
            and _same(g.get("value_max"), w.value_max) and g.get("per") == w.per
            and (w.approx is None or g["approx"] == w.approx))


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.cls}:{r.sentence[:40]}" for r in ROWS])
def test_news_sentence(extractor: QuantityExtractor, row: Row) -> None:
    got = _got(extractor, row.sentence)
    for w in row.want:
        assert any(_matches(w, g) for g in got), f"[{row.cls}] missing {w}; got {got}"
    for text in row.absent:
        assert not any(g["text"] == text or g["text"].endswith(" " + text) for g in got), \
            f"[{row.cls}] false hit {text!r}; got {got}"


def test_every_class_has_rows() -> None:
    classes = {r.cls for r in ROWS}
    assert {"counted_noun", "bare_count", "partitive", "range", "not_range", "currency", "money_parts", "rate", "unit",
            "zh_counter", "fraction", "false_hit", "zero_digit"} <= classes


# -- the data lists beside the patterns ---------------------------------------------------
def test_noun_examples_and_counter_examples() -> None:
    store = default_store()
    data = store.yaml("quantities/nouns.en.yaml")
    nouns = load_nouns(store)
    for ex in data["examples"]:
        text = "5" + ex["after"]
        head = nouns.read(text, 1).head
        assert head is not None and head.word == ex["counter"], (ex, head)
    for after in data["not"]:
        assert nouns.read("5" + after, 1).head is None, after
    for label in data["label_examples"]:
        word, _, rest = label.partition(" ")
        number = rest.split()[0]
        assert nouns.labelled(label, len(word) + 1), label
        assert number.isdigit()


def test_range_examples_and_counter_examples(extractor: QuantityExtractor) -> None:
    data = default_store().yaml("quantities/patterns.yaml")["ranges"]
    for text in data["examples"]:
        ranges = [g for g in _got(extractor, text) if g.get("value_max") is not None]
        assert len(ranges) == 1 and ranges[0]["text"] in text, (text, ranges)
    for text in data["not"]:
        assert not any(g.get("value_max") is not None for g in _got(extractor, text)), text


def test_rate_examples_and_counter_examples(extractor: QuantityExtractor) -> None:
    data = default_store().yaml("quantities/patterns.yaml")["rates"]
    for suffix in data["examples"]:
        lead = "价格500元" if suffix.startswith("/") and not suffix[1:2].isascii() else "The price was $500"
        got = _got(extractor, lead + suffix)
        assert got and got[0].get("per"), (suffix, got)
    for suffix in data["not"]:
        got = _got(extractor, "Sales rose 5 percent" + suffix)
        assert not any(g.get("per") for g in got), (suffix, got)


def test_every_unit_of_the_surfaces_is_declared() -> None:
    store = default_store()
    known = set(store.yaml("units/units.yaml")["units"]) | {r["code"] for r in store.tsv("units/currencies.tsv")}
    for lang in ("en", "zh"):
        for row in store.tsv(f"units/surfaces.{lang}.tsv"):
            assert row["unit"] in known, (lang, row["surface"], row["unit"])


def test_money_part_examples_and_counter_examples(extractor: QuantityExtractor) -> None:
    data = default_store().yaml("quantities/patterns.yaml")["subunits"]
    for text in data["examples"]:
        got = _got(extractor, text)
        assert len(got) == 1 and not float(got[0]["value"]).is_integer(), (text, got)
    for text in data["not"]:
        assert all(float(g["value"]).is_integer() or "," in g["text"] or "." in g["text"]
                   for g in _got(extractor, text)), text


def test_word_like_currency_codes_are_not_read_bare(extractor: QuantityExtractor) -> None:
    assert not any(g["unit"] == "ALL" for g in _got(extractor, "ALL 5 solutions are wrong."))
    assert any(g["unit"] == "SEK" and g["value"] == 40 for g in _got(extractor, "It costs SEK 40."))


# -- the record: value_max and per reach the output ------------------------------------------
def test_range_and_rate_fields_are_serialised_only_when_set() -> None:
    q = rx.Quantity(text="3至5家", start=0, end=4, value=3, unit="count", counter="家", value_max=5)
    assert q.to_dict()["value_max"] == 5 and "per" not in q.to_dict()
    plain = rx.Quantity(text="5家", start=0, end=2, value=5, unit="count")
    assert "value_max" not in plain.to_dict() and "per" not in plain.to_dict()


# -- invariants ---------------------------------------------------------------------------
_UNITS = st.sampled_from(["percent", "miles", "kilograms", "hotels", "%"])


@settings(max_examples=60, deadline=None)
@given(low=st.integers(1, 500), step=st.integers(1, 500), unit=_UNITS,
       joint=st.sampled_from([" to ", "-", " - "]))
def test_a_range_is_one_quantity_with_its_two_ends(low: int, step: int, unit: str, joint: str) -> None:
    extractor = _shared_extractor()
    high = low + step
    space = "" if unit == "%" else " "
    text = f"It was {low}{joint}{high}{space}{unit} in the survey."
    got = _got(extractor, text)
    assert len(got) == 1, (text, got)
    assert got[0]["value"] == low and got[0]["value_max"] == high, (text, got)
    assert text[text.index(str(low)):].startswith(got[0]["text"])


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.sampled_from(["new", "big", "key", "rural", "state-owned", "small"]), max_size=3),
       noun=st.sampled_from(["hotels", "factories", "NEVs", "schools", "banks", "people"]),
       n=st.integers(2, 99999))
def test_the_counter_is_the_head_noun_as_written(words: list[str], noun: str, n: int) -> None:
    extractor = _shared_extractor()
    number = f"{n:,}"
    text = f"Officials said {number} {' '.join(words + [noun])} were affected."
    got = _got(extractor, text)
    assert [(g["value"], g["unit"], g["counter"]) for g in got] == [(n, "count", noun)], (text, got)


_EXTRACTOR: list[QuantityExtractor] = []


def _shared_extractor() -> QuantityExtractor:
    if not _EXTRACTOR:
        _EXTRACTOR.append(QuantityExtractor(default_store()))
    return _EXTRACTOR[0]
