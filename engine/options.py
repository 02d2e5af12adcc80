"""§4 Stock options: what the vested options are worth.

Intrinsic value (READING.md): vested shares × max(0, stock price − exercise price).
Grant-date fair value: Black-Scholes-Merton with continuous dividend yield, the
figure the Board books as expense; at grant the stock price equals the exercise
price ("the closing value of Valence's stock on your first day of employment").
"""

from __future__ import annotations

import math


# Binary floating point holds 381,250 × $4.3141 = $1,644,750.625 as 1,644,750.62499999…;
# a board member working by hand rounds the half cent up. Products of a share
# count and a price given to a few decimals are off by far less than this.
_HALF_CENT_TOLERANCE = 1e-6


def round_cents_half_up(amount: float) -> float:
    """Whole cents, a half cent rounded up, as by hand (for non-negative amounts)."""
    return math.floor(amount * 100 + 0.5 + _HALF_CENT_TOLERANCE) / 100


def intrinsic_value(shares: int, stock_price: float, exercise_price: float) -> float:
    """§4: what exercising ``shares`` options and selling at ``stock_price`` yields."""
    return round_cents_half_up(shares * max(0.0, stock_price - exercise_price))


def _norm_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def black_scholes_call(
    spot: float, strike: float, years: float, rate: float, volatility: float, dividend_yield: float
) -> float:
    """Black-Scholes-Merton value of one European call (rates and volatility as fractions)."""
    sqrt_t = math.sqrt(years)
    d1 = (math.log(spot / strike) + (rate - dividend_yield + volatility**2 / 2) * years) / (volatility * sqrt_t)
    d2 = d1 - volatility * sqrt_t
    return spot * math.exp(-dividend_yield * years) * _norm_cdf(d1) - strike * math.exp(-rate * years) * _norm_cdf(d2)


def grant_date_fair_value_per_option(
    exercise_price: float,
    volatility_pct: float,
    risk_free_rate_pct: float,
    expected_term_years: float,
    dividend_yield_pct: float,
) -> float:
    """§4 (valuation assumption): fair value of one option at grant, spot = strike."""
    return black_scholes_call(
        exercise_price,
        exercise_price,
        expected_term_years,
        risk_free_rate_pct / 100,
        volatility_pct / 100,
        dividend_yield_pct / 100,
    )
