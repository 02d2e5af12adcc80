"""The 3B line over last day × stock price (G12 on arrays), for the Sensitivity page.

For a fixed last day every piece of P but the options is independent of the price,
and each accelerated tranche counts a fixed share of its value (G9: both Q/A-24(c)
pieces are proportional to V_i; G5(ii) counts all of it). So
``P(S) = cash PV + per_share(S) × Σ shares_i × share_i × DF(A)`` on a whole array of
prices at once, and P rises with S (G10), so each last day has at most one price at
which P reaches 3B.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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


@dataclass(frozen=True)
class CrossingPoint:
    """On ``last_day``: the lowest price at which P >= 3B (G12); ``None`` if none in the range."""

    last_day: date
    price: float | None
    always_over: bool  # over the line whatever the price (the cash alone reaches 3B)


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


def safe_harbor_contour(base, reason: str, last_days: list[date], price_min: float,
                        price_max: float) -> list[CrossingPoint]:
    """The 3B line over ``last_days`` × [price_min, price_max] for a termination for ``reason``.

    One ``evaluate`` per last day (at ``price_max``, where every option has value), then
    the crossing price on the array of prices. Last days before the Change in Control
    (no §280G position) and scenarios §280G does not reach are left out.
    """
    from engine.evaluate import evaluate  # the rule pipeline, imported late: it imports this package
    from engine.sensitivity import cell_scenario

    points = []
    for day in last_days:
        scenario = cell_scenario(base, reason, day, price_max)
        if scenario is None:
            continue
        gp = evaluate(scenario).golden_parachute
        if gp is None or not gp.applies:
            continue
        price = crossing_price(gp, price_min, price_max)
        cash = sum(i.present_value for i in gp.items if i.component != "accelerated_options")
        points.append(CrossingPoint(day, price, cash >= gp.three_times_base))
    return points
