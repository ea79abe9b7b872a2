"""Where a word of a large case-insensitive English list may start: one ``re`` pass over
the folded text, with the words' first characters looked ahead as a trie.

:class:`~.word_index.WordIndex` finds every character that may start a word (on an
English page, about every word start: 800 hits) and checks each hit's first characters
in Python; a few hundred candidates then cost a ``regex`` call each. Here the pass
starts at the character before a word (a class ``re`` skips to: spaces and punctuation)
and looks ahead, in the text folded by :func:`~.patterns.fold_ascii`, for the first
:data:`PREFIX` characters of a word: the candidates are about the true matches.

Exact: a text holding a cased non-ASCII character (whose case variants or multi-character
folding the folded text does not show) gets no candidates here (``None``: the caller
uses its general finder). In any other text every character is ASCII or caseless, so a
word matched case-insensitively at ``i`` spells its case-folded prefix in the lower-cased
text there, and a word holding a cased non-ASCII character whose forms are all non-ASCII
(``ü``) cannot match at all. A list with a word holding another cased non-ASCII
character (the Kelvin sign, ``ß``: one folds to ASCII) gets no finder. The character
before a word is neither an ASCII word character nor ``'’‘-`` (which the callers'
lookbehind rejects).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from typing import Any

from . import regex_cache
from .chars import is_cased
from .patterns import fold_ascii
from .word_index import trie_regex

#: Characters of a word looked ahead by default (fewer for a shorter word).
PREFIX = 5
#: What may not stand before a word's first character in the folded text: an ASCII word
#: character, an apostrophe or a hyphen.
_GUARD = "0-9a-z_'’‘\\-"


class FoldedWordStarts:
    """Candidate starts of the words of a case-insensitive list, at word beginnings."""

    def __init__(self, words: Iterable[str], prefix: int = PREFIX) -> None:
        """``words``: a list :meth:`for_words` accepts; ``prefix``: characters of a word
        looked ahead (more: fewer candidates, a longer pattern to compile)."""
        self.prefix = prefix
        words = [w for w in words if w]
        cased = {c for c in set("".join(w for w in words if not w.isascii())) if not c.isascii() and is_cased(c)}
        self.prefixes = frozenset(w.casefold()[:prefix] for w in words if w.isascii() or not cased.intersection(w))
        self._compiled: Any = None
        self._lock = threading.Lock()

    @classmethod
    def for_words(cls, words: Iterable[str], prefix: int = PREFIX) -> FoldedWordStarts | None:
        """A finder for ``words``, or None when a word holds a cased non-ASCII character that
        an ASCII one may match (the Kelvin sign, ``ſ``, ``ß``, a ligature)."""
        words = list(words)
        chars = set("".join(w for w in words if not w.isascii()))
        if any(not c.isascii() and is_cased(c) and _reaches_ascii(c) for c in chars):
            return None
        return cls(words, prefix)

    @property
    def _scan(self) -> Any:
        """The pass (compiled on first use: a text with no English word never needs it)."""
        if self._compiled is None:
            with self._lock:
                if self._compiled is None:
                    key = ("folded-word-starts", 1, _GUARD, sorted(self.prefixes))
                    self._compiled = regex_cache.compile_re(key, lambda: _scan_source(self.prefixes))
        return self._compiled

    def starts(self, text: str, pos: int = 0, endpos: int | None = None) -> list[int] | None:
        """Ascending positions in ``[pos, endpos)`` where a word may start (every true start
        is among them, whatever follows ``endpos``), or None for a text this finder cannot
        read (no folding, or a cased non-ASCII character where a word may be read)."""
        end = len(text) if endpos is None else min(endpos, len(text))
        reach = min(len(text), end + self.prefix)
        if pos >= end:
            return []
        if _cased_non_ascii().search(text, pos, reach) is not None:
            return None
        folded = fold_ascii(text)
        if folded is None:
            return None
        scan = self._scan
        # (the character before a word is consumed: a match at ``i`` is a start at ``i + 1``)
        out = [m.start() + 1 for m in scan.finditer(folded, pos - 1 if pos else 0, reach) if m.start() < end - 1]
        if pos == 0 and scan.match(" " + folded[:self.prefix]) is not None:
            out.insert(0, 0)
        return out


def _scan_source(prefixes: frozenset[str]) -> str:
    """``re`` source: a character that may stand before a word, then a prefix ahead."""
    by_first: dict[str, set[str]] = {}
    for p in prefixes:
        by_first.setdefault(p[0], set()).add(p[1:])
    # (fan-out unlimited: ``re`` checks a branch's first literal before entering it)
    alternatives = [re.escape(first) + ("" if "" in rests else trie_regex(sorted(rests), fanout=1 << 20))
                    for first, rests in sorted(by_first.items())]
    return f"[^{_GUARD}](?=" + ("|".join(alternatives) or "(?!)") + ")"


def _reaches_ascii(char: str) -> bool:
    """Whether a form of ``char`` (lower, upper, title case, folding) holds an ASCII character."""
    return any(c.isascii() for f in (char.lower(), char.upper(), char.title(), char.casefold()) for c in f)


_CASED: Any = None


def _cased_non_ascii() -> Any:
    """An ``re`` class of every non-ASCII character with a case variant or a folding of its
    own (all of the astral planes, which are not checked one by one)."""
    global _CASED
    if _CASED is None:
        ranges = regex_cache.cached_value(("cased-non-ascii", 1, unicodedata.unidata_version),
                                          _cased_ranges)
        body = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)
        _CASED = re.compile(f"[{body}\\U00010000-\\U0010ffff]")
    return _CASED


def _cased_ranges() -> list[list[int]]:
    """Ranges ``[lo, hi]`` of the BMP's non-ASCII characters that are not caseless."""
    out: list[list[int]] = []
    for code in range(0x80, 0x10000):
        c = chr(code)
        if not is_cased(c):
            continue
        if out and out[-1][1] == code - 1:
            out[-1][1] = code
        else:
            out.append([code, code])
    return out
