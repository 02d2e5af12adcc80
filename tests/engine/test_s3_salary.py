"""§3 Compensation: base salary earned.

"your salary shall be at an annualized rate of two hundred fifty thousand
dollars ($250,000). Commencing on July 1, 2006, and on each anniversary
thereafter (each, an "Adjustment Date") ... may be increased, but may never be
decreased ... In the event you or the Company terminates your employment, for
any reason, you will earn the base salary prorated to the date of termination."

READING.md: salary accrues for each calendar day employed at 1/365 of the
annual rate, hire date and last day included, even in a leap year. A raise
assumption applies from each Adjustment Date (1 July 2006, 1 July 2007, ...) on.
"""

from __future__ import annotations

from datetime import date

import pytest

from engine import OfferTerms
from tests.engine.conftest import HIRE, codes, days_employed, flag, line_item, rejection, run, terminated

CENT = 0.005


def test_salary_accrues_at_one_365th_of_the_annual_rate_for_each_day_hire_date_and_last_day_included():
    outcome = terminated(date(2006, 11, 15))
    # 13 Jul 2005 – 12 Jul 2006 = 365 days; 13 Jul – 15 Nov 2006 = 19 + 31 + 30 + 31 + 15 = 126; total 491
    assert days_employed(HIRE, date(2006, 11, 15)) == 491
    # 491 days × 250,000 / 365 = 336,301.37
    assert outcome.salary_earned == pytest.approx(336_301.37, abs=CENT)
    item = line_item(outcome, "salary")
    assert item.clause == "§3"
    assert item.amount == pytest.approx(336_301.37, abs=CENT)


def test_hired_and_gone_the_same_day_he_earns_one_day():
    # 1 day × 250,000 / 365 = 684.93
    assert terminated(HIRE, "resignation").salary_earned == pytest.approx(684.93, abs=CENT)


def test_a_full_year_of_365_days_earns_exactly_the_annual_rate():
    # 13 Jul 2005 – 12 Jul 2006 = 365 days × 250,000 / 365 = 250,000.00
    assert terminated(date(2006, 7, 12)).salary_earned == pytest.approx(250_000.00, abs=CENT)


def test_a_leap_year_still_accrues_at_one_365th_so_366_days_earn_366_365ths_of_the_annual_rate():
    # Hire 1 Jan 2008, last day 31 Dec 2008: 366 days × 250,000 / 365 = 250,684.93
    outcome = terminated(date(2008, 12, 31), hire_date=date(2008, 1, 1))
    assert outcome.salary_earned == pytest.approx(250_684.93, abs=CENT)


def test_still_employed_salary_runs_to_the_as_of_date():
    # 13 Jul 2005 – 12 Jul 2007 = 730 days; 13 Jul 2007 – 1 Jan 2008 = 19 + 31 + 30 + 31 + 30 + 31 + 1 = 173
    # 903 days × 250,000 / 365 = 618,493.15
    assert run(as_of=date(2008, 1, 1)).salary_earned == pytest.approx(618_493.15, abs=CENT)


@pytest.mark.parametrize(
    "reason, extra",
    [
        ("without_good_cause", {}),
        ("good_cause", {"good_cause_ground": "conviction"}),
        ("good_cause", {"good_cause_ground": "policy"}),
        ("resignation", {}),
        ("death", {}),
        ("disability", {}),
    ],
)
def test_salary_is_paid_through_the_termination_date_whatever_the_reason(reason, extra):
    outcome = terminated(date(2006, 11, 15), reason, termination_extra=extra)
    # 491 days × 250,000 / 365 = 336,301.37
    assert outcome.salary_earned == pytest.approx(336_301.37, abs=CENT)


def test_a_ten_percent_raise_applies_from_the_1_jul_2006_adjustment_date_on():
    outcome = terminated(date(2006, 12, 31), assumptions={"annual_raise_pct": 10})
    # 13 Jul 2005 – 30 Jun 2006: 19 + 31 + 30 + 31 + 30 + 31 + 31 + 28 + 31 + 30 + 31 + 30 = 353 days at 250,000
    # 1 Jul – 31 Dec 2006: 31 + 31 + 30 + 31 + 30 + 31 = 184 days at 275,000
    # (353 × 250,000 + 184 × 275,000) / 365 = (88,250,000 + 50,600,000) / 365 = 380,410.96
    assert outcome.salary_earned == pytest.approx(380_410.96, abs=CENT)
    assert outcome.salary_rate == pytest.approx(275_000.00, abs=CENT)
    assert "raise_assumed" in codes(outcome)
    assert flag(outcome, "raise_assumed").clause == "§3"


def test_the_raise_starts_on_the_adjustment_date_itself():
    # Last day 30 Jun 2006: 353 × 250,000 / 365 = 241,780.82, no raise yet
    before = terminated(date(2006, 6, 30), assumptions={"annual_raise_pct": 10})
    assert before.salary_earned == pytest.approx(241_780.82, abs=CENT)
    assert before.salary_rate == pytest.approx(250_000.00, abs=CENT)
    # Last day 1 Jul 2006: + 1 day × 275,000 / 365 → (88,250,000 + 275,000) / 365 = 242,534.25
    on = terminated(date(2006, 7, 1), assumptions={"annual_raise_pct": 10})
    assert on.salary_earned == pytest.approx(242_534.25, abs=CENT)
    assert on.salary_rate == pytest.approx(275_000.00, abs=CENT)


def test_raises_compound_at_each_adjustment_date():
    outcome = terminated(date(2007, 12, 31), assumptions={"annual_raise_pct": 10})
    # 353 days at 250,000; 1 Jul 2006 – 30 Jun 2007 = 365 days at 275,000;
    # 1 Jul – 31 Dec 2007 = 184 days at 275,000 × 1.1 = 302,500
    # (88,250,000 + 100,375,000 + 55,660,000) / 365 = 244,285,000 / 365 = 669,273.97
    assert outcome.salary_earned == pytest.approx(669_273.97, abs=CENT)
    assert outcome.salary_rate == pytest.approx(302_500.00, abs=CENT)


def test_without_a_raise_assumption_the_rate_stays_250_000():
    outcome = terminated(date(2007, 12, 31))
    assert outcome.salary_rate == 250_000.00
    # 13 Jul 2005 – 31 Dec 2007: 353 + 365 + 184 = 902 days × 250,000 / 365 = 617,808.22
    assert outcome.salary_earned == pytest.approx(617_808.22, abs=CENT)


def test_the_salary_may_never_be_decreased_so_a_negative_raise_is_rejected_citing_s3():
    message = rejection({"assumptions": {"annual_raise_pct": -5}})
    assert "annual_raise_pct" in message
    assert "§3" in message


def test_a_negotiated_base_salary_of_300_000():
    outcome = terminated(date(2006, 11, 15), terms=OfferTerms(base_salary=300_000))
    # 491 × 300,000 / 365 = 147,300,000 / 365 = 403,561.64
    assert outcome.salary_earned == pytest.approx(403_561.64, abs=CENT)


def test_the_day_count_convention_is_stated_for_the_board():
    outcome = terminated(date(2006, 11, 15))
    convention = flag(outcome, "salary_day_count")
    assert convention.clause == "§3"
    assert "1/365" in convention.message


def test_the_salary_payments_add_up_to_the_salary_earned_and_the_first_month_is_19_days():
    outcome = terminated(date(2006, 11, 15))
    salary_payments = [p for p in outcome.payments if p.component == "salary"]
    # 13–31 Jul 2005 = 19 days × 250,000 / 365 = 13,013.70
    assert salary_payments[0].amount == pytest.approx(13_013.70, abs=CENT)
    # Jul 2005 … Nov 2006 = 17 monthly payments, all citing §3
    assert len(salary_payments) == 17
    assert all(p.clause == "§3" for p in salary_payments)
    assert sum(p.amount for p in salary_payments) == pytest.approx(336_301.37, abs=CENT)


def test_an_adjustment_date_on_the_hire_date_is_not_a_raise_date_and_is_flagged():
    # READING.md §3: hired on 1 Jul 2006, itself an Adjustment Date, with a 10% raise assumed.
    # Nothing to review on the first day, so the first year runs at $250,000:
    # 1 Jul 2006 – 30 Jun 2007 = 365 days × 250,000 / 365 = 250,000.00.
    first_year = terminated(date(2007, 6, 30), hire_date=date(2006, 7, 1), assumptions={"annual_raise_pct": 10})
    assert first_year.salary_earned == pytest.approx(250_000.00, abs=CENT)
    assert "adjustment_on_hire_date" in codes(first_year)
    assert flag(first_year, "adjustment_on_hire_date").clause == "§3"
    # 1 Jul 2007 is the first raise: 250,000 + 1 day × 275,000 / 365 (= 753.42) = 250,753.42.
    day_after = terminated(date(2007, 7, 1), hire_date=date(2006, 7, 1), assumptions={"annual_raise_pct": 10})
    assert day_after.salary_earned == pytest.approx(250_753.42, abs=CENT)
    # Without a raise assumed there is nothing to flag.
    assert "adjustment_on_hire_date" not in codes(terminated(date(2007, 6, 30), hire_date=date(2006, 7, 1)))
