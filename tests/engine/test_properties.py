"""Properties that hold for every scenario, whatever the dates and reasons
(READING.md as a whole: §3, §4, §6.1, §6.2, §6.3, §10).

The expectations are computed here independently of the engine: the §6.1
window is recomputed with the test's own month arithmetic (hire ≤ trigger <
hire + 24 months, month-end clipped), the §6.2(b) cure period and the §6.3
thresholds are re-read from READING.md.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from engine import OfferTerms, Scenario, evaluate
from tests.engine.conftest import BUYOUT, days_after, days_employed, months_after

FAST = settings(max_examples=200, deadline=None)

REASONS = ["without_good_cause", "good_cause", "resignation", "death", "disability"]


@st.composite
def hire_dates(draw):
    """Any day 1995–2015, with month ends and 29 Feb drawn often (clipping cases)."""
    year = draw(st.integers(1995, 2015))
    month = draw(st.integers(1, 12))
    last = calendar.monthrange(year, month)[1]
    day = draw(st.one_of(st.integers(1, last), st.sampled_from([last, min(29, last), min(30, last)])))
    return date(year, month, day)


@st.composite
def cic_facts(draw):
    deal = draw(st.sampled_from(["merger", "asset_sale", "acquisition", "liquidation", None]))
    if deal is None:
        return None
    pct = draw(st.one_of(st.sampled_from([49.99, 50.0, 50.01, 0.0, 100.0]), st.floats(0, 100)))
    if deal == "merger":
        return {"deal_type": deal, "shareholders_retained_pct": pct}
    if deal == "asset_sale":
        return {"deal_type": deal, "all_or_substantially_all_assets": draw(st.booleans())}
    if deal == "acquisition":
        return {"deal_type": deal, "acquirer_pct": pct, "acquirer_is_berg": draw(st.booleans())}
    return {"deal_type": deal}


@st.composite
def day_on_or_after(draw, hire: date) -> date:
    """A day from the hire date on, often right at the §6.1 window's edge."""
    edge = months_after(hire, 24)
    return draw(st.one_of(
        st.builds(lambda n: days_after(hire, n), st.integers(0, 800)),
        st.builds(lambda n: days_after(hire, n), st.integers(0, 2_500)),
        st.builds(lambda n: days_after(edge, n), st.integers(-2, 1)),
    ))


@st.composite
def scenarios(draw):
    hire = draw(hire_dates())
    data: dict = {
        "hire_date": hire,
        "exercise_price": draw(st.sampled_from([0.5, 3.0, 10.0])),
        "stock_price": draw(st.sampled_from([0.25, 3.0, 5.0, 12.5])),
        "assumptions": {
            "cic_acceleration": draw(st.sampled_from(["none", "single_trigger", "double_trigger"])),
            "unvested_at_termination": draw(st.sampled_from(["forfeit", "accelerate"])),
            "monthly_health_premium": draw(st.sampled_from([0.0, 1_000.0, 1_234.57])),
            "annual_raise_pct": draw(st.sampled_from([0.0, 0.0, 3.0, 10.0])),
        },
    }
    if draw(st.booleans()):
        data["terms"] = {
            "protection_months": draw(st.sampled_from([0, 12, 24, 36])),
            "severance_lump_sum": draw(st.sampled_from([125_000.0, 250_000.0, 0.0])),
        }
    if draw(st.booleans()):
        data["as_of"] = draw(day_on_or_after(hire))
    if draw(st.booleans()):
        last_day = draw(day_on_or_after(hire))
        reason = draw(st.sampled_from(REASONS))
        termination: dict = {"reason": reason, "date": last_day}
        if reason == "good_cause":
            ground = draw(st.sampled_from([None, "conviction", "neglect", "neglect", "policy"]))
            termination["good_cause_ground"] = ground
            if ground == "neglect":
                # notice 28–31 days before the last day straddles the 30-day cure boundary
                back = draw(st.one_of(st.integers(28, 31), st.integers(0, 90)))
                termination["notice_date"] = max(hire, last_day - timedelta(days=back))
        if reason == "resignation" and draw(st.booleans()):
            back = draw(st.one_of(st.integers(58, 61), st.integers(0, 120)))
            termination["notice_date"] = max(hire, last_day - timedelta(days=back))
            if draw(st.booleans()):
                del termination["date"]  # §10: defaults to notice + 60 days
        data["termination"] = termination
    if draw(st.booleans()):
        data["change_in_control"] = {"date": draw(day_on_or_after(hire)), "facts": draw(cic_facts())}
    try:
        return Scenario.model_validate(data)
    except ValidationError:
        assume(False)


# --- Independent readings of READING.md used as oracles.

def expected_last_day(s: Scenario):
    t = s.termination
    if t is None:
        return None
    return t.date if t.date is not None else days_after(t.notice_date, 60)


def expected_as_of(s: Scenario) -> date:
    last = expected_last_day(s)
    if last is not None:
        return last
    # still employed: the as-of date, or full vesting at hire + 48 months (12 + 12 quarters)
    return s.as_of if s.as_of is not None else months_after(s.hire_date, 48)


def in_window(s: Scenario, day: date) -> bool:
    # §6.1 "during the first twenty four (24) months": hire ≤ day < hire + N months
    return s.hire_date <= day < months_after(s.hire_date, s.terms.protection_months)


def is_change_in_control(facts) -> bool:
    if facts is None:
        return True  # no facts: taken to be one (flagged)
    if facts.deal_type == "merger":
        return facts.shareholders_retained_pct < 50  # (a)(i) "less that 50%"
    if facts.deal_type == "asset_sale":
        return facts.all_or_substantially_all_assets  # (a)(ii)
    if facts.deal_type == "acquisition":
        return (not facts.acquirer_is_berg) and facts.acquirer_pct > 50  # (b) "more than fifty percent"
    return True  # (c) liquidation


def company_ends_other_than_for_good_cause(s: Scenario) -> bool:
    t = s.termination
    if t is None:
        return False
    if t.reason in ("without_good_cause", "disability"):
        return True
    if t.reason == "good_cause" and t.good_cause_ground == "neglect":
        # §6.2(b): Good Cause only once neglect has continued 30 days after notice
        return expected_last_day(s) < days_after(t.notice_date, 30)
    return False


def expected_trigger(s: Scenario):
    triggers = []
    cic = s.change_in_control
    if cic is not None and is_change_in_control(cic.facts) and cic.date <= expected_as_of(s) and in_window(s, cic.date):
        triggers.append(cic.date)
    if company_ends_other_than_for_good_cause(s) and in_window(s, expected_last_day(s)):
        triggers.append(expected_last_day(s))
    return min(triggers) if triggers else None


# --- §4 vesting

@FAST
@given(hire=hire_dates(), a=st.integers(0, 2_500), b=st.integers(0, 2_500))
def test_vested_shares_never_decrease_with_time_and_never_exceed_the_grant(hire, a, b):
    early, late = sorted((a, b))
    first = evaluate(Scenario(hire_date=hire, as_of=days_after(hire, early)))
    second = evaluate(Scenario(hire_date=hire, as_of=days_after(hire, late)))
    assert 100_000 <= first.vested_shares <= second.vested_shares <= 1_000_000


@FAST
@given(
    shares=st.integers(0, 5_000_000),
    immediate=st.floats(0, 100),
    anniversary=st.floats(0, 100),
    cliff=st.integers(0, 24),
    installments=st.integers(1, 24),
    interval=st.integers(1, 6),
    a=st.integers(0, 4_000),
    b=st.integers(0, 4_000),
)
def test_for_any_negotiated_schedule_vesting_is_monotone_and_ends_at_the_whole_grant(
    shares, immediate, anniversary, cliff, installments, interval, a, b
):
    terms = OfferTerms(
        option_shares=shares, immediate_vest_pct=immediate, first_anniversary_pct=anniversary,
        cliff_months=cliff, quarterly_installments=installments, installment_interval_months=interval,
    )
    hire = date(2005, 7, 13)
    early, late = sorted((a, b))
    v1 = evaluate(Scenario(terms=terms, as_of=days_after(hire, early))).vested_shares
    v2 = evaluate(Scenario(terms=terms, as_of=days_after(hire, late))).vested_shares
    assert 0 <= v1 <= v2 <= shares
    full = evaluate(Scenario(terms=terms, as_of=months_after(hire, cliff + installments * interval)))
    assert full.vested_shares == shares
    assert sum(row.shares for row in full.vesting_schedule) == shares


@FAST
@given(s=scenarios())
def test_vested_accelerated_forfeited_and_unvested_shares_add_up_to_the_grant(s):
    o = evaluate(s)
    assert o.vested_shares + o.accelerated_shares + o.forfeited_shares + o.unvested_shares == s.terms.option_shares
    assert min(o.vested_shares, o.accelerated_shares, o.forfeited_shares, o.unvested_shares) >= 0
    if s.termination is not None:
        assert o.unvested_shares == 0  # at termination nothing is left pending
    else:
        assert o.forfeited_shares == 0  # nothing is forfeited while he stays


@FAST
@given(s=scenarios())
def test_the_schedule_statuses_agree_with_the_share_counts(s):
    o = evaluate(s)
    by_status: dict[str, int] = {}
    for row in o.vesting_schedule:
        by_status[row.status] = by_status.get(row.status, 0) + row.shares
    assert by_status.get("vested", 0) == o.vested_shares
    assert by_status.get("accelerated", 0) == o.accelerated_shares
    assert by_status.get("forfeited", 0) == o.forfeited_shares
    assert by_status.get("unvested", 0) == o.unvested_shares


@FAST
@given(s=scenarios(), low=st.floats(0.01, 1_000), high=st.floats(0.01, 1_000))
def test_intrinsic_value_never_decreases_with_the_stock_price(s, low, high):
    low, high = sorted((low, high))
    cheap = evaluate(s.model_copy(update={"stock_price": low}))
    dear = evaluate(s.model_copy(update={"stock_price": high}))
    assert 0 <= cheap.option_intrinsic_value <= dear.option_intrinsic_value
    # and is exactly (vested + accelerated) × max(0, price − exercise price), to the cent
    shares = dear.vested_shares + dear.accelerated_shares
    assert dear.option_intrinsic_value == pytest.approx(shares * max(0.0, high - s.exercise_price), abs=0.011)


# --- §6.1 lump sum and health

@FAST
@given(s=scenarios())
def test_the_lump_sum_is_all_or_nothing_and_paid_only_for_a_trigger_inside_the_window(s):
    o = evaluate(s)
    assert o.severance_lump_sum in (0.0, s.terms.severance_lump_sum)
    trigger = expected_trigger(s)
    if trigger is None:
        assert o.severance_termination_date is None
        assert o.severance_lump_sum == 0
        assert o.health_continuation_cost == 0
    else:
        assert o.severance_termination_date == trigger
        assert o.severance_lump_sum == s.terms.severance_lump_sum
        assert o.severance_payment_date == days_after(trigger, 5)  # "the fifth day following"
    lump_payments = [p for p in o.payments if p.component == "severance_lump_sum"]
    assert len(lump_payments) <= 1  # one lump sum, never two


@FAST
@given(s=scenarios())
def test_health_continuation_costs_at_most_six_months_and_nothing_while_still_employed(s):
    o = evaluate(s)
    premium = s.assumptions.monthly_health_premium
    assert 0 <= o.health_continuation_months <= 6
    assert o.health_continuation_cost == pytest.approx(o.health_continuation_months * premium, abs=0.005)
    if s.termination is None:
        assert o.health_continuation_cost == 0


# --- §3 salary, §4 buyout, totals

@FAST
@given(s=scenarios())
def test_without_a_raise_salary_is_days_employed_times_the_rate_over_365(s):
    assume(s.assumptions.annual_raise_pct == 0)
    o = evaluate(s)
    days = days_employed(s.hire_date, expected_as_of(s))
    assert o.salary_earned == pytest.approx(days * s.terms.base_salary / 365, abs=0.006)


@FAST
@given(s=scenarios())
def test_the_127_500_buyout_is_paid_on_the_hire_date_in_every_scenario(s):
    o = evaluate(s)
    assert o.signing_buyout == BUYOUT
    assert [(p.date, p.amount) for p in o.payments if p.component == "signing_buyout"] == [(s.hire_date, BUYOUT)]


@FAST
@given(s=scenarios())
def test_the_payments_timeline_sums_to_total_cash_to_the_cent(s):
    o = evaluate(s)
    assert abs(sum(p.amount for p in o.payments) - o.total_cash) < 0.005
    assert o.total_cash == pytest.approx(
        o.salary_earned + o.signing_buyout + o.severance_lump_sum + o.health_continuation_cost, abs=0.005
    )
    assert o.total_value == pytest.approx(o.total_cash + o.option_intrinsic_value, abs=0.005)
    assert all(p.amount > 0 for p in o.payments)
    assert [p.date for p in o.payments] == sorted(p.date for p in o.payments)


@FAST
@given(s=scenarios())
def test_the_exercise_deadline_is_the_last_day_plus_90_days(s):
    o = evaluate(s)
    last = expected_last_day(s)
    if last is None:
        assert o.option_exercise_deadline is None
    else:
        assert o.last_day == last
        assert o.option_exercise_deadline == days_after(last, 90)  # vested ≥ 100,000 on the hire date


# --- Every figure cites its clause

@FAST
@given(s=scenarios())
def test_every_line_item_payment_row_and_flag_cites_a_clause(s):
    o = evaluate(s)
    for item in o.line_items:
        assert item.clause.startswith("§"), item
    for payment in o.payments:
        assert payment.clause.startswith("§"), payment
    for row in o.vesting_schedule:
        assert row.clause.startswith("§"), row
    for f in o.flags:
        assert f.clause.startswith("§"), f
        assert f.code and f.message
    codes = [f.code for f in o.flags]
    assert len(codes) == len(set(codes)), codes


@FAST
@given(s=scenarios())
def test_the_flags_the_reading_requires_are_raised(s):
    o = evaluate(s)
    codes = {f.code for f in o.flags}
    t = s.termination
    if t is not None and t.reason == "death":
        assert "death_silent" in codes
    if t is not None and t.reason == "good_cause" and t.good_cause_ground == "neglect":
        inside_cure = expected_last_day(s) < days_after(t.notice_date, 30)
        assert ("neglect_inside_cure_period" in codes) == inside_cure
    if t is not None and t.reason == "resignation" and t.notice_date is not None and t.date is not None:
        assert ("resignation_short_notice" in codes) == (t.date < days_after(t.notice_date, 60))
    if expected_trigger(s) is not None and t is None:
        assert "health_overlaps_employment" in codes


@FAST
@given(hire=hire_dates(), served=st.integers(0, 900), back=st.integers(0, 90))
def test_neglect_is_good_cause_only_from_notice_plus_30_days(hire, served, back):
    last_day = days_after(hire, served)
    notice = max(hire, last_day - timedelta(days=back))
    o = evaluate(Scenario(
        hire_date=hire,
        termination={"date": last_day, "reason": "good_cause", "good_cause_ground": "neglect", "notice_date": notice},
    ))
    inside_cure = (last_day - notice).days < 30  # §6.2(b): notice + 29 days is still inside
    assert ("neglect_inside_cure_period" in {f.code for f in o.flags}) == inside_cure
    assert o.effective_reason == ("without_good_cause" if inside_cure else "good_cause")
    pays = inside_cure and last_day < months_after(hire, 24)
    assert o.severance_lump_sum == (125_000.0 if pays else 0.0)


@FAST
@given(hire=hire_dates(), notice_after=st.integers(0, 900), served=st.one_of(st.integers(0, 120), st.none()))
def test_a_resignation_works_60_days_notice_or_is_flagged_short_and_never_pays(hire, notice_after, served):
    notice = days_after(hire, notice_after)
    termination = {"reason": "resignation", "notice_date": notice}
    if served is not None:
        termination["date"] = days_after(notice, served)
    o = evaluate(Scenario(hire_date=hire, termination=termination))
    assert o.last_day == days_after(notice, 60 if served is None else served)
    assert ("resignation_short_notice" in {f.code for f in o.flags}) == (served is not None and served < 60)
    assert o.severance_lump_sum == 0
