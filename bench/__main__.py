"""``python -m bench``: how fast the engine and the app answer.

Prints one ``name: value`` line per figure on standard output (context on
standard error):

- ``evaluate_us_per_scenario``: median microseconds of one ``evaluate`` call, over
  200 varied scenarios.
- ``grid_cells_per_second``: ``evaluate_grid`` over every daily termination date
  for five years from the hire date × 201 stock prices, one reason
  (``without_good_cause``); best of 5 runs.
- ``grid_speedup_per_cell``: ``evaluate`` time per scenario ÷ grid time per cell.
- ``grid_peak_mb``: peak memory (10**6 bytes) allocated during that grid
  computation, result included, measured with ``tracemalloc`` (numpy reports
  its array buffers to it).
- ``explorer_rerun_ms``, ``sensitivity_rerun_ms``: median server-side rerun
  after changing the widget keyed ``stock_price``, 20 changes each, through
  ``streamlit.testing.v1.AppTest``; ``n/a (reason)`` when the page or the widget
  is not there. ``explorer_cic_rerun_ms``: the same on the Explorer with a Change
  in Control and single-trigger acceleration (``CIC_QUERY``), so the §280G panel
  is drawn and changes with every price.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from engine.dates import add_months
from engine.evaluate import evaluate
from engine.grid import evaluate_grid
from engine.scenario import ChangeInControl, Scenario, Termination
from engine.terms import Assumptions

ROOT = Path(__file__).resolve().parent.parent
REASONS = ("without_good_cause", "good_cause", "resignation", "death", "disability")
RERUNS = 20


def _base() -> Scenario:
    """The letter as written, with a Change in Control inside the window and the
    acceleration and raise assumptions switched on, so every rule does work."""
    return Scenario(
        change_in_control=ChangeInControl(date=date(2006, 9, 30)),
        assumptions=Assumptions(cic_acceleration="double_trigger", annual_raise_pct=3.0),
    )


def _scenarios(n: int = 200) -> list[Scenario]:
    rng = np.random.default_rng(2005)
    base = _base()
    out = []
    for i in range(n):
        day = base.hire_date + timedelta(days=int(rng.integers(0, 5 * 365)))
        price = float(np.round(rng.uniform(0.5, 15.0), 2))
        termination = None if i % 6 == 5 else Termination(date=day, reason=REASONS[i % 5])
        out.append(base.with_changes(termination=termination, as_of=None if termination else day, stock_price=price))
    return out


def evaluate_us_per_scenario() -> float:
    scenarios = _scenarios()
    for s in scenarios[:10]:
        evaluate(s)  # warm up imports and caches
    times = []
    for s in scenarios:
        start = time.perf_counter()
        evaluate(s)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def _grid_axes(base: Scenario) -> tuple[np.ndarray, np.ndarray]:
    hire = np.datetime64(base.hire_date, "D")
    end = np.datetime64(add_months(base.hire_date, 60), "D")
    dates = np.arange(hire, end)  # every day of five years from the hire date
    prices = np.linspace(0.5, 20.5, 201)
    return dates, prices


def grid_seconds(runs: int = 5) -> tuple[float, int]:
    """Best wall time of ``runs`` grid computations, and the grid's cell count."""
    base = _base()
    dates, prices = _grid_axes(base)
    evaluate_grid(base, dates, prices, ["without_good_cause"])  # warm up
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = evaluate_grid(base, dates, prices, ["without_good_cause"])
        best = min(best, time.perf_counter() - start)
    return best, result.total_value.size


def grid_peak_mb() -> float:
    base = _base()
    dates, prices = _grid_axes(base)
    evaluate_grid(base, dates, prices, ["without_good_cause"])  # imports and caches outside the measure
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        result = evaluate_grid(base, dates, prices, ["without_good_cause"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak / 1e6


def _stock_price_widget(at):
    """The widget keyed ``stock_price``: a number input or a slider, or None."""
    for kind in ("number_input", "slider"):
        try:
            return getattr(at, kind)(key="stock_price")
        except KeyError:
            continue
    return None


def _new_values(widget, n: int) -> list[float]:
    """``n`` prices inside the widget's bounds, each different from the one before."""
    current = float(widget.value)
    lo = getattr(widget, "min", None)
    hi = getattr(widget, "max", None)
    lo = float(lo) if lo is not None else max(0.01, current / 2)
    hi = float(hi) if hi is not None else current * 1.5 + 1
    values = list(np.linspace(lo, hi, n + 2)[1:-1])
    values = [round(v, 2) for v in values]
    step = getattr(widget, "step", None)
    if isinstance(step, (int, float)) and step:
        values = [min(hi, max(lo, lo + round((v - lo) / step) * step)) for v in values]
    if isinstance(widget.value, int):
        values = [int(round(v)) for v in values]
    out, last = [], current
    for i, v in enumerate(values):
        if v == last:  # a no-change set would not be a slider change
            v = values[(i + 1) % len(values)] if values[(i + 1) % len(values)] != last else lo
        out.append(v)
        last = v
    return out


def _widget_keys(at) -> list[str]:
    keys = []
    for kind in ("number_input", "slider", "select_slider", "selectbox", "date_input"):
        keys += [str(w.key) for w in getattr(at, kind) if getattr(w, "key", None)]
    return keys


# A Change in Control inside the window with single-trigger acceleration, the last day after it:
# the Explorer draws its §280G panel, whose option value moves with every price (280G.md example (b)).
CIC_QUERY = {"cic_date": "2006-09-01", "reason": "without_good_cause", "termination_date": "2007-06-01",
             "exercise_price": "3.13", "risk_free_rate_pct": "4.5", "cic_acceleration": "single_trigger"}


def rerun_ms(page: str | None, query: dict[str, str] | None = None) -> str:
    """Median ms of ``at.run()`` after each of 20 changes to ``stock_price``, or ``n/a (why)``."""
    app = ROOT / "app.py"
    if not app.is_file():
        return "n/a (app.py not found)"
    if page is not None and not (ROOT / page).is_file():
        return f"n/a ({page} not found)"
    try:
        # The app tests' AppTest factory: it makes AppTest run every rerun through
        # app.py as a served app does (see tests/app/__init__.py), so a widget
        # change survives the rerun being measured.
        from tests.app import new_app_test
    except ImportError as exc:
        return f"n/a (streamlit not importable: {exc})"
    try:
        at = new_app_test(query, timeout=120)
        at.run()
        if page is not None:
            at.switch_page(page)
            at.run()
        if at.exception:
            return f"n/a (the page raised: {at.exception[0].value})"
        widget = _stock_price_widget(at)
        if widget is None:
            return f"n/a (no number_input or slider keyed 'stock_price'; keys found: {_widget_keys(at)})"
        times = []
        for value in _new_values(widget, RERUNS):
            widget = _stock_price_widget(at)
            widget.set_value(value)
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
            if at.exception:
                return f"n/a (the page raised after a change: {at.exception[0].value})"
            after = _stock_price_widget(at)
            if after is None or abs(float(after.value) - float(value)) > 1e-9:
                return f"n/a (the change to {value} did not hold: the widget reads {after and after.value})"
    except Exception as exc:  # the bench reports; it does not stop on an unfinished page
        return f"n/a ({type(exc).__name__}: {exc})"
    return f"{statistics.median(times) * 1e3:.1f}"


def main() -> None:
    base = _base()
    dates, prices = _grid_axes(base)
    print(f"# grid: {dates.size} daily termination dates x {prices.size} prices x 1 reason", file=sys.stderr)

    evaluate_us = evaluate_us_per_scenario()
    print(f"evaluate_us_per_scenario: {evaluate_us:.1f}", flush=True)
    seconds, cells = grid_seconds()
    print(f"grid_cells_per_second: {cells / seconds:.0f}", flush=True)
    print(f"grid_speedup_per_cell: {evaluate_us / (seconds / cells * 1e6):.0f}", flush=True)
    print(f"grid_peak_mb: {grid_peak_mb():.1f}", flush=True)
    print(f"explorer_rerun_ms: {rerun_ms(None)}", flush=True)
    print(f"explorer_cic_rerun_ms: {rerun_ms(None, CIC_QUERY)}", flush=True)
    print(f"sensitivity_rerun_ms: {rerun_ms('pages/sensitivity.py')}", flush=True)


if __name__ == "__main__":
    main()
