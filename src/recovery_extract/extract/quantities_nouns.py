"""English counted nouns as an open class (issue 15).

A count is a number followed by a noun phrase: up to a few modifiers (adjectives,
nouns, hyphenated or quoted words), then a head noun. No list says what a noun is;
``patterns/quantities/nouns.en.yaml`` says what is NOT one (function words, verbs,
pronouns, months, time words, -s words that are not plurals), and the head is the
last word of the first run of plural-looking words (``31 manufacturing subsectors``,
``592 key epidemic prevention supplies enterprises``). A number of one takes a
singular head (``one plan``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import regex

from ..data.patterns import match_at

NOUNS = "quantities/nouns.en.yaml"
#: How far a single word or joint is read past its start.
UNIT_REACH = 128
#: At most this many words are read after a number (modifiers and the head).
MAX_WORDS = 5
#: Stop classes that also veto a bare count: "10 February", "7 pm" are dates and times.
DATE_CLASSES = ("months", "weekdays", "time_words")
# A word: letters, with digits only after a hyphen (COVID-19 patients; not CNY1, a code
# glued to the next number), optionally in quotes.
_WORD = regex.compile(r"(?<![^\S\n])[^\S\n]++(?P<w>[\"“'‘]?[A-Za-z][A-Za-z'’.&]*(?:-[A-Za-z0-9][A-Za-z0-9'’.&]*)*-?[\"”'’]?)"
                      r"(?=[^\w'’-]|\Z)")
_QUOTES = "\"“”'‘’"
#: Any token of a clause (words, numbers, possessives), read to find a partitive's whole.
_ANY_WORD = regex.compile(r"(?<![^\S\n])[^\S\n]++(?:[\w$€£¥.,%’'-]*?[^\S\n]++)??(?P<w>[A-Za-z][A-Za-z’'-]*?)(?:['’]s)?(?=[^\w'’-]|\Z)")
#: The word (or #) right before a number, at the end of the searched window.  Searched
#: backwards ((?r)): forwards, regex tried every position of the window, each reading its
#: word to the end; backwards it starts at the end, where every match ends (the same
#: leftmost start: tests/test_quantities_nouns_label.py).
LABEL_SOURCE = r"(?P<w>[A-Za-z][A-Za-z.]*|#)[^\S\n]*\Z"
_LABEL = regex.compile("(?r)" + LABEL_SOURCE)


@dataclass(frozen=True, slots=True)
class NounHead:
    """The head noun of the phrase after a number, as written."""

    start: int
    end: int
    word: str


@dataclass(frozen=True, slots=True)
class PhraseRead:
    """What follows a number: its head noun (or None) and whether a date word stopped it."""

    head: NounHead | None
    dated: bool


class CountedNouns:
    """Reads the counted noun after an English number, from the not-a-noun lists."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        classes = data.get("not_nouns") or {}
        self.stop = frozenset(str(w).lower() for words in classes.values() for w in words or ())
        self.dated = frozenset(str(w).lower() for c in DATE_CLASSES for w in classes.get(c) or ())
        self.not_plural = frozenset(str(w).lower() for w in data.get("not_plural") or ())
        self.irregular = frozenset(str(w).lower() for w in data.get("irregular_plurals") or ())
        self.labels = frozenset(str(w).lower() for w in data.get("label_before") or ())
        # comparatives that modify the counted noun unless "than" follows (2,000 more employees)
        self.comparatives = frozenset(str(w).lower() for w in data["comparatives"])
        self._than = regex.compile(r"[^\S\n]++" + regex.escape(str(data["than"])) + r"\b", regex.IGNORECASE)
        # a second plural noun coordinated with the head: "46 policies and measures"
        self.coordinators = tuple(str(w).lower() for w in data["coordinators"])
        either = "|".join(regex.escape(w) for w in self.coordinators)
        self._coordination = regex.compile(
            r"(?<![^\S\n])[^\S\n]++(?:" + either + r")[^\S\n]+(?P<w>[A-Za-z][A-Za-z'’-]*)(?=[^\w'’-]|\Z)")

    def plural(self, word: str) -> bool:
        """Whether ``word`` reads as a plural noun (hotels, NEVs, people; not: is, thus, bus)."""
        low = word.lower()
        if low in self.irregular:
            return True
        if low in self.not_plural or low in self.stop or len(low) < 3 or not low.endswith("s"):
            return False
        return not low.endswith(("ss", "us", "is", "'s", "’s"))

    def read(self, text: str, pos: int, *, singular: bool = False) -> PhraseRead:
        """The head noun of the phrase starting after ``pos`` (a number's end)."""
        words: list[NounHead] = []
        dated = stopped = False
        for _ in range(MAX_WORDS):
            m = match_at(_WORD, text, pos, UNIT_REACH)
            if m is None:
                break
            word = m.group("w").strip(_QUOTES).rstrip(".")
            low = word.lower()
            joined = low in self.coordinators and bool(words) and words[-1].word.endswith("-")
            if low in self.comparatives and not match_at(self._than, text, m.end(), UNIT_REACH):
                pos = m.end()  # "2,000 more employees": a comparative before the noun, not "more than"
                continue
            participle = low.endswith("ed") and self._plural_next(text, m.end())
            if not word or (low in self.stop and not joined and not participle):
                dated = low in self.dated and not words
                stopped = True
                break
            start = m.start("w") + m.group("w").index(word[0])
            words.append(NounHead(start, start + len(word), word))
            pos = m.end()
            if text[pos:pos + 1] not in (" ", "\t", ""):
                break  # punctuation ends the phrase
        head = self._head(words, singular, stopped)
        return PhraseRead(self._coordinated(text, head) if head is not None else None, dated)

    def _plural_next(self, text: str, pos: int) -> bool:
        """Whether the next word is a plural noun ("300 resumed workers": the -ed word is a modifier)."""
        m = match_at(_WORD, text, pos, UNIT_REACH)
        return m is not None and self.plural(m.group("w").strip(_QUOTES))

    def _head(self, words: list[NounHead], singular: bool, stopped: bool) -> NounHead | None:
        first = next((i for i, w in enumerate(words) if self.plural(w.word)), None)
        if first is None:
            if singular and words and len(words) <= 2 and not words[-1].word.endswith("-"):
                return words[-1]
            if len(words) == 1 and stopped and words[0].word.islower() and \
                    not words[0].word.endswith(("-", "ly", "ed", "ing")):
                return words[0]  # "16 city in ...": a singular noun before a function word
            return None
        last = first
        while last + 1 < len(words) and self.plural(words[last + 1].word) and \
                words[last].word.lower() not in self.irregular:  # "five children lives": children is the head
            last += 1
        return words[last]

    def _coordinated(self, text: str, head: NounHead) -> NounHead:
        """Extend a plural head over a coordinated plural ("policies and measures")."""
        m = match_at(self._coordination, text, head.end, UNIT_REACH)
        if m is None or not self.plural(head.word) or not self.plural(m.group("w")) \
                or m.group("w").lower() in self.stop:
            return head
        after = match_at(_WORD, text, m.end("w"), UNIT_REACH)
        following = text[m.end("w"):m.end("w") + 2].strip()[:1]
        if (after is not None and after.group("w").strip(_QUOTES).lower() not in self.stop) or \
                (after is None and following.isalnum()):
            return head  # "163 floors and stands 828 metres": the second word is a verb
        return NounHead(head.start, m.end("w"), text[head.start:m.end("w")])

    def first_plural(self, text: str, pos: int, limit: int = 6) -> NounHead | None:
        """The first plural noun within ``limit`` words of ``pos`` on the same clause
        (the whole of a partitive: "51 of China's top 100 industrial companies")."""
        for _ in range(limit):
            m = match_at(_ANY_WORD, text, pos, UNIT_REACH)
            if m is None:
                return None
            word = m.group("w")
            if self.plural(word) and word.lower() not in self.stop:
                return NounHead(m.start("w"), m.end("w"), word)
            pos = m.end()
        return None

    def labelled(self, text: str, start: int) -> bool:
        """Whether the word right before a number makes it a label (page 2, Article 5)."""
        m = _LABEL.search(text, max(0, start - 24), start, False)
        return m is not None and m.group("w").lower().rstrip(".") in self.labels | {"#"}


def load_nouns(store: Any) -> CountedNouns:
    """The counted-noun reader of ``patterns/quantities/nouns.en.yaml``."""
    return CountedNouns(store.yaml(NOUNS))


__all__ = ["CountedNouns", "NounHead", "PhraseRead", "load_nouns"]
