"""§6.1 Payments on a Change in Control or termination other than for Good Cause.

"If during the first twenty four (24) months your employment under this
agreement, there occurs a Change in Control ... or the Company terminates your
employment for other than Good Cause ..., the Company shall (a) pay to you, on
the fifth day following the date on which the Change of Control or termination
occurs (which for purposes of this Section 6, shall be the Termination Date), a
lump sum payment ... ($125,000) and (b) provide you with continued group health
insurance coverage for six (6) months following the termination date".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from engine.dates import add_days, add_months
from engine.good_cause import is_good_cause
from engine.scenario import Termination
from engine.terms import OfferTerms


def protection_window_end(hire_date: date, terms: OfferTerms) -> date:
    """§6.1: the first day after "the first twenty four (24) months" (hire + 24 months)."""
    return add_months(hire_date, terms.protection_months)


def in_protection_window(hire_date: date, on: date, terms: OfferTerms) -> bool:
    """§6.1: on or after the hire date and strictly before hire date + 24 months."""
    return hire_date <= on < protection_window_end(hire_date, terms)


def company_terminates_other_than_for_good_cause(termination: Termination, terms: OfferTerms) -> bool:
    """§6.1(b) trigger: the Company ends employment and it does not stand as Good Cause.

    Disability is a Company termination other than for Good Cause (READING.md);
    death and resignation are not Company terminations.
    """
    if termination.reason in ("without_good_cause", "disability"):
        return True
    return termination.reason == "good_cause" and not is_good_cause(termination, terms)


@dataclass(frozen=True)
class HealthMonth:
    """One month of the §6.1(b) continuation period following the Termination Date."""

    index: int
    start: date
    end: date
    after_employment: bool


def health_continuation_months(
    termination_date: date, last_day: date | None, terms: OfferTerms
) -> list[HealthMonth]:
    """§6.1(b): the six months following the §6 Termination Date.

    Only months that begin after the last day of employment cost the Company
    anything beyond what it pays during employment (READING.md); while he is still
    employed (``last_day`` is None) no month does.
    """
    months = []
    for i in range(1, terms.health_continuation_months + 1):
        start = add_days(add_months(termination_date, i - 1), 1)
        end = add_months(termination_date, i)
        after = last_day is not None and start > last_day
        months.append(HealthMonth(i, start, end, after))
    return months


def payment_date(termination_date: date, terms: OfferTerms) -> date:
    """§6.1(a): "on the fifth day following" the Termination Date."""
    return add_days(termination_date, terms.payment_delay_days)


def allocate_cents(total: float, parts: int) -> list[float]:
    """Split ``total`` into ``parts`` cent amounts that add up to it exactly."""
    cents = round(total * 100)
    return [(cents * (k + 1) // parts - cents * k // parts) / 100 for k in range(parts)]
