"""§280G: the regulation's own numeric examples (Treas. Reg. §1.280G-1), as 280G.md names them.

The examples do not state the 120% AFR they discount at; each test backs the rate
out of the example's own present value (written in the comment) and checks the
rest of the arithmetic: the full-month count (C3), the two Q/A-24(c) pieces and
their cap, the base-amount averaging, the 3× test and the allocation.
"""

from __future__ import annotations

from datetime import date

from engine.golden_parachute.acceleration import q_a_24c
from engine.golden_parachute.base_amount import annualized_pay, average_base
from engine.golden_parachute.excess import allocate_base, excess_per_payment
from engine.golden_parachute.present_value import full_months, years_between
from engine.golden_parachute.three_times import exceeds_safe_harbor


def pieces(value, start, vest, rate):
    t = years_between(start, vest)
    m = full_months(start, vest)
    pv_piece, month_piece, contingent = q_a_24c(value, t, m, rate, rate, rate)
    return m, float(pv_piece), float(month_piece), float(contingent)


def test_q_a_24f_example_3_retention_bonus_accelerated_two_years():
    # $500,000 due 15 Jan 2011, paid on a 15 Jan 2009 change. PV $406,838 ⇒ y ≈ 10.58%
    # (500,000 × 1.0529^−4 = 406,837.99). 23 full months (not 24: C3).
    m, pv_piece, month_piece, contingent = pieces(500_000, date(2009, 1, 15), date(2011, 1, 15), 10.58)
    assert m == 23
    assert round(pv_piece) == 93_162  # 500,000 − 406,838
    assert round(month_piece) == 115_000  # 1% × 23 × 500,000
    assert round(contingent) == 208_162


def test_q_a_24f_example_5_options_vesting_a_year_early():
    # $600,000 of options vesting 16 Jan 2008 instead of 15 Jan 2009: PV $549,964 ⇒ y = 8.9%. 11 full months.
    m, pv_piece, month_piece, contingent = pieces(600_000, date(2008, 1, 16), date(2009, 1, 15), 8.9)
    assert m == 11
    assert round(pv_piece) == 50_036
    assert round(month_piece) == 66_000
    assert round(contingent) == 116_036


def test_q_a_24f_example_6_only_the_third_vesting_after_the_change_counts():
    # One third vests 15 Jan 2007, 2008 (before the 16 Jan 2008 change: not a payment) and 2009 (accelerated).
    vest_dates = [date(2007, 1, 15), date(2008, 1, 15), date(2009, 1, 15)]
    accelerated = [v for v in vest_dates if v > date(2008, 1, 16)]
    assert accelerated == [date(2009, 1, 15)]
    # $200,000, PV $183,328.38 ⇒ y = 8.896009% (the example's own PV, to the cent).
    m, pv_piece, month_piece, contingent = pieces(200_000, date(2008, 1, 16), accelerated[0], 8.896009161)
    assert m == 11
    assert round(pv_piece, 2) == 16_671.62
    assert round(month_piece, 2) == 22_000.00
    assert round(contingent, 2) == 38_671.62


def test_q_a_24c2_the_contingent_portion_never_exceeds_the_accelerated_payment():
    # 1 Jan 2006 → 1 Jan 2012: 71 full months (71%) + 1 − 1.05^(−2 × 2191/365) ≈ 44% > 100% ⇒ capped.
    m, pv_piece, month_piece, contingent = pieces(100_000, date(2006, 1, 1), date(2012, 1, 1), 10.0)
    assert m == 71 and round(month_piece) == 71_000 and pv_piece + month_piece > 100_000
    assert contingent == 100_000


def test_q_a_35_example_2_a_signing_bonus_is_not_annualized():
    # ((60,000 + 3 × 30,000) + 120,000 + 150,000) / 3 = 140,000.
    years = [annualized_pay(30_000, 3, 60_000), annualized_pay(120_000, 1, 0), annualized_pay(150_000, 1, 0)]
    assert years[0] == 150_000
    assert average_base(years) == 140_000


def test_q_a_35_example_1_and_3_average_over_the_years_worked():
    assert average_base([annualized_pay(30_000, 3, 0), 120_000, 150_000]) == 120_000
    assert average_base([250_000, 250_000, 30_000, 30_000]) == 140_000


def test_q_a_36_example_2_a_change_in_the_year_of_hire():
    # B = 50,000 + 2 × 60,000 = 170,000; 3B = 510,000 > 420,000: no parachute payment.
    b = average_base([annualized_pay(60_000, 2, 50_000)])
    assert b == 170_000
    assert not exceeds_safe_harbor(420_000, b)
    # Example 1 (no bonus): B = 120,000, 3B = 360,000 <= 420,000: a parachute payment.
    assert exceeds_safe_harbor(420_000, average_base([annualized_pay(60_000, 2, 0)]))


def test_q_a_38_the_base_is_allocated_by_present_value():
    # B 100,000; payments 200,000 now and 400,000 later with PV 300,000.
    allocated = allocate_base(100_000, [200_000, 300_000])
    assert allocated == [40_000, 60_000]
    excess = excess_per_payment([200_000, 400_000], allocated)
    assert excess == [160_000, 340_000]
    assert sum(excess) == 200_000 + 400_000 - 100_000


def test_q_a_39_reasonable_compensation_first_absorbs_the_allocated_base():
    # Example 1: 600,000 payment, 100,000 base allocated, 300,000 reasonable: excess 500,000 − 200,000.
    assert excess_per_payment([600_000], [100_000], [300_000]) == [300_000]
    # Example 2: the whole 600,000 reasonable: excess reduced to zero.
    assert excess_per_payment([600_000], [100_000], [600_000]) == [0]
