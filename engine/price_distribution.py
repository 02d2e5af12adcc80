"""The stock price on a future date as a distribution: lognormal quantiles, no random numbers.

The letter fixes no stock price; every option figure depends on it (§4). This
module states the usual model of a share price, geometric Brownian motion, as
an explicit **assumption**, and gives the price on any date as ``n`` equally
likely values instead of one:

    S(t) = S0 · exp((μ − σ²/2)·t + σ·√t·z_i),   z_i = Φ⁻¹((i + ½)/n),  i = 0 … n−1

``S0`` is a price known on a known date (default: the exercise price on the
hire date, the closing price on the first day of employment, §4), ``σ`` the
volatility and ``μ`` the drift, both a year (defaults: the Black-Scholes
volatility assumption, and the risk-free rate less the dividend yield, the
drift under which the Black-Scholes value is an expectation). ``t`` is in years
of 365 days from the known date, the day count §3 uses for salary.

Why quantiles and not a simulation: the rules have no path dependence once the
dates are fixed, so the distribution of any figure on a date is the figure at
each of these prices. The ``z_i`` are the midpoints of ``n`` equal slices of
probability, so the result is deterministic (no seed), the same on every
machine, and each value stands for probability exactly ``1/n``.

Pure: numbers and dates in, arrays out. No clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from statistics import NormalDist

import numpy as np

from engine.terms import Assumptions

DAYS_PER_YEAR = 365  # years of 365 days, the day count the valuation assumptions use

DEFAULT_QUANTILES = 1_000
MAX_QUANTILES = 100_000
MAX_VOLATILITY_PCT = 500.0
MAX_DRIFT_PCT = 100.0

# The percentiles every page and table reports, in this order.
PERCENTILES: tuple[int, ...] = (10, 25, 50, 75, 90)


@dataclass(frozen=True)
class PriceModel:
    """Geometric Brownian motion from a known price on a known date (every field an assumption).

    ``volatility`` and ``drift`` are fractions a year (0.60 is 60%)."""

    known_price: float
    known_date: date
    volatility: float
    drift: float

    def __post_init__(self) -> None:
        for problem in price_model_problems(self.known_price, self.volatility * 100, self.drift * 100):
            raise ValueError(problem)


def price_model_problems(known_price: float, volatility_pct: float, drift_pct: float) -> list[str]:
    """Why these inputs make no price model, one sentence each naming the input (empty when they do)."""
    problems = []
    if not (isinstance(known_price, (int, float)) and math.isfinite(known_price) and 0 < known_price <= 1e6):
        problems.append(f"known_price: the known stock price must be a positive price of at most $1,000,000 a "
                        f"share (§4), got {known_price!r}")
    if not (isinstance(volatility_pct, (int, float)) and math.isfinite(volatility_pct)
            and 0 <= volatility_pct <= MAX_VOLATILITY_PCT):
        problems.append(f"volatility_pct: the volatility must be from 0% to {MAX_VOLATILITY_PCT:g}% a year "
                        f"(§4, valuation assumption), got {volatility_pct!r}")
    if not (isinstance(drift_pct, (int, float)) and math.isfinite(drift_pct) and abs(drift_pct) <= MAX_DRIFT_PCT):
        problems.append(f"drift_pct: the drift must be from -{MAX_DRIFT_PCT:g}% to {MAX_DRIFT_PCT:g}% a year "
                        f"(§4, valuation assumption), got {drift_pct!r}")
    return problems


def default_volatility_pct(assumptions: Assumptions) -> float:
    """The Black-Scholes volatility assumption (§4, valuation)."""
    return float(assumptions.volatility_pct)


def default_drift_pct(assumptions: Assumptions) -> float:
    """The risk-free rate less the dividend yield (§4, valuation assumptions): the risk-neutral drift."""
    return float(assumptions.risk_free_rate_pct) - float(assumptions.dividend_yield_pct)


@lru_cache(maxsize=16)
def _normal_quantiles(n: int) -> np.ndarray:
    inv = NormalDist().inv_cdf
    z = np.array([inv((i + 0.5) / n) for i in range(n)], dtype=np.float64)
    z.flags.writeable = False
    return z


def standard_normal_quantiles(n: int = DEFAULT_QUANTILES) -> np.ndarray:
    """``z_i = Φ⁻¹((i + ½)/n)`` for ``i = 0 … n−1``, ascending, read-only (computed once per ``n``)."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= MAX_QUANTILES:
        raise ValueError(f"n: the number of quantiles must be a whole number from 1 to {MAX_QUANTILES:,}, got {n!r}")
    return _normal_quantiles(int(n))


def years_from(known_date: date, dates) -> np.ndarray:
    """Years of 365 days from ``known_date`` to each date (negative before it)."""
    days = np.asarray(dates, dtype="datetime64[D]") - np.datetime64(known_date, "D")
    return days.astype(np.int64) / DAYS_PER_YEAR


def price_quantiles(model: PriceModel, dates, n: int = DEFAULT_QUANTILES) -> np.ndarray:
    """``(len(dates), n)`` prices: row ``d`` the ``n`` equally likely prices on ``dates[d]``, ascending.

    A date before the known date has no forecast: it raises ``ValueError`` naming it."""
    t = years_from(model.known_date, dates)
    if t.ndim != 1:
        raise ValueError(f"dates: a one-dimensional sequence of dates is needed, got shape {t.shape}")
    if t.size and t.min() < 0:
        first = np.asarray(dates, dtype="datetime64[D]").min().astype(date)
        raise ValueError(f"dates: {first.isoformat()} is before the date the price is known "
                         f"({model.known_date.isoformat()}); the model only looks forward")
    z = standard_normal_quantiles(n)
    s, mu = model.volatility, model.drift
    log_mean = (mu - s * s / 2) * t  # (D,)
    log_sd = s * np.sqrt(t)  # (D,)
    return model.known_price * np.exp(log_mean[:, None] + log_sd[:, None] * z[None, :])


__all__ = [
    "DEFAULT_QUANTILES", "PERCENTILES", "PriceModel", "default_drift_pct", "default_volatility_pct",
    "price_model_problems", "price_quantiles", "standard_normal_quantiles", "years_from",
]
