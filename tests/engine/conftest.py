"""Shared helpers for the engine tests.

Everything here is written from READING.md, not from the engine: the month
arithmetic below is a second, independent implementation of the "anchored on the
hire date, month-end clipping" rule, so the tests never check the engine against
itself. Test modules import these as ``from tests.engine.conftest import ...``.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError

from engine import Outcome, Scenario, evaluate
from engine.errors import describe_validation_error

# READING.md worked examples: hire 13 Jul 2005 (the Board's acceptance date),
# exercise price $3.00, stock price $5.00.
HIRE = date(2005, 7, 13)
EXERCISE_PRICE = 3.00
STOCK_PRICE = 5.00

GRANT = 1_000_000
BUYOUT = 127_500.00
LUMP_SUM = 125_000.00
DEFAULT_PREMIUM = 1_000.00  # Assumptions.monthly_health_premium default (an assumption, §5)


def months_after(start: date, months: int) -> date:
    """READING.md "Dates": hire date + N months, clipped to the month's last day.

    Written independently of ``engine.dates.add_months``: walk whole years,
    then the leftover months, then clip.
    """
    year = start.year + months // 12
    month = start.month + months % 12
    if month > 12:
        year, month = year + 1, month - 12
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def days_after(start: date, days: int) -> date:
    return start + timedelta(days=days)


def days_employed(first: date, last: date) -> int:
    """Both ends counted: "hire date and last day included"."""
    return (last - first).days + 1


def run(**fields: Any) -> Outcome:
    """Evaluate a scenario given as the CLI's JSON-shaped keys (dates as ``date`` or ISO)."""
    fields.setdefault("hire_date", HIRE)
    fields.setdefault("exercise_price", EXERCISE_PRICE)
    fields.setdefault("stock_price", STOCK_PRICE)
    return evaluate(Scenario.model_validate(fields))


def terminated(last_day: date, reason: str = "without_good_cause", **fields: Any) -> Outcome:
    termination = {"date": last_day, "reason": reason}
    termination.update(fields.pop("termination_extra", {}))
    return run(termination=termination, **fields)


def codes(outcome: Outcome) -> set[str]:
    return {flag.code for flag in outcome.flags}


def flag(outcome: Outcome, code: str):
    found = [f for f in outcome.flags if f.code == code]
    assert found, f"no flag {code!r} among {sorted(codes(outcome))}"
    return found[0]


def line_item(outcome: Outcome, component: str):
    found = [item for item in outcome.line_items if item.component == component]
    assert len(found) == 1, f"expected one {component} line item, got {len(found)}"
    return found[0]


def rejection(data: dict[str, Any]) -> str:
    """The message a board member sees for an invalid scenario (as the CLI prints it)."""
    try:
        Scenario.model_validate(data)
    except ValidationError as exc:
        return "; ".join(describe_validation_error(exc))
    raise AssertionError(f"scenario was accepted: {data!r}")
