"""A date as the date grammar reads it: named fields, before any resolution.

The date patterns capture a closed set of named groups (``FIELDS``); the grammar
reads them into integers and keeps them as a :class:`Partial`, the value a date
mention carries out of stage 3. Stage 4 (``resolve/dates_values.py``) turns it into
ISO 8601 against the page's or the caller's date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

#: The closed set of named groups a date pattern may use (each also as ``<name>_end``).
FIELDS: frozenset[str] = frozenset({
    "year", "rel_year", "month", "rel_month", "day", "rel_day", "hour", "minute", "second",
    "quarter", "rel_quarter", "half", "rel_half", "xun", "half_month",
    "first_months", "last_months", "first_quarters", "count", "weekday", "lunar_month", "lunar_day", "pm",
})

#: Allowed values of each field (inclusive); relative offsets are bounded too.
LIMITS: Mapping[str, tuple[int, int]] = {
    "year": (0, 2199), "month": (1, 12), "day": (1, 31), "hour": (0, 24), "minute": (0, 59),
    "second": (0, 59), "quarter": (1, 4), "half": (1, 2), "xun": (1, 3), "half_month": (1, 2),
    "first_months": (1, 12), "last_months": (1, 12), "first_quarters": (1, 4), "count": (1, 12),
    "weekday": (1, 7), "rel_year": (-50, 50), "rel_month": (-24, 24), "rel_day": (-31, 31),
    "rel_quarter": (-8, 8), "rel_half": (-4, 4), "lunar_month": (1, 12), "lunar_day": (1, 30),
    "pm": (0, 12),
}


@dataclass(frozen=True, slots=True)
class Partial:
    """A date as written: the fields of its start and, for a range, of its end."""

    start: Mapping[str, int]
    end: Mapping[str, int] | None = None
    attrs: Mapping[str, object] = field(default_factory=dict)

    @property
    def fields(self) -> set[str]:
        """Every field name used, start and end."""
        return set(self.start) | set(self.end or {})


def in_limits(name: str, value: int) -> bool:
    """Whether a field value is possible at all (a month 13 never is)."""
    base = name[:-4] if name.endswith("_end") else name
    low, high = LIMITS.get(base, (-10**6, 10**6))
    return low <= value <= high
