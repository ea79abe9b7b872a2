"""The shape of a region code: a 6-digit GB/T 2260 division or a 2-letter country.

Used on both sides of the pipeline (the region and agency extractors, the context),
so it sits in the data layer; the division tree itself (parents, levels) is the
gazetteer's (:class:`~recovery_extract.data.gazetteer.Gazetteer`).
"""

from __future__ import annotations


def is_division(code: object) -> bool:
    """True for a 6-digit GB/T 2260 code."""
    return isinstance(code, str) and len(code) == 6 and code.isdigit()


def province_of(code: str | None) -> str | None:
    """The province-level code of a division code (its first two digits)."""
    return code[:2] + "0000" if code and is_division(code) else None
