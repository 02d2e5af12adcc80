"""The 3B line over last day × stock price (G12 on arrays), for the Sensitivity page.

For a fixed last day every piece of P but the options is independent of the price,
and each accelerated tranche counts a fixed share of its value (G9: both Q/A-24(c)
pieces are proportional to V_i; G5(ii) counts all of it). So
``P(S) = cash PV + per_share(S) × Σ shares_i × share_i × DF(A)`` on a whole array of
prices at once, and P rises with S (G10), so each last day has at most one price at
which P reaches 3B.
"""

from __future__ import annotations

import numpy as np

from engine.golden_parachute.model import GoldenParachute
from engine.golden_parachute.option_value import black_scholes_per_share


def parachute_value_on_prices(gp: GoldenParachute, prices) -> np.ndarray:
    """G12: P for each stock price in ``prices``, with every other fact of ``gp`` fixed."""
    prices = np.asarray(prices, dtype=float)
    cash = sum(i.present_value for i in gp.items if i.component != "accelerated_options")
    v = gp.option_valuation
    if v is None or not gp.tranches:
        return np.full(prices.shape, cash)
    options = next(i for i in gp.items if i.component == "accelerated_options")
    weight = sum(t.shares * t.contingent_share for t in gp.tranches) * options.discount_factor
    per_share = black_scholes_per_share(prices, v.strike, v.years, v.risk_free_rate_pct, v.volatility_pct,
                                        v.dividend_yield_pct)
    return cash + weight * np.asarray(per_share, dtype=float)


def crossing_price(gp: GoldenParachute, price_min: float, price_max: float, iterations: int = 60) -> float | None:
    """The lowest price in [price_min, price_max] at which P reaches 3B, to a tenth of a cent."""
    line = gp.three_times_base
    low, high = np.array([price_min, price_max], dtype=float)
    p_low, p_high = parachute_value_on_prices(gp, [low, high])
    if p_low >= line:
        return price_min
    if p_high < line:
        return None
    for _ in range(iterations):
        mid = (low + high) / 2
        if parachute_value_on_prices(gp, [mid])[0] >= line:
            high = mid
        else:
            low = mid
        if high - low < 1e-3:
            break
    return float(high)
