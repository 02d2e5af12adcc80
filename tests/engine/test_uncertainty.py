"""How likely each figure is (analyses/uncertainty.py): the closed forms the distributions meet.

The letter's defaults throughout: hire 13 Jul 2005, exercise price $3.00 (§4), 1,000,000 options
vesting 100,000 on hire, 225,000 on 13 Jul 2006, then 56,250 a quarter (§4); salary $250,000 a
year at 1/365 a day (§3); Sion Power buyout $127,500 (§4); §6.1 lump sum $125,000 and six months
of health at $1,000 (assumption) inside the first 24 months. Price model (assumptions): known
price $3.00 on the hire date, volatility 60%, drift 4% − 0% = 4% a year, n = 1,000 quantiles.
"""

from __future__ import annotations

import math
from datetime import date
from statistics import NormalDist

import numpy as np
import pytest

from analyses.uncertainty import (
    ModelInputs,
    fan,
    fan_at_price,
    fan_share_above,
    figures_at_prices,
    last_day_distribution,
    odds_in_words,
    percentile_positions,
    percentiles_of,
    price_model,
)
from engine.evaluate import evaluate
from engine.price_distribution import PriceModel, price_quantiles
from engine.scenario import Scenario, Termination

N = NormalDist()
HIRE = date(2005, 7, 13)
SCENARIO = Scenario()  # the letter as signed; stock price $5.00 (the sidebar's default)
MODEL = PriceModel(known_price=3.0, known_date=HIRE, volatility=0.60, drift=0.04)


def evaluated(reason: str, on: date, price: float):
    """The one scenario behind a value, through ``evaluate`` (not the grid)."""
    if reason == "none":
        return evaluate(Scenario(stock_price=price, as_of=on))
    return evaluate(Scenario(stock_price=price, termination=Termination(date=on, reason=reason)))


# --------------------------------------------------------------------------- percentiles


def test_percentiles_are_lower_quantiles_of_the_equally_likely_values():
    # P_p is the value at position ⌈p·n/100⌉ − 1: n = 1,000 → 99, 249, 499, 749, 899 (the 100th,
    # 250th, … 900th smallest); n = 10 → 0, 2, 4, 7, 8; n = 1 → the one value.
    assert percentile_positions(1000).tolist() == [99, 249, 499, 749, 899]
    assert percentile_positions(10).tolist() == [0, 2, 4, 7, 8]
    assert percentile_positions(1).tolist() == [0, 0, 0, 0, 0]


def test_a_figure_that_falls_with_the_price_is_sorted_first():
    # Values 10, 9, … 1 (a figure falling as the price rises): P10 = 1, P25 = 3, P50 = 5, P75 = 8, P90 = 9.
    values = np.arange(10, 0, -1, dtype=float)[None, :]
    assert percentiles_of(values).tolist() == [[1, 3, 5, 8, 9]]


@pytest.mark.parametrize("reason, on", [
    ("without_good_cause", date(2006, 11, 15)),  # inside the first 24 months: 381,250 vested
    ("resignation", date(2008, 1, 1)),  # 606,250 vested, no §6.1 payment
    ("none", date(2009, 7, 13)),  # fully vested
])
def test_a_figure_rising_with_the_price_has_its_percentiles_at_the_prices_percentiles(reason, on):
    result = last_day_distribution(SCENARIO, reason, on, MODEL)
    for k, position in enumerate(percentile_positions(1000)):
        price = float(result.prices[position])  # the price's own lower percentile
        expected = evaluated(reason, on, price)
        # Exactly, to the cent: the total, the cash cost and the option value all rise (weakly) with the price.
        assert result.percentiles["total_value"][k] == expected.total_value
        assert result.percentiles["total_cash"][k] == expected.total_cash
        assert result.percentiles["option_intrinsic_value"][k] == expected.option_intrinsic_value


# --------------------------------------------------------------------------- closed forms


@pytest.mark.parametrize("known_price, on", [
    (3.00, date(2006, 7, 13)),  # t = 1 year, at the money
    (5.00, date(2007, 7, 13)),  # t = 730/365 = 2 years, in the money
    (2.00, date(2009, 10, 11)),  # t = 1,551/365 years, out of the money
])
def test_the_chance_the_options_are_underwater_is_phi_of_minus_d2(known_price, on):
    model = PriceModel(known_price=known_price, known_date=HIRE, volatility=0.60, drift=0.04)
    result = last_day_distribution(SCENARIO, "without_good_cause", on, model)
    # P(S_t ≤ K) = Φ(−d2), d2 = (ln(S0/K) + (μ − σ²/2)t) / (σ√t). For S0 = K = 3, t = 1:
    # d2 = (0 + (0.04 − 0.18)) / 0.6 = −0.23333, Φ(0.23333) = 0.5922.
    t = (on - HIRE).days / 365
    d2 = (math.log(known_price / 3.0) + (0.04 - 0.18) * t) / (0.6 * math.sqrt(t))
    assert abs(result.p_underwater - N.cdf(-d2)) <= 0.0005  # equal to 3 decimals
    if on == date(2006, 7, 13):
        assert round(result.p_underwater, 3) == 0.592


def test_the_mean_option_value_converges_to_the_forward_black_scholes_value():
    # Still employed on 13 Jul 2007: 100,000 + 225,000 + 4 × 56,250 = 550,000 vested (§4); t = 730/365 = 2.
    # E[max(S − K, 0)] = F·N(d1) − K·N(d2), F = 3·e^{0.04·2} = 3.249862, d1 = (ln(F/K) + σ²t/2)/(σ√t)
    # = (0.08 + 0.36)/0.848528 = 0.518545, d2 = −0.329983: 3.249861 × 0.697961 − 3 × 0.370706 = 1.156157,
    # × 550,000 ≈ $635,886.
    on, vested, t = date(2007, 7, 13), 550_000, 2.0
    result = last_day_distribution(SCENARIO, "none", on, MODEL)
    forward = 3.0 * math.exp(0.04 * t)
    d1 = (math.log(forward / 3.0) + 0.36 * t / 2) / (0.6 * math.sqrt(t))
    d2 = d1 - 0.6 * math.sqrt(t)
    closed = vested * (forward * N.cdf(d1) - 3.0 * N.cdf(d2))
    assert closed == pytest.approx(635_886, abs=5)
    assert result.mean["option_intrinsic_value"] == pytest.approx(closed, rel=0.005)


def test_on_the_hire_date_without_volatility_the_median_is_the_deterministic_figure():
    # Terminated without Good Cause on the hire date, price $3.00 (known, no volatility): 1 day of
    # salary 250,000/365 = $684.93 (§3) + $127,500 (§4) + $125,000 (§6.1(a)) + 6 × $1,000 (§6.1(b))
    # = $259,184.93; the 100,000 vested options are at the money, worth $0 (§4).
    model = PriceModel(known_price=3.0, known_date=HIRE, volatility=0.0, drift=0.04)
    result = last_day_distribution(SCENARIO, "without_good_cause", HIRE, model)
    p50 = result.percentiles["total_value"][2]
    assert p50 == 259_184.93
    assert p50 == evaluate(Scenario(stock_price=3.0, termination=Termination(date=HIRE,
                                                                              reason="without_good_cause"))).total_value
    assert result.p_underwater == 1.0  # at the money: the options are worth nothing


def test_without_volatility_every_value_is_the_figure_at_the_forward_price():
    # One year on, the price is 3·e^{0.04} = $3.1224 for sure: still employed 13 Jul 2006, 325,000 vested,
    # option value 325,000 × (3.1224323 − 3) = 325,000 × 0.1224323 = $39,790.50 (§4).
    model = PriceModel(known_price=3.0, known_date=HIRE, volatility=0.0, drift=0.04)
    result = last_day_distribution(SCENARIO, "none", date(2006, 7, 13), model)
    assert set(result.values["option_intrinsic_value"].tolist()) == {39_790.50}
    assert result.mean["option_intrinsic_value"] == 39_790.50


def test_the_chance_of_more_than_an_amount_counts_the_equally_likely_totals():
    # On 13 Jul 2006 (without Good Cause), the 900th smallest total is the P90; exactly 100 of the 1,000
    # totals are above it (the total rises strictly with the price above the exercise price): 1 in 10.
    on = date(2006, 7, 13)
    result = last_day_distribution(SCENARIO, "without_good_cause", on, MODEL, amount=None)
    p90, share = result.chance_above(90)
    assert share == 0.1 and odds_in_words(share) == "a 1 in 10"
    assert p90 == evaluated("without_good_cause", on, float(result.prices[899])).total_value
    # The amount defaults to the total at the sidebar's $5.00: 366 days of salary (both 13 Julys counted)
    # 366 × 250,000/365 = $250,684.93 (§3) + $127,500 (§4) + $125,000 + $6,000 (§6.1) + 325,000 × $2 (§4)
    # = $1,159,184.93; the chance of more is the share of prices above $5.
    assert result.amount == 1_159_184.93
    assert result.p_above == float((result.prices > 5.0).mean())
    typed = last_day_distribution(SCENARIO, "without_good_cause", on, MODEL, amount=p90)
    assert typed.p_above == 0.1


def test_odds_read_as_a_board_member_says_them():
    assert odds_in_words(0.1) == "a 1 in 10"
    assert odds_in_words(0.25) == "a 1 in 4"
    assert odds_in_words(0.137) == "a 13.7%"
    assert odds_in_words(0.0) == "no"


# --------------------------------------------------------------------------- the adapter and the fan


def test_the_adapter_gives_evaluates_figures_with_a_price_vector_per_date():
    days = np.array(["2006-11-15", "2007-07-13", "2008-01-01"], dtype="datetime64[D]")
    prices = np.array([[1.0, 3.5, 9.25], [2.0, 4.0, 6.0], [0.5, 3.0, 12.0]])
    out = figures_at_prices(SCENARIO, days, prices, "without_good_cause")
    assert set(out) == {"total_value", "total_cash", "option_intrinsic_value"}
    for d in range(3):
        for p in range(3):
            expected = evaluated("without_good_cause", days[d].astype(date), float(prices[d, p]))
            assert out["total_value"][d, p] == expected.total_value
            assert out["total_cash"][d, p] == expected.total_cash
            assert out["option_intrinsic_value"][d, p] == expected.option_intrinsic_value
    # 15 Nov 2006 at $3.50: 381,250 × $0.50 = $190,625 (READING.md's vested count, §4).
    assert out["option_intrinsic_value"][0, 1] == 190_625.00
    # The same prices on every date take one grid call; the figures are the same.
    same = figures_at_prices(SCENARIO, days, np.tile(prices[:1], (3, 1)), "without_good_cause")
    assert same["total_value"][2, 2] == evaluated("without_good_cause", date(2008, 1, 1), 9.25).total_value


def test_the_adapter_refuses_a_price_row_count_that_is_not_the_date_count():
    with pytest.raises(ValueError, match="prices_2d"):
        figures_at_prices(SCENARIO, np.array(["2006-01-01"], dtype="datetime64[D]"), np.ones((2, 3)),
                          "without_good_cause")


def test_the_fan_runs_from_the_known_date_to_90_days_after_the_last_vest_date():
    # Known date 1 Jul 2009: last days 1 Jul 2009 … 13 Jul 2009 + 90 days = 11 Oct 2009 (103 days).
    resolved = price_model(SCENARIO, ModelInputs(known_price=6.0, known_date=date(2009, 7, 1)))
    assert resolved.volatility_is_default and resolved.drift_is_default and not resolved.known_price_is_default
    result = fan(SCENARIO, ("without_good_cause", "resignation"), resolved.model, n=200)
    assert result.dates[0] == np.datetime64("2009-07-01") and result.dates[-1] == np.datetime64("2009-10-11")
    assert result.dates.size == 103
    assert [v.vest_date for v in result.vest_dates] == [date(2009, 7, 13)]
    # On the known date every price is $6.00: still 943,750 vested on 1 Jul 2009 (the last 56,250 vest
    # 13 Jul), option value 943,750 × $3 = $2,831,250, the same at every percentile.
    first = result.reasons["resignation"].figures["option_intrinsic_value"].percentiles[0]
    assert first.tolist() == [2_831_250.0] * 5
    assert result.p_underwater[0] == 0.0
    # Without Good Cause after the 24 months pays no §6.1 lump sum: the same as a resignation (§6.1).
    assert np.array_equal(result.reasons["resignation"].figures["total_value"].percentiles,
                          result.reasons["without_good_cause"].figures["total_value"].percentiles)
    # The line at the sidebar's $5.00, and the chance of more than it, from the same sorted totals.
    line = fan_at_price(SCENARIO, ("resignation",), result.dates, 5.0)["resignation"]["total_value"]
    assert line[0] == evaluated("resignation", date(2009, 7, 1), 5.0).total_value
    above = fan_share_above(result, float(line[0]))["resignation"]
    assert above[0] == 1.0  # $6.00 on that day for sure, above $5.00


def test_the_fan_and_the_last_day_stay_inside_the_supported_range():
    """Hired 13 Jul 2099: the last installment vests 13 Jul 2103 (§4), after 31 Dec 2100, the last
    date the app values. The fan runs from the hire date to 31 Dec 2100 (537 days), and the
    figures' own day, full vesting, is named as out of range rather than computed."""
    from analyses.uncertainty import fan_dates, last_day_problem
    from engine.dates import MAX_DATE

    late = Scenario(hire_date=date(2099, 7, 13), exercise_price=3.0, stock_price=5.0)
    days = fan_dates(late, late.hire_date)
    assert days[0] == np.datetime64("2099-07-13") and days[-1] == np.datetime64("2100-12-31")
    assert days.size == 537  # 13-31 Jul (19) + Aug-Dec 2099 (153) + 2100, not a leap year (365)
    problem = last_day_problem(evaluate(late).as_of)
    assert problem is not None and "13 Jul 2103" in problem and "31 Dec 2100" in problem and "as_of" in problem
    assert last_day_problem(MAX_DATE) is None
