"""§3 Compensation: base salary earned.

"your salary shall be at an annualized rate of two hundred fifty thousand
dollars ($250,000). Commencing on July 1, 2006, and on each anniversary
thereafter (each, an "Adjustment Date") ... may be increased, but may never be
decreased ... you will earn the base salary prorated to the date of termination."

Convention (READING.md): salary accrues for each calendar day employed at 1/365
of the annual rate in effect that day, the hire date and the last day included.
A raise assumed at each Adjustment Date applies from that date on; an Adjustment
Date on the hire date itself is not a raise date (there is nothing yet to review).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import numpy as np

from engine.dates import add_days, add_months, day_number, from_day_number
from engine.money import as_numbers, divide_half_up, whole_cents
from engine.terms import Assumptions, OfferTerms


def adjustment_dates(hire_date: date, through: date, terms: OfferTerms) -> list[date]:
    """§3: the Adjustment Dates after the hire date, up to and including ``through``."""
    return list(_adjustment_dates(hire_date, through, terms))


@lru_cache(maxsize=1024)
def _adjustment_dates(hire_date: date, through: date, terms: OfferTerms) -> tuple[date, ...]:
    found: list[date] = []
    k = 0
    while True:
        d = add_months(terms.first_adjustment_date, 12 * k)
        if d > through:
            return tuple(found)
        if d > hire_date:
            found.append(d)
        k += 1


def adjustment_on_hire_date(hire_date: date, terms: OfferTerms) -> bool:
    """READING.md §3: does an Adjustment Date fall on the hire date (and so raise nothing)?"""
    return hire_date in adjustment_dates(date.min, hire_date, terms)


def _growth(assumptions: Assumptions) -> float:
    return _growth_factor(assumptions.annual_raise_pct)


def _growth_factor(raise_pct: float) -> float:
    """§3 (assumption): the rate after a raise of ``raise_pct`` % at an Adjustment Date, per dollar."""
    return 1 + raise_pct / 100


def _cent_days(hire_date: date, last_days, terms: OfferTerms, assumptions: Assumptions):
    """§3: cents x days accrued from the hire date through each last day (÷ days a year = cents).

    Each day at the rate in effect that day; an Adjustment Date raises from that day on.
    """
    last_days = as_numbers(last_days, np.int64)
    through = from_day_number(np.maximum.reduce(last_days, axis=None, initial=day_number(hire_date)))
    starts, rates, before = _rate_table(hire_date, _adjustment_dates(hire_date, through, terms),
                                        terms.base_salary, assumptions.annual_raise_pct)
    k = np.maximum(starts.searchsorted(last_days, side="right") - 1, 0)
    return before[k] + (last_days - starts[k] + 1) * rates[k]


@lru_cache(maxsize=1024)
def _rate_table(hire_date: date, adjustments: tuple[date, ...], base_salary: float, raise_pct: float):
    """§3: the day each rate starts, the rate (cents a year) and the cents x days accrued
    before it; read-only, shared by every call with the same terms (a scenario's whole grid)."""
    starts = np.array([day_number(hire_date), *(day_number(d) for d in adjustments)], dtype=np.int64)
    rates = whole_cents(base_salary) * _growth_factor(raise_pct) ** np.arange(starts.size)
    if raise_pct == 0:
        rates = rates.astype(np.int64)  # whole cents a year: the sum is exact
    before = np.concatenate([[0], np.cumsum((starts[1:] - starts[:-1]) * rates[:-1])])
    for a in (starts, rates, before):
        a.flags.writeable = False
    return starts, rates, before


def salary_cents(hire_date: date, last_days, terms: OfferTerms, assumptions: Assumptions):
    """§3, §6.1, §6.2: base salary earned from the hire date through each last day, in cents.

    "you will earn the base salary prorated to the date of termination", whatever
    the reason: each day at 1/``days_per_year`` of the rate in effect that day,
    summed over the days and rounded once, half a cent up.
    """
    return divide_half_up(_cent_days(hire_date, last_days, terms, assumptions), terms.days_per_year)


def salary_accrued(hire_date: date, last_day: date, terms: OfferTerms, assumptions: Assumptions) -> float:
    """§3: the same accrual through ``last_day`` in dollars, unrounded (0 before the hire date).

    For §280G G4(b), which carries money at full precision (280G.md, Conventions).
    """
    if last_day < hire_date:
        return 0.0
    cent_days = _cent_days(hire_date, [day_number(last_day)], terms, assumptions)[0]
    return float(cent_days) / terms.days_per_year / 100


def salary_rate_on(hire_date: date, on: date, terms: OfferTerms, assumptions: Assumptions) -> float:
    """§3: the annualized rate in effect on ``on`` ("your base salary then in effect")."""
    n = len(adjustment_dates(hire_date, on, terms))
    return terms.base_salary * _growth(assumptions) ** n


def salary_earned(hire_date: date, last_day: date, terms: OfferTerms, assumptions: Assumptions) -> float:
    """§3: salary earned through ``last_day``, in dollars."""
    return int(salary_cents(hire_date, [day_number(last_day)], terms, assumptions)[0]) / 100


def monthly_salary_payments(
    hire_date: date, last_day: date, terms: OfferTerms, assumptions: Assumptions
) -> list[tuple[date, date, float]]:
    """Salary by calendar month as (first day, last day, amount) for the payments timeline.

    The letter sets no pay schedule; the timeline shows each month's salary on its
    last day employed. Each month is the salary earned through its end less that
    earned through the month before, so the months add up to ``salary_earned``.
    """
    starts, month_ends, end_dates = _month_bounds(hire_date, last_day.year, last_day.month)
    if not starts:  # a last day before the hire date's month: nothing earned
        return []
    # Every month ends on its last day except the last one, which ends on ``last_day``.
    ends = month_ends.copy()
    ends[-1] = day_number(last_day)
    earned = salary_cents(hire_date, ends, terms, assumptions)
    amounts = earned.copy()
    amounts[1:] -= earned[:-1]  # each month: earned through its end less earned through the month before
    return list(zip(starts, (*end_dates[:-1], last_day), [c / 100 for c in amounts.tolist()]))


@lru_cache(maxsize=1024)
def _month_bounds(hire_date: date, year: int, month: int) -> tuple[tuple[date, ...], np.ndarray, tuple[date, ...]]:
    """The first day employed in each calendar month from the hire date's through
    (year, month), and each month's last day as day numbers (read-only) and as dates: the
    same for every last day in that month, so the datetime64 steps run once."""
    months = np.arange(np.datetime64(hire_date, "M"), np.datetime64(date(year, month, 1), "M") + 1)
    starts = np.maximum(months.astype("datetime64[D]"), np.datetime64(hire_date, "D"))
    ends = (months + 1).astype("datetime64[D]") - 1
    day_numbers = ends.astype(np.int64)
    day_numbers.flags.writeable = False
    return tuple(starts.tolist()), day_numbers, tuple(ends.tolist())
