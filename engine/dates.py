"""Date arithmetic the letter's rules rely on.

READING.md, "Dates": every month offset is anchored on the hire date, never
chained, with month-end clipping (Open Cap Format
``VESTING_START_DAY_OR_LAST_DAY_OF_MONTH``): hire on 31 Aug, plus 3 months is
30 Nov, plus 6 months is 28 or 29 Feb, plus 9 months is 31 May.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

MIN_DATE = date(1990, 1, 1)
MAX_DATE = date(2100, 12, 31)


def add_months(start: date, months: int) -> date:
    """``start`` plus ``months`` calendar months, clipped to the month's last day."""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(start.day, last_day))


def add_days(start: date, days: int) -> date:
    return start + timedelta(days=days)


def days_inclusive(first: date, last: date) -> int:
    """Calendar days from ``first`` to ``last``, both counted (0 if last < first)."""
    return max(0, (last - first).days + 1)


def format_date(value: date | None) -> str:
    """Dates as the board reads them: ``13 Jul 2006``."""
    if value is None:
        return "—"
    return f"{value.day} {value.strftime('%b %Y')}"
