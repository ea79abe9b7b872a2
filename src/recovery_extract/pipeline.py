"""The pipeline: the ONLY place that writes the order of the stages.

    decode (bytes) -> normalise -> language -> extract -> settle overlaps
      -> context (published) -> resolve dates -> context (main region)
      -> resolve regions, agencies, quantities -> indicators -> records

A :class:`Pipeline` loads and compiles ``patterns/`` once and keeps no
per-document state, so one instance can be shared by many threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar, Protocol

from .resolve.context import build_context, with_regions
from .prepare.decode import Decoder, clean_surrogates, looks_like_mojibake
from .extract import settle_overlaps
from .extract.agencies import AgencyExtractor
from .extract.base import DocumentContext, Mention, TextView
from .extract.dates import DateExtractor
from .resolve.dates import DateResolver
from .extract.quantities import QuantityExtractor
from .extract.regions import RegionExtractor
from .resolve.indicators import IndicatorLinker, distinct_indicators
from .prepare.language import LanguageDetector
from .prepare.normalise import NormalisedText, Normaliser
from .prepare.reference_date import parse_reference_date
from .data.patterns import PatternStore
from .records import AgencyMention, DateMention, Document, Quantity, RegionMention

Published = str | date | datetime | None
#: ``progress(done, total)``: called as the chunks of one document are analysed.
Progress = Callable[[int, int], None]


class Finder(Protocol):
    """What stage 3 runs for one kind of mention: spans in the normalised text."""

    kind: ClassVar[str]

    def find(self, view: TextView) -> list[Mention]: ...


class Resolver(Protocol):
    """What stage 4 runs for one kind of mention: final values in context."""

    kind: ClassVar[str]

    def resolve(self, mentions: list[Mention], context: DocumentContext, view: TextView) -> list[Mention]: ...


class Pipeline:
    """Reusable extractor: ``Pipeline()(text)`` or ``Pipeline().extract(text)``."""

    #: Longest text analysed in one piece; longer ones are chunked (docs/reliability.md).
    MAX_CHARS = 200_000

    def __init__(self, patterns: str | Path | None = None, *, max_chars: int | None = None) -> None:
        if max_chars is not None and not isinstance(max_chars, int):
            raise TypeError(f"max_chars must be an int, not {type(max_chars).__name__}")
        if max_chars is not None and max_chars < 1000:
            raise ValueError(f"max_chars must be at least 1000, not {max_chars}")
        self.max_chars = max_chars or self.MAX_CHARS
        self.store = PatternStore(Path(patterns)) if patterns else PatternStore()
        self.decoder = Decoder(self.store)
        self.normalise = Normaliser(self.store)
        self.detect_language = LanguageDetector(self.store)
        self.quantities = QuantityExtractor(self.store)
        self.dates = DateExtractor(self.store)
        self.date_resolver = DateResolver(self.store, self.dates.grammar.lunar_new_year)
        # The packaged grammars are known to compile (the tests do it): their largest regexes
        # are compiled on first use, which keeps a one-file CLI run short. A custom folder
        # is compiled at once, so that its errors are raised here.
        eager = patterns is not None
        self.regions = RegionExtractor(self.store, eager=eager)
        self.agencies = AgencyExtractor(self.store, eager=eager)
        self.extractors: tuple[Finder, ...] = (self.dates, self.quantities, self.regions, self.agencies)
        self.indicators = IndicatorLinker(self.store)

    def __call__(self, text: str | bytes, *, doc_id: str | None = None,
                 published: Published = None, strict: bool = False,
                 date_order: str | None = None) -> Document:
        return self.extract(text, doc_id=doc_id, published=published, strict=strict,
                            date_order=date_order)

    def extract(self, text: str | bytes, *, doc_id: str | None = None,
                published: Published = None, strict: bool = False,
                date_order: str | None = None,
                progress: Progress | None = None) -> Document:
        """One Document for ``text`` (str, or bytes in any supported encoding).

        ``published`` (a date, datetime, or a date as typed: ``2020-02-25``,
        ``20200225``, ``2020年2月25日``, ``25 Feb 2020``; ``25/02/2020`` needs
        ``date_order="DMY"`` when both numbers are 12 or less) overrides the
        document's own date line as the reference for year-less and relative
        dates; text that is not one valid day raises ``ValueError``.  With
        ``strict``, undecodable bytes raise :class:`DecodeError` instead of being
        replaced (and flagged in ``Document.warnings``).  ``progress(done, total)`` is
        called after each chunk of a text over ``max_chars`` (a progress bar for one long
        document); a text analysed in one piece calls it once, ``(1, 1)``.
        """
        if isinstance(text, (bytes, bytearray, memoryview)):
            original, warnings = self.decoder(bytes(text), strict=strict)
        elif isinstance(text, str):
            original = clean_surrogates(text)
            warnings = ("text looks like mojibake; not repaired (pass bytes to repair)",) \
                if looks_like_mojibake(original) else ()
        else:
            raise TypeError(f"extract() takes str or bytes, not {type(text).__name__}")
        if doc_id is not None and not isinstance(doc_id, str):
            raise TypeError(f"doc_id must be a str or None, not {type(doc_id).__name__}")
        document = self._from_text(doc_id, original, _iso(published, date_order), warnings, progress=progress)
        if progress is not None and len(original) <= self.max_chars:
            progress(1, 1)
        return document

    def _from_text(self, doc_id: str | None, original: str, reference: str | None,
                   warnings: tuple[str, ...], page_reference: bool = False,
                   progress: Progress | None = None) -> Document:
        """A decoded, checked text to its Document (in chunks when it is too long).
        ``page_reference``: ``reference`` is the page's own date (read from an earlier
        chunk), not one the caller gave."""
        if len(original) > self.max_chars:
            return self._chunked(doc_id, original, reference, warnings, progress)
        try:
            norm, view, mentions, context = self.analyse(original, reference, page_reference)
            return self._document(doc_id, original, norm, view, mentions, context, warnings)
        except Exception as err:  # noqa: BLE001 - a bug must not take the caller's pipeline down
            return _failed(doc_id, original, reference, warnings, err)

    def _chunked(self, doc_id: str | None, original: str, reference: str | None,
                 warnings: tuple[str, ...], progress: Progress | None = None) -> Document:
        """A document over ``max_chars``: analysed in paragraph-aligned chunks, spans shifted.

        Every character is read (no silent loss); the first chunk's publication
        date is the reference for the others; a mention or an indicator that
        spans a chunk border may be missed, which the warning says.
        """
        parts: list[Document] = []
        page_reference = False
        bounds = list(chunk_bounds(original, self.max_chars))
        for start, end in bounds:
            # Decoded and checked for mojibake once, as a whole (not again per chunk).
            part = self._from_text(doc_id, original[start:end], reference, (), page_reference)
            if reference is None and part.published is not None:
                # The page's own date, read in this chunk, dates the later ones as the page's
                # (the latest-year rule of dates applies to it as to a date line).
                reference, page_reference = part.published, True
            parts.append(_shifted(part, start))
            if progress is not None:
                progress(len(parts), len(bounds))
        first = parts[0]
        note = (f"document of {len(original)} characters analysed in {len(bounds)} chunks of at most "
                f"{self.max_chars} (paragraph-aligned); mentions across a chunk border may be missed")
        return Document(
            id=doc_id, language=first.language, script=first.script, published=first.published,
            quantities=tuple(q for p in parts for q in p.quantities),
            dates=tuple(d for p in parts for d in p.dates),
            regions=tuple(r for p in parts for r in p.regions),
            agencies=tuple(a for p in parts for a in p.agencies),
            indicators=distinct_indicators(i for p in parts for i in p.indicators),
            text=original,
            warnings=(*warnings, note, *dict.fromkeys(w for p in parts for w in p.warnings)),
        )

    def analyse(self, original: str, reference: str | None = None, page_reference: bool = False) -> tuple[
            NormalisedText, TextView, list[Mention], DocumentContext]:
        """Stages 1-4 on a str: the normalised text, its view, the resolved mentions
        and the document context (what :func:`recovery_extract.explain` reads)."""
        norm = self.normalise(clean_surrogates(original))
        view = TextView(norm, self.detect_language(norm))
        mentions: list[Mention] = []
        for extractor in self.extractors:
            mentions.extend(extractor.find(view))
        mentions = settle_overlaps(mentions)
        self.date_resolver.mark_published(mentions)

        context = build_context(mentions, view, reference, page_reference)
        mentions = self._resolve(self.date_resolver, mentions, context, view)
        national = self.indicators.national_scope
        datelines = self.indicators.datelines
        context = with_regions(context, mentions, view, national,
                               frozenset(datelines.places(view.text, mentions)))
        mentions = self._resolve(self.regions, mentions, context, view)
        # Again, on resolved regions.
        context = with_regions(context, mentions, view, national,
                               frozenset(datelines.places(view.text, mentions)))
        for extractor in (self.agencies, self.quantities):
            mentions = self._resolve(extractor, mentions, context, view)
        return norm, view, mentions, context

    def _resolve(self, resolver: Resolver, mentions: list[Mention], context: DocumentContext,
                 view: TextView) -> list[Mention]:
        mine = [m for m in mentions if m.kind == resolver.kind]
        others = [m for m in mentions if m.kind != resolver.kind]
        resolved = resolver.resolve(mine, context, view)
        return sorted(others + resolved, key=lambda m: (m.start, m.end))

    def _document(self, doc_id: str | None, original: str, norm: NormalisedText, view: TextView,
                  mentions: list[Mention], context: object, warnings: tuple[str, ...]) -> Document:
        span = _Spans(norm)
        quantities: list[Quantity] = []
        records: dict[int, Quantity] = {}
        dates: list[DateMention] = []
        regions: list[RegionMention] = []
        agencies: list[AgencyMention] = []
        for m in mentions:
            if m.attrs.get("drop"):
                continue
            text, start, end = span(m)
            if not text:
                continue
            if m.kind == "quantity":
                q = Quantity(text=text, start=start, end=end, value=m.value, unit=m.attrs["unit"],
                             counter=m.attrs.get("counter"), approx=m.attrs.get("approx"), rule=m.rule,
                             value_max=m.attrs.get("value_max"), per=m.attrs.get("per"))
                quantities.append(q)
                records[id(m)] = q
            elif m.kind == "date" and isinstance(m.value, str):
                dates.append(DateMention(text=text, start=start, end=end, value=m.value, rule=m.rule))
            elif m.kind == "region":
                regions.append(RegionMention(text=text, start=start, end=end, value=m.value,
                                             name=m.attrs.get("name"), rule=m.rule))
            elif m.kind == "agency":
                agencies.append(AgencyMention(text=text, start=start, end=end, value=m.value,
                                              name=m.attrs.get("name"), rule=m.rule))
        indicators = self.indicators.link(view, mentions, context, records)  # type: ignore[arg-type]
        return Document(
            id=doc_id, language=view.info.language, script=view.info.script,
            published=getattr(context, "published", None),
            quantities=tuple(quantities), dates=tuple(dates), regions=tuple(regions),
            agencies=tuple(agencies), indicators=tuple(indicators), text=original,
            warnings=warnings,
        )


class _Spans:
    """Maps a mention to ``(text, start, end)`` on the original."""

    def __init__(self, norm: NormalisedText) -> None:
        self.norm = norm

    def __call__(self, m: Mention) -> tuple[str, int, int]:
        start, end = self.norm.to_original(m.start, m.end)
        original = self.norm.original
        # Never report surrounding whitespace: trim on the original.
        while start < end and original[start].isspace():
            start += 1
        while end > start and original[end - 1].isspace():
            end -= 1
        return original[start:end], start, end


def _iso(published: Published, date_order: str | None = None) -> str | None:
    """``published`` as ISO 8601 (:func:`~.prepare.reference_date.parse_reference_date`):
    a ``ValueError`` for what is not one valid day, never a silently wrong reference."""
    return parse_reference_date(published, date_order)


def chunk_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of at most ``size`` characters covering ``text``, cut
    after the last newline (else sentence end, else space) in each piece's second half."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        cut = -1
        for marks in ("\n", "。!?;.", " \t"):
            cut = max(text.rfind(c, start + size // 2, limit) for c in marks)
            if cut >= 0:
                break
        end = cut + 1 if cut >= 0 else limit
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _shifted(doc: Document, offset: int) -> Document:
    """``doc`` with every span moved ``offset`` characters right (a chunk's records)."""
    if offset == 0:
        return doc

    def move(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(replace(m, start=m.start + offset, end=m.end + offset) for m in items)

    quantities = move(doc.quantities)
    moved = {id(old): new for old, new in zip(doc.quantities, quantities)}
    indicators = tuple(replace(i, quantity=moved.get(id(i.quantity), i.quantity),
                               sentence_start=None if i.sentence_start is None else i.sentence_start + offset,
                               sentence_end=None if i.sentence_end is None else i.sentence_end + offset)
                       for i in doc.indicators)
    return replace(doc, quantities=quantities, dates=move(doc.dates), regions=move(doc.regions),
                   agencies=move(doc.agencies), indicators=indicators)


def _failed(doc_id: str | None, original: str, reference: str | None, warnings: tuple[str, ...],
            err: Exception) -> Document:
    """An empty Document that says an internal error stopped the analysis (never raised)."""
    return Document(id=doc_id, language="und", script="Zyyy", published=reference, text=original,
                    warnings=(*warnings, f"{INTERNAL_ERROR}: {type(err).__name__}: {str(err)[:200]}; "
                              "no records extracted (please report this input)"))


#: Prefix of the warning a Document carries when a bug stopped its analysis.
INTERNAL_ERROR = "internal error"


_DEFAULT: Pipeline | None = None
_DEFAULT_LOCK = threading.Lock()


def default_pipeline() -> Pipeline:
    """The shared pipeline behind :func:`recovery_extract.extract`."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Pipeline()
        return _DEFAULT


def extract(text: str | bytes, *, doc_id: str | None = None, published: Published = None,
            strict: bool = False, date_order: str | None = None,
            progress: Progress | None = None) -> Document:
    """Extract one Document from ``text`` with the shared default pipeline
    (arguments as :meth:`Pipeline.extract`; a bad ``published`` is a ``ValueError``)."""
    return default_pipeline().extract(text, doc_id=doc_id, published=published, strict=strict,
                                      date_order=date_order, progress=progress)
