"""§4 Stock options: the vesting schedule and what happens to it at termination
and at a Change in Control.

"Upon your hire date, 10% of the shares will immediately vest. The remaining
shares will vest over a four year period with 25% of the remaining shares
vesting on the anniversary of hire date and the remaining 75% vesting quarterly
over the remaining three years."

READING.md: 1,000,000 shares; 10% = 100,000 on the hire date; 25% of the
remaining 900,000 = 225,000 on the first anniversary; 75% of 900,000 = 675,000 in
12 equal quarterly installments of 56,250 at months 15, 18, ..., 48. An
installment vests only if employment continues through its vest date (the last
day counts). Forfeiture, the exercise window and acceleration are assumptions.
"""

from __future__ import annotations

from datetime import date

import pytest

from engine import OfferTerms
from tests.engine.conftest import GRANT, HIRE, codes, flag, run, terminated

# 10% × 1,000,000 = 100,000; 25% × 900,000 = 225,000; 675,000 / 12 = 56,250.
IMMEDIATE, ANNIVERSARY, QUARTERLY = 100_000, 225_000, 56_250

LETTER_SCHEDULE = [
    (date(2005, 7, 13), 100_000),
    (date(2006, 7, 13), 225_000),
    (date(2006, 10, 13), 56_250),
    (date(2007, 1, 13), 56_250),
    (date(2007, 4, 13), 56_250),
    (date(2007, 7, 13), 56_250),
    (date(2007, 10, 13), 56_250),
    (date(2008, 1, 13), 56_250),
    (date(2008, 4, 13), 56_250),
    (date(2008, 7, 13), 56_250),
    (date(2008, 10, 13), 56_250),
    (date(2009, 1, 13), 56_250),
    (date(2009, 4, 13), 56_250),
    (date(2009, 7, 13), 56_250),
]


def test_the_vest_dates_are_the_hire_date_the_anniversary_and_the_13th_of_each_quarter_to_13_jul_2009():
    outcome = run(as_of=date(2009, 7, 13))
    assert [(row.vest_date, row.shares) for row in outcome.vesting_schedule] == LETTER_SCHEDULE
    # 100,000 + 225,000 + 12 × 56,250 = 1,000,000
    assert outcome.vesting_schedule[-1].cumulative_shares == 1_000_000
    assert [row.cumulative_shares for row in outcome.vesting_schedule][:4] == [100_000, 325_000, 381_250, 437_500]
    assert all(row.clause == "§4" for row in outcome.vesting_schedule)


def test_ten_percent_of_the_shares_vest_immediately_on_the_hire_date():
    outcome = run(as_of=HIRE)
    assert outcome.vested_shares == IMMEDIATE
    # 1,000,000 − 100,000 still to vest, and nothing forfeited while employed
    assert outcome.unvested_shares == 900_000
    assert outcome.forfeited_shares == 0


def test_a_quarter_of_the_remaining_shares_vest_on_the_first_anniversary_of_hire():
    assert run(as_of=date(2006, 7, 12)).vested_shares == 100_000
    # 100,000 + 225,000
    assert run(as_of=date(2006, 7, 13)).vested_shares == 325_000


def test_still_employed_on_1_jan_2008_606_250_shares_are_vested():
    outcome = run(as_of=date(2008, 1, 1))
    # 100,000 + 225,000 + 5 × 56,250 (13 Oct 2006, 13 Jan, 13 Apr, 13 Jul, 13 Oct 2007) = 606,250
    assert outcome.vested_shares == 606_250
    # 1,000,000 − 606,250 = 393,750 still to vest while he stays
    assert outcome.unvested_shares == 393_750
    assert outcome.forfeited_shares == 0
    assert outcome.employed is True


def test_the_grant_is_fully_vested_at_the_fourth_anniversary():
    # 13 Jul 2009 is hire + 48 months; the day before, the last 56,250 is still to come.
    assert run(as_of=date(2009, 7, 12)).vested_shares == 1_000_000 - 56_250
    assert run(as_of=date(2009, 7, 13)).vested_shares == GRANT
    assert run(as_of=date(2012, 1, 1)).vested_shares == GRANT


def test_without_an_as_of_date_the_figures_are_as_of_full_vesting_still_employed():
    outcome = run()
    assert outcome.as_of == date(2009, 7, 13)  # hire + 48 months
    assert outcome.vested_shares == GRANT
    assert "as_of_defaulted" in codes(outcome)


def test_terminated_without_good_cause_on_15_nov_2006_381_250_vest_and_618_750_are_forfeited():
    outcome = terminated(date(2006, 11, 15))
    # 100,000 + 225,000 + 56,250 (13 Oct 2006) = 381,250; 1,000,000 − 381,250 = 618,750
    assert outcome.vested_shares == 381_250
    assert outcome.forfeited_shares == 618_750
    assert outcome.unvested_shares == 0
    assert outcome.accelerated_shares == 0
    assert "unvested_forfeited" in codes(outcome)
    assert flag(outcome, "unvested_forfeited").clause.startswith("§4")


def test_terminated_on_15_nov_2007_606_250_vest_and_393_750_are_forfeited():
    outcome = terminated(date(2007, 11, 15))
    assert outcome.vested_shares == 606_250
    assert outcome.forfeited_shares == 393_750


def test_an_installment_vests_only_if_employment_continues_through_its_vest_date():
    # Last day 12 Oct 2006: the 13 Oct 2006 installment is lost. 100,000 + 225,000 = 325,000.
    assert terminated(date(2006, 10, 12)).vested_shares == 325_000
    assert terminated(date(2006, 10, 12)).forfeited_shares == 675_000


def test_the_last_day_of_employment_counts_so_an_installment_on_it_vests():
    # Last day 13 Oct 2006 is the vest date: 325,000 + 56,250 = 381,250.
    outcome = terminated(date(2006, 10, 13))
    assert outcome.vested_shares == 381_250
    assert outcome.forfeited_shares == 618_750


def test_terminated_on_the_hire_date_only_the_immediate_ten_percent_vests():
    outcome = terminated(HIRE)
    assert outcome.vested_shares == 100_000
    assert outcome.forfeited_shares == 900_000


def test_the_schedule_rows_show_what_vested_and_what_was_forfeited():
    outcome = terminated(date(2006, 11, 15))
    statuses = [row.status for row in outcome.vesting_schedule]
    assert statuses == ["vested"] * 3 + ["forfeited"] * 11


def test_while_employed_the_rows_after_the_as_of_date_are_unvested_not_forfeited():
    outcome = run(as_of=date(2008, 1, 1))
    statuses = [row.status for row in outcome.vesting_schedule]
    assert statuses == ["vested"] * 7 + ["unvested"] * 7


# --- Acceleration: assumptions for negotiation (the plan governs; the letter is silent).

CIC = date(2007, 3, 1)
# Vested on 1 Mar 2007: 100,000 + 225,000 + 56,250 (13 Oct 2006) + 56,250 (13 Jan 2007) = 437,500
VESTED_AT_CIC = 437_500


def test_by_default_a_change_in_control_accelerates_nothing():
    outcome = run(as_of=date(2008, 1, 1), change_in_control={"date": CIC})
    assert outcome.vested_shares == 606_250
    assert outcome.accelerated_shares == 0
    assert outcome.unvested_shares == 393_750
    assert "no_acceleration_assumed" in codes(outcome)


def test_single_trigger_vests_all_unvested_shares_at_the_change_in_control():
    outcome = run(
        as_of=date(2008, 1, 1),
        change_in_control={"date": CIC},
        assumptions={"cic_acceleration": "single_trigger"},
    )
    # 1,000,000 − 437,500 = 562,500 vest early on 1 Mar 2007
    assert outcome.vested_shares == VESTED_AT_CIC
    assert outcome.accelerated_shares == 562_500
    assert outcome.unvested_shares == 0
    assert outcome.vested_shares + outcome.accelerated_shares == GRANT
    # (437,500 + 562,500) × ($5 − $3) = $2,000,000
    assert outcome.option_intrinsic_value == pytest.approx(2_000_000.00, abs=0.005)
    assert outcome.accelerated_option_value == pytest.approx(1_125_000.00, abs=0.005)
    assert "acceleration_assumed" in codes(outcome)
    rows = outcome.vesting_schedule
    assert [r.status for r in rows] == ["vested"] * 4 + ["accelerated"] * 10


def test_single_trigger_acceleration_stands_even_if_he_is_later_terminated_for_good_cause():
    outcome = terminated(
        date(2007, 6, 1), "good_cause",
        termination_extra={"good_cause_ground": "policy"},
        change_in_control={"date": CIC},
        assumptions={"cic_acceleration": "single_trigger"},
    )
    assert outcome.accelerated_shares == 562_500
    assert outcome.forfeited_shares == 0


def test_single_trigger_does_nothing_for_an_event_that_is_not_a_change_in_control():
    outcome = run(
        as_of=date(2008, 1, 1),
        change_in_control={"date": CIC, "facts": {"deal_type": "merger", "shareholders_retained_pct": 50}},
        assumptions={"cic_acceleration": "single_trigger"},
    )
    assert outcome.accelerated_shares == 0
    assert outcome.vested_shares == 606_250


def test_double_trigger_vests_all_unvested_on_a_termination_without_good_cause_within_n_months_after_the_change_in_control():
    outcome = terminated(
        date(2007, 11, 15),
        change_in_control={"date": CIC},
        assumptions={"cic_acceleration": "double_trigger", "double_trigger_months": 12},
    )
    # Vested by 15 Nov 2007: 606,250; the other 393,750 vest early on the last day.
    assert outcome.vested_shares == 606_250
    assert outcome.accelerated_shares == 393_750
    assert outcome.forfeited_shares == 0


def test_double_trigger_counts_a_termination_on_the_last_day_of_the_n_months():
    # CIC 1 Mar 2007 + 12 months = 1 Mar 2008; the last day inside is 29 Feb 2008 (leap year).
    inside = terminated(
        date(2008, 2, 29), change_in_control={"date": CIC}, assumptions={"cic_acceleration": "double_trigger"}
    )
    # Vested by 29 Feb 2008: 606,250 + 56,250 (13 Jan 2008) = 662,500; 337,500 accelerate.
    assert inside.vested_shares == 662_500
    assert inside.accelerated_shares == 337_500
    outside = terminated(
        date(2008, 3, 1), change_in_control={"date": CIC}, assumptions={"cic_acceleration": "double_trigger"}
    )
    assert outside.accelerated_shares == 0
    assert outside.forfeited_shares == 337_500


def test_double_trigger_with_a_negotiated_six_month_window():
    # CIC 1 Mar 2007 + 6 months = 1 Sep 2007: a termination on 15 Nov 2007 is too late.
    outcome = terminated(
        date(2007, 11, 15),
        change_in_control={"date": CIC},
        assumptions={"cic_acceleration": "double_trigger", "double_trigger_months": 6},
    )
    assert outcome.accelerated_shares == 0
    assert outcome.forfeited_shares == 393_750


@pytest.mark.parametrize(
    "reason, extra",
    [
        ("good_cause", {"good_cause_ground": "policy"}),
        ("resignation", {}),
        ("death", {}),
    ],
)
def test_double_trigger_needs_the_company_to_end_employment_other_than_for_good_cause(reason, extra):
    outcome = terminated(
        date(2007, 11, 15), reason,
        termination_extra=extra,
        change_in_control={"date": CIC},
        assumptions={"cic_acceleration": "double_trigger"},
    )
    assert outcome.accelerated_shares == 0
    assert outcome.forfeited_shares == 393_750


def test_double_trigger_does_nothing_while_he_is_still_employed():
    outcome = run(
        as_of=date(2008, 1, 1), change_in_control={"date": CIC}, assumptions={"cic_acceleration": "double_trigger"}
    )
    assert outcome.accelerated_shares == 0
    assert outcome.unvested_shares == 393_750


def test_double_trigger_needs_the_termination_after_the_change_in_control():
    # Terminated 15 Nov 2006, Change in Control only on 1 Mar 2007: nothing accelerates.
    outcome = terminated(
        date(2006, 11, 15), change_in_control={"date": CIC}, assumptions={"cic_acceleration": "double_trigger"}
    )
    assert outcome.accelerated_shares == 0
    assert outcome.forfeited_shares == 618_750


def test_the_assumption_that_unvested_shares_vest_on_a_termination_without_good_cause():
    outcome = terminated(date(2006, 11, 15), assumptions={"unvested_at_termination": "accelerate"})
    assert outcome.vested_shares == 381_250
    assert outcome.accelerated_shares == 618_750
    assert outcome.forfeited_shares == 0


def test_the_acceleration_assumption_does_not_reach_a_resignation():
    outcome = terminated(date(2006, 11, 15), "resignation", assumptions={"unvested_at_termination": "accelerate"})
    assert outcome.accelerated_shares == 0
    assert outcome.forfeited_shares == 618_750


def test_a_negotiated_grant_of_two_million_shares_vests_in_the_same_proportions():
    outcome = terminated(date(2006, 11, 15), terms=OfferTerms(option_shares=2_000_000))
    # 10% × 2,000,000 = 200,000; 25% × 1,800,000 = 450,000; 1,350,000 / 12 = 112,500
    # vested by 15 Nov 2006: 200,000 + 450,000 + 112,500 = 762,500
    assert outcome.vested_shares == 762_500
    assert outcome.forfeited_shares == 1_237_500
