"""Where a match of a regex can begin: its literal beginnings, found with ``str.find``.

``regex`` tries a case-insensitive alternation (``Department|Bureau|...``) at every
position of a text, about 500 instructions a character (so does an ``re`` scan
whose first character is a common letter).  :func:`literal_prefixes` reads the
first characters of the alternatives off the pattern's source (so the gate
follows the data), and a :class:`PrefixGate` finds where one begins with a
``str.find`` per prefix (on the lower-cased text when case does not count); the
pattern is then tried only there (:func:`~.word_index.gated_finditer`).  It costs
nothing to build (no scan of Unicode, unlike :class:`~.word_index.StartGate`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .word_index import PREFIX, _FOREIGN, _stdlib_parser  # the stdlib parser, shared with first_chars_gate

#: A small character class is expanded into its characters; a larger one ends the prefix.
CLASS_CHARS = 32

#: The characters that ``regex`` matches an ASCII letter with under IGNORECASE (simple case
#: folding) and that ``str.lower`` does not turn into that letter: the long s, the dotless i
#: (matched by ``I``).  The Kelvin sign lower-cases to k; the dotted I to two characters, which
#: a length check catches.  Checked over all of Unicode by tests/test_prefix_gate.py.
UNLOWERED = "\u017f\u0131"

#: Every character outside ASCII that ``regex`` matches an ASCII character with under IGNORECASE
#: (or that lower-cases to one: the Kelvin sign, the dotted I).  A text without them is gated on
#: its ASCII characters alone (the others read as ``?``), which saves ``str.lower`` on CJK text.
#: Checked over all of Unicode by tests/test_prefix_gate_ascii_twins.py.
ASCII_TWINS = UNLOWERED + "\u212a\u0130"

_Prefixes = set[tuple[str, bool]]  # (text, whether the element is read in full: what follows may extend it)


def literal_prefixes(source: str, size: int = PREFIX) -> frozenset[str] | None:
    """Strings of at most ``size`` characters, one of which begins every match of ``source``
    (compared as written: the caller adds case variants); None when that cannot be told (a
    match may be empty or begin with a wide class, or the source uses syntax the stdlib
    parser does not read as ``regex`` does)."""
    parsing = _stdlib_parser()
    if parsing is None or _FOREIGN.search(source):
        return None
    parser, c = parsing
    try:
        found = _sequence(list(parser.parse(source)), c, size)
    except (Exception, RecursionError):  # whatever the stdlib parser does not take: no gate
        return None
    out = frozenset(text for text, _ in found)
    return None if "" in out else out


def _sequence(items: list[Any], c: Any, size: int) -> _Prefixes:
    done: _Prefixes = {("", True)}
    for op, av in items:
        if not any(full for _, full in done):
            break
        element = _element(op, av, c, size)
        nxt: _Prefixes = set()
        for text, full in done:
            if not full:
                nxt.add((text, False))
                continue
            for more, more_full in element:
                joined = text + more
                nxt.add((joined[:size], more_full and len(joined) < size))
        done = nxt
    return done


def _element(op: Any, av: Any, c: Any, size: int) -> _Prefixes:
    if op is c.LITERAL:
        return {(chr(av), True)}
    if op is c.IN:
        chars = _class_chars(av, c)
        return {(ch, True) for ch in chars} if chars else {("", False)}
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return {("", True)}
    if op is c.SUBPATTERN:
        _group, add, remove, body = av
        if add or remove:
            return {("", False)}
        return _sequence(list(body), c, size)
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence(list(av), c, size)
    if op is c.BRANCH:
        out: _Prefixes = set()
        for branch in av[1]:
            out |= _sequence(list(branch), c, size)
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
        low, high, body = av
        inner = _sequence(list(body), c, size)
        if high != 1:
            inner = {(text, False) for text, _ in inner}
        return inner | ({("", True)} if low == 0 else set())
    return {("", False)}  # any other element: the prefix ends here


def _class_chars(items: list[Any], c: Any) -> set[str]:
    """The characters of a small class of literals and ranges (empty: not small or not literal)."""
    out: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            out.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < CLASS_CHARS:
            out.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return set()
        if len(out) > CLASS_CHARS:
            return set()
    return out


class PrefixGate:
    """Positions where one of ``prefixes`` begins (case-insensitively with ``ignore_case``): a
    superset of where a pattern whose matches begin with them can match, found with ``str.find``
    (on the lower-cased text with ``ignore_case``)."""

    def __init__(self, prefixes: Iterable[str], *, ignore_case: bool) -> None:
        self.ignore_case = ignore_case
        cut = {_cut(p) if ignore_case else p for p in prefixes}
        if "" in cut or not cut:
            raise ValueError(f"a prefix gate needs non-empty prefixes (ASCII first under ignore_case): {prefixes!r}")
        # A prefix that holds a shorter one adds no position.
        self.prefixes = tuple(sorted(p for p in cut if not any(q != p and p.startswith(q) for q in cut)))
        # Under ignore_case the prefixes are ASCII: looked for in the text's ASCII bytes.
        self._ascii = tuple(p.encode("ascii") for p in self.prefixes) if ignore_case else ()

    def starts(self, text: str, pos: int = 0, endpos: int | None = None) -> list[int] | None:
        """Ascending candidate positions in ``[pos, endpos)``, or None when this text cannot be
        gated (under ``ignore_case``, lower-casing would change its length or it holds a
        character that matches an ASCII letter but does not lower-case to it).  A text without
        :data:`ASCII_TWINS` is read as ASCII bytes (no ``str.lower`` of its CJK characters)."""
        seg = text[pos:endpos]
        found: set[int] = set()
        if self.ignore_case:
            if seg.isascii() or not any(c in seg for c in ASCII_TWINS):
                # One byte a character, ASCII lower-cased, every other character a "?": the
                # prefixes (lower-case ASCII) are where the lower-cased text has them.
                ascii_low = seg.encode("ascii", "replace").lower()
                for b in self._ascii:
                    add_all_positions(found, ascii_low, b, pos)
                return sorted(found)
            low = seg.lower()
            if len(low) != len(seg) or any(c in seg for c in UNLOWERED):
                return None
            seg = low
        for p in self.prefixes:
            add_all_positions(found, seg, p, pos)
        return sorted(found)


def add_all_positions(found: set[int], hay: Any, needle: Any, offset: int = 0) -> None:
    """Add ``offset +`` every position of ``needle`` in ``hay`` (str or bytes), overlaps included."""
    i = hay.find(needle)
    while i >= 0:
        found.add(offset + i)
        i = hay.find(needle, i + 1)


def prefix_gate(prefixes: Iterable[str] | None, *, ignore_case: bool) -> PrefixGate | None:
    """A :class:`PrefixGate` on ``prefixes``, or None (no gate: try everywhere) when there are
    none or one is empty (under ``ignore_case``: begins with a non-ASCII character)."""
    cut = [_cut(p) if ignore_case else p for p in prefixes or ()]
    if not cut or "" in cut:
        return None
    return PrefixGate(cut, ignore_case=ignore_case)


def _cut(prefix: str) -> str:
    """``prefix`` lower-cased, cut short before its first non-ASCII character (whose case
    twins a lower-cased text may not show)."""
    for k, ch in enumerate(prefix):
        if not ch.isascii():
            return prefix[:k].lower()
    return prefix.lower()
