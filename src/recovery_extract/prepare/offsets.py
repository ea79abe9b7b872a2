"""Offset maps: positions in normalised text <-> positions in the original.

Every normalisation step is described by a list of *edits* against its input:
``(start, end, replacement)``, sorted and non-overlapping.  Text outside the
edits is copied unchanged.  An :class:`OffsetMap` built from those edits sends
any span of the step's output back to the smallest span of its input that
produced it; maps of consecutive steps compose.  This module is the only code
that converts span positions, so ``original[start:end] == text`` holds for every
reported span by construction.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

Edit = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class StepMap:
    """Positions of one step's output mapped to its input, built from edits."""

    out_starts: tuple[int, ...]
    edits: tuple[Edit, ...]
    in_length: int
    out_length: int

    @classmethod
    def from_edits(cls, in_length: int, edits: Sequence[Edit]) -> StepMap:
        out_starts: list[int] = []
        shift = 0
        last_end = 0
        for start, end, replacement in edits:
            if start < last_end or end < start:
                raise ValueError(f"edits must be sorted and disjoint: {start}-{end}")
            out_starts.append(start + shift)
            shift += len(replacement) - (end - start)
            last_end = end
        return cls(tuple(out_starts), tuple(edits), in_length, in_length + shift)

    def char_range(self, pos: int) -> tuple[int, int]:
        """The input range that produced output character ``pos``."""
        i = bisect_right(self.out_starts, pos) - 1
        if i < 0:
            return pos, pos + 1
        start, end, replacement = self.edits[i]
        out_start = self.out_starts[i]
        if pos < out_start + len(replacement):
            return start, end
        q = end + (pos - out_start - len(replacement))
        return q, q + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input span that produced output span ``[start, end)``."""
        if end <= start:
            p = self.point(start)
            return p, p
        return self.char_range(start)[0], self.char_range(end - 1)[1]

    def point(self, pos: int) -> int:
        """An input position for a boundary between output characters."""
        if pos >= self.out_length:
            return self.in_length
        return self.char_range(pos)[0]


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Composition of step maps: normalised text back to the original."""

    steps: tuple[StepMap, ...] = field(default_factory=tuple)

    def then(self, step: StepMap) -> OffsetMap:
        """This map followed by a later step."""
        return OffsetMap(self.steps + (step,))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the original text."""
        for step in reversed(self.steps):
            start, end = step.span(start, end)
        return start, end

    def point_to_original(self, pos: int) -> int:
        """Map a boundary position of the normalised text to the original."""
        for step in reversed(self.steps):
            pos = step.point(pos)
        return pos


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """The text with edits applied (edits sorted and disjoint)."""
    if not edits:
        return text
    parts: list[str] = []
    last = 0
    for start, end, replacement in edits:
        parts.append(text[last:start])
        parts.append(replacement)
        last = end
    parts.append(text[last:])
    return "".join(parts)
