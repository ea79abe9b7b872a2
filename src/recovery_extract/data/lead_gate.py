"""Where a pattern that opens with literal words can match: a few characters before one.

A whole-text ``finditer`` of ``(?:\\p{Han}{0,2}ICP|备案号|许可证号?|...)...`` is tried by
``regex`` at every character (every Han one passes ``\\p{Han}``): about 1.8 M instructions
on a Chinese article.  Every match starts at most ``lead`` characters (the bounded repeat
of one-character atoms before the word) ahead of one of the branches' literal words, so
the words are found with ``str.find`` (the case-free ones) or one small ``regex`` (the
cased ones, with the pattern's flags) and the pattern is matched only at those starts.
The pattern cannot match empty (every branch holds a word), so scanning the starts in
order and skipping those inside the last match gives ``finditer``'s leftmost
non-overlapping matches exactly (tests/test_lead_gate.py compares the two).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from .chars import is_cased
from .prefix_gate import add_all_positions
from .word_index import gated_finditer

#: Inline flags at the start of a pattern, e.g. ``(?-f)`` that the loader adds.
_FLAGS = re.compile(r"\(\?[a-zA-Z]*-?[a-zA-Z]*\)")
#: A bounded repeat of one single-character atom that may precede the word: \p{Han}{0,2}.
_LEAD = re.compile(r"(?:\\[pP]\{\^?\w+\}|\\[dswDSW]|\.)\{(\d*),(\d+)\}")
_META = set("\\.^$*+?{}[]()|#")
_QUANTIFIER = set("?*+{")


def _branches(source: str) -> tuple[list[str], int] | None:
    """The top-level branches of the group ``source`` opens with ``(?:``, and where it ends."""
    if not source.startswith("(?:"):
        return None
    out: list[str] = []
    depth, i, begin, in_class = 0, 3, 3, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if source[i + 1:i + 2] in ("]", "^"):
                return None  # ]... or [^]...: not worth modelling
        elif c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                out.append(source[begin:i])
                return out, i + 1
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(source[begin:i])
            begin = i + 1
        i += 1
    return None


def _word(branch: str) -> tuple[int, str] | None:
    """A branch's lead (how many characters may precede its word) and its literal word."""
    lead = 0
    m = _LEAD.match(branch)
    if m:
        lead, branch = int(m.group(2)), branch[m.end():]
    n = 0
    while n < len(branch) and branch[n] not in _META and not branch[n].isspace():
        n += 1
    if n < len(branch) and branch[n] in _QUANTIFIER:
        n -= 1  # 许可证号?: the 号 is optional
    return (lead, branch[:n]) if n >= 1 else None


@dataclass(frozen=True, slots=True)
class LeadGate:
    """The literal words a pattern's matches open with, and how far before them they start."""

    caseless: tuple[str, ...]  # found with str.find (they match the same with or without IGNORECASE)
    cased: Any  # a regex of the cased words with the pattern's flags, or None
    lead: int

    @staticmethod
    def of(compiled: Any) -> LeadGate | None:
        """The gate of a compiled ``regex`` pattern, or None when it does not open with words."""
        if compiled.flags & (regex.VERBOSE | regex.FULLCASE):
            return None  # spaces in the words not literal; a word matching a longer folding (ss, ß)
        source = prefix = str(compiled.pattern)
        while m := _FLAGS.match(source):
            source = source[m.end():]
        prefix = prefix[:len(prefix) - len(source)]  # (?-f): the words are matched under the same flags
        split = _branches(source)
        if split is None:
            return None
        words: list[tuple[int, str]] = []
        for branch in split[0]:
            w = _word(branch)
            if w is None:
                return None
            words.append(w)
        ignore = bool(compiled.flags & regex.IGNORECASE)
        caseless = tuple(sorted({w for _, w in words if not (ignore and any(is_cased(c) for c in w))}))
        cased = sorted({w for _, w in words if ignore and any(is_cased(c) for c in w)})
        return LeadGate(caseless, regex.compile(prefix + "|".join(regex.escape(w) for w in cased),
                                                                compiled.flags)
                        if cased else None, max(lead for lead, _ in words))

    def starts(self, text: str) -> list[int]:
        """Every position where a match can start, in order."""
        at: set[int] = set()
        for w in self.caseless:
            add_all_positions(at, text, w)
        if self.cased is not None:
            at.update(m.start() for m in self.cased.finditer(text, None, None, True, False, False))
        if self.lead:
            at = {s for p in at for s in range(max(0, p - self.lead), p + 1)}
        return sorted(at)

    def finditer(self, compiled: Any, text: str) -> Iterator[Any]:
        """The matches of ``compiled.finditer(text)``, tried only at ``starts``."""
        return gated_finditer(compiled, text, self.starts(text))


__all__ = ["LeadGate"]
