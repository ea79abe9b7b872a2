"""Stage 4 - resolve: dates. A date as written (fields) -> ISO 8601 at the precision written.

A date pattern captures named groups (``year``, ``month``, ``rel_year``,
``quarter`` ...); :mod:`dates_grammar` reads them into integers, and this module
turns them into an ISO value against a :class:`Reference` (the publication or
caller's date).  Nothing here reads the clock: with no reference, a year left
out stays unknown (``--02-10``), and a relative word that needs one
(``昨天``, ``last month``) cannot be resolved (``None``).

>>> ref = Reference.parse("2022-04-27T11:19:10")
>>> resolve(Partial({"quarter": 1}), ref)
'2022-01/2022-03'
>>> resolve(Partial({"month": 2, "day": 10}), Reference.parse(None))
'--02-10'
>>> resolve(Partial({"rel_year": -1, "month": 9}), Reference.parse("2020-02-25"))
'2019-09'
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..extract.date_parts import LIMITS, Partial

_LEAP = 2000  # a leap year stands in for an unknown one when a day must be checked or shifted
_MIN_YEAR, _MAX_YEAR = 1000, 2199


@dataclass(frozen=True, slots=True)
class Reference:
    """The date that fills what the text leaves out (any part may be unknown).

    ``lunar_new_year`` maps a Gregorian year to the date of 正月初一 (from
    ``patterns/dates/lunar_new_year.tsv``), for days of the first lunar month.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    lunar_new_year: Mapping[int, date] = field(default_factory=dict, compare=False)

    def with_lunar(self, table: Mapping[int, date]) -> Reference:
        """The same reference, able to place days of the first lunar month."""
        return Reference(self.year, self.month, self.day, table)

    @classmethod
    def parse(cls, iso: str | None) -> Reference:
        """Read ``2022-04-27[T..]``, ``2022-04``, ``2022``, ``--11-14``, ``--11``, ``---21``."""
        if not iso:
            return cls()
        s = iso.strip().split("T", 1)[0].split("/", 1)[0]
        try:
            if s.startswith("---"):
                return cls(day=int(s[3:5]))
            if s.startswith("--"):
                parts = s[2:].split("-")
                return cls(month=int(parts[0]), day=int(parts[1]) if len(parts) > 1 and parts[1] else None)
            parts = s.split("-")
            year = int(parts[0])
            month = int(parts[1]) if len(parts) > 1 else None
            day = int(parts[2][:2]) if len(parts) > 2 else None
            return cls(year, month, day)
        except (ValueError, IndexError):
            return cls()


@dataclass(frozen=True, slots=True)
class _Point:
    """A resolved calendar point at the precision written (None = not written/unknown)."""

    year: int | None
    month: int | None = None
    day: int | None = None
    time: str | None = None

    def iso(self) -> str | None:
        y, m, d = self.year, self.month, self.day
        if y is not None and not 1 <= y <= 9999:
            y = None  # arithmetic left the calendar (去年 of year 1): the year is unknown
        if y is None:
            if m is None:
                return f"---{d:02d}" if d is not None else None
            return f"--{m:02d}" + (f"-{d:02d}" if d is not None else "")
        text = f"{y:04d}"
        if m is not None:
            text += f"-{m:02d}"
            if d is not None:
                text += f"-{d:02d}"
                if self.time:
                    text += "T" + self.time
        return text


def expand_year(year: int, ref: Reference) -> int:
    """A two-digit year in the century closest to the reference (1950-2049 without one)."""
    if year >= 100:
        return year
    if ref.year is None:
        return 2000 + year if year < 50 else 1900 + year
    base = ref.year - ref.year % 100
    return min((base - 100 + year, base + year, base + 100 + year), key=lambda y: abs(y - ref.year))  # type: ignore[operator]


def _days_in(year: int | None, month: int) -> int:
    return calendar.monthrange(year if year is not None else _LEAP, month)[1]


def _shift_month(year: int | None, month: int, offset: int) -> tuple[int | None, int]:
    index = (year if year is not None else _LEAP) * 12 + month - 1 + offset
    new_year, new_month = divmod(index, 12)
    return (new_year if year is not None else None), new_month + 1


def _months(year: int | None, first: int, last: int) -> tuple[_Point, _Point]:
    return _Point(year, first), _Point(year, last)


def _resolve_point(f: Mapping[str, int], ref: Reference) -> tuple[_Point, _Point] | None:
    """The first and last point of what one end of a date denotes."""
    year: int | None = None
    if "year" in f:
        year = expand_year(f["year"], ref)
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            return None
    elif "rel_year" in f:
        year = ref.year + f["rel_year"] if ref.year is not None else None
        if year is None and len(f) == 1:
            return None  # 今年 with no reference: no ISO value for an unknown year
    else:
        year = ref.year
    if "rel_day" in f or "weekday" in f:
        return _relative_day(f, ref)
    if "lunar_day" in f:
        new_year = ref.lunar_new_year.get(year) if year is not None else None
        if new_year is None or f.get("lunar_month", 1) != 1:
            return None  # only 正月 of a known year can be placed
        day = new_year + timedelta(days=f["lunar_day"] - 1)
        p = _Point(day.year, day.month, day.day)
        return p, p
    if "rel_quarter" in f:
        return _relative_quarter(f, ref)
    if "rel_half" in f:
        if ref.month is None:
            return None
        index = (ref.month - 1) // 6 + f["rel_half"]
        y = ref.year + index // 2 if ref.year is not None else None
        h = index % 2
        return _months(y, 6 * h + 1, 6 * h + 6)
    if "rel_month" in f:
        if ref.month is None:
            return None
        base = year if ("year" in f or "rel_year" in f) else ref.year
        y, m = _shift_month(base, ref.month, f["rel_month"])
        return _in_month(f, y, m)
    if "quarter" in f:
        q = f["quarter"]
        return _months(year, 3 * q - 2, 3 * q)
    if "half" in f:
        h = f["half"]
        return _months(year, 6 * h - 5, 6 * h)
    if "first_quarters" in f:
        return _months(year, 1, 3 * f["first_quarters"])
    if "first_months" in f:
        return _months(year, 1, f["first_months"])
    if "last_months" in f:
        return _months(year, 13 - f["last_months"], 12)
    if "month" in f:
        return _in_month(f, year, f["month"])
    if "day" in f:
        # 21日: a day of the reference month (unknown month: ---21).
        month = ref.month
        y = ref.year if month is not None else None
        return _in_month(f, y, month)
    if year is None:
        return None
    return _Point(year), _Point(year)


def _in_month(f: Mapping[str, int], year: int | None, month: int | None) -> tuple[_Point, _Point] | None:
    """A month, a day of it, a ten-day part (旬) or a half of it."""
    if month is None:
        if "day" not in f:
            return None
        p = _Point(None, None, f["day"])
        return p, p
    last = _days_in(year, month)
    if "day" in f:
        day = f["day"]
        if day > last:
            return None
        time = None
        if "hour" in f and "minute" in f:
            time = f"{_hour(f):02d}:{f['minute']:02d}" + (f":{f['second']:02d}" if "second" in f else "")
        p = _Point(year, month, day, time)
        return p, p
    if "xun" in f:
        x = f["xun"]
        return _Point(year, month, 10 * x - 9), _Point(year, month, last if x == 3 else 10 * x)
    if "half_month" in f:
        return (_Point(year, month, 1), _Point(year, month, 15)) if f["half_month"] == 1 \
            else (_Point(year, month, 16), _Point(year, month, last))
    return _Point(year, month), _Point(year, month)


def _hour(f: Mapping[str, int]) -> int:
    """The 24-hour clock hour: ``11:58 AM`` is 11, ``12:33 PM`` 12, ``12:05 AM`` 0, ``3:10 PM`` 15."""
    hour = f["hour"]
    if "pm" not in f or hour > 12:
        return hour
    return hour % 12 + f["pm"]


def _relative_day(f: Mapping[str, int], ref: Reference) -> tuple[_Point, _Point] | None:
    """昨天 / yesterday / Friday: a day counted from the reference day."""
    if ref.month is None or ref.day is None:
        return None
    try:
        base = date(ref.year if ref.year is not None else _LEAP, ref.month, ref.day)
    except ValueError:
        return None
    if "rel_day" not in f and ref.year is None:
        return None  # a weekday of an unknown year is not a date (SCHEMA: left out)
    offset = f["rel_day"] if "rel_day" in f else -((base.isoweekday() - f["weekday"]) % 7)
    try:
        day = base + timedelta(days=offset)
        year = day.year if ref.year is not None else None
    except OverflowError:
        # Past date.min / date.max: the day of the month is known, the year is not.
        day = date(_LEAP, ref.month, ref.day) + timedelta(days=offset)
        year = None
    p = _Point(year, day.month, day.day)
    return p, p


def _relative_quarter(f: Mapping[str, int], ref: Reference) -> tuple[_Point, _Point] | None:
    """本季度, last quarter, the previous three quarters, the following 2 quarters."""
    if ref.month is None:
        return None
    offset, count = f["rel_quarter"], f.get("count", 1)
    current = (ref.year if ref.year is not None else _LEAP) * 4 + (ref.month - 1) // 3
    first, last = (current + offset * count, current - 1) if offset < 0 else \
        (current + offset, current + offset + count - 1)

    def point(index: int, month_in_quarter: int) -> _Point:
        y, q = divmod(index, 4)
        return _Point(y if ref.year is not None else None, 3 * q + month_in_quarter)

    return point(first, 1), point(last, 3)


def _inherit(target: Mapping[str, int], source: Mapping[str, int]) -> dict[str, int]:
    """Fill the year and month an end of a range leaves out from the other end."""
    out = dict(target)
    has_year = "year" in out or "rel_year" in out
    if not has_year and not ({"rel_day", "rel_month", "rel_quarter", "rel_half", "weekday"} & set(out)):
        for key in ("year", "rel_year"):
            if key in source:
                out[key] = source[key]
    if "day" in out and "month" not in out and "rel_month" not in out:
        for key in ("month", "rel_month"):
            if key in source:
                out[key] = source[key]
    return out


def resolve(partial: Partial, ref: Reference) -> str | None:
    """The ISO value of a date against a reference; None if it cannot have one."""
    if partial.end is None:
        span = _resolve_point(partial.start, ref)
        if span is None:
            return None
        first, last = span[0].iso(), span[1].iso()
        if first is None or last is None:
            return None
        return first if first == last else f"{first}/{last}"
    start = _resolve_point(_inherit(partial.start, partial.end), ref)
    end = _resolve_point(_inherit(partial.end, partial.start), ref)
    if start is None or end is None:
        return None
    first, last = start[0].iso(), end[1].iso()
    if first is None or last is None:
        return None
    return first if first == last else f"{first}/{last}"
