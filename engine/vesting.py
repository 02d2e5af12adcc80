"""§4 Stock options: the vesting schedule.

"Upon your hire date, 10% of the shares will immediately vest. The remaining
shares will vest over a four year period with 25% of the remaining shares
vesting on the anniversary of hire date and the remaining 75% vesting quarterly
over the remaining three years."

Open Cap Format vocabulary: the vesting start is the hire date; installments are
relative to it in months with the ``VESTING_START_DAY_OR_LAST_DAY_OF_MONTH``
day-of-month rule (``engine.dates.add_months``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import lru_cache

import numpy as np

from engine.dates import add_months, add_months_day, day_if, day_number
from engine.terms import Assumptions, OfferTerms


@dataclass(frozen=True)
class VestInstallment:
    vest_date: date
    shares: int
    cumulative_shares: int
    months_after_hire: int
    label: str
    clause: str = "§4"

    def __hash__(self) -> int:
        # Rows key the vesting-row cache (``evaluate``), a dozen per call: hashed once, not field by field.
        value = self.__dict__.get("_hash")
        if value is None:
            value = hash((self.vest_date, self.shares, self.cumulative_shares, self.months_after_hire, self.label,
                          self.clause))
            object.__setattr__(self, "_hash", value)
        return value


def _pct_of(shares: int, pct: float) -> int:
    # Whole shares: a fractional share cannot vest, so round down; the remainder
    # stays in the later installments and the grant is always vested in full.
    # The percentage is the decimal as typed (repr), so 10% of 1,000,000 is
    # exactly 100,000 with no floating-point epsilon.
    return int(shares * Fraction(repr(float(pct))) / 100)


def vesting_schedule(hire_date: date, terms: OfferTerms) -> list[VestInstallment]:
    """§4: every installment with its date and shares, anchored on the hire date."""
    return list(_vesting_schedule(hire_date, terms))


@lru_cache(maxsize=256)
def _vesting_schedule(hire_date: date, terms: OfferTerms) -> tuple[VestInstallment, ...]:
    # Terms are frozen, so one schedule serves every scenario with the same hire date and terms.
    grant = terms.option_shares
    immediate = _pct_of(grant, terms.immediate_vest_pct)
    remaining = grant - immediate
    anniversary = _pct_of(remaining, terms.first_anniversary_pct)
    rest = remaining - anniversary
    n = terms.quarterly_installments

    parts: list[tuple[int, int, str]] = [
        (0, immediate, f"{terms.immediate_vest_pct:g}% of the grant on the hire date"),
        (
            terms.cliff_months,
            anniversary,
            f"{terms.first_anniversary_pct:g}% of the remaining shares on the first anniversary",
        ),
    ]
    for k in range(1, n + 1):
        # Cumulative rounding keeps the installments equal where they divide
        # evenly (56,250 each under the letter) and the total exact where not.
        shares_k = rest * k // n - rest * (k - 1) // n
        months = terms.cliff_months + k * terms.installment_interval_months
        parts.append((months, shares_k, f"quarterly installment {k} of {n}"))

    schedule: list[VestInstallment] = []
    cumulative = 0
    for months, shares, label in parts:
        cumulative += shares
        schedule.append(
            VestInstallment(
                vest_date=add_months(hire_date, months),
                shares=shares,
                cumulative_shares=cumulative,
                months_after_hire=months,
                label=label,
            )
        )
    return tuple(schedule)


@lru_cache(maxsize=256)
def schedule_days(hire_date: date, terms: OfferTerms) -> tuple[np.ndarray, np.ndarray]:
    """The schedule as arrays: each vest day, and the shares vested after 0, 1, … installments."""
    schedule = _vesting_schedule(hire_date, terms)
    # Months after hire never decrease along the schedule, so neither do the days.
    days = np.array([day_number(item.vest_date) for item in schedule], dtype=np.int64)
    cumulative = np.array([0] + [item.cumulative_shares for item in schedule], dtype=np.int64)
    days.flags.writeable = cumulative.flags.writeable = False  # shared by every caller
    return days, cumulative


def vested_shares_on(vest_days: np.ndarray, cumulative: np.ndarray, on):
    """§4: shares whose vest date is on or before ``on`` (day numbers, any shape).

    An installment vests only if employment continues through its vest date; the
    last day of employment counts as a day employed, so an installment dated on
    the last day vests.
    """
    return cumulative[vest_days.searchsorted(on, side="right")]


def acceleration_day(assumptions: Assumptions, cic_day: int, cic_counts, company_ends, last_day):
    """§4, §6.3 (plan governs; assumptions): the day unvested options vest early, or ``NEVER``.

    Single trigger: all unvested vest at a Change in Control that has happened.
    Double trigger: they vest on a Company termination other than for Good Cause
    on or after it and within ``double_trigger_months`` after it.
    ``unvested_at_termination="accelerate"``: they vest on any Company
    termination other than for Good Cause. The earliest of these counts.
    """
    choice = assumptions.cic_acceleration
    # The choices as numpy bools: ``&`` of a numpy bool and a Python one costs twenty times more.
    single = cic_counts & np.bool_(choice == "single_trigger")
    double = company_ends & cic_counts & np.bool_(choice == "double_trigger") & (cic_day <= last_day)
    if choice == "double_trigger":
        double &= last_day < add_months_day(int(cic_day), assumptions.double_trigger_months)
    on_termination = company_ends & np.bool_(assumptions.unvested_at_termination == "accelerate")
    return np.minimum(day_if(single, cic_day), day_if(double | on_termination, last_day))


def full_vesting_date(schedule: list[VestInstallment]) -> date:
    return max(item.vest_date for item in schedule)
