"""Sensitivity: one termination reason over every termination date × stock price.

The Sensitivity page answers "at what price and date does letting him go cost
us most?" from ``engine.grid.evaluate_grid`` computed at full resolution (every
day × every price), then shrinks the grid for drawing without hiding anything:

* every figure the page states (the highest cell, the highest inside §6.1's
  first 24 months, the value one day after them) is taken from the full grid;
* the heatmap has fewer than ``CHART_ROWS_BELOW`` blocks, each one week (or a
  few whole weeks) × one band of neighbouring prices, and each block shows the
  **highest** value of the cells it covers, together with the date and price of
  the cell where that value is reached and that cell's components, so a tooltip
  never shows a number no scenario produces. The block's lowest value travels
  with it, so the reader sees how much the block hides.

Measures (``MEASURES``) are the grid's own figures: what the executive receives
in all (``total_value``), the Company's cash cost (``total_cash``: salary
earned, the Sion Power buyout, the §6.1 lump sum and health continuation) and
the options' intrinsic value (``option_intrinsic_value``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from engine.dates import MAX_DATE, add_months
from engine.grid import GridResult, cell, evaluate_grid
from engine.registry import MEASURE, Measure
from engine.scenario import Scenario, Termination
from engine.severance import protection_window_end
from engine.vesting import VestInstallment, vesting_schedule


# The measures and their labels are the registry's (engine/registry.py).
MEASURES: dict[str, Measure] = dict(MEASURE)

TERMINATION_REASONS: tuple[str, ...] = ("without_good_cause", "good_cause", "resignation", "death", "disability")
FOLLOW_SIDEBAR = "sidebar"
"""The reason choice that follows the sidebar: its reason if it is a termination, else without Good Cause."""
DEFAULT_REASON = "without_good_cause"

DEFAULT_YEARS = 5
MAX_YEARS = 10
DEFAULT_PRICE_MIN = 0.50
PRICE_MAX_MULTIPLE = 3  # default top of the price axis: 3 × the larger of exercise and stock price
PRICE_POINTS = 201
CHART_ROWS_BELOW = 5000  # the heatmap has fewer blocks than this
_MIN_PRICE_BANDS = 15  # widen the date blocks by whole weeks rather than go below this many price bands


# --------------------------------------------------------------------------- inputs


def reason_for(choice: str, sidebar_reason: str | None) -> str:
    """The reason drawn: ``choice``, or for ``FOLLOW_SIDEBAR`` the sidebar's reason when it is a
    termination and a termination without Good Cause otherwise (the §6.1 case)."""
    if choice == FOLLOW_SIDEBAR:
        return sidebar_reason if sidebar_reason in TERMINATION_REASONS else DEFAULT_REASON
    if choice not in TERMINATION_REASONS:
        raise ValueError(f"reason: {choice!r} is not one of {', '.join(TERMINATION_REASONS)}")
    return choice


def auto_price_max(exercise_price: float, stock_price: float) -> float:
    """The default top of the price axis: three times the larger of the two prices, rounded up
    to a whole dollar (so small moves of the stock price keep the same axis), at most $1,000,000."""
    top = PRICE_MAX_MULTIPLE * max(exercise_price, stock_price)
    return float(min(1_000_000, max(1, math.ceil(round(top, 6)))))


def price_range_problems(price_min: float, price_max: float) -> list[str]:
    """Why a price axis cannot be drawn, one sentence each (empty when it can)."""
    problems = []
    if not (math.isfinite(price_min) and 0 < price_min <= 1e6):
        problems.append(f"The lowest stock price must be a positive price of at most $1,000,000 a share (§4), "
                        f"got {price_min!r}.")
    if not (math.isfinite(price_max) and 0 < price_max <= 1e6):
        problems.append(f"The highest stock price must be a positive price of at most $1,000,000 a share (§4), "
                        f"got {price_max!r}.")
    if not problems and round(price_max, 2) <= round(price_min, 2):
        problems.append(f"The highest stock price (${price_max:,.2f}) must be above the lowest "
                        f"(${price_min:,.2f}) (§4).")
    return problems


def termination_dates(hire_date: date, years: int) -> np.ndarray:
    """Every day from the hire date for ``years`` years (hire + 12·years months excluded), as last days."""
    if not 1 <= years <= MAX_YEARS:
        raise ValueError(f"years: must be a whole number from 1 to {MAX_YEARS}, got {years!r}")
    # Past MAX_DATE no scenario can be stated, so the axis stops there.
    stop = min(np.datetime64(add_months(hire_date, 12 * years), "D"), np.datetime64(MAX_DATE, "D") + 1)
    return np.arange(np.datetime64(hire_date, "D"), stop)


def stock_prices(price_min: float, price_max: float, points: int = PRICE_POINTS) -> np.ndarray:
    """``points`` prices evenly from ``price_min`` to ``price_max``, each to the cent (so a price
    shown as $7.25 is the price computed); repeats after rounding are dropped."""
    problems = price_range_problems(price_min, price_max)
    if problems:
        raise ValueError(problems[0])
    return np.unique(np.round(np.linspace(round(price_min, 2), round(price_max, 2), points), 2))


def grid_base(scenario: Scenario) -> Scenario:
    """The part of ``scenario`` the grid reads (hire date, exercise price, Change in Control,
    terms, assumptions, and a Good Cause termination's ground and notice date), with the rest
    set to fixed values, so two scenarios that differ only in the stock price or the last day
    share one grid (and one cache entry)."""
    termination = None
    t = scenario.termination
    if t is not None and t.reason == "good_cause" and t.good_cause_ground is not None:
        day = t.notice_date if t.notice_date is not None else scenario.hire_date
        termination = Termination(date=day, reason="good_cause", good_cause_ground=t.good_cause_ground,
                                  notice_date=t.notice_date)
    return scenario.with_changes(stock_price=scenario.exercise_price, as_of=None, termination=termination)


def cell_scenario(base: Scenario, reason: str, on: date, price: float) -> Scenario | None:
    """The one scenario behind a cell: ``base`` terminated for ``reason`` on ``on`` with the stock
    at ``price``, as ``evaluate_grid`` reads it (a Good Cause cell keeps the base's ground and
    notice date). ``None`` for a Good Cause ground (b) cell before the notice date, which the
    grid reads as "not yet Good Cause" (§6.2(b)) but a ``Scenario`` cannot state."""
    ground = notice = None
    t = base.termination
    if reason == "good_cause" and t is not None and t.reason == "good_cause":
        ground, notice = t.good_cause_ground, t.notice_date
        if notice is not None and on < notice:
            return None
    return base.with_changes(stock_price=price, as_of=None, termination={
        "date": on, "reason": reason, "good_cause_ground": ground, "notice_date": notice})


def cell_figures(base: Scenario, reason: str, on: date, price: float) -> dict[str, Any]:
    """The grid's figures for one cell (``engine.grid.cell``), for any cell ``cell_scenario`` cannot state."""
    return cell(evaluate_grid(base, [on], [price], [reason]), 0, 0, 0)


# --------------------------------------------------------------------------- the highest cell


@dataclass(frozen=True)
class Peak:
    """The highest value of a measure and where it is reached.

    ``date`` is the first date it is reached, ``price`` the lowest price reaching it on that
    date; ``last_date`` and ``n_dates`` say whether other dates tie, ``price_high`` and
    ``any_price`` whether other prices do (a measure that does not depend on the price ties
    at every price).
    """

    value: float
    date: date
    price: float
    date_index: int
    price_index: int
    last_date: date
    n_dates: int
    price_high: float
    any_price: bool


def peak(values: np.ndarray, dates: np.ndarray, prices: np.ndarray) -> Peak:
    """The highest cell of ``values`` (dates × prices)."""
    values = np.asarray(values)
    if values.size == 0:
        raise ValueError("values: an empty grid has no highest cell")
    best = float(values.max())
    hit = values == best
    rows = np.flatnonzero(hit.any(axis=1))
    d = int(rows[0])
    cols = np.flatnonzero(hit[d])
    p = int(cols[0])
    return Peak(
        value=best,
        date=dates[d].astype(date),
        price=float(prices[p]),
        date_index=d,
        price_index=p,
        last_date=dates[int(rows[-1])].astype(date),
        n_dates=int(rows.size),
        price_high=float(prices[int(cols[-1])]),
        any_price=bool(cols.size == prices.size and prices.size > 1),
    )


# --------------------------------------------------------------------------- blocks for drawing


@dataclass(frozen=True)
class BlockLayout:
    """How the full grid is cut into blocks: ``block_days`` days (whole weeks) by one price band;
    ``band_starts`` are the first price index of each band."""

    block_days: int
    n_date_blocks: int
    band_starts: np.ndarray

    @property
    def n_price_bands(self) -> int:
        return int(self.band_starts.size)

    @property
    def n_blocks(self) -> int:
        return self.n_date_blocks * self.n_price_bands


def block_layout(n_dates: int, n_prices: int, rows_below: int = CHART_ROWS_BELOW) -> BlockLayout:
    """Weekly blocks where the price bands stay at least ``_MIN_PRICE_BANDS`` (else whole weeks
    more), and as many equal price bands as keep the block count under ``rows_below``."""
    if n_dates < 1 or n_prices < 1:
        raise ValueError("the grid needs at least one date and one price")
    if rows_below < 2:
        raise ValueError(f"rows_below: must be at least 2, got {rows_below!r}")
    weeks = 1
    while True:
        days = 7 * weeks
        n_date_blocks = -(-n_dates // days)
        bands = min(n_prices, (rows_below - 1) // n_date_blocks)
        if bands >= min(_MIN_PRICE_BANDS, n_prices) or n_date_blocks == 1:
            break
        weeks += 1
    bands = max(bands, 1)
    starts = np.unique(np.floor(np.arange(bands) * n_prices / bands).astype(np.int64))
    return BlockLayout(days, n_date_blocks, starts)


def blocks(result: GridResult, measure: str, r: int = 0, layout: BlockLayout | None = None) -> pd.DataFrame:
    """The heatmap's blocks: one row per block with its extent, its highest and lowest value, and
    the cell where the highest is reached (date, price and the components of that cell).

    Columns: ``date_start``/``date_end`` (first and last day covered), ``price_low``/``price_high``
    (first and last grid price covered), ``edge_low``/``edge_high`` (where the block's drawing
    meets its neighbours: halfway between grid prices), ``value`` (highest), ``value_min``
    (lowest), ``cell_date``, ``cell_price``, and the cell's ``total_value``, ``total_cash``,
    ``option_intrinsic_value``, ``salary_earned``, ``severance`` (§6.1 lump sum + health),
    ``severance_lump_sum``, ``health_continuation_cost``, ``vested_shares`` (incl. accelerated).

    Blocks are cut by position, so ``result`` must have one date a day in ascending order and its
    prices in ascending order, as ``sensitivity`` builds it.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure: {measure!r} is not one of {', '.join(MEASURES)}")
    dates, prices = result.termination_dates, result.stock_prices
    n_dates, n_prices = dates.size, prices.size
    layout = layout or block_layout(n_dates, n_prices)
    step, n_db = layout.block_days, layout.n_date_blocks
    starts = layout.band_starts
    ends = np.append(starts[1:], n_prices)  # exclusive
    width = int((ends - starts).max())

    values = np.asarray(getattr(result, measure)[r], dtype=np.float64)  # (dates, prices)
    padded = np.full((n_db * step, n_prices + 1), -np.inf)
    padded[:n_dates, :n_prices] = values
    # Price index per band and slot; -1 (the -inf column) pads the shorter bands.
    slots = starts[:, None] + np.arange(width)[None, :]
    slots = np.where(slots < ends[:, None], slots, -1)
    cube = padded.reshape(n_db, step, n_prices + 1)[:, :, slots]  # (date blocks, days, bands, slots)
    cube = cube.transpose(0, 2, 1, 3).reshape(n_db, starts.size, step * width)
    # argmax takes the first highest in day-major order: the earliest day, then the lowest price.
    where = cube.argmax(axis=2)
    high = np.take_along_axis(cube, where[:, :, None], axis=2)[:, :, 0]
    low = np.where(np.isneginf(cube), np.inf, cube).min(axis=2)
    day = np.arange(n_db)[:, None] * step + where // width
    price_index = slots[np.arange(starts.size)[None, :], where % width]

    block_first = np.arange(n_db) * step
    block_last = np.minimum(block_first + step, n_dates) - 1
    # Each band is drawn from halfway below its first price to halfway above its last; the
    # outer bands stop at the axis ends.
    edges = np.concatenate([[prices[0]], (prices[:-1] + prices[1:]) / 2, [prices[-1]]])
    edge_low, edge_high = edges[starts], edges[ends]

    nb = starts.size
    day_flat, price_flat = day.reshape(-1), price_index.reshape(-1)
    lump = result.severance_lump_sum[r][day_flat]
    health = result.health_continuation_cost[r][day_flat]
    frame = pd.DataFrame({
        "date_start": np.repeat(dates[block_first], nb).astype("datetime64[D]"),
        "date_end": np.repeat(dates[block_last], nb).astype("datetime64[D]"),
        "price_low": np.tile(prices[starts], n_db),
        "price_high": np.tile(prices[ends - 1], n_db),
        "edge_low": np.tile(edge_low, n_db),
        "edge_high": np.tile(edge_high, n_db),
        "value": high.reshape(-1),
        "value_min": low.reshape(-1),
        "cell_date": dates[day_flat].astype("datetime64[D]"),
        "cell_price": prices[price_flat],
        "total_value": result.total_value[r][day_flat, price_flat],
        "total_cash": np.asarray(result.total_cash[r])[day_flat, price_flat],
        "option_intrinsic_value": result.option_intrinsic_value[r][day_flat, price_flat],
        "salary_earned": result.salary_earned[r][day_flat],
        "severance_lump_sum": lump,
        "health_continuation_cost": health,
        "severance": np.round(lump + health, 2),
        "vested_shares": result.vested_shares[r][day_flat] + result.accelerated_shares[r][day_flat],
    })
    frame.attrs["measure"] = measure
    return frame


# --------------------------------------------------------------------------- the page's one call


@dataclass(frozen=True)
class Sensitivity:
    """Everything the Sensitivity page shows, from one full-resolution grid."""

    reason: str
    measure: str
    first_date: date
    last_date: date
    n_dates: int
    n_prices: int
    price_min: float
    price_max: float
    window_end: date  # §6.1: the first day after the protection window
    window_months: int  # §6.1: its length (the letter: 24)
    peak: Peak  # over the whole grid
    peak_in_window: Peak | None  # over the last days inside the first 24 months
    after_window: tuple[date, float] | None  # the first day outside them, at the in-window peak's price
    layout: BlockLayout
    blocks: pd.DataFrame
    vest_dates: list[VestInstallment] = field(default_factory=list)  # §4 installments inside the span
    change_in_control: date | None = None

    @property
    def n_cells(self) -> int:
        return self.n_dates * self.n_prices


def sensitivity(base: Scenario, reason: str, measure: str, years: int = DEFAULT_YEARS,
                price_min: float = DEFAULT_PRICE_MIN, price_max: float | None = None,
                points: int = PRICE_POINTS, rows_below: int = CHART_ROWS_BELOW) -> Sensitivity:
    """The grid of ``measure`` for a termination for ``reason`` on every day of ``years`` years
    from the hire date × ``points`` stock prices from ``price_min`` to ``price_max`` (default
    ``auto_price_max``), its highest cells, and its blocks for drawing.

    ``base`` gives the hire date, exercise price, Change in Control, terms and assumptions
    (and a Good Cause ground); its stock price and last day are replaced by the axes.
    Raises ``ValueError`` naming the argument on invalid input.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure: {measure!r} is not one of {', '.join(MEASURES)}")
    if reason not in TERMINATION_REASONS:
        raise ValueError(f"reason: {reason!r} is not one of {', '.join(TERMINATION_REASONS)}")
    if price_max is None:
        price_max = auto_price_max(base.exercise_price, base.stock_price)
    dates = termination_dates(base.hire_date, years)
    prices = stock_prices(price_min, price_max, points)
    result = evaluate_grid(base, dates, prices, [reason])
    values = np.asarray(getattr(result, measure)[0])

    window_end = protection_window_end(base.hire_date, base.terms)
    inside = int(np.searchsorted(dates, np.datetime64(window_end, "D"), side="left"))
    whole = peak(values, dates, prices)
    in_window = peak(values[:inside], dates[:inside], prices) if inside > 0 else None
    after = None
    if in_window is not None and inside < dates.size:
        after = (dates[inside].astype(date), float(values[inside, in_window.price_index]))

    first, last = dates[0].astype(date), dates[-1].astype(date)
    layout = block_layout(dates.size, prices.size, rows_below)
    cic = base.change_in_control
    return Sensitivity(
        reason=reason, measure=measure, first_date=first, last_date=last,
        n_dates=int(dates.size), n_prices=int(prices.size),
        price_min=float(prices[0]), price_max=float(prices[-1]),
        window_end=window_end, window_months=base.terms.protection_months, peak=whole, peak_in_window=in_window, after_window=after,
        layout=layout, blocks=blocks(result, measure, 0, layout),
        vest_dates=[v for v in vesting_schedule(base.hire_date, base.terms) if first <= v.vest_date <= last],
        change_in_control=cic.date if cic is not None and first <= cic.date <= last else None,
    )


__all__ = [
    "BlockLayout", "CHART_ROWS_BELOW", "DEFAULT_PRICE_MIN", "DEFAULT_REASON", "DEFAULT_YEARS", "FOLLOW_SIDEBAR",
    "MAX_YEARS", "MEASURES", "Measure", "PRICE_POINTS", "Peak", "Sensitivity", "TERMINATION_REASONS",
    "auto_price_max", "block_layout", "blocks", "cell_figures", "cell_scenario", "grid_base", "peak",
    "price_range_problems", "reason_for", "sensitivity", "stock_prices", "termination_dates",
]
