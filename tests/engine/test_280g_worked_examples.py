"""§280G: the worked examples (a)-(d′) of contract/280G.md, to the cent, every
intermediate figure the specification lists.

Common facts (280G.md "Worked examples"): hire 13 Jul 2005; exercise price $3.13;
Black-Scholes risk-free rate 4.5%; volatility 60%; dividend yield 0; option expiry
13 Jul 2015; 120% AFRs as each example states. Figures are written out by hand in
each test's comments; the expected values are the specification's.
"""

from __future__ import annotations

from datetime import date

import pytest

from engine import Scenario, evaluate

SEPT_2006 = {"afr120_short_pct": 6.08, "afr120_mid_pct": 5.94, "afr120_long_pct": 6.17}
DEC_2005 = {"afr120_short_pct": 5.15, "afr120_mid_pct": 5.36, "afr120_long_pct": 5.68}


def cents(x: float) -> float:
    return round(x + 0.0, 2)


def parachute(change: date, last_day: date, price: float, rates: dict, **assumptions):
    scenario = Scenario.model_validate({
        "hire_date": date(2005, 7, 13), "exercise_price": 3.13, "stock_price": price,
        "change_in_control": {"date": change},
        "termination": {"date": last_day, "reason": "without_good_cause"},
        "assumptions": {"risk_free_rate_pct": 4.5, **rates, **assumptions},
    })
    gp = evaluate(scenario).golden_parachute
    assert gp is not None
    return gp


def example_a(**extra):
    return parachute(date(2006, 9, 1), date(2007, 6, 1), 5.00, SEPT_2006, **extra)


def example_b():
    return parachute(date(2006, 9, 1), date(2007, 6, 1), 9.00, SEPT_2006, cic_acceleration="single_trigger")


def example_c():
    return parachute(date(2005, 12, 1), date(2006, 3, 1), 5.00, DEC_2005)


def example_d(**extra):
    return parachute(date(2005, 12, 1), date(2006, 3, 1), 5.00, DEC_2005, cic_acceleration="single_trigger", **extra)


def codes(gp) -> set[str]:
    return {f.code for f in gp.flags}


# ---------------------------------------------------------------- (a)

def test_a_the_base_period_is_13_jul_to_31_dec_2005_and_b_is_377_500():
    gp = example_a()
    # G4(c): 2005 is the only year before 2006 he worked: 172 days (13 Jul–31 Dec).
    assert gp.base_amount_rule == "Q/A-35"
    [row] = gp.base_period
    assert (row.year, row.start, row.end, row.days) == (2005, date(2005, 7, 13), date(2005, 12, 31), 172)
    # 250,000 × 172 / 365 = 117,808.22; × 365/172 (2.122093) = 250,000.00; + 127,500 buyout unannualized.
    assert cents(row.salary_paid) == 117_808.22
    assert round(row.annualization_factor, 6) == 2.122093
    assert cents(row.non_recurring) == 127_500.00
    assert cents(row.annualized) == 377_500.00
    assert cents(gp.base_amount) == 377_500.00
    assert cents(gp.three_times_base) == 1_132_500.00
    assert cents(gp.safe_harbor_limit) == 1_132_499.00


def test_a_the_lump_sum_is_the_only_payment_and_p_is_a_third_of_b():
    gp = example_a()
    assert (gp.trigger, gp.trigger_date) == ("change_in_control", date(2006, 9, 1))
    # Health months begin 1 Sep 2006 … 1 Feb 2007, all before his 1 Jun 2007 last day → $0 (F11).
    assert [i.component for i in gp.items] == ["severance_lump_sum"]
    [lump] = gp.items
    assert lump.payment_date == date(2006, 9, 6)
    # G8: 125,000 × 1.0304^(−2 × 5/365) = 124,897.48.
    assert lump.afr_class == "short"
    assert cents(lump.present_value) == 124_897.48
    assert cents(gp.parachute_value) == 124_897.48
    assert round(gp.ratio_to_base, 4) == 0.3309
    assert cents(gp.headroom) == 1_007_601.52
    assert not gp.exceeds_safe_harbor
    assert gp.excess_parachute_payment == 0 and gp.excise_tax == 0 and gp.lost_deduction_tax_cost == 0
    assert {"280g_health_overlap", "280g_second_trigger", "280g_termination_related", "280g_base_estimated"} <= codes(gp)
    assert "280g_presumption_one_year" not in codes(gp)  # G5: 13 Jul 2005 is before 1 Sep 2005


def test_g4b_a_15_day_payroll_lag_lowers_b_for_example_a_to_355_697_67():
    gp = example_a(payroll_lag_days=15)
    [row] = gp.base_period
    # Days 13 Jul–16 Dec 2005 are paid in 2005: 157 days × 250,000/365 = 107,534.25; × 365/172 = 228,197.67.
    assert cents(row.salary_paid) == 107_534.25
    assert cents(row.annualized - row.non_recurring) == 228_197.67
    assert cents(gp.base_amount) == 355_697.67


# ---------------------------------------------------------------- (b)

B_TABLE = [  # original vest, t_i, DF, PV piece, months, 1% piece, contingent, forfeited absent acceleration
    (date(2006, 10, 13), 0.1151, 0.993132, 2_944.50, 1, 4_287.13, 7_231.64, False),
    (date(2007, 1, 13), 0.3671, 0.978251, 9_323.90, 4, 17_148.54, 26_472.44, False),
    (date(2007, 4, 13), 0.6137, 0.963910, 15_472.11, 7, 30_009.94, 45_482.05, False),
    (date(2007, 7, 13), 0.8630, 0.949624, 21_597.00, 10, 42_871.35, 64_468.34, True),
    (date(2007, 10, 13), 1.1151, 0.935395, 27_696.91, 13, 55_732.75, 83_429.66, True),
    (date(2008, 1, 13), 1.3671, 0.921380, 33_705.44, 16, 68_594.15, 102_299.59, True),
    (date(2008, 4, 13), 1.6164, 0.907724, 39_560.08, 19, 81_455.56, 121_015.64, True),
    (date(2008, 7, 13), 1.8658, 0.894270, 45_327.95, 22, 94_316.96, 139_644.91, True),
    (date(2008, 10, 13), 2.1178, 0.880871, 51_072.30, 25, 107_178.37, 158_250.66, True),
    (date(2009, 1, 13), 2.3699, 0.867673, 56_730.58, 28, 120_039.77, 176_770.35, True),
    (date(2009, 4, 13), 2.6164, 0.854953, 62_183.81, 31, 132_901.17, 195_084.99, True),
    (date(2009, 7, 13), 2.8658, 0.842281, 67_616.36, 34, 145_762.58, 213_378.94, True),
]


def test_b_options_are_valued_by_black_scholes_with_the_remaining_term():
    gp = example_b()
    v = gp.option_valuation
    # T = 1 Sep 2006 → 13 Jul 2015 = 3,237 days / 365 = 8.868493 years; S 9.00, K 3.13, σ 60%, r 4.5%.
    assert round(v.years, 6) == 8.868493
    assert round(v.per_share, 6) == 7.621573
    assert cents(v.intrinsic) == 5.87
    assert len(gp.tranches) == 12 and all(t.shares == 56_250 for t in gp.tranches)
    assert all(cents(t.value) == 428_713.46 for t in gp.tranches)
    assert cents(sum(t.value for t in gp.tranches)) == 5_144_561.57


@pytest.mark.parametrize("row", B_TABLE, ids=[r[0].isoformat() for r in B_TABLE])
def test_b_each_tranche_under_q_a_24c(row):
    vest, t, df, pv_piece, months, month_piece, contingent, forfeited = row
    tranche = next(x for x in example_b().tranches if x.original_vest_date == vest)
    assert round(tranche.years, 4) == t
    assert tranche.afr_class == "short"
    assert round(tranche.discount_factor, 6) == df
    assert cents(tranche.pv_piece) == pv_piece
    assert tranche.months == months
    assert cents(tranche.month_piece) == month_piece
    assert cents(tranche.contingent) == contingent
    assert not tranche.cap_used and not tranche.full_value
    assert tranche.forfeited_absent_acceleration is forfeited


def test_b_single_trigger_acceleration_crosses_the_line():
    gp = example_b()
    options = next(i for i in gp.items if i.component == "accelerated_options")
    assert cents(options.present_value) == 1_333_529.21  # vested on the change: PV = contingent
    assert cents(gp.parachute_value) == 1_458_426.69  # 124,897.48 + 1,333,529.21
    assert gp.exceeds_safe_harbor
    assert round(gp.ratio_to_base, 4) == 3.8634
    assert cents(gp.headroom) == -325_927.69


def test_b_excess_excise_and_lost_deduction():
    gp = example_b()
    lump = next(i for i in gp.items if i.component == "severance_lump_sum")
    options = next(i for i in gp.items if i.component == "accelerated_options")
    # G13: B_i = 377,500 × PV_i / P.
    assert cents(lump.base_allocated) == 32_328.54 and cents(options.base_allocated) == 345_171.46
    assert cents(lump.excess) == 92_671.46 and cents(options.excess) == 988_357.74
    # 1,458,426.69 + 125,000 − 124,897.48 − 377,500 = 1,081,029.21.
    assert cents(gp.excess_parachute_payment) == 1_081_029.21
    assert cents(gp.excise_tax) == 216_205.84  # 20%
    assert cents(gp.lost_deduction) == 1_081_029.21
    assert cents(gp.lost_deduction_tax_cost) == 378_360.22  # 35%
    assert {"280g_no_clause", "280g_lost_deduction", "280g_withholding", "280g_option_valuation"} <= codes(gp)


def test_b_pay_in_full_is_better_by_119_863_49():
    gp = example_b()
    assert cents(gp.value_to_executive) == 3_983_318.66
    assert cents(gp.income_tax_if_paid_in_full) == 1_451_919.65
    assert cents(gp.excise_tax_present_value) == 216_190.64
    assert cents(gp.net_if_paid_in_full) == 2_315_208.37
    lump, tranche = gp.cuts
    assert lump.component == "severance_lump_sum" and cents(lump.present_value) == 124_897.48
    assert tranche.shares == 52_995 and tranche.label.endswith("2009-07-13")
    assert cents(tranche.present_value) == 201_031.41 and cents(tranche.value_lost) == 403_905.25
    assert cents(gp.parachute_value_after_cutback) == 1_132_497.80
    assert cents(gp.value_lost_to_cutback) == 528_802.73
    assert cents(gp.cutback_cost_after_tax) == 336_054.13  # to save 216,190.64 of excise
    assert cents(gp.net_if_cut_back) == 2_195_344.88
    assert gp.better_for_executive == "pay_in_full"
    assert cents(gp.better_by) == 119_863.49


# ---------------------------------------------------------------- (c)

def test_c_a_change_in_the_year_of_hire_uses_q_a_36():
    gp = example_c()
    assert gp.base_amount_rule == "Q/A-36"
    [row] = gp.base_period
    # 13 Jul–30 Nov 2005 = 141 days; 96,575.34 × 365/141 (2.588652) = 250,000 + 127,500.
    assert (row.start, row.end, row.days) == (date(2005, 7, 13), date(2005, 11, 30), 141)
    assert cents(row.salary_paid) == 96_575.34
    assert round(row.annualization_factor, 6) == 2.588652
    assert cents(gp.base_amount) == 377_500.00 and cents(gp.three_times_base) == 1_132_500.00
    assert "280g_presumption_one_year" in codes(gp)  # G5: 13 Jul 2005 is within a year of 1 Dec 2005


def test_c_the_lump_sum_and_two_health_months_are_under_the_line():
    gp = example_c()
    lump, april, may = gp.items
    assert lump.payment_date == date(2005, 12, 6) and cents(lump.present_value) == 124_912.96
    # Months beginning 1 Dec, 1 Jan, 1 Feb, 1 Mar overlap employment; 1 Apr and 1 May 2006 count.
    assert (april.payment_date, may.payment_date) == (date(2006, 4, 1), date(2006, 5, 1))
    assert cents(april.present_value) == 983.28 and cents(may.present_value) == 979.18
    assert cents(gp.parachute_value) == 126_875.43
    assert round(gp.ratio_to_base, 4) == 0.3361
    assert cents(gp.headroom) == 1_005_623.57
    assert not gp.exceeds_safe_harbor


# ---------------------------------------------------------------- (d), (d′)

def test_d_within_a_year_of_the_letter_the_full_option_value_counts():
    gp = example_d()
    v = gp.option_valuation
    assert round(v.years, 6) == 9.619178 and round(v.per_share, 6) == 3.941726 and cents(v.intrinsic) == 1.87
    assert sum(t.shares for t in gp.tranches) == 900_000
    assert cents(gp.tranches[0].value) == 886_888.38 and cents(gp.tranches[1].value) == 221_722.10
    assert all(t.full_value and t.contingent == t.value for t in gp.tranches)
    assert cents(sum(t.contingent for t in gp.tranches)) == 3_547_553.54
    assert cents(gp.parachute_value) == 3_674_428.97
    assert round(gp.ratio_to_base, 4) == 9.7336
    assert cents(gp.headroom) == -2_541_929.97
    assert "280g_acceleration_presumption" in codes(gp)


def test_d_excess_excise_and_pay_in_full_better_by_956_009_54():
    gp = example_d()
    lump, april, may, options = gp.items
    assert [cents(i.base_allocated) for i in gp.items] == [12_833.19, 101.02, 100.60, 364_465.19]
    assert cents(gp.excess_parachute_payment) == 3_297_053.54
    assert cents(gp.excise_tax) == 659_410.71
    assert cents(gp.lost_deduction_tax_cost) == 1_153_968.74
    assert cents(gp.value_to_executive) == 3_674_428.97
    assert cents(gp.income_tax_if_paid_in_full) == 1_339_329.36
    assert cents(gp.excise_tax_present_value) == 659_388.34
    assert cents(gp.net_if_paid_in_full) == 1_675_711.27
    # Cut: the lump sum, ten whole tranches 13 Jul 2009 back to 13 Apr 2007, 50,688 of 13 Jan 2007.
    assert gp.cuts[0].component == "severance_lump_sum"
    tranches = gp.cuts[1:]
    assert [c.shares for c in tranches] == [56_250] * 10 + [50_688]
    assert tranches[-1].label.endswith("2007-01-13") and cents(tranches[-1].present_value) == 199_798.22
    assert cents(gp.value_lost_to_cutback) == 2_541_932.14
    assert cents(gp.net_if_cut_back) == 719_701.74
    assert gp.better_for_executive == "pay_in_full" and cents(gp.better_by) == 956_009.54


def test_d_prime_rebutting_the_presumption_applies_q_a_24c_and_cutback_wins():
    gp = example_d(acceleration_presumption_rebutted=True)
    first = gp.tranches[0]
    assert first.months == 7 and cents(first.contingent) == 89_330.55
    assert [t.months for t in gp.tranches[1:]] == list(range(10, 44, 3))
    assert [t.afr_class for t in gp.tranches[-4:]] == ["short", "mid", "mid", "mid"]
    assert cents(sum(t.contingent for t in gp.tranches)) == 1_082_605.51
    assert cents(gp.parachute_value) == 1_209_480.94
    assert round(gp.ratio_to_base, 4) == 3.2039
    assert cents(gp.headroom) == -76_981.94
    assert cents(gp.excess_parachute_payment) == 832_105.51
    assert cents(gp.excise_tax) == 166_421.10
    assert cents(gp.lost_deduction_tax_cost) == 291_236.93
    assert cents(gp.net_if_paid_in_full) == 2_168_695.69
    [cut] = gp.cuts
    assert cut.component == "severance_lump_sum" and cents(cut.present_value) == 76_981.94
    assert cents(cut.value_lost * (1 - 0.3645)) == 48_922.03
    assert cents(gp.net_if_cut_back) == 2_286_177.58
    assert gp.better_for_executive == "cut_back" and cents(gp.better_by) == 117_481.89
