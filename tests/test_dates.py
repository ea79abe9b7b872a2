"""Dates: the case files (tests/cases/dates.*.yaml), the data under patterns/dates/,
the value model and the date-line picker.

Every expected value here was worked out by hand from the calendar; none is
copied from the gold files.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

import recovery_extract as rx
from recovery_extract.extract.dates_grammar import DateGrammar
from recovery_extract.extract.date_parts import FIELDS, Partial
from recovery_extract.resolve.dates_values import Reference, expand_year, resolve
from recovery_extract.data.patterns import PatternStore

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
SRC = ROOT / "src" / "recovery_extract" / "extract"


def load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("dates.*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(case, id=f"{path.stem}:{case['label']}"))
    return params


@pytest.fixture(scope="module")
def grammar() -> DateGrammar:
    return DateGrammar(PatternStore())


# ---------------------------------------------------------------- case files

@pytest.mark.parametrize("case", load_cases())
def test_case_file(case: dict[str, Any], pipeline: rx.Pipeline) -> None:
    assert set(case) <= {"label", "text", "context", "expect", "absent", "published"}, case["label"]
    published = (case.get("context") or {}).get("published")
    doc = pipeline(case["text"], published=published)
    got = [(d.text, d.value) for d in doc.dates]
    for item in case.get("expect") or []:
        assert (item["text"], item["value"]) in got, f"{case['label']}: want {item}, got {got}"
    for bad in case.get("absent") or []:
        start = case["text"].find(bad)
        assert start >= 0, f"{case['label']}: absent text {bad!r} is not in the case text"
        while start >= 0:
            end = start + len(bad)
            overlapping = [(d.text, d.value) for d in doc.dates if d.start < end and start < d.end]
            assert not overlapping, f"{case['label']}: {bad!r} reported as {overlapping}"
            start = case["text"].find(bad, start + 1)
    if "published" in case:
        assert doc.published == case["published"]
    for d in doc.dates:
        assert case["text"][d.start:d.end] == d.text


def test_case_labels_are_unique() -> None:
    labels = [p.id for p in load_cases()]
    assert len(labels) == len(set(labels))


# ---------------------------------------------------------------- data lint

def test_every_pattern_example_matches_in_full(grammar: DateGrammar) -> None:
    store = PatternStore()
    ids = {p.id: p for p in grammar.patterns}
    for rel in ("dates/patterns.zh.yaml", "dates/patterns.en.yaml", "dates/numeric.yaml"):
        for raw in store.yaml(rel)["patterns"]:
            compiled = ids[raw["id"]].compiled
            for example in raw.get("examples") or ():
                assert compiled.fullmatch(example), f"{raw['id']}: example {example!r} does not match"
            for negative in raw.get("not") or ():
                assert not compiled.fullmatch(negative), f"{raw['id']}: {negative!r} should not match"


def test_pattern_ids_are_unique_and_dotted(grammar: DateGrammar) -> None:
    ids = [p.id for p in grammar.patterns]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("dates.") and i.count(".") >= 2 for i in ids)


def test_patterns_use_only_the_closed_set_of_groups(grammar: DateGrammar) -> None:
    for p in grammar.patterns:
        for name in p.compiled.groupindex:
            assert name.removesuffix("_end") in FIELDS, (p.id, name)


def test_join_and_exclusion_examples(grammar: DateGrammar) -> None:
    store = PatternStore()
    for raw in store.yaml("dates/joins.yaml")["joins"]:
        for example in raw.get("examples") or ():
            found = grammar.scan(example)
            assert [f.rule for f in found] == [raw["id"]], (raw["id"], example, found)
    for raw, excl in zip(store.yaml("dates/exclusions.yaml")["exclusions"], grammar.exclusions):
        for example in raw.get("examples") or ():
            assert excl.compiled.fullmatch(example), (raw["id"], example)


def test_data_files_have_headers() -> None:
    for path in sorted((ROOT / "patterns" / "dates").glob("*.yaml")):
        head = path.read_text(encoding="utf-8").splitlines()[:20]
        for key in ("# File:", "# Format:", "# Source:", "# Used by:"):
            assert any(line.startswith(key) for line in head), (path.name, key)


def test_resolution_never_reads_the_clock() -> None:
    for path in sorted(SRC.glob("dates*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = {n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}
        imports = {a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
        assert not calls & {"now", "today", "utcnow", "time", "localtime"}, path.name
        assert "time" not in imports, path.name


# ---------------------------------------------------------------- values

@pytest.mark.parametrize("fields,end,ref,want", [
    ({"quarter": 1}, None, "2022-04-27T11:19:10", "2022-01/2022-03"),
    ({"quarter": 4}, None, None, "--10/--12"),
    ({"half": 2}, None, "2019-09-02", "2019-07/2019-12"),
    ({"month": 2, "xun": 3}, None, "2020-03-23", "2020-02-21/2020-02-29"),
    ({"month": 2, "xun": 3}, None, "2021-03-23", "2021-02-21/2021-02-28"),
    ({"month": 4, "xun": 2}, None, "2021-05-01", "2021-04-11/2021-04-20"),
    ({"first_months": 10}, None, "--11-14", "--01/--10"),
    ({"last_months": 4, "year": 2021}, None, None, "2021-09/2021-12"),
    ({"first_quarters": 3, "rel_year": 0}, None, "2021-06-14", "2021-01/2021-09"),
    ({"rel_month": -1}, None, "--11-14", "--10"),
    ({"rel_month": -1}, None, "2021-01-05", "2020-12"),
    ({"rel_day": -1}, None, "2021-03-01", "2021-02-28"),
    ({"rel_day": -1}, None, None, None),
    ({"rel_year": 0}, None, None, None),
    ({"rel_year": -1, "month": 9}, None, None, "--09"),
    ({"day": 21}, None, None, "---21"),
    ({"day": 17}, None, "2022-02-18T06:52:58", "2022-02-17"),
    ({"month": 2, "day": 30}, None, "2022-01-01", None),
    ({"month": 2, "day": 29}, None, None, "--02-29"),
    ({"rel_quarter": -1, "count": 3}, None, "2019-07-04", "2018-10/2019-06"),
    ({"rel_quarter": 1, "count": 2}, None, "2019-07-04", "2019-10/2020-03"),
    ({"rel_quarter": -1}, None, "2019-01-28", "2018-10/2018-12"),
    ({"weekday": 5}, None, "2025-11-14", "2025-11-14"),
    ({"weekday": 1}, None, "2025-11-14", "2025-11-10"),
    ({"month": 1}, {"month": 8}, "2022-09-27", "2022-01/2022-08"),
    ({"month": 1, "day": 10}, {"day": 12}, "2017-03-22", "2017-01-10/2017-01-12"),
    ({"day": 4}, {"month": 1, "day": 22, "year": 1995}, "2016-11-07", "1995-01-04/1995-01-22"),
    ({"month": 1}, {"month": 2, "rel_year": 0}, None, "--01/--02"),
    ({"year": 2009}, {"year": 2010}, None, "2009/2010"),
    ({"year": 2020, "month": 2, "day": 25, "hour": 15, "minute": 27, "second": 9}, None, None, "2020-02-25T15:27:09"),
])
def test_resolve(fields: dict[str, int], end: dict[str, int] | None, ref: str | None, want: str | None) -> None:
    assert resolve(Partial(fields, end), Reference.parse(ref)) == want


@pytest.mark.parametrize("year,ref,want", [
    (98, "2021-06-14", 1998), (24, "2021-06-14", 2024), (70, "1965-10-01", 1970),
    (58, "1970-01-01", 1958), (7, None, 2007), (87, None, 1987), (2022, None, 2022),
])
def test_two_digit_years_take_the_nearest_century(year: int, ref: str | None, want: int) -> None:
    assert expand_year(year, Reference.parse(ref)) == want


@pytest.mark.parametrize("iso,want", [
    ("2020-02-25T15:27:09", Reference(2020, 2, 25)), ("2022-07", Reference(2022, 7, None)),
    ("--11-14", Reference(None, 11, 14)), ("---21", Reference(None, None, 21)), (None, Reference()),
    ("garbage", Reference()),
])
def test_reference_parse(iso: str | None, want: Reference) -> None:
    assert Reference.parse(iso) == want


@pytest.mark.parametrize("text,want", [
    ("十", 10), ("十二", 12), ("二十一", 21), ("廿一", 21), ("卅一", 31), ("三十", 30), ("两千零四", 2004),
])
def test_chinese_numerals(grammar: DateGrammar, text: str, want: int) -> None:
    assert grammar.numerals.chinese(text) == want


def test_chinese_year_digits(grammar: DateGrammar) -> None:
    assert grammar.numerals.chinese("二〇二二", year=True) == 2022
    assert grammar.numerals.chinese("九七", year=True) == 97


# ---------------------------------------------------------------- date line

def test_date_line_is_marked_in_find_and_valued_in_resolve(pipeline: rx.Pipeline) -> None:
    """Stage 3 marks the date line with its fields; stage 4 gives it its ISO value."""
    text = "标题\n2021-09-14 10:05:33 发布来源:某报\n9月13日,会议召开。"
    norm = pipeline.normalise(text)
    view = rx.pipeline.TextView(norm, pipeline.detect_language(norm))
    mentions = pipeline.dates.find(view)
    line = [m for m in mentions if m.attrs.get("published")]
    assert len(line) == 1 and not isinstance(line[0].value, str)
    pipeline.date_resolver.mark_published(mentions)
    assert line[0].attrs["published"] is True and line[0].value == "2021-09-14T10:05:33"


def test_a_date_in_the_body_is_not_the_date_line(pipeline: rx.Pipeline) -> None:
    doc = pipeline("2月25日,记者从发布会获悉,截至2月24日,全市开工率98%。")
    assert doc.published is None
    assert [d.value for d in doc.dates] == ["--02-25", "--02-24"]


def test_a_labelled_line_beats_a_header_widget(pipeline: rx.Pipeline) -> None:
    doc = pipeline("Portal\n\n3 January 2015\n\nNews\n\n2021-05-06 Download Print\n\nOn May 5, firms reopened.")
    assert doc.published == "2021-05-06"
    assert ("May 5", "2021-05-05") in [(d.text, d.value) for d in doc.dates]


def test_lunar_new_year_table_is_sorted_and_plausible() -> None:
    rows = PatternStore().tsv("dates/lunar_new_year.tsv")
    years = [int(r["year"]) for r in rows]
    assert years == sorted(set(years))
    for r in rows:
        d = date.fromisoformat(r["new_year"])
        assert d.year == int(r["year"]) and (d.month, d.day) >= (1, 21) and (d.month, d.day) <= (2, 20)
