"""Date arithmetic the letter's rules rely on.

READING.md, "Dates": every month offset is anchored on the hire date, never
chained, with month-end clipping (Open Cap Format
``VESTING_START_DAY_OR_LAST_DAY_OF_MONTH``): hire on 31 Aug, plus 3 months is
30 Nov, plus 6 months is 28 or 29 Feb, plus 9 months is 31 May.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

from engine.money import flag_times

MIN_DATE = date(1990, 1, 1)
MAX_DATE = date(2100, 12, 31)


@lru_cache(maxsize=8192)
def add_months(start: date, months: int) -> date:
    """``start`` plus ``months`` calendar months, clipped to the month's last day.

    Remembered: a scenario asks for the same few (the change ± 12 months, its health
    months, the adjustment dates) in every evaluation, and a look-up costs a quarter."""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    return date(year, month0 + 1, min(start.day, _days_in_month(year, month0 + 1)))


def _days_in_month(year: int, month: int) -> int:
    # calendar.monthrange would also work out the weekday, which is not needed here.
    return 29 if month == 2 and calendar.isleap(year) else _DAYS_IN_MONTH[month - 1]


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_days(start: date, days: int) -> date:
    return start + timedelta(days=days)


def days_inclusive(first: date, last: date) -> int:
    """Calendar days from ``first`` to ``last``, both counted (0 if last < first)."""
    return max(0, (last - first).days + 1)


def format_date(value: date | None) -> str:
    """Dates as the board reads them: ``13 Jul 2006``."""
    if value is None:
        return "—"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --------------------------------------------------------------------------- dates as day numbers
# The rules run on arrays of day numbers (days since 1970-01-01, the integer
# behind numpy's ``datetime64[D]``): one scenario is an array of one.

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
NEVER = date(9999, 12, 31).toordinal() - _EPOCH_ORDINAL
"""A day after every supported date: "this event does not happen"."""


def day_if(happens, day):
    """``day`` where ``happens``, else ``NEVER`` (day numbers and flags, any shape that broadcasts).

    ``np.where(happens, day, NEVER)`` as a flag times an offset (``engine.money.flag_times``):
    the same numbers, at a tenth of np.where's price on one cell (``evaluate``)."""
    return NEVER - flag_times(happens, NEVER - day)


def day_number(value: date) -> int:
    return value.toordinal() - _EPOCH_ORDINAL


def from_day_number(value) -> date:
    return date.fromordinal(int(value) + _EPOCH_ORDINAL)


def add_months_days(days, months):
    """``add_months`` on day numbers (any shape): anchored, clipped to the month's last day."""
    d = np.asarray(days, dtype=np.int64)
    month = _month_of(d)
    target = month + np.asarray(months, dtype=np.int64)
    return np.minimum(_first_days(target) + (d - _first_days(month)), _first_days(target + 1) - 1)


_TABLE_MONTHS = (10_100 - 1970) * 12  # Jan 1970 up to Dec 10099: every supported date and NEVER, plus offsets


@lru_cache(maxsize=1)
def _month_starts() -> np.ndarray:
    """Day number of the first day of each month from Jan 1970 (index 0) to Jan 10100
    (read-only, about 0.8 MB, made once), by numpy's own conversion."""
    starts = np.arange(_TABLE_MONTHS + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    starts.flags.writeable = False
    return starts


def months_begun(start, day):
    """How many of the anchored days ``start``, ``start`` + 1 month, + 2 months, … (clipped
    to the month's last day, as ``add_months_days``) fall on or before ``day`` (day numbers,
    any shapes that broadcast; 0 when ``day`` is before ``start``).

    Every offset into a month before ``day``'s month counts; the one into ``day``'s own month
    counts when its day of the month, clipped to that month's length, is not after ``day``'s;
    none later does. Worked from each day's month, with no date per offset."""
    if isinstance(start, (int, np.integer)) and isinstance(day, (int, np.integer)):
        # One scenario: the same count on Python dates, at a third of numpy's price on one value.
        return np.int64(_months_begun_of_one(from_day_number(start), from_day_number(day)))
    start, day = np.asarray(start, dtype=np.int64), np.asarray(day, dtype=np.int64)
    start_month, day_month = _month_of(start), _month_of(day)
    start_dom = start - _first_days(start_month)  # days into its month, from 0
    day_first = _first_days(day_month)
    day_dom = day - day_first
    last_dom = _first_days(day_month + 1) - day_first - 1
    in_own_month = np.minimum(start_dom, last_dom) <= day_dom
    return np.maximum(day_month - start_month + in_own_month, 0)


def _first_days(months: np.ndarray) -> np.ndarray:
    """The day number of the first day of each month (months since January 1970): read from
    the month table (numpy's month-to-day conversion costs far more than the look-up), or by
    that conversion for months outside it."""
    if months.size and (months.min() < 0 or months.max() >= _TABLE_MONTHS):
        return months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    return _month_starts()[months]


def _months_begun_of_one(start: date, day: date) -> int:
    """``months_begun`` of one start and one day."""
    months = (day.year - start.year) * 12 + day.month - start.month
    return max(0, months + (min(start.day, _days_in_month(day.year, day.month)) <= day.day))


def _month_of(days: np.ndarray) -> np.ndarray:
    """Months since January 1970 of day numbers (numpy's own conversion)."""
    return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


@lru_cache(maxsize=4096)
def add_months_day(day: int, months: int) -> int:
    """``add_months_days`` for one day number, remembered: on a single value numpy's
    datetime64 steps cost far more than the look-up (one Change in Control, many cells)."""
    return int(add_months_days(day, months))


_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def ordinal(n: int, words: bool = False) -> str:
    """``1st``, ``2nd``, ``3rd``, ``5th``, ``11th``, ``21st`` (or, with ``words``, ``first`` …
    ``tenth`` as the letter writes them): for sentences built from terms."""
    if words and 1 <= n <= len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plural(n: int, word: str) -> str:
    """``1 month``, ``24 months``."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"
