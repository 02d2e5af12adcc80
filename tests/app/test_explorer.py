"""The Explorer page through Streamlit's AppTest, as a board member uses it:
open a link or move the inputs, read the figures with their clauses."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from engine.io import scenario_to_json
from engine.scenario import Assumptions, Scenario, Termination
from engine.terms import OfferTerms
from tests.app import APP, ORIGINAL_PAGES_MANAGER_INIT, new_app_test, open_box, plain
from ui import params as P
from ui.sidebar import ASSUMPTIONS_BOX

WORKED_EXAMPLE = {"reason": "without_good_cause", "termination_date": "2006-11-15"}



def metric(at: AppTest, label: str) -> str:
    (found,) = [m for m in at.metric if plain(m.label) == label]
    return found.value


def captions(at: AppTest) -> list[str]:
    return [plain(c.value) for c in at.caption]


def texts(elements) -> list[str]:
    return [plain(e.value) for e in elements]


def run(query: dict | None = None) -> AppTest:
    at = new_app_test(query).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def assert_worked_example(at: AppTest) -> None:
    assert metric(at, "§6.1 lump sum") == "$125,000"
    assert "paid 20 Nov 2006 (§6.1(a))" in captions(at)
    assert metric(at, "Vested shares") == "381,250"
    assert "of 1,000,000, 618,750 forfeited (§4)" in captions(at)
    assert metric(at, "Option value") == "$762,500"


# --------------------------------------------------------------------------
# Opening the app
# --------------------------------------------------------------------------


def test_the_home_page_renders_at_the_defaults():
    at = run()
    assert at.title[0].value == "Offer-letter scenario explorer"
    assert not at.error
    assert [plain(m.label) for m in at.metric] == [
        "Total to him", "Company's cash cost", "§6.1 lump sum", "Vested shares", "Option value",
        "Grant-date fair value",
    ]
    assert metric(at, "Vested shares") == "1,000,000"  # as of full vesting by default
    assert len(at.get("vega_lite_chart")) == 3
    titles = [json.loads(chart.proto.spec)["title"]["text"] for chart in at.get("vega_lite_chart")]
    assert titles == ["Stock option vesting (§4)", "What he receives, by component", "Cash paid over time"]
    assert at.query_params == {}
    assert [b.label for b in at.download_button] == [
        "Scenario (JSON)", "Outcome (JSON)", "Vesting schedule (CSV)", "Payments (CSV)", "Board memo (PDF)",
    ]


def test_every_metric_explains_itself_with_a_clause():
    at = run(WORKED_EXAMPLE)
    for m in at.metric:
        assert re.search(r"§\d", plain(m.proto.help)), m.label


def test_the_worked_example_from_a_link():
    at = run(WORKED_EXAMPLE)
    assert_worked_example(at)
    assert at.query_params == WORKED_EXAMPLE
    assert plain(at.markdown[0].value) == (
        "**Terminated by the Company without Good Cause; last day employed 15 Nov 2006.**"
    )


def test_the_worked_example_from_the_inputs():
    at = run()
    at.selectbox(key="reason").set_value("without_good_cause").run()
    at.date_input(key="termination_date").set_value(dt.date(2006, 11, 15)).run()
    assert not at.exception
    assert_worked_example(at)
    assert at.query_params == WORKED_EXAMPLE


def test_the_line_items_table_shows_every_amount_with_its_date_clause_and_explanation():
    at = run(WORKED_EXAMPLE)
    table = at.dataframe[0].value
    assert list(table.columns) == ["Item", "Amount", "Date", "Clause", "Explanation"]
    lump = table[table["Item"] == "§6.1 lump sum"].iloc[0]
    assert (lump["Amount"], lump["Date"], lump["Clause"]) == (125_000.0, "20 Nov 2006", "§6.1(a)")
    assert "inside the first 24 months" in lump["Explanation"]


def test_every_flag_is_shown_with_its_clause():
    at = run({"reason": "death", "termination_date": "2006-11-15"})
    warnings = texts(at.warning)
    assert any("The letter is silent" in w and w.endswith("(§6.1)") for w in warnings)
    infos = texts(at.info)
    assert any(i.startswith("Assumption: Vested options assumed exercisable for 90 days") for i in infos)
    assert any(c.startswith("Salary accrues for each calendar day") and c.endswith("(§3)") for c in captions(at))
    assert metric(at, "§6.1 lump sum") == "$0" and "not triggered (§6.1)" in captions(at)


# --------------------------------------------------------------------------
# Moving the inputs
# --------------------------------------------------------------------------


def test_the_stock_price_slider_changes_the_option_value_and_the_link():
    at = run(WORKED_EXAMPLE)
    at.slider(key="stock_price_slider").set_value(6.0).run()
    assert metric(at, "Option value") == "$1,143,750"  # 381,250 × ($6 − $3)
    assert at.number_input(key="stock_price").value == 6.0
    assert at.query_params == {"stock_price": "6", **WORKED_EXAMPLE}


def test_the_exact_stock_price_moves_the_slider_too():
    at = run(WORKED_EXAMPLE)
    at.number_input(key="stock_price").set_value(7.25).run()
    assert metric(at, "Option value") == "$1,620,312.50"
    assert at.slider(key="stock_price_slider").value == 7.25
    assert at.query_params["stock_price"] == "7.25"


def test_a_stock_price_below_the_exercise_price_makes_the_options_worth_nothing():
    at = run({**WORKED_EXAMPLE, "stock_price": "2.5"})
    assert metric(at, "Option value") == "$0"


def test_the_date_slider_moves_the_last_day():
    at = run(WORKED_EXAMPLE)
    at.slider(key="termination_date_slider").set_value(dt.date(2007, 1, 13)).run()
    assert at.date_input(key="termination_date").value == dt.date(2007, 1, 13)
    assert metric(at, "Vested shares") == "437,500"
    assert at.query_params["termination_date"] == "2007-01-13"


def test_a_change_in_control_can_be_switched_on_and_off():
    at = run()
    at.checkbox(key="cic_enabled").check().run()
    assert at.date_input(key="cic_date").value == dt.date(2006, 7, 13)  # a year after hire, to start from
    assert metric(at, "§6.1 lump sum") == "$125,000"  # a Change in Control alone pays (§6.1(a))
    assert at.query_params == {"cic_date": "2006-07-13"}
    deal = at.selectbox(key="cic_deal_type")
    assert deal.index == 0 and deal.options[0] == "Not given: taken to be a Change in Control"
    assert any(i.startswith("Assumption: The event on 13 Jul 2006 is taken to be a Change in Control")
               for i in texts(at.info))
    deal.set_value("acquisition").run()
    at.number_input(key="cic_acquirer_pct").set_value(50.0).run()
    assert metric(at, "§6.1 lump sum") == "$0"  # exactly 50% is not a Change in Control (§6.3(b))
    assert any("Not a Change in Control" in w for w in texts(at.warning))
    at.checkbox(key="cic_enabled").uncheck().run()
    assert at.query_params == {}
    assert not any(d.key == "cic_date" for d in at.date_input)


def test_inputs_appear_only_where_they_apply():
    at = run()
    keys = {w.key for w in (*at.date_input, *at.selectbox)}
    assert "as_of" in keys and "termination_date" not in keys and "good_cause_ground" not in keys
    at.selectbox(key="reason").set_value("good_cause").run()
    keys = {w.key for w in (*at.date_input, *at.selectbox)}
    assert {"termination_date", "good_cause_ground"} <= keys and "as_of" not in keys and "notice_date" not in keys
    at.selectbox(key="good_cause_ground").set_value("neglect").run()
    assert "notice_date" in {d.key for d in at.date_input}


def test_the_assumptions_are_in_a_closed_expander_each_marked_as_an_assumption():
    at = run()
    (expander,) = [e for e in at.sidebar.expander if e.label == "Assumptions (the letter is silent)"]
    # Closed, its inputs are not drawn (a first view need not wait for them); opened, they are.
    assert not expander.proto.expanded and not [*expander.number_input, *expander.selectbox]
    open_box(at, ASSUMPTIONS_BOX)
    (expander,) = [e for e in at.sidebar.expander if e.label == "Assumptions (the letter is silent)"]
    widgets = [*expander.number_input, *expander.selectbox]
    assert {w.key for w in widgets} >= {"volatility_pct", "monthly_health_premium", "cic_acceleration"}
    for w in widgets:
        assert plain(w.help).startswith("Assumption:"), w.key


def test_a_link_or_a_file_that_sets_an_assumption_opens_the_assumptions():
    # The view a link shares shows what it assumes; a link that assumes nothing leaves them closed.
    def box_open(at: AppTest) -> bool:
        (expander,) = [e for e in at.sidebar.expander if e.label == "Assumptions (the letter is silent)"]
        return bool(at.session_state[ASSUMPTIONS_BOX]) and bool(expander.number_input)

    assert not box_open(run(WORKED_EXAMPLE))
    at = run({**WORKED_EXAMPLE, "volatility_pct": "45"})
    assert box_open(at)
    assert at.number_input(key="volatility_pct").value == 45.0
    at = run()
    scenario = Scenario(assumptions=Assumptions(annual_raise_pct=3.0))
    upload(at, json.dumps(scenario_to_json(scenario)).encode())
    assert box_open(at)
    assert at.number_input(key="annual_raise_pct").value == 3.0
    assert at.query_params == {"annual_raise_pct": "3"}


def test_other_figures_and_dates_are_drawn_when_opened():
    at = run(WORKED_EXAMPLE)
    (expander,) = [e for e in at.expander if e.label == "Other figures and dates"]
    assert not expander.dataframe
    open_box(at, "other_figures_box")  # pages/explorer.py's OTHER_FIGURES_BOX
    (expander,) = [e for e in at.expander if e.label == "Other figures and dates"]
    (table,) = expander.dataframe
    rows = {row["Figure"]: (row["Value"], row["Clause"]) for row in table.value.to_dict("records")}
    # Last day 15 Nov 2006 (a Company termination without Good Cause, the §6 trigger); the lump
    # sum on the fifth day after it, 20 Nov 2006; the window's first day outside is hire
    # 13 Jul 2005 + 24 months; options exercisable 90 days after the last day: 15 days of
    # November, 31 of December, 31 of January and 13 of February.
    assert rows["§6 Termination Date (trigger)"] == ("15 Nov 2006", "§6.1")
    assert rows["§6.1 lump sum paid on"] == ("20 Nov 2006", "§6.1(a)")
    assert rows["First 24 months end (first day outside)"] == ("13 Jul 2007", "§6.1")
    assert rows["Vested options exercisable until"] == ("13 Feb 2007", "§4 (plan governs)")
    assert rows["Salary rate at the end"] == ("$250,000", "§3")


def test_reset_brings_back_the_letters_defaults():
    at = run({**WORKED_EXAMPLE, "stock_price": "9"})
    at.button(key="reset_inputs").click().run()
    assert at.query_params == {}
    assert metric(at, "Vested shares") == "1,000,000"


# --------------------------------------------------------------------------
# Links that are wrong, odd or hostile
# --------------------------------------------------------------------------


def test_an_unreadable_parameter_is_named_and_the_rest_of_the_link_applies():
    at = run({**WORKED_EXAMPLE, "stock_price": "five dollars"})
    (warning,) = texts(at.warning)
    assert "stock_price" in warning and "“five dollars”" in warning and "$5.00" in warning
    assert_worked_example(at)
    at.button(key="dismiss_link_warnings").click().run()
    assert not at.warning


@pytest.mark.parametrize(
    "query",
    [
        {"hire_date": "9" * 10_000},
        {"stock_price": "€" * 10_000, "reason": "☃"},
        {"reason": ["resignation", "death"], "termination_date": ["", "2006-11-15"]},
        {"termination_date": "", "reason": "death"},
        {"cic_date": "2004-01-01"},
        {"embed": "true", "v1_severance_lump_sum": "x" * 5_000, "<script>": "alert(1)"},
        {"annual_raise_pct": "-1e308", "volatility_pct": "inf", "as_of": "0001-01-01"},
    ],
)
def test_no_link_breaks_the_page(query):
    at = run(query)
    assert at.title[0].value == "Offer-letter scenario explorer"


def test_a_link_that_makes_an_invalid_scenario_shows_why_and_keeps_the_inputs():
    at = run({"annual_raise_pct": "-2"})
    errors = texts(at.error)
    assert any("never be decreased" in e and "§3" in e and "annual_raise_pct" in e for e in errors)
    assert any(e.startswith("The figures cannot be shown") for e in errors)
    assert not at.metric
    assert at.number_input(key="annual_raise_pct").value == -2.0
    assert at.query_params == {"annual_raise_pct": "-2"}
    at.number_input(key="annual_raise_pct").set_value(1.0).run()
    assert not at.error and at.metric


def test_a_missing_last_day_is_explained():
    at = run({"reason": "death"})
    assert any("Last day of employment (termination.date)" in e for e in texts(at.error))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.fixed_dictionaries({
    "stock_price": st.floats(min_value=0.01, max_value=1e6, allow_nan=False),
    "reason": st.sampled_from(P.REASON_CHOICES),
    "termination_date": st.dates(min_value=dt.date(2005, 7, 13), max_value=dt.date(2012, 1, 1)),
    "volatility_pct": st.floats(min_value=1, max_value=500, allow_nan=False),
    "exercise_window_days": st.integers(min_value=0, max_value=3650),
}))
def test_the_address_bar_holds_exactly_the_link_that_was_opened(values):
    query = P.to_query_params({**P.defaults(), **values})
    at = run(query)
    assert at.query_params == query


# --------------------------------------------------------------------------
# Taking a scenario away and bringing it back
# --------------------------------------------------------------------------


UPLOAD_BOX = "upload_box"  # pages/explorer.py's key for the open state of "Load a scenario file"


def upload(at: AppTest, content: bytes, name: str = "scenario.json") -> AppTest:
    if UPLOAD_BOX not in at.session_state or not at.session_state[UPLOAD_BOX]:
        open_box(at, UPLOAD_BOX)  # "Load a scenario file" draws its uploader while it is open
    at.file_uploader(key="scenario_upload").set_value((name, content, "application/json")).run()
    assert not at.exception
    return at


def test_a_scenario_file_sets_the_inputs_and_the_link():
    at = run()
    scenario = Scenario(stock_price=6.5, termination=Termination(date=dt.date(2006, 11, 15),
                                                                 reason="without_good_cause"))
    upload(at, json.dumps(scenario_to_json(scenario)).encode())
    assert any("Loaded scenario.json" in s for s in texts(at.success))
    assert at.query_params == {"stock_price": "6.5", **WORKED_EXAMPLE}
    assert at.selectbox(key="reason").value == "without_good_cause"
    assert metric(at, "§6.1 lump sum") == "$125,000"
    at.run()  # the file stays in the uploader; it is not applied again
    at.number_input(key="stock_price").set_value(5.0).run()
    assert at.query_params == WORKED_EXAMPLE


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"hire_date": "2005-07-13", "stock_price": -1}', "stock_price: must be a positive"),
        (b'{"hire_date": "2005-07-13", "bonus": 1}', "unknown key"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (json.dumps({"terms": OfferTerms(severance_lump_sum=250_000).model_dump(mode="json")}).encode(),
         "changes the letter's own terms"),
        (b" " * 100_001, "at most 100,000 bytes"),
    ],
)
def test_a_rejected_file_says_why_and_changes_nothing(content, message):
    at = run(WORKED_EXAMPLE)
    upload(at, content, "bad.json")
    errors = texts(at.error)
    assert "bad.json was not loaded; nothing was changed." in errors
    assert any(message in e for e in errors), errors
    assert at.query_params == WORKED_EXAMPLE
    assert_worked_example(at)


def test_the_scenario_download_is_the_cli_schema():
    at = run(WORKED_EXAMPLE)
    # What the download offers is scenario_to_json of the scenario on screen,
    # which engine.io reads back (the CLI's input).
    built = P.build_scenario(P.parse_query_params(WORKED_EXAMPLE).values)
    assert built.scenario is not None
    from engine.io import scenario_from_json

    assert scenario_from_json(json.dumps(scenario_to_json(built.scenario))) == built.scenario
    assert at.download_button[0].label == "Scenario (JSON)"


# --------------------------------------------------------------------------
# The frame
# --------------------------------------------------------------------------


def test_without_the_navigation_patch_every_run_still_goes_through_app_py(monkeypatch):
    # Plain AppTest re-detects the pages/ folder each run and executes the page
    # file alone (as a fresh server does for a deep link before its first
    # st.navigation call); ui.state.leave_pages_folder_mode() must start it over through app.py.
    from streamlit.runtime.pages_manager import PagesManager

    monkeypatch.setattr(PagesManager, "__init__", ORIGINAL_PAGES_MANAGER_INIT)
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params.update(WORKED_EXAMPLE)
    at.run()
    at.run()
    assert not at.exception
    assert at.sidebar.selectbox(key="reason").value == "without_good_cause"
    assert_worked_example(at)
