"""Sensitivity (analyses.sensitivity): a termination on every day × every stock price, its
highest cells worked out by hand from the letter, and the blocks drawn from it, which
must never show a figure no cell has.

Worked by hand: hire 13 Jul 2005, exercise price $3.00, the letter's defaults; the
first 24 months end on 13 Jul 2007 (§6.1), so 12 Jul 2007 is the last day inside them.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from engine.evaluate import evaluate
from engine.grid import evaluate_grid
from engine.scenario import ChangeInControl, Scenario, Termination
from analyses.sensitivity import (
    CHART_ROWS_BELOW,
    FOLLOW_SIDEBAR,
    auto_price_max,
    block_layout,
    blocks,
    cell_figures,
    cell_scenario,
    grid_base,
    peak,
    price_range_problems,
    reason_for,
    sensitivity,
    stock_prices,
    termination_dates,
)
from tests.engine.conftest import BUYOUT, HIRE, LUMP_SUM, days_employed

DAILY = 250_000 / 365
HEALTH = 6 * 1_000.00  # six months at the assumed $1,000 a month (§5, §6.1(b))
LAST_IN_WINDOW = date(2007, 7, 12)
FIRST_OUTSIDE = date(2007, 7, 13)
LAST_OF_FIVE_YEARS = date(2010, 7, 12)

BASE = Scenario(hire_date=HIRE, exercise_price=3.00, stock_price=3.00)


def salary(last_day: date) -> float:
    return round(days_employed(HIRE, last_day) * DAILY, 2)


@pytest.fixture(scope="module")
def cash():
    return sensitivity(BASE, "without_good_cause", "total_cash", years=5, price_min=0.50, price_max=9.00)


@pytest.fixture(scope="module")
def total():
    return sensitivity(BASE, "without_good_cause", "total_value", years=5, price_min=0.50, price_max=9.00)


# --------------------------------------------------------------------------- the highest cells, by hand


def test_letting_him_go_costs_the_company_most_in_cash_on_the_last_day_of_the_first_24_months(cash):
    p = cash.peak_in_window
    # 730 days × 250,000/365 = $500,000 (§3) + $127,500 (§4) + $125,000 (§6.1(a)) + $6,000 (§6.1(b))
    assert days_employed(HIRE, LAST_IN_WINDOW) == 730
    assert p.value == 500_000 + BUYOUT + LUMP_SUM + HEALTH == 758_500
    assert (p.date, p.n_dates) == (LAST_IN_WINDOW, 1)
    assert p.any_price  # cash does not depend on the stock price
    assert cash.window_end == FIRST_OUTSIDE


def test_one_day_later_the_lump_sum_and_health_are_gone(cash):
    on, value = cash.after_window
    assert on == FIRST_OUTSIDE
    assert salary(FIRST_OUTSIDE) == 500_684.93  # 731 days
    assert value == 628_184.93  # + $127,500 buyout


def test_over_five_years_salary_keeps_accruing_so_the_last_day_of_the_grid_costs_most(cash):
    # 1,826 days (2008 is a leap year) × 250,000/365 = $1,250,684.93, plus the buyout
    assert days_employed(HIRE, LAST_OF_FIVE_YEARS) == 1826
    assert cash.peak.value == 1_250_684.93 + BUYOUT == 1_378_184.93
    assert cash.peak.date == cash.last_date == LAST_OF_FIVE_YEARS


def test_over_the_first_two_years_the_highest_cash_cost_is_the_day_before_the_cliff():
    two = sensitivity(BASE, "without_good_cause", "total_cash", years=2, price_min=0.50, price_max=9.00)
    assert two.last_date == LAST_IN_WINDOW
    assert (two.peak.value, two.peak.date) == (758_500, LAST_IN_WINDOW)
    assert two.after_window is None


def test_total_to_him_is_highest_at_the_top_price_on_the_last_day(total):
    # full vesting: 1,000,000 × ($9 − $3) = $6,000,000 on top of the cash
    assert total.peak.value == 1_378_184.93 + 6_000_000
    assert (total.peak.date, total.peak.price, total.peak.any_price) == (LAST_OF_FIVE_YEARS, 9.00, False)


def test_for_him_the_day_after_the_24_months_is_worth_more_because_an_installment_vests(total):
    # 12 Jul 2007: 493,750 vested (100,000 + 225,000 + 3 × 56,250) × $6 = $2,962,500
    assert total.peak_in_window.value == 758_500 + 493_750 * 6 == 3_721_000
    # 13 Jul 2007: the fourth quarterly installment vests, 550,000 × $6, but no §6.1 payment
    assert total.after_window == (FIRST_OUTSIDE, 628_184.93 + 550_000 * 6)


def test_the_option_value_peaks_from_full_vesting_on_every_later_day():
    opts = sensitivity(BASE, "without_good_cause", "option_intrinsic_value", price_max=9.00)
    assert opts.peak.value == 1_000_000 * 6
    assert (opts.peak.date, opts.peak.last_date, opts.peak.n_dates) == (date(2009, 7, 13), LAST_OF_FIVE_YEARS, 365)
    assert opts.peak.price == opts.peak.price_high == 9.00


def test_a_resignation_has_no_cliff_at_the_end_of_the_24_months():
    quit_ = sensitivity(BASE, "resignation", "total_cash", price_max=9.00)
    assert quit_.peak_in_window.value == 500_000 + BUYOUT  # no §6.1 payment on a resignation
    assert quit_.after_window == (FIRST_OUTSIDE, 628_184.93)


def test_a_change_in_control_in_the_window_pays_whatever_the_reason():
    base = BASE.model_copy(update={"change_in_control": ChangeInControl(date=date(2006, 9, 30))})
    s = sensitivity(base, "resignation", "total_cash", years=2, price_max=9.00)
    assert s.change_in_control == date(2006, 9, 30)
    # Last day 12 Jul 2007: the Change in Control pays the $125,000 (§6.1(a)); its six months of health
    # from 30 Sep 2006 all begin while he is still employed, so none costs anything (§6.1(b)).
    outcome = evaluate(cell_scenario(base, "resignation", LAST_IN_WINDOW, 5.0))
    assert s.peak.value == outcome.total_cash == 500_000 + BUYOUT + LUMP_SUM


# --------------------------------------------------------------------------- the axes


def test_every_day_from_the_hire_date_for_five_years():
    days = termination_dates(HIRE, 5)
    assert days.size == 1826
    assert days[0].astype(date) == HIRE and days[-1].astype(date) == LAST_OF_FIVE_YEARS
    assert (np.diff(days).astype(int) == 1).all()


def test_the_dates_stop_at_the_supported_range():
    days = termination_dates(date(2099, 1, 1), 5)
    assert days[-1].astype(date) == date(2100, 12, 31)


@pytest.mark.parametrize("years", [0, 11])
def test_years_outside_one_to_ten_are_refused(years):
    with pytest.raises(ValueError, match="years"):
        termination_dates(HIRE, years)


def test_201_prices_to_the_cent():
    prices = stock_prices(0.50, 9.00)
    assert prices.size == 201 and prices[0] == 0.50 and prices[-1] == 9.00
    assert np.array_equal(prices, np.round(prices, 2))


def test_the_default_top_price_is_three_times_the_larger_price_rounded_up_to_a_dollar():
    assert auto_price_max(3.00, 5.00) == 15.00
    assert auto_price_max(3.00, 3.00) == 9.00
    assert auto_price_max(3.00, 5.20) == 16.00  # 15.60 rounded up
    assert auto_price_max(0.10, 0.10) == 1.00
    assert auto_price_max(3.00, 900_000) == 1_000_000


def test_a_price_range_upside_down_is_explained_with_its_clause():
    (problem,) = price_range_problems(9.00, 0.50)
    assert "highest stock price ($0.50) must be above the lowest ($9.00)" in problem and "(§4)" in problem
    assert price_range_problems(0.50, 9.00) == []
    with pytest.raises(ValueError, match="§4"):
        stock_prices(5.00, 5.00)


def test_the_reason_follows_the_sidebar_when_it_is_a_termination():
    assert reason_for(FOLLOW_SIDEBAR, "death") == "death"
    assert reason_for(FOLLOW_SIDEBAR, "none") == "without_good_cause"
    assert reason_for("resignation", "death") == "resignation"
    with pytest.raises(ValueError, match="reason"):
        reason_for("none", "none")


# --------------------------------------------------------------------------- the blocks drawn


def test_five_years_are_drawn_as_weekly_blocks_in_19_price_bands_under_5000():
    layout = block_layout(1826, 201)
    assert (layout.block_days, layout.n_date_blocks, layout.n_price_bands) == (7, 261, 19)
    assert layout.n_blocks == 4959 < CHART_ROWS_BELOW


def test_ten_years_are_drawn_in_fortnights_to_keep_enough_price_bands():
    layout = block_layout(3653, 201)
    assert layout.block_days == 14 and layout.n_price_bands >= 15 and layout.n_blocks < CHART_ROWS_BELOW


def test_each_block_shows_the_highest_of_its_cells_and_where_it_is_reached(total):
    grid = evaluate_grid(BASE, termination_dates(HIRE, 5), stock_prices(0.50, 9.00), ["without_good_cause"])
    values = grid.total_value[0]
    dates, prices = grid.termination_dates, grid.stock_prices
    frame = total.blocks
    assert len(frame) == total.layout.n_blocks < 5000
    for row in frame.sample(300, random_state=2005).itertuples():
        d = (dates >= np.datetime64(row.date_start.date())) & (dates <= np.datetime64(row.date_end.date()))
        p = (prices >= row.price_low) & (prices <= row.price_high)
        cells = values[np.ix_(d, p)]
        assert row.value == cells.max() and row.value_min == cells.min()
        di = int(np.flatnonzero(dates == np.datetime64(row.cell_date.date()))[0])
        pi = int(np.flatnonzero(prices == row.cell_price)[0])
        assert d[di] and p[pi] and values[di, pi] == row.value == row.total_value


def test_the_blocks_tile_the_whole_grid_without_gaps(total):
    frame = total.blocks
    starts = frame["date_start"].drop_duplicates().reset_index(drop=True)
    ends = frame["date_end"].drop_duplicates().reset_index(drop=True)
    assert starts.iloc[0].date() == HIRE and ends.iloc[-1].date() == LAST_OF_FIVE_YEARS
    assert ((starts.iloc[1:].to_numpy() - ends.iloc[:-1].to_numpy()) == np.timedelta64(1, "D")).all()
    band = frame[frame["date_start"] == starts.iloc[0]]
    assert band["edge_low"].iloc[0] == 0.50 and band["edge_high"].iloc[-1] == 9.00
    assert (band["edge_low"].iloc[1:].to_numpy() == band["edge_high"].iloc[:-1].to_numpy()).all()


def test_a_block_across_the_window_end_shows_the_day_before_the_cliff_and_its_lowest_the_day_after(cash):
    frame = cash.blocks
    week = frame[(frame["date_start"] <= "2007-07-12") & (frame["date_end"] >= "2007-07-13")]
    assert not week.empty
    assert set(week["value"]) == {758_500}
    assert set(week["cell_date"].dt.date) == {LAST_IN_WINDOW}
    assert set(week["value_min"]) == {628_184.93}  # 13 Jul 2007, no §6.1 payment


def test_block_components_are_the_cells_own(cash):
    row = cash.blocks.loc[cash.blocks["cell_date"].dt.date == LAST_IN_WINDOW].iloc[0]
    assert (row.salary_earned, row.severance_lump_sum, row.health_continuation_cost, row.severance) == (
        500_000, LUMP_SUM, HEALTH, LUMP_SUM + HEALTH)
    assert row.vested_shares == 493_750


def test_an_unknown_measure_is_refused():
    grid = evaluate_grid(BASE, [HIRE], [5.0], ["without_good_cause"])
    with pytest.raises(ValueError, match="measure"):
        blocks(grid, "salary")


def test_peak_prefers_the_earliest_date_then_the_lowest_price():
    values = np.array([[1.0, 3.0, 3.0], [3.0, 0.0, 3.0]])
    dates = np.array(["2005-07-13", "2005-07-14"], dtype="datetime64[D]")
    p = peak(values, dates, np.array([1.0, 2.0, 3.0]))
    assert (p.date, p.price, p.price_high, p.last_date, p.n_dates, p.any_price) == (
        date(2005, 7, 13), 2.0, 3.0, date(2005, 7, 14), 2, False)


# --------------------------------------------------------------------------- one cell


def test_a_cell_is_the_worked_example_when_evaluated_on_its_own():
    s = cell_scenario(BASE, "without_good_cause", date(2006, 11, 15), 5.00)
    outcome = evaluate(s)
    # READING.md: 491 days of salary, the buyout, $125,000, six months of health, 381,250 × $2
    assert outcome.total_value == 336_301.37 + BUYOUT + LUMP_SUM + HEALTH + 762_500
    assert outcome.severance_payment_date == date(2006, 11, 20)


def test_a_cell_agrees_with_the_grid_and_keeps_the_change_in_control():
    base = BASE.model_copy(update={"change_in_control": ChangeInControl(date=date(2006, 9, 30))})
    s = cell_scenario(base, "death", date(2007, 1, 5), 7.25)
    assert s.change_in_control == base.change_in_control and s.stock_price == 7.25
    figures = cell_figures(base, "death", date(2007, 1, 5), 7.25)
    outcome = evaluate(s)
    assert (figures["total_value"], figures["total_cash"]) == (outcome.total_value, outcome.total_cash)


def test_good_cause_on_ground_b_before_the_notice_cannot_be_stated_as_a_scenario():
    base = BASE.model_copy(update={"termination": Termination(
        date=date(2007, 3, 1), reason="good_cause", good_cause_ground="neglect", notice_date=date(2007, 2, 1))})
    assert cell_scenario(base, "good_cause", date(2007, 1, 15), 5.0) is None
    # the grid reads it as not yet Good Cause (§6.2(b)): the §6.1 lump sum is paid
    assert cell_figures(base, "good_cause", date(2007, 1, 15), 5.0)["severance_lump_sum"] == LUMP_SUM
    later = evaluate(cell_scenario(base, "good_cause", date(2007, 3, 5), 5.0))
    assert later.severance_lump_sum == 0  # notice + 30 days has run: Good Cause stands


def test_the_grid_input_ignores_the_stock_price_and_the_last_day():
    a = Scenario(stock_price=5, termination=Termination(date=date(2006, 11, 15), reason="death"))
    b = Scenario(stock_price=7, as_of=date(2008, 1, 1))
    assert grid_base(a) == grid_base(b)
    gc = Scenario(termination=Termination(date=date(2007, 3, 1), reason="good_cause", good_cause_ground="neglect",
                                          notice_date=date(2007, 2, 1)))
    assert grid_base(gc).termination.notice_date == date(2007, 2, 1)
