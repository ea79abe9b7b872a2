"""Every compiled regular expression the pipeline uses, and worst-case inputs for each.

Used by ``tests/test_backtracking.py`` (and handy on its own: ``python
tests/regex_inventory.py`` prints the slowest patterns).  Patterns are found by
walking a :class:`~recovery_extract.Pipeline`'s object graph (extractors, their
grammars, the PatternStore cache) and the module globals of the package, so a
pattern added to any extractor or data file is checked without registering it.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

import recovery_extract as rx
from recovery_extract.data.patterns import data_dir

_PATTERN_TYPES = (type(regex.compile("")), re.Pattern)
# Characters news text is made of: digits, separators, Han numerals and units, Latin.
GENERIC_UNITS = ("a", "S", "1", "3", "1.", " ", "\n", "中", "万", "月", "%", "-", "of ", "1万", "12月", "省")


@dataclass
class Found:
    """One compiled pattern and where it came from."""

    name: str
    pattern: Any
    examples: list[str] = field(default_factory=list)
    path: str = ""


def collect(pipeline: rx.Pipeline) -> list[Found]:
    """Every distinct compiled pattern reachable from ``pipeline`` or a module global."""
    found: dict[int, Found] = {}
    seen: set[int] = set()
    path_of: dict[int, list[str]] = {}

    def add(pattern: Any, name: str, examples: tuple[str, ...] | list[str] = ()) -> None:
        entry = found.setdefault(id(pattern), Found(name, pattern))
        entry.path = " ".join(path_of.get(id(pattern), [name]))
        entry.examples.extend(e for e in examples if isinstance(e, str) and e not in entry.examples)

    def walk(obj: Any, name: str, depth: int) -> None:
        if isinstance(obj, _PATTERN_TYPES):
            add(obj, name)
            return
        if depth > 8 or id(obj) in seen or isinstance(obj, (str, bytes, int, float, bool, type(None))):
            return
        seen.add(id(obj))
        if hasattr(obj, "compiled") and isinstance(getattr(obj, "compiled"), _PATTERN_TYPES):
            path_of.setdefault(id(obj.compiled), []).append(name)
            label = getattr(obj, "id", None) or name
            add(obj.compiled, str(label), tuple(getattr(obj, "examples", ()) or ()))
        if isinstance(obj, dict):
            for k, v in obj.items():
                walk(v, f"{name}[{k!r}]" if len(str(k)) < 40 else f"{name}[...]", depth + 1)
        elif isinstance(obj, (list, tuple, set, frozenset)):
            if len(obj) > 5000:  # lexicons: plain data, no patterns inside
                return
            for i, v in enumerate(obj):
                walk(v, f"{name}[{i}]", depth + 1)
        else:
            attrs: dict[str, Any] = {}
            if hasattr(obj, "__dict__") and not isinstance(obj, type):
                attrs.update(vars(obj))
            for slot in getattr(type(obj), "__slots__", ()):
                if hasattr(obj, slot):
                    attrs[slot] = getattr(obj, slot)
            for k, v in attrs.items():
                walk(v, f"{name}.{k}", depth + 1)

    walk(pipeline, "pipeline", 0)
    for info in pkgutil.walk_packages(rx.__path__, "recovery_extract."):
        if ".integrations" in info.name or info.name.endswith("__main__"):
            continue  # optional third-party back-ends; no text patterns
        try:
            module = importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 - a module that needs an optional extra
            continue
        for attr, value in vars(module).items():
            if isinstance(value, _PATTERN_TYPES):
                add(value, f"{info.name}.{attr}")
    return list(found.values())


def literal_units(pattern: Any, limit: int = 4) -> list[str]:
    """Characters written literally in the pattern source (Han, digits, punctuation)."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else ""
    source = regex.sub(r"\\[pPLN]\{[^}]*\}|\\L<\w+>|\(\?P?<\w+>|\(\?-?\w+[:)]|\\[a-zA-Z]", "", source)
    chars = [c for c in dict.fromkeys(source) if not c.isspace() and c not in "()[]{}?*+|^$\\<>=!:"]
    return chars[:limit]


def worst_cases(entry: Found) -> Iterator[str]:
    """Repeating units that make a regex try hard: its examples, their near misses, its alphabet."""
    units: list[str] = []
    for example in entry.examples[:2]:
        units += [example, example[:-1], example + " ", example[1:]]
    units += literal_units(entry.pattern)
    units += list(GENERIC_UNITS)
    return (u for u in dict.fromkeys(units) if u)


# How the code applies a pattern when it is not a scan of a whole text (``finditer`` /
# ``search``, the default), by a regex on the pattern's paths in the object graph.
# "match": one attempt at one position, e.g. ``rule.compiled.match(text, numeral.end)``:
# the text after that position is the input, and one attempt must be linear in it.
# "fullmatch": the whole input at once.
USAGE: tuple[tuple[str, str], ...] = (
    (r"\.g\.(?:after|suffix|connectors)\[", "match"),  # quantities.py: right after a numeral
    (r"\.joins\[\d+\]\.between\b", "fullmatch"),     # dates_grammar._join_pair: the gap between two dates
    (r"\.joins\[\d+\]\.after\b", "match"),           # ... and what follows the second date
    (r"\.rules\.(?:zh_org_after|zh_org_after_far|zh_in_brackets_after|en_org_after|en_compound_after)\b",
     "match"),                                       # regions_rules: right after a place name
)


def usage(entry: Found) -> str:
    """``finditer``, ``match`` or ``fullmatch``: how the code applies ``entry``'s pattern."""
    for pattern, mode in USAGE:
        if re.search(pattern, entry.path):
            return mode
    return "finditer"


def _once(pattern: Any, text: str, mode: str) -> float:
    """CPU seconds of this thread for one application of ``pattern`` to ``text``.

    Thread CPU time, not wall-clock: time the process spends descheduled on a busy
    machine does not count, so a loaded box does not inflate the large input's time.
    """
    t0 = time.thread_time()
    if mode == "match":
        pattern.match(text)
    elif mode == "fullmatch":
        pattern.fullmatch(text)
    else:
        for _m in pattern.finditer(text):
            pass
    return time.thread_time() - t0


def timed(pattern: Any, small: str, large: str, mode: str, repeat: int) -> tuple[float, float]:
    """Best of ``repeat`` interleaved runs on ``small`` and ``large`` (garbage collector off),
    so a stall hits one sample of one size, and the minimum drops it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        best_small = best_large = float("inf")
        for _ in range(repeat):
            best_small = min(best_small, _once(pattern, small, mode))
            best_large = min(best_large, _once(pattern, large, mode))
    finally:
        if enabled:
            gc.enable()
    return best_small, best_large


@dataclass
class Growth:
    """How one pattern's time grows from ``n`` to ``8n`` characters of one unit.

    ``measured`` is false when even the largest input ran under the floor: a pattern
    that fast is linear for all purposes, and its ratio (of microseconds) means nothing.
    """

    name: str
    unit: str
    n: int
    small: float
    large: float
    measured: bool = True

    @property
    def ratio(self) -> float:
        if not self.measured:
            return 1.0
        return self.large / max(self.small, 1e-9)

    @property
    def per_char_us(self) -> float:
        return self.large / (8 * self.n) * 1e6 if self.n else 0.0


# Linear growth from n to 8n gives a ratio near 8, quadratic near 64.
CLEARLY_LINEAR = 14.0
# Largest input 32k characters: a quadratic pattern needs about 5e8 steps there (far over
# the floor); one still under the floor is linear.
SIZES = (256, 1024, 4096)


def growth(entry: Found, unit: str, floor: float = 0.002, sizes: tuple[int, ...] = SIZES,
           repeat: int = 3) -> Growth:
    """Time at ``n`` and ``8n`` characters of ``unit``, raising ``n`` until the large run is measurable.

    Sizes are compared within one run (no wall-clock thresholds): the large input must
    take at least ``floor`` seconds of CPU for the ratio to mean anything. A ratio that
    is not clearly linear is measured again one size up while that stays cheap: a
    quadratic pattern's ratio grows towards 64 with ``n``, a linear one's stays near 8.
    """
    mode = usage(entry)
    g = Growth(entry.name, unit, 0, 0.0, 0.0, measured=False)
    for i, size in enumerate(sizes):
        reps = max(1, size // len(unit))
        small_text, large_text = unit * reps, unit * (8 * reps)
        probe = _once(entry.pattern, large_text, mode)
        if probe < floor:
            if g.measured:
                return g  # the last measurement stands (only reached after a noisy one)
            g = Growth(entry.name, unit, len(unit) * reps, 0.0, probe, measured=False)
            continue
        small, large = timed(entry.pattern, small_text, large_text, mode, repeat)
        if large < floor:
            continue  # the probe was a stall, not the pattern
        g = Growth(entry.name, unit, len(unit) * reps, small, large)
        if g.ratio < CLEARLY_LINEAR or i == len(sizes) - 1 or large > 0.02:
            return g
    return g


# Above this a pattern is super-linear: between linear (8) and quadratic (64), with room
# for what is left of timing noise after taking the best of interleaved runs of CPU time.
LIMIT = 30.0


@dataclass
class Verdict:
    """A pattern's worst growth over its worst-case units, and what it says."""

    entry: Found
    worst: Growth

    @property
    def superlinear(self) -> bool:
        return self.worst.ratio > LIMIT

    @property
    def clearly_linear(self) -> bool:
        return self.worst.ratio < CLEARLY_LINEAR

    def describe(self) -> str:
        g = self.worst
        return f"x{g.ratio:.0f} from {g.n} to {8 * g.n} chars of {g.unit[:20]!r} ({usage(self.entry)})"


def judge(entry: Found) -> Verdict:
    """Growth on each worst-case unit; the first super-linear one (confirmed by a second,
    longer measurement: both must exceed LIMIT) settles it, else the worst ratio stands."""
    worst: Growth | None = None
    for unit in worst_cases(entry):
        g = growth(entry, unit)
        if g.ratio > LIMIT:
            again = growth(entry, unit, repeat=5)
            g = again if again.ratio < g.ratio else g
            if g.ratio > LIMIT:
                return Verdict(entry, g)
        if worst is None or g.ratio > worst.ratio:
            worst = g
    return Verdict(entry, worst or Growth(entry.name, "", 0, 0.0, 0.0, measured=False))


def main() -> None:
    started = time.perf_counter()
    pipeline = rx.Pipeline(patterns=data_dir())  # a folder: every regex compiled at once
    entries = collect(pipeline)
    print(f"{len(entries)} patterns")
    verdicts = [judge(e) for e in entries]
    print("largest growth from n to 8n:")
    for v in sorted(verdicts, key=lambda v: -v.worst.ratio)[:15]:
        print(f"{v.worst.ratio:6.1f}  {v.worst.per_char_us:8.3f} us/char  {v.entry.name}: {v.describe()}")
    print("slowest per character (on the unit that grew most):")
    for v in sorted(verdicts, key=lambda v: -v.worst.per_char_us)[:10]:
        print(f"{v.worst.per_char_us:8.3f} us/char  {v.entry.name}: {v.describe()}")
    print(f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
