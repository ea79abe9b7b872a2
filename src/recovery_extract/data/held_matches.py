"""Gated ``regex`` matching that keeps the GIL: the same matches, cheaper short calls.

``regex`` releases the GIL around every match on a ``str`` (its default,
``concurrent=None``) so that other threads can run meanwhile: two mutex round trips
per call, a fifth of the cost of a short match at one candidate position.  A stage
that makes a thousand such calls per document (the date grammar) passes
``concurrent=False`` (positionally: a keyword costs as much as the release); other
threads still run between its calls.  The functions
here are :func:`word_index.gated_finditer` and :meth:`patterns.LiteralGate.finditer`
with that one argument added (tests/test_held_matches.py compares them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .patterns import LiteralGate


def gated_finditer(pattern: Any, text: str, candidates: Iterable[int], pos: int = 0,
                   endpos: int | None = None) -> Iterator[Any]:
    """``pattern.finditer(text, pos, endpos)``, trying only ``candidates`` (ascending): exact
    when every position where ``pattern`` can match is a candidate."""
    end = len(text) if endpos is None else endpos
    last = pos
    for i in candidates:
        if i < last:
            continue
        m = pattern.match(text, i, end, False)  # concurrent=False, positional: no keyword parsing
        if m is not None:
            yield m
            last = m.end() if m.end() > i else i + 1


def finditer(pattern: Any, text: str, pos: int = 0, endpos: int | None = None,
             before: int | None = None) -> Iterator[Any]:
    """``pattern.finditer(text, pos, endpos)`` up to the first match starting at or after
    ``before`` (default: all)."""
    end = len(text) if endpos is None else min(endpos, len(text))
    stop = end if before is None else min(before, end)
    for m in pattern.finditer(text, pos, end, False, False):  # not overlapped, not concurrent
        if m.start() >= stop:
            return
        yield m


def gate_finditer(gate: LiteralGate | None, pattern: Any, text: str, pos: int = 0, endpos: int | None = None,
                  before: int | None = None) -> Iterator[Any]:
    """``gate.finditer(pattern, text, pos, endpos, before)`` (no gate: :func:`finditer`)."""
    if gate is None:
        return finditer(pattern, text, pos, endpos, before)
    end = len(text) if endpos is None else min(endpos, len(text))
    stop = end if before is None else min(before, end)
    starts = gate.starts(text, pos, end, stop)
    if starts is None:
        return finditer(pattern, text, pos, end, stop)
    return gated_finditer(pattern, text, starts, pos, end)
