"""No catastrophic backtracking: every compiled pattern grows linearly on its worst inputs.

For each regex the pipeline uses (found by walking a Pipeline and the package's
module globals: ``tests/regex_inventory.py``), worst-case strings are built from
its examples, their near misses (last character dropped) and repeated characters
of its own alphabet and of news text.  Each is timed at ``n`` and ``8n``
characters in the same run, the way the code applies the pattern: a full
``finditer`` pass, or one ``match`` / ``fullmatch`` for the patterns the code
only tries at one position (``regex_inventory.USAGE``).  Linear growth gives a
ratio near 8, quadratic near 64.

Load-robust by construction, with no wall-clock thresholds:

- time is the thread's CPU time, so time spent descheduled on a busy machine
  does not count;
- small and large inputs are timed interleaved, best of three (garbage collector
  off), and ``n`` grows until the large input takes 2 ms of CPU;
- a ratio over 14 is measured again one size up while that stays cheap, where a
  quadratic pattern's ratio climbs towards 64 and a linear one's stays near 8;
  a ratio still above ``LIMIT`` (30) is measured all over again, best of five,
  and both measurements must exceed it.

``KNOWN_SUPERLINEAR`` lists the patterns still quadratic on some input, each with
where the code applies it and what bounds the input there.  It is strict both
ways: a super-linear pattern not in it fails, and so does a listed one that has
become clearly linear (every ratio under 14, far from the limit, so noise cannot
flip it); a ratio in between passes either way.

``python tests/regex_inventory.py`` prints the patterns that grow the most.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import recovery_extract as rx
from recovery_extract.data.patterns import data_dir

sys.path.insert(0, str(Path(__file__).resolve().parent))
import regex_inventory as inventory  # noqa: E402

# Patterns still super-linear, each with what bounds its input (strict: one that has
# become linear must leave). Empty: every pattern the pipeline uses grows linearly.
KNOWN_SUPERLINEAR: dict[str, str] = {}


@pytest.fixture(scope="module")
def entries() -> list[inventory.Found]:
    return inventory.collect(rx.Pipeline(patterns=data_dir()))


def test_inventory_finds_the_grammars(entries: list[inventory.Found]) -> None:
    names = {e.name for e in entries}
    # One pattern of each extractor's data files, and a module-level one.
    assert any(n.startswith("quantities.") for n in names)
    assert any(n.startswith("dates.") for n in names)
    assert any("regions" in n for n in names)
    assert any("agencies" in n for n in names)
    assert any(n.startswith("recovery_extract.") for n in names)
    assert len(entries) > 100
    # The patterns tried at one position are recognised as such.
    modes = {e.name: inventory.usage(e) for e in entries}
    assert modes["quantities.zh.number_unit"] == "match"
    assert modes["pipeline.dates.grammar.joins[0].between"] == "fullmatch"
    assert modes["pipeline.regions.rules.zh_org_after_far"] == "match"
    assert modes["dates.en.day_month"] == "finditer"


def test_growth_detects_a_quadratic_pattern() -> None:
    """The yardstick works: a textbook quadratic pattern fails it, its linear form passes."""
    import regex

    bad = inventory.judge(inventory.Found("bad", regex.compile(r"\S+\d"), ["ab"]))
    assert bad.superlinear, bad.describe()
    good = inventory.judge(inventory.Found("good", regex.compile(r"(?<!\S)\S+\d"), ["ab"]))
    assert good.clearly_linear, good.describe()


def test_known_list_names_real_patterns(entries: list[inventory.Found]) -> None:
    present = {e.name for e in entries}
    assert not set(KNOWN_SUPERLINEAR) - present, "renamed or removed: update KNOWN_SUPERLINEAR"


def test_every_pattern_grows_linearly(entries: list[inventory.Found]) -> None:
    verdicts = [inventory.judge(e) for e in entries]
    new = {v.entry.name: v.describe() for v in verdicts
           if v.superlinear and v.entry.name not in KNOWN_SUPERLINEAR}
    assert not new, "super-linear patterns:\n" + "\n".join(f"{k}: {v}" for k, v in new.items())
    fixed = {v.entry.name: v.describe() for v in verdicts
             if v.clearly_linear and v.entry.name in KNOWN_SUPERLINEAR}
    assert not fixed, "now linear, remove from KNOWN_SUPERLINEAR:\n" + \
        "\n".join(f"{k}: worst {v}" for k, v in fixed.items())
