"""The reference date a user gives (``published=`` / ``--published``) as ISO 8601.

Users type dates the way they write them: ``2020-02-25``, ``20200225``,
``2020年2月25日``, ``2020.02.25``, ``25 Feb 2020``, ``25/02/2020``.  The common
numeric forms are read here with a few anchored regexes (no import cost);
anything else goes to ``dateparser`` (imported lazily: it costs ~50 ms and most
runs never need it).  What cannot be read as one calendar day is a
``ValueError`` naming the input: a wrong reference date would silently shift
every year-less and relative date of the document, so it is never guessed.

A numeric day and month written before the year (``02/03/2020``) is ambiguous:
it needs ``date_order="DMY"`` or ``"MDY"`` (dateparser's names) unless one of
the two numbers is over 12.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from typing import Any

from ..data.patterns import default_store

__all__ = ["DATE_ORDERS", "ReferenceDate", "parse_reference_date"]

ReferenceDate = str | date | datetime | None

#: The orders dateparser's ``DATE_ORDER`` setting accepts.
DATE_ORDERS = ("DMY", "MDY", "YMD", "YDM", "DYM", "MYD")
#: Years a TYPED reference date may have (a year before 1000 is a typing or parsing slip:
#: ``25/02/2020`` once became ``0025-02-24``). A ``date`` object may be anywhere in the
#: calendar: the date resolver gives an unknown year where its arithmetic would leave it
#: (yesterday of 0001-01-01 is ``--12-31``).
MIN_YEAR, MAX_YEAR = 1000, 9999
# A year-less day as the library itself writes it (a page's date line with no year).
_PARTIAL = re.compile(r"--(?P<m>\d{2})-(?P<d>\d{2})")



@functools.lru_cache(maxsize=1)
def _year_first() -> re.Pattern[str]:
    """Year first, all numbers (2020-02-25, 2020年2月25日, 20200225): ``dates/reference.yaml``,
    read on first use so that ``import recovery_extract`` reads no data file."""
    return re.compile(str(default_store().yaml("dates/reference.yaml")["year_first"]))
# ISO 8601 with a time: 2020-02-25T10:30, 2020-02-25 10:30:00+08:00.
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")
# Year last, all numbers: 25/02/2020, 02-25-2020, 25.2.2020.
_YEAR_LAST = re.compile(r"(?P<a>\d{1,2})(?P<sep>[-./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})")


def parse_reference_date(value: Any, date_order: str | None = None) -> str | None:
    """``value`` as ``YYYY-MM-DD`` (or an ISO datetime when it has a time of day).

    ``None`` and blank strings mean "no reference" (the document's own date line
    is used); a year-less ``--MM-DD``, as the library writes a date line with no year,
    is kept as it is.  Raises ``ValueError`` for text that is not one valid calendar day
    (``"2020-13-45"``, ``"notadate"``, ``"Feb 2020"``, an ambiguous ``"02/03/2020"``
    without ``date_order``), and ``TypeError`` for other types.
    """
    order = _check_order(date_order)
    if value is None:
        return None
    if isinstance(value, datetime):
        return _from_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise TypeError(f"published must be a date string, date or datetime, not {type(value).__name__}")
    text = value.strip()
    if not text:
        return None
    partial = _PARTIAL.fullmatch(text)
    if partial:
        # ``--10-28``: checked against a leap year, so that --02-29 is allowed.
        _day(2000, int(partial["m"]), int(partial["d"]), value)
        return text
    return _numeric(text, order, value) or _parsed(text, order, value)


def _check_order(date_order: str | None) -> str | None:
    if date_order is None:
        return None
    if not isinstance(date_order, str) or date_order.upper() not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {', '.join(DATE_ORDERS)}, not {date_order!r}")
    return date_order.upper()


def _numeric(text: str, order: str | None, raw: object) -> str | None:
    """The all-number forms, read without dateparser; ``None`` when ``text`` is none of them."""
    if _ISO_TIME.fullmatch(text):
        try:
            # Python 3.10's fromisoformat reads neither "Z" nor "+0800".
            stamp = datetime.fromisoformat(_OFFSET.sub(r"\1:\2", text.replace("Z", "+00:00")))
        except ValueError:
            raise ValueError(f"published {raw!r} is not a valid date and time") from None
        return _from_datetime(stamp)
    match = _year_first().fullmatch(text)
    if match:
        month = match["m"] or match["zm"] or match["bm"]
        day = match["d"] or match["zd"] or match["bd"]
        return _day(int(match["y"]), int(month), int(day), raw)
    match = _YEAR_LAST.fullmatch(text)
    if match:
        first, second = int(match["a"]), int(match["b"])
        if order is None:
            if first <= 12 and second <= 12 and first != second:
                raise ValueError(f"published {raw!r} is ambiguous (day/month or month/day?): "
                                 "pass date_order='DMY' or 'MDY' (CLI: --date-order)")
            order = "DMY" if first > 12 or first == second else "MDY"
        if order not in ("DMY", "MDY"):
            raise ValueError(f"published {raw!r} does not fit date_order={order!r}")
        day, month = (first, second) if order == "DMY" else (second, first)
        return _day(int(match["y"]), month, day, raw)
    return None


def _parsed(text: str, order: str | None, raw: object) -> str:
    """Other forms (``25 Feb 2020``, ``February 25, 2020``) via dateparser, strictly:
    a day, a month and a year must all be written, nothing relative to today, and in
    English or Chinese (the languages this library reads; detecting among all of
    dateparser's languages costs up to 100 ms for text that is no date)."""
    import dateparser  # lazily: slow to import, and the numeric forms above never need it

    settings: dict[str, object] = {"STRICT_PARSING": True, "PARSERS": ["custom-formats", "absolute-time"]}
    if order:
        settings["DATE_ORDER"] = order
    try:
        stamp = dateparser.parse(text, languages=["en", "zh"], settings=settings)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd text
        stamp = None
    if stamp is None:
        raise ValueError(f"published {raw!r} is not a date (write it as YYYY-MM-DD)")
    return _from_datetime(stamp)


def _from_datetime(stamp: datetime) -> str:
    if stamp.time() == datetime.min.time():
        return stamp.date().isoformat()
    return stamp.isoformat(timespec="seconds")


def _day(year: int, month: int, day: int, raw: object) -> str:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"published {raw!r}: year {year} is outside {MIN_YEAR}-{MAX_YEAR}")
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise ValueError(f"published {raw!r} is not a valid date (month {month}, day {day})") from None
