"""Quantities: document cases (tests/cases/quantities.*.yaml), the inline examples of
the grammar files, and the seed regression against tests/expected/quantities/.

Rewrite the seed expectations after a reviewed change with

    .venv/bin/python tests/test_quantities.py --write
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import recovery_extract as rx
from recovery_extract.extract.quantities import QuantityExtractor
from recovery_extract.data.patterns import default_store

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
EXPECTED = ROOT / "tests" / "expected" / "quantities"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(CASES.glob("quantities.*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            case["_file"] = path.name
            cases.append(case)
    return cases


def _matches(want: dict[str, Any], got: dict[str, Any]) -> bool:
    if got["text"] != str(want["text"]) or got["unit"] != want["unit"]:
        return False
    if not math.isclose(got["value"], want["value"], rel_tol=1e-6):
        return False
    return all(got.get(key) == want[key] for key in ("counter", "approx") if key in want)


CASE_LIST = load_cases()


def test_case_labels_are_unique() -> None:
    labels = [c["label"] for c in CASE_LIST]
    assert len(labels) == len(set(labels))
    assert len(labels) >= 15


@pytest.mark.parametrize("case", CASE_LIST, ids=[c["label"] for c in CASE_LIST])
def test_document_case(pipeline: rx.Pipeline, case: dict[str, Any]) -> None:
    published = (case.get("context") or {}).get("published")
    doc = pipeline.extract(case["text"], published=published)
    got = [q.to_dict() if hasattr(q, "to_dict") else _as_dict(q) for q in doc.quantities]
    for q in got:
        assert case["text"][q["start"]:q["end"]] == q["text"]
    for want in case.get("expect") or []:
        assert any(_matches(want, g) for g in got), f"missing {want}; got {got}"
    if case.get("expect") == []:
        assert got == [], got
    for text in case.get("absent") or []:
        assert not any(text in g["text"] or g["text"] in text and len(g["text"]) > 1 for g in got), (text, got)


def _as_dict(q: rx.Quantity) -> dict[str, Any]:
    return {"text": q.text, "start": q.start, "end": q.end, "value": q.value, "unit": q.unit,
            "counter": q.counter, "approx": q.approx}


@pytest.fixture(scope="module")
def extractor() -> QuantityExtractor:
    return QuantityExtractor(default_store())


def test_grammar_examples_match(extractor: QuantityExtractor) -> None:
    data = yaml.safe_load((ROOT / "patterns" / "quantities" / "patterns.yaml").read_text(encoding="utf-8"))
    rules = {r.id: r for r in extractor.g.after + extractor.g.before + extractor.g.extra_numerals}
    for section in ("after", "before"):
        for entry in data[section]:
            rule = rules[entry["id"]]
            for example in entry.get("examples") or []:
                target = example if section == "after" else example
                hit = rule.compiled.match(target) if section == "after" else rule.compiled.search(target)
                assert hit is not None, (entry["id"], example)


def test_exclusion_examples_match(extractor: QuantityExtractor) -> None:
    data = yaml.safe_load((ROOT / "patterns" / "quantities" / "exclusions.yaml").read_text(encoding="utf-8"))
    rules = {r.id: r for r in extractor.g.exclusions}
    for entry in data["exclusions"]:
        for example in entry.get("examples") or []:
            assert rules[entry["id"]].compiled.search(example), (entry["id"], example)


def test_every_surface_names_a_known_unit(extractor: QuantityExtractor) -> None:
    for lang, table in extractor.g.surfaces.items():
        unknown = {s: v.unit for s, v in table.items() if v.unit not in extractor.g.known_units}
        assert not unknown, (lang, unknown)


def test_adding_a_unit_is_data_only(tmp_path: Path) -> None:
    """A new surface line in a copy of patterns/ is picked up without code."""
    import shutil

    copy = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", copy)
    with (copy / "units" / "surfaces.zh.tsv").open("a", encoding="utf-8") as f:
        f.write("桶\tl\t159\tafter\n")
    doc = rx.Pipeline(copy).extract("原油产量20万桶。")
    assert [(q.text, q.value, q.unit) for q in doc.quantities] == [("20万桶", 31800000, "l")]


def test_never_raises_on_odd_input(pipeline: rx.Pipeline) -> None:
    for text in ("", "%%%", "万亿", "$", "- - -", "一" * 500, "9" * 400, "负", "分之"):
        pipeline.extract(text)


def seed_records(pipeline: rx.Pipeline, path: Path) -> list[dict[str, Any]]:
    doc = pipeline.extract(path.read_text(encoding="utf-8"), doc_id=path.stem)
    return [_as_dict(q) | {"rule": q.rule} for q in doc.quantities]


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_regression(pipeline: rx.Pipeline, seed: Path) -> None:
    expected_path = EXPECTED / f"{seed.stem}.json"
    if not expected_path.is_file():
        pytest.skip("no committed expectation")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert seed_records(pipeline, seed) == expected


def write_expected() -> None:
    """Write tests/expected/quantities/<seed>.json from the current output (review the diff!)."""
    pipeline = rx.Pipeline()
    EXPECTED.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS:
        records = seed_records(pipeline, seed)
        (EXPECTED / f"{seed.stem}.json").write_text(
            json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{seed.stem}: {len(records)} quantities")


if __name__ == "__main__":
    if "--write" in sys.argv:
        write_expected()
