"""Numerals: the grammar shared by the extractors, and the public numeral finder.

``find_numbers(text)`` returns every bare numeral of a text with its span on the
ORIGINAL text and its value: Arabic with separators and decimals (``14,768``,
``.5``), full-width, Chinese and financial numerals (``一百二十三``, ``壹佰``,
``廿``), mixed forms (``3.5万``, ``4.78万亿``), fractions (``五分之一``, ``3/4``,
``two thirds``) and English number words (``twenty-one trillion and three
hundred``).  The vocabularies live in ``patterns/numbers/``; the value grammar in
:mod:`numbers_zh` and :mod:`numbers_en`.

>>> [(n.text, n.value) for n in find_numbers("產能30.9萬人, two hundred and six, 壹佰")]
[('30.9萬', 309000), ('two hundred and six', 206), ('壹佰', 100)]
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

from ..data.chars import has_han
from ..prepare.decode import clean_surrogates
from ..prepare.normalise import Normaliser
from .numbers_en import EnglishNumerals
from .numbers_zh import ChineseNumerals, Value, tidy
from ..data.patterns import PatternStore, compile_regex, default_store, expand, resolve_refs
from ..data.word_index import StartGate, first_chars_gate, gated_finditer
from ..data.word_run_starts import WordRunStarts
from .spans import Intervals

ZH_FILE = "numbers/numbers.zh.yaml"
EN_FILE = "numbers/numbers.en.yaml"


@dataclass(frozen=True, slots=True, kw_only=True)
class Number:
    """A bare numeral found in a text, with its value."""

    text: str
    start: int
    end: int
    value: float | int


@dataclass(frozen=True, slots=True)
class Numeral:
    """A numeral in the NORMALISED text (what the quantity extractor builds on)."""

    start: int
    end: int
    value: Value
    lang: str  # "zh" (Chinese/Arabic grammar) or "en" (English words)


def _words(words: Iterable[object] | None) -> str:
    """An alternation of the literal words of a data list (missing list: empty)."""
    return "|".join(regex.escape(str(w)) for w in words or ())


def approx_inside(zh: dict[str, Any]) -> tuple[str, ...]:
    """The approximation marks written inside a numeral (多, 余), from numbers.zh.yaml."""
    return tuple(str(c) for c in zh["approx_inside"])


class NumberGrammar:
    """Compiled numeral regexes and value readers, built once from ``patterns/numbers``."""

    def __init__(self, store: PatternStore) -> None:
        zh = store.yaml(ZH_FILE)
        en = store.yaml(EN_FILE)
        self.zh = ChineseNumerals(zh)
        self.en = EnglishNumerals(en)
        self.approx_marks = approx_inside(zh)  # 多, 余: read as approx inside a numeral
        self.pieces = self._pieces(zh, en)
        self._zh_re = compile_regex(expand("{zh_numeral}", self.pieces, ZH_FILE), ZH_FILE)
        self._en_re = compile_regex(expand("{en_numeral}", self.pieces, EN_FILE), EN_FILE)
        self._en_starts = _english_starts(en)
        self._en_first_words = _first_words(en)
        # the same candidates, found word by word on a spaced (English) text
        self._en_runs = WordRunStarts(self._en_starts, self._en_first_words, _WORD_BEFORE) \
            if self._en_first_words is not None else None
        # where a Chinese/Arabic numeral can begin (its lookbehind keeps regex from skipping ahead)
        self._zh_first = _after_no_digit(self._zh_re, first_chars_gate(self._zh_re))
        self._letters = regex.compile(r"[\p{L}\u00bc-\u00be\u2150-\u215e]")
        words = sorted((str(w) for w in zh.get("not_numbers") or ()), key=len, reverse=True)
        self._not_words = compile_regex("|".join(regex.escape(w) for w in words) or "(?!)", ZH_FILE)
        # an alternation of words: regex tries every branch at every position; the words' first
        # characters, found by re, are the only places to try
        self._not_first = first_chars_gate(self._not_words)
        self._not_alone = frozenset(str(c) for c in zh.get("not_alone") or ())
        after = _words(en.get("pronoun_one_after"))
        before = _words(en.get("pronoun_one_before"))
        subject = _words(en.get("pronoun_one_subject"))
        self._one = str(en["pronoun_one"])  # the number word that is also a pronoun
        one = regex.escape(self._one)
        self._pronoun_one = compile_regex(
            rf"(?:\b(?:{after})\s+{one}\b(?!\s*-)|\b{one}\s+(?:{before})\b|\b{one}\s+(?=(?:{subject})\b))",
            EN_FILE)

    @staticmethod
    def _pieces(zh: dict[str, Any], en: dict[str, Any]) -> dict[str, str]:
        """Regex pieces for numerals; the quantity grammar reuses them by name."""
        pieces = {str(k): str(v) for k, v in (zh.get("pieces") or {}).items()}
        fracs = "".join(str(k) for k in en["unicode_fractions"])
        words = sorted({*map(str, en["ones"]), *map(str, en["tens"]), *map(str, en["hundred"]),
                        *map(str, en["scales"]), *map(str, en["fractions"]), *map(str, en.get("dozen") or {})},
                       key=len, reverse=True)
        minus = "|".join(map(str, en["minus"]))
        # longest first, so (?:an|a) backtracks as an? did
        article = "(?:" + "|".join(sorted((regex.escape(str(a)) for a in en["articles"]), key=len, reverse=True)) + ")"
        conjunction, point = regex.escape(str(en["conjunction"])), regex.escape(str(en["point"]))
        # the 多/余 of 20余万, 十多万 (patterns/numbers/numbers.zh.yaml: approx_inside)
        pieces["zh_approx_mark"] = "[" + "".join(regex.escape(c) for c in approx_inside(zh)) + "]"
        pieces.update({
            "en_word": r"(?:\b(?:" + "|".join(words) + r")\b)",
            "en_ufraction": "[" + fracs + "]",
            "en_digits": r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)",
            "en_atom": r"(?:{en_digits}|{en_word}|{en_ufraction})",
            "en_join": rf"(?:\s*-\s*|\s+{conjunction}\s+(?:{article}\s+)?|\s+(?:{article}\s+)?|\s+{point}\s+)",
            "en_numeral": r"(?<![\w.])(?:(?:" + minus + r")\s+)?(?:" + article + r"\s+(?={en_word}))?{en_atom}(?:{en_join}{en_atom})*",
        })
        return resolve_refs(pieces, ZH_FILE)

    # -- reading values -------------------------------------------------------------
    def value(self, text: str) -> Value | None:
        """The value of one numeral of either grammar (None if it is not one)."""
        # U+4E00-U+9FFF, the CJK Unified Ideographs block: a code-point range, not vocabulary
        if self._letters.search(text, None, None, False) and not has_han(text):
            found = self.en.split(text)
            return found[-1][2] if found else None
        return self.zh_value(text)

    def zh_value(self, text: str) -> Value | None:
        """Value of a Chinese/Arabic numeral, slash fractions and 多/余 inside included."""
        if _PLAIN_ARABIC.fullmatch(text):
            # ASCII digits (with group commas and a decimal part): the one Arabic token the
            # Chinese reader would make of it, read as it reads it (tests/test_numbers_plain_value.py)
            try:
                return tidy(float(text.replace(",", "")))
            except OverflowError:
                return None
        for mark in self.approx_marks:
            text = text.replace(mark, "")
        if "/" in text:
            sign = -1 if text.startswith("-") else 1
            body = text.lstrip("-")
            whole, _, frac = body.rpartition(" ") if " " in body else ("", "", body)
            num, _, den = frac.partition("/")
            if not num.isdigit() or not den.isdigit() or int(den) == 0:
                return None
            return tidy(sign * ((int(whole) if whole.isdigit() else 0) + int(num) / int(den)))
        try:
            return self.zh.value(text)
        except (ValueError, KeyError, OverflowError):
            return None

    # -- finding numerals -------------------------------------------------------------
    def find(self, text: str) -> list[Numeral]:
        """Every numeral of a normalised text, leftmost-longest, without overlaps."""
        found: list[Numeral] = []
        taken: list[tuple[int, int]] = []
        for m in gated_finditer(self._en_re, text, self._whole_word_starts(text)):
            if not self._letters.search(m.group(), None, None, False):
                continue
            for start, end, value in self.en.split(m.group(), m.start()):
                if text[start:end].lower() == self._one and self._is_pronoun(text, start):
                    continue
                if not self._letters.search(text[start:end], None, None, False) and not _has_scale(text[start:end]):
                    continue  # bare digits: read by the Chinese/Arabic grammar below
                found.append(Numeral(start, end, value, "en"))
                taken.append((start, end))
        english = Intervals(taken)
        blocked = Intervals((m.start(), m.end()) for m in _gated(self._not_words, self._not_first, text))
        for m in _gated(self._zh_re, self._zh_first, text):
            s, e = m.start(), m.end()
            if english.overlaps(s, e):
                continue
            if blocked.contains(s, e):
                continue
            if e - s == 1 and m.group() in self._not_alone:
                continue
            zh = self.zh_value(m.group())
            if zh is None and e - s > 1:
                e -= 1  # 百分之七十百分位: the last character starts the next word
                zh = self.zh_value(text[s:e])
            if zh is None:
                continue
            found.append(Numeral(s, e, zh, "zh"))
        found.sort(key=lambda n: n.start)
        return found

    def _whole_word_starts(self, text: str) -> Iterable[int]:
        """The gate's candidates, less those at a run of ASCII letters that is not a whole word
        of the tables (the gate checks 3 letters: "and", "thesis" pass as "a", "the").

        Exact: at an ASCII letter the grammar begins with a word of the tables (or a sign or an
        article) followed by a space or a word boundary, so it takes the whole letter run; an
        ASCII letter matches an ASCII letter under simple case folding only as ``lower()`` does.
        A run followed by a non-ASCII character (``thouſand``) is kept.  On a spaced text the
        same candidates come from one word-by-word scan (:mod:`..data.word_run_starts`)."""
        if self._en_runs is not None and self._en_runs.suits(text):
            return self._en_runs.starts(text)
        return self._checked_starts(text)

    def _checked_starts(self, text: str) -> Iterator[int]:
        """:meth:`_whole_word_starts` from the gate's scan, each letter run checked in Python."""
        size, words, run = len(text), self._en_first_words, _ASCII_LETTERS.match
        for i in self._en_starts.starts(text):
            c = text[i]
            if words is not None and ("a" <= c <= "z" or "A" <= c <= "Z"):
                m = run(text, i)
                j = size if m is None else m.end()
                if (j == size or text[j].isascii()) and text[i:j].lower() not in words:
                    continue
            yield i

    def _is_pronoun(self, text: str, start: int) -> bool:
        window = text[max(0, start - 12): start + 12]
        offset = max(0, start - 12)
        return any(m.start() <= start - offset < m.end() for m in self._pronoun_one.finditer(window, None, None, False, False))


def _gated(pattern: Any, first: Any, text: str) -> Iterable[Any]:
    """``pattern.finditer(text)``, tried only where ``first`` (a :func:`first_chars_gate`) matches."""
    if first is None:
        return pattern.finditer(text, None, None, False, False)  # type: ignore[no-any-return]
    return gated_finditer(pattern, text, (m.start() for m in first.finditer(text)))


#: A numeral of ASCII digits only, with group commas and a decimal part (most numerals).
_PLAIN_ARABIC = re.compile("[0-9][0-9,]*(?:[.][0-9]+)?")
#: An ASCII character that is neither a digit nor a point: after ``.`` or ``-`` no numeral goes on.
_NO_DIGIT = r"[\x00-\x2d\x2f\x3a-\x7f]"
#: The lookbehind a Chinese/Arabic numeral opens with (its class is probed, not parsed).
_LEAD_LOOKBEHIND = regex.compile(r"\(\?<!(\[[^\]\[]*\])\)")


def _after_no_digit(pattern: Any, first: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """``first`` (a first-character class of ``pattern``), less the characters right after a
    digit or point where ``pattern`` opens with a lookbehind rejecting those (the ``04`` of
    ``2022.04``), and less a ``.`` or ``-`` before an ASCII character that is no digit (``.``
    at a sentence's end, the ``-`` of ``-based``): a numeral begins ``.5`` or ``-0.2``, never
    ``.x`` (tests/test_numbers_zh_starts.py).  The first character is consumed, so ``re``
    skips to the class, and the rest is asserted around it; None stays None."""
    if first is None:
        return None
    lead = _LEAD_LOOKBEHIND.match(str(pattern.pattern))
    rejected = "".join(c for c in "0123456789." if lead and regex.fullmatch(lead.group(1), c))
    before = f"(?<![{re.escape(rejected)}].)" if rejected else ""
    return re.compile(f"{first.pattern}{before}(?:(?<![.-])|(?<=[.-])(?!{_NO_DIGIT}|\\Z))")


#: What may not stand right before an English numeral besides an ASCII word character.
_WORD_BEFORE = "."
#: A run of ASCII letters (the first word of an English numeral, when it starts with one).
_ASCII_LETTERS = re.compile("[A-Za-z]+")


def _first_words(en: dict[str, Any]) -> frozenset[str] | None:
    """The words an English numeral can begin with (lower case): a number word, a sign, an
    article; None when one is not a run of ASCII letters (the whole-word check assumes it)."""
    words = [str(w) for w in [*en["ones"], *en["tens"], *en["hundred"], *en["scales"], *en["fractions"],
                              *(en.get("dozen") or {}), *en["minus"], *en["articles"]]]
    if not all(_ASCII_LETTERS.fullmatch(w) for w in words):
        return None
    return frozenset(w.lower() for w in words)


def _english_starts(en: dict[str, Any]) -> StartGate:
    """Where an English numeral (``{en_numeral}``) may start: a digit, a point, a vulgar
    fraction, or a word of the tables (a sign or an article first), never right after a
    word character or a point (its lookbehind).  Scanning for these and matching only
    there finds what a whole-text ``finditer`` finds, at a fraction of the cost: the
    lookbehind that opens the grammar keeps ``regex`` from skipping ahead to a literal."""
    words = [*en["ones"], *en["tens"], *en["hundred"], *en["scales"], *en["fractions"], *(en.get("dozen") or {}),
             *en["minus"], *en["articles"]]
    chars = {*"0123456789.", *(str(f) for f in en["unicode_fractions"])}
    return StartGate(chars, ignore_case=True, word_before=_WORD_BEFORE, words=[str(w) for w in words])


def _has_scale(text: str) -> bool:
    return any(c.isalpha() for c in text)


class NumberFinder:
    """``find_numbers`` for one pattern store: normalise, find, map back."""

    def __init__(self, store: PatternStore) -> None:
        self.grammar = NumberGrammar(store)
        self.normalise = Normaliser(store)

    def __call__(self, text: str) -> list[Number]:
        norm = self.normalise(text)
        out: list[Number] = []
        for n in self.grammar.find(norm.text):
            start, end = norm.to_original(n.start, n.end)
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                out.append(Number(text=text[start:end], start=start, end=end, value=n.value))
        return out


_FINDER: NumberFinder | None = None
_LOCK = threading.Lock()


def default_grammar() -> NumberGrammar:
    """The numeral grammar over the packaged patterns."""
    return _default_finder().grammar


def _default_finder() -> NumberFinder:
    global _FINDER
    with _LOCK:
        if _FINDER is None:
            _FINDER = NumberFinder(default_store())
        return _FINDER


def find_numbers(text: str) -> list[Number]:
    """Every bare numeral in ``text`` with span (on ``text`` itself) and value."""
    if not isinstance(text, str):
        raise TypeError(f"find_numbers() takes str, not {type(text).__name__}")
    return _default_finder()(clean_surrogates(text))
