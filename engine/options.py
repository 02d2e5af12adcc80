"""§4 Stock options: what the vested options are worth.

Intrinsic value (READING.md): vested shares × max(0, stock price − exercise price).
Grant-date fair value: Black-Scholes-Merton with continuous dividend yield, the
figure the Board books as expense; at grant the stock price equals the exercise
price ("the closing value of Valence's stock on your first day of employment").
"""

from __future__ import annotations

import math

import numpy as np

from engine.money import as_numbers, price_nanos, shares_times_price_cents


def spread_nanos(stock_price, exercise_price):
    """§4: max(0, stock price − exercise price) per share, in nanodollars (any shape)."""
    return np.maximum(price_nanos(stock_price) - price_nanos(exercise_price), 0)


def intrinsic_value_cents(shares, spread):
    """§4: "vested shares × max(0, stock price − exercise price)", in cents, rounded once
    half a cent up (READING.md: 381,250 × $4.3141 = $1,644,750.625 is $1,644,750.63)."""
    return shares_times_price_cents(shares, spread)


def option_value_parts(vested, accelerated, spread):
    """§4: the value of vested plus accelerated shares, computed once, and its two parts.

    READING.md: "(vested + accelerated) × max(0, price − exercise), rounded once;
    shown split into its vested and accelerated parts, the parts add up to it
    exactly": the vested part is rounded on its own and the accelerated part is
    the rest. Returns (total, vested part, accelerated part) in cents.
    """
    total = intrinsic_value_cents(as_numbers(vested) + accelerated, spread)
    vested_part = intrinsic_value_cents(vested, spread)
    return total, vested_part, total - vested_part


def intrinsic_value(shares: int, stock_price: float, exercise_price: float) -> float:
    """§4: what exercising ``shares`` options and selling at ``stock_price`` yields, in dollars."""
    return int(intrinsic_value_cents(shares, spread_nanos(stock_price, exercise_price))) / 100


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
