"""Stage 4 - context. Reads date, region and agency mentions; writes the DocumentContext.

The publication date is the caller's, else the document's own date line (the
date mention the dates extractor marked ``published``).  The main region is the
division the article is mostly about: mention counts, with the title (first
sentence) counted three times; the province is its province-level code.
"""

from __future__ import annotations

from collections import Counter

from .extract.base import DocumentContext, Mention, TextView

TITLE_WEIGHT = 3


def is_division(code: object) -> bool:
    """True for a 6-digit GB/T 2260 code."""
    return isinstance(code, str) and len(code) == 6 and code.isdigit()


def province_of(code: str | None) -> str | None:
    """The province-level code of a division code."""
    return code[:2] + "0000" if code and is_division(code) else None


def publication_date(mentions: list[Mention], published: str | None) -> str | None:
    """The caller's date wins; else the first date mention marked as the date line."""
    if published:
        return published
    for m in mentions:
        if m.kind == "date" and m.attrs.get("published") and isinstance(m.value, str):
            return m.value
    return None


def main_region(mentions: list[Mention], view: TextView) -> str | None:
    """The most mentioned division (title counted thrice); ties go to the more specific."""
    title_end = view.sentences[0].end if view.sentences else 0
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.kind not in ("region", "agency"):
            continue
        code = m.value
        if not is_division(code):
            continue
        counts[code] += TITLE_WEIGHT if m.start < title_end else 1
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], not c.endswith("0000"), not c.endswith("00"), c))


def build_context(mentions: list[Mention], view: TextView, published: str | None) -> DocumentContext:
    """Publication date only; regions come later (they need resolved dates first)."""
    return DocumentContext(published=publication_date(mentions, published), language=view.info.language)


def with_regions(context: DocumentContext, mentions: list[Mention], view: TextView) -> DocumentContext:
    """The context with the main region and its province filled in."""
    main = main_region(mentions, view)
    return DocumentContext(published=context.published, main_region=main,
                           province=province_of(main), language=context.language)
