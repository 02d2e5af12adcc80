"""``evaluate_grid`` and ``evaluate_cells``: the one pipeline on whole arrays.

``engine.pipeline`` (the same facts step and figures step ``evaluate`` runs on
arrays of one) computed at once for every combination of termination date ×
stock price × reason, so the Explorer can chart a surface instead of calling
``evaluate`` a million times; ``evaluate_cells`` runs it on any arrays that
broadcast together (per-date price vectors for price uncertainty).

Axes and shapes. ``reasons`` × ``termination_dates`` × ``stock_prices``:
figures that depend on the stock price are ``(n_reasons, n_dates, n_prices)``,
the rest ``(n_reasons, n_dates)``. The reason ``"none"`` means still employed,
the figures as of that date (``Scenario(as_of=date, termination=None)``).

What comes from ``base``: the hire date, exercise price, Change in Control, terms
and assumptions, and, for the reason ``"good_cause"``, the ground and cure notice
date of ``base.termination`` when that is a Good Cause termination (otherwise no
ground is stated and Good Cause stands, as in ``evaluate``). ``base.stock_price``,
``base.as_of`` and ``base.termination.date`` are replaced by the axes.

Invalid input is rejected, not masked: a termination date before the hire date
or after the supported range, a price that ``Scenario`` would refuse, or an
unknown reason raises ``ValueError`` naming the argument. One deliberate
extension: with Good Cause ground (b), neglect, a termination date *before* the
notice date (which ``Termination`` refuses as inconsistent) is read like any
date before notice + 30 days, "not yet Good Cause" (§6.2(b), READING.md), so a
date axis may run across the notice date.

Money is integer cents inside the pipeline, each figure rounded once half a
cent up; it becomes dollars (floats holding two decimals) only here.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Sequence

import numpy as np

from engine.dates import MAX_DATE
from engine.money import to_dollars
from engine.pipeline import Figures, base_of, cash_and_shares, determine_facts, option_value_table, option_values
from engine.scenario import REASON_CODES, Scenario

REASONS: tuple[str, ...] = ("without_good_cause", "good_cause", "resignation", "death", "disability", "none")
"""Reasons a grid accepts: ``Termination.reason`` values, and ``"none"`` (still employed)."""

PRICE_FIELDS = (
    "total_value", "total_cash", "option_intrinsic_value", "vested_option_value", "accelerated_option_value",
)
DATE_FIELDS = (
    "salary_earned", "severance_lump_sum", "health_continuation_months", "health_continuation_cost",
    "vested_shares", "accelerated_shares", "forfeited_shares", "unvested_shares",
)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, eq=False)
class GridResult:
    """Figures of ``evaluate`` for every reason × termination date × stock price.

    Arrays are read-only. ``total_cash`` does not depend on the price: it is a
    broadcast view of one ``(n_reasons, n_dates)`` array, so it costs no memory.
    """

    termination_dates: np.ndarray  # (n_dates,) datetime64[D]: last day employed, or as-of for "none"
    stock_prices: np.ndarray  # (n_prices,) float64
    reasons: tuple[str, ...]  # (n_reasons,)
    exercise_price: float
    signing_buyout: float  # §4, the same in every cell

    # (n_reasons, n_dates, n_prices)
    total_value: np.ndarray  # total_cash + option_intrinsic_value: what the executive gets
    total_cash: np.ndarray  # salary + buyout + lump sum + health: the Company's cash cost
    option_intrinsic_value: np.ndarray  # §4
    vested_option_value: np.ndarray  # §4
    accelerated_option_value: np.ndarray  # §4 (assumption)

    # (n_reasons, n_dates)
    salary_earned: np.ndarray  # §3
    severance_lump_sum: np.ndarray  # §6.1(a)
    health_continuation_months: np.ndarray  # §6.1(b), months after employment (int)
    health_continuation_cost: np.ndarray  # §6.1(b)
    vested_shares: np.ndarray  # §4 (int)
    accelerated_shares: np.ndarray  # §4 (assumption) (int)
    forfeited_shares: np.ndarray  # §4 (plan governs) (int)
    unvested_shares: np.ndarray  # §4, still employed (int)

    @property
    def shape(self) -> tuple[int, int, int]:
        return (len(self.reasons), len(self.termination_dates), len(self.stock_prices))

    def to_frame(self, value: str = "total_value", max_rows: int = 5000):
        return to_frame(self, value, max_rows)

    def cell(self, r: int | str, d: int, p: int) -> dict[str, Any]:
        return cell(self, r, d, p)


def cell(result: GridResult, r: int | str, d: int, p: int) -> dict[str, Any]:
    """One cell's components as plain Python values (``r`` an index or a reason name)."""
    ri = result.reasons.index(r) if isinstance(r, str) else int(r)
    out: dict[str, Any] = {
        "reason": result.reasons[ri],
        "termination_date": result.termination_dates[d].astype(date),
        "stock_price": float(result.stock_prices[p]),
        "exercise_price": result.exercise_price,
        "signing_buyout": result.signing_buyout,
    }
    for name in PRICE_FIELDS:
        out[name] = float(getattr(result, name)[ri, d, p])
    for name in DATE_FIELDS:
        out[name] = getattr(result, name)[ri, d].item()
    return out


def _strides(shape: tuple[int, int, int], max_rows: int) -> list[int]:
    """Strides over (reasons, dates, prices) leaving at most ``max_rows`` cells.

    Dates and prices are thinned first, the axis with more points each step, so
    every reason stays on the chart while possible.
    """
    steps = [1, 1, 1]

    def count(i: int) -> int:
        return -(-shape[i] // steps[i])

    while count(0) * count(1) * count(2) > max_rows:
        if count(1) > 1 or count(2) > 1:
            i = 1 if count(1) >= count(2) else 2
        else:
            i = 0
        steps[i] += 1
    return steps


def to_frame(result: GridResult, value: str = "total_value", max_rows: int = 5000):
    """A long table ``date, stock_price, reason, value`` for charting.

    Strided over dates and prices (and, only if it must, reasons) to at most
    ``max_rows`` rows. A price-independent field gives one row per reason and
    date, with ``stock_price`` empty (NaN).
    """
    import pandas as pd

    if max_rows < 1:
        raise ValueError(f"max_rows: must be at least 1, got {max_rows!r}")
    if value in PRICE_FIELDS:
        sr, sd, sp = _strides(result.shape, max_rows)
        data = np.asarray(getattr(result, value))[::sr, ::sd, ::sp]
        prices = result.stock_prices[::sp]
    elif value in DATE_FIELDS:
        sr, sd, _ = _strides(result.shape[:2] + (1,), max_rows)
        data = np.asarray(getattr(result, value))[::sr, ::sd, None]
        prices = np.array([np.nan])
    else:
        raise ValueError(f"value: {value!r} is not a grid figure; choose one of {PRICE_FIELDS + DATE_FIELDS}")
    reasons = np.array(result.reasons, dtype=object)[::sr]
    dates = result.termination_dates[::sd]
    nr, nd, np_ = data.shape
    frame = pd.DataFrame({
        "date": pd.to_datetime(np.tile(np.repeat(dates, np_), nr)),
        "stock_price": np.tile(prices, nr * nd),
        "reason": np.repeat(reasons, nd * np_),
        "value": data.reshape(-1),
    })
    frame.attrs["value"] = value
    return frame


# --------------------------------------------------------------------------- inputs


def _termination_dates(values, hire_date: date, any_shape: bool = False) -> np.ndarray:
    try:
        dates = np.asarray(values, dtype="datetime64[D]")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"termination_dates: not dates ({exc})") from None
    if dates.ndim != 1 and not any_shape:
        raise ValueError(f"termination_dates: a one-dimensional sequence of dates is needed, got shape {dates.shape}")
    if np.isnat(dates).any():
        raise ValueError("termination_dates: contains a missing date (NaT)")
    if dates.size:
        first, last = dates.min().astype(date), dates.max().astype(date)
        if first < hire_date:
            raise ValueError(
                f"termination_dates: {first.isoformat()} is before the hire date ({hire_date.isoformat()}); "
                "the last day employed cannot precede the first"
            )
        if last > MAX_DATE:
            raise ValueError(f"termination_dates: {last.isoformat()} is after {MAX_DATE.isoformat()}")
    return dates


def _stock_prices(values, any_shape: bool = False) -> np.ndarray:
    try:
        prices = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"stock_prices: not numbers ({exc})") from None
    if prices.ndim != 1 and not any_shape:
        raise ValueError(f"stock_prices: a one-dimensional sequence of prices is needed, got shape {prices.shape}")
    # The same bounds as Scenario.stock_price (§4).
    bad = ~(np.isfinite(prices) & (prices > 0) & (prices <= 1e6))
    if bad.any():
        raise ValueError(
            f"stock_prices: {prices[bad][0]!r} is not a positive finite price of at most $1,000,000 a share (§4)"
        )
    return prices


def _reasons(values: Sequence[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    reasons = tuple(str(r) for r in values)
    unknown = [r for r in reasons if r not in REASONS]
    if unknown:
        raise ValueError(f"reasons: {unknown[0]!r} is not one of {', '.join(REASONS)}")
    return reasons


# --------------------------------------------------------------------------- the pipeline on arrays


@dataclass(frozen=True, eq=False)
class Cells:
    """The figures of ``evaluate_cells``, each array of the cells' broadcast shape, in dollars,
    shares or months. ``total_cash`` is the Company's cash cost: salary earned, the Sion Power
    buyout, the §6.1 lump sum and health continuation; ``total_value`` adds the option value."""

    total_value: np.ndarray
    total_cash: np.ndarray
    option_intrinsic_value: np.ndarray
    vested_option_value: np.ndarray
    accelerated_option_value: np.ndarray
    salary_earned: np.ndarray
    severance_lump_sum: np.ndarray
    health_continuation_months: np.ndarray
    health_continuation_cost: np.ndarray
    vested_shares: np.ndarray
    accelerated_shares: np.ndarray
    forfeited_shares: np.ndarray
    unvested_shares: np.ndarray


def _dollars(figures: Figures, shape: tuple[int, ...]) -> dict[str, np.ndarray]:
    """The price-independent figures in dollars, shares and months, broadcast to ``shape``."""
    def full(a: np.ndarray) -> np.ndarray:
        return _readonly(np.array(np.broadcast_to(a, shape)))

    return dict(
        salary_earned=full(to_dollars(figures.salary)),
        severance_lump_sum=full(to_dollars(figures.lump_sum)),
        health_continuation_months=full(figures.health_months),
        health_continuation_cost=full(to_dollars(figures.health_cost)),
        vested_shares=full(figures.vested_shares),
        accelerated_shares=full(figures.accelerated_shares),
        forfeited_shares=full(figures.forfeited_shares),
        unvested_shares=full(figures.unvested_shares),
    )


def _total_value(option_cents: np.ndarray, cash_cents: np.ndarray, row: np.ndarray | None = None,
                 out: np.ndarray | None = None) -> np.ndarray:
    """As ``evaluate``: each part as a float of cents, added, then dollars. With ``row``,
    ``option_cents`` is a table whose rows are gathered for the cells first (into ``out``
    when given)."""
    option = option_cents.astype(np.float64, copy=False)
    if row is None:
        total = np.add(option, cash_cents)
    else:
        total = np.take(option, row, axis=0, out=out, mode="clip")  # "clip": unbuffered into ``out``
        np.add(total, cash_cents, out=total)
    np.divide(total, 100, out=total)
    return total


def evaluate_cells(base: Scenario, last_days, stock_prices, reason: str = "without_good_cause") -> Cells:
    """The letter's figures for every cell of arrays that broadcast together.

    ``last_days``: last days employed (``datetime64[D]`` or dates; as-of dates for
    ``reason="none"``), on or after the hire date; ``stock_prices``: prices in
    dollars. Any shapes that broadcast: last days of shape (D, 1) with prices of
    shape (D, N) give each date its own price vector (D, N cells). ``base``
    supplies the rest as in ``evaluate_grid``. Raises ``ValueError`` naming the
    argument on invalid input. Every array of the result has the broadcast shape.
    """
    days = _termination_dates(last_days, base.hire_date, any_shape=True)
    prices = _stock_prices(stock_prices, any_shape=True)
    (code,) = (REASON_CODES[r] for r in _reasons(reason))
    b = base_of(base)
    figures = cash_and_shares(b, determine_facts(b, days.astype(np.int64), np.array(code)))
    total, vested_value, accelerated_value = option_values(b, figures, prices)
    shape = np.broadcast_shapes(total.shape, figures.total_cash.shape)
    dollars = {name: np.broadcast_to(a, shape) for name, a in _dollars(figures, figures.total_cash.shape).items()}
    return Cells(
        total_value=_readonly(np.broadcast_to(_total_value(total, figures.total_cash), shape).copy()),
        total_cash=np.broadcast_to(to_dollars(figures.total_cash), shape),
        option_intrinsic_value=_readonly(np.broadcast_to(to_dollars(total), shape).copy()),
        vested_option_value=_readonly(np.broadcast_to(to_dollars(vested_value), shape).copy()),
        accelerated_option_value=_readonly(np.broadcast_to(to_dollars(accelerated_value), shape).copy()),
        **dollars,
    )


def _readonly(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


_SPLIT_CELLS = 100_000
"""A price grid at least this big is filled by two threads, each writing half the dates
of all four arrays (numpy releases the GIL while it copies and adds); a smaller one is
filled in the calling thread, where handing half over would cost more than it saves."""


@lru_cache(maxsize=1)
def _helper(pid: int) -> ThreadPoolExecutor:
    """The second thread, one per process (``pid``: a forked child makes its own, as the
    parent's thread does not exist in it). It holds no state: each task writes only its own
    slice of the block it is given, and the caller waits for it before the block is returned."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine-grid")


def _fill_prices(block: np.ndarray, option_cents: np.ndarray, dollars, cash: np.ndarray, row: np.ndarray,
                 days: slice) -> None:
    """Fill ``block[:, :, days]``: total_value by ``_total_value``, the three option values
    gathered in dollars."""
    _total_value(option_cents, cash[:, days, None], row[:, days], out=block[0][:, days])
    for out, table in zip(block[1:], dollars):
        np.take(table, row[:, days], axis=0, out=out[:, days], mode="clip")


def _price_figures(tables, cash: np.ndarray, row: np.ndarray, shape3: tuple[int, int, int]) -> list[np.ndarray]:
    """total_value and the three option values, each cell gathered from the per-pair tables
    (cents) by its ``row``, in dollars, read-only; total_value by ``_total_value``.

    One block holds all four: a single allocation, big enough for the kernel to back with
    huge pages, takes far fewer page faults than four separate arrays. A big block is
    filled by two threads, one half of the dates each (``_SPLIT_CELLS``); the figures are
    the same either way, cell by cell.
    """
    block = np.empty((4,) + shape3)
    args = (block, tables[0].astype(np.float64), [to_dollars(t) for t in tables], cash, row)
    half = shape3[1] // 2
    if block[0].size < _SPLIT_CELLS or half == 0:
        _fill_prices(*args, slice(None))
    else:
        second = _helper(os.getpid()).submit(_fill_prices, *args, slice(half, None))
        _fill_prices(*args, slice(0, half))
        second.result()
    block.flags.writeable = False
    return list(block)


def evaluate_grid(
    base: Scenario,
    termination_dates: Sequence[date] | np.ndarray,
    stock_prices: Sequence[float] | np.ndarray,
    reasons: Sequence[str],
) -> GridResult:
    """``evaluate`` for every reason × termination date × stock price at once.

    ``termination_dates`` are last days employed (as-of dates for ``"none"``), on
    or after ``base.hire_date``; any order, repeats allowed. Raises ``ValueError``
    naming the argument on invalid input.
    """
    dates = _termination_dates(termination_dates, base.hire_date)
    prices = _stock_prices(stock_prices)
    reasons = _reasons(reasons)
    b = base_of(base)
    shape2, shape3 = (len(reasons), dates.size), (len(reasons), dates.size, prices.size)
    codes = np.array([REASON_CODES[r] for r in reasons], dtype=np.int64).reshape(-1, 1)
    figures = cash_and_shares(b, determine_facts(b, dates.astype(np.int64).reshape(1, -1), codes))
    (total, vested_value, accelerated_value), row = option_value_table(b, figures, prices)
    row = np.broadcast_to(row, shape2)
    cash = np.broadcast_to(figures.total_cash, shape2)
    total_value, option_value, vested, accelerated = _price_figures((total, vested_value, accelerated_value),
                                                                    cash, row, shape3)
    return GridResult(
        termination_dates=_readonly(dates.copy()),
        stock_prices=_readonly(prices.copy()),
        reasons=reasons,
        exercise_price=float(base.exercise_price),
        signing_buyout=float(base.terms.sion_buyout),
        total_value=total_value,
        total_cash=np.broadcast_to(to_dollars(cash)[:, :, None], shape3),
        option_intrinsic_value=option_value, vested_option_value=vested, accelerated_option_value=accelerated,
        **_dollars(figures, shape2),
    )


__all__ = ["Cells", "GridResult", "REASONS", "cell", "evaluate_cells", "evaluate_grid", "to_frame"]
