"""Numerals: the grammar shared by the extractors (placeholder until the quantities issue lands)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Number:
    """A bare numeral found in a text, with its value."""

    text: str
    start: int
    end: int
    value: float | int


def find_numbers(text: str) -> list[Number]:
    """Every bare numeral in ``text`` with span and value."""
    if not isinstance(text, str):
        raise TypeError(f"find_numbers() takes str, not {type(text).__name__}")
    return []
