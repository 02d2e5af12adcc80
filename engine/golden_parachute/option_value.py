"""G10 Option value (choice C5): Black-Scholes-Merton with the remaining term.

Treas. Reg. §1.280G-1 Q/A-13(a): an option is a property transfer when it vests,
valued on all facts then (spread, likelihood of price movement, exercise period);
Rev. Proc. 2003-68 allows a GAAP-consistent model. Per share:
``S e^(−qT) N(d1) − K e^(−rT) N(d2)``, S = price on the acceleration date A,
K = exercise price, T = years from A to the earlier of the option's expiry
(hire + contractual term) and, only if A is on or after the last day of
employment, the last day + the post-termination window (F5).

Written on numpy arrays: ``spot`` and ``years`` may be arrays (the Sensitivity
page values a whole grid of prices and dates at once).
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np

from engine.dates import add_days, add_months
from engine.golden_parachute.present_value import years_between

_erf = np.frompyfunc(math.erf, 1, 1)


def _norm_cdf(x):
    return 0.5 * (1.0 + np.asarray(_erf(np.asarray(x, dtype=float) / math.sqrt(2.0)), dtype=float))


def black_scholes_per_share(spot, strike: float, years, rate_pct: float, volatility_pct: float,
                            dividend_pct: float):
    """G10: Black-Scholes-Merton value of one option (rates in percent, continuous).

    At T <= 0 the option is worth its spread, max(0, S − K).
    """
    s = np.asarray(spot, dtype=float)
    t = np.asarray(years, dtype=float)
    r, sigma, q = rate_pct / 100, volatility_pct / 100, dividend_pct / 100
    t_pos = np.maximum(t, 1e-12)
    sqrt_t = np.sqrt(t_pos)
    d1 = (np.log(s / strike) + (r - q + sigma**2 / 2) * t_pos) / (sigma * sqrt_t)
    d2 = d1 - sigma * sqrt_t
    value = s * np.exp(-q * t_pos) * _norm_cdf(d1) - strike * np.exp(-r * t_pos) * _norm_cdf(d2)
    value = np.where(t > 0, value, np.maximum(s - strike, 0.0))
    return float(value) if value.ndim == 0 else value


def option_expiry(hire_date: date, term_years: float) -> date:
    """G10: hire (the grant) + the contractual term (READING.md §4: the plan governs)."""
    whole = int(term_years)
    extra_days = round((term_years - whole) * 365)
    return add_days(add_months(hire_date, 12 * whole), extra_days)


def remaining_term_years(acceleration_date: date, hire_date: date, term_years: float,
                         last_day: date | None, exercise_window_days: int) -> float:
    """G10: years from A to the earlier of expiry and (if A >= last day) last day + window.

    A later termination does not shorten T for a single-trigger vesting: the
    exercise period known at vesting is the full term (F5).
    """
    end = option_expiry(hire_date, term_years)
    if last_day is not None and acceleration_date >= last_day:
        end = min(end, add_days(last_day, exercise_window_days))
    return max(0.0, years_between(acceleration_date, end))
