"""Regions: the case file, a table of ambiguous names, and properties of the matcher."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "regions.yaml").read_text(encoding="utf-8"))


def check_case(pipeline: rx.Pipeline, case: dict[str, Any], kind: str) -> None:
    """Every expected mention reported with its value (and name if given); no absent text reported."""
    published = (case.get("context") or {}).get("published")
    doc = pipeline(case["text"], published=published)
    got = [m for m in getattr(doc, kind)]
    for want in case.get("expect") or []:
        hits = [m for m in got if m.text == want["text"]]
        assert hits, f"{case['label']}: {want['text']!r} not found in {[(m.text, m.value) for m in got]}"
        assert any(m.value == want["value"] for m in hits), \
            f"{case['label']}: {want['text']!r} -> {[m.value for m in hits]}, want {want['value']!r}"
        if "name" in want:
            assert any(m.name == want["name"] for m in hits), f"{case['label']}: names {[m.name for m in hits]}"
    for text in case.get("absent") or []:
        assert all(m.text != text for m in got), f"{case['label']}: {text!r} must not be a {kind} mention"


def test_case_file_is_well_formed() -> None:
    labels = [c["label"] for c in CASES]
    assert len(labels) == len(set(labels))
    for c in CASES:
        assert set(c) <= {"label", "text", "context", "expect", "absent"}, c["label"]
        assert c.get("expect") or c.get("absent"), c["label"]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_region_case(pipeline: rx.Pipeline, case: dict[str, Any]) -> None:
    check_case(pipeline, case, "regions")


# Ambiguous names, resolved as a reader would: (text, surface, expected code).
AMBIGUOUS = [
    ("吉林省经济平稳。吉林的企业复工。", "吉林", "220000"),        # province named: the province
    ("吉林市船营区企业复工。吉林的工厂开工。", "吉林", "220200"),  # a Jilin-city article: the city
    ("Jilin reported growth in industry.", "Jilin", "220000"),     # no context: the province
    ("Jilin City factories reopened. Jilin City leads.", "Jilin City", "220200"),
    ("Chaoyang District of Beijing: Beijing firms in Chaoyang reopened.", "Chaoyang District", "110105"),
    ("辽宁省朝阳市企业复工,朝阳市工业回升。", "朝阳市", "211300"),
    ("Xinjiang factories reopened.", "Xinjiang", "650000"),        # the region, not 新绛县
    ("The Guangzhou firm is in Huangpu district, Guangzhou.", "Huangpu district", "440112"),
    ("Shanghai firms in Huangpu District reopened. Shanghai leads.", "Huangpu District", "310101"),
]


@pytest.mark.parametrize("text,surface,code", AMBIGUOUS)
def test_ambiguous_names(pipeline: rx.Pipeline, text: str, surface: str, code: str) -> None:
    doc = pipeline(text)
    hits = [m.value for m in doc.regions if m.text == surface]
    assert hits and hits[0] == code, (surface, [(m.text, m.value) for m in doc.regions])


def test_name_inside_agency_is_not_a_region(pipeline: rx.Pipeline) -> None:
    doc = pipeline("济南市工信局表示,济南市企业复工。")
    assert [m.text for m in doc.regions] == ["济南市"]
    assert doc.regions[0].start > 5


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("济南市山东省工信局委 Shandong'’Province,。的了中国China")), max_size=60))
def test_spans_select_their_text(pipeline: rx.Pipeline, text: str) -> None:
    doc = pipeline(text)
    for m in (*doc.regions, *doc.agencies):
        assert text[m.start:m.end] == m.text
        assert m.value is None or isinstance(m.value, str)


_NAMES = ["广东省", "广东", "济南市", "沛县", "准噶尔盆地", "黄河流域", "湖北", "长江经济带", "章丘区", "中国"]
_FILLER = ["企业复工", "工业增加值增长", "的", ",", "。", "开工率达到", "规上工业", "\n"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_NAMES + _FILLER), min_size=1, max_size=12))
def test_traditional_script_gives_the_same_regions(pipeline: rx.Pipeline, parts: list[str]) -> None:
    """The same text in traditional characters yields the same region values at the same offsets."""
    import opencc

    simplified = "".join(parts)
    traditional = opencc.OpenCC("s2t").convert(simplified)
    a = [(m.start, m.end, m.value) for m in pipeline(simplified).regions]
    b = [(m.start, m.end, m.value) for m in pipeline(traditional).regions]
    assert a == b, (simplified, traditional)
