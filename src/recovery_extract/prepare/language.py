"""Stage 2 - language. Reads NormalisedText; writes the document language, script and sentences.

``language`` is ``zh``, ``en`` or ``mixed`` (both carry content), or ``ja`` /
``ko`` / ``und``; ``script`` is ``Hans``, ``Hant``, ``Latn``, ``mixed``,
``Jpan``, ``Kore`` or ``Zyyy``.  Sentences carry their own language so that
mixed documents run the right rules on each part.  Counting is done on the
normalised text (romanisation glosses are not English); Hans vs Hant is decided
on a sample of the original's Han characters.
"""

from __future__ import annotations

import functools
import operator

from dataclasses import dataclass
from typing import Any

from .normalise import NormalisedText, t2s
from ..data import regex_cache
from ..data.patterns import PatternStore, compile_class, compile_regex


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the normalised text, ``[start, end)``, and its language."""

    start: int
    end: int
    language: str


@dataclass(frozen=True, slots=True)
class LanguageInfo:
    """What stage 2 found about a document."""

    language: str
    script: str
    sentences: tuple[Sentence, ...]


class LanguageDetector:
    """Script counting with thresholds from ``patterns/language/scripts.yaml``."""

    def __init__(self, store: PatternStore) -> None:
        cfg = store.yaml("language/scripts.yaml")
        src = "language/scripts.yaml"
        # Each class counted as runs: one match per run of characters, not one per character
        # (a class is one character, so the run lengths add up to the same count, 3x faster).
        self._runs = tuple(compile_class(f"(?:{cfg['classes'][name]})+", f"{src}: classes.{name}")
                           for name in ("han", "kana", "hangul", "latin"))
        # A class is absent from a text holding no character at or above its lowest member: one
        # plain range scan decides that (an English page skips the Han and kana property scans).
        # (the floors are kept in the compiled-regex cache: finding them scans 55,000 characters)
        floors = regex_cache.cached_value(("language-floors", 1, [r.pattern for r in self._runs]),
                                          lambda: [_lowest(r, "".join(map(chr, range(0xD800)))) for r in self._runs])
        # (``re`` builds a range up to U+10FFFF into a bitmap: milliseconds each, so cached too)
        self._floors = tuple(regex_cache.compile_re(("range-to-end", floor), functools.partial(_from, floor))
                             for floor in floors)
        self._end = compile_regex(cfg["sentence_end"], src, flags=0)
        self.per_han = float(cfg["latin_letters_per_han"])
        self.mixed_share = float(cfg["mixed_min_share"])
        self.kana_share = float(cfg["kana_min_share"])
        self.hangul_share = float(cfg["hangul_min_share"])
        self.hant_share = float(cfg["hant_min_share"])
        self.hant_chars = int(cfg["hant_min_chars"])
        self.hant_sample = int(cfg["hant_sample"])

    def __call__(self, norm: NormalisedText) -> LanguageInfo:
        text = norm.text
        # One count of each script class per piece; the document's counts are their sums
        # (the pieces cover the text and the classes are single characters).
        # A class absent from the whole text is absent from every piece: not counted per piece.
        present = tuple(i for i, (runs, floor) in enumerate(zip(self._runs, self._floors))
                        if (m := floor.search(text)) is not None and runs.search(text, m.start()) is not None)
        pieces = self._pieces(text, present)
        sentences: list[Sentence] = []
        weights = {"zh": 0.0, "en": 0.0}
        totals = [0, 0, 0, 0]
        for start, end, counts, blank in pieces:
            han, kana, hangul, latin = counts
            totals[0] += han
            totals[1] += kana
            totals[2] += hangul
            totals[3] += latin
            if blank:
                continue
            sentence = Sentence(start, end, self._decide(han, kana, hangul, latin))
            sentences.append(sentence)
            if sentence.language in weights:
                weights[sentence.language] += han + latin / self.per_han
        language = self._document_language(self._decide(*totals), weights)
        return LanguageInfo(language, self._script(language, norm.original), tuple(sentences))

    def _counts(self, text: str, start: int = 0, end: int | None = None,
                present: tuple[int, ...] = (0, 1, 2, 3)) -> tuple[int, int, int, int]:
        """Han, kana, hangul and Latin letters in ``text[start:end]`` (only the classes whose
        indexes are in ``present`` are looked for: default all)."""
        end = len(text) if end is None else end
        counts = [0, 0, 0, 0]
        for i in present:
            counts[i] = sum(map(len, self._runs[i].findall(text, start, end)))
        return counts[0], counts[1], counts[2], counts[3]

    def classify(self, text: str) -> str:
        """``zh``, ``en``, ``ja``, ``ko`` or ``und`` for a short piece of text."""
        return self._decide(*self._counts(text))

    def _decide(self, han: int, kana: int, hangul: int, latin_letters: int) -> str:
        latin = latin_letters / self.per_han
        cjk = han + kana + hangul
        if cjk and hangul / cjk >= self.hangul_share:
            return "ko"
        if cjk and kana / cjk >= self.kana_share:
            return "ja"
        if not cjk and not latin:
            return "und"
        return "zh" if han >= latin else "en"

    def _document_language(self, overall: str, weights: dict[str, float]) -> str:
        if overall in ("ja", "ko", "und"):
            return overall
        total = weights["zh"] + weights["en"]
        if total == 0:
            return overall
        if min(weights.values()) / total >= self.mixed_share:
            return "mixed"
        return "zh" if weights["zh"] >= weights["en"] else "en"

    def _script(self, language: str, original: str) -> str:
        if language in ("en", "mixed"):
            return {"en": "Latn", "mixed": "mixed"}[language]
        if language == "ja":
            return "Jpan"
        if language == "ko":
            return "Kore"
        if language == "und":
            return "Zyyy"
        sample = "".join(self._runs[0].findall(original[: self.hant_sample * 4]))[: self.hant_sample]
        if not sample:
            return "Hans"
        changed = sum(map(operator.ne, sample, t2s(sample)))  # (a C loop: no frame per character)
        hant = changed >= self.hant_chars and changed / len(sample) >= self.hant_share
        return "Hant" if hant else "Hans"

    def _pieces(self, text: str, present: tuple[int, ...] = (0, 1, 2, 3)
                ) -> list[tuple[int, int, tuple[int, int, int, int], bool]]:
        """The text cut after each sentence end: (start, end, script counts, blank)."""
        out: list[tuple[int, int, tuple[int, int, int, int], bool]] = []
        counts = self._counts
        start = 0
        for m in self._end.finditer(text):
            end = m.end()
            if end > start:
                out.append((start, end, counts(text, start, end, present), not text[start:end].strip()))
            start = end
        if start < len(text):
            out.append((start, len(text), counts(text, start, len(text), present), not text[start:].strip()))
        return out



def _from(floor: int) -> str:
    """``re`` source of a class of every code point from ``floor`` on."""
    return f"[\\U{floor:08x}-\\U0010ffff]"


def _lowest(runs: Any, below: str) -> int:
    """The lowest code point a class pattern matches, searched in ``below`` (every code point
    under the surrogates, in order); 0xD800 when none there, a safe floor all the same."""
    m = runs.search(below)
    return 0xD800 if m is None else m.start()
