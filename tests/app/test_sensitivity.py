"""The Sensitivity page through Streamlit's AppTest, as a board member uses it: open a
link, read where letting him go costs most (worked out by hand from the letter), switch
what the colours show, pick a cell and read its breakdown with clauses.

By hand (hire 13 Jul 2005, exercise $3.00, termination without Good Cause): the first 24
months end 13 Jul 2007 (§6.1). On 12 Jul 2007 the Company's cash cost is 730 days ×
250,000/365 = $500,000 salary (§3) + $127,500 buyout (§4) + $125,000 lump sum (§6.1(a)) +
6 × $1,000 health (§6.1(b), an assumption) = $758,500; a day later $628,184.93. Over
five years salary keeps accruing: 1,826 days = $1,250,684.93 + $127,500 = $1,378,184.93
on 12 Jul 2010.
"""

from __future__ import annotations

import json

import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from tests.app import new_app_test, plain

PAGE = "pages/sensitivity.py"
BY_HAND = {"sens_measure": "total_cash", "sens_price_max": "9"}



def open_page(query: dict | None = None) -> AppTest:
    """The page opened from a link (``/sensitivity?…``), as a shared link opens it."""
    at = new_app_test(query, timeout=60)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    (found,) = [m for m in at.metric if plain(m.label) == label]
    return found.value


def captions(at: AppTest) -> list[str]:
    return [plain(c.value) for c in at.caption]


def chart(at: AppTest):
    (found,) = at.get("vega_lite_chart")
    return found.proto


def spec(at: AppTest) -> dict:
    return json.loads(chart(at).spec)


def dataset(at: AppTest, name: str):
    (data,) = [d for d in chart(at).datasets if d.name == name]
    return dataframe_util.convert_arrow_bytes_to_pandas_df(data.data.data)


def rect_layer(d: dict) -> dict:
    (layer,) = [layer for layer in d["layer"] if layer["mark"]["type"] == "rect"]
    return layer


# --------------------------------------------------------------------------
# Opening the page
# --------------------------------------------------------------------------


def test_the_page_renders_at_the_defaults():
    at = open_page()
    assert at.title[0].value == "Sensitivity: every last day × every stock price"
    assert not at.error and not at.warning
    assert [plain(m.label) for m in at.metric][:3] == [
        "Highest total to him", "Highest in the first 24 months", "Cells computed",
    ]
    # every day for five years × 201 prices from $0.50 to $15 (3 × the $5.00 stock price)
    assert metric(at, "Cells computed") == "367,026"
    assert "1,826 last days × 201 stock prices; drawn as 4,959 blocks" in captions(at)
    assert "Drawing: Terminated by the Company without Good Cause (§6.1, §6.2)." in captions(at)
    assert spec(at)["title"]["text"] == "Total to him by last day and stock price"
    assert at.number_input(key="sens_price_max").value is None  # automatic: $15.00
    assert at.query_params == {}


def test_where_letting_him_go_costs_the_company_most_worked_by_hand():
    at = open_page(BY_HAND)
    assert metric(at, "Highest in the first 24 months") == "$758,500"
    assert ("if the last day is 12 Jul 2007, at any stock price (§6.1); a last day of 13 Jul 2007: $628,184.93"
            in captions(at))
    assert metric(at, "Highest cash cost to the Company") == "$1,378,184.93"
    assert "if the last day is 12 Jul 2010, at any stock price" in captions(at)


def test_over_the_first_two_years_the_highest_is_the_day_before_the_window_ends():
    at = open_page({**BY_HAND, "sens_years": "2"})
    assert metric(at, "Highest cash cost to the Company") == "$758,500"
    assert "if the last day is 12 Jul 2007, at any stock price" in captions(at)


def test_the_highest_cell_is_marked_on_the_heatmap():
    at = open_page(BY_HAND)
    peaks = dataset(at, "peaks")
    assert list(peaks["marker"]) == ["Highest", "Highest in the first 24 months"]
    assert list(peaks["date"]) == ["2010-07-12", "2007-07-12"]
    assert list(peaks["value_text"]) == ["$1,378,184.93", "$758,500"]
    assert set(peaks["price"]) == {7.72}  # high on the axis ($0.50 + 85% of $8.50): cash is the same at any price
    layer = [x for x in spec(at)["layer"] if x["data"]["name"] == "peaks"][0]
    assert layer["mark"]["shape"] == "diamond"
    assert [t["title"] for t in layer["encoding"]["tooltip"]] == ["Marker", "Where", "Value", "Measure", "Clause"]


def test_the_highest_cell_is_broken_down_with_its_clauses():
    at = open_page(BY_HAND)
    assert [plain(s.value) for s in at.main.header] == ["Breakdown of the highest cell"]
    assert metric(at, "Company's cash cost") == "$1,378,184.93"
    table = at.dataframe[0].value
    assert list(table.columns) == ["Item", "Amount", "Date", "Clause", "Explanation"]
    salary = table[table["Clause"] == "§3"].iloc[0]
    assert (salary["Amount"], salary["Date"]) == (1_250_684.93, "12 Jul 2010")


# --------------------------------------------------------------------------
# The chart
# --------------------------------------------------------------------------


def test_the_chart_data_stays_under_5000_rows():
    at = open_page()
    blocks = dataset(at, "blocks")
    assert len(blocks) == 4959 < 5000
    assert sum(len(dataset(at, d.name)) for d in chart(at).datasets) < 5000


def test_the_heatmap_encodes_date_across_price_up_and_the_measure_in_colour():
    at = open_page()
    d = spec(at)
    rect = rect_layer(d)
    enc = rect["encoding"]
    assert (enc["x"]["field"], enc["x"]["type"], enc["x"]["scale"]) == ("x_start", "temporal", {"type": "utc"})
    assert enc["x2"]["field"] == "x_end" and enc["y2"]["field"] == "edge_high"
    assert (enc["y"]["field"], enc["y"]["title"]) == ("edge_low", "Stock price ($ a share)")
    assert enc["x"]["title"] == "Last day employed (termination date)"
    assert enc["color"]["field"] == "value" and enc["color"]["scale"]["scheme"] == "viridis"
    assert enc["color"]["title"] == "Total to him (US$)"
    assert d["params"][0]["name"] == "cell" and d["params"][0]["select"]["fields"] == ["cell_date", "cell_price"]
    assert list(chart(at).selection_mode) == ["cell"]


def test_every_mark_has_a_tooltip_and_a_block_names_its_cell_and_components():
    at = open_page(BY_HAND)
    d = spec(at)
    for layer in d["layer"]:
        assert layer["encoding"].get("tooltip"), layer["mark"]
    titles = [t["title"] for t in rect_layer(d)["encoding"]["tooltip"]]
    assert titles[:3] == ["Last day employed", "Stock price", "Highest in block"]
    assert {"Salary earned (§3)", "§6.1 lump sum + health", "Option value (§4)", "Lowest in block"} <= set(titles)
    blocks = dataset(at, "blocks")
    cliff = blocks[blocks["cell_date"] == "2007-07-12"].iloc[0]
    assert (cliff["cell_date_text"], cliff["value_text"], cliff["salary_text"], cliff["severance_text"]) == (
        "12 Jul 2007", "$758,500", "$500,000", "$131,000")
    assert cliff["value_min_text"] == "$628,184.93"  # the same week, after the 24 months


def test_the_window_end_and_the_vest_dates_are_drawn_as_rules():
    at = open_page()
    marks = dataset(at, "date_marks")
    assert list(marks["date"]) == ["2007-07-13"] and list(marks["clause"]) == ["§6.1"]
    assert list(marks["text"]) == ["First 24 months end 13 Jul 2007 (§6.1)"]
    vests = dataset(at, "vest_dates")
    assert len(vests) == 14 and vests["date"].iloc[2] == "2006-10-13"
    assert vests["detail"].iloc[2] == "56,250 shares vest (quarterly installment 1 of 12); 381,250 vested in all."
    lines = dataset(at, "price_lines")
    assert list(lines["text"]) == ["Exercise price $3.00", "Sidebar stock price $5.00"]


def test_switching_the_measure_changes_the_chart_and_the_link():
    at = open_page({"sens_price_max": "9"})
    before = dataset(at, "blocks")
    at.selectbox(key="sens_measure").set_value("total_cash").run()
    assert not at.exception
    after = dataset(at, "blocks")
    assert len(after) == len(before)
    assert (after["value"] < before["value"]).any() and (after["value"] <= before["value"]).all()
    assert after["value"].max() == 1_378_184.93 and before["value"].max() == 7_378_184.93
    assert rect_layer(spec(at))["encoding"]["color"]["title"] == "Company's cash cost (US$)"
    assert at.query_params["sens_measure"] == "total_cash"
    at.selectbox(key="sens_measure").set_value("option_intrinsic_value").run()
    assert dataset(at, "blocks")["value"].max() == 6_000_000
    assert metric(at, "Highest option value") == "$6,000,000"


def test_the_sidebar_stock_price_moves_its_line_and_the_default_axis():
    at = open_page()
    at.number_input(key="stock_price").set_value(6.00).run()
    assert not at.exception
    assert "Sidebar stock price $6.00" in list(dataset(at, "price_lines")["text"])
    # the axis now tops at 3 × $6 = $18: 1,000,000 × ($18 − $3) + $1,378,184.93 cash
    assert metric(at, "Highest total to him") == "$16,378,184.93"


# --------------------------------------------------------------------------
# A selected cell
# --------------------------------------------------------------------------


def test_a_selected_cell_from_the_link_is_the_worked_example():
    at = open_page({"sens_cell_date": "2006-11-15", "sens_cell_price": "5"})
    assert [plain(s.value) for s in at.main.header] == ["Breakdown of the selected cell"]
    # 491 days × 250,000/365 = $336,301.37 + $127,500 + $125,000 + $6,000; 381,250 × ($5 − $3) = $762,500
    assert metric(at, "Company's cash cost") == "$594,801.37"
    assert metric(at, "Option value") == "$762,500"
    assert metric(at, "Total to him") == "$1,357,301.37"
    table = at.dataframe[0].value
    lump = table[table["Item"] == "§6.1 lump sum"].iloc[0]
    assert (lump["Amount"], lump["Date"], lump["Clause"]) == (125_000.0, "20 Nov 2006", "§6.1(a)")
    selected = dataset(at, "selected")
    assert list(selected["date"]) == ["2006-11-15"] and list(selected["price"]) == [5.0]
    at.number_input(key="sens_years").set_value(1).run()  # the cell is now off the chart: no marker
    assert len(dataset(at, "selected")) == 0 and metric(at, "Company's cash cost") == "$594,801.37"
    at.button(key="sens_show_highest").click().run()
    assert [plain(s.value) for s in at.main.header] == ["Breakdown of the highest cell"]
    assert "sens_cell_date" not in at.query_params and len(dataset(at, "selected")) == 0


# --------------------------------------------------------------------------
# Reasons, links and bad input
# --------------------------------------------------------------------------


def test_the_reason_follows_the_sidebar_and_death_pays_no_lump_sum():
    at = open_page({**BY_HAND, "reason": "death", "termination_date": "2006-11-15"})
    assert "Drawing: Death (§6.1, §6.2)." in captions(at)
    # 12 Jul 2007: $500,000 salary + $127,500 buyout, no §6.1 payment on death
    assert metric(at, "Highest in the first 24 months") == "$627,500"


def test_a_reason_chosen_here_overrides_the_sidebar():
    at = open_page({**BY_HAND, "reason": "death", "termination_date": "2006-11-15", "sens_reason": "disability"})
    assert metric(at, "Highest in the first 24 months") == "$758,500"
    assert spec(at)["title"]["subtitle"][0].startswith("Terminated by the Company for disability.")


def test_an_upside_down_price_range_names_the_fields_and_the_clause():
    at = open_page({"sens_price_min": "20", "sens_price_max": "9"})
    (error,) = [plain(e.value) for e in at.error]
    assert error.startswith("Stock price range (sens_price_min, sens_price_max): The highest stock price ($9.00)")
    assert error.endswith("(§4).")
    assert not at.get("vega_lite_chart")


@pytest.mark.parametrize("first_visit", [False, True])
def test_an_unreadable_link_value_is_named_and_the_default_used(first_visit):
    # Each session reads its link before this page declares the sens_* inputs (nothing is
    # kept process-wide); without ``first_visit`` another session has shown the page first.
    if not first_visit:
        open_page()
    at = open_page({"sens_years": "many"})
    # Named once, among the sidebar's link warnings, on the run that opened the link.
    texts = [plain(w.value) for w in at.warning]
    (warning,) = [t for t in texts if t.startswith("Link parameter sens_years")]
    assert warning.startswith("Link parameter sens_years (Years of last days")
    assert "“many” is not a whole number" in warning and warning.endswith("the default, 5 years, is used.")
    assert warning in [plain(w.value) for w in at.sidebar.warning]
    assert at.number_input(key="sens_years").value == 5
    assert metric(at, "Cells computed") == "367,026"
    assert "sens_years" not in at.query_params
    at.button(key="dismiss_link_warnings").click().run()
    assert not at.warning
    assert metric(at, "Cells computed") == "367,026"


def test_a_link_is_read_on_the_first_visit_before_the_page_was_ever_registered():
    # The session reads the link before this page declares the sens_* inputs.
    at = open_page(BY_HAND)
    assert metric(at, "Highest cash cost to the Company") == "$1,378,184.93"
    assert at.query_params == BY_HAND


def test_an_invalid_sidebar_scenario_is_explained_not_drawn():
    at = open_page({"reason": "without_good_cause", "termination_date": "2004-01-01"})
    assert any("before the hire date" in plain(e.value) for e in at.error)
    assert not at.get("vega_lite_chart")


def test_a_good_cause_cell_before_the_cure_notice_runs_is_read_as_not_yet_good_cause():
    at = open_page({"reason": "good_cause", "good_cause_ground": "neglect", "notice_date": "2007-02-01",
                    "termination_date": "2007-03-05", "sens_cell_date": "2007-01-15", "sens_cell_price": "5"})
    assert "Drawing: Terminated by the Company for Good Cause (§6.1, §6.2)." in captions(at)
    assert any("not yet Good Cause" in plain(i.value) and "(§6.2(b))" in plain(i.value) for i in at.info)
    table = at.dataframe[0].value
    lump = table[table["Item"] == "§6.1 lump sum"].iloc[0]
    assert (lump["Amount"], lump["Clause"]) == (125_000.0, "§6.1(a)")  # still inside the first 24 months


def test_the_chart_is_valid_vega_lite_for_every_measure():
    from ui import sensitivity_charts as SC

    for measure in ("total_value", "total_cash", "option_intrinsic_value"):
        d = SC.heatmap_chart(measure, "without_good_cause").to_dict()  # Altair checks the schema here
        assert d["title"]["text"].endswith("by last day and stock price")
        assert {layer["data"]["name"] for layer in d["layer"]} == {
            "blocks", "vest_dates", "date_marks", "price_lines", "price_labels_above", "price_labels_below",
            "selected", "peaks", "peak_labels_left", "peak_labels_right"}


def test_tooltip_money_reads_as_everywhere_else():
    from ui import sensitivity_charts as SC
    from ui.format import money

    amounts = [0, 125_000, 758_500, 628_184.93, 1_250_684.925, 0.5, 1e9 + 0.01]
    assert SC._money_texts(amounts) == [money(a) for a in amounts]


@pytest.mark.parametrize("measure", ["total_value", "total_cash", "option_intrinsic_value"])
def test_every_measure_draws(measure):
    at = open_page({"sens_measure": measure, "sens_years": "1"})
    assert len(dataset(at, "blocks")) < 5000 and not at.error
