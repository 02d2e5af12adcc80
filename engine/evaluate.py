"""``evaluate(scenario) -> Outcome``: the whole letter applied to one scenario.

Each figure comes from a small rule in its clause's module; this module only
decides which date the figures are as of, which triggers count, and writes the
line items, the payments timeline and the flags.
"""

from __future__ import annotations

from datetime import date

from engine.change_in_control import change_in_control_test
from engine.dates import add_days, add_months, format_date
from engine.golden_parachute.compute import golden_parachute_of
from engine.good_cause import good_cause_flags, is_good_cause
from engine.options import grant_date_fair_value_per_option, intrinsic_value
from engine.outcome import ChangeInControlResult, Flag, LineItem, Outcome, Payment, VestingRow
from engine.resignation import resignation_flags
from engine.salary import adjustment_dates, monthly_salary_payments, salary_earned, salary_rate_on
from engine.scenario import REASON_LABELS, Scenario
from engine.severance import (
    allocate_cents,
    company_terminates_other_than_for_good_cause,
    health_continuation_months,
    in_protection_window,
    payment_date,
    protection_window_end,
)
from engine.vesting import full_vesting_date, vested_shares, vesting_schedule


def _money(x: float) -> str:
    return f"${x:,.2f}" if round(x) != x else f"${x:,.0f}"


def evaluate(scenario: Scenario) -> Outcome:
    terms, assume = scenario.terms, scenario.assumptions
    hire = scenario.hire_date
    termination = scenario.termination
    cic = scenario.change_in_control
    flags: list[Flag] = []

    schedule = vesting_schedule(hire, terms)
    window_end = protection_window_end(hire, terms)

    # The date the figures are as of.
    last_day: date | None = None
    if termination is not None:
        last_day = termination.last_day(terms)
        as_of = last_day
        if scenario.as_of is not None and scenario.as_of != last_day:
            flags.append(Flag(
                code="as_of_ignored", severity="info", clause="§3, §4",
                message=f"With a termination the figures are as of the last day employed, {format_date(last_day)}; "
                        f"the as-of date {format_date(scenario.as_of)} is not used.",
            ))
    elif scenario.as_of is not None:
        as_of = scenario.as_of
    else:
        as_of = full_vesting_date(schedule)
        flags.append(Flag(
            code="as_of_defaulted", severity="assumption", clause="§4",
            message=f"No as-of date given: figures are as of full vesting, {format_date(as_of)}, still employed.",
        ))

    # §6.2 and §10 first: they decide how the termination stands.
    company_ends_without_gc = False
    effective_reason: str | None = None
    if termination is not None:
        flags += good_cause_flags(termination, terms)
        flags += resignation_flags(termination, terms)
        company_ends_without_gc = company_terminates_other_than_for_good_cause(termination, terms)
        effective_reason = termination.reason
        if termination.reason == "good_cause" and not is_good_cause(termination, terms):
            effective_reason = "without_good_cause"
        if termination.reason == "death":
            flags.append(Flag(
                code="death_silent", severity="warning", clause="§6.1",
                message="Death ends employment without a Company termination: §6.1 pays nothing on it. "
                        "The letter is silent on death; the option plan and any insurance govern.",
            ))
        if termination.reason == "disability":
            flags.append(Flag(
                code="disability_other_than_good_cause", severity="info", clause="§6.1",
                message="A Company termination for disability is a termination for other than Good Cause, "
                        "so §6.1 pays if it falls in the first 24 months.",
            ))

    # §6.3: does the Change in Control count, and has it happened by the as-of date?
    cic_result: ChangeInControlResult | None = None
    cic_counts = False
    if cic is not None:
        if cic.facts is not None:
            test = change_in_control_test(cic.facts)
            cic_result = ChangeInControlResult(
                is_change_in_control=test.is_change_in_control, clause=test.clause, explanation=test.explanation
            )
            if not test.is_change_in_control:
                flags.append(Flag(
                    code="not_a_change_in_control", severity="warning", clause=test.clause,
                    message=f"Not a Change in Control: {test.explanation} Nothing under §6.1 is triggered by it.",
                ))
        else:
            flags.append(Flag(
                code="change_in_control_assumed", severity="assumption", clause="§6.3",
                message=f"The event on {format_date(cic.date)} is taken to be a Change in Control under §6.3 "
                        "(no deal facts were given to test).",
            ))
        is_cic = cic_result is None or cic_result.is_change_in_control
        if is_cic and cic.date > as_of:
            if termination is not None:
                flags.append(Flag(
                    code="change_in_control_after_employment", severity="info", clause="§6.1",
                    message=f"The Change in Control on {format_date(cic.date)} comes after the last day employed "
                            f"({format_date(as_of)}); it triggers nothing for him.",
                ))
            else:
                flags.append(Flag(
                    code="change_in_control_after_as_of", severity="info", clause="§6.1",
                    message=f"The Change in Control on {format_date(cic.date)} is after the as-of date "
                            f"{format_date(as_of)}; it has not happened yet in these figures.",
                ))
        cic_counts = is_cic and cic.date <= as_of

    # §6.1 triggers inside "the first twenty four (24) months".
    triggers: list[tuple[date, str]] = []
    if cic_counts and cic is not None:
        if in_protection_window(hire, cic.date, terms):
            triggers.append((cic.date, "change_in_control"))
        else:
            flags.append(Flag(
                code="change_in_control_outside_window", severity="info", clause="§6.1",
                message=f"The Change in Control on {format_date(cic.date)} falls after the first "
                        f"{terms.protection_months} months (which end {format_date(add_days(window_end, -1))}): "
                        "no lump sum or health continuation.",
            ))
    if termination is not None and last_day is not None and company_ends_without_gc:
        if in_protection_window(hire, last_day, terms):
            triggers.append((last_day, "termination"))
        else:
            flags.append(Flag(
                code="termination_outside_window", severity="info", clause="§6.1",
                message=f"The termination on {format_date(last_day)} falls after the first {terms.protection_months} "
                        f"months (which end {format_date(add_days(window_end, -1))}): only salary to the last day, "
                        "benefits, expense reimbursement and indemnification are owed.",
            ))
    triggers.sort()
    trigger_date: date | None = triggers[0][0] if triggers else None
    trigger_kind = triggers[0][1] if triggers else None
    if len(triggers) == 2:
        flags.append(Flag(
            code="second_trigger", severity="warning", clause="§6.1",
            message=f"Both a Change in Control ({format_date(cic.date if cic else None)}) and a termination "
                    f"other than for Good Cause ({format_date(last_day)}) fall in the first {terms.protection_months} "
                    "months. The first pays once here; a second payment could be argued from the letter's \"or\".",
        ))

    lump_sum = terms.severance_lump_sum if trigger_date is not None else 0.0
    lump_date = payment_date(trigger_date, terms) if trigger_date is not None else None
    health_months = health_continuation_months(trigger_date, last_day, terms) if trigger_date else []
    counted = [m for m in health_months if m.after_employment]
    health_cost = round(len(counted) * assume.monthly_health_premium, 2)
    if trigger_date is not None:
        flags.append(Flag(
            code="health_premium_assumed", severity="assumption", clause="§5, §6.1(b)",
            message=f"Health continuation valued at {_money(assume.monthly_health_premium)} a month, the Company's "
                    "assumed cost of group coverage including dependents (coverage, or COBRA premiums if the "
                    "carrier will not continue it).",
        ))
        if len(counted) < len(health_months):
            flags.append(Flag(
                code="health_overlaps_employment", severity="warning", clause="§6.1(b)",
                message=f"The {terms.health_continuation_months} months of coverage follow the Termination Date "
                        f"{format_date(trigger_date)} while he is still employed for "
                        f"{len(health_months) - len(counted)} of them: only months that begin after his last day "
                        "are counted (a month he is employed for part of costs nothing beyond his ordinary "
                        "coverage). Whether a later termination restarts the six months is not settled by the "
                        "letter.",
            ))

    # §4 vesting, with any acceleration the assumptions grant.
    accel_at: list[date] = []
    if cic_counts and cic is not None and assume.cic_acceleration == "single_trigger":
        accel_at.append(cic.date)
    if (
        cic_counts and cic is not None and assume.cic_acceleration == "double_trigger"
        and last_day is not None and company_ends_without_gc
        and cic.date <= last_day < add_months(cic.date, assume.double_trigger_months)
    ):
        accel_at.append(last_day)
    if last_day is not None and company_ends_without_gc and assume.unvested_at_termination == "accelerate":
        accel_at.append(last_day)
    accel_date = min(accel_at) if accel_at else None

    grant = terms.option_shares
    vested = vested_shares(schedule, accel_date or as_of)
    accelerated = grant - vested if accel_date is not None else 0
    if termination is not None:
        unvested, forfeited = 0, grant - vested - accelerated
    else:
        unvested, forfeited = grant - vested - accelerated, 0

    vested_value = intrinsic_value(vested, scenario.stock_price, scenario.exercise_price)
    accelerated_value = intrinsic_value(accelerated, scenario.stock_price, scenario.exercise_price)
    option_value = round(vested_value + accelerated_value, 2)
    exercise_deadline = None
    if last_day is not None and vested + accelerated > 0:
        exercise_deadline = add_days(last_day, assume.exercise_window_days)
        flags.append(Flag(
            code="exercise_window_assumed", severity="assumption", clause="§4 (plan governs)",
            message=f"Vested options assumed exercisable for {assume.exercise_window_days} days after the last day, "
                    f"until {format_date(exercise_deadline)}; the letter is silent and the stock option plan governs.",
        ))
    if termination is not None and forfeited > 0:
        flags.append(Flag(
            code="unvested_forfeited", severity="assumption", clause="§4 (plan governs)",
            message=f"{forfeited:,} unvested shares assumed forfeited on the last day; the letter is silent and the "
                    "stock option plan governs.",
        ))
    if accelerated > 0 and accel_date is not None:
        why = {
            "single_trigger": "single-trigger acceleration at the Change in Control",
            "double_trigger": "double-trigger acceleration on a termination after the Change in Control",
            "none": "full vesting on a Company termination other than for Good Cause",
        }
        how = why[assume.cic_acceleration] if (
            assume.cic_acceleration != "none" and cic is not None and accel_date in (cic.date, last_day)
            and not (assume.unvested_at_termination == "accelerate" and accel_date == last_day
                     and assume.cic_acceleration == "single_trigger")
        ) else why["none"]
        flags.append(Flag(
            code="acceleration_assumed", severity="assumption", clause="§4, §6.3 (plan governs)",
            message=f"{accelerated:,} shares vest early on {format_date(accel_date)} by {how}: a negotiation "
                    "choice, not in the letter.",
        ))
    elif cic is not None and assume.cic_acceleration == "none":
        flags.append(Flag(
            code="no_acceleration_assumed", severity="assumption", clause="§4 (plan governs)",
            message="No vesting acceleration on the Change in Control is assumed; the letter is silent and the "
                    "stock option plan governs.",
        ))

    # §3 salary to the as-of date, whatever the reason.
    salary = salary_earned(hire, as_of, terms, assume)
    rate = salary_rate_on(hire, as_of, terms, assume)
    flags.append(Flag(
        code="salary_day_count", severity="info", clause="§3",
        message="Salary accrues for each calendar day employed at 1/365 of the annual rate, the hire date and "
                "the last day included.",
    ))
    adjustments = adjustment_dates(hire, as_of, terms)
    if adjustments:
        flags.append(Flag(
            code="raise_assumed", severity="assumption", clause="§3",
            message=f"A raise of {assume.annual_raise_pct:g}% is assumed at each Adjustment Date "
                    f"({', '.join(format_date(d) for d in adjustments[:3])}{', …' if len(adjustments) > 3 else ''}); "
                    "the Board may raise the salary but never lower it.",
        ))
    if termination is not None:
        flags.append(Flag(
            code="benefits_not_valued", severity="info", clause="§6.1, §6.2, §7",
            message="Benefits, expense reimbursement and indemnification for acts as CEO remain owed whatever the "
                    "reason; they are not valued here.",
        ))

    buyout = terms.sion_buyout
    total_cash = round(salary + buyout + lump_sum + health_cost, 2)
    total_value = round(total_cash + option_value, 2)

    ended = "his last day" if termination is not None else "the as-of date"
    window_text = f"the first {terms.protection_months} months (to {format_date(add_days(window_end, -1))})"
    if trigger_date is not None:
        lump_why = (f"§6 Termination Date {format_date(trigger_date)} "
                    f"({'Change in Control' if trigger_kind == 'change_in_control' else 'termination other than for Good Cause'}) "
                    f"inside {window_text}; paid on the {terms.payment_delay_days}th day after.")
    else:
        lump_why = f"Not triggered: no Change in Control or Company termination other than for Good Cause in {window_text}."
    health_why = (
        f"{len(counted)} of {terms.health_continuation_months} months after {format_date(trigger_date)} fall after "
        f"employment, at {_money(assume.monthly_health_premium)} a month (assumption)."
        if trigger_date is not None else "Not triggered (see the lump sum)."
    )
    line_items = [
        LineItem(component="salary", label="Base salary earned", amount=salary, date=as_of, clause="§3", kind="cash",
                 explanation=f"Hire date to {ended} ({format_date(as_of)}), {_money(terms.base_salary)} a year "
                             f"accrued daily at 1/365; rate at the end {_money(round(rate, 2))}."),
        LineItem(component="signing_buyout", label="Sion Power severance buyout", amount=buyout, date=hire,
                 clause="§4", kind="cash",
                 explanation="Paid in cash on the hire date; owed whatever happens later."),
        LineItem(component="severance_lump_sum", label="§6.1 lump sum", amount=lump_sum, date=lump_date,
                 clause="§6.1(a)", kind="cash", explanation=lump_why),
        LineItem(component="health_continuation", label="Health continuation (Company cost)", amount=health_cost,
                 date=counted[0].start if counted else None, clause="§6.1(b)", kind="cash", explanation=health_why),
        LineItem(component="vested_options", label="Vested options (intrinsic value)", amount=vested_value,
                 date=as_of, clause="§4", kind="option_value",
                 explanation=f"{vested:,} shares × max(0, ${scenario.stock_price:,.2f} − "
                             f"${scenario.exercise_price:,.2f})."),
        LineItem(component="accelerated_options", label="Accelerated options (intrinsic value)",
                 amount=accelerated_value, date=accel_date, clause="§4 (assumption)", kind="option_value",
                 explanation=f"{accelerated:,} shares vested early by the acceleration assumption."
                 if accelerated else "No acceleration applies."),
    ]

    payments = [Payment(date=hire, amount=buyout, component="signing_buyout",
                        label="Sion Power severance buyout", clause="§4")]
    for start, end, amount in monthly_salary_payments(hire, as_of, terms, assume):
        payments.append(Payment(date=end, amount=amount, component="salary",
                                label=f"Salary {format_date(start)} – {format_date(end)}", clause="§3"))
    if lump_date is not None:
        payments.append(Payment(date=lump_date, amount=lump_sum, component="severance_lump_sum",
                                label="§6.1 lump sum", clause="§6.1(a)"))
    for month, amount in zip(counted, allocate_cents(health_cost, len(counted)) if counted else []):
        payments.append(Payment(date=month.start, amount=amount, component="health_continuation",
                                label=f"Health continuation month {month.index}", clause="§6.1(b)"))
    payments = [p for p in payments if p.amount != 0]
    payments.sort(key=lambda p: p.date)

    rows = []
    for item in schedule:
        if accel_date is not None and item.vest_date > accel_date:
            status = "accelerated"
        elif item.vest_date <= as_of:
            status = "vested"
        elif termination is not None:
            status = "forfeited"
        else:
            status = "unvested"
        rows.append(VestingRow(vest_date=item.vest_date, shares=item.shares, cumulative_shares=item.cumulative_shares,
                               label=item.label, clause=item.clause, status=status))

    fair_value = grant_date_fair_value_per_option(
        scenario.exercise_price, assume.volatility_pct, assume.risk_free_rate_pct,
        assume.expected_term_years, assume.dividend_yield_pct,
    )

    outcome = Outcome(
        as_of=as_of,
        employed=termination is None,
        last_day=last_day,
        effective_reason=effective_reason,
        protection_window_end=window_end,
        vested_shares=vested,
        unvested_shares=unvested,
        forfeited_shares=forfeited,
        accelerated_shares=accelerated,
        acceleration_date=accel_date if accelerated > 0 else None,
        option_intrinsic_value=option_value,
        vested_option_value=vested_value,
        accelerated_option_value=accelerated_value,
        option_exercise_deadline=exercise_deadline,
        grant_date_fair_value_per_option=round(fair_value, 4),
        grant_date_fair_value_total=round(fair_value * grant, 2),
        salary_earned=salary,
        salary_rate=round(rate, 2),
        signing_buyout=buyout,
        severance_lump_sum=lump_sum,
        severance_trigger=trigger_kind,
        severance_termination_date=trigger_date,
        severance_payment_date=lump_date,
        health_continuation_months=len(counted),
        health_continuation_cost=health_cost,
        total_cash=total_cash,
        total_value=total_value,
        change_in_control_test=cic_result,
        line_items=line_items,
        vesting_schedule=rows,
        payments=payments,
        flags=flags,
    )
    # §280G / §4999 (contract/280G.md), from the finished outcome's facts.
    return outcome.model_copy(update={"golden_parachute": golden_parachute_of(scenario, outcome)})


__all__ = ["evaluate", "REASON_LABELS"]
