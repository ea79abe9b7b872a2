"""The contract between the pipeline and the extractors (stage 3) and resolvers (stage 4).

An extractor is built once from a :class:`~recovery_extract.data.patterns.PatternStore`
and then, per document:

- ``find(view)`` returns :class:`Mention` objects with spans in the NORMALISED
  text (``view.text``) and partial values (a date may lack its year, a region may
  have several candidate codes, an agency only its written prefix);
- ``resolve(mentions, context)`` returns them with final values, once the
  :class:`DocumentContext` (publication date, main region) is known.

Extractors must not raise on any input and must not keep per-document state on
``self`` (one instance serves many threads).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from ..prepare.language import LanguageInfo, Sentence
from ..prepare.normalise import NormalisedText


@dataclass(slots=True)
class Mention:
    """A span of the normalised text found by one rule, with a (partial) value."""

    kind: str
    start: int
    end: int
    rule: str
    value: Any = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class TextView:
    """What an extractor reads: the normalised text, its sentences and language."""

    norm: NormalisedText
    info: LanguageInfo

    @property
    def text(self) -> str:
        return self.norm.text

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self.info.sentences

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence holding normalised position ``pos``."""
        lo, hi = 0, len(self.info.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.info.sentences[mid]
            if pos < s.start:
                hi = mid - 1
            elif pos >= s.end:
                lo = mid + 1
            else:
                return s
        return None

    def language_at(self, pos: int) -> str:
        """The language of the sentence at ``pos`` (the document's if none)."""
        s = self.sentence_at(pos)
        return s.language if s else self.info.language


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What stage 4 knows about the whole document.

    ``published`` is ISO 8601 at the precision known (``2020-02-25T15:27:09``,
    ``2022-07-07``, ``--11-14``) or ``None``; ``main_region`` the code the
    article is mainly about; ``province`` the province-level code of it.
    """

    published: str | None = None
    main_region: str | None = None
    province: str | None = None
    language: str = "zh"
    #: The country, for a document that names no place but speaks of the whole country
    #: (a national statistics release): the region of its indicators, not of its agencies.
    scope_region: str | None = None
    #: Whether ``published`` is the page's own date (its date line, or one read from an
    #: earlier chunk of it) rather than a date the caller gave.
    published_from_page: bool = True

    @property
    def year(self) -> int | None:
        """The reference year, or None when unknown."""
        return self._part(0)

    @property
    def month(self) -> int | None:
        """The reference month, or None when unknown."""
        return self._part(1)

    @property
    def day(self) -> int | None:
        """The reference day, or None when unknown."""
        return self._part(2)

    def _part(self, index: int) -> int | None:
        """Year, month or day of ``published`` (``2020-02-25T…``, ``--11-14``, ``---21``)."""
        p = (self.published or "").split("T", 1)[0]
        if not p:
            return None
        if p[:4].isdigit():
            parts = p.split("-")
        else:
            parts = [""] + p.lstrip("-").split("-")
            if p.startswith("---"):
                parts = ["", ""] + p.lstrip("-").split("-")
        value = parts[index] if index < len(parts) else ""
        return int(value) if value.isdigit() else None


class Extractor(Protocol):
    """One kind of mention: found in stage 3, resolved in stage 4."""

    kind: ClassVar[str]

    def find(self, view: TextView) -> list[Mention]: ...

    def resolve(self, mentions: list[Mention], context: DocumentContext, view: TextView) -> list[Mention]: ...
