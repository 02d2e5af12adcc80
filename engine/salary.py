"""§3 Compensation: base salary earned.

"your salary shall be at an annualized rate of two hundred fifty thousand
dollars ($250,000). Commencing on July 1, 2006, and on each anniversary
thereafter (each, an "Adjustment Date") ... may be increased, but may never be
decreased ... you will earn the base salary prorated to the date of termination."

Convention (READING.md): salary accrues for each calendar day employed at 1/365
of the annual rate in effect that day, the hire date and the last day included.
A raise assumed at each Adjustment Date applies from that date on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from engine.dates import add_months, days_inclusive
from engine.terms import Assumptions, OfferTerms

DAYS_PER_YEAR = 365


def adjustment_dates(hire_date: date, through: date, terms: OfferTerms) -> list[date]:
    """§3: the Adjustment Dates after the hire date, up to and including ``through``."""
    found: list[date] = []
    k = 0
    while True:
        d = add_months(terms.first_adjustment_date, 12 * k)
        if d > through:
            return found
        if d > hire_date:
            found.append(d)
        k += 1


@dataclass(frozen=True)
class SalaryPeriod:
    """A run of days at one annual rate (§3)."""

    start: date
    end: date
    annual_rate: float

    @property
    def days(self) -> int:
        return days_inclusive(self.start, self.end)

    @property
    def amount(self) -> float:
        return self.days * self.annual_rate / DAYS_PER_YEAR


def salary_periods(hire_date: date, last_day: date, terms: OfferTerms, assumptions: Assumptions) -> list[SalaryPeriod]:
    """§3: the days employed split at each Adjustment Date, with the rate in effect."""
    if last_day < hire_date:
        return []
    periods: list[SalaryPeriod] = []
    start = hire_date
    rate = terms.base_salary
    growth = 1 + assumptions.annual_raise_pct / 100
    for adjustment in adjustment_dates(hire_date, last_day, terms):
        periods.append(SalaryPeriod(start, adjustment - timedelta(days=1), rate))
        start = adjustment
        rate = rate * growth
    periods.append(SalaryPeriod(start, last_day, rate))
    return periods


def salary_rate_on(hire_date: date, on: date, terms: OfferTerms, assumptions: Assumptions) -> float:
    """§3: the annualized rate in effect on ``on`` ("your base salary then in effect")."""
    n = len(adjustment_dates(hire_date, on, terms))
    return terms.base_salary * (1 + assumptions.annual_raise_pct / 100) ** n


def salary_earned(hire_date: date, last_day: date, terms: OfferTerms, assumptions: Assumptions) -> float:
    """§3, §6.1, §6.2: base salary prorated to the last day, whatever the reason."""
    # Left-to-right addition (not sum(), which compensates from Python 3.12 on)
    # keeps the cents identical to the grid's cumulative sums.
    total = 0.0
    for period in salary_periods(hire_date, last_day, terms, assumptions):
        total += period.amount
    return round(total, 2)


def monthly_salary_payments(
    hire_date: date, last_day: date, terms: OfferTerms, assumptions: Assumptions
) -> list[tuple[date, date, float]]:
    """Salary by calendar month as (first day, last day, amount) for the payments timeline.

    The letter sets no pay schedule; the timeline shows each month's salary on its
    last day employed. Cents are allocated cumulatively so the months add up to
    ``salary_earned`` exactly.
    """
    out: list[tuple[date, date, float]] = []
    periods = salary_periods(hire_date, last_day, terms, assumptions)
    total = salary_earned(hire_date, last_day, terms, assumptions)
    cumulative = 0.0
    paid = 0.0
    month_start = hire_date
    while month_start <= last_day:
        next_month = add_months(month_start.replace(day=1), 1)
        month_end = min(last_day, next_month - timedelta(days=1))
        for p in periods:
            lo, hi = max(p.start, month_start), min(p.end, month_end)
            cumulative += days_inclusive(lo, hi) * p.annual_rate / DAYS_PER_YEAR
        target = total if month_end == last_day else round(cumulative, 2)
        amount = round(target - paid, 2)
        paid = round(paid + amount, 2)
        out.append((month_start, month_end, amount))
        month_start = next_month
    return out
