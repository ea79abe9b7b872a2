"""A literal gate's candidate positions found with ``str.find``: the same positions, cheaper
on a page where its literals' first characters are common.

:meth:`~.patterns.LiteralGate.starts` finds them with one ``re`` pass whose first character
is a set: ``re`` stops at every character of the set and tries the literals beginning with
it one by one (a lookahead sub-match each), several hundred instructions at each English
letter that may begin a month or weekday name.  ``str.find`` skips to one literal at a few
instructions a character, and a Chinese literal searched in an English page (or the
reverse) costs nothing.  A first character that begins many literals (``:00`` .. ``:59``)
is searched once, the rest of each literal checked where it stands.  The literals and
their guards are read off the pattern as the literal gate reads them
(:func:`~.patterns.guarded_prefixes`); tests/test_find_gate.py compares the positions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from . import regex_cache
from .patterns import GATE_PREFIX, fold_ascii, guarded_prefixes
from .word_index import finditer_before

#: A first character that begins this many literals is searched once for all of them.
GROUP = 8


class FindGate:
    """The positions where one of a pattern's guarded literals begins (on the text folded as
    :func:`~.patterns.fold_ascii` folds it), found with ``str.find`` per literal."""

    def __init__(self, guarded: Iterable[tuple[str, str]]) -> None:
        """``guarded``: (literal, characters one of which must stand before it; "" when any may)."""
        guards: dict[str, set[str]] = {}
        for literal, before in guarded:
            if not literal:
                raise ValueError("a find gate needs non-empty literals")
            guards.setdefault(literal, set()).add(before)
        by_first: dict[str, list[tuple[str, str]]] = {}
        for literal, befores in sorted(guards.items()):
            before = "" if "" in befores else "".join(sorted(set("".join(befores))))
            by_first.setdefault(literal[0], []).append((literal, before))
        #: (what is searched, the (rest, guard) pairs one of which must hold where it stands)
        # A literal that must follow one of a few characters (``th`` after a digit) is found
        # from those characters, with one ``re`` pass per guard: ``str.find`` would stop at
        # every ``th`` of an English page.
        needles: list[tuple[str, tuple[tuple[str, str], ...]]] = []
        by_guard: dict[str, list[str]] = {}
        for first, items in sorted(by_first.items()):
            if len(items) >= GROUP:
                needles.append((first, tuple((lit[1:], before) for lit, before in items)))
                continue
            for lit, before in items:
                if before:
                    by_guard.setdefault(before, []).append(lit)
                else:
                    needles.append((lit, (("", before),)))
        self.needles = tuple(needles)
        #: (guard characters, the literals one of which must follow one of them)
        self.guarded: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
            (guard, tuple(sorted(lits))) for guard, lits in sorted(by_guard.items()))
        self._scans: Any = None

    @classmethod
    def for_pattern(cls, pattern: str, named_lists: Mapping[str, Iterable[str]] | None = None) -> FindGate | None:
        """A gate for ``pattern`` (a ``regex`` source) with the literals the literal gate reads,
        or None when it has none (kept in the compiled-regex cache, as the literal gate's)."""
        lists = {k: sorted(set(map(str, v))) for k, v in (named_lists or {}).items()}

        def analyse() -> list[list[str]] | None:
            found = guarded_prefixes(pattern, lists)
            return sorted([p, b] for p, b in found) if found else None

        done = regex_cache.cached_value(("find-gate", 1, GATE_PREFIX, pattern, lists), analyse)
        return cls((str(p), str(b)) for p, b in done) if done else None

    def starts(self, text: str, pos: int = 0, endpos: int | None = None, before: int | None = None
               ) -> list[int] | None:
        """Ascending candidate starts in ``[pos, before)`` of a literal ending by ``endpos``, or
        None (text that cannot be folded): what :meth:`LiteralGate.starts` returns."""
        folded = fold_ascii(text)
        if folded is None:
            return None
        end = len(text) if endpos is None else endpos
        stop = end if before is None else before
        find, at = folded.find, folded.startswith
        found: set[int] = set()
        if self.guarded:
            if self._scans is None:
                self._scans = [re.compile(_guarded_source(g, lits)) for g, lits in self.guarded]
            for scan in self._scans:
                for m in scan.finditer(folded, pos - 1 if pos else 0, end):
                    if m.start() + 1 >= stop:
                        break
                    found.add(m.start() + 1)
        for needle, rests in self.needles:
            i = find(needle, pos, end)
            if i < 0:
                continue
            if len(rests) == 1 and not rests[0][0]:
                guard = rests[0][1]
                while 0 <= i < stop:
                    if not guard or (i and folded[i - 1] in guard):
                        found.add(i)
                    i = find(needle, i + 1, end)
                continue
            size = len(needle)
            while 0 <= i < stop:
                for rest, guard in rests:
                    if at(rest, i + size, end) and (not guard or (i and folded[i - 1] in guard)):
                        found.add(i)
                        break
                i = find(needle, i + 1, end)
        return sorted(found)

    def finditer(self, compiled: Any, text: str, pos: int = 0, endpos: int | None = None,
                 before: int | None = None) -> Iterator[Any]:
        """``compiled.finditer(text, pos, endpos)`` (a ``regex`` pattern that never matches
        empty, whose literals these are) up to the first match starting at or after ``before``,
        trying only the candidate starts; keeps the GIL."""
        end = len(text) if endpos is None else min(endpos, len(text))
        stop = end if before is None else min(before, end)
        return finditer_before(compiled, text, pos, end, stop, self.starts(text, pos, end, stop))


def _guarded_source(guard: str, literals: tuple[str, ...]) -> str:
    """``re`` source matching a guard character followed by one of ``literals`` (the match
    is the guard character: the literal begins one character later)."""
    chars = "".join(map(re.escape, sorted(guard)))
    ahead = "|".join(re.escape(lit) for lit in sorted(literals, key=lambda x: (-len(x), x)))
    return f"[{chars}](?={ahead})"
