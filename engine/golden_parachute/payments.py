"""G7 The §6.1 payments as contingent payments, and G6 for a termination trigger.

§6.1: a $125,000 lump sum on the fifth day after the §6 Termination Date and six
months of group health coverage following it. Trigger = the change: both are
contingent on it (Q/A-22(a)). Trigger = a termination: contingent only if the
termination is materially related to the change (G6, Q/A-22(b)).
Health month k begins on trigger + (k − 1) months and counts, at the monthly
cost assumption, only if it begins after the last day of employment (C6, F11);
it is treated as paid on the day it begins (Q/A-31(b)(2)).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from engine.dates import add_days, add_months
from engine.terms import Assumptions, OfferTerms


@dataclass(frozen=True)
class Payment:
    component: str
    label: str
    clause: str
    rule: str
    paid_on: date
    amount: float


def termination_presumed_related(change: date, last_day: date, assume: Assumptions) -> bool:
    """G6: a termination within one year before or after the change is presumed materially
    related to it, one outside that year presumed not (Q/A-22(b)(1)-(3)); the input flips it."""
    within = add_months(change, -12) <= last_day <= add_months(change, 12)
    return within != assume.termination_presumption_rebutted


def health_months(trigger: date, last_day: date | None, terms: OfferTerms) -> list[tuple[int, date, bool]]:
    """G7, C6: (k, first day, counted) for each coverage month following the trigger."""
    out = []
    for k in range(1, terms.health_continuation_months + 1):
        start = add_months(trigger, k - 1)
        out.append((k, start, last_day is not None and start > last_day))
    return out


def section_6_1_payments(trigger: date, last_day: date | None, terms: OfferTerms,
                         assume: Assumptions) -> list[Payment]:
    """G7: the lump sum and the counted health months, undiscounted, with their dates."""
    out = [Payment("severance_lump_sum", "§6.1 lump sum", "§6.1(a)", "G7", add_days(trigger, terms.payment_delay_days),
                   terms.severance_lump_sum)] if terms.severance_lump_sum > 0 else []
    for k, start, counted in health_months(trigger, last_day, terms):
        if counted and assume.monthly_health_premium > 0:
            out.append(Payment("health_continuation", f"Health coverage month {k}", "§6.1(b)", "G7", start,
                               assume.monthly_health_premium))
    return out
