"""Gated ``regex`` matching that keeps the GIL: the same matches, cheaper short calls.

``regex`` releases the GIL around every match on a ``str`` (its default,
``concurrent=None``) so that other threads can run meanwhile: two mutex round trips
per call, a fifth of the cost of a short match at one candidate position.  A stage
that makes a thousand such calls per document (the date grammar) passes
``concurrent=False`` (positionally: a keyword costs as much as the release); other
threads still run between its calls.  The shared
scans (:func:`word_index.gated_finditer`, :meth:`patterns.LiteralGate.finditer`) pass it
themselves; this module adds ``pattern.finditer`` with it and one entry point for a
pattern with or without a gate (tests/test_held_matches.py compares them with the plain
scans).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .find_gate import FindGate
from .patterns import LiteralGate
from .word_index import finditer_before
from .word_index import gated_finditer as gated_finditer  # re-exported: it keeps the GIL for a regex pattern


def finditer(pattern: Any, text: str, pos: int = 0, endpos: int | None = None,
             before: int | None = None) -> Iterator[Any]:
    """``pattern.finditer(text, pos, endpos)`` up to the first match starting at or after
    ``before`` (default: all)."""
    end = len(text) if endpos is None else min(endpos, len(text))
    return finditer_before(pattern, text, pos, end, end if before is None else min(before, end))


def gate_finditer(gate: LiteralGate | FindGate | None, pattern: Any, text: str, pos: int = 0, endpos: int | None = None,
                  before: int | None = None) -> Iterator[Any]:
    """``gate.finditer(pattern, text, pos, endpos, before)`` (which keeps the GIL itself; no
    gate: :func:`finditer`).  A :class:`~.find_gate.FindGate` finds the same candidates."""
    if gate is None:
        return finditer(pattern, text, pos, endpos, before)
    return gate.finditer(pattern, text, pos, endpos, before)
