"""Agencies: the case file and resolution of level words from the document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import recovery_extract as rx
from test_regions import check_case

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "agencies.yaml").read_text(encoding="utf-8"))


def test_case_file_is_well_formed() -> None:
    labels = [c["label"] for c in CASES]
    assert len(labels) == len(set(labels))
    for c in CASES:
        assert set(c) <= {"label", "text", "context", "expect", "absent"}, c["label"]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_agency_case(pipeline: rx.Pipeline, case: dict[str, Any]) -> None:
    check_case(pipeline, case, "agencies")


@pytest.mark.parametrize("text,agency,code", [
    ("滕州市企业复工。市工信局加强服务。", "市工信局", "370481"),  # a county-level city: its own bureau
    ("济南市槐荫区企业复工。市工信局加强服务。", "市工信局", "370100"),  # a district: the city above it
    ("浙江省企业复工。省经信厅表示。", "省经信厅", "330000"),
])
def test_level_prefix_follows_main_region(pipeline: rx.Pipeline, text: str, agency: str, code: str) -> None:
    doc = pipeline(text)
    hits = [a.value for a in doc.agencies if a.text == agency]
    assert hits == [code], [(a.text, a.value) for a in doc.agencies]


def test_national_body_without_region_context(pipeline: rx.Pipeline) -> None:
    doc = pipeline("工信部发布通知。")
    assert [(a.text, a.value) for a in doc.agencies] == [("工信部", None)]
