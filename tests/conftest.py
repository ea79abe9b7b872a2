"""Shared fixtures: one Pipeline per test session, paths to the repo's data."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, settings

import recovery_extract as rx

# Property tests run 200 examples each locally; CI sets HYPOTHESIS_PROFILE=ci for
# 10,000, and `HYPOTHESIS_PROFILE=soak make test` runs 100,000 (see README).
_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
               print_blob=True)
settings.register_profile("dev", max_examples=200, **_COMMON)
settings.register_profile("ci", max_examples=10_000, **_COMMON)
settings.register_profile("soak", max_examples=100_000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def pipeline() -> rx.Pipeline:
    return rx.Pipeline()


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in SEEDS}


@pytest.fixture(scope="session")
def corpus() -> Callable[[str], list[str]]:
    """``corpus("dates.*.yaml")``: the seeds, every external case text and the texts of the
    matching case files: what a data promise (anchors, needs) is checked over."""
    base = [p.read_text(encoding="utf-8") for p in SEEDS]
    for path in sorted((ROOT / "tests" / "external").glob("*.jsonl")):
        base += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]

    def texts(cases: str) -> list[str]:
        out = list(base)
        for path in sorted((ROOT / "tests" / "cases").glob(cases)):
            out += [str(case["text"]) for case in yaml.safe_load(path.read_text(encoding="utf-8"))]
        return out

    return texts
