"""The pieces ``evaluate`` was made faster with still give the specification's figures.

Numpy scalars instead of 0-d arrays (``engine.money.as_numbers``), the §280G AFR
class as one look-up (G8), remembered hashes of terms and assumptions (the keys
of the engine's caches), and the salary months built from cached month ends.
"""

from __future__ import annotations

import gc
from datetime import date

import numpy as np
import pytest

from engine import Scenario, evaluate
from engine.golden_parachute.present_value import afr_class, afr_rate_pct, discount_factor
from engine.money import as_numbers
from engine.salary import monthly_salary_payments
from engine.severance import protection_window_end
from engine.terms import _HASHES, Assumptions, OfferTerms

RATES = (4.0, 4.3, 4.6)  # 120% AFR short, mid, long (percent)


@pytest.mark.parametrize("years, cls, rate", [
    (-1.0, "short", 4.0), (0.0, "short", 4.0), (3.0, "short", 4.0),  # Q/A-32: up to 3 years is short-term
    (1096 / 365, "mid", 4.3), (9.0, "mid", 4.3),  # 3 years and a day .. 9 years: mid-term
    (3286 / 365, "long", 4.6), (40.0, "long", 4.6),  # beyond 9 years: long-term
])
def test_g8_afr_class_and_rate_at_the_class_limits(years, cls, rate):
    assert afr_class(years) == cls and type(afr_class(years)) is str
    assert afr_rate_pct(years, *RATES) == rate and type(afr_rate_pct(years, *RATES)) is float
    # The same rule on an array gives each element's class and rate.
    grid = np.array([[years, 0.5], [10.0, years]])
    assert afr_class(grid).tolist() == [[cls, "short"], ["long", cls]]
    assert afr_rate_pct(grid, *RATES).tolist() == [[rate, 4.0], [4.6, rate]]


def test_g8_discount_factor_two_years_short_term():
    # 2 years at 4.0% compounded semiannually: (1 + 0.04/2)^(-2 × 2) = 1.02^-4 = 0.92384543...
    assert discount_factor(2.0, *RATES) == pytest.approx(0.9238454260, abs=1e-10)
    # 5 years is mid-term at 4.3%: 1.0215^-10 = 0.80789...
    assert discount_factor(5.0, *RATES) == pytest.approx(1.0215 ** -10, abs=1e-12)
    assert discount_factor(0.0, *RATES) == 1.0  # Q/A-31(a): paid on the change, not discounted


def test_as_numbers_keeps_numpy_scalars_scalar_with_the_same_value():
    for value, dtype in [(np.int64(7), np.int64), (np.int64(7), None), (np.float64(3.125), np.float64),
                         (np.bool_(True), None), (3.125, np.float64), (12, np.int64)]:
        out = as_numbers(value, dtype)
        assert isinstance(out, np.generic)  # a scalar, not a 0-d array
        assert out == np.asarray(value, dtype=dtype) and out.dtype == np.asarray(value, dtype=dtype).dtype
    days = np.array([1, 2, 3])
    assert as_numbers(days, np.int64) is days  # arrays pass through untouched
    assert as_numbers([1, 2], np.int64).tolist() == [1, 2]


def test_terms_hash_follows_their_values_and_keys_the_caches_right():
    a, b = OfferTerms(), OfferTerms()
    short = OfferTerms(protection_months=12)
    assert a == b and hash(a) == hash(b) and hash(a) != hash(short)
    hire = date(2005, 7, 13)
    # §6.1: the window ends hire + 24 months (13 Jul 2007); with 12 months negotiated, 13 Jul 2006.
    assert protection_window_end(hire, a) == date(2007, 7, 13)
    assert protection_window_end(hire, short) == date(2006, 7, 13)
    assert protection_window_end(hire, b) == date(2007, 7, 13)
    assert hash(Assumptions()) == hash(Assumptions()) != hash(Assumptions(annual_raise_pct=3.0))
    before = len(_HASHES)
    c = Assumptions(annual_raise_pct=4.0)
    hash(c)
    assert len(_HASHES) == before + 1
    del c
    gc.collect()
    assert len(_HASHES) == before  # a remembered hash goes with its instance


def test_salary_months_from_a_month_end_hire_date():
    # Hired 31 Jul 2005, last day 1 Aug 2005: one day in each month at $250,000 / 365 = $684.93.
    months = monthly_salary_payments(date(2005, 7, 31), date(2005, 8, 1), OfferTerms(), Assumptions())
    assert months == [(date(2005, 7, 31), date(2005, 7, 31), 684.93), (date(2005, 8, 1), date(2005, 8, 1), 684.93)]
    # Last day mid-month: Jul 13-31 (19 days) and Aug 1-15 (15 days).
    # 19 × 250,000 / 365 = 13,013.70; 34 days = 23,287.67, so August is 23,287.67 − 13,013.70 = 10,273.97.
    months = monthly_salary_payments(date(2005, 7, 13), date(2005, 8, 15), OfferTerms(), Assumptions())
    assert months == [(date(2005, 7, 13), date(2005, 7, 31), 13_013.70), (date(2005, 8, 1), date(2005, 8, 15), 10_273.97)]


def test_payments_on_the_same_day_keep_the_buyout_first():
    # Hired on a month's last day: the $127,500 buyout and July's one day of salary ($684.93) share 31 Jul.
    outcome = evaluate(Scenario(hire_date=date(2005, 7, 31), exercise_price=3.0,
                                termination={"date": "2005-08-01", "reason": "resignation"}))
    first = [(p.date, p.component, p.amount) for p in outcome.payments[:3]]
    assert first == [(date(2005, 7, 31), "signing_buyout", 127_500.0), (date(2005, 7, 31), "salary", 684.93),
                     (date(2005, 8, 1), "salary", 684.93)]


def test_day_if_is_the_day_where_it_happens_else_never():
    from engine.dates import NEVER, day_if, day_number

    cic = day_number(date(2006, 9, 30))
    assert day_if(np.bool_(True), cic) == cic and day_if(np.bool_(False), cic) == NEVER
    assert day_if(True, NEVER) == NEVER
    happens = np.array([[True, False, True], [False, False, True]])
    days = np.array([cic, cic + 1, cic + 400])
    out = day_if(happens, days)
    assert out.dtype == np.int64
    assert out.tolist() == [[cic, NEVER, cic + 400], [NEVER, NEVER, cic + 400]]


def test_flag_times_is_the_amount_where_the_flag_holds_else_zero():
    from engine.money import flag_times

    # §6.1(a): the $125,000 lump sum is 12,500,000 cents where triggered, 0 where not.
    assert flag_times(np.bool_(True), 12_500_000) == 12_500_000
    assert flag_times(np.bool_(False), 12_500_000) == 0
    assert flag_times(True, np.int64(900_000)) == 900_000
    out = flag_times(np.array([[True, False], [False, True]]), np.array([381_250, 618_750]))
    assert out.dtype == np.int64 and out.tolist() == [[381_250, 0], [0, 618_750]]
