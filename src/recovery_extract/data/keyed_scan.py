"""A short pattern's matches over a whole text, found from the characters every match holds.

The linker splits each document into clauses with one whole-text scan of the clause
boundary (``[,;:、。!?\\n]|\\s-\\s|(?<=[^\\d\\s])\\.\\s``). ``regex`` tries every
alternative at every position (a whitespace test is a property lookup): about 2 M
instructions a seed, an eighth of the linking. Every alternative of such a pattern
consumes, within its first few characters, a character of a small literal set (its
"key": ``,`` ... ``\\n``, ``-`` one character in, ``.``), so a match starts only at a
key character less the key's offset; ``str.find`` finds those characters at a few
instructions each, and ``regex`` is tried only there. Where the first alternative is
one character of a literal set, a position holding one matches there, no call needed.

Exact: every match starts at a candidate and candidates are tried in order from the
end of the last match, as ``finditer`` does (``gated_finditer``'s argument). The keys
are read off the pattern with the stdlib parser; whatever it does not model (a repeat or
group before the key, case folding, ``regex``-only syntax) gives no scan (None).
"""

from __future__ import annotations

from typing import Any

import regex

from .word_index import _FOREIGN, _stdlib_parser

#: How many one-character items may stand before an alternative's key.
MAX_OFFSET = 2
#: A class range wider than this is no key (too many characters to search).
MAX_RANGE = 32


class KeyedScan:
    """The matches of ``pattern`` (leftmost, non-overlapping, as ``finditer``), tried only
    at its key characters less their offsets."""

    def __init__(self, pattern: Any, keys: dict[str, frozenset[int]], whole: frozenset[str]) -> None:
        self.pattern = pattern
        #: Key character -> offsets (from a match's start) at which it may stand.
        self.keys = keys
        #: Characters that match alone as the first alternative (no call needed).
        self.whole = whole
        #: Keys standing at a match's start only (most): their positions are the candidates.
        self._at_start = tuple(k for k, v in keys.items() if v == frozenset({0}))
        self._shifted = tuple((k, tuple(sorted(v))) for k, v in keys.items() if v != frozenset({0}))

    @classmethod
    def for_pattern(cls, pattern: Any) -> KeyedScan | None:
        """A scan for a compiled ``regex`` pattern, or None when its keys cannot be read."""
        found = _keys(pattern)
        return None if found is None else cls(pattern, *found)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``[m.span() for m in pattern.finditer(text)]``."""
        starts: list[int] = []
        add, find = starts.append, text.find
        for char in self._at_start:
            i = find(char)
            while i >= 0:
                add(i)
                i = find(char, i + 1)
        for char, offsets in self._shifted:
            i = find(char)
            while i >= 0:
                for offset in offsets:
                    if i >= offset:
                        add(i - offset)
                i = find(char, i + 1)
        starts.sort()  # (a start found twice is tried twice at most: the same answer)
        out: list[tuple[int, int]] = []
        whole, match, end, last = self.whole, self.pattern.match, len(text), 0
        for s in starts:
            if s < last:
                continue
            if text[s] in whole:
                out.append((s, s + 1))
                last = s + 1
                continue
            m = match(text, s, end, False)  # (concurrent=False: keep the GIL, as gated_finditer)
            if m is not None:
                out.append(m.span())
                last = m.end() if m.end() > s else s + 1
        return out


def _keys(pattern: Any) -> tuple[dict[str, frozenset[int]], frozenset[str]] | None:
    """(key character -> offsets, the first alternative's characters if it is one
    character of a literal set), or None."""
    parsing = _stdlib_parser()
    if parsing is None or not isinstance(pattern, regex.Pattern):
        return None
    parser, c = parsing
    source = str(pattern.pattern).removeprefix("(?-f)")
    if pattern.flags & (regex.IGNORECASE | regex.VERBOSE | regex.VERSION1) or _FOREIGN.search(source):
        return None
    try:
        tree = list(parser.parse(source))
    except Exception:  # (anything the stdlib parser cannot read: no scan)
        return None
    alternatives = [list(b) for b in tree[0][1][1]] if len(tree) == 1 and tree[0][0] is c.BRANCH else [tree]
    keys: dict[str, set[int]] = {}
    for alternative in alternatives:
        found = _key(alternative, c)
        if found is None:
            return None
        chars, offset = found
        for char in chars:
            keys.setdefault(char, set()).add(offset)
    first = alternatives[0]
    whole: frozenset[str] = frozenset()
    if len(first) == 1:
        chars_offset = _key(first, c)
        if chars_offset is not None:
            whole = frozenset(chars_offset[0])
    return {k: frozenset(v) for k, v in sorted(keys.items())}, whole


def _key(items: list[Any], c: Any) -> tuple[set[str], int] | None:
    """(the literal characters of an alternative's first literal item, its offset), or None
    when a non-literal item of other than one character comes first."""
    offset = 0
    for op, av in items:
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # zero width
        if op is c.LITERAL:
            return {chr(av)}, offset
        if op is c.IN:
            chars = _literal_class(av, c)
            if chars is not None:
                return chars, offset
        elif op is not c.ANY:
            return None
        offset += 1  # one character (a class with a category, any character)
        if offset > MAX_OFFSET:
            return None
    return None


def _literal_class(members: list[Any], c: Any) -> set[str] | None:
    """The characters of a class made only of literals and short ranges, else None."""
    out: set[str] = set()
    for op, av in members:
        if op is c.LITERAL:
            out.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < MAX_RANGE:
            out.update(chr(i) for i in range(av[0], av[1] + 1))
        else:
            return None  # a category, a negation, a wide range
    return out
