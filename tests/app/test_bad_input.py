"""Never a traceback: every invalid input, from a link or from the sidebar, gets a
message naming the field and, where one applies, the clause; the rest of the page
keeps working; and what the board member entered stays where it was entered (the
input still shows it, the link still holds it) so it can be corrected.

Through Streamlit's AppTest on ``app.py`` (as ``streamlit run`` uses it).
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

from tests.app import APP, new_app_test, open_box, plain
from ui import params as P
from ui.sidebar import ASSUMPTIONS_BOX

HIRE = dt.date(2005, 7, 13)
WORKED_EXAMPLE = {"reason": "without_good_cause", "termination_date": "2006-11-15"}
CANNOT_SHOW = "The figures cannot be shown until the scenario in the sidebar is fixed."



def errors(at: AppTest) -> list[str]:
    return [plain(e.value) for e in at.error]


def warnings(at: AppTest) -> list[str]:
    return [plain(w.value) for w in at.warning]


def metric(at: AppTest, label: str) -> str:
    (found,) = [m for m in at.metric if plain(m.label) == label]
    return found.value


def run(query: dict | None = None) -> AppTest:
    at = new_app_test(query).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def assert_page_still_works(at: AppTest) -> None:
    """No traceback; the page's title, the sidebar's inputs and its share link are all there."""
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Offer-letter scenario explorer"]
    for key in ("hire_date", "stock_price", "exercise_price", "reason"):
        assert any(w.key == key for w in [*at.sidebar.date_input, *at.sidebar.number_input, *at.sidebar.selectbox])
    assert at.sidebar.code, "the share link is still shown"
    assert [b.label for b in at.sidebar.button][-1] == "Reset all inputs to the defaults"


def assert_refused(at: AppTest, *fragments: str) -> None:
    """The figures are withheld, and one message names the field and the clause, in the
    sidebar beside the inputs and on the page."""
    assert_page_still_works(at)
    assert not at.metric and not at.get("vega_lite_chart")
    main = errors(at)
    assert main[0].startswith(CANNOT_SHOW)
    matching = [e for e in main[1:] if all(f in e for f in fragments)]
    assert matching, (fragments, main)
    assert any(all(f in plain(e.value) for f in fragments) for e in at.sidebar.error)


def assert_figures_shown(at: AppTest) -> None:
    assert_page_still_works(at)
    assert not any(e.startswith(CANNOT_SHOW) for e in errors(at))
    assert len(at.metric) == 6 and len(at.get("vega_lite_chart")) == 3


# --------------------------------------------------------------------------
# Scenarios the letter does not allow, opened from a link
# --------------------------------------------------------------------------

INVALID_LINKS = [
    pytest.param(
        {"reason": "without_good_cause", "termination_date": "2005-07-12"},
        ("Last day of employment", "termination.date", "2005-07-12", "before the hire date", "§3, §6.1"),
        {"termination_date": dt.date(2005, 7, 12)}, id="termination-before-hire"),
    pytest.param(
        {"hire_date": "2007-01-02", **WORKED_EXAMPLE},
        ("Last day of employment", "termination.date", "2006-11-15", "before the hire date (2007-01-02)", "§3, §6.1"),
        {"hire_date": dt.date(2007, 1, 2), "termination_date": dt.date(2006, 11, 15)}, id="hire-after-termination"),
    pytest.param(
        {"cic_date": "2005-07-12"},
        ("Change in Control date", "change_in_control.date", "2005-07-12", "before the hire date", "§6.1"),
        {"cic_date": dt.date(2005, 7, 12)}, id="change-in-control-before-hire"),
    pytest.param(
        {"as_of": "2005-07-12"},
        ("Figures as of", "as_of", "2005-07-12", "before the hire date", "§3, §4"),
        {"as_of": dt.date(2005, 7, 12)}, id="as-of-before-hire"),
    pytest.param(
        {"stock_price": "0"},
        ("Stock price, $ a share", "stock_price", "positive", "§4"),
        {"stock_price": 0.0}, id="zero-stock-price"),
    pytest.param(
        {"exercise_price": "0"},
        ("Exercise price, $ a share", "exercise_price", "positive", "§4"),
        {"exercise_price": 0.0}, id="zero-exercise-price"),
    pytest.param(
        {"stock_price": "-0.0"},
        ("Stock price, $ a share", "stock_price", "positive", "§4"),
        {"stock_price": 0.0}, id="negative-zero-stock-price"),
    pytest.param(
        {"annual_raise_pct": "-2"},
        ("Raise at each Adjustment Date", "annual_raise_pct", "-2%", "may never be decreased", "§3"),
        {"annual_raise_pct": -2.0}, id="negative-raise"),
    pytest.param(
        {"reason": "resignation", "notice_date": "2006-11-15", "termination_date": "2006-11-01"},
        ("Last day of employment", "termination.date", "2006-11-01", "before the notice date (2006-11-15)", "§10"),
        {"notice_date": dt.date(2006, 11, 15), "termination_date": dt.date(2006, 11, 1)},
        id="resignation-last-day-before-notice"),
    pytest.param(
        {"reason": "good_cause", "good_cause_ground": "neglect", "termination_date": "2006-11-15"},
        ("Written notice date", "termination.notice_date", "ground (b)", "§6.2(b)"),
        {"termination_date": dt.date(2006, 11, 15)}, id="good-cause-b-without-notice"),
    pytest.param(
        {"reason": "good_cause", "good_cause_ground": "neglect", "notice_date": "2006-11-20",
         "termination_date": "2006-11-15"},
        ("Last day of employment", "termination.date", "before the notice date (2006-11-20)", "§6.2(b)"),
        {"notice_date": dt.date(2006, 11, 20)}, id="good-cause-b-last-day-before-notice"),
    pytest.param(
        {"reason": "resignation", "notice_date": "2005-01-01", "termination_date": "2006-11-15"},
        ("Written notice date", "termination.notice_date", "2005-01-01", "before the hire date", "§6.2(b), §10"),
        {"notice_date": dt.date(2005, 1, 1)}, id="notice-before-hire"),
    pytest.param(
        {"hire_date": "2100-11-01", "reason": "resignation", "notice_date": "2100-12-01"},
        ("Last day of employment", "termination.date", "2101-01-30", "after the supported range", "2100-12-31",
         "§10"),
        {"hire_date": dt.date(2100, 11, 1), "notice_date": dt.date(2100, 12, 1)},
        id="resignation-notice-runs-past-2100"),
    pytest.param(
        {"reason": "death"},
        ("Last day of employment", "termination.date", "required"),
        {"reason": "death"}, id="termination-without-a-date"),
    pytest.param(
        {"cic_date": "2006-01-13", "cic_deal_type": "merger"},
        ("Prior shareholders' share of the survivor", "shareholders_retained_pct", "§6.3(a)(i)"),
        {"cic_deal_type": "merger"}, id="merger-without-its-percentage"),
    pytest.param(
        {"expected_term_years": "0"},
        ("Expected term, years", "expected_term_years", "greater than 0", "§4"),
        {"expected_term_years": 0.0}, id="zero-expected-term"),
]


def _widget(at: AppTest, key: str):
    for kind in ("date_input", "number_input", "selectbox", "checkbox"):
        found = [w for w in at.get(kind) if w.key == key]
        if found:
            return found[0]
    raise AssertionError(f"no input {key} on the page")


@pytest.mark.parametrize(("query", "fragments", "kept"), INVALID_LINKS)
def test_an_invalid_scenario_in_a_link_is_explained_and_kept_as_entered(query, fragments, kept):
    at = run(query)
    assert_refused(at, *fragments)
    # What the link said is still in the inputs and still in the address bar.
    for key, value in kept.items():
        assert _widget(at, key).value == value, key
    assert P.parse_query_params(at.query_params).values == P.parse_query_params(query).values
    assert set(at.query_params) == set(query)
    assert not warnings(at)  # each value was readable; it is the scenario that is wrong


def test_fixing_the_input_brings_the_figures_back_with_the_rest_of_the_link_intact():
    at = run({**WORKED_EXAMPLE, "stock_price": "7.5", "annual_raise_pct": "-2"})
    assert_refused(at, "annual_raise_pct", "§3")
    # Other inputs still work while the scenario is refused, and go into the link.
    at.number_input(key="stock_price").set_value(6.0).run()
    assert_refused(at, "annual_raise_pct", "§3")
    assert at.query_params == {**WORKED_EXAMPLE, "stock_price": "6", "annual_raise_pct": "-2"}
    at.number_input(key="annual_raise_pct").set_value(0.0).run()
    assert_figures_shown(at)
    assert metric(at, "§6.1 lump sum") == "$125,000"
    assert metric(at, "Option value") == "$1,143,750"  # 381,250 vested × ($6 − $3)
    assert at.query_params == {**WORKED_EXAMPLE, "stock_price": "6"}


PAGE_FILES = sorted(p.name for p in (APP.parent / "pages").glob("*.py") if not p.name.startswith(("_", ".")))


@pytest.mark.parametrize("page_file", [f for f in PAGE_FILES if f != "explorer.py"])
def test_every_page_keeps_working_with_an_invalid_scenario_and_keeps_it(page_file):
    query = {**WORKED_EXAMPLE, "annual_raise_pct": "-2"}
    at = run(query)
    at.switch_page(f"pages/{page_file}").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the page still draws its title"
    # The sidebar names the field and the clause on every page.
    assert any("annual_raise_pct" in plain(e.value) and "§3" in plain(e.value) for e in at.sidebar.error)
    assert at.number_input(key="annual_raise_pct").value == -2.0
    assert {k: v for k, v in at.query_params.items() if k in query} == query
    at.switch_page("pages/explorer.py").run()
    assert_refused(at, "annual_raise_pct", "§3")
    assert at.number_input(key="annual_raise_pct").value == -2.0


# --------------------------------------------------------------------------
# The same mistakes made in the sidebar
# --------------------------------------------------------------------------


def test_a_termination_before_the_hire_date_entered_in_the_sidebar():
    at = run()
    at.selectbox(key="reason").set_value("without_good_cause").run()
    at.date_input(key="termination_date").set_value(dt.date(2005, 7, 1)).run()
    assert_refused(at, "Last day of employment", "2005-07-01", "before the hire date", "§3, §6.1")
    assert at.date_input(key="termination_date").value == dt.date(2005, 7, 1)
    assert at.query_params == {"reason": "without_good_cause", "termination_date": "2005-07-01"}
    # Moving the hire date earlier makes the same last day valid again.
    at.date_input(key="hire_date").set_value(dt.date(2005, 6, 1)).run()
    assert_figures_shown(at)
    assert metric(at, "§6.1 lump sum") == "$125,000"  # within the first 24 months (§6.1(a))


def test_a_change_in_control_before_the_hire_date_entered_in_the_sidebar():
    at = run()
    at.checkbox(key="cic_enabled").check().run()
    at.date_input(key="cic_date").set_value(dt.date(2004, 12, 31)).run()
    assert_refused(at, "Change in Control date", "2004-12-31", "before the hire date", "§6.1")
    assert at.date_input(key="cic_date").value == dt.date(2004, 12, 31)
    assert at.query_params == {"cic_date": "2004-12-31"}


def test_as_of_before_the_hire_date_entered_in_the_sidebar():
    at = run()
    at.date_input(key="as_of").set_value(dt.date(2005, 7, 12)).run()
    assert_refused(at, "Figures as of", "2005-07-12", "before the hire date", "§3, §4")
    assert at.date_input(key="as_of").value == dt.date(2005, 7, 12)
    assert at.query_params == {"as_of": "2005-07-12"}


@pytest.mark.parametrize("key", ["stock_price", "exercise_price"])
@pytest.mark.parametrize("price", [0.0, -0.0])
def test_a_zero_price_entered_in_the_sidebar(key, price):
    at = run(WORKED_EXAMPLE)
    at.number_input(key=key).set_value(price).run()
    assert_refused(at, key, "positive", "§4")
    assert at.number_input(key=key).value == 0.0
    assert float(at.query_params[key]) == 0.0


def test_a_negative_raise_entered_in_the_sidebar():
    at = run(WORKED_EXAMPLE)
    open_box(at, ASSUMPTIONS_BOX)  # its inputs are drawn while it is open
    at.number_input(key="annual_raise_pct").set_value(-0.5).run()
    assert_refused(at, "Raise at each Adjustment Date", "annual_raise_pct", "-0.5%", "may never be decreased", "§3")
    assert at.number_input(key="annual_raise_pct").value == -0.5
    assert at.query_params == {**WORKED_EXAMPLE, "annual_raise_pct": "-0.5"}


def test_a_resignation_last_day_before_its_notice_entered_in_the_sidebar():
    at = run()
    at.selectbox(key="reason").set_value("resignation").run()
    at.date_input(key="notice_date").set_value(dt.date(2006, 11, 15)).run()
    assert_figures_shown(at)  # the last day defaults to notice + 60 days (§10)
    at.date_input(key="termination_date").set_value(dt.date(2006, 11, 14)).run()
    assert_refused(at, "Last day of employment", "2006-11-14", "before the notice date (2006-11-15)", "§10")
    assert at.date_input(key="notice_date").value == dt.date(2006, 11, 15)
    assert at.date_input(key="termination_date").value == dt.date(2006, 11, 14)
    assert at.query_params == {"reason": "resignation", "notice_date": "2006-11-15",
                               "termination_date": "2006-11-14"}


def test_good_cause_ground_b_without_a_notice_date_entered_in_the_sidebar():
    at = run()
    at.selectbox(key="reason").set_value("good_cause").run()
    assert_figures_shown(at)  # ground not stated yet: the Board must still establish one (§6.2)
    at.selectbox(key="good_cause_ground").set_value("neglect").run()
    assert_refused(at, "Written notice date", "ground (b)", "§6.2(b)")
    assert at.selectbox(key="good_cause_ground").value == "neglect"
    assert at.date_input(key="notice_date").value is None
    assert at.query_params["good_cause_ground"] == "neglect"
    # A notice 30 days before the last day makes it Good Cause: no §6.1 lump sum.
    at.date_input(key="notice_date").set_value(dt.date(2006, 6, 13)).run()
    assert_figures_shown(at)
    assert metric(at, "§6.1 lump sum") == "$0"


# --------------------------------------------------------------------------
# Values no input can hold: from a link they are named, and the default stands in
# --------------------------------------------------------------------------

ABSURD = ["nan", "NaN", "inf", "-inf", "Infinity", "1e309", "-1e309", "1e308", "-1", "0x10", "5,00", "$5", ""]
NUMBERS = {  # name: (label, default as the warning shows it)
    "stock_price": ("Stock price, $ a share", "$5.00"),
    "exercise_price": ("Exercise price, $ a share", "$3.00"),
    "monthly_health_premium": ("Company's monthly cost of health coverage, $", "$1,000.00"),
    "volatility_pct": ("Volatility, % a year", "60.00%"),
    "exercise_window_days": ("Days to exercise vested options after the last day", "90 days"),
}
ABSURD_LINKS = [("stock_price", raw) for raw in ABSURD] + [
    (key, raw) for key in NUMBERS if key != "stock_price" for raw in ("nan", "inf", "1e309", "-1", "")
]


@pytest.mark.parametrize(("key", "raw"), ABSURD_LINKS)
def test_an_absurd_number_in_a_link_is_named_and_the_default_stands_in(key, raw):
    label, default = NUMBERS[key]
    at = run({**WORKED_EXAMPLE, key: raw})
    (warning,) = warnings(at)
    assert warning.startswith(f"Link parameter {key} ({label}")
    assert f"{P.spec(key).clause}): the value “{raw}”" in warning  # the field, its clause, what was entered
    assert warning.endswith(f"the default, {default}, is used.")
    assert_figures_shown(at)
    assert metric(at, "§6.1 lump sum") == "$125,000"  # the rest of the link still applies
    assert at.query_params == WORKED_EXAMPLE  # the unreadable value is not written back


@pytest.mark.parametrize(("key", "raw", "field"), [
    ("hire_date", "1989-12-31", "Hire date"),
    ("hire_date", "2101-01-01", "Hire date"),
    ("termination_date", "1900-01-01", "Last day of employment"),
    ("termination_date", "9999-12-31", "Last day of employment"),
    ("cic_date", "0001-01-01", "Change in Control date"),
    ("termination_date", "2006-02-30", "Last day of employment"),
    ("termination_date", "15/11/2006", "Last day of employment"),
])
def test_a_date_outside_1990_to_2100_in_a_link_is_named(key, raw, field):
    at = run({**WORKED_EXAMPLE, key: raw})
    (warning,) = warnings(at)
    assert warning.startswith(f"Link parameter {key} ({field}")
    assert f"{P.spec(key).clause}): the value “{raw}”" in warning
    assert_page_still_works(at)
    if key == "termination_date":  # the default is no last day, which §6 needs
        assert_refused(at, "Last day of employment", "required")
    else:
        assert_figures_shown(at)
        assert metric(at, "§6.1 lump sum") == "$125,000"


def test_a_date_outside_1990_to_2100_says_which_range_is_allowed():
    at = run({"hire_date": "1989-12-31"})
    (warning,) = warnings(at)
    assert "below the smallest allowed value, 1 Jan 1990" in warning
    at = run({"hire_date": "2101-01-01"})
    (warning,) = warnings(at)
    assert "above the largest allowed value, 31 Dec 2100" in warning


@pytest.mark.parametrize("key", ["stock_price", "exercise_price"])
def test_a_negative_price_in_a_link_is_named_with_its_clause(key):
    at = run({**WORKED_EXAMPLE, key: "-1"})
    (warning,) = warnings(at)
    assert warning.startswith(f"Link parameter {key} (") and "§4" in warning and "“-1”" in warning
    assert "below the smallest allowed value, $0.00" in warning
    assert_figures_shown(at)


# --------------------------------------------------------------------------
# Values no input can hold, sent as if from the sidebar (the browser itself
# refuses them; a hostile or broken client might not)
# --------------------------------------------------------------------------


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, float("1e309"), -1.0, 2e6])
def test_an_absurd_price_sent_from_the_sidebar_never_breaks_the_page(value):
    at = run(WORKED_EXAMPLE)
    at.number_input(key="stock_price").set_value(value).run()
    assert_page_still_works(at)
    shown = at.number_input(key="stock_price").value
    assert math.isfinite(shown) and 0.0 <= shown <= 1e6  # Streamlit puts the input back within its bounds
    assert float(at.query_params.get("stock_price", "5")) == shown  # the link says what the input shows
    if shown > 0:
        assert_figures_shown(at)
    else:
        assert_refused(at, "Stock price, $ a share", "stock_price", "§4")


@pytest.mark.parametrize("value", [math.nan, math.inf, -1e9])
@pytest.mark.parametrize("key", ["monthly_health_premium", "volatility_pct", "annual_raise_pct"])
def test_an_absurd_assumption_sent_from_the_sidebar_never_breaks_the_page(key, value):
    at = run(WORKED_EXAMPLE)
    open_box(at, ASSUMPTIONS_BOX)  # its inputs are drawn while it is open
    at.number_input(key=key).set_value(value).run()
    assert_page_still_works(at)
    shown = at.number_input(key=key).value
    assert math.isfinite(shown)
    if key == "annual_raise_pct" and shown < 0:
        assert_refused(at, "annual_raise_pct", "§3")
    else:
        assert_figures_shown(at)


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_a_non_finite_whole_number_sent_from_the_sidebar_never_breaks_the_page(value):
    at = run(WORKED_EXAMPLE)
    open_box(at, ASSUMPTIONS_BOX)  # its inputs are drawn while it is open
    at.number_input(key="exercise_window_days").set_value(value).run()
    assert_page_still_works(at)
    # The same clear warning as any other bad value: the input, its clause, what was sent, what stands.
    (warning,) = warnings(at)
    assert warning.startswith("Input exercise_window_days (Days to exercise vested options after the last day; §4")
    assert warning.endswith("received no number (it was empty, or not a finite number); 90 days is kept.")
    assert at.number_input(key="exercise_window_days").value == 90  # the default, untouched before
    assert_figures_shown(at)
    assert metric(at, "§6.1 lump sum") == "$125,000"
    assert at.query_params == WORKED_EXAMPLE


def test_a_fraction_sent_to_a_whole_number_input_is_named_and_the_last_good_value_kept():
    at = run(WORKED_EXAMPLE)
    open_box(at, ASSUMPTIONS_BOX)  # its inputs are drawn while it is open
    at.number_input(key="exercise_window_days").set_value(120).run()
    assert at.query_params == {**WORKED_EXAMPLE, "exercise_window_days": "120"}
    at.number_input(key="exercise_window_days").set_value(30.5).run()
    (warning,) = warnings(at)
    assert warning.startswith("Input exercise_window_days (")
    assert warning.endswith("received “30.5”, not a whole number; 120 days is kept.")
    assert at.number_input(key="exercise_window_days").value == 120
    assert at.query_params == {**WORKED_EXAMPLE, "exercise_window_days": "120"}
    assert_figures_shown(at)


def test_a_date_outside_1990_to_2100_sent_from_the_sidebar_leaves_the_last_good_date():
    at = run(WORKED_EXAMPLE)
    for value in (dt.date(1989, 12, 31), dt.date(2101, 1, 1)):
        at.date_input(key="termination_date").set_value(value).run()
        assert_figures_shown(at)
        assert at.date_input(key="termination_date").value == dt.date(2006, 11, 15)
        assert at.query_params == WORKED_EXAMPLE


# --------------------------------------------------------------------------
# Should anything slip through: the configuration shows no details
# --------------------------------------------------------------------------


def test_the_streamlit_configuration_shows_no_error_details_and_sends_nothing_away():
    with open(APP.parent / ".streamlit" / "config.toml", "rb") as f:
        config = tomllib.load(f)
    assert config["browser"]["gatherUsageStats"] is False  # no usage statistics to Streamlit
    assert config["client"]["showErrorDetails"] == "none"  # no traceback in the browser
    assert config["client"]["showErrorLinks"] is False  # no "ask Google/ChatGPT" links carrying the error text
    assert config["client"]["toolbarMode"] == "viewer"  # no rerun, clear-cache or deploy menu
    assert config["server"]["enableStaticServing"] is False


def test_an_unexpected_error_reaches_the_browser_without_its_details():
    at = AppTest.from_string(
        "raise ValueError('stock price 7.3141 on 2006-11-17')", default_timeout=30
    ).run()
    (shown,) = at.exception
    assert "redacted" in shown.value
    assert "7.3141" not in shown.value and "2006-11-17" not in shown.value and "ValueError" not in shown.value
    assert not list(shown.stack_trace)
