"""§6.1 Payments on a Change in Control or termination for other than Good Cause.

"If during the first twenty four (24) months your employment under this
agreement, there occurs a Change in Control ... or the Company terminates your
employment for other than Good Cause ..., the Company shall (a) pay to you, on
the fifth day following the date on which the Change of Control or termination
occurs (... the Termination Date), a lump sum payment of ... ($125,000) and (b)
provide you with continued group health insurance coverage for six (6) months
following the termination date".

READING.md: the window is hire date ≤ trigger < hire date + 24 months; a Change
in Control alone pays even if employment continues; one lump sum when both
triggers fall in the window (flag); health coverage costs the Company only for
months after the last day employed (flag the overlap); disability pays, death
pays nothing (flag), resignation pays nothing.
"""

from __future__ import annotations

from datetime import date

import pytest

from engine import OfferTerms
from tests.engine.conftest import (
    BUYOUT, HIRE, LUMP_SUM, codes, flag, line_item, months_after, run, terminated,
)

CENT = 0.005
# Hire 13 Jul 2005 + 24 months = 13 Jul 2007: the first day outside the window.
WINDOW_END = date(2007, 7, 13)
LAST_DAY_INSIDE = date(2007, 7, 12)


def test_the_first_twenty_four_months_end_the_day_before_13_jul_2007():
    assert months_after(HIRE, 24) == WINDOW_END
    assert run(as_of=date(2008, 1, 1)).protection_window_end == WINDOW_END


def test_terminated_without_good_cause_on_15_nov_2006_pays_125_000_on_20_nov_2006_and_six_months_of_health():
    outcome = terminated(date(2006, 11, 15))
    assert outcome.severance_lump_sum == LUMP_SUM
    assert outcome.severance_trigger == "termination"
    assert outcome.severance_termination_date == date(2006, 11, 15)
    # "on the fifth day following": 15 + 5 = 20 Nov 2006
    assert outcome.severance_payment_date == date(2006, 11, 20)
    assert outcome.health_continuation_months == 6
    # 6 months × $1,000 (assumed premium) = $6,000
    assert outcome.health_continuation_cost == pytest.approx(6_000.00, abs=CENT)
    lump = line_item(outcome, "severance_lump_sum")
    assert (lump.amount, lump.date, lump.clause) == (125_000.00, date(2006, 11, 20), "§6.1(a)")
    health = line_item(outcome, "health_continuation")
    assert health.clause == "§6.1(b)"
    assert health.date == date(2006, 11, 16)
    assert "health_premium_assumed" in codes(outcome)


def test_the_lump_sum_and_the_health_months_are_on_the_payments_timeline():
    outcome = terminated(date(2006, 11, 15))
    lump = [(p.date, p.amount, p.clause) for p in outcome.payments if p.component == "severance_lump_sum"]
    assert lump == [(date(2006, 11, 20), 125_000.00, "§6.1(a)")]
    health = [(p.date, p.amount) for p in outcome.payments if p.component == "health_continuation"]
    # the six months following 15 Nov 2006 start on the 16th of Nov, Dec, Jan, Feb, Mar, Apr
    assert health == [
        (date(2006, 11, 16), 1_000.00), (date(2006, 12, 16), 1_000.00), (date(2007, 1, 16), 1_000.00),
        (date(2007, 2, 16), 1_000.00), (date(2007, 3, 16), 1_000.00), (date(2007, 4, 16), 1_000.00),
    ]


def test_terminated_without_good_cause_on_15_nov_2007_falls_outside_the_24_months_and_pays_no_lump_sum():
    outcome = terminated(date(2007, 11, 15))
    assert outcome.severance_lump_sum == 0
    assert outcome.severance_payment_date is None
    assert outcome.health_continuation_cost == 0
    assert "termination_outside_window" in codes(outcome)
    # only salary and the buyout: 856 days × 250,000 / 365 = 586,301.37; + 127,500 = 713,801.37
    assert outcome.total_cash == pytest.approx(713_801.37, abs=CENT)


def test_a_termination_on_the_last_day_of_the_24_months_pays():
    outcome = terminated(LAST_DAY_INSIDE)
    assert outcome.severance_lump_sum == LUMP_SUM
    # 12 Jul 2007 + 5 days = 17 Jul 2007
    assert outcome.severance_payment_date == date(2007, 7, 17)


def test_a_termination_on_hire_date_plus_24_months_does_not_pay():
    outcome = terminated(WINDOW_END)
    assert outcome.severance_lump_sum == 0
    assert "termination_outside_window" in codes(outcome)


def test_a_termination_on_the_hire_date_pays():
    outcome = terminated(HIRE)
    assert outcome.severance_lump_sum == LUMP_SUM
    assert outcome.severance_payment_date == date(2005, 7, 18)


def test_a_change_in_control_alone_pays_the_lump_sum_even_if_employment_continues():
    outcome = run(as_of=date(2007, 1, 1), change_in_control={"date": date(2006, 3, 1)})
    assert outcome.employed is True
    assert outcome.severance_lump_sum == LUMP_SUM
    assert outcome.severance_trigger == "change_in_control"
    assert outcome.severance_termination_date == date(2006, 3, 1)
    # 1 Mar 2006 + 5 days = 6 Mar 2006
    assert outcome.severance_payment_date == date(2006, 3, 6)


def test_health_continuation_costs_nothing_while_he_is_still_employed_and_the_overlap_is_flagged():
    outcome = run(as_of=date(2007, 1, 1), change_in_control={"date": date(2006, 3, 1)})
    assert outcome.health_continuation_months == 0
    assert outcome.health_continuation_cost == 0
    overlap = flag(outcome, "health_overlaps_employment")
    assert overlap.clause == "§6.1(b)"


def test_a_change_in_control_on_the_last_day_of_the_24_months_pays():
    outcome = run(as_of=date(2008, 1, 1), change_in_control={"date": LAST_DAY_INSIDE})
    assert outcome.severance_lump_sum == LUMP_SUM
    assert outcome.severance_payment_date == date(2007, 7, 17)


def test_a_change_in_control_on_hire_date_plus_24_months_does_not_pay():
    outcome = run(as_of=date(2008, 1, 1), change_in_control={"date": WINDOW_END})
    assert outcome.severance_lump_sum == 0
    assert "change_in_control_outside_window" in codes(outcome)


def test_a_change_in_control_after_the_as_of_date_has_not_happened_yet():
    outcome = run(as_of=date(2006, 1, 1), change_in_control={"date": date(2006, 3, 1)})
    assert outcome.severance_lump_sum == 0
    assert "change_in_control_after_as_of" in codes(outcome)


def test_a_change_in_control_after_his_last_day_triggers_nothing_for_him():
    outcome = terminated(date(2006, 1, 31), "resignation", change_in_control={"date": date(2006, 3, 1)})
    assert outcome.severance_lump_sum == 0
    assert "change_in_control_after_employment" in codes(outcome)


def test_both_triggers_inside_the_window_pay_once_and_flag_the_second_trigger():
    outcome = terminated(date(2006, 5, 1), change_in_control={"date": date(2006, 3, 1)})
    # one lump sum, on the fifth day after the first trigger (1 Mar 2006 → 6 Mar 2006)
    assert outcome.severance_lump_sum == LUMP_SUM
    assert outcome.severance_trigger == "change_in_control"
    assert outcome.severance_payment_date == date(2006, 3, 6)
    assert [p.amount for p in outcome.payments if p.component == "severance_lump_sum"] == [125_000.00]
    assert flag(outcome, "second_trigger").clause == "§6.1"


def test_after_a_change_in_control_only_the_health_months_after_his_last_day_cost_the_company():
    # Six months following 1 Mar 2006: 2 Mar–1 Apr, 2 Apr–1 May, 2 May–1 Jun, 2 Jun–1 Jul, 2 Jul–1 Aug, 2 Aug–1 Sep.
    # Last day 1 May 2006: months 3–6 fall after it → 4 × $1,000 = $4,000.
    outcome = terminated(date(2006, 5, 1), change_in_control={"date": date(2006, 3, 1)})
    assert outcome.health_continuation_months == 4
    assert outcome.health_continuation_cost == pytest.approx(4_000.00, abs=CENT)
    assert "health_overlaps_employment" in codes(outcome)


def test_a_termination_without_good_cause_after_the_window_does_not_undo_a_change_in_control_inside_it():
    outcome = terminated(date(2007, 12, 1), change_in_control={"date": date(2007, 5, 1)})
    assert outcome.severance_lump_sum == LUMP_SUM
    assert outcome.severance_trigger == "change_in_control"
    assert "second_trigger" not in codes(outcome)
    # the six months following 1 May 2007 (2 May – 1 Nov 2007) all fall before his last day, 1 Dec 2007
    assert outcome.health_continuation_cost == 0


def test_a_change_in_control_and_a_termination_on_the_same_day_pay_once_with_six_months_of_health():
    outcome = terminated(date(2006, 11, 15), change_in_control={"date": date(2006, 11, 15)})
    assert outcome.severance_lump_sum == LUMP_SUM
    assert [p.amount for p in outcome.payments if p.component == "severance_lump_sum"] == [125_000.00]
    assert outcome.severance_payment_date == date(2006, 11, 20)
    # every month following 15 Nov 2006 falls after the last day: 6 × $1,000
    assert outcome.health_continuation_cost == pytest.approx(6_000.00, abs=CENT)
    assert "second_trigger" in codes(outcome)


def test_a_change_in_control_on_the_hire_date_pays():
    outcome = run(as_of=date(2006, 1, 1), change_in_control={"date": HIRE})
    assert outcome.severance_lump_sum == LUMP_SUM
    assert outcome.severance_payment_date == date(2005, 7, 18)


def test_a_termination_for_disability_is_other_than_good_cause_and_pays_inside_the_window():
    outcome = terminated(date(2006, 11, 15), "disability")
    assert outcome.severance_lump_sum == LUMP_SUM
    assert outcome.severance_payment_date == date(2006, 11, 20)
    assert outcome.health_continuation_months == 6
    assert "disability_other_than_good_cause" in codes(outcome)


def test_a_termination_for_disability_after_the_window_does_not_pay():
    assert terminated(date(2007, 11, 15), "disability").severance_lump_sum == 0


def test_death_pays_nothing_and_flags_that_the_letter_is_silent():
    outcome = terminated(date(2006, 11, 15), "death")
    assert outcome.severance_lump_sum == 0
    assert outcome.health_continuation_cost == 0
    silent = flag(outcome, "death_silent")
    assert silent.clause == "§6.1"
    # salary 336,301.37 + buyout 127,500 = 463,801.37
    assert outcome.total_cash == pytest.approx(463_801.37, abs=CENT)


def test_resignation_pays_nothing_even_inside_the_window():
    outcome = terminated(date(2006, 11, 15), "resignation")
    assert outcome.severance_lump_sum == 0
    assert outcome.severance_trigger is None


def test_a_termination_for_good_cause_pays_nothing():
    outcome = terminated(date(2006, 11, 15), "good_cause", termination_extra={"good_cause_ground": "policy"})
    assert outcome.severance_lump_sum == 0


def test_after_the_24_months_he_receives_only_salary_to_the_termination_date():
    outcome = terminated(date(2008, 1, 1))
    # 903 days × 250,000 / 365 = 618,493.15; + 127,500 buyout = 745,993.15
    assert outcome.total_cash == pytest.approx(745_993.15, abs=CENT)
    assert "benefits_not_valued" in codes(outcome)


def test_the_total_cash_on_15_nov_2006_is_salary_buyout_lump_sum_and_health():
    outcome = terminated(date(2006, 11, 15))
    # 336,301.37 + 127,500 + 125,000 + 6,000 = 594,801.37
    assert outcome.total_cash == pytest.approx(594_801.37, abs=CENT)
    assert outcome.signing_buyout == BUYOUT


def test_the_health_premium_is_an_assumption_the_board_can_change():
    outcome = terminated(date(2006, 11, 15), assumptions={"monthly_health_premium": 1_450})
    # 6 × $1,450 = $8,700
    assert outcome.health_continuation_cost == pytest.approx(8_700.00, abs=CENT)


def test_a_negotiated_250_000_lump_sum_over_36_months_pays_for_a_termination_in_month_30():
    # Month 30 runs from hire + 29 months (13 Dec 2007) to the day before hire + 30 months (13 Jan 2008):
    # 1 Jan 2008 is in it, outside the letter's 24 months, inside a negotiated 36.
    letter = terminated(date(2008, 1, 1))
    assert letter.severance_lump_sum == 0
    variant = terminated(date(2008, 1, 1), terms=OfferTerms(severance_lump_sum=250_000, protection_months=36))
    assert variant.severance_lump_sum == 250_000.00
    assert variant.severance_payment_date == date(2008, 1, 6)
    # hire + 36 months = 13 Jul 2008
    assert variant.protection_window_end == date(2008, 7, 13)
    # salary 13 Jul 2005 – 1 Jan 2008: 903 days × 250,000 / 365 = 618,493.15
    # 618,493.15 + 127,500 + 250,000 + 6 × 1,000 = 1,001,993.15
    assert variant.total_cash == pytest.approx(1_001_993.15, abs=CENT)


def test_a_negotiated_payment_delay_and_health_period():
    outcome = terminated(
        date(2006, 11, 15), terms=OfferTerms(payment_delay_days=10, health_continuation_months=12)
    )
    assert outcome.severance_payment_date == date(2006, 11, 25)
    assert outcome.health_continuation_months == 12
    assert outcome.health_continuation_cost == pytest.approx(12_000.00, abs=CENT)


def test_a_change_in_control_after_a_termination_without_good_cause_adds_nothing_and_says_so():
    # READING.md §6.1: terminated without Good Cause on 15 Nov 2006; the Change in Control on
    # 1 Dec 2006 comes after his last day, so it triggers nothing, not even single-trigger
    # acceleration. The termination alone pays: $125,000 on 20 Nov 2006 (15 Nov + 5 days), six
    # health months; 381,250 vested (100,000 + 225,000 + 56,250 on 13 Oct 2006), 618,750 forfeited.
    outcome = terminated(date(2006, 11, 15), change_in_control={"date": date(2006, 12, 1)},
                         assumptions={"cic_acceleration": "single_trigger"})
    assert outcome.severance_trigger == "termination"
    assert outcome.severance_payment_date == date(2006, 11, 20)
    assert outcome.severance_lump_sum == LUMP_SUM
    assert outcome.health_continuation_months == 6
    assert (outcome.vested_shares, outcome.accelerated_shares, outcome.forfeited_shares) == (381_250, 0, 618_750)
    assert "second_trigger" not in codes(outcome)
    assert "triggers nothing" in flag(outcome, "change_in_control_after_employment").message


def test_every_sentence_follows_the_terms_in_force_not_the_letters_numbers():
    # A negotiated 36-month window and a one-day payment delay: terminated without Good Cause on
    # 15 Nov 2007, inside hire + 36 months (13 Jul 2008), so §6.1 pays $125,000 on 16 Nov 2007.
    outcome = terminated(date(2007, 11, 15), terms={"protection_months": 36, "payment_delay_days": 1},
                         assumptions={"annual_raise_pct": 3})
    assert outcome.severance_payment_date == date(2007, 11, 16)
    explanation = line_item(outcome, "severance_lump_sum").explanation
    assert "the first 36 months" in explanation and "paid on the 1st day after" in explanation
    sentences = [f.message for f in outcome.flags] + [i.explanation for i in outcome.line_items]
    assert not any("24 months" in s or "1th" in s for s in sentences), sentences
    # Outside the 36 months the flag names the window in force too.
    late = terminated(date(2008, 7, 13), terms={"protection_months": 36})
    assert "the first 36 months (which end 12 Jul 2008)" in flag(late, "termination_outside_window").message
