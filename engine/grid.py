"""``evaluate_grid``: the letter's rules on whole arrays (OpenFisca style).

The same rules as ``engine.evaluate``, computed at once for every combination of
termination date × stock price × reason, so the Explorer can chart a surface
instead of calling ``evaluate`` a million times. Each rule below is a small
function on arrays; a multiplication or ``np.where`` is the vectorised ``if``.
Anything computed once (the vesting schedule, the window end, the Adjustment
Dates, the health months after a Change in Control) comes from the scalar
helpers in the clause modules, so month-end clipping and every convention are
the ones ``evaluate`` uses.

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

Money matches ``evaluate`` to the cent: every rounding is Python's
``round(x, 2)`` on the same floating-point sums (``_round_cents``), not
``np.round``, whose multiply-then-round can differ on half-cent ties.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Sequence

import numpy as np

from engine.change_in_control import change_in_control_test
from engine.dates import MAX_DATE, add_months
from engine.good_cause import cure_period_end
from engine.options import _HALF_CENT_TOLERANCE
from engine.salary import DAYS_PER_YEAR, salary_periods
from engine.scenario import Scenario
from engine.severance import health_continuation_months, in_protection_window, protection_window_end
from engine.vesting import vesting_schedule

REASONS: tuple[str, ...] = ("without_good_cause", "good_cause", "resignation", "death", "disability", "none")
"""Reasons a grid accepts: ``Termination.reason`` values, and ``"none"`` (still employed)."""

PRICE_FIELDS = (
    "total_value", "total_cash", "option_intrinsic_value", "vested_option_value", "accelerated_option_value",
)
DATE_FIELDS = (
    "salary_earned", "severance_lump_sum", "health_continuation_months", "health_continuation_cost",
    "vested_shares", "accelerated_shares", "forfeited_shares", "unvested_shares",
)

# Fast integer-cent arithmetic is exact while sums stay far below 2**53 cents;
# beyond this many dollars the grid falls back to the generic rounding.
_FAST_CENTS_LIMIT = 1e11


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


# --------------------------------------------------------------------------- rounding


def _round_cents(x: np.ndarray) -> np.ndarray:
    """Python's ``round(x, 2)`` elementwise, to the bit.

    ``rint(100·x)/100`` is that result except where the product lands within a
    few ulps of a half cent (where its own rounding may have crossed the tie) or
    the value is too large to hold cents: those few are done by Python itself.
    """
    x = np.asarray(x, dtype=np.float64)
    y = x * 100.0
    r = np.rint(y)
    out = r / 100.0
    near_tie = np.abs(np.abs(y - r) - 0.5) <= 8 * np.finfo(np.float64).eps * np.abs(y)
    suspect = near_tie | ~(np.abs(y) < 2.0**50)
    if suspect.any():
        out = np.array(out, copy=True)
        for i in np.flatnonzero(suspect):
            out.flat[i] = round(float(x.flat[i]), 2)
    return out


def _round_cents_half_up(x: np.ndarray) -> np.ndarray:
    """``engine.options.round_cents_half_up`` elementwise, the same IEEE operations."""
    return np.floor(np.asarray(x, dtype=np.float64) * 100.0 + 0.5 + _HALF_CENT_TOLERANCE) / 100.0


# --------------------------------------------------------------------------- inputs


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _day(d: date) -> int:
    """A date as days since 1970-01-01, the integer behind ``datetime64[D]``."""
    return d.toordinal() - _EPOCH_ORDINAL


def _termination_dates(values, hire_date: date) -> np.ndarray:
    try:
        dates = np.asarray(values, dtype="datetime64[D]")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"termination_dates: not dates ({exc})") from None
    if dates.ndim != 1:
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


def _stock_prices(values) -> np.ndarray:
    try:
        prices = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"stock_prices: not numbers ({exc})") from None
    if prices.ndim != 1:
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


# --------------------------------------------------------------------------- rules


def salary_earned_through(base: Scenario, t: np.ndarray) -> np.ndarray:
    """§3: base salary from the hire date through day ``t``, both included, 1/365 a day.

    The periods between Adjustment Dates come from ``engine.salary``; day ``t``
    owes the full periods before its own plus its days in it, summed in the same
    order as ``salary_earned`` so the cents agree.
    """
    if t.size == 0:
        return np.zeros(0)
    last = np.datetime64(int(t.max()), "D").astype(date)
    periods = salary_periods(base.hire_date, last, base.terms, base.assumptions)
    starts = np.array([_day(p.start) for p in periods], dtype=np.int64)
    rates = np.array([p.annual_rate for p in periods])
    before = [0.0]
    # Python 3.11's sum() adds left to right, as here. (3.12's compensated sum
    # could differ in the last bit, which moves a cent only on an exact tie.)
    for p in periods[:-1]:
        before.append(before[-1] + p.amount)
    k = np.searchsorted(starts, t, side="right") - 1
    days = t - starts[k] + 1
    return _round_cents(np.asarray(before)[k] + days * rates[k] / DAYS_PER_YEAR)


def company_terminates_other_than_for_good_cause(base: Scenario, reasons: tuple[str, ...], t: np.ndarray) -> np.ndarray:
    """§6.1, §6.2: (n_reasons, n_dates), does the Company end employment other than for Good Cause?

    Without Good Cause and disability always; Good Cause on ground (b) only
    before the cure period has run (notice + 30 days); death, resignation and
    continued employment never.
    """
    ground, notice = None, None
    if base.termination is not None and base.termination.reason == "good_cause":
        ground, notice = base.termination.good_cause_ground, base.termination.notice_date
    rows = []
    for reason in reasons:
        if reason in ("without_good_cause", "disability"):
            rows.append(np.ones_like(t, dtype=bool))
        elif reason == "good_cause" and ground == "neglect":
            assert notice is not None  # required by Termination
            rows.append(t < _day(cure_period_end(notice, base.terms)))
        else:
            rows.append(np.zeros_like(t, dtype=bool))
    return np.array(rows, dtype=bool).reshape(len(reasons), t.size)


def change_in_control_counts(base: Scenario, t: np.ndarray) -> np.ndarray:
    """§6.3: (n_dates,), has a Change in Control happened by day ``t`` (the last day or as-of)?"""
    cic = base.change_in_control
    if cic is None:
        return np.zeros_like(t, dtype=bool)
    if cic.facts is not None and not change_in_control_test(cic.facts).is_change_in_control:
        return np.zeros_like(t, dtype=bool)
    return _day(cic.date) <= t


@dataclass(frozen=True)
class _Severance:
    lump_sum: np.ndarray
    health_months: np.ndarray
    health_cost: np.ndarray


def severance(base: Scenario, terminated: np.ndarray, ends_without_gc: np.ndarray,
              cic_counts: np.ndarray, t: np.ndarray) -> _Severance:
    """§6.1: the lump sum and the health months the Company pays for after employment.

    Triggers count only inside the first ``protection_months``; the earliest pays
    once. A Change in Control that counts is on or before the last day, so when
    it triggers it is the earlier one: its six months are counted from it, and
    only those starting after the last day cost anything (none while employed).
    A termination trigger's months all start after the last day.
    """
    terms = base.terms
    hire, window_end = _day(base.hire_date), _day(protection_window_end(base.hire_date, terms))
    cic = base.change_in_control
    cic_in_window = cic is not None and in_protection_window(base.hire_date, cic.date, terms)
    cic_trigger = cic_counts & cic_in_window  # (D,)
    termination_trigger = terminated & ends_without_gc & (hire <= t) & (t < window_end)  # (R, D)
    triggered = cic_trigger | termination_trigger

    lump_sum = np.where(triggered, terms.severance_lump_sum, 0.0)
    n = terms.health_continuation_months
    if cic is not None and n:
        starts = np.array([_day(m.start) for m in health_continuation_months(cic.date, None, terms)])
        after_cic = n - np.searchsorted(starts, t, side="right")  # months starting after day t
    else:
        after_cic = np.zeros_like(t)
    months = np.where(cic_trigger, np.where(terminated, after_cic, 0), np.where(termination_trigger, n, 0))
    premium = base.assumptions.monthly_health_premium
    cost_by_count = np.array([round(k * premium, 2) for k in range(n + 1)])
    return _Severance(lump_sum=lump_sum, health_months=months, health_cost=cost_by_count[months])


@dataclass(frozen=True)
class _Vesting:
    schedule_index: np.ndarray  # installments vested, index into ``cumulative``
    accelerated: np.ndarray  # bool: acceleration applies
    cumulative: np.ndarray  # cumulative shares by installments vested, from 0


def vesting(base: Scenario, terminated: np.ndarray, ends_without_gc: np.ndarray,
            cic_counts: np.ndarray, t: np.ndarray) -> _Vesting:
    """§4 vesting to the last day (or as-of day), with the acceleration assumptions.

    Single trigger: all unvested vest at a Change in Control that has happened.
    Double trigger: they vest on a termination other than for Good Cause within
    ``double_trigger_months`` after it. ``unvested_at_termination="accelerate"``:
    they vest on any termination other than for Good Cause. The earliest
    acceleration date counts; only a single trigger can precede the last day.
    """
    assume = base.assumptions
    schedule = vesting_schedule(base.hire_date, base.terms)
    vest_days = np.array([_day(item.vest_date) for item in schedule], dtype=np.int64)
    cumulative = np.array([0] + [item.cumulative_shares for item in schedule], dtype=np.int64)
    cic = base.change_in_control
    company_ends = terminated & ends_without_gc
    single = cic_counts & (assume.cic_acceleration == "single_trigger")
    if cic is not None and assume.cic_acceleration == "double_trigger":
        double_end = _day(add_months(cic.date, assume.double_trigger_months))
        double = company_ends & cic_counts & (_day(cic.date) <= t) & (t < double_end)
    else:
        double = np.zeros_like(company_ends)
    on_termination = company_ends & (assume.unvested_at_termination == "accelerate")
    accelerated = single | double | on_termination
    vest_on = np.where(single, _day(cic.date) if cic is not None else 0, t)
    index = np.searchsorted(vest_days, vest_on, side="right")
    shape = np.broadcast_shapes(accelerated.shape, index.shape)
    return _Vesting(np.broadcast_to(index, shape), np.broadcast_to(accelerated, shape), cumulative)


def _option_tables(cumulative: np.ndarray, grant: int, prices: np.ndarray, exercise_price: float):
    """§4 intrinsic values for each possible (shares vested, accelerated?) row × price.

    Row ``k`` is ``cumulative[k]`` vested, nothing accelerated; row ``n + k`` the
    same with the rest of the grant accelerated. Few rows, so the 3-D figures are
    a gather of rows and cost no arithmetic per cell.
    """
    spread = np.where(prices - exercise_price > 0, prices - exercise_price, 0.0)
    vested = _round_cents_half_up(cumulative[:, None] * spread[None, :])
    rest = _round_cents_half_up((grant - cumulative)[:, None] * spread[None, :])
    vested_value = np.concatenate([vested, vested])
    accelerated_value = np.concatenate([np.zeros_like(rest), rest])
    option_value = _round_cents(vested_value + accelerated_value)
    return vested_value, accelerated_value, option_value


def _readonly(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


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
    terms, assume = base.terms, base.assumptions
    dates = _termination_dates(termination_dates, base.hire_date)
    prices = _stock_prices(stock_prices)
    reasons = _reasons(reasons)
    t = dates.astype(np.int64)
    terminated = np.array([r != "none" for r in reasons], dtype=bool)[:, None]  # (R, 1)

    salary = salary_earned_through(base, t)  # (D,)
    ends_without_gc = company_terminates_other_than_for_good_cause(base, reasons, t)  # (R, D)
    cic_counts = change_in_control_counts(base, t)  # (D,)
    sev = severance(base, terminated, ends_without_gc, cic_counts, t)
    vest = vesting(base, terminated, ends_without_gc, cic_counts, t)

    shape2 = (len(reasons), t.size)
    grant = terms.option_shares
    vested = vest.cumulative[vest.schedule_index]
    accelerated = np.where(vest.accelerated, grant - vested, 0)
    left = grant - vested - accelerated
    forfeited = np.where(terminated, left, 0)
    unvested = np.where(terminated, 0, left)

    buyout = terms.sion_buyout
    lump = np.broadcast_to(sev.lump_sum, shape2)
    health_cost = np.broadcast_to(sev.health_cost, shape2)
    # evaluate: round(salary + buyout + lump_sum + health_cost, 2), in that order.
    total_cash = _round_cents(((salary + buyout) + lump) + health_cost)

    vv_table, av_table, ov_table = _option_tables(vest.cumulative, grant, prices, base.exercise_price)
    row = vest.schedule_index + len(vest.cumulative) * vest.accelerated  # (R, D)
    vested_value = np.take(vv_table, row, axis=0)
    accelerated_value = np.take(av_table, row, axis=0)
    option_value = np.take(ov_table, row, axis=0)
    if total_cash.size and max(np.abs(total_cash).max(), np.abs(ov_table).max(initial=0.0)) < _FAST_CENTS_LIMIT:
        # Both are whole cents: add them as integer cents, exact, then one division.
        total_value = np.take(np.rint(ov_table * 100.0), row, axis=0)
        total_value += np.rint(total_cash * 100.0)[:, :, None]
        total_value /= 100.0
    else:
        total_value = _round_cents(total_cash[:, :, None] + option_value)

    shape3 = shape2 + (prices.size,)
    return GridResult(
        termination_dates=_readonly(dates.copy()),
        stock_prices=_readonly(prices.copy()),
        reasons=reasons,
        exercise_price=float(base.exercise_price),
        signing_buyout=float(buyout),
        total_value=_readonly(total_value.reshape(shape3)),
        total_cash=np.broadcast_to(total_cash[:, :, None], shape3),
        option_intrinsic_value=_readonly(option_value.reshape(shape3)),
        vested_option_value=_readonly(vested_value.reshape(shape3)),
        accelerated_option_value=_readonly(accelerated_value.reshape(shape3)),
        salary_earned=_readonly(np.array(np.broadcast_to(salary, shape2))),
        severance_lump_sum=_readonly(np.array(lump)),
        health_continuation_months=_readonly(np.array(np.broadcast_to(sev.health_months, shape2))),
        health_continuation_cost=_readonly(np.array(health_cost)),
        vested_shares=_readonly(np.array(vested)),
        accelerated_shares=_readonly(np.array(accelerated)),
        forfeited_shares=_readonly(np.array(np.broadcast_to(forfeited, shape2))),
        unvested_shares=_readonly(np.array(np.broadcast_to(unvested, shape2))),
    )


__all__ = ["GridResult", "REASONS", "cell", "evaluate_grid", "to_frame"]
