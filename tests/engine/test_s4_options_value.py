"""§4 Stock options and the Sion Power buyout: what the options are worth, how
long they can be exercised, and the $127,500 paid on the hire date.

READING.md: intrinsic value = vested shares × max(0, stock price − exercise
price); the grant-date fair value is Black-Scholes with volatility, risk-free
rate, expected term and dividend yield as assumptions; vested options stay
exercisable for 90 days after the last day (an assumption); "Valence will buy
out your nine month non-expiring severance agreement with Sion Power
Corporation in cash upon the date of hiring--$127,500.00", owed whatever happens.
"""

from __future__ import annotations

import math
from datetime import date

import pytest
from pydantic import ValidationError

from engine.options import black_scholes_call
from tests.engine.conftest import BUYOUT, HIRE, codes, flag, line_item, run, terminated


def closed_form_call(spot, strike, years, rate, volatility, dividend_yield):
    """Black-Scholes-Merton call, written out here from the textbook formula."""
    def n(x):
        return 0.5 * (1 + math.erf(x / math.sqrt(2)))
    d1 = (math.log(spot / strike) + (rate - dividend_yield + 0.5 * volatility**2) * years) / (volatility * math.sqrt(years))
    d2 = d1 - volatility * math.sqrt(years)
    return spot * math.exp(-dividend_yield * years) * n(d1) - strike * math.exp(-rate * years) * n(d2)


# --- Intrinsic value

def test_still_employed_on_1_jan_2008_the_vested_options_are_worth_1_212_500():
    outcome = run(as_of=date(2008, 1, 1))
    # 606,250 × max(0, $5.00 − $3.00) = $1,212,500
    assert outcome.vested_option_value == pytest.approx(1_212_500.00, abs=0.005)
    assert outcome.option_intrinsic_value == pytest.approx(1_212_500.00, abs=0.005)
    item = line_item(outcome, "vested_options")
    assert item.amount == pytest.approx(1_212_500.00, abs=0.005)
    assert item.clause == "§4"
    assert item.kind == "option_value"


def test_options_under_water_are_worth_nothing_not_a_negative_amount():
    assert run(as_of=date(2008, 1, 1), stock_price=2.00).option_intrinsic_value == 0


def test_options_at_the_money_are_worth_nothing():
    assert run(as_of=date(2008, 1, 1), stock_price=3.00).option_intrinsic_value == 0


def test_intrinsic_value_at_a_stock_price_of_3_50():
    # 606,250 × ($3.50 − $3.00) = $303,125
    assert run(as_of=date(2008, 1, 1), stock_price=3.50).option_intrinsic_value == pytest.approx(303_125.00, abs=0.005)


def test_forfeited_shares_carry_no_value():
    outcome = terminated(date(2006, 11, 15))
    # only the 381,250 vested count: 381,250 × $2 = $762,500
    assert outcome.option_intrinsic_value == pytest.approx(762_500.00, abs=0.005)


def test_total_value_is_the_cash_plus_the_options():
    outcome = terminated(date(2006, 11, 15))
    # cash: salary 491 days × 250,000 / 365 = 336,301.37; + 127,500 + 125,000 + 6 × 1,000 = 594,801.37
    # value: 594,801.37 + 762,500 = 1,357,301.37
    assert outcome.total_cash == pytest.approx(594_801.37, abs=0.005)
    assert outcome.total_value == pytest.approx(1_357_301.37, abs=0.005)


# --- Exercise window (assumption: 90 days after the last day)

def test_vested_options_stay_exercisable_for_90_days_after_the_last_day():
    outcome = terminated(date(2006, 11, 15))
    # 15 Nov 2006 + 90 days: 15 days to 30 Nov, 31 to 31 Dec (46), 31 to 31 Jan (77), 13 → 13 Feb 2007
    assert outcome.option_exercise_deadline == date(2007, 2, 13)
    assert flag(outcome, "exercise_window_assumed").clause.startswith("§4")


def test_a_negotiated_30_day_exercise_window():
    outcome = terminated(date(2006, 11, 15), assumptions={"exercise_window_days": 30})
    assert outcome.option_exercise_deadline == date(2006, 12, 15)


def test_while_still_employed_there_is_no_exercise_deadline():
    outcome = run(as_of=date(2008, 1, 1))
    assert outcome.option_exercise_deadline is None
    assert "exercise_window_assumed" not in codes(outcome)


# --- Grant-date fair value (Black-Scholes)

def test_black_scholes_matches_the_textbook_value_10_4506():
    # S = K = 100, T = 1, r = 5%, σ = 20%, q = 0:
    # d1 = (0 + (0.05 + 0.02) × 1) / 0.2 = 0.35, d2 = 0.15
    # 100 × N(0.35) − 100 × e^−0.05 × N(0.15) = 63.6831 − 53.2325 = 10.4506
    outcome = run(
        exercise_price=100.0, stock_price=100.0,
        assumptions={"volatility_pct": 20, "risk_free_rate_pct": 5, "expected_term_years": 1, "dividend_yield_pct": 0},
    )
    assert outcome.grant_date_fair_value_per_option == pytest.approx(10.4506, abs=1e-4)
    # the Board books it on the whole grant: 10.4506 × 1,000,000
    assert outcome.grant_date_fair_value_total == pytest.approx(10_450_583.6, abs=1.0)


def test_black_scholes_matches_hulls_example_with_spot_above_strike():
    # Hull, Options, Futures and Other Derivatives: S = 42, K = 40, r = 10%, σ = 20%, T = 0.5 → c = 4.76
    assert black_scholes_call(42, 40, 0.5, 0.10, 0.20, 0.0) == pytest.approx(4.76, abs=0.005)


def test_the_fair_value_at_the_default_assumptions_is_the_closed_form_at_spot_equal_to_strike():
    # Defaults: exercise $3.00 = stock at grant, σ = 60%, r = 4%, T = 6.25 years, q = 0.
    expected = closed_form_call(3.0, 3.0, 6.25, 0.04, 0.60, 0.0)
    outcome = run()
    assert outcome.grant_date_fair_value_per_option == pytest.approx(expected, abs=1e-4)
    assert outcome.grant_date_fair_value_total == pytest.approx(expected * 1_000_000, abs=0.01)


def test_a_dividend_yield_lowers_the_fair_value_as_the_closed_form_says():
    assumptions = {"volatility_pct": 45, "risk_free_rate_pct": 4.5, "expected_term_years": 5, "dividend_yield_pct": 2}
    expected = closed_form_call(3.0, 3.0, 5.0, 0.045, 0.45, 0.02)
    with_dividends = run(assumptions=assumptions).grant_date_fair_value_per_option
    assert with_dividends == pytest.approx(expected, abs=1e-4)
    no_dividends = run(assumptions={**assumptions, "dividend_yield_pct": 0}).grant_date_fair_value_per_option
    assert with_dividends < no_dividends


def test_the_fair_value_is_taken_at_grant_so_the_later_stock_price_does_not_change_it():
    assert run(stock_price=5.0).grant_date_fair_value_per_option == run(stock_price=9.0).grant_date_fair_value_per_option


# --- The Sion Power buyout

@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"as_of": HIRE},
        {"termination": {"date": "2006-11-15", "reason": "without_good_cause"}},
        {"termination": {"date": "2006-11-15", "reason": "good_cause", "good_cause_ground": "conviction"}},
        {"termination": {"date": "2005-07-13", "reason": "resignation"}},
        {"termination": {"date": "2005-07-20", "reason": "death"}},
        {"change_in_control": {"date": "2006-03-01"}, "as_of": "2007-01-01"},
    ],
    ids=["default", "hire-day", "without-good-cause", "good-cause", "resigns-day-one", "death", "cic"],
)
def test_the_127_500_sion_power_buyout_is_paid_in_cash_on_the_hire_date_whatever_happens_later(fields):
    outcome = run(**fields)
    assert outcome.signing_buyout == BUYOUT
    item = line_item(outcome, "signing_buyout")
    assert (item.amount, item.date, item.clause, item.kind) == (127_500.00, HIRE, "§4", "cash")
    buyout_payments = [p for p in outcome.payments if p.component == "signing_buyout"]
    assert [(p.date, p.amount) for p in buyout_payments] == [(HIRE, 127_500.00)]
    assert outcome.payments[0].date == HIRE


def test_a_vanishingly_small_volatility_is_valued_or_rejected_never_an_exception():
    try:
        outcome = run(assumptions={"volatility_pct": 1e-322})
    except ValidationError as exc:  # a clean rejection naming the field is fine too
        assert "volatility_pct" in str(exc)
        return
    # As σ → 0 the call is worth its discounted forward intrinsic value:
    # S = K = 3, r = 4%, T = 6.25, q = 0 → 3 − 3 × e^(−0.25) = 3 × (1 − 0.7788) = 0.6636
    assert outcome.grant_date_fair_value_per_option == pytest.approx(3 - 3 * math.exp(-0.04 * 6.25), abs=1e-3)


def test_a_half_cent_of_intrinsic_value_rounds_up_as_a_board_member_would_by_hand():
    from engine.options import intrinsic_value

    # 381,250 × ($7.3141 − $3) = 381,250 × 4.3141 = 1,644,750.625 exactly → $1,644,750.63
    assert intrinsic_value(381_250, 7.3141, 3.0) == 1_644_750.63
    # 100,000 × ($3.000005 − $3) = $0.50 (no rounding at all)
    assert intrinsic_value(100_000, 3.000005, 3.0) == 0.5


def test_vested_plus_accelerated_value_is_computed_once_and_its_parts_add_up():
    # READING.md "Money is exact to the cent". Single-trigger acceleration at a Change in Control on
    # 1 Aug 2006: 325,000 vested (100,000 on hire + 225,000 on 13 Jul 2006), 675,000 accelerated.
    # At $3.125005 over $3.00: 1,000,000 × $0.125005 = $125,005.00, rounded once.
    # Vested part: 325,000 × $0.125005 = $40,626.625 → $40,626.63 (half a cent up);
    # accelerated part: the rest, $125,005.00 − $40,626.63 = $84,378.37 (rounded alone it would be
    # 84,378.375 → .38, and the parts would add up to $125,005.01).
    outcome = run(as_of=date(2006, 9, 1), stock_price=3.125005,
                  change_in_control={"date": date(2006, 8, 1)}, assumptions={"cic_acceleration": "single_trigger"})
    assert (outcome.vested_shares, outcome.accelerated_shares) == (325_000, 675_000)
    assert outcome.option_intrinsic_value == 125_005.00
    assert outcome.vested_option_value == 40_626.63
    assert outcome.accelerated_option_value == 84_378.37
