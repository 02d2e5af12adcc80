"""§6.2 "Good Cause".

"(a) your conviction ... of (i) any felony or misdemeanor involving the
embezzlement, theft or misappropriation of monies or other property of the
Company and (ii) any felony involving ... or crime of moral turpitude; (b) your
willful and continued neglect ... but only if such neglect continues for thirty
(30) days following receipt by you of written notice ..., and (c) your willful
failure to abide by the Company's policies". Determined only by a good-faith
majority of the Board, excluding him, after an opportunity to appear.

READING.md: ground (b) with a termination earlier than notice + 30 days is not
yet Good Cause: flag it and treat it as other than Good Cause (so §6.1 pays
inside the window). Flag the "and" joining (a)(i) and (ii).
"""

from __future__ import annotations

from datetime import date

import pytest

from engine import OfferTerms
from tests.engine.conftest import LUMP_SUM, codes, days_after, flag, terminated

CENT = 0.005
NOTICE = date(2006, 3, 1)


def neglect(last_day: date, notice: date = NOTICE, **fields):
    return terminated(
        last_day, "good_cause", termination_extra={"good_cause_ground": "neglect", "notice_date": notice}, **fields
    )


@pytest.mark.parametrize("ground", ["conviction", "policy"])
def test_a_termination_for_good_cause_pays_no_lump_sum_even_inside_the_window(ground):
    outcome = terminated(date(2006, 11, 15), "good_cause", termination_extra={"good_cause_ground": ground})
    assert outcome.severance_lump_sum == 0
    assert outcome.health_continuation_cost == 0
    assert outcome.effective_reason == "good_cause"
    # he still receives salary to the date of termination: 491 × 250,000 / 365 = 336,301.37
    assert outcome.salary_earned == pytest.approx(336_301.37, abs=CENT)
    # and forfeits the unvested 618,750 (plan assumption)
    assert outcome.forfeited_shares == 618_750


def test_neglect_terminated_on_notice_plus_29_days_is_not_yet_good_cause_and_pays_inside_the_window():
    last_day = days_after(NOTICE, 29)
    assert last_day == date(2006, 3, 30)  # 1 Mar + 29 days
    outcome = neglect(last_day)
    assert outcome.effective_reason == "without_good_cause"
    assert outcome.severance_lump_sum == LUMP_SUM
    # 30 Mar 2006 + 5 days = 4 Apr 2006
    assert outcome.severance_payment_date == date(2006, 4, 4)
    assert outcome.health_continuation_months == 6
    cure = flag(outcome, "neglect_inside_cure_period")
    assert cure.clause == "§6.2(b)"
    assert cure.severity == "warning"


def test_neglect_terminated_on_notice_plus_30_days_is_good_cause_and_does_not_pay():
    last_day = days_after(NOTICE, 30)
    assert last_day == date(2006, 3, 31)
    outcome = neglect(last_day)
    assert outcome.effective_reason == "good_cause"
    assert outcome.severance_lump_sum == 0
    assert "neglect_inside_cure_period" not in codes(outcome)


def test_neglect_terminated_the_day_notice_is_received_is_not_good_cause():
    outcome = neglect(NOTICE)
    assert outcome.severance_lump_sum == LUMP_SUM
    assert "neglect_inside_cure_period" in codes(outcome)


def test_neglect_inside_the_cure_period_but_after_the_24_months_is_flagged_and_still_pays_nothing():
    outcome = neglect(date(2007, 9, 15), notice=date(2007, 9, 1))
    assert outcome.effective_reason == "without_good_cause"
    assert outcome.severance_lump_sum == 0
    assert {"neglect_inside_cure_period", "termination_outside_window"} <= codes(outcome)


def test_a_negotiated_ten_day_cure_period():
    # notice 1 Mar 2006 + 10 days = 11 Mar 2006: Good Cause from then on
    terms = OfferTerms(cure_period_days=10)
    assert neglect(date(2006, 3, 10), terms=terms).severance_lump_sum == LUMP_SUM
    assert neglect(date(2006, 3, 11), terms=terms).severance_lump_sum == 0


def test_good_cause_is_determined_only_by_a_good_faith_majority_of_the_board_and_the_product_says_so():
    outcome = terminated(date(2006, 11, 15), "good_cause", termination_extra={"good_cause_ground": "policy"})
    procedure = flag(outcome, "good_cause_procedure")
    assert procedure.clause == "§6.2"
    assert "majority" in procedure.message


def test_the_and_joining_convictions_i_and_ii_is_flagged():
    outcome = terminated(date(2006, 11, 15), "good_cause", termination_extra={"good_cause_ground": "conviction"})
    quirk = flag(outcome, "conviction_and_quirk")
    assert quirk.clause == "§6.2(a)"
    assert '"and"' in quirk.message


def test_good_cause_without_a_stated_ground_is_flagged_as_an_assumption():
    outcome = terminated(date(2006, 11, 15), "good_cause")
    assert outcome.severance_lump_sum == 0
    assert flag(outcome, "good_cause_ground_unstated").severity == "assumption"
