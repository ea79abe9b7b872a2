"""Metamorphic invariance: rewriting a text the way the web does keeps every VALUE.

A seed and its OpenCC traditional version, its full-width-digit version, its
CRLF version and a version with random whitespace between lines must give the
same quantities (value, unit, counter), dates, region and agency codes and
indicators.  Spans differ (they point into each variant) and are checked
against each variant's own text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PUBLISHED = "2022-04-27"
_FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789%.,:;()ABCDEFGHIJKLMNOPQRSTUVWXYZ"})


def values(doc: rx.Document) -> dict[str, Any]:
    """What must not change: every value of every record, in order of appearance."""
    return {
        "published": doc.published,
        "quantities": [(q.value, q.unit, q.counter, q.approx) for q in doc.quantities],
        "dates": [d.value for d in doc.dates],
        "regions": [r.value for r in doc.regions],
        "agencies": [a.value for a in doc.agencies],
        "indicators": sorted((i.metric, i.value, i.unit, str(i.region), str(i.date), str(i.basis))
                             for i in doc.indicators),
    }


def spans_hold(text: str, doc: rx.Document) -> None:
    for kind in ("quantities", "dates", "regions", "agencies"):
        for m in getattr(doc, kind):
            assert text[m.start:m.end] == m.text, (kind, m)


def traditional(text: str) -> str:
    import opencc

    return str(opencc.OpenCC("s2t").convert(text))


VARIANTS: dict[str, Callable[[str], str]] = {
    "traditional": traditional,
    "full_width": lambda t: t.translate(_FULL_WIDTH),
    "crlf": lambda t: t.replace("\n", "\r\n"),
}


@pytest.fixture(scope="module")
def baseline(pipeline: rx.Pipeline) -> dict[str, dict[str, Any]]:
    return {p.stem: values(pipeline.extract(p.read_text(encoding="utf-8"))) for p in SEEDS}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_variant_keeps_values(seed: Path, variant: str, pipeline: rx.Pipeline,
                                   baseline: dict[str, dict[str, Any]]) -> None:
    text = VARIANTS[variant](seed.read_text(encoding="utf-8"))
    doc = pipeline.extract(text)
    spans_hold(text, doc)
    assert values(doc) == baseline[seed.stem]


def _paragraphs() -> list[str]:
    out: list[str] = []
    for path in SEEDS:
        lines = [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
        out += ["\n".join(lines[i:i + 3]) for i in range(0, len(lines), 3)]
    return out


PARAGRAPHS = _paragraphs()
# Whitespace a scraper leaves between lines: spaces, tabs, ideographic spaces, blank lines.
GAPS = st.text(alphabet=" \t\u3000\n\r", max_size=6)


def _rejoin(block: str, gaps: list[str]) -> str:
    lines = block.split("\n")
    return "".join(line + "\n" + gaps[i % len(gaps)] if i < len(lines) - 1 else line
                   for i, line in enumerate(lines)) if gaps else block


_EXPECTED: dict[tuple[str, str | None], dict[str, Any]] = {}


def _expected(pipeline: rx.Pipeline, block: str, variant: str | None) -> dict[str, Any]:
    """The values of a paragraph as written (few distinct ones: computed once each)."""
    key = (block, variant)
    if key not in _EXPECTED:
        text = VARIANTS[variant](block) if variant is not None else block
        _EXPECTED[key] = values(pipeline.extract(text, published=PUBLISHED))
    return _EXPECTED[key]


# One whole-pipeline run per example (the unspaced paragraph's values are cached), so the
# ci profile's 10,000 examples fit in CI.
@given(st.sampled_from(PARAGRAPHS), st.lists(GAPS, min_size=1, max_size=4),
       st.sampled_from([None, *sorted(VARIANTS)]))
def test_random_whitespace_between_lines_keeps_values(block: str, gaps: list[str],
                                                      variant: str | None) -> None:
    pipeline = rx.pipeline.default_pipeline()
    expected = _expected(pipeline, block, variant)
    if variant is not None:
        block = VARIANTS[variant](block)
    spaced = _rejoin(block, gaps)
    doc = pipeline.extract(spaced, published=PUBLISHED)
    spans_hold(spaced, doc)
    assert values(doc) == expected
