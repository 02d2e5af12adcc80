"""``evaluate(scenario) -> Outcome``: the whole letter applied to one scenario.

The figures come from ``engine.pipeline`` run on arrays of one: the same facts
step and figures step the grid runs on millions of cells. This module only
picks the date the figures are as of and writes the explanations: line items,
the payments timeline, the vesting rows and the flags, each by its own function.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import starmap
from operator import attrgetter

import numpy as np

from engine.change_in_control import change_in_control_test
from engine.dates import NEVER, add_days, day_number, format_date, from_day_number, ordinal
from engine.golden_parachute.compute import golden_parachute_of
from engine.good_cause import good_cause_flags
from engine.money import to_dollars
from engine.options import grant_date_fair_value_per_option
from engine.outcome import ChangeInControlResult, Flag, LineItem, Outcome, Payment, VestingRow
from engine.registry import COMPONENT, flag
from engine.pipeline import Base, base_of, cash_and_shares, determine_facts, option_values
from engine.resignation import resignation_flags
from engine.salary import adjustment_dates, adjustment_on_hire_date, monthly_salary_payments, salary_rate_on
from engine.scenario import REASON_CODES, REASON_LABELS, Scenario
from engine.severance import allocate_cents, health_month_starts, payment_day, protection_window_end
from engine.vesting import VestInstallment, full_vesting_date, vesting_schedule


def _money(x: float) -> str:
    return f"${x:,.2f}" if round(x) != x else f"${x:,.0f}"


def _day_or_none(day) -> date | None:
    return None if int(day) == NEVER else from_day_number(day)


@dataclass(frozen=True)
class Cell:
    """One scenario's facts and figures from the pipeline, as plain Python values."""

    scenario: Scenario
    as_of: date
    last_day: date | None
    company_ends: bool
    cic_counts: bool
    cic_triggers: bool
    termination_triggers: bool
    termination_day: date | None  # §6: the trigger's date
    by_change_in_control: bool
    acceleration_day: date | None
    salary: int  # cents
    lump_sum: int
    health_months: int
    health_cost: int
    total_cash: int
    vested: int
    accelerated: int
    forfeited: int
    unvested: int
    option_value: int
    vested_value: int
    accelerated_value: int


def figures_as_of(scenario: Scenario) -> date:
    """The date the figures are as of: the last day employed, the as-of date, or full vesting."""
    if scenario.termination is not None:
        return scenario.termination.last_day(scenario.terms)
    if scenario.as_of is not None:
        return scenario.as_of
    return full_vesting_date(vesting_schedule(scenario.hire_date, scenario.terms))


def run_cell(scenario: Scenario, base: Base | None = None) -> Cell:
    """The pipeline on one scenario."""
    base = base or base_of(scenario)
    as_of = figures_as_of(scenario)
    reason = scenario.termination.reason if scenario.termination is not None else "none"
    # Numpy scalars, not arrays of one: the same rules, with each step about a
    # tenth of the cost of a step on an array (0-d in, scalars out).
    facts = determine_facts(base, np.int64(day_number(as_of)), np.int64(REASON_CODES[reason]))
    f = cash_and_shares(base, facts)
    total, vested_value, accelerated_value = option_values(base, f, np.float64(scenario.stock_price))
    one = lambda a: a.item()  # noqa: E731  (a Python int or bool)
    return Cell(
        scenario=scenario, as_of=as_of, last_day=as_of if scenario.termination is not None else None,
        company_ends=one(facts.company_ends), cic_counts=one(facts.cic_counts),
        cic_triggers=one(facts.cic_triggers), termination_triggers=one(facts.termination_triggers),
        termination_day=_day_or_none(one(facts.termination_day)),
        by_change_in_control=one(facts.by_change_in_control),
        acceleration_day=_day_or_none(one(facts.acceleration_day)),
        salary=one(f.salary), lump_sum=one(f.lump_sum), health_months=one(f.health_months),
        health_cost=one(f.health_cost), total_cash=one(f.total_cash), vested=one(f.vested_shares),
        accelerated=one(f.accelerated_shares), forfeited=one(f.forfeited_shares),
        unvested=one(f.unvested_shares), option_value=one(total), vested_value=one(vested_value),
        accelerated_value=one(accelerated_value),
    )


# --------------------------------------------------------------------------- flags


def _window_text(c: Cell) -> str:
    terms = c.scenario.terms
    window_end = protection_window_end_date(c.scenario)
    return f"the first {terms.protection_months} months (which end {format_date(add_days(window_end, -1))})"


def protection_window_end_date(scenario: Scenario) -> date:
    return protection_window_end(scenario.hire_date, scenario.terms)


def as_of_flags(c: Cell) -> list[Flag]:
    s = c.scenario
    if s.termination is not None and s.as_of is not None and s.as_of != c.as_of:
        return [flag("as_of_ignored", last_day=format_date(c.as_of), as_of=format_date(s.as_of))]
    if s.termination is None and s.as_of is None:
        return [flag("as_of_defaulted", as_of=format_date(c.as_of))]
    return []


def reason_flags(c: Cell) -> list[Flag]:
    t = c.scenario.termination
    if t is None:
        return []
    flags = good_cause_flags(t, c.scenario.terms) + resignation_flags(t, c.scenario.terms)
    if t.reason == "death":
        flags.append(flag("death_silent"))
    if t.reason == "disability":
        flags.append(flag("disability_other_than_good_cause", months=c.scenario.terms.protection_months))
    return flags


def change_in_control_result(scenario: Scenario) -> ChangeInControlResult | None:
    cic = scenario.change_in_control
    if cic is None or cic.facts is None:
        return None
    test = change_in_control_test(cic.facts, scenario.terms)
    return ChangeInControlResult(is_change_in_control=test.is_change_in_control, clause=test.clause,
                                 explanation=test.explanation)


def change_in_control_flags(c: Cell, result: ChangeInControlResult | None) -> list[Flag]:
    cic = c.scenario.change_in_control
    if cic is None:
        return []
    flags = []
    if result is not None and not result.is_change_in_control:
        flags.append(flag("not_a_change_in_control", clause=result.clause, explanation=result.explanation))
    elif result is None:
        flags.append(flag("change_in_control_assumed", on=format_date(cic.date)))
    is_cic = result is None or result.is_change_in_control
    if is_cic and cic.date > c.as_of:
        # READING.md §6.1: a Change in Control after his last day triggers nothing, and the product says so.
        code = "change_in_control_after_employment" if c.last_day is not None else "change_in_control_after_as_of"
        flags.append(flag(code, on=format_date(cic.date), last_day=format_date(c.as_of), as_of=format_date(c.as_of)))
    if c.cic_counts and not c.cic_triggers:
        flags.append(flag("change_in_control_outside_window", on=format_date(cic.date), window=_window_text(c)))
    return flags


def trigger_flags(c: Cell) -> list[Flag]:
    flags = []
    if c.company_ends and not c.termination_triggers:
        flags.append(flag("termination_outside_window", on=format_date(c.last_day), window=_window_text(c)))
    if c.cic_triggers and c.termination_triggers:
        flags.append(flag("second_trigger", cic=format_date(c.scenario.change_in_control.date),
                          last_day=format_date(c.last_day), months=c.scenario.terms.protection_months))
    return flags


def health_flags(c: Cell) -> list[Flag]:
    if c.termination_day is None:
        return []
    months = c.scenario.terms.health_continuation_months
    flags = [flag("health_premium_assumed", premium=_money(c.scenario.assumptions.monthly_health_premium))]
    if months > c.health_months:
        flags.append(flag("health_overlaps_employment", months=months, on=format_date(c.termination_day),
                          overlap=months - c.health_months))
    return flags


def exercise_deadline(c: Cell) -> date | None:
    """§4 (plan governs): vested options stay exercisable for the window after the last day."""
    if c.last_day is None or c.vested + c.accelerated == 0:
        return None
    return add_days(c.last_day, c.scenario.assumptions.exercise_window_days)


def option_flags(c: Cell) -> list[Flag]:
    assume, flags = c.scenario.assumptions, []
    deadline = exercise_deadline(c)
    if deadline is not None:
        flags.append(flag("exercise_window_assumed", days=assume.exercise_window_days,
                          deadline=format_date(deadline)))
    if c.last_day is not None and c.forfeited > 0:
        flags.append(flag("unvested_forfeited", shares=c.forfeited))
    if c.accelerated > 0:
        flags.append(flag("acceleration_assumed", shares=c.accelerated, on=format_date(c.acceleration_day),
                          how=_acceleration_how(c)))
    elif c.scenario.change_in_control is not None and assume.cic_acceleration == "none":
        flags.append(flag("no_acceleration_assumed"))
    return flags


def _acceleration_how(c: Cell) -> str:
    assume, cic = c.scenario.assumptions, c.scenario.change_in_control
    why = {
        "single_trigger": "single-trigger acceleration at the Change in Control",
        "double_trigger": "double-trigger acceleration on a termination after the Change in Control",
        "none": "full vesting on a Company termination other than for Good Cause",
    }
    on_termination = (assume.unvested_at_termination == "accelerate" and c.acceleration_day == c.last_day
                      and assume.cic_acceleration == "single_trigger")
    if (assume.cic_acceleration != "none" and cic is not None
            and c.acceleration_day in (cic.date, c.last_day) and not on_termination):
        return why[assume.cic_acceleration]
    return why["none"]


def salary_flags(c: Cell) -> list[Flag]:
    s, pct = c.scenario, c.scenario.assumptions.annual_raise_pct
    flags = [flag("salary_day_count", days_per_year=s.terms.days_per_year)]
    adjustments = adjustment_dates(s.hire_date, c.as_of, s.terms)
    if adjustments:
        shown = ", ".join(format_date(d) for d in adjustments[:3]) + (", …" if len(adjustments) > 3 else "")
        flags.append(flag("raise_assumed", pct=pct, dates=shown))
    if pct > 0 and adjustment_on_hire_date(s.hire_date, s.terms):
        flags.append(flag("adjustment_on_hire_date", hire=format_date(s.hire_date), pct=pct))
    if s.termination is not None:
        flags.append(flag("benefits_not_valued"))
    return flags


def all_flags(c: Cell, cic_result: ChangeInControlResult | None) -> list[Flag]:
    return (as_of_flags(c) + reason_flags(c) + change_in_control_flags(c, cic_result) + trigger_flags(c)
            + health_flags(c) + option_flags(c) + salary_flags(c))


# --------------------------------------------------------------------------- line items, payments, vesting rows


def _counted_health_months(c: Cell) -> list[tuple[int, date]]:
    """(month number, first day) of each §6.1(b) month that begins after the last day."""
    if c.termination_day is None or c.last_day is None:
        return []
    return list(_health_months_after(c.termination_day, c.last_day, c.scenario.terms.health_continuation_months))


@lru_cache(maxsize=4096)
def _health_months_after(termination_day: date, last_day: date, n: int) -> tuple[tuple[int, date], ...]:
    starts = health_month_starts(day_number(termination_day), n).tolist()
    return tuple((i + 1, from_day_number(d)) for i, d in enumerate(starts) if d > day_number(last_day))


def _lump_sum_explanation(c: Cell) -> str:
    terms = c.scenario.terms
    window_end = protection_window_end_date(c.scenario)
    window = f"the first {terms.protection_months} months (to {format_date(add_days(window_end, -1))})"
    if c.termination_day is None:
        return f"Not triggered: no Change in Control or Company termination other than for Good Cause in {window}."
    kind = "Change in Control" if c.by_change_in_control else "termination other than for Good Cause"
    return (f"§6 Termination Date {format_date(c.termination_day)} ({kind}) inside {window}; "
            f"paid on the {ordinal(terms.payment_delay_days)} day after.")


def line_items(c: Cell) -> list[LineItem]:
    s, terms = c.scenario, c.scenario.terms
    counted = _counted_health_months(c)
    rate = salary_rate_on(s.hire_date, c.as_of, terms, s.assumptions)
    ended = "his last day" if s.termination is not None else "the as-of date"
    premium = _money(s.assumptions.monthly_health_premium)
    health_why = (f"{c.health_months} of {terms.health_continuation_months} months after "
                  f"{format_date(c.termination_day)} fall after employment, at {premium} a month (assumption)."
                  if c.termination_day is not None else "Not triggered (see the lump sum).")
    lump_date = payment_date_of(c)
    amounts = {
        "salary": (to_dollars(c.salary), c.as_of,
                   f"Hire date to {ended} ({format_date(c.as_of)}), {_money(terms.base_salary)} a year accrued daily "
                   f"at 1/{terms.days_per_year}; rate at the end {_money(round(rate, 2))}."),
        "signing_buyout": (terms.sion_buyout, s.hire_date, "Paid in cash on the hire date; owed whatever happens later."),
        "severance_lump_sum": (to_dollars(c.lump_sum), lump_date, _lump_sum_explanation(c)),
        "health_continuation": (to_dollars(c.health_cost), counted[0][1] if counted else None, health_why),
        "vested_options": (to_dollars(c.vested_value), c.as_of,
                           f"{c.vested:,} shares × max(0, ${s.stock_price:,.2f} − ${s.exercise_price:,.2f})."),
        "accelerated_options": (to_dollars(c.accelerated_value), c.acceleration_day if c.accelerated else None,
                                f"{c.accelerated:,} shares vested early by the acceleration assumption."
                                if c.accelerated else "No acceleration applies."),
    }
    return [LineItem(component=key, label=COMPONENT[key].label, amount=amount, date=on, clause=COMPONENT[key].clause,
                     kind=COMPONENT[key].kind, explanation=why)
            for key, (amount, on, why) in amounts.items()]


def payment_date_of(c: Cell) -> date | None:
    if c.termination_day is None:
        return None
    return from_day_number(payment_day(day_number(c.termination_day), c.scenario.terms))


def payments(c: Cell) -> list[Payment]:
    """The cash payments in date order."""
    s = c.scenario
    buyout, lump, health = COMPONENT["signing_buyout"], COMPONENT["severance_lump_sum"], COMPONENT["health_continuation"]
    out = [_payment(s.hire_date, s.terms.sion_buyout, buyout.key, buyout.label, buyout.clause)]
    out += starmap(_salary_payment, monthly_salary_payments(s.hire_date, c.as_of, s.terms, s.assumptions))
    if c.termination_day is not None:
        out.append(_payment(payment_date_of(c), to_dollars(c.lump_sum), lump.key, lump.label, lump.clause))
    counted = _counted_health_months(c)
    for (index, start), cents in zip(counted, allocate_cents(c.health_cost, len(counted)) if counted else []):
        out.append(_payment(start, to_dollars(cents), health.key, f"{health.short_label} month {index}", health.clause))
    out = [p for p in out if p.amount != 0]
    out.sort(key=_DATE)  # stable: a tie keeps the order above
    return out


_DATE = attrgetter("date")


# Payments and vesting rows are frozen models, so one instance serves every outcome that has
# the same row (most salary months, every schedule row): each is validated and labelled once.
@lru_cache(maxsize=4096)
def _payment(on: date, amount: float, component: str, label: str, clause: str) -> Payment:
    return Payment(date=on, amount=amount, component=component, label=label, clause=clause)


@lru_cache(maxsize=8192)
def _salary_payment(start: date, end: date, amount: float) -> Payment:
    """One calendar month's salary, shown on its last day employed."""
    return _payment(end, amount, "salary", f"Salary {format_date(start)} – {format_date(end)}",
                    COMPONENT["salary"].clause)


def vesting_rows(c: Cell) -> list[VestingRow]:
    """The §4 schedule with each installment's status."""
    rows = []
    for item in vesting_schedule(c.scenario.hire_date, c.scenario.terms):
        if c.acceleration_day is not None and item.vest_date > c.acceleration_day:
            status = "accelerated"
        elif item.vest_date <= c.as_of:
            status = "vested"
        elif c.last_day is not None:
            status = "forfeited"
        else:
            status = "unvested"
        rows.append(_vesting_row(item, status))
    return rows


@lru_cache(maxsize=4096)
def _vesting_row(item: VestInstallment, status: str) -> VestingRow:
    return VestingRow(vest_date=item.vest_date, shares=item.shares, cumulative_shares=item.cumulative_shares,
                      label=item.label, clause=item.clause, status=status)


# --------------------------------------------------------------------------- the outcome


def evaluate(scenario: Scenario) -> Outcome:
    c = run_cell(scenario)
    s, terms, assume = scenario, scenario.terms, scenario.assumptions
    cic_result = change_in_control_result(s)
    fair_value = grant_date_fair_value_per_option(
        s.exercise_price, assume.volatility_pct, assume.risk_free_rate_pct,
        assume.expected_term_years, assume.dividend_yield_pct)
    outcome = Outcome(
        as_of=c.as_of, employed=s.termination is None, last_day=c.last_day,
        effective_reason=_effective_reason(c), protection_window_end=protection_window_end_date(s),
        vested_shares=c.vested, unvested_shares=c.unvested, forfeited_shares=c.forfeited,
        accelerated_shares=c.accelerated, acceleration_date=c.acceleration_day if c.accelerated else None,
        option_intrinsic_value=to_dollars(c.option_value), vested_option_value=to_dollars(c.vested_value),
        accelerated_option_value=to_dollars(c.accelerated_value), option_exercise_deadline=exercise_deadline(c),
        grant_date_fair_value_per_option=round(fair_value, 4),
        grant_date_fair_value_total=round(fair_value * terms.option_shares, 2),
        salary_earned=to_dollars(c.salary), salary_rate=round(salary_rate_on(s.hire_date, c.as_of, terms, assume), 2),
        signing_buyout=terms.sion_buyout, severance_lump_sum=to_dollars(c.lump_sum),
        severance_trigger=None if c.termination_day is None else (
            "change_in_control" if c.by_change_in_control else "termination"),
        severance_termination_date=c.termination_day, severance_payment_date=payment_date_of(c),
        health_continuation_months=c.health_months, health_continuation_cost=to_dollars(c.health_cost),
        total_cash=to_dollars(c.total_cash), total_value=(float(c.total_cash) + float(c.option_value)) / 100,
        change_in_control_test=cic_result, line_items=line_items(c), vesting_schedule=vesting_rows(c),
        payments=payments(c), flags=all_flags(c, cic_result),
    )
    # §280G / §4999 (contract/280G.md), from the finished outcome's facts.
    return outcome.model_copy(update={"golden_parachute": golden_parachute_of(scenario, outcome)})


def _effective_reason(c: Cell) -> str | None:
    """§6.2: a Good Cause termination that does not stand is one without Good Cause."""
    t = c.scenario.termination
    if t is None:
        return None
    return "without_good_cause" if t.reason == "good_cause" and c.company_ends else t.reason


__all__ = ["evaluate", "REASON_LABELS"]
