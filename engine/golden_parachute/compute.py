"""The §280G / §4999 position of one scenario: G1..G16 applied in order.

The facts come from the finished outcome (trigger and date, last day,
acceleration date, vesting schedule); the figures from the G-rule modules; the
flags from ``flags``. No figure is computed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from engine.dates import add_months
from engine.golden_parachute import flags as F
from engine.golden_parachute.acceleration import q_a_24c
from engine.golden_parachute.base_amount import IncludiblePay, base_amount
from engine.golden_parachute.best_net import Cuttable, cut_back, net_if_paid_in_full
from engine.golden_parachute.excess import (
    allocate_base, excess_per_payment, excise_tax, lost_deduction_tax_cost,
)
from engine.golden_parachute.model import (
    BasePeriodRow, Cut, GoldenParachute, OptionValuation, ParachuteItem, Tranche,
)
from engine.golden_parachute.option_value import black_scholes_per_share, remaining_term_years
from engine.golden_parachute.payments import section_6_1_payments, termination_presumed_related
from engine.golden_parachute.present_value import afr_class, discount_factor, full_months, years_between
from engine.golden_parachute.three_times import (
    exceeds_safe_harbor, headroom, safe_harbor_limit, three_times_base,
)
from engine.pay_records import other_pay_by_year, w2_box1_by_year
from engine.terms import Assumptions, OfferTerms

# READING.md: the letter took effect on the Board's acceptance, 13 Jul 2005 (G5).
AGREEMENT_DATE = date(2005, 7, 13)


@dataclass(frozen=True)
class ParachuteFacts:
    """What the finished outcome knows that the §280G test needs."""

    hire_date: date
    change_date: date
    exercise_price: float
    stock_price: float
    terms: OfferTerms
    assumptions: Assumptions
    schedule: tuple  # VestInstallment rows (§4)
    last_day: date | None
    trigger: str | None  # "change_in_control" | "termination"
    trigger_date: date | None
    acceleration_date: date | None
    second_trigger: bool = False
    pay: IncludiblePay | None = None  # F1: W-2 box 1 and other includible pay, when known


def within_year_before(change: date, adopted: date) -> bool:
    """G5: an agreement or amendment made within one year before the change (on or after change − 12 months)."""
    return add_months(change, -12) <= adopted <= change


def acceleration_cause(facts: ParachuteFacts) -> str | None:
    """Which §4 assumption vested the unvested options early on A (G9)."""
    a, assume = facts.acceleration_date, facts.assumptions
    if a is None:
        return None
    if assume.cic_acceleration == "single_trigger" and a == facts.change_date:
        return "single_trigger"
    if assume.cic_acceleration == "double_trigger" and a == facts.last_day \
            and facts.change_date <= a < add_months(facts.change_date, assume.double_trigger_months):
        return "double_trigger"
    return "termination"


def _rates(assume: Assumptions) -> tuple[float, float, float]:
    return assume.afr120_short_pct, assume.afr120_mid_pct, assume.afr120_long_pct


def _not_reached(assume: Assumptions, flags: list) -> str | None:
    """G1..G3: why §280G does not reach these payments at all, or None."""
    reason = None
    if not assume.disqualified_individual:
        reason = "He is not a disqualified individual (G1)."
        flags.append(F.f8_not_disqualified())
    elif not assume.change_is_280g_change:
        reason = "The §6.3 event is not a §280G change (G2)."
    elif assume.small_business_corporation or (not assume.stock_readily_tradeable and assume.shareholder_approval):
        reason = "The payments are exempt (G3, §280G(b)(5))."
    flags.append(F.f12_definitions(assume.change_is_280g_change))
    flags.append(F.f7_exemptions(assume.stock_readily_tradeable, assume.shareholder_approval,
                                 assume.small_business_corporation))
    return reason


def _full_value(facts: ParachuteFacts, cause: str | None, flags: list) -> bool:
    """G5: whether the full value of accelerated tranches counts (an acceleration term adopted within
    a year before the change, the presumption not rebutted); flags F2."""
    assume, change = facts.assumptions, facts.change_date
    letter_in_year = within_year_before(change, AGREEMENT_DATE) and facts.hire_date <= change
    accel_in_year = cause is not None and within_year_before(change, assume.acceleration_adopted_date)
    full_value = accel_in_year and not assume.acceleration_presumption_rebutted
    flags += F.f2_presumption(change, AGREEMENT_DATE if letter_in_year else None,
                              assume.acceleration_adopted_date if accel_in_year else None,
                              assume.ordinary_pay_presumption_rebutted, assume.acceleration_presumption_rebutted,
                              full_value)
    return full_value


def _cash_items(facts: ParachuteFacts, cause: str | None, related: bool, flags: list) -> list[dict]:
    """G6, G7, G8: the §6.1 payments contingent on the change, each with its present value."""
    assume, terms, change = facts.assumptions, facts.terms, facts.change_date
    pays = []
    if facts.trigger_date is not None and (facts.trigger == "change_in_control" or related):
        pays = section_6_1_payments(facts.trigger_date, facts.last_day, terms, assume)
    if facts.trigger_date is not None and terms.health_continuation_months and assume.monthly_health_premium > 0:
        counted = sum(p.component == "health_continuation" for p in pays)
        if counted < terms.health_continuation_months:
            flags.append(F.f11_health_overlap())
    if facts.last_day is not None:
        flags.append(F.f3_termination(facts.last_day, related,
                                      facts.trigger == "termination" or cause in ("termination", "double_trigger")))
    if facts.second_trigger:
        flags.append(F.f13_second_trigger())
    # G8 on every payment at once (arrays): the years, their AFR class and discount factor.
    years = np.array([years_between(change, p.paid_on) for p in pays], dtype=float)
    dfs = np.asarray(discount_factor(years, *_rates(assume)), dtype=float).tolist()
    classes = np.asarray(afr_class(np.maximum(years, 0.0))).tolist()
    return [dict(component=p.component, label=p.label, clause=p.clause, rule="G7, G8", payment_date=p.paid_on,
                 amount=p.amount, years=t, afr_class=cls, discount_factor=df, present_value=p.amount * df,
                 value_to_executive=p.amount * df)
            for p, t, df, cls in zip(pays, years.tolist(), dfs, classes)]


def _valuation(facts: ParachuteFacts, a) -> OptionValuation:
    """G10: Black-Scholes per share on A, over the remaining term."""
    assume = facts.assumptions
    term = remaining_term_years(a, facts.hire_date, assume.option_term_years, facts.last_day,
                                assume.exercise_window_days)
    per_share = black_scholes_per_share(facts.stock_price, facts.exercise_price, term, assume.risk_free_rate_pct,
                                        assume.volatility_pct, assume.dividend_yield_pct)
    return OptionValuation(acceleration_date=a, spot=facts.stock_price, strike=facts.exercise_price,
                           years=term, volatility_pct=assume.volatility_pct,
                           risk_free_rate_pct=assume.risk_free_rate_pct,
                           dividend_yield_pct=assume.dividend_yield_pct, per_share=per_share,
                           intrinsic=max(0.0, facts.stock_price - facts.exercise_price))


def _tranches(facts: ParachuteFacts, valuation: OptionValuation, full_value: bool) -> list[Tranche]:
    """G9: each tranche vesting after A, its Q/A-24(c) contingent amount, discounted from A to the change."""
    a, rates = valuation.acceleration_date, _rates(facts.assumptions)
    rows = [r for r in facts.schedule if r.vest_date > a]
    shares = np.array([r.shares for r in rows], dtype=float)
    years = np.array([years_between(a, r.vest_date) for r in rows])
    months = np.array([full_months(a, r.vest_date) for r in rows])
    values = shares * valuation.per_share
    pv_piece, month_piece, contingent = q_a_24c(values, years, months, *rates, full_value=full_value)
    dfs = np.asarray(discount_factor(years, *rates), dtype=float)
    df_a = discount_factor(years_between(facts.change_date, a), *rates)
    classes = np.asarray(afr_class(years)).tolist()
    # Python floats and ints from here on (the same doubles): cheaper per tranche than numpy scalars.
    values, years, dfs, pv_piece, months, month_piece, contingent = (
        np.asarray(a).tolist() for a in (values, years, dfs, pv_piece, months, month_piece, contingent))
    tranches = []
    for i, r in enumerate(rows):
        forfeited = facts.last_day is not None and r.vest_date > facts.last_day
        tranches.append(Tranche(
            original_vest_date=r.vest_date, shares=r.shares, value=values[i], years=years[i],
            afr_class=classes[i], discount_factor=dfs[i], pv_piece=pv_piece[i],
            months=months[i], month_piece=month_piece[i], contingent=contingent[i],
            contingent_share=1.0 if full_value else min(1.0, 1 - dfs[i] + 0.01 * months[i]),
            cap_used=bool(not full_value and pv_piece[i] + month_piece[i] >= values[i] and values[i] > 0),
            full_value=bool(full_value), forfeited_absent_acceleration=forfeited,
            present_value=contingent[i] * df_a,
            value_to_executive=values[i] * df_a if forfeited else 0.0))
    return tranches


def _options_item(facts: ParachuteFacts, tranches: list[Tranche]) -> dict:
    """G9, G10, G8: the accelerated options as one contingent payment, made (vested) on A."""
    a, change = facts.acceleration_date, facts.change_date
    t_a = years_between(change, a)
    df_a = discount_factor(t_a, *_rates(facts.assumptions))
    amount = sum(t.contingent for t in tranches)
    return dict(component="accelerated_options", label=f"Accelerated options ({len(tranches)} tranches)",
                clause="§4", rule="G9, G10, G8", payment_date=a, amount=amount, years=t_a,
                afr_class=afr_class(max(t_a, 0.0)), discount_factor=df_a, present_value=amount * df_a,
                value_to_executive=sum(t.value_to_executive for t in tranches))


def _excess(items: list[dict], b: float, over: bool, assume: Assumptions, flags: list) -> list[ParachuteItem]:
    """G13, G14: the base allocated to each parachute payment and its excess; flags F14, F6, F9, F15, F10."""
    rc_lump = assume.reasonable_compensation_lump_sum
    if over:
        allocated = allocate_base(b, [i["present_value"] for i in items])
        rc = [rc_lump if i["component"] == "severance_lump_sum" else 0.0 for i in items]
        excesses = excess_per_payment([i["amount"] for i in items], allocated, rc)
        flags.append(F.f14_no_clause())
        if any(i["component"] == "severance_lump_sum" for i in items):
            flags.append(F.f6_reasonable_compensation(rc_lump))
        flags.append(F.f9_lost_deduction())
        flags.append(F.f15_withholding())
    else:
        allocated, excesses = [0.0] * len(items), [0.0] * len(items)
    flags.append(F.f10_afr(*_rates(assume)))
    return [ParachuteItem(**i, base_allocated=bi, excess=ex) for i, bi, ex in zip(items, allocated, excesses)]


def _cuts(items: list[ParachuteItem], tranches: list[Tranche], p_value: float, b: float) -> list[Cut]:
    """G15, C8: cut back to 3B − $1: the lump sum, then tranches latest first, then health months latest first."""
    pieces = [Cuttable(i.component, i.label, i.present_value, i.value_to_executive)
              for i in items if i.component == "severance_lump_sum"]
    pieces += [Cuttable("accelerated_options", f"Tranche vesting {t.original_vest_date.isoformat()}",
                        t.present_value, t.value_to_executive, t.shares)
               for t in sorted(tranches, key=lambda t: t.original_vest_date, reverse=True)]
    pieces += [Cuttable(i.component, i.label, i.present_value, i.value_to_executive)
               for i in sorted(items, key=lambda i: i.payment_date, reverse=True)
               if i.component == "health_continuation"]
    return [Cut(component=c.component, label=c.label, present_value=c.present_value, value_lost=c.value_lost,
                shares=c.shares) for c in cut_back(p_value, safe_harbor_limit(b), pieces)]


def _best_net(items: list[ParachuteItem], tranches: list[Tranche], p_value: float, b: float, over: bool,
              assume: Assumptions) -> dict:
    """G15: what he keeps paid in full against cut back to the safe harbor, and which is better."""
    rate = assume.executive_tax_rate_pct
    e_value = sum(i.value_to_executive for i in items)
    income_tax, excise_pv, net_full = net_if_paid_in_full(
        e_value, rate, [(i.excess, i.present_value, i.amount) for i in items])
    cuts = _cuts(items, tranches, p_value, b) if over else []
    lost = sum(c.value_lost for c in cuts)
    net_cut = (e_value - lost) * (1 - rate / 100) if over else net_full
    return dict(value_to_executive=e_value, income_tax_if_paid_in_full=income_tax,
                excise_tax_present_value=excise_pv, net_if_paid_in_full=net_full, cuts=cuts,
                parachute_value_after_cutback=p_value - sum(c.present_value for c in cuts),
                value_lost_to_cutback=lost, cutback_cost_after_tax=lost * (1 - rate / 100), net_if_cut_back=net_cut,
                better_for_executive="pay_in_full" if net_full >= net_cut else "cut_back",
                better_by=abs(net_full - net_cut))


def _base_amount(facts: ParachuteFacts):
    """G4 for these facts. B depends only on the hire date, the change, the terms, the
    assumptions and the payroll records, the same for every last day and price of a
    scenario, so it is worked out once per set of them (``BaseAmount`` is frozen), with
    its rows as the outcome's (frozen) ``BasePeriodRow`` models."""
    pay = facts.pay or IncludiblePay()
    return _cached_base_amount(facts.hire_date, facts.change_date, facts.terms, facts.assumptions,
                               tuple(sorted(pay.w2_box1_by_year.items())), tuple(sorted(pay.other_by_year.items())))


@lru_cache(maxsize=256)
def _cached_base_amount(hire: date, change: date, terms: OfferTerms, assume: Assumptions, w2: tuple, other: tuple):
    base = base_amount(hire, change, terms, assume, IncludiblePay(w2_box1_by_year=dict(w2), other_by_year=dict(other)))
    return base, tuple(BasePeriodRow(**r.__dict__) for r in base.rows)


@lru_cache(maxsize=256)
def _includible_pay(w2_text: str, other_text: str) -> IncludiblePay:
    """F1: the payroll records as typed, parsed once per text (the result is only read)."""
    return IncludiblePay(w2_box1_by_year=w2_box1_by_year(w2_text), other_by_year=other_pay_by_year(other_text))


def golden_parachute(facts: ParachuteFacts) -> GoldenParachute:
    """G1..G16 for one Change in Control scenario."""
    assume, change = facts.assumptions, facts.change_date
    flags = [F.f1_base_estimated()]
    reason = _not_reached(assume, flags)
    base, base_rows = _base_amount(facts)  # G4
    b = base.amount
    cause = acceleration_cause(facts)
    full_value = _full_value(facts, cause, flags)
    related = (termination_presumed_related(change, facts.last_day, assume)
               if facts.last_day is not None else True)  # G6
    items = _cash_items(facts, cause, related, flags)
    a = facts.acceleration_date
    accel_counts = cause is not None and (cause != "termination" or related)
    if cause == "double_trigger":
        flags.append(F.f4_later_event())
    tranches: list[Tranche] = []
    valuation = None
    if a is not None and accel_counts:
        valuation = _valuation(facts, a)
        flags.append(F.f5_option_valuation())
        tranches = _tranches(facts, valuation, full_value)
        if tranches:
            items.append(_options_item(facts, tranches))
    p_value = sum(i["present_value"] for i in items)  # G12
    applies = reason is None
    over = applies and exceeds_safe_harbor(p_value, b)
    out_items = _excess(items, b, over, assume, flags)
    total_excess = sum(i.excess for i in out_items)
    rates = _rates(assume)
    return GoldenParachute(
        applies=applies, not_applicable_reason=reason, change_date=change, trigger=facts.trigger,
        trigger_date=facts.trigger_date, acceleration_date=a if accel_counts else None,
        acceleration_cause=cause if accel_counts else None,
        base_amount=b, base_amount_rule=base.rule, base_period_start=base.period_start,
        base_period_end=base.period_end, base_period=list(base_rows),
        three_times_base=three_times_base(b), safe_harbor_limit=safe_harbor_limit(b),
        items=out_items, tranches=tranches, option_valuation=valuation,
        parachute_value=p_value, headroom=headroom(p_value, b), ratio_to_base=p_value / b if b > 0 else None,
        exceeds_safe_harbor=over, excess_parachute_payment=total_excess,
        reasonable_compensation=assume.reasonable_compensation_lump_sum if over else 0.0,
        excise_tax=excise_tax(total_excess), lost_deduction=total_excess,
        lost_deduction_tax_cost=lost_deduction_tax_cost(total_excess, assume.corporate_tax_rate_pct),
        **_best_net(out_items, tranches, p_value, b, over, assume),
        afr120_pct={"short": rates[0], "mid": rates[1], "long": rates[2]},
        flags=flags,
    )


def golden_parachute_of(scenario, outcome) -> GoldenParachute | None:
    """The §280G position of an evaluated scenario; None when no Change in Control counts.

    Reads only the scenario and the finished outcome's facts (trigger and date,
    last day, acceleration date, vesting schedule), so any pipeline that yields
    those can call it.
    """
    cic = scenario.change_in_control
    if cic is None or cic.date > outcome.as_of:
        return None
    test = outcome.change_in_control_test
    if test is not None and not test.is_change_in_control:
        return None
    return golden_parachute(ParachuteFacts(
        hire_date=scenario.hire_date, change_date=cic.date, exercise_price=scenario.exercise_price,
        stock_price=scenario.stock_price, terms=scenario.terms, assumptions=scenario.assumptions,
        schedule=tuple(outcome.vesting_schedule), last_day=outcome.last_day,
        trigger=outcome.severance_trigger, trigger_date=outcome.severance_termination_date,
        acceleration_date=outcome.acceleration_date,
        second_trigger=any(f.code == "second_trigger" for f in outcome.flags),
        pay=_includible_pay(scenario.assumptions.w2_box1_by_year, scenario.assumptions.other_includible_pay_by_year),
    ))
