"""The external cases (tests/external/*.jsonl, converted from Recognizers-Text,
JioNLP and Duckling test suites; see tests/external/README.md).

Within its scope a case is exhaustive: every expected item must be found (spans
overlap, value equal, unit equal where given) and nothing else of that scope may
be reported.  Cases we still get wrong are listed per suite in
``tests/external/known_failures/<suite>.txt`` and run as strict xfails: a case
that starts passing fails the build until it is taken off the list.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

import recovery_extract as rx

HERE = Path(__file__).resolve().parent / "external"
PHYSICAL = {"kg", "g", "t", "km", "m", "cm", "mm", "µg", "mg", "km2", "m2", "m3", "kWh", "l"}


def load_cases() -> list[dict[str, Any]]:
    cases = []
    for path in sorted(HERE.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cases.append(json.loads(line))
    return cases


def known_failures() -> set[str]:
    ids: set[str] = set()
    for path in sorted((HERE / "known_failures").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            case_id = line.split("#", 1)[0].strip()
            if case_id:
                ids.add(case_id)
    return ids


def in_scope(scope: str, item: dict[str, Any]) -> bool:
    unit = item.get("unit")
    if scope == "currency":
        return isinstance(unit, str) and len(unit) == 3 and unit.isupper()
    if scope == "percent":
        return unit in ("%", "pp")
    if scope == "dimension":
        return unit in PHYSICAL
    return True


def predictions(case: dict[str, Any]) -> list[dict[str, Any]]:
    if case["scope"] == "number":
        return [{"text": n.text, "start": n.start, "end": n.end, "value": n.value}
                for n in rx.find_numbers(case["text"])]
    record = rx.extract(case["text"], published=case.get("reference_date")).to_dict()
    if case["scope"] == "date":
        return record["dates"]
    return [q for q in record["quantities"] if in_scope(case["scope"], q)]


def same(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    a, b = expected.get("value"), got.get("value")
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(b, bool):
        if not math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9):
            return False
        return expected.get("unit") is None or expected.get("unit") == got.get("unit")
    return a == b


def passes(case: dict[str, Any], preds: list[dict[str, Any]]) -> bool:
    left = list(preds)
    for e in case["expect"]:
        hit = next((p for p in left if p["start"] < e["end"] and e["start"] < p["end"] and same(e, p)), None)
        if hit is None:
            return False
        left.remove(hit)
    return not left


CASES = load_cases()
KNOWN = known_failures()


def test_known_failures_name_real_cases() -> None:
    assert KNOWN <= {c["id"] for c in CASES}, sorted(KNOWN - {c["id"] for c in CASES})


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(strict=True, reason="known failure")]
                  if c["id"] in KNOWN else []) for c in CASES],
)
def test_external_case(case: dict[str, Any]) -> None:
    preds = predictions(case)
    assert passes(case, preds), f"{case['text']!r}: want {case['expect']}, got {preds}"
