"""How likely each figure is: the letter's figures over the stock price's distribution.

The stock price on a date is a distribution (``engine.price_distribution``:
``n`` equally likely lognormal quantiles, no random numbers). The rules have no
path dependence once the dates are fixed, so the distribution of a figure on a
date is the figure evaluated at each of those prices, by the engine's grid.
Nothing here re-implements a rule: every figure comes from
``figures_at_prices``, the one place that calls the grid.

Reported for each last day employed and reason (``fan``), and for the sidebar's
own scenario (``last_day_distribution``):

* P10, P25, P50, P75, P90 and the mean of the total to him, the Company's cash
  cost and the option value (``MEASURES``);
* the probability that the options are underwater (stock at or below the
  exercise price, so the options are worth nothing, §4);
* the probability that the total to him exceeds an amount the user types.

Percentiles are of the ``n`` equally likely values, each the **lower**
quantile: P_p is the smallest value v with P(figure ≤ v) ≥ p, which is the
value at position ⌈p·n⌉ − 1 (0-based) of the sorted values; P90 at n = 1,000
is the 900th smallest. So every percentile shown is a figure one scenario
actually produces (never an average of two), P(figure > P90) is at most 10%,
and for a figure that rises with the price, its percentile is exactly the
figure at the price's percentile. The §280G excise, if it is ever applied,
makes the total fall at a cliff; the values are sorted per date, so a figure
that does not rise with the price is handled the same way.

The mean is the plain average of the ``n`` values (an expectation, not a
payment), rounded once to the cent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from engine.dates import MAX_DATE, add_days, format_date
from engine.grid import evaluate_cells
from engine.price_distribution import (
    DEFAULT_QUANTILES,
    PERCENTILES,
    PriceModel,
    default_drift_pct,
    default_volatility_pct,
    price_model_problems,
    price_quantiles,
)
from engine.scenario import Scenario
from analyses.sensitivity import MEASURES as SENSITIVITY_MEASURES
from analyses.sensitivity import grid_base
from engine.severance import protection_window_end
from engine.vesting import VestInstallment, vesting_schedule

MEASURES: tuple[str, ...] = ("total_value", "total_cash", "option_intrinsic_value")
"""The figures whose distribution is reported: the grid's names (labels in ``analyses.sensitivity.MEASURES``)."""
LABELS: dict[str, str] = {m: SENSITIVITY_MEASURES[m].label for m in MEASURES}
CLAUSES: dict[str, str] = {m: SENSITIVITY_MEASURES[m].clause for m in MEASURES}

FAN_REASONS: tuple[str, ...] = ("without_good_cause", "good_cause", "resignation", "death", "disability", "none")
DEFAULT_FAN_REASONS: tuple[str, ...] = ("without_good_cause",)


# --------------------------------------------------------------------------- the one call into the grid


def figures_at_prices(base: Scenario, last_days: np.ndarray, prices_2d: np.ndarray,
                      reason: str) -> dict[str, np.ndarray]:
    """THE ADAPTER: the grid's figures when the price on ``last_days[d]`` is each of ``prices_2d[d]``.

    ``last_days``: ``(D,)`` last days employed (as-of dates for ``"none"``);
    ``prices_2d``: ``(D, N)``, a different price vector per date; ``reason``: one
    ``engine.grid.REASONS`` value. Returns ``{measure: (D, N) float array}`` for
    every name in ``MEASURES``: the total to him, the Company's cash cost and the
    option value, each exactly what ``evaluate`` gives for that scenario.

    This is the only function of the analysis that calls the grid: one call to
    ``engine.grid.evaluate_cells`` with the last days as a column ``(D, 1)`` against
    the ``(D, N)`` prices, the same rule pipeline ``evaluate`` runs.
    """
    days = np.asarray(last_days, dtype="datetime64[D]")
    prices = np.asarray(prices_2d, dtype=np.float64)
    if prices.ndim != 2 or prices.shape[0] != days.shape[0]:
        raise ValueError(f"prices_2d: one row of prices per last day is needed, got shape {prices.shape} "
                         f"for {days.shape[0]} last days")
    cells = evaluate_cells(base, days[:, None], prices, reason)
    return {m: np.asarray(getattr(cells, m), dtype=np.float64) for m in MEASURES}


# --------------------------------------------------------------------------- summaries of n equally likely values


def percentile_positions(n: int, percentiles: tuple[int, ...] = PERCENTILES) -> np.ndarray:
    """0-based positions in ``n`` sorted values of the lower percentiles: ⌈p·n/100⌉ − 1 (integers, exact)."""
    return np.array([max(0, -(-p * n // 100) - 1) for p in percentiles], dtype=np.int64)


def percentiles_of(values: np.ndarray, percentiles: tuple[int, ...] = PERCENTILES) -> np.ndarray:
    """``(D, len(percentiles))``: the lower percentiles of each row of ``values`` (``(D, N)``)."""
    values = np.asarray(values, dtype=np.float64)
    positions = percentile_positions(values.shape[1], percentiles)
    return np.partition(values, positions, axis=1)[:, positions]


def mean_of(values: np.ndarray) -> np.ndarray:
    """The average of each row, rounded once to the cent (an expectation, not a payment)."""
    return np.round(np.asarray(values, dtype=np.float64).mean(axis=1), 2)


def share_above(values: np.ndarray, amount: float) -> np.ndarray:
    """For each row, the share of the equally likely values strictly above ``amount``."""
    return (np.asarray(values) > amount).mean(axis=1)


def share_underwater(prices: np.ndarray, exercise_price: float) -> np.ndarray:
    """For each row, the share of prices at or below the exercise price: the options are worth nothing (§4)."""
    return (np.asarray(prices) <= exercise_price).mean(axis=1)


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class ModelInputs:
    """The price model's inputs as the page gives them: ``None`` is "use the default"."""

    known_price: float | None = None
    known_date: date | None = None
    volatility_pct: float | None = None
    drift_pct: float | None = None


@dataclass(frozen=True)
class ResolvedModel:
    """The price model with, for each input, whether it is the default (and which one)."""

    model: PriceModel
    known_price_is_default: bool
    known_date_is_default: bool
    volatility_is_default: bool
    drift_is_default: bool


def price_model(scenario: Scenario, inputs: ModelInputs = ModelInputs()) -> ResolvedModel:
    """The model from the page's inputs, each missing one defaulted from the scenario: the exercise price
    on the hire date (§4), the Black-Scholes volatility, and the risk-free rate less the dividend yield
    (§4, valuation assumptions). Raises ``ValueError`` naming the input and the clause."""
    a = scenario.assumptions
    price = scenario.exercise_price if inputs.known_price is None else float(inputs.known_price)
    on = scenario.hire_date if inputs.known_date is None else inputs.known_date
    vol = default_volatility_pct(a) if inputs.volatility_pct is None else float(inputs.volatility_pct)
    drift = default_drift_pct(a) if inputs.drift_pct is None else float(inputs.drift_pct)
    problems = price_model_problems(price, vol, drift)
    if problems:
        raise ValueError(problems[0])
    return ResolvedModel(
        PriceModel(known_price=price, known_date=on, volatility=vol / 100, drift=drift / 100),
        inputs.known_price is None, inputs.known_date is None, inputs.volatility_pct is None, inputs.drift_pct is None,
    )


def fan_dates(scenario: Scenario, known_date: date) -> np.ndarray:
    """Every last day from the later of the hire date and the known date through the end of the four
    years of vesting plus the exercise window (§4: the last installment, then 90 days by default),
    at most to the last supported date (``MAX_DATE``)."""
    schedule = vesting_schedule(scenario.hire_date, scenario.terms)
    last_vest = max((v.vest_date for v in schedule), default=scenario.hire_date)
    end = min(add_days(last_vest, scenario.assumptions.exercise_window_days), MAX_DATE)  # the supported range
    start = max(scenario.hire_date, known_date)
    if start > end:
        return np.array([], dtype="datetime64[D]")
    return np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1)


def _check_reason(reason: str) -> str:
    if reason not in FAN_REASONS:
        raise ValueError(f"reason: {reason!r} is not one of {', '.join(FAN_REASONS)}")
    return reason


# --------------------------------------------------------------------------- by last day: the fan


@dataclass(frozen=True, eq=False)
class FigureFan:
    """One figure for one reason over the last days: ``percentiles`` ``(D, 5)`` (P10 … P90) and
    ``mean`` ``(D,)``."""

    percentiles: np.ndarray
    mean: np.ndarray


@dataclass(frozen=True, eq=False)
class ReasonFan:
    """One reason's distributions; ``totals`` ``(D, N)``: the total to him at each of the ``n`` prices of
    each last day, sorted ascending per day (read-only), for ``share_above``."""

    reason: str
    figures: dict[str, FigureFan]
    totals: np.ndarray


@dataclass(frozen=True, eq=False)
class Fan:
    """Every figure's distribution on every last day, for each reason asked.

    Independent of the scenario's own stock price: the line at that price is ``fan_at_price``, and the
    chance of more than an amount is ``fan_share_above``, so either can change without recomputing this."""

    model: PriceModel
    n: int
    dates: np.ndarray  # (D,) datetime64[D]
    exercise_price: float
    p_underwater: np.ndarray  # (D,): the same for every reason (the price alone decides it)
    reasons: dict[str, ReasonFan]
    window_end: date  # §6.1: the first day after the protection window
    window_months: int  # §6.1: its length (the letter: 24)
    vest_dates: list[VestInstallment] = field(default_factory=list)  # §4 installments inside the span

    @property
    def n_cells(self) -> int:
        return int(self.dates.size) * self.n * len(self.reasons)


def _readonly(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


def fan(scenario: Scenario, reasons: tuple[str, ...], model: PriceModel, n: int = DEFAULT_QUANTILES) -> Fan:
    """The distributions by last day (``fan_dates``) for each of ``reasons``, with the scenario's hire
    date, exercise price, Change in Control, terms and assumptions (and Good Cause ground)."""
    reasons = tuple(_check_reason(r) for r in reasons)
    base = grid_base(scenario)
    dates = fan_dates(scenario, model.known_date)
    prices = price_quantiles(model, dates, n)
    out: dict[str, ReasonFan] = {}
    for reason in reasons:
        figures = figures_at_prices(base, dates, prices, reason)
        out[reason] = ReasonFan(
            reason=reason,
            figures={m: FigureFan(_readonly(percentiles_of(figures[m])), _readonly(mean_of(figures[m])))
                     for m in MEASURES},
            totals=_readonly(np.sort(figures["total_value"], axis=1)),
        )
    first = dates[0].astype(date) if dates.size else model.known_date
    last = dates[-1].astype(date) if dates.size else model.known_date
    return Fan(
        model=model, n=n, dates=_readonly(dates), exercise_price=float(scenario.exercise_price),
        p_underwater=_readonly(share_underwater(prices, scenario.exercise_price)),
        reasons=out, window_end=protection_window_end(scenario.hire_date, scenario.terms),
        window_months=scenario.terms.protection_months,
        vest_dates=[v for v in vesting_schedule(scenario.hire_date, scenario.terms) if first <= v.vest_date <= last],
    )


def fan_at_price(scenario: Scenario, reasons: tuple[str, ...], dates: np.ndarray, price: float
                 ) -> dict[str, dict[str, np.ndarray]]:
    """``{reason: {measure: (D,)}}``: each figure on each last day at one fixed stock price (the sidebar's)."""
    base = grid_base(scenario)
    fixed = np.full((np.asarray(dates).size, 1), float(price))
    return {r: {m: v[:, 0] for m, v in figures_at_prices(base, dates, fixed, _check_reason(r)).items()}
            for r in reasons}


def fan_share_above(result: Fan, amount: float) -> dict[str, np.ndarray]:
    """``{reason: (D,)}``: on each last day, the chance the total to him is more than ``amount``."""
    return {r: share_above(f.totals, amount) for r, f in result.reasons.items()}


# --------------------------------------------------------------------------- on one last day


@dataclass(frozen=True, eq=False)
class LastDay:
    """Every figure's distribution on one last day for one reason (the sidebar's scenario).

    ``values[m]``: the ``n`` equally likely values, sorted ascending; ``prices``: the ``n`` prices,
    ascending; ``percentiles[m]``: P10 … P90; ``mean[m]``; ``at_stock_price[m]``: at the sidebar's
    price. ``p_underwater``: the share of prices at or below the exercise price; ``p_above``: the share
    of totals above ``amount``.
    """

    reason: str
    on: date
    n: int
    prices: np.ndarray
    values: dict[str, np.ndarray]
    percentiles: dict[str, np.ndarray]
    mean: dict[str, float]
    at_stock_price: dict[str, float]
    exercise_price: float
    stock_price: float
    p_underwater: float
    amount: float
    p_above: float

    def chance_above(self, percentile: int = 90) -> tuple[float, float]:
        """(the total at ``percentile``, the exact share of totals strictly above it)."""
        value = float(self.percentiles["total_value"][PERCENTILES.index(percentile)])
        return value, float((self.values["total_value"] > value).mean())


def last_day_problem(on: date) -> str | None:
    """Why the distributions on ``on`` cannot be worked out (None when they can): the figures of a
    scenario hired late in the supported range are as of full vesting (§4), which can fall after it."""
    if on > MAX_DATE:
        return (f"the figures are as of {format_date(on)}, after {format_date(MAX_DATE)}, the last date the "
                "app values; give the sidebar an earlier \"Figures as of\" date (as_of) or last day to see them")
    return None


def last_day_distribution(scenario: Scenario, reason: str, on: date, model: PriceModel,
                          n: int = DEFAULT_QUANTILES, amount: float | None = None) -> LastDay:
    """The distributions on the last day ``on`` (as-of date for ``"none"``) for ``reason``. ``amount``
    defaults to the total to him at the scenario's own stock price."""
    _check_reason(reason)
    base = grid_base(scenario)
    day = np.array([on], dtype="datetime64[D]")
    prices = price_quantiles(model, day, n)
    figures = figures_at_prices(base, day, prices, reason)
    fixed = figures_at_prices(base, day, np.array([[float(scenario.stock_price)]]), reason)
    at_price = {m: float(fixed[m][0, 0]) for m in MEASURES}
    if amount is None:
        amount = at_price["total_value"]
    order = np.argsort(prices[0], kind="stable")
    return LastDay(
        reason=reason, on=on, n=n, prices=prices[0][order],
        values={m: np.sort(figures[m][0]) for m in MEASURES},
        percentiles={m: percentiles_of(figures[m])[0] for m in MEASURES},
        mean={m: float(mean_of(figures[m])[0]) for m in MEASURES},
        at_stock_price=at_price, exercise_price=float(scenario.exercise_price),
        stock_price=float(scenario.stock_price),
        p_underwater=float(share_underwater(prices, scenario.exercise_price)[0]),
        amount=float(amount), p_above=float(share_above(figures["total_value"], amount)[0]),
    )


def odds_in_words(share: float) -> str:
    """A share as a board member says it: 0.1 → "1 in 10"; 0.25 → "1 in 4"; 0.137 → "13.7%"."""
    if share <= 0:
        return "no"
    if share >= 1:
        return "a certain"
    for k in range(2, 101):
        if math.isclose(share * k, 1.0, rel_tol=0, abs_tol=1e-9):
            return f"a 1 in {k}"
    return f"a {share:.1%}"


__all__ = [
    "CLAUSES", "DEFAULT_FAN_REASONS", "FAN_REASONS", "Fan", "FigureFan", "LABELS", "LastDay", "MEASURES",
    "ModelInputs", "ReasonFan", "ResolvedModel", "fan", "fan_at_price", "fan_dates", "fan_share_above",
    "figures_at_prices", "last_day_distribution", "last_day_problem",
    "mean_of", "odds_in_words", "percentile_positions", "percentiles_of", "price_model", "share_above",
    "share_underwater",
]
