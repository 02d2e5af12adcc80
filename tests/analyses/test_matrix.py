"""The proxy-statement table ("Potential payments upon termination or change in
control") and its lines over time, read from the letter.

Worked figures (READING.md; hire 13 Jul 2005, exercise $3.00, stock $5.00):
on 15 Nov 2006 he has been employed 491 days (13 Jul 2005 to 15 Nov 2006, both
counted), so salary is 491 × $250,000 / 365 = $336,301.37 (§3); the $127,500
Sion Power buyout is owed whatever happens (§4); 381,250 shares have vested
(100,000 + 225,000 + 56,250 on 13 Oct 2006), worth 381,250 × ($5 − $3) =
$762,500 (§4); a Company termination other than for Good Cause inside the first
24 months adds the $125,000 lump sum (§6.1(a)) and six months of health cover at
the assumed $1,000 a month, $6,000 (§6.1(b)).
"""

from __future__ import annotations

from datetime import date

import pytest

from engine import Scenario
from analyses.matrix import (
    MATRIX_EVENTS,
    default_matrix_date,
    matrix_curve_dates,
    matrix_curves,
    matrix_date_problems,
    matrix_frame,
    matrix_notes,
    termination_matrix,
)
from engine.scenario import ChangeInControl, Termination
from tests.engine.conftest import BUYOUT, HIRE, LUMP_SUM

SALARY_15_NOV_2006 = 336_301.37  # 491 days × 250,000 / 365
OPTIONS_15_NOV_2006 = 762_500.00  # 381,250 × $2
HEALTH = 6_000.00  # 6 months × $1,000 (assumption)

SALARY_15_NOV_2007 = 586_301.37  # 856 days × 250,000 / 365
OPTIONS_15_NOV_2007 = 1_212_500.00  # 606,250 × $2 (five quarterly installments after the anniversary)

BASE = Scenario()


def row_of(frame, label_start: str):
    (index,) = [i for i, event in enumerate(frame["Event"]) if event.startswith(label_start)]
    return frame.iloc[index]


# --------------------------------------------------------------------------
# The table on 15 Nov 2006, inside the first 24 months
# --------------------------------------------------------------------------


def test_a_termination_without_good_cause_inside_the_24_months_pays_everything():
    row = row_of(matrix_frame(termination_matrix(BASE, date(2006, 11, 15))), "Termination without Good Cause")
    assert row["Salary"] == SALARY_15_NOV_2006
    assert row["Sion Power buyout"] == BUYOUT
    assert row["Lump sum"] == LUMP_SUM
    assert row["Health continuation"] == HEALTH
    assert row["Vested option value"] == OPTIONS_15_NOV_2006
    assert row["Accelerated option value"] == 0
    assert row["Total"] == pytest.approx(1_357_301.37, abs=0.005)
    assert row["Company cash cost"] == pytest.approx(336_301.37 + 127_500 + 125_000 + 6_000, abs=0.005)


@pytest.mark.parametrize("event", ["Termination for Good Cause", "Resignation", "Death"])
def test_good_cause_resignation_and_death_pay_no_lump_sum(event):
    row = row_of(matrix_frame(termination_matrix(BASE, date(2006, 11, 15))), event)
    assert row["Lump sum"] == 0 and row["Health continuation"] == 0
    assert row["Total"] == pytest.approx(336_301.37 + 127_500 + 762_500, abs=0.005)  # $1,226,301.37


def test_disability_is_a_termination_other_than_for_good_cause():
    row = row_of(matrix_frame(termination_matrix(BASE, date(2006, 11, 15))), "Termination for disability")
    assert (row["Lump sum"], row["Health continuation"]) == (LUMP_SUM, HEALTH)


def test_a_change_in_control_alone_pays_the_lump_sum_but_no_health_cost_while_he_stays():
    row = row_of(matrix_frame(termination_matrix(BASE, date(2006, 11, 15))), "Change in Control, no termination")
    assert row["Lump sum"] == LUMP_SUM
    assert row["Health continuation"] == 0  # still employed: no month falls after employment (§6.1(b))
    assert row["Total"] == pytest.approx(336_301.37 + 127_500 + 125_000 + 762_500, abs=0.005)


def test_a_change_in_control_then_termination_pays_one_lump_sum():
    row = row_of(matrix_frame(termination_matrix(BASE, date(2006, 11, 15))), "Change in Control, then")
    assert row["Lump sum"] == LUMP_SUM
    assert row["Total"] == pytest.approx(1_357_301.37, abs=0.005)


def test_after_the_24_months_no_row_pays_a_lump_sum():
    # The window ends 12 Jul 2007 (13 Jul 2007 is hire + 24 months, the first day outside).
    frame = matrix_frame(termination_matrix(BASE, date(2007, 11, 15)))
    assert list(frame["Lump sum"]) == [0] * len(MATRIX_EVENTS)
    assert list(frame["Health continuation"]) == [0] * len(MATRIX_EVENTS)
    for total in frame["Total"]:
        assert total == pytest.approx(SALARY_15_NOV_2007 + BUYOUT + OPTIONS_15_NOV_2007, abs=0.005)


# --------------------------------------------------------------------------
# The date the table is as of
# --------------------------------------------------------------------------


def test_the_table_follows_the_last_day_of_employment():
    base = Scenario(termination=Termination(date=date(2006, 11, 15), reason="death"))
    assert default_matrix_date(base) == date(2006, 11, 15)


def test_a_resignation_with_only_a_notice_date_ends_sixty_days_after_notice():
    base = Scenario(termination=Termination(reason="resignation", notice_date=date(2006, 9, 1)))
    assert default_matrix_date(base) == date(2006, 10, 31)  # 1 Sep + 60 days (§10)


def test_otherwise_the_table_follows_the_as_of_date():
    assert default_matrix_date(Scenario(as_of=date(2008, 1, 1))) == date(2008, 1, 1)


def test_with_neither_the_table_is_as_of_the_first_anniversary():
    assert default_matrix_date(BASE) == date(2006, 7, 13)
    assert default_matrix_date(Scenario(hire_date=date(2008, 2, 29))) == date(2009, 2, 28)  # month-end clipping


def test_a_date_before_the_hire_date_is_refused_citing_the_clause():
    (problem,) = matrix_date_problems(BASE, date(2005, 7, 12))
    assert "12 Jul 2005 is before the hire date 13 Jul 2005" in problem and problem.endswith("(§3, §6.1).")
    assert matrix_date_problems(BASE, HIRE) == []


# --------------------------------------------------------------------------
# The lines over the termination date
# --------------------------------------------------------------------------


def test_the_curve_dates_run_five_years_and_show_the_cliff_on_its_day():
    dates = matrix_curve_dates(BASE, date(2006, 11, 15))
    assert dates[0] == HIRE and dates[-1] == date(2010, 7, 13)
    assert {date(2007, 7, 12), date(2007, 7, 13), date(2006, 11, 15)} <= set(dates)


def test_the_curve_dates_reach_a_chosen_date_beyond_five_years():
    dates = matrix_curve_dates(BASE, date(2014, 3, 3))
    assert date(2014, 3, 3) in dates and dates[-1] >= date(2014, 3, 3)
    assert len(dates) < 600  # sampled more sparsely, still drawable


def value_on(curves, reason: str, day: date, column: str = "total_value") -> float:
    (value,) = curves[(curves["reason"] == reason) & (curves["date"] == str(day))][column]
    return float(value)


def test_on_the_chosen_date_each_line_is_its_row_of_the_table():
    on = date(2006, 11, 15)
    curves = matrix_curves(BASE, on)
    frame = matrix_frame(termination_matrix(BASE, on))
    for key, label, reason, with_cic in MATRIX_EVENTS:
        if reason is None or with_cic:
            continue
        row = row_of(frame, label)
        assert value_on(curves, reason, on) == pytest.approx(row["Total"], abs=0.005), key
        assert value_on(curves, reason, on, "total_cash") == pytest.approx(row["Company cash cost"], abs=0.005)
    assert value_on(curves, "without_good_cause", on) == pytest.approx(1_357_301.37, abs=0.005)
    assert set(curves["row"]) == {"without_good_cause", "good_cause", "resignation", "death", "disability"}


def test_the_24_month_cliff():
    curves = matrix_curves(BASE, date(2006, 11, 15))
    # 12 Jul 2007, the last day inside: 730 days of salary = $500,000; 493,750 vested = $987,500;
    # lump sum and health: 500,000 + 127,500 + 125,000 + 6,000 + 987,500.
    assert value_on(curves, "without_good_cause", date(2007, 7, 12)) == pytest.approx(1_746_000.00, abs=0.005)
    # 13 Jul 2007, the first day outside: 731 days = $500,684.93; the July installment makes 550,000
    # vested = $1,100,000; no lump sum, no health.
    assert value_on(curves, "without_good_cause", date(2007, 7, 13)) == pytest.approx(1_728_184.93, abs=0.005)
    assert value_on(curves, "without_good_cause", date(2007, 7, 12), "total_cash") == pytest.approx(758_500.00)
    assert value_on(curves, "without_good_cause", date(2007, 7, 13), "total_cash") == pytest.approx(
        628_184.93, abs=0.005)


def test_the_lines_draw_each_event_alone_without_the_scenarios_change_in_control():
    base = Scenario(change_in_control=ChangeInControl(date=date(2006, 3, 1)))
    curves = matrix_curves(base, date(2006, 11, 15))
    assert value_on(curves, "good_cause", date(2006, 11, 15)) == pytest.approx(1_226_301.37, abs=0.005)


# --------------------------------------------------------------------------
# What to read under the table
# --------------------------------------------------------------------------


def notes_by_key(on: date):
    notes = matrix_notes(termination_matrix(BASE, on))
    return {row.key: [(f.code, f.clause) for f in flags] for row, flags in notes.by_row}, notes.shared


def test_each_row_keeps_what_sets_it_apart():
    by_row, _ = notes_by_key(date(2006, 11, 15))
    assert by_row["death"] == [("death_silent", "§6.1")]
    assert ("disability_other_than_good_cause", "§6.1") in by_row["disability"]
    assert ("health_overlaps_employment", "§6.1(b)") in by_row["cic_only"]
    assert ("second_trigger", "§6.1") in by_row["cic_then_termination"]
    assert ("good_cause_ground_unstated", "§6.2") in by_row["good_cause"]
    assert by_row["without_good_cause"] == []


def test_after_the_window_the_rows_say_why_nothing_is_paid():
    by_row, _ = notes_by_key(date(2007, 11, 15))
    assert ("termination_outside_window", "§6.1") in by_row["without_good_cause"]
    assert ("change_in_control_outside_window", "§6.1") in by_row["cic_only"]


def test_flags_every_row_shares_are_listed_once_with_their_rows():
    _, shared = notes_by_key(date(2006, 11, 15))
    by_code = {flag.code: keys for flag, keys in shared}
    assert by_code["salary_day_count"] == [key for key, *_ in MATRIX_EVENTS]
    assert by_code["health_premium_assumed"] == ["without_good_cause", "disability", "cic_only",
                                                 "cic_then_termination"]
    assert "cic_only" not in by_code["unvested_forfeited"]  # still employed: nothing forfeited
    assert len(shared) == len({(flag.code, flag.message) for flag, _ in shared})  # each message once
