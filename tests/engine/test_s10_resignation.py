"""§10 Resignation (and §9, at will).

"In the event you elect to terminate your employment and resign as the Chief
Executive Officer of the Company, you agree to provide the Board of Directors
with sixty (60) days advance notice of your resignation."

READING.md: with a notice date, the last day defaults to notice + 60 days; a
last day sooner than that is flagged as short notice. Resignation pays no §6.1
lump sum.
"""

from __future__ import annotations

from datetime import date

import pytest

from engine import OfferTerms
from tests.engine.conftest import LUMP_SUM, codes, days_after, flag, rejection, run, terminated

CENT = 0.005
NOTICE = date(2006, 3, 1)


def resigns(last_day=None, notice=NOTICE, **fields):
    termination = {"reason": "resignation", "notice_date": notice}
    if last_day is not None:
        termination["date"] = last_day
    return run(termination=termination, **fields)


def test_with_a_notice_date_the_last_day_defaults_to_notice_plus_60_days():
    outcome = resigns()
    # 1 Mar 2006 + 60 days: 30 to 31 Mar, 30 to 30 Apr → 30 Apr 2006
    assert days_after(NOTICE, 60) == date(2006, 4, 30)
    assert outcome.last_day == date(2006, 4, 30)
    assert outcome.as_of == date(2006, 4, 30)
    defaulted = flag(outcome, "resignation_last_day_defaulted")
    assert defaulted.clause == "§10"
    assert "resignation_short_notice" not in codes(outcome)


def test_salary_runs_to_the_defaulted_last_day():
    # 13 Jul 2005 – 30 Apr 2006: 172 + 31 + 28 + 31 + 30 = 292 days × 250,000 / 365 = 200,000.00
    assert resigns().salary_earned == pytest.approx(200_000.00, abs=CENT)


def test_a_last_day_one_day_sooner_than_60_days_notice_is_flagged_as_short_notice():
    outcome = resigns(date(2006, 4, 29))
    short = flag(outcome, "resignation_short_notice")
    assert short.clause == "§10"
    assert short.severity == "warning"
    assert "1 days sooner" in short.message or "1 day sooner" in short.message


def test_a_last_day_exactly_60_days_after_notice_is_full_notice():
    outcome = resigns(date(2006, 4, 30))
    assert "resignation_short_notice" not in codes(outcome)


def test_a_last_day_later_than_60_days_after_notice_is_fine():
    assert "resignation_short_notice" not in codes(resigns(date(2006, 6, 30)))


def test_leaving_the_day_notice_is_given_is_short_notice_but_still_allowed_at_will():
    outcome = resigns(NOTICE)
    assert outcome.last_day == NOTICE
    assert "resignation_short_notice" in codes(outcome)


def test_a_resignation_without_a_notice_date_says_the_notice_cannot_be_checked():
    outcome = terminated(date(2006, 4, 30), "resignation")
    assert flag(outcome, "resignation_notice_unknown").clause == "§10"


def test_resignation_pays_no_lump_sum_inside_the_window():
    outcome = resigns()
    assert outcome.severance_lump_sum == 0
    assert outcome.health_continuation_cost == 0


def test_resignation_forfeits_unvested_shares_and_leaves_90_days_to_exercise():
    outcome = resigns()
    # vested by 30 Apr 2006: only the 100,000 on hire (anniversary is 13 Jul 2006)
    assert outcome.vested_shares == 100_000
    assert outcome.forfeited_shares == 900_000
    # 30 Apr 2006 + 90 days: 31 to 31 May, 30 to 30 Jun, 29 → 29 Jul 2006
    assert outcome.option_exercise_deadline == date(2006, 7, 29)


def test_a_change_in_control_before_a_resignation_still_pays_the_lump_sum():
    outcome = resigns(date(2006, 5, 1), change_in_control={"date": date(2006, 3, 1)})
    assert outcome.severance_lump_sum == LUMP_SUM
    assert outcome.severance_trigger == "change_in_control"
    # months following 1 Mar 2006 that start after 1 May 2006: 2 May, 2 Jun, 2 Jul, 2 Aug → 4 × $1,000
    assert outcome.health_continuation_cost == pytest.approx(4_000.00, abs=CENT)


def test_a_negotiated_90_day_notice_period():
    outcome = resigns(terms=OfferTerms(resignation_notice_days=90))
    # 1 Mar 2006 + 90 days: 31 Mar (+30), 30 Apr (+60), 30 May (+90)
    assert outcome.last_day == date(2006, 5, 30)
    assert "resignation_short_notice" in codes(resigns(date(2006, 5, 29), terms=OfferTerms(resignation_notice_days=90)))


def test_a_last_day_before_the_notice_date_is_rejected_citing_s10():
    message = rejection(
        {"termination": {"reason": "resignation", "notice_date": "2006-03-01", "date": "2006-02-28"}}
    )
    assert "termination.date" in message
    assert "§10" in message
