"""§280G properties that hold for every Change in Control scenario (280G.md G9, G10, G12-G14)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from engine import Scenario, evaluate

FAST = settings(max_examples=60, deadline=None)
HIRE = date(2005, 7, 13)


@st.composite
def cic_scenarios(draw, acceleration=None):
    change = HIRE + timedelta(days=draw(st.integers(0, 1600)))
    last = change + timedelta(days=draw(st.integers(0, 900)))
    data = {
        "hire_date": HIRE, "exercise_price": draw(st.sampled_from([1.0, 3.0, 3.13, 6.0])),
        "stock_price": draw(st.floats(0.5, 40, allow_nan=False)),
        "change_in_control": {"date": change},
        "assumptions": {
            "cic_acceleration": acceleration or draw(st.sampled_from(["none", "single_trigger", "double_trigger"])),
            "acceleration_presumption_rebutted": draw(st.booleans()),
            "monthly_health_premium": draw(st.sampled_from([0.0, 1000.0, 2500.0])),
        },
    }
    if draw(st.booleans()):
        data["termination"] = {"date": last, "reason": draw(st.sampled_from(["without_good_cause", "resignation"]))}
    else:
        data["as_of"] = last
    return data


def position(data, price=None):
    if price is not None:
        data = {**data, "stock_price": price}
    return evaluate(Scenario.model_validate(data)).golden_parachute


@FAST
@given(cic_scenarios(acceleration="single_trigger"), st.floats(0.01, 30))
def test_p_never_falls_as_the_price_rises_with_acceleration_on(data, rise):
    """G10: the Black-Scholes value rises with S; G9: every piece is proportional to V_i."""
    low = position(data)
    high = position(data, data["stock_price"] + rise)
    assert high.parachute_value >= low.parachute_value - 1e-6


@FAST
@given(cic_scenarios())
def test_no_excise_and_no_lost_deduction_when_p_is_under_3b(data):
    gp = position(data)
    if gp.parachute_value < 3 * gp.base_amount:
        assert not gp.exceeds_safe_harbor
        assert gp.excess_parachute_payment == 0 and gp.excise_tax == 0 and gp.lost_deduction_tax_cost == 0
        assert gp.cuts == [] and gp.net_if_cut_back == gp.net_if_paid_in_full
        assert gp.headroom > -1


@FAST
@given(cic_scenarios())
def test_total_excess_is_the_sum_of_the_amounts_less_one_base(data):
    """G13: Σ (amount_i − B × PV_i / P) = Σ amount_i − B; G14: excise 20%, lost deduction = excess."""
    gp = position(data)
    if gp.exceeds_safe_harbor:
        total = sum(i.amount for i in gp.items) - gp.base_amount
        assert abs(gp.excess_parachute_payment - total) < 1e-6 * max(1.0, total)
        assert abs(sum(i.base_allocated for i in gp.items) - gp.base_amount) < 1e-6 * max(1.0, gp.base_amount)
        assert abs(gp.excise_tax - 0.2 * gp.excess_parachute_payment) < 1e-6 * max(1.0, total)
        assert gp.lost_deduction == gp.excess_parachute_payment
        # G15: the cutback reaches the safe harbor (when anything can be cut) and never cuts more than needed.
        assert gp.parachute_value_after_cutback <= gp.safe_harbor_limit + 1e-6 or gp.base_amount == 0


@FAST
@given(cic_scenarios())
def test_p_is_the_sum_of_the_items_present_values_and_each_is_at_most_its_amount(data):
    gp = position(data)
    assert abs(gp.parachute_value - sum(i.present_value for i in gp.items)) < 1e-6
    for item in gp.items:
        assert 0 <= item.present_value <= item.amount + 1e-9
    for t in gp.tranches:
        assert 0 <= t.contingent <= t.value + 1e-9


def test_no_change_in_control_no_golden_parachute():
    outcome = evaluate(Scenario.model_validate({"termination": {"date": "2006-11-15", "reason": "without_good_cause"}}))
    assert outcome.golden_parachute is None


def test_the_contour_price_is_where_evaluate_crosses_3b():
    """G12 on arrays: the crossing price of example (b)'s facts, checked by two ordinary evaluations."""
    from analyses.parachute_contour import safe_harbor_contour

    base = Scenario.model_validate({"exercise_price": 3.13, "stock_price": 3.13,
                                    "change_in_control": {"date": "2006-09-01"},
                                    "assumptions": {"cic_acceleration": "single_trigger", "risk_free_rate_pct": 4.5}})
    [point] = safe_harbor_contour(base, "without_good_cause", [date(2007, 6, 1)], 3.0, 15.0)
    assert point.price is not None and 3.0 < point.price < 9.0  # example (b) is over at $9.00
    data = {"exercise_price": 3.13, "change_in_control": {"date": "2006-09-01"},
            "termination": {"date": "2007-06-01", "reason": "without_good_cause"},
            "assumptions": {"cic_acceleration": "single_trigger", "risk_free_rate_pct": 4.5}}
    assert position({**data, "stock_price": point.price + 0.001}).exceeds_safe_harbor
    assert not position({**data, "stock_price": point.price - 0.002}).exceeds_safe_harbor
    # Without acceleration only the $125,000 lump sum counts: never over the line at any price.
    none = base.model_copy(update={"assumptions": base.assumptions.model_copy(update={"cic_acceleration": "none"})})
    [flat] = safe_harbor_contour(none, "without_good_cause", [date(2007, 6, 1)], 3.0, 15.0)
    assert flat.price is None and not flat.always_over
