"""One pipeline for every figure: first the facts, then the figures, on arrays.

The facts step decides what every figure depends on: the date the figures are
as of (the last day employed, or the as-of date), whether employment has ended,
how a termination stands under §6.2, whether a Change in Control counts, the
§6.1 trigger and its date (the §6 "Termination Date"), and the day any
acceleration vests the rest. The figures step computes salary, the §6.1 lump
sum and health continuation, the shares and the option value from those facts.

Each rule is a small function in its clause's module, written once on numpy
arrays (OpenFisca style): ``evaluate`` runs this pipeline on arrays of one, the
grid on termination dates × stock prices × reasons, and ``evaluate_cells`` on
any arrays that broadcast together (a different price vector per date). Money
is integer cents (int64) until ``engine.money.to_dollars`` at the boundary.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.change_in_control import change_in_control_counts, change_in_control_test
from engine.dates import NEVER, day_number
from engine.good_cause import good_cause_from, stands_as_good_cause
from engine.money import as_numbers, flag_times, whole_cents
from engine.options import option_value_parts, spread_nanos
from engine.salary import salary_cents
from engine.scenario import REASON_CODES, Scenario
from engine.severance import (
    company_terminates_other_than_for_good_cause,
    first_trigger,
    health_months_after_employment,
    in_protection_window,
    protection_window_end,
)
from engine.vesting import acceleration_day, schedule_days, vested_shares_on


@dataclass(frozen=True)
class Base:
    """What every cell shares: the scenario's terms, assumptions and events, as day numbers."""

    scenario: Scenario
    hire: int
    window_end: int  # §6.1: the first day after the protection window
    good_cause_from: int  # §6.2: the first day a Good Cause termination stands
    cic_day: int  # §6.3: the Change in Control's day, or NEVER
    is_change_in_control: np.bool_  # §6.3: the event passes the test (or is taken to)
    vest_days: np.ndarray  # §4
    cumulative: np.ndarray  # §4: shares vested after 0, 1, … installments


def base_of(scenario: Scenario) -> Base:
    terms, cic, termination = scenario.terms, scenario.change_in_control, scenario.termination
    good_cause = termination if termination is not None and termination.reason == "good_cause" else None
    is_cic = cic is not None and (cic.facts is None or change_in_control_test(cic.facts, terms).is_change_in_control)
    vest_days, cumulative = schedule_days(scenario.hire_date, terms)
    return Base(
        scenario=scenario,
        hire=day_number(scenario.hire_date),
        window_end=day_number(protection_window_end(scenario.hire_date, terms)),
        good_cause_from=good_cause_from(good_cause, terms),
        cic_day=day_number(cic.date) if cic is not None else NEVER,
        is_change_in_control=np.bool_(is_cic),  # a numpy bool: ``&`` with a Python one costs 20×
        vest_days=vest_days,
        cumulative=cumulative,
    )


@dataclass(frozen=True)
class Facts:
    """What every figure depends on, per cell (arrays that broadcast together)."""

    as_of: np.ndarray  # the last day employed, or the as-of date while employed
    employment_ended: np.ndarray
    company_ends: np.ndarray  # §6.1: a Company termination other than for Good Cause
    cic_counts: np.ndarray  # §6.3: a Change in Control has happened by ``as_of``
    cic_triggers: np.ndarray  # §6.1: ... and it falls in the protection window
    termination_triggers: np.ndarray  # §6.1: a Company termination other than for Good Cause in the window
    termination_day: np.ndarray  # §6: the first §6.1 trigger's day, or NEVER
    triggered: np.ndarray  # §6.1 pays
    by_change_in_control: np.ndarray  # the trigger is the Change in Control
    acceleration_day: np.ndarray  # §4 (assumption): the day the rest vests early, or NEVER


def determine_facts(base: Base, as_of, reason) -> Facts:
    """The facts step: ``as_of`` day numbers and ``reason`` codes (``REASON_CODES``)."""
    as_of, reason = as_numbers(as_of, np.int64), as_numbers(reason)
    ended = reason != REASON_CODES["none"]
    stands = stands_as_good_cause(reason == REASON_CODES["good_cause"], as_of, base.good_cause_from)
    company_ends = company_terminates_other_than_for_good_cause(reason, stands)
    cic_counts = change_in_control_counts(base.cic_day, base.is_change_in_control, as_of)
    cic_triggers = cic_counts & np.bool_(in_protection_window(base.hire, base.window_end, base.cic_day))
    termination_triggers = company_ends & in_protection_window(base.hire, base.window_end, as_of)
    day, by_cic = first_trigger(base.cic_day, cic_triggers, as_of, termination_triggers)
    accelerate = acceleration_day(base.scenario.assumptions, base.cic_day, cic_counts, company_ends, as_of)
    return Facts(as_of, ended, company_ends, cic_counts, cic_triggers, termination_triggers,
                 day, day != NEVER, by_cic, accelerate)


@dataclass(frozen=True)
class Figures:
    """The price-independent figures per cell: money in cents, shares, months."""

    salary: np.ndarray
    lump_sum: np.ndarray
    health_months: np.ndarray
    health_cost: np.ndarray
    total_cash: np.ndarray  # salary + buyout + lump sum + health: the Company's cash cost
    vested_shares: np.ndarray
    accelerated_shares: np.ndarray
    forfeited_shares: np.ndarray
    unvested_shares: np.ndarray


def cash_and_shares(base: Base, facts: Facts) -> Figures:
    """The figures step for everything the stock price does not move."""
    terms, assumptions = base.scenario.terms, base.scenario.assumptions
    salary = salary_cents(base.scenario.hire_date, facts.as_of, terms, assumptions)
    # Flags times amounts (True × x = x, False × x = 0): np.where's price on one cell without its arrays.
    lump_sum = flag_times(facts.triggered, whole_cents(terms.severance_lump_sum))
    months = health_months_after_employment(
        facts.termination_day, facts.triggered, facts.employment_ended, facts.as_of,
        terms.health_continuation_months)
    health_cost = months * whole_cents(assumptions.monthly_health_premium)
    grant = terms.option_shares
    accelerated = facts.acceleration_day != NEVER
    vested = vested_shares_on(base.vest_days, base.cumulative, np.minimum(facts.acceleration_day, facts.as_of))
    accelerated_shares = flag_times(accelerated, grant - vested)
    left = grant - vested - accelerated_shares
    return Figures(
        salary=salary, lump_sum=lump_sum, health_months=months, health_cost=health_cost,
        total_cash=salary + whole_cents(terms.sion_buyout) + lump_sum + health_cost,
        vested_shares=vested, accelerated_shares=accelerated_shares,
        forfeited_shares=flag_times(facts.employment_ended, left),
        unvested_shares=flag_times(np.logical_not(facts.employment_ended), left),
    )


def option_values(base: Base, figures: Figures, stock_price):
    """§4: (total, vested part, accelerated part) in cents for each cell and price.

    Shares and prices broadcast together (prices of shape (N,) against share
    counts of shape (..., 1) give (..., N)).
    """
    spread = spread_nanos(stock_price, base.scenario.exercise_price)
    return option_value_parts(figures.vested_shares, figures.accelerated_shares, spread)


def option_value_table(base: Base, figures: Figures, stock_prices: np.ndarray):
    """``option_values`` when one price axis is shared by every cell (the grid): the same
    rule computed once per distinct pair of share counts (a few dozen), far fewer
    multiplications. Returns the parts, each (pairs, N), and each cell's pair index."""
    spread = spread_nanos(stock_prices, base.scenario.exercise_price)
    vested, accelerated = np.broadcast_arrays(figures.vested_shares, figures.accelerated_shares)
    # One integer per pair (both counts are at most the grant), so a 1-D unique finds the pairs.
    width = base.scenario.terms.option_shares + 1
    keys, row = np.unique(vested.ravel() * width + accelerated.ravel(), return_inverse=True)
    table = option_value_parts((keys // width)[:, None], (keys % width)[:, None], spread[None, :])
    return table, row.reshape(vested.shape)
