"""Whether a word of a list can match at a position, told in Python before a costly regex is tried.

:class:`~recovery_extract.data.word_index.WordIndex` finds where a word *may* start
(its first characters); a grammar that begins with a list word is then tried at
each of those positions, and most fail for want of the whole word (``industrial``
for ``Industry``, ``help`` for ``Helan``).  :class:`WordAt` says whether a whole
word of the list matches there as ``\\L<words>`` would (case-sensitive, or
``IGNORECASE`` with simple case folding, the ``(?-f)`` that ``compile_regex``
adds): a few slices and set lookups instead of a call of the grammar.

It answers False only when no word can match.  Case-insensitive lists compare
ASCII text lower-cased with the words lower-cased; a slice of text holding a
non-ASCII character counts as a possible match (the Kelvin sign matches ``k``),
and a list with a non-ASCII character that ``regex`` equates with an ASCII one is
never ruled out at all.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable

import regex

PREFIX = 3  # characters of the text looked up first (fewer for shorter words)


class WordAt:
    """``may_start(text, i)``: False only when no word of the list matches at ``i``."""

    def __init__(self, words: Iterable[str], *, ignore_case: bool = False) -> None:
        listed = [w for w in words if w]
        self.ignore_case = ignore_case
        # A list holding a character that matches an ASCII one case-insensitively (the Kelvin
        # sign) cannot be checked on lower-cased ASCII text: it is never ruled out.
        self.always = ignore_case and any(_ascii_twin(c) for w in listed for c in set(w) if not c.isascii())
        fold = str.lower if ignore_case else str
        self.words = frozenset(fold(w) for w in listed)
        self.prefix = min([PREFIX, *map(len, self.words)]) if self.words else 1
        lengths: dict[str, set[int]] = {}
        for w in self.words:
            lengths.setdefault(w[:self.prefix], set()).add(len(w))
        self.lengths = {k: tuple(sorted(v)) for k, v in lengths.items()}

    def may_start(self, text: str, i: int) -> bool:
        """Whether a word of the list may match ``text`` at ``i`` (False: none does)."""
        if self.always:
            return True
        head = text[i:i + self.prefix]
        if self.ignore_case:
            if not head.isascii():
                return True
            head = head.lower()
            for n in self.lengths.get(head, ()):
                piece = text[i:i + n]
                if not piece.isascii() or piece.lower() in self.words:
                    return True
            return False
        words = self.words
        return any(text[i:i + n] in words for n in self.lengths.get(head, ()))


@functools.lru_cache(maxsize=1024)
def _ascii_twin(char: str) -> bool:
    """Whether ``char`` matches an ASCII character under ``IGNORECASE`` (simple case folding)."""
    pattern = regex.compile("(?-f)" + regex.escape(char), regex.VERSION1 | regex.IGNORECASE)
    return any(pattern.fullmatch(c) for c in string.printable)
