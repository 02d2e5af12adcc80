"""G4 Base amount and base period (§280G(b)(3)(A), (d)(1)-(2); Q/A-34 to Q/A-36).

(a) What counts is compensation includible in gross income in each base-period
year: in practice W-2 box 1 from Valence; pre-tax deferrals are excluded.
(b) Paid, not accrued: salary accrued at 1/365 a day (READING.md §3, raises
included) counts in the year it is paid, day + payroll lag, times (1 − deferral %).
(c) The base period is the 5 calendar years ending before the change, or the
portion of them in which he performed services (Q/A-35(a), Example 3).
(d) Recurring pay (salary) for an incomplete year is annualized by 365 / days
employed (C1); pay made no more often than once a year (the $127,500 Sion Power
buyout, other includible pay) is not (Q/A-34(b); Q/A-35 Examples 1, 2).
(e) B = the average of the annualized years.
(f) A change in the year of hire (no earlier taxable year): Q/A-36, the part of
that year before the change, annualized the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from engine.dates import days_inclusive
from engine.salary import salary_accrued
from engine.terms import Assumptions, OfferTerms


@dataclass(frozen=True)
class BaseYear:
    """One base-period year (or the Q/A-36 portion), as 280G.md's Outputs list it."""

    year: int
    start: date
    end: date
    days: int
    salary_paid: float
    annualization_factor: float
    non_recurring: float
    annualized: float
    source: str  # "estimate" (G4(b)) or "W-2 box 1" (entered, F1)


@dataclass(frozen=True)
class BaseAmount:
    amount: float
    rule: str  # "Q/A-35" or "Q/A-36"
    period_start: date | None
    period_end: date | None
    rows: tuple[BaseYear, ...]


def salary_paid_between(hire: date, first: date, last: date, terms: OfferTerms, assume: Assumptions) -> float:
    """G4(b): salary accrued on days d (from hire) with d + payroll lag in [first, last], less deferrals."""
    lag = timedelta(days=assume.payroll_lag_days)
    lo, hi = max(hire, first - lag), last - lag
    if hi < lo:
        return 0.0
    total = salary_accrued(hire, hi, terms, assume) - salary_accrued(hire, lo - timedelta(days=1), terms, assume)
    return total * (1 - assume.pretax_deferral_pct / 100)


def annualized_pay(recurring: float, factor: float, non_recurring: float) -> float:
    """G4(d), Q/A-34(b): recurring pay × the annualization factor, plus pay made no more
    often than once a year unchanged (Q/A-35 Example 2: $60,000 + 3 × $30,000)."""
    return recurring * factor + non_recurring


def average_base(annualized_years: list[float]) -> float:
    """G4(e): B = the average of the annualized base-period years (Q/A-35 Example 3)."""
    return sum(annualized_years) / len(annualized_years) if annualized_years else 0.0


def _row(year: int, start: date, end: date, full_year_days: int, hire: date,
         terms: OfferTerms, assume: Assumptions, pay: "IncludiblePay") -> BaseYear:
    days = days_inclusive(start, end)
    factor = 1.0 if days >= full_year_days else (terms.days_per_year / days if days > 0 else 0.0)
    w2 = pay.w2_box1_by_year.get(year)
    if w2 is not None:
        (salary, non_recurring), source = w2, "W-2 box 1"
    else:
        salary = salary_paid_between(hire, start, end, terms, assume)
        non_recurring = terms.sion_buyout if start <= hire <= end else 0.0
        non_recurring += pay.other_by_year.get(year, 0.0)
        source = "estimate"
    return BaseYear(year=year, start=start, end=end, days=days, salary_paid=salary,
                    annualization_factor=factor, non_recurring=non_recurring,
                    annualized=annualized_pay(salary, factor, non_recurring), source=source)


@dataclass(frozen=True)
class IncludiblePay:
    """F1: what Valence's records say, by calendar year, in place of or on top of the estimate.

    ``w2_box1_by_year``: year -> (recurring, non-recurring) W-2 box 1 pay, replacing
    the estimate for that year; ``other_by_year``: year -> other includible pay made
    no more than once a year (e.g. option exercises, G4(g)), added unannualized.
    """

    w2_box1_by_year: Mapping[int, tuple[float, float]] = field(default_factory=dict)
    other_by_year: Mapping[int, float] = field(default_factory=dict)


def base_amount(hire: date, change: date, terms: OfferTerms, assume: Assumptions,
                pay: IncludiblePay | None = None) -> BaseAmount:
    """G4: B, its rule and its rows, for a change on ``change`` (he is employed from ``hire``)."""
    pay = pay or IncludiblePay()
    first_year = max(hire.year, change.year - 5)
    years = range(first_year, change.year)
    rows: list[BaseYear] = []
    if years:
        for y in years:
            start, end = max(date(y, 1, 1), hire), date(y, 12, 31)
            rows.append(_row(y, start, end, days_inclusive(date(y, 1, 1), end), hire, terms, assume, pay))
        rule = "Q/A-35"
    else:
        # G4(f), Q/A-36: the part of the year of hire before the change.
        end = change - timedelta(days=1)
        if end >= hire:
            rows.append(_row(hire.year, hire, end, days_inclusive(date(hire.year, 1, 1), date(hire.year, 12, 31)),
                             hire, terms, assume, pay))
        rule = "Q/A-36"
    amount = average_base([r.annualized for r in rows])
    return BaseAmount(amount=amount, rule=rule, period_start=rows[0].start if rows else None,
                      period_end=rows[-1].end if rows else None, rows=tuple(rows))
