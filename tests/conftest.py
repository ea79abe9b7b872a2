"""Shared fixtures: one Pipeline per test session, paths to the repo's data."""

from __future__ import annotations

from pathlib import Path

import pytest

import recovery_extract as rx

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def pipeline() -> rx.Pipeline:
    return rx.Pipeline()


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in SEEDS}
