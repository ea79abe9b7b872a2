"""Stage 1 - normalise. Reads the original str; writes NormalisedText.

The extractors see one canonical form of the text: invisible characters gone,
full-width forms folded, romanisation glosses (``統(tǒng)籌``) removed, scraper
punctuation artefacts tidied, and traditional characters converted to
simplified with OpenCC ``t2s``.  Each step is a pure function from a string to
a list of edits; :mod:`recovery_extract.prepare.offsets` turns the edits into one map
back to the original, so every span can be reported on the original text.
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .offsets import Edit, OffsetMap, StepMap, apply_edits
from ..data.patterns import PatternStore, compile_class, compile_regex

Step = Callable[[str], tuple[str, list[Edit]]]


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """The original text, its normalised form, and the map between them."""

    original: str
    text: str
    offsets: OffsetMap

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Span of ``text`` -> span of ``original``."""
        return self.offsets.to_original(start, end)


class _OpenCC:
    """OpenCC t2s, created on first use and guarded for use across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._converter: Any = None

    def convert(self, text: str) -> str:
        with self._lock:
            if self._converter is None:
                import opencc

                self._converter = opencc.OpenCC("t2s")
            return str(self._converter.convert(text))


_T2S = _OpenCC()


def t2s(text: str) -> str:
    """OpenCC traditional -> simplified (shared converter, created on first use)."""
    return _T2S.convert(text)


@functools.lru_cache(maxsize=4096)
def _toneless(gloss: str) -> str:
    """A pinyin gloss without tone marks, lower case (``tǒng`` -> ``tong``): kept per gloss,
    since a page with glosses repeats a few hundred syllables."""
    decomposed = unicodedata.normalize("NFD", gloss)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ü", "v").lower()


class Normaliser:
    """The ordered normalisation steps, built once from ``patterns/normalise``."""

    def __init__(self, store: PatternStore) -> None:
        rules = store.yaml("normalise/rules.yaml")
        self._drop = compile_class(rules["drop"] + "+", "normalise/rules.yaml: drop")
        self._gloss = compile_regex(rules["romanisation"], "normalise/rules.yaml: romanisation", flags=0)
        lines = store.path("normalise/pinyin_syllables.txt").read_text(encoding="utf-8").splitlines()
        self._syllables = frozenset(s for s in lines if s and not s.startswith("#"))
        substitutions = tuple(
            _substitution(compile_regex(r["regex"], f"normalise/rules.yaml: {r['id']}", flags=0),
                          str(r.get("replace", "")))
            for r in rules.get("substitutions") or []
        )
        self._han = compile_regex(r"\p{Han}", "han", flags=0)
        table = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
        table["\u3000"] = " "
        for row in store.tsv("normalise/characters.tsv"):
            table[row["char"]] = row["replacement"]
        self._fold = table
        self._fold_re = compile_class("[" + "".join(_escape_class(c) for c in table) + "]", "normalise/characters.tsv")
        self.steps: tuple[Step, ...] = (
            self.drop_invisible,
            self.fold_characters,
            self.strip_romanisation,
            *substitutions,
            self.to_simplified,
        )

    def __call__(self, original: str) -> NormalisedText:
        text, offsets = original, OffsetMap()
        for step in self.steps:
            new_text, edits = step(text)
            if edits:
                offsets = offsets.then(StepMap.from_edits(len(text), edits))
            text = new_text
        return NormalisedText(original, text, offsets)

    def drop_invisible(self, text: str) -> tuple[str, list[Edit]]:
        """Remove zero-width, bidi and control characters."""
        return _edit(text, [(m.start(), m.end(), "") for m in self._drop.finditer(text)])

    def fold_characters(self, text: str) -> tuple[str, list[Edit]]:
        """Full-width forms to ASCII (``１２％`` -> ``12%``), plus the table's variants."""
        fold = self._fold
        return _edit(text, [(m.start(), m.end(), fold[m.group()]) for m in self._fold_re.finditer(text)])

    def strip_romanisation(self, text: str) -> tuple[str, list[Edit]]:
        """Drop pinyin glosses after characters: ``統(tǒng)籌`` -> ``統籌``."""
        edits: list[Edit] = []
        for m in self._gloss.finditer(text):
            gloss = m.group("gloss")
            base = _toneless(gloss)
            marked = base != gloss.lower()
            if base in self._syllables and (marked or (len(base) >= 2 and gloss.islower())):
                edits.append((m.start(), m.end(), ""))
        return _edit(text, edits)

    def to_simplified(self, text: str) -> tuple[str, list[Edit]]:
        """Traditional -> simplified (OpenCC t2s); the length is kept, so positions are too."""
        if not self._han.search(text):
            return text, []
        converted = _T2S.convert(text)
        if len(converted) != len(text):
            # A phrase rule changed the length: convert character by character instead.
            converted = "".join(c if len(s := _T2S.convert(c)) != 1 else s for c in text)
        return converted, []


def _substitution(pattern: Any, replacement: str) -> Step:
    """A step that replaces every match of ``pattern`` by ``replacement``."""

    def substitute(text: str) -> tuple[str, list[Edit]]:
        return _edit(text, [(m.start(), m.end(), replacement) for m in pattern.finditer(text)])

    return substitute


def _edit(text: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    return apply_edits(text, edits), edits


def _escape_class(c: str) -> str:
    return "\\" + c if c in "\\]^-[" else c
