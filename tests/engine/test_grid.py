"""The grid gives, in every cell, the figures ``evaluate`` gives for that one scenario.

Random scenarios from a seeded generator (reproducible; the failing scenario is
printed as JSON): hire dates 1995–2030 including month-ends, termination dates
from the hire date to six years after it (with the days either side of every
boundary the rules turn on), prices below, at and above the exercise price, every
reason, a Change in Control absent, inside, at the edges of and after the
protection window and after the termination, every acceleration choice, and
negotiated terms.

Both now run the one pipeline (``engine.pipeline``), so the comparison checks
the dollars each path reports; the last test checks the pipeline itself on
every day of five years against figures worked from READING.md alone.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import numpy as np
import pytest

from engine.dates import add_months
from engine.evaluate import evaluate
from engine.grid import REASONS, GridResult, cell, evaluate_grid, to_frame
from engine.scenario import ChangeInControl, ChangeInControlFacts, Scenario, Termination
from engine.severance import protection_window_end
from engine.terms import Assumptions, OfferTerms
from engine.vesting import vesting_schedule

MONEY = (
    "total_value", "total_cash", "option_intrinsic_value", "vested_option_value", "accelerated_option_value",
    "salary_earned", "severance_lump_sum", "health_continuation_cost",
)
SHARES = ("vested_shares", "accelerated_shares", "forfeited_shares", "unvested_shares")


# --------------------------------------------------------------------------- random scenarios


def _random_day(rng: np.random.Generator, first: date, last: date) -> date:
    return first + timedelta(days=int(rng.integers(0, (last - first).days + 1)))


def _random_hire(rng: np.random.Generator) -> date:
    year = int(rng.integers(1995, 2031))
    kind = rng.integers(0, 4)
    if kind == 0:  # a month-end, where month arithmetic clips
        month = int(rng.choice([1, 2, 3, 5, 8, 10, 12]))
        return date(year, month, calendar.monthrange(year, month)[1])
    if kind == 1:  # 29 Feb
        year = int(rng.choice([1996, 2000, 2004, 2008, 2012, 2016, 2020, 2024, 2028]))
        return date(year, 2, 29)
    return _random_day(rng, date(1995, 1, 1), date(2030, 12, 31))


def _random_terms(rng: np.random.Generator) -> OfferTerms:
    if rng.random() < 0.35:
        return OfferTerms()
    pick = lambda *xs: xs[int(rng.integers(0, len(xs)))]  # noqa: E731
    return OfferTerms(
        base_salary=pick(250_000.0, 187_654.32, 400_000.0, 99_999.99),
        first_adjustment_date=pick(date(2006, 7, 1), date(1990, 1, 31), date(2012, 2, 29), date(2031, 12, 31)),
        option_shares=pick(1_000_000, 999_999, 12_345, 0, 1),
        immediate_vest_pct=pick(10.0, 0.0, 33.3, 100.0),
        first_anniversary_pct=pick(25.0, 0.0, 50.0, 100.0),
        cliff_months=pick(12, 0, 6, 13),
        quarterly_installments=pick(12, 1, 7, 16),
        installment_interval_months=pick(3, 1, 6),
        sion_buyout=pick(127_500.0, 0.0, 50_000.55),
        severance_lump_sum=pick(125_000.0, 0.0, 250_000.0, 99_999.99),
        protection_months=pick(24, 0, 12, 36),
        health_continuation_months=pick(6, 0, 1, 12),
        cure_period_days=pick(30, 0, 45),
    )


def _random_assumptions(rng: np.random.Generator) -> Assumptions:
    pick = lambda *xs: xs[int(rng.integers(0, len(xs)))]  # noqa: E731
    return Assumptions(
        annual_raise_pct=pick(0.0, 0.0, 3.0, 4.75, 12.345),
        monthly_health_premium=pick(1_000.0, 0.0, 1_234.57, 2_500.0),
        unvested_at_termination=pick("forfeit", "accelerate"),
        cic_acceleration=pick("none", "single_trigger", "double_trigger"),
        double_trigger_months=pick(12, 1, 6, 24),
    )


def _random_cic(rng: np.random.Generator, hire: date, window_end: date) -> ChangeInControl | None:
    kind = int(rng.integers(0, 8))
    if kind == 0:
        return None
    on = {
        1: hire,
        2: _random_day(rng, hire, max(hire, window_end - timedelta(days=1))),  # inside the window
        3: max(hire, window_end - timedelta(days=1)),  # its last day
        4: window_end,  # the day after it
        5: _random_day(rng, window_end, hire + timedelta(days=6 * 365)),  # after it
        6: hire + timedelta(days=6 * 365 + 30),  # after every termination date
        7: _random_day(rng, hire, hire + timedelta(days=3 * 365)),
    }[kind]
    facts = None
    roll = rng.random()
    if roll < 0.15:
        facts = ChangeInControlFacts(deal_type="merger", shareholders_retained_pct=50.0)  # not a CIC (§6.3)
    elif roll < 0.3:
        facts = ChangeInControlFacts(deal_type="liquidation")
    return ChangeInControl(date=on, facts=facts)


def _random_base(seed: int) -> Scenario:
    rng = np.random.default_rng(seed)
    hire = _random_hire(rng)
    terms = _random_terms(rng)
    window_end = protection_window_end(hire, terms)
    termination = None
    kind = int(rng.integers(0, 5))
    if kind == 0:
        notice = _random_day(rng, hire, hire + timedelta(days=3 * 365))
        termination = Termination(date=notice, reason="good_cause", good_cause_ground="neglect", notice_date=notice)
    elif kind == 1:
        ground = ["conviction", "policy", None][int(rng.integers(0, 3))]
        termination = Termination(date=hire, reason="good_cause", good_cause_ground=ground)
    elif kind == 2:
        termination = Termination(date=hire, reason="resignation")
    return Scenario(
        hire_date=hire,
        exercise_price=float(rng.choice([3.0, 0.5, 12.34, 7.777])),
        stock_price=5.0,
        termination=termination,
        change_in_control=_random_cic(rng, hire, window_end),
        terms=terms,
        assumptions=_random_assumptions(rng),
    )


def _boundary_days(base: Scenario) -> list[date]:
    """The days the rules turn on: vest dates, window end, CIC, cure end, raises, health months."""
    hire, terms, assume = base.hire_date, base.terms, base.assumptions
    days = [hire, protection_window_end(hire, terms)]
    days += [item.vest_date for item in vesting_schedule(hire, terms)]
    days += [add_months(terms.first_adjustment_date, 12 * k) for k in range(0, 40)]
    cic = base.change_in_control
    if cic is not None:
        days += [cic.date, add_months(cic.date, assume.double_trigger_months)]
        days += [add_months(cic.date, i) for i in range(terms.health_continuation_months + 1)]
    if base.termination is not None and base.termination.notice_date is not None:
        notice = base.termination.notice_date
        days += [notice, notice + timedelta(days=terms.cure_period_days)]
    out = set()
    for d in days:
        for shift in (-1, 0, 1):
            e = d + timedelta(days=shift)
            if hire <= e <= hire + timedelta(days=6 * 366):
                out.add(e)
    return sorted(out)


def _random_axes(seed: int, base: Scenario, n_dates: int = 7, n_prices: int = 5):
    rng = np.random.default_rng(seed + 10_000)
    hire = base.hire_date
    boundary = _boundary_days(base)
    dates = [_random_day(rng, hire, hire + timedelta(days=6 * 365)) for _ in range(n_dates - 3)]
    dates += [boundary[int(i)] for i in rng.integers(0, len(boundary), 3)]
    k = base.exercise_price
    prices = [k, max(0.01, k - 1.25), k + 0.005, round(k + float(rng.uniform(0, 30)), 3), float(rng.uniform(0.01, 60))]
    return dates, prices[:n_prices]


# --------------------------------------------------------------------------- the scalar reference


def _scalar(base: Scenario, reason: str, day: date, price: float) -> Scenario:
    """The one scenario ``evaluate`` is given for a grid cell."""
    if reason == "none":
        return base.model_copy(update={"termination": None, "as_of": day, "stock_price": price})
    if reason == "good_cause" and base.termination is not None and base.termination.reason == "good_cause":
        t = base.termination
        if t.notice_date is not None and day < t.notice_date:
            # Before the cure notice: not yet Good Cause (grid docstring), so the
            # figures are those of a termination other than for Good Cause.
            termination = Termination(date=day, reason="without_good_cause")
        else:
            termination = Termination(date=day, reason="good_cause", good_cause_ground=t.good_cause_ground,
                                      notice_date=t.notice_date)
    else:
        termination = Termination(date=day, reason=reason)
    return Scenario(
        hire_date=base.hire_date, exercise_price=base.exercise_price, stock_price=price,
        termination=termination, change_in_control=base.change_in_control,
        terms=base.terms, assumptions=base.assumptions,
    )


def _assert_matches_evaluate(base: Scenario, result: GridResult) -> int:
    checked = 0
    for r, reason in enumerate(result.reasons):
        for d, day64 in enumerate(result.termination_dates):
            day = day64.astype(date)
            for p, price in enumerate(result.stock_prices):
                scenario = _scalar(base, reason, day, float(price))
                want = evaluate(scenario)
                got = cell(result, r, d, p)
                where = f"{reason} {day} ${price}: {scenario.model_dump_json()}"
                for name in MONEY:
                    assert abs(round(got[name], 2) - round(getattr(want, name), 2)) < 0.005, f"{name} {where}"
                for name in SHARES:
                    assert got[name] == getattr(want, name), f"{name} {where}"
                assert got["health_continuation_months"] == want.health_continuation_months, where
                assert got["signing_buyout"] == want.signing_buyout
                checked += 1
    return checked


@pytest.mark.parametrize("seed", range(40))
def test_every_cell_is_what_evaluate_says(seed: int) -> None:
    base = _random_base(seed)
    dates, prices = _random_axes(seed, base)
    result = evaluate_grid(base, dates, prices, REASONS)
    assert _assert_matches_evaluate(base, result) == len(REASONS) * len(dates) * len(prices)


@pytest.mark.parametrize("seed", range(100, 110))
def test_every_day_across_the_boundaries_is_what_evaluate_says(seed: int) -> None:
    base = _random_base(seed)
    dates = _boundary_days(base)
    result = evaluate_grid(base, np.array(dates, dtype="datetime64[D]"), [base.exercise_price + 2.5],
                           ["without_good_cause", "good_cause", "none"])
    _assert_matches_evaluate(base, result)


def test_the_letter_as_written_matches_evaluate_on_its_worked_examples() -> None:
    base = Scenario()  # hire 13 Jul 2005, exercise price $3.00
    dates = [date(2008, 1, 1), date(2006, 11, 15), date(2007, 11, 15), date(2007, 7, 12), date(2007, 7, 13)]
    result = evaluate_grid(base, dates, [5.0, 3.0, 2.0], REASONS)
    _assert_matches_evaluate(base, result)
    still_employed = cell(result, "none", 0, 0)
    assert still_employed["vested_shares"] == 606_250
    assert still_employed["option_intrinsic_value"] == 1_212_500.0
    fired = cell(result, "without_good_cause", 1, 0)
    assert (fired["vested_shares"], fired["forfeited_shares"]) == (381_250, 618_750)
    assert fired["severance_lump_sum"] == 125_000.0
    assert fired["health_continuation_months"] == 6
    assert cell(result, "without_good_cause", 2, 0)["severance_lump_sum"] == 0.0


def test_a_change_in_control_then_a_termination_pays_once_from_the_first() -> None:
    base = Scenario(change_in_control=ChangeInControl(date=date(2006, 3, 1)),
                    assumptions=Assumptions(cic_acceleration="double_trigger"))
    dates = [date(2006, 2, 28), date(2006, 3, 1), date(2006, 5, 15), date(2007, 2, 28), date(2007, 3, 1)]
    result = evaluate_grid(base, dates, [4.0], REASONS)
    _assert_matches_evaluate(base, result)
    assert result.severance_lump_sum[REASONS.index("without_good_cause")].tolist() == [125_000.0] * 5
    assert result.accelerated_shares[REASONS.index("without_good_cause")].tolist()[-2:] == [562_500, 0]


def test_neglect_before_the_cure_period_has_run_is_not_yet_good_cause() -> None:
    notice = date(2006, 1, 10)
    base = Scenario(termination=Termination(date=notice, reason="good_cause", good_cause_ground="neglect",
                                            notice_date=notice))
    dates = [date(2005, 12, 1), notice, date(2006, 2, 8), date(2006, 2, 9), date(2006, 6, 1)]
    result = evaluate_grid(base, dates, [5.0], ["good_cause"])
    _assert_matches_evaluate(base, result)
    assert result.severance_lump_sum[0].tolist() == [125_000.0, 125_000.0, 125_000.0, 0.0, 0.0]


def test_even_a_billion_shares_at_a_million_dollars_match_to_the_cent() -> None:
    base = Scenario(exercise_price=0.01, terms=OfferTerms(option_shares=1_000_000_000, quarterly_installments=7),
                    change_in_control=ChangeInControl(date=date(2007, 1, 31)),
                    assumptions=Assumptions(cic_acceleration="single_trigger", annual_raise_pct=7.0))
    dates = [date(2005, 7, 13), date(2006, 12, 31), date(2007, 2, 1), date(2009, 3, 3)]
    result = evaluate_grid(base, dates, [1e6, 999_999.995, 0.015], REASONS)
    _assert_matches_evaluate(base, result)


# --------------------------------------------------------------------------- the grid's own contract


def test_shapes_axes_and_read_only_arrays() -> None:
    base = Scenario()
    dates = np.arange(np.datetime64("2005-07-13"), np.datetime64("2010-07-13"))
    prices = np.linspace(1, 11, 201)
    result = evaluate_grid(base, dates, prices, ["without_good_cause", "none"])
    assert result.shape == (2, dates.size, 201)
    for name in ("total_value", "total_cash", "option_intrinsic_value", "vested_option_value",
                 "accelerated_option_value"):
        assert getattr(result, name).shape == result.shape, name
        assert not getattr(result, name).flags.writeable, name
    for name in ("salary_earned", "severance_lump_sum", "health_continuation_cost", "vested_shares",
                 "accelerated_shares", "forfeited_shares"):
        assert getattr(result, name).shape == (2, dates.size), name
    assert result.termination_dates.dtype == np.dtype("datetime64[D]")
    assert result.reasons == ("without_good_cause", "none")
    assert result.signing_buyout == 127_500.0
    # The Company's cash does not move with the price: a broadcast view, no memory.
    assert result.total_cash.strides[-1] == 0
    np.testing.assert_array_equal(result.total_value, np.round(result.total_cash + result.option_intrinsic_value, 2))


def test_dates_may_come_in_any_order_and_repeat() -> None:
    base = Scenario(change_in_control=ChangeInControl(date=date(2006, 6, 30)))
    dates = [date(2009, 1, 1), date(2005, 7, 13), date(2009, 1, 1), date(2006, 7, 1)]
    result = evaluate_grid(base, dates, [6.0, 2.0], REASONS)
    _assert_matches_evaluate(base, result)


def test_a_termination_date_before_the_hire_date_is_refused() -> None:
    with pytest.raises(ValueError, match="termination_dates"):
        evaluate_grid(Scenario(), [date(2005, 7, 12)], [5.0], ["death"])


@pytest.mark.parametrize("prices", [[0.0], [-1.0], [float("nan")], [2e6]])
def test_a_price_scenario_would_refuse_is_refused(prices) -> None:
    with pytest.raises(ValueError, match="stock_prices"):
        evaluate_grid(Scenario(), [date(2006, 1, 1)], prices, ["death"])


def test_an_unknown_reason_is_refused() -> None:
    with pytest.raises(ValueError, match="reasons"):
        evaluate_grid(Scenario(), [date(2006, 1, 1)], [5.0], ["retirement"])


def test_empty_axes_give_empty_arrays() -> None:
    result = evaluate_grid(Scenario(), [], [5.0], REASONS)
    assert result.total_value.shape == (len(REASONS), 0, 1)


def test_to_frame_is_long_and_strided_to_max_rows() -> None:
    base = Scenario()
    dates = np.arange(np.datetime64("2005-07-13"), np.datetime64("2010-07-13"))
    result = evaluate_grid(base, dates, np.linspace(1, 11, 201), ["without_good_cause", "none", "death"])
    frame = to_frame(result, "total_value", max_rows=5000)
    assert list(frame.columns) == ["date", "stock_price", "reason", "value"]
    assert 0 < len(frame) <= 5000
    assert set(frame["reason"]) == {"without_good_cause", "none", "death"}
    row = frame.iloc[len(frame) // 2]
    d = int(np.flatnonzero(result.termination_dates == np.datetime64(row["date"].date()))[0])
    p = int(np.flatnonzero(result.stock_prices == row["stock_price"])[0])
    assert row["value"] == result.total_value[result.reasons.index(row["reason"]), d, p]
    small = result.to_frame("salary_earned", max_rows=100)
    assert len(small) <= 100 and small["stock_price"].isna().all()
    with pytest.raises(ValueError, match="value"):
        to_frame(result, "not_a_figure")


def test_a_cell_lists_its_components() -> None:
    result = evaluate_grid(Scenario(), [date(2006, 11, 15)], [5.0], ["without_good_cause"])
    c = result.cell(0, 0, 0)
    assert c["termination_date"] == date(2006, 11, 15) and c["reason"] == "without_good_cause"
    assert c["total_value"] == round(c["total_cash"] + c["option_intrinsic_value"], 2)
    assert c["total_cash"] == round(c["salary_earned"] + c["signing_buyout"] + c["severance_lump_sum"]
                                    + c["health_continuation_cost"], 2)


def test_money_is_rounded_once_half_a_cent_up_in_integer_cents() -> None:
    """READING.md "Money is exact to the cent": shares × spread, rounded once, half a cent up.

    381,250 × $4.3141 = $1,644,750.625 → $1,644,750.63 (a half cent up);
    1 × $0.004999 = $0.004999 → $0.00; 1 × $0.005 → $0.01;
    1,000,000,000 × $999,999.995 = $999,999,995,000,000.00 exactly (no int64 overflow).
    """
    from engine.money import price_nanos, shares_times_price_cents

    shares = np.array([381_250, 1, 1, 1_000_000_000])
    spread = price_nanos([4.3141, 0.004999, 0.005, 999_999.995])
    assert shares_times_price_cents(shares, spread).tolist() == [
        164_475_063, 0, 1, 99_999_999_500_000_000]


# --------------------------------------------------------------------------- the pipeline against the letter


def test_every_day_of_five_years_at_five_prices_is_what_the_letter_gives() -> None:
    """9,130 cells of the pipeline against figures worked from READING.md alone.

    Hire 13 Jul 2005, exercise $3.00, terminated without Good Cause on each day D of five years:
    salary = days employed × $250,000 / 365, rounded once half a cent up (in cents:
    (2 × days × 25,000,000 + 365) // 730); the $127,500 buyout; $125,000 and 6 × $1,000 of health
    when D is before 13 Jul 2007 (hire + 24 months); vested shares 100,000 from hire, +225,000 from
    13 Jul 2006, +56,250 on each 13 Oct/Jan/Apr/Jul from 13 Oct 2006 to 13 Jul 2009 (independent
    month arithmetic in ``months_after``); option value = vested × max(0, price − $3), in cents.
    """
    from tests.engine.conftest import months_after

    hire = date(2005, 7, 13)
    days = [hire + timedelta(days=k) for k in range(5 * 365 + 1)]
    prices = [2.5, 3.0, 3.125005, 5.0, 7.3141]
    result = evaluate_grid(Scenario(), days, prices, ["without_good_cause"])
    vest_dates = [(hire, 100_000), (months_after(hire, 12), 225_000)]
    vest_dates += [(months_after(hire, 12 + 3 * k), 56_250) for k in range(1, 13)]
    spreads_in_micro_cents = [0, 0, 12_500_500, 200_000_000, 431_410_000]  # (price − $3) in millionths of a cent
    for d, day in enumerate(days):
        employed = (day - hire).days + 1
        salary_cents = (2 * employed * 25_000_000 + 365) // 730
        inside = day < date(2007, 7, 13)
        cash_cents = salary_cents + 12_750_000 + (12_500_000 + 600_000 if inside else 0)
        vested = sum(shares for on, shares in vest_dates if on <= day)
        assert result.vested_shares[0, d] == vested, day
        assert result.forfeited_shares[0, d] == 1_000_000 - vested, day
        assert result.total_cash[0, d, 0] == cash_cents / 100, day
        for p, spread in enumerate(spreads_in_micro_cents):
            option_cents = (2 * vested * spread + 10**6) // (2 * 10**6)
            assert result.option_intrinsic_value[0, d, p] == option_cents / 100, (day, prices[p])
            assert result.total_value[0, d, p] == (cash_cents + option_cents) / 100, (day, prices[p])


def test_evaluate_cells_takes_a_price_vector_per_date() -> None:
    """Last days of shape (2, 1) with prices of shape (2, 3): each date its own prices.

    15 Nov 2006, without Good Cause (READING.md worked example): cash = 491 days × 250,000 / 365
    (336,301.37) + 127,500 + 125,000 + 6 × 1,000 = 594,801.37; 381,250 vested: at $5, $3, $4 the
    options are worth 762,500, 0, 381,250. 1 Jan 2008: outside the 24 months, cash = 903 days ×
    250,000 / 365 (618,493.15) + 127,500 = 745,993.15; 606,250 vested: at $5, $6, $7 the options are
    worth 1,212,500, 1,818,750, 2,425,000.
    """
    from engine.grid import evaluate_cells

    days = np.array([["2006-11-15"], ["2008-01-01"]], dtype="datetime64[D]")
    prices = np.array([[5.0, 3.0, 4.0], [5.0, 6.0, 7.0]])
    cells = evaluate_cells(Scenario(), days, prices, "without_good_cause")
    assert cells.total_value.shape == cells.vested_shares.shape == (2, 3)
    assert cells.total_cash.tolist() == [[594_801.37] * 3, [745_993.15] * 3]
    assert cells.vested_shares.tolist() == [[381_250] * 3, [606_250] * 3]
    assert cells.option_intrinsic_value.tolist() == [[762_500.0, 0.0, 381_250.0],
                                                     [1_212_500.0, 1_818_750.0, 2_425_000.0]]
    assert cells.total_value.tolist() == [[1_357_301.37, 594_801.37, 976_051.37],
                                          [1_958_493.15, 2_564_743.15, 3_170_993.15]]
    with pytest.raises(ValueError, match="stock_prices"):
        evaluate_cells(Scenario(), days, -prices)


def test_health_months_after_a_change_in_control_shared_by_many_last_days() -> None:
    """§6.1(b) across 242 last days that all share one §6 Termination Date (the grid works the
    month arithmetic once per distinct Termination Date and gathers it).

    Hire 13 Jul 2005; a Change in Control on 30 Sep 2006, inside the 24 months; he dies (no
    Company termination, so the Change in Control is the only trigger) on each day D from
    1 Sep 2006 to 30 Apr 2007. Before 30 Sep 2006 nothing is triggered. From it, the coverage
    months begin the day after 30 Sep 2006 + k months, anchored and clipped: 1 Oct, 31 Oct,
    1 Dec, 31 Dec 2006, 31 Jan and (28 Feb 2007 + 1) 1 Mar 2007. Those beginning after D count,
    at the assumed $1,000 a month: 6 on 30 Sep; 5 from 1 Oct; 4 from 31 Oct; 3 from 1 Dec;
    2 from 31 Dec; 1 from 31 Jan; 0 from 1 Mar 2007.
    """
    base = Scenario(change_in_control=ChangeInControl(date=date(2006, 9, 30)))
    first = date(2006, 9, 1)
    days = [first + timedelta(days=k) for k in range((date(2007, 4, 30) - first).days + 1)]
    result = evaluate_grid(base, days, [3.0], ["death"])
    steps = [(date(2006, 9, 30), 6), (date(2006, 10, 1), 5), (date(2006, 10, 31), 4), (date(2006, 12, 1), 3),
             (date(2006, 12, 31), 2), (date(2007, 1, 31), 1), (date(2007, 3, 1), 0)]
    for d, day in enumerate(days):
        expected = next((n for on, n in reversed(steps) if on <= day), 0)
        assert result.health_continuation_months[0, d] == expected, day
        assert result.health_continuation_cost[0, d] == expected * 1_000, day
        assert result.severance_lump_sum[0, d] == (125_000 if day >= date(2006, 9, 30) else 0), day


def test_a_grid_filled_by_two_threads_is_what_the_letter_gives_in_both_halves() -> None:
    """The bench's grid (1,826 days × 201 prices, 367,026 cells) is big enough to be filled by
    two threads, one half of the dates each (``engine.grid._SPLIT_CELLS``). Every cell of both
    halves, the days either side of the split included, holds the letter's figures, worked as
    in the test above: hire 13 Jul 2005, exercise $3.00, terminated without Good Cause on D."""
    from engine.grid import _SPLIT_CELLS
    from tests.engine.conftest import months_after

    hire = date(2005, 7, 13)
    days = [hire + timedelta(days=k) for k in range(5 * 365 + 1)]
    prices = np.round(np.linspace(0.5, 20.5, 201), 2)  # $0.50, $0.60, …, $20.50
    result = evaluate_grid(Scenario(), days, prices, ["without_good_cause"])
    assert result.total_value.size >= _SPLIT_CELLS
    vest_dates = [(hire, 100_000), (months_after(hire, 12), 225_000)]
    vest_dates += [(months_after(hire, 12 + 3 * k), 56_250) for k in range(1, 13)]
    spread_cents = np.maximum(0, np.round(prices * 100).astype(np.int64) - 300)  # whole cents: no rounding
    for d, day in enumerate(days):
        employed = (day - hire).days + 1
        cash_cents = (2 * employed * 25_000_000 + 365) // 730 + 12_750_000
        cash_cents += 12_500_000 + 600_000 if day < date(2007, 7, 13) else 0
        vested = sum(shares for on, shares in vest_dates if on <= day)
        option_cents = vested * spread_cents
        np.testing.assert_array_equal(result.option_intrinsic_value[0, d], option_cents / 100, err_msg=str(day))
        np.testing.assert_array_equal(result.vested_option_value[0, d], option_cents / 100, err_msg=str(day))
        np.testing.assert_array_equal(result.accelerated_option_value[0, d], 0.0, err_msg=str(day))
        np.testing.assert_array_equal(result.total_value[0, d], (cash_cents + option_cents) / 100, err_msg=str(day))


def _big_grid_total_in_child(queue) -> None:
    dates = np.arange(np.datetime64("2005-07-13"), np.datetime64("2010-07-13"))
    result = evaluate_grid(Scenario(), dates, np.linspace(0.5, 20.5, 201), ["without_good_cause"])
    queue.put(float(result.total_value[0, -1, -1]))


def test_a_process_forked_after_a_big_grid_can_compute_one_too() -> None:
    """A forked child does not inherit the parent's second thread; its big grid must still finish.
    Last day 12 Jul 2010 at $20.50, without Good Cause after the window: salary 1,826 days ×
    $250,000 / 365 = $1,250,684.93, the $127,500 buyout, all 1,000,000 shares × $17.50."""
    import multiprocessing

    dates = np.arange(np.datetime64("2005-07-13"), np.datetime64("2010-07-13"))
    evaluate_grid(Scenario(), dates, np.linspace(0.5, 20.5, 201), ["without_good_cause"])  # the parent's thread
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_big_grid_total_in_child, args=(queue,))
    child.start()
    child.join(timeout=60)
    if child.is_alive():
        child.kill()
        pytest.fail("the forked child's grid did not finish within 60 s")
    assert child.exitcode == 0
    assert queue.get(timeout=5) == 18_878_184.93  # 1,250,684.93 + 127,500 + 17,500,000
