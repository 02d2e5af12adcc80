"""READING.md "Dates": month arithmetic anchored on the hire date, never chained,
with month-end clipping (Open Cap Format VESTING_START_DAY_OR_LAST_DAY_OF_MONTH):
hire on 31 Aug → 30 Nov, 28/29 Feb, 31 May. The last day of employment counts
as a day employed. Used by §4 (vest dates), §6.1 (the 24 months, the fifth day)
and the exercise window.
"""

from __future__ import annotations

from datetime import date

import pytest

from engine import OfferTerms
from engine.dates import add_months, days_inclusive, format_date
from tests.engine.conftest import LUMP_SUM, months_after, run, terminated


@pytest.mark.parametrize(
    "months, expected",
    [
        (3, date(2005, 11, 30)),   # no 31 Nov
        (6, date(2006, 2, 28)),    # no 29–31 Feb in 2006
        (9, date(2006, 5, 31)),    # anchored on the 31st: not 28 May as chaining would give
        (12, date(2006, 8, 31)),
        (30, date(2008, 2, 29)),   # leap year
        (48, date(2009, 8, 31)),
    ],
)
def test_hire_on_31_aug_months_later_clip_to_the_end_of_the_month(months, expected):
    assert add_months(date(2005, 8, 31), months) == expected
    assert months_after(date(2005, 8, 31), months) == expected


def test_hire_on_31_aug_the_vest_dates_clip_but_return_to_the_31st():
    outcome = run(hire_date=date(2005, 8, 31), as_of=date(2009, 8, 31))
    assert [row.vest_date for row in outcome.vesting_schedule] == [
        date(2005, 8, 31),   # hire: 100,000
        date(2006, 8, 31),   # anniversary: 225,000
        date(2006, 11, 30),  # month 15
        date(2007, 2, 28),   # month 18
        date(2007, 5, 31),   # month 21
        date(2007, 8, 31),
        date(2007, 11, 30),
        date(2008, 2, 29),   # month 30, leap year
        date(2008, 5, 31),
        date(2008, 8, 31),
        date(2008, 11, 30),
        date(2009, 2, 28),
        date(2009, 5, 31),
        date(2009, 8, 31),   # month 48
    ]


def test_hire_on_31_aug_an_installment_clipped_to_30_nov_vests_on_30_nov():
    # 100,000 + 225,000 + 56,250 (30 Nov 2006) = 381,250
    assert terminated(date(2006, 11, 30), hire_date=date(2005, 8, 31)).vested_shares == 381_250
    assert terminated(date(2006, 11, 29), hire_date=date(2005, 8, 31)).vested_shares == 325_000


def test_hire_on_29_feb_2008_the_anniversaries_fall_on_28_feb_and_return_to_29_feb_in_2012():
    outcome = run(hire_date=date(2008, 2, 29), as_of=date(2012, 2, 29))
    dates = [row.vest_date for row in outcome.vesting_schedule]
    assert dates[0] == date(2008, 2, 29)
    assert dates[1] == date(2009, 2, 28)   # first anniversary
    assert dates[2:6] == [date(2009, 5, 29), date(2009, 8, 29), date(2009, 11, 29), date(2010, 2, 28)]
    assert date(2011, 2, 28) in dates      # third anniversary (month 36)
    assert dates[-1] == date(2012, 2, 29)  # fourth anniversary, leap year again
    assert outcome.vested_shares == 1_000_000


def test_hire_on_29_feb_2008_the_24_months_end_on_27_feb_2010():
    # 29 Feb 2008 + 24 months = 28 Feb 2010 (no 29 Feb in 2010): first day outside the window
    hire = date(2008, 2, 29)
    assert run(hire_date=hire).protection_window_end == date(2010, 2, 28)
    assert terminated(date(2010, 2, 27), hire_date=hire).severance_lump_sum == LUMP_SUM
    assert terminated(date(2010, 2, 28), hire_date=hire).severance_lump_sum == 0


def test_hire_on_31_aug_a_negotiated_18_month_window_ends_on_28_feb():
    # 31 Aug 2005 + 18 months = 28 Feb 2007
    terms = OfferTerms(protection_months=18)
    hire = date(2005, 8, 31)
    assert terminated(date(2007, 2, 27), hire_date=hire, terms=terms).severance_lump_sum == LUMP_SUM
    assert terminated(date(2007, 2, 28), hire_date=hire, terms=terms).severance_lump_sum == 0


def test_the_fifth_day_following_can_fall_in_the_next_year():
    outcome = run(as_of=date(2006, 6, 1), change_in_control={"date": date(2005, 12, 28)})
    # 28 Dec 2005 + 5 days = 2 Jan 2006
    assert outcome.severance_payment_date == date(2006, 1, 2)


def test_the_exercise_window_counts_29_feb_in_a_leap_year():
    outcome = terminated(date(2008, 2, 1))
    # 1 Feb 2008 + 90 days: 28 to 29 Feb, 31 to 31 Mar (59), 30 to 30 Apr (89), 1 → 1 May 2008
    assert outcome.option_exercise_deadline == date(2008, 5, 1)


def test_the_last_day_of_employment_counts_as_a_day_employed():
    assert days_inclusive(date(2006, 3, 1), date(2006, 3, 1)) == 1
    assert days_inclusive(date(2005, 7, 13), date(2006, 11, 15)) == 491
    # one more day employed earns one more day's salary: 250,000 / 365 = 684.93
    one_more = terminated(date(2006, 11, 16)).salary_earned - terminated(date(2006, 11, 15)).salary_earned
    assert one_more == pytest.approx(684.93, abs=0.01)


def test_dates_read_the_way_the_board_writes_them():
    assert format_date(date(2006, 7, 13)) == "13 Jul 2006"
    assert format_date(None) == "—"


def test_add_months_on_arrays_reads_the_month_table_and_falls_back_outside_it() -> None:
    """READING.md, "Dates": anchored, clipped to the month's last day, on day numbers of any shape.
    By hand: 31 Jan 2005 + 1 month = 28 Feb 2005; 29 Feb 2004 + 12 = 28 Feb 2005; 31 Aug 2005 + 6 =
    28 Feb 2006; 13 Jul 2005 + 24 = 13 Jul 2007; 31 Dec 1969 (before the table) + 2 = 28 Feb 1970;
    15 Mar 1965 − 3 = 15 Dec 1964; 31 Dec 9999 (NEVER) + 1 = 31 Jan 10000."""
    import numpy as np

    from engine.dates import NEVER, add_months_days, day_number

    def days(*ds: date) -> np.ndarray:
        return np.array([day_number(d) for d in ds], dtype=np.int64)

    got = add_months_days(days(date(2005, 1, 31), date(2004, 2, 29), date(2005, 8, 31), date(2005, 7, 13)),
                          np.array([1, 12, 6, 24]))
    assert got.tolist() == days(date(2005, 2, 28), date(2005, 2, 28), date(2006, 2, 28), date(2007, 7, 13)).tolist()
    # Months before January 1970: numpy's own conversion, the same rule.
    assert add_months_days(days(date(1969, 12, 31)), 2).tolist() == days(date(1970, 2, 28)).tolist()
    assert add_months_days(days(date(1965, 3, 15)), -3).tolist() == days(date(1964, 12, 15)).tolist()
    # NEVER (31 Dec 9999) moves like any date: 31 Jan 10000 is NEVER + 31 days.
    assert add_months_days(np.array([NEVER]), 1).tolist() == [NEVER + 31]
    # Shapes broadcast: two days × three offsets.
    grid = add_months_days(days(date(2005, 1, 31), date(2005, 3, 15))[None, :], np.array([[0], [1], [13]]))
    assert grid.tolist() == [days(date(2005, 1, 31), date(2005, 3, 15)).tolist(),
                             days(date(2005, 2, 28), date(2005, 4, 15)).tolist(),
                             days(date(2006, 2, 28), date(2006, 4, 15)).tolist()]


def test_months_begun_counts_the_anchored_month_offsets_on_or_before_a_day() -> None:
    """READING.md, "Dates" (anchored, clipped): the §6.1(b) health months are counted with it.
    By hand: from 31 Jan 2005 the offsets are 31 Jan, 28 Feb, 31 Mar, 30 Apr …; on 28 Feb 2005
    two have come (31 Jan, 28 Feb), on 27 Feb one, on 30 Apr four, on 29 Apr three. From 30 Sep
    2006 (a Change in Control): 30 Sep, 30 Oct, 30 Nov, 30 Dec, 30 Jan 2007; on 14 Jan 2007 four.
    From 29 Feb 2004: 29 Feb, 29 Mar … 28 Feb 2005 (clipped) is the twelfth offset, so on 28 Feb
    2005 there are thirteen. A day before the start: none. Shapes broadcast."""
    import numpy as np

    from engine.dates import add_months_days, day_number, months_begun

    def d(*ds: date) -> np.ndarray:
        return np.array([day_number(x) for x in ds], dtype=np.int64)

    start = d(date(2005, 1, 31))
    got = months_begun(start, d(date(2005, 2, 28), date(2005, 2, 27), date(2005, 4, 30), date(2005, 4, 29),
                                date(2005, 1, 31), date(2005, 1, 30)))
    assert got.tolist() == [2, 1, 4, 3, 1, 0]
    assert months_begun(d(date(2006, 9, 30)), d(date(2007, 1, 14))).tolist() == [4]
    assert months_begun(d(date(2004, 2, 29)), d(date(2005, 2, 28), date(2005, 2, 27))).tolist() == [13, 12]
    # Against counting add_months_days offsets one by one, over every day of two years from month ends.
    starts = d(date(2004, 1, 31), date(2004, 2, 29), date(2005, 8, 30), date(2005, 12, 31))[:, None]
    days = np.arange(day_number(date(2003, 12, 1)), day_number(date(2006, 12, 31)))[None, :]
    counted = (add_months_days(starts[..., None], np.arange(40)) <= days[..., None]).sum(axis=-1)
    assert np.array_equal(months_begun(starts, days), counted)
    # Before 1970 (outside the month table): numpy's own conversion, the same count. From 31 Dec
    # 1969 the offsets are 31 Dec, 31 Jan 1970, 28 Feb: three by 1 Mar 1970.
    assert months_begun(d(date(1969, 12, 31)), d(date(1970, 3, 1))).tolist() == [3]
    assert months_begun(d(date(1965, 3, 15)), d(date(1965, 6, 14), date(1965, 6, 15))).tolist() == [3, 4]
    # One start and one day (a scenario) give the same counts as arrays.
    for s, day in [(date(2005, 1, 31), date(2005, 2, 28)), (date(2005, 1, 31), date(2005, 2, 27)),
                   (date(2004, 2, 29), date(2005, 2, 28)), (date(2006, 9, 30), date(2007, 1, 14)),
                   (date(2005, 1, 31), date(2005, 1, 30)), (date(2005, 3, 31), date(2004, 12, 31))]:
        one = months_begun(np.int64(day_number(s)), np.int64(day_number(day)))
        assert one == months_begun(d(s), d(day))[0] and one.dtype == np.int64, (s, day)
    assert [int(months_begun(np.int64(day_number(date(2005, 1, 31))), np.int64(day_number(x))))
            for x in (date(2005, 2, 28), date(2005, 2, 27), date(2005, 4, 30))] == [2, 1, 4]
