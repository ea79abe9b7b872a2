"""A word list as one pattern, tried only where one of its words can start.

The indicator rules look for cue words (metrics, sectors, bases, verbs) in many small
windows around each figure: about 130 searches an article for the metric cues alone.
As a named list (``\\L<words>``) ``regex`` hashes the text at every position for every
word length; as a trie (:func:`~.word_index.trie_regex`) it fails on the first
character, and with a :class:`~.patterns.LiteralGate` it is only tried where a word's
first characters stand (found by a ``re`` pass over the folded text). Same matches.
The calls keep the GIL (``concurrent=False``, see :mod:`.held_matches`): about 220 short
searches an article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import regex

from .patterns import LiteralGate, compile_regex, fold_ascii
from .word_index import gated_finditer, trie_regex
from .word_starts import WordStarts


#: Below this length a text is searched directly: folding a new string for the gate
#: (the document's own text is folded once) costs more than the search it saves.
SHORT_TEXT = 80


class GatedRegex:
    """A compiled pattern tried only at the candidate starts of its :class:`LiteralGate`
    (all of them when it has none): the matches of the pattern itself."""

    def __init__(self, compiled: Any, gate: LiteralGate | None) -> None:
        self.regex = compiled
        self._gate = gate

    @classmethod
    def for_source(cls, source: str, compiled: Any, named_lists: dict[str, list[str]] | None = None,
                   class_max: int = 32) -> GatedRegex:
        """``compiled`` (compiled from ``source``) with the gate read off ``source``."""
        return cls(compiled, LiteralGate.for_pattern(source, named_lists, class_max=class_max))

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        """The matches in ``text[pos:endpos]``, as ``regex``'s ``finditer`` gives them."""
        end = len(text) if endpos is None else min(endpos, len(text))
        starts = None
        if self._gate is not None and len(text) >= SHORT_TEXT:
            starts = self._gate.lazy_starts(text, pos, end)
        if starts is None:
            return self.regex.finditer(text, pos, end, False, False)  # type: ignore[no-any-return]
        return gated_finditer(self.regex, text, starts, pos, end)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        """The first match in ``text[pos:endpos]``, or None."""
        return next(self.finditer(text, pos, endpos), None)

    def fullmatch(self, text: str) -> Any:
        """``text`` matched whole, or None."""
        return self.regex.fullmatch(text)


class WordPattern(GatedRegex):
    """Words in Chinese anywhere, in English on word boundaries (optionally plural)."""

    def __init__(self, words: Iterable[str], source: str, plurals: bool = False) -> None:
        items = [str(w) for w in words]
        zh = sorted({w for w in items if not w.isascii()}, key=len, reverse=True)
        en = sorted({w.lower() for w in items if w.isascii()}, key=len, reverse=True)
        tail = r"(?:e?s)?(?![A-Za-z])" if plurals else r"(?![A-Za-z])"
        listed, tried = [], []
        if zh:
            listed.append(r"\L<zh>")
            tried.append(trie_regex(zh))
        if en:
            listed.append(r"(?<![A-Za-z])\L<en>" + tail)
            tried.append(r"(?<![A-Za-z])" + trie_regex(en) + tail)
        #: The pattern as a named-list regex (the gate's analysis reads this form).
        self.listed = "|".join(listed) or r"(?!x)x"
        super().__init__(compile_regex("|".join(tried) or r"(?!x)x", source),
                         LiteralGate.for_pattern(self.listed, {"zh": zh, "en": en}) if listed else None)
        self._ignore_case = bool(self.regex.flags & regex.IGNORECASE)
        #: Where a whole word stands (see :mod:`.word_starts`); None: the gate's way.
        self._words = WordStarts.for_words(zh, en, self._ignore_case)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        """The matches in ``text[pos:endpos]``: ``regex`` tried only where a whole word stands."""
        words = self._words
        if words is None or len(text) < SHORT_TEXT:
            return super().finditer(text, pos, endpos)
        hay = fold_ascii(text) if self._ignore_case else text
        if hay is None:
            return super().finditer(text, pos, endpos)
        end = len(text) if endpos is None else min(endpos, len(text))
        return gated_finditer(self.regex, text, words.starts(hay, pos, end), pos, end)
