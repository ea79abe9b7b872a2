"""Shared fixtures: one Pipeline per test session, paths to the repo's data."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, settings

import recovery_extract as rx
from recovery_extract.data import regex_cache

# Property tests draw, per test (tests that fix their own max_examples keep it):
#   dev      200      local runs (`make test`)
#   ci       2,000    .ci/run. Measured with --durations on the shared 2-core machine at a
#                     load average of 7.5: the 23 profile-driven properties take 328 s in
#                     one process at 2,000 (about 27 min at 10,000, most of CI's 43), the
#                     rest of the suite about 5 min. Same properties, fewer draws.
#   nightly  10,000   full strength: `HYPOTHESIS_PROFILE=nightly make test` (`make nightly`)
#   soak     100,000  before a release (`HYPOTHESIS_PROFILE=soak make test`)
_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
               print_blob=True)
PROFILES = {"dev": 200, "ci": 2_000, "nightly": 10_000, "soak": 100_000}
for _name, _examples in PROFILES.items():
    settings.register_profile(_name, max_examples=_examples, **_COMMON)
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


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh compiled-regex cache folder for one test (the cache state reset around it)."""
    monkeypatch.setenv(regex_cache.ENV, str(tmp_path / "cache"))
    regex_cache.reset()
    yield tmp_path / "cache"
    regex_cache.reset()
