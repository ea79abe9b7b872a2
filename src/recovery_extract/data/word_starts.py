"""Where a whole word of a list stands in a window: the positions worth a ``regex`` call.

A :class:`~.word_pattern.WordPattern` is searched in about 220 small windows an article,
and most searches find nothing. The shared literal gate tries, at every character that
may start a word (most letters of an English page), a lookahead alternative per 3-character
prefix. Here one ``re`` pass finds where a whole word stands: in an ASCII window (no
Chinese word can lie in it) from the character before an English word, which must be no
letter, so one attempt a word instead of one a letter; elsewhere from the word's first
character, the rest looked ahead as a trie (an English word after no letter).

Exact: a match of the pattern at ``i`` spells one of its words from ``i`` in the text
folded by :func:`~.patterns.fold_ascii` (lower case, and the three non-ASCII characters
``regex`` matches with an ASCII letter mapped to it), provided every word character is
ASCII or has no case (checked when built: otherwise there is no finder). Every start is
therefore a candidate, and :func:`~.word_index.gated_finditer` confirms each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .chars import is_cased
from .word_index import trie_regex


class WordStarts:
    """Candidate starts of a word list's matches: Chinese words anywhere, English words
    (``en``) only after no ASCII letter. Words are compared as given (lower-cased when
    ``ignore_case``, against a folded text)."""

    def __init__(self, zh: Iterable[str], en: Iterable[str], ignore_case: bool) -> None:
        fold = str.lower if ignore_case else str
        self.zh = frozenset(fold(w) for w in zh if w)
        self.en = frozenset(fold(w) for w in en if w)
        self._source = _scan_source(self.zh, self.en)
        #: An ASCII window holds no whole Chinese word: its English words are found from the
        #: character before them (no letter), one candidate a word instead of a letter.
        self._ascii_source = "[^a-z](?=" + trie_regex(self.en) + ")" if self.en else "(?!)"
        self._ascii_compiled: Any = None
        self._compiled: Any = None

    @classmethod
    def for_words(cls, zh: Iterable[str], en: Iterable[str], ignore_case: bool) -> WordStarts | None:
        """A finder for these words, or None when a word holds a cased non-ASCII character
        (whose case variants the folded text does not show)."""
        zh, en = list(zh), list(en)
        if any(not c.isascii() and is_cased(c) for w in (*zh, *en) for c in w):
            return None
        if en and not ignore_case:
            return None  # (a word pattern with English words is matched ignoring case)
        return cls(zh, en, ignore_case)

    @property
    def _scan(self) -> Any:
        """The first-character scan, compiled on first use."""
        if self._compiled is None:
            self._compiled = re.compile(self._source)
        return self._compiled

    def starts(self, hay: str, pos: int, end: int) -> list[int]:
        """Ascending positions in ``[pos, end)`` where a word of the list stands whole in
        ``hay[:end]`` (``hay``: the text, folded when the words ignore case)."""
        if end - pos > 8 and hay[pos:end].isascii():
            if self._ascii_compiled is None:
                self._ascii_compiled = re.compile(self._ascii_source)
            scan = self._ascii_compiled
            out = [m.start() + 1 for m in scan.finditer(hay, pos - 1 if pos else 0, end)]
            if pos == 0 and scan.match(" " + hay[:end]) is not None:
                out.insert(0, 0)
            return out
        return [m.start() for m in self._scan.finditer(hay, pos, end)]


def _scan_source(zh: frozenset[str], en: frozenset[str]) -> str:
    """``re`` source of one pass finding where a whole word stands: its first character
    consumed (a class ``re`` skips to), the rest of the word looked ahead as a trie, and for
    an English word no ASCII letter before it (a lookbehind after the first character)."""
    rests: dict[str, tuple[set[str], set[str]]] = {}
    for i, words in enumerate((zh, en)):
        for w in words:
            rests.setdefault(w[0], (set(), set()))[i].add(w[1:])
    parts = []
    for first in sorted(rests):
        zh_rests, en_rests = rests[first]
        options = []
        if zh_rests:
            options.append(_ahead(zh_rests))
        if en_rests:
            options.append(f"(?<![a-z]{re.escape(first)})" + _ahead(en_rests))
        parts.append(re.escape(first) + ("" if "" in options else "(?:" + "|".join(options) + ")"))
    return "|".join(parts) or "(?!)"


def _ahead(rests: set[str]) -> str:
    """A lookahead for one of ``rests`` ("" when one is empty: the word is one character)."""
    if "" in rests:
        return ""
    return "(?=" + trie_regex(rests) + ")"
