"""The stock price as a distribution (§4, valuation assumptions): n equally likely lognormal
quantiles S0·exp((μ − σ²/2)t + σ√t·z_i), z_i = Φ⁻¹((i + ½)/n), with no random numbers."""

from __future__ import annotations

import math
from datetime import date
from statistics import NormalDist

import numpy as np
import pytest

from engine.price_distribution import (
    PriceModel,
    default_drift_pct,
    default_volatility_pct,
    price_model_problems,
    price_quantiles,
    standard_normal_quantiles,
    years_from,
)
from engine.terms import Assumptions

HIRE = date(2005, 7, 13)
PHI_INV = NormalDist().inv_cdf


def test_the_quantiles_are_the_midpoints_of_n_equal_slices_of_probability():
    z = standard_normal_quantiles(4)
    # By hand: Φ⁻¹(1/8), Φ⁻¹(3/8), Φ⁻¹(5/8), Φ⁻¹(7/8) = −1.1503, −0.3186, 0.3186, 1.1503.
    assert z == pytest.approx([-1.150349, -0.318639, 0.318639, 1.150349], abs=1e-6)
    z = standard_normal_quantiles(1000)
    assert z.size == 1000 and np.all(np.diff(z) > 0)
    assert z[0] == PHI_INV(0.5 / 1000) and z[999] == PHI_INV(999.5 / 1000)
    assert np.allclose(z, -z[::-1], atol=1e-12)  # symmetric: the same slices either side of 0


def test_the_quantiles_are_reproducible_without_a_seed():
    assert np.array_equal(standard_normal_quantiles(1000), standard_normal_quantiles(1000))
    assert not standard_normal_quantiles(1000).flags.writeable


def test_a_year_is_365_days_as_for_salary():
    # 13 Jul 2005 → 13 Jul 2006: 365 days = 1 year; → 13 Jul 2008: 365 + 365 + 366 = 1,096 days (29 Feb 2008).
    assert years_from(HIRE, [date(2006, 7, 13), date(2008, 7, 13)]) == pytest.approx([1.0, 1096 / 365])


def test_one_year_out_the_prices_follow_the_lognormal_formula():
    model = PriceModel(known_price=3.0, known_date=HIRE, volatility=0.60, drift=0.04)
    (row,) = price_quantiles(model, [date(2006, 7, 13)], 1000)
    # By hand, t = 1: ln S = ln 3 + (0.04 − 0.36/2)·1 + 0.60·z = ln 3 − 0.14 + 0.6 z.
    # Median slice i = 499 (z = Φ⁻¹(0.4995) ≈ −0.0012533): 3·exp(−0.1407520) = 3 × 0.8687047 ≈ 2.606114.
    assert row[499] == pytest.approx(3 * math.exp(-0.14 + 0.6 * PHI_INV(0.4995)), rel=1e-12)
    assert row[499] == pytest.approx(2.606114, abs=1e-6)
    # Lowest slice i = 0: z = Φ⁻¹(0.0005) ≈ −3.290527, 3·exp(−2.1143162) = 3 × 0.1207158 ≈ 0.362147.
    assert row[0] == pytest.approx(0.362147, abs=1e-6)
    assert np.all(np.diff(row) > 0)


def test_on_the_known_date_every_price_is_the_known_price():
    model = PriceModel(known_price=4.25, known_date=HIRE, volatility=0.60, drift=0.04)
    (row,) = price_quantiles(model, [HIRE], 1000)
    assert np.all(row == 4.25)


def test_without_volatility_the_price_grows_at_the_drift():
    model = PriceModel(known_price=3.0, known_date=HIRE, volatility=0.0, drift=0.04)
    (row,) = price_quantiles(model, [date(2006, 7, 13)], 10)
    # By hand: 3·e^0.04 = 3.1224322 in every slice.
    assert row == pytest.approx([3 * math.exp(0.04)] * 10, rel=1e-15)


def test_a_date_before_the_known_date_has_no_forecast():
    model = PriceModel(known_price=3.0, known_date=date(2006, 1, 1), volatility=0.6, drift=0.04)
    with pytest.raises(ValueError, match=r"dates: 2005-12-31 is before the date the price is known"):
        price_quantiles(model, [date(2005, 12, 31), date(2006, 2, 1)])


def test_the_defaults_are_the_black_scholes_assumptions():
    # Volatility 60%; drift = risk-free 4% − dividend yield 0% (§4, valuation assumptions).
    assert default_volatility_pct(Assumptions()) == 60.0
    assert default_drift_pct(Assumptions()) == 4.0
    assert default_drift_pct(Assumptions(risk_free_rate_pct=5.0, dividend_yield_pct=1.5)) == 3.5


def test_bad_inputs_are_named_with_their_clause():
    assert price_model_problems(3.0, 60.0, 4.0) == []
    (price,) = price_model_problems(0.0, 60.0, 4.0)
    assert price.startswith("known_price:") and "(§4)" in price
    (vol,) = price_model_problems(3.0, -1.0, 4.0)
    assert vol.startswith("volatility_pct:") and "§4" in vol
    (drift,) = price_model_problems(3.0, 60.0, float("nan"))
    assert drift.startswith("drift_pct:") and "§4" in drift
    with pytest.raises(ValueError, match="volatility_pct"):
        PriceModel(known_price=3.0, known_date=HIRE, volatility=6.0, drift=0.04)
    for n in (0, -5, 1.5, True, 100_001):
        with pytest.raises(ValueError, match="^n: "):
            standard_normal_quantiles(n)
