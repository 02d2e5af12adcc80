"""The 3B line (§280G G12) over last day × stock price, for the Sensitivity page.

A composition: one ``evaluate`` per last day, then the crossing price on the array
of prices (``engine.golden_parachute.contour``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from analyses.sensitivity import cell_scenario
from engine.evaluate import evaluate
from engine.golden_parachute.contour import crossing_price


@dataclass(frozen=True)
class CrossingPoint:
    """On ``last_day``: the lowest price at which P >= 3B (G12); ``None`` if none in the range."""

    last_day: date
    price: float | None
    always_over: bool  # over the line whatever the price (the cash alone reaches 3B)



def safe_harbor_contour(base, reason: str, last_days: list[date], price_min: float,
                        price_max: float) -> list[CrossingPoint]:
    """The 3B line over ``last_days`` × [price_min, price_max] for a termination for ``reason``.

    One ``evaluate`` per last day (at ``price_max``, where every option has value), then
    the crossing price on the array of prices. Last days before the Change in Control
    (no §280G position) and scenarios §280G does not reach are left out.
    """
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
