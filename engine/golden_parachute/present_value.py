"""G8 Present value, and the date conventions of 280G.md (C2, C3).

§280G(d)(4) and Treas. Reg. §1.280G-1 Q/A-32: present value at 120% of the
applicable federal rate, compounded semiannually, as of the date of the change.
The AFR term class follows the time to payment (Q/A-32: the period until the
payment would have been made is the term of the debt instrument): up to 3 years
short-term, up to 9 years mid-term, else long-term. One set of rates, for the
month of the change (C4, F10).

Written on numpy arrays: ``t`` may be a scalar or an array of years.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from engine.dates import add_days, add_months

DAYS_PER_YEAR = 365  # C2: years between two dates = days / 365

SHORT, MID, LONG = "short", "mid", "long"


def years_between(start: date, end: date) -> float:
    """C2: ``(end − start)`` in days / 365."""
    return (end - start).days / DAYS_PER_YEAR


def full_months(start: date, end: date) -> int:
    """C3: the largest m with start + m months <= end − 1 day (0 if none).

    Reproduces Q/A-24(f): 15 Jan 2009 → 15 Jan 2011 is 23 months (Example 3),
    16 Jan 2008 → 15 Jan 2009 is 11 (Example 5).
    """
    limit = add_days(end, -1)
    if limit < start:
        return 0
    m = max(0, (limit.year - start.year) * 12 + limit.month - start.month)
    while m > 0 and add_months(start, m) > limit:
        m -= 1
    while add_months(start, m + 1) <= limit:
        m += 1
    return m


# G8 / Q/A-32: the class limits in years. ``_CLASS_LIMITS.searchsorted(t)`` is a term's class:
# 0 (short) for t <= 3, 1 (mid) for t <= 9, 2 (long) beyond; one look-up for scalars and arrays.
_CLASS_LIMITS = np.array([3.0, 9.0])
_CLASSES = np.array([SHORT, MID, LONG])


def _term_class(t):
    return _CLASS_LIMITS.searchsorted(np.asarray(t, dtype=float), side="left")


def afr_class(t):
    """G8 / Q/A-32: "short" for t <= 3 years, "mid" for t <= 9, else "long" (arrays too)."""
    out = _CLASSES[_term_class(t)]
    return str(out) if np.ndim(out) == 0 else out


def afr_rate_pct(t, short_pct: float, mid_pct: float, long_pct: float):
    """G8: the 120% AFR (percent, semiannual) for a payment ``t`` years after the valuation date."""
    out = np.array([short_pct, mid_pct, long_pct], dtype=float)[_term_class(t)]
    return float(out) if np.ndim(out) == 0 else out


def discount_factor(t, short_pct: float, mid_pct: float, long_pct: float):
    """G8: DF(t) = (1 + y/2)^(−2t), y = the 120% AFR of t's class; 1 for t <= 0 (Q/A-31(a))."""
    t_arr = np.asarray(t, dtype=float)
    y = np.asarray(afr_rate_pct(t_arr, short_pct, mid_pct, long_pct), dtype=float) / 100
    df = np.where(t_arr > 0, (1 + y / 2) ** (-2 * np.maximum(t_arr, 0.0)), 1.0)
    return float(df) if df.ndim == 0 else df
