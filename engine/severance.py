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

from datetime import date
from functools import lru_cache

import numpy as np

from engine.dates import add_months, add_months_days, day_if, months_begun
from engine.money import flag_times
from engine.scenario import REASON_CODES
from engine.terms import OfferTerms


@lru_cache(maxsize=1024)
def protection_window_end(hire_date: date, terms: OfferTerms) -> date:
    """§6.1: the first day after "the first twenty four (24) months" (hire + 24 months)."""
    return add_months(hire_date, terms.protection_months)


def in_protection_window(hire_day: int, window_end_day: int, day):
    """§6.1: on or after the hire date and strictly before hire date + 24 months (day numbers)."""
    return (hire_day <= day) & (day < window_end_day)


def company_terminates_other_than_for_good_cause(reason, stands_as_good_cause):
    """§6.1(b) trigger: the Company ends employment and it does not stand as Good Cause.

    Disability is a Company termination other than for Good Cause (READING.md);
    death and resignation are not Company terminations. ``reason`` holds
    ``REASON_CODES``.
    """
    company = (reason == REASON_CODES["without_good_cause"]) | (reason == REASON_CODES["disability"])
    return company | ((reason == REASON_CODES["good_cause"]) & np.logical_not(stands_as_good_cause))


def first_trigger(cic_day: int, cic_triggers, last_day, termination_triggers):
    """§6.1: the §6 Termination Date, "the date on which the Change of Control or
    termination occurs": the earlier trigger pays, once (a Change in Control on the
    last day itself is taken first). Returns (day or NEVER, whether it is the CIC)."""
    cic = day_if(cic_triggers, cic_day)
    termination = day_if(termination_triggers, last_day)
    return np.minimum(cic, termination), cic_triggers & (cic <= termination)


def payment_day(termination_day, terms: OfferTerms):
    """§6.1(a): "on the fifth day following" the Termination Date."""
    return termination_day + terms.payment_delay_days


def health_month_starts(termination_day, months: int) -> np.ndarray:
    """§6.1(b): the first day of each month of coverage "following the termination date"
    (shape ``(months, *termination_day.shape)``)."""
    day = np.asarray(termination_day)
    if day.ndim == 0:
        return _month_starts_of_one(int(day), months)
    return add_months_days(day[None, ...], np.arange(months).reshape((months,) + (1,) * day.ndim)) + 1


@lru_cache(maxsize=4096)
def _month_starts_of_one(day: int, months: int) -> np.ndarray:
    """``health_month_starts`` of one Termination Date (read-only), worked out once: on a
    single day numpy's datetime64 steps cost far more than the look-up."""
    starts = add_months_days(np.asarray(day, dtype=np.int64)[None], np.arange(months)) + 1
    starts.flags.writeable = False
    return starts


def health_months_after_employment(termination_day, triggered, employment_ended, last_day, months: int):
    """§6.1(b): the months of the continuation period that begin after the last day.

    Only those cost the Company anything beyond what it pays during employment
    (READING.md); while he is still employed none does.
    """
    # Month k begins the day after termination day + k months (``health_month_starts``):
    # on or before the last day exactly when termination day + k months is before it.
    begun = np.minimum(months_begun(termination_day, last_day - 1), months)
    return flag_times(triggered & employment_ended, months - begun)  # 0 where not both


def allocate_cents(total_cents: int, parts: int) -> list[int]:
    """Split ``total_cents`` into ``parts`` amounts that add up to it exactly."""
    return [total_cents * (k + 1) // parts - total_cents * k // parts for k in range(parts)]
