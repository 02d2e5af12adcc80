"""``python -m bench.uncertainty``: how fast the Uncertainty page answers.

Prints ``name: value`` lines on standard output (context on standard error):

- ``uncertainty_fan_cold_ms``: one full fan, computed from nothing: every last day of the
  four years of vesting plus 90 days (1,552 days under the letter) × 1,000 price quantiles ×
  one reason (``without_good_cause``), through ``analyses.uncertainty.fan`` (best of 2). This
  is what the grid adapter costs; the broadcasting rule pipeline is expected to cut it.
- ``uncertainty_rerun_ms``: median server-side rerun of the page after changing the widget
  keyed ``stock_price``, 20 changes, through ``streamlit.testing.v1.AppTest`` (as
  ``python -m bench`` measures ``explorer_rerun_ms``). The fan itself does not depend on the
  sidebar's price and stays cached; the line at that price, the chances and the last-day
  distribution are recomputed.
"""

from __future__ import annotations

import sys
import time

from bench.__main__ import rerun_ms

PAGE = "pages/uncertainty.py"


def fan_cold_ms(runs: int = 2) -> float:
    from analyses.uncertainty import fan, price_model
    from engine.scenario import Scenario

    scenario = Scenario()
    model = price_model(scenario).model
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = fan(scenario, ("without_good_cause",), model)
        best = min(best, time.perf_counter() - start)
    print(f"# fan: {result.dates.size} last days x {result.n} quantiles x 1 reason = {result.n_cells:,} cells",
          file=sys.stderr)
    return best * 1e3


def main() -> None:
    print(f"uncertainty_fan_cold_ms: {fan_cold_ms():.0f}", flush=True)
    print(f"uncertainty_rerun_ms: {rerun_ms(PAGE)}", flush=True)


if __name__ == "__main__":
    main()
