"""Where a pattern gated by a :class:`~.word_index.StartGate` may start in a spaced (English)
text, found from the character before each word and checking a letter run as a whole word.

A ``StartGate`` scan enters ``re``'s matcher at every character that may begin a match, which
on an English page is most letters (about 50 ns each: 2.7 M instructions on a 4,500-character
seed), and its 3-letter prefixes let ``and``, ``thesis`` through for a Python check of the
whole run.  Here ``re`` skips to the characters that may stand before a start (no ASCII word
character nor ``.``: the gate's own lookbehind class), then looks ahead once: a whole word of
the list (ASCII letters, any case, no ASCII letter after it), or the gate itself where the
start is no ASCII letter, or an ASCII run continued by a non-ASCII character (which may fold
to a letter: ``thouſand``).  The scan runs over the text behind one space, so that a start at
0 has a character before it too (a space, as the gate's lookbehind admits there).

On a Chinese page every Han character would enter the matcher, so :meth:`WordRunStarts.suits`
says whether a text is spaced enough for this scan to pay; where it is not, the caller keeps
the gate.  Either way the candidates are the same (tests/test_word_run_starts.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import regex_cache
from .word_index import LATIN_FREE, StartGate, trie_regex

#: A text with at least one space in this many characters is scanned word by word.
SPACED = 20
_ASCII_WORD = re.compile("[A-Za-z]+")


class WordRunStarts:
    """The candidates of ``gate`` (whose lookbehind rejects an ASCII word character or
    ``word_before``), less those at an ASCII letter run that is not one of ``words``."""

    def __init__(self, gate: StartGate, words: Iterable[str], word_before: str) -> None:
        words = sorted({w.lower() for w in words})
        if not all(_ASCII_WORD.fullmatch(w) for w in words):
            raise ValueError("WordRunStarts: every word must be a run of ASCII letters")
        either_case = re.sub("[a-z]", lambda m: f"[{m.group()}{m.group().upper()}]", trie_regex(words))
        latin_free = "[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in LATIN_FREE) + "]"
        inner = gate._scan.pattern  # noqa: SLF001 - the gate's own test, embedded as is
        source = (f"[^0-9A-Za-z_{re.escape(word_before)}](?=(?!{latin_free})"
                  f"(?:{either_case}(?![A-Za-z])|(?![A-Za-z])(?:{inner})|(?=[A-Za-z]++[^\\x00-\\x7f])(?:{inner})))")
        flags = gate._scan.flags  # noqa: SLF001
        # (no flag but the default: its opcodes are kept in the compiled-regex cache)
        self._scan = regex_cache.compile_re_source(source) if flags == re.UNICODE else re.compile(source, flags)

    @staticmethod
    def suits(text: str) -> bool:
        """Whether ``text`` is spaced like English (else most characters would enter the scan)."""
        return text.count(" ") * SPACED > len(text)

    def starts(self, text: str) -> list[int]:
        """Ascending candidate starts in ``text``."""
        return [m.end() - 1 for m in self._scan.finditer(" " + text)]


__all__ = ["WordRunStarts"]
