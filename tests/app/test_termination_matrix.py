"""The Termination matrix page through Streamlit's AppTest, as a board member
reads it: "Potential payments upon termination or change in control", every
event on one date, each amount with its clause.

Figures worked by hand from the letter (hire 13 Jul 2005, exercise $3.00,
stock $5.00, the defaults):

* 15 Nov 2006 is day 491 of employment (13 Jul 2005 to 15 Nov 2006, both
  counted): salary 491 × $250,000 / 365 = $336,301.37 (§3). 381,250 shares have
  vested (100,000 + 225,000 + 56,250 on 13 Oct 2006): 381,250 × $2 = $762,500
  (§4). The $127,500 buyout is owed whatever happens (§4). Inside the first 24
  months a Company termination other than for Good Cause adds $125,000 (§6.1(a))
  and six months of health cover at the assumed $1,000 = $6,000 (§6.1(b)):
  336,301.37 + 127,500 + 125,000 + 6,000 + 762,500 = $1,357,301.37. For Good
  Cause: 336,301.37 + 127,500 + 762,500 = $1,226,301.37.
* 15 Nov 2007 is day 856: salary 856 × 250,000 / 365 = $586,301.37; 606,250
  shares vested (five quarterly installments after the anniversary) = $1,212,500.
  The 24 months ended on 12 Jul 2007 (hire + 24 months = 13 Jul 2007 is the first
  day outside), so neither a termination nor a Change in Control pays a lump sum:
  every row is 586,301.37 + 127,500 + 1,212,500 = $1,926,301.37.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.app import new_app_test, plain

PAGE = "pages/termination_matrix.py"
EVENTS = [
    "Termination without Good Cause",
    "Termination for Good Cause",
    "Resignation",
    "Death",
    "Termination for disability",
    "Change in Control, no termination",
    "Change in Control, then termination without Good Cause",
]
COLUMNS = [
    "Event", "Salary", "Sion Power buyout", "Lump sum", "Health continuation", "Vested option value",
    "Accelerated option value", "Total", "Company cash cost",
]



def open_page(query: dict | None = None) -> AppTest:
    """Open the page's link: ``/termination_matrix?…``."""
    at = new_app_test(query)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest):
    (frame,) = [df.value for df in at.dataframe if "Event" in df.value.columns]
    return frame.set_index("Event")


def markdown(at: AppTest) -> list[str]:
    return [plain(m.value) for m in at.main.markdown]


def charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def money_cells(row) -> dict[str, float]:
    return {column: round(float(row[column]), 2) for column in COLUMNS[1:]}


# --------------------------------------------------------------------------
# Opening the page
# --------------------------------------------------------------------------


def test_the_page_renders_at_the_defaults():
    at = open_page()
    assert at.title[0].value == "Termination matrix"
    assert not at.error
    frame = table(at)
    assert list(frame.index) == EVENTS
    assert ["Event", *frame.columns] == COLUMNS
    # No termination and no as-of date in the sidebar: the first anniversary of hire.
    assert markdown(at)[0].startswith("The table is as of **13 Jul 2006**, the first anniversary of the hire date")
    (chart,) = charts(at)
    assert chart["title"]["text"] == "What he walks away with, by termination date"
    assert [b.label for b in at.download_button] == ["Termination matrix (CSV)", "Board memo (PDF)"]
    assert at.query_params == {}
    assert at.date_input(key="matrix_date").value is None
    assert at.radio(key="matrix_measure").value == "executive"


def test_every_money_column_explains_itself_with_a_clause():
    at = open_page()
    (frame,) = [df for df in at.dataframe if "Event" in df.value.columns]
    config = json.loads(frame.proto.columns)
    for column in COLUMNS[1:]:
        assert config[column]["type_config"] == {"type": "number", "format": "dollar"}, column
        assert re.search(r"§\d", plain(config[column]["help"])), column
    assert plain(config["Lump sum"]["help"]).endswith("(§6.1(a))")
    assert plain(config["Health continuation"]["help"]).endswith("(§6.1(b))")
    assert plain(config["Accelerated option value"]["help"]).endswith("(§4 (assumption))")


# --------------------------------------------------------------------------
# The worked example
# --------------------------------------------------------------------------


def test_15_nov_2006_without_good_cause_pays_everything():
    at = open_page({"matrix_date": "2006-11-15"})
    assert money_cells(table(at).loc["Termination without Good Cause"]) == {
        "Salary": 336_301.37,
        "Sion Power buyout": 127_500.00,
        "Lump sum": 125_000.00,
        "Health continuation": 6_000.00,
        "Vested option value": 762_500.00,
        "Accelerated option value": 0.00,
        "Total": 1_357_301.37,
        "Company cash cost": 594_801.37,  # 336,301.37 + 127,500 + 125,000 + 6,000: options are not cash
    }
    assert markdown(at)[0].startswith("The table is as of **15 Nov 2006**, the date chosen here.")


def test_15_nov_2006_for_good_cause_pays_no_lump_sum():
    row = table(open_page({"matrix_date": "2006-11-15"})).loc["Termination for Good Cause"]
    assert row["Lump sum"] == 0 and row["Health continuation"] == 0
    assert round(row["Total"], 2) == 1_226_301.37


def test_15_nov_2006_every_row_as_worked_by_hand():
    frame = table(open_page({"matrix_date": "2006-11-15"}))
    salary, buyout, options = 336_301.37, 127_500.00, 762_500.00
    expected_total = {
        "Termination without Good Cause": salary + buyout + 125_000 + 6_000 + options,
        "Termination for Good Cause": salary + buyout + options,
        "Resignation": salary + buyout + options,
        "Death": salary + buyout + options,
        "Termination for disability": salary + buyout + 125_000 + 6_000 + options,  # other than Good Cause
        # Still employed: the six months of cover overlap employment and cost nothing extra (§6.1(b)).
        "Change in Control, no termination": salary + buyout + 125_000 + options,
        # One lump sum, though both triggers fall in the window (§6.1, flagged).
        "Change in Control, then termination without Good Cause": salary + buyout + 125_000 + 6_000 + options,
    }
    for event, total in expected_total.items():
        assert frame.loc[event, "Total"] == pytest.approx(total, abs=0.005), event
        assert frame.loc[event, "Salary"] == pytest.approx(salary, abs=0.005), event


def test_15_nov_2007_is_outside_the_24_months_so_no_row_pays_a_lump_sum():
    frame = table(open_page({"matrix_date": "2007-11-15"}))
    assert list(frame["Lump sum"]) == [0.0] * 7
    assert list(frame["Health continuation"]) == [0.0] * 7
    for event in EVENTS:
        assert frame.loc[event, "Total"] == pytest.approx(586_301.37 + 127_500 + 1_212_500, abs=0.005), event
    notes = "\n".join(markdown(at := open_page({"matrix_date": "2007-11-15"})))
    assert "falls after the first 24 months (which end 12 Jul 2007)" in notes
    assert at.query_params == {"matrix_date": "2007-11-15"}


# --------------------------------------------------------------------------
# What the Board should read under the table
# --------------------------------------------------------------------------


def row_notes(at: AppTest) -> dict[str, list[str]]:
    """The list under "What sets each row apart": row label → its notes."""
    (text,) = [t for t in markdown(at) if t.startswith("- **")]
    notes: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("- **"):
            label = line.removeprefix("- **").removesuffix("**")
            notes[label] = []
        elif line.startswith("    - "):
            notes[label].append(line.removeprefix("    - "))
        else:
            notes[line] = []
    return notes


def test_each_rows_notable_flags_are_shown_with_their_clause():
    notes = row_notes(open_page({"matrix_date": "2006-11-15"}))
    (death,) = notes["Death"]
    assert death.startswith(":material/warning: **Flag:** Death ends employment without a Company termination")
    assert "The letter is silent on death" in death and death.endswith("(§6.1)")
    (second,) = notes["Change in Control, then termination without Good Cause"]
    assert "a second payment could be argued" in second and second.endswith("(§6.1)")
    (overlap,) = notes["Change in Control, no termination"]
    assert "while he is still employed for 6 of them" in overlap and overlap.endswith("(§6.1(b))")
    assert notes["Termination for disability"] == [
        "A Company termination for disability is a termination for other than Good Cause, so §6.1 pays if it "
        "falls in the first 24 months. (§6.1)"]
    assert "*Assumption:* No Good Cause ground is stated; the termination is taken to stand as one for Good " \
           "Cause. (§6.2)" in notes["Termination for Good Cause"]
    assert notes["- Termination without Good Cause: only the assumptions and conventions below."] == []


def test_the_assumptions_behind_every_row_are_listed_once_and_labelled():
    at = open_page({"matrix_date": "2006-11-15"})
    (expander,) = [e for e in at.main.expander if e.label == "Assumptions and conventions behind every row"]
    lines = [line for m in expander.markdown for line in plain(m.value).splitlines()]
    health = [n for n in lines if "Health continuation valued at $1,000 a month" in n]
    assert health == [
        "- *Assumption:* Health continuation valued at $1,000 a month, the Company's assumed cost of group "
        "coverage including dependents (coverage, or COBRA premiums if the carrier will not continue it). "
        "(§5, §6.1(b)) *(Termination without Good Cause; Termination for disability; Change in Control, no "
        "termination; Change in Control, then termination without Good Cause)*"
    ]
    assert any(n.startswith("- Salary accrues for each calendar day") and n.endswith("*(every row)*")
               for n in lines)
    assert any(n.startswith("- *Assumption:* 618,750 unvested shares assumed forfeited")
               and n.endswith("*(every row except Change in Control, no termination)*") for n in lines)


# --------------------------------------------------------------------------
# The date of the table
# --------------------------------------------------------------------------


def test_the_table_follows_the_sidebars_last_day():
    at = open_page({"reason": "death", "termination_date": "2006-11-15"})
    assert markdown(at)[0].startswith("The table is as of **15 Nov 2006**, the last day of employment in the "
                                      "sidebar.")
    assert table(at).loc["Termination without Good Cause", "Lump sum"] == 125_000


def test_the_table_follows_the_sidebars_as_of_date():
    at = open_page({"as_of": "2007-11-15"})
    assert markdown(at)[0].startswith("The table is as of **15 Nov 2007**, the sidebar's \"Figures as of\" date.")
    assert table(at).loc["Termination without Good Cause", "Lump sum"] == 0


def test_choosing_a_date_puts_it_in_the_link_and_following_the_sidebar_removes_it():
    at = open_page({"reason": "death", "termination_date": "2006-11-15"})
    at.date_input(key="matrix_date").set_value(dt.date(2007, 11, 15)).run()
    assert not at.exception
    assert at.query_params == {"reason": "death", "termination_date": "2006-11-15", "matrix_date": "2007-11-15"}
    assert table(at).loc["Termination without Good Cause", "Lump sum"] == 0
    at.button(key="matrix_follow_sidebar").click().run()
    assert at.date_input(key="matrix_date").value is None
    assert at.query_params == {"reason": "death", "termination_date": "2006-11-15"}
    assert table(at).loc["Termination without Good Cause", "Lump sum"] == 125_000


def test_a_date_before_the_hire_date_is_refused_naming_the_field_and_the_clause():
    at = open_page({"matrix_date": "2005-01-01"})
    errors = [plain(e.value) for e in at.error]
    assert errors == ["Date of the table (matrix_date): 1 Jan 2005 is before the hire date 13 Jul 2005: nothing is "
                      "earned or owed before employment starts; choose a date on or after it (§3, §6.1)."]
    assert not [df for df in at.dataframe if "Event" in df.value.columns]
    at.date_input(key="matrix_date").set_value(dt.date(2006, 11, 15)).run()
    assert not at.error and round(table(at).loc["Death", "Total"], 2) == 1_226_301.37


def test_an_invalid_sidebar_scenario_is_explained_and_the_page_keeps_working():
    at = open_page({"annual_raise_pct": "-2", "matrix_date": "2006-11-15"})
    errors = [plain(e.value) for e in at.main.error]
    assert errors[0].startswith("The table cannot be shown until the scenario in the sidebar is fixed.")
    assert any("never be decreased" in e and "§3" in e for e in errors)
    assert at.date_input(key="matrix_date").value == dt.date(2006, 11, 15)


@pytest.mark.parametrize("fresh", [False, True], ids=["server-has-shown-the-page", "fresh-server"])
def test_an_unreadable_date_in_the_link_is_named_and_the_table_still_shows(fresh):
    # Each session reads the link before this page declares its inputs (nothing is kept
    # process-wide); with ``fresh`` false another session has shown the page first.
    if not fresh:
        open_page()
    at = open_page({"matrix_date": "next tuesday"})
    # Named once, among the sidebar's link warnings, on the run that opened the link.
    warnings = [plain(w.value) for w in at.warning]
    (warning,) = [w for w in warnings if w.startswith("Link parameter matrix_date")]
    assert warning.startswith("Link parameter matrix_date (Date of the table")
    assert "“next tuesday”" in warning and "YYYY-MM-DD" in warning
    assert warning in [plain(w.value) for w in at.sidebar.warning]
    # The default is used: the table follows the sidebar (the first anniversary of hire here).
    assert at.date_input(key="matrix_date").value is None
    assert markdown(at)[0].startswith("The table is as of **13 Jul 2006**, the first anniversary of the hire date")
    assert "matrix_date" not in at.query_params
    assert list(table(at).index) == EVENTS
    at.button(key="dismiss_link_warnings").click().run()
    assert not [w for w in at.warning if plain(w.value).startswith("Link parameter")]
    assert list(table(at).index) == EVENTS


def test_a_link_opened_on_a_freshly_started_server_keeps_this_pages_inputs():
    # ui.state reads the link before this page has declared its inputs; the page must
    # still take them from the link.
    at = open_page({"matrix_date": "2007-11-15", "matrix_measure": "company", "stock_price": "6"})
    assert at.date_input(key="matrix_date").value == dt.date(2007, 11, 15)
    assert at.radio(key="matrix_measure").value == "company"
    assert at.query_params == {"stock_price": "6", "matrix_date": "2007-11-15", "matrix_measure": "company"}
    # 606,250 vested × ($6 − $3) = $1,818,750
    assert table(at).loc["Death", "Vested option value"] == 1_818_750


def test_a_deep_link_run_without_app_py_goes_through_it_and_keeps_the_date(monkeypatch):
    # A freshly started server runs /termination_matrix alone (pages-directory
    # mode) until its first st.navigation call; the page sends the run through
    # app.py, which reads the link before the page has registered its inputs:
    # ui.state keeps them from the link and gives them to the page.
    from streamlit.runtime.pages_manager import PagesManager

    from tests.app import APP, ORIGINAL_PAGES_MANAGER_INIT

    monkeypatch.setattr(PagesManager, "__init__", ORIGINAL_PAGES_MANAGER_INIT)
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params.update({"matrix_date": "2007-11-15"})
    at.switch_page(PAGE)
    at.run()
    at.run()
    assert not at.exception
    assert at.query_params == {"matrix_date": "2007-11-15"}
    assert list(table(at)["Lump sum"]) == [0.0] * 7


# --------------------------------------------------------------------------
# The lines over the termination date
# --------------------------------------------------------------------------


def test_the_measure_selector_switches_the_lines_and_lives_in_the_link():
    at = open_page({"matrix_date": "2006-11-15"})
    (chart,) = charts(at)
    assert chart["layer"][0]["encoding"]["y"]["title"] == "Walk-away value (US$)"
    at.radio(key="matrix_measure").set_value("company").run()
    (chart,) = charts(at)
    assert chart["title"]["text"] == "What it costs the Company in cash, by termination date"
    assert chart["layer"][0]["encoding"]["y"]["title"] == "Company's cash cost (US$)"
    assert at.query_params == {"matrix_date": "2006-11-15", "matrix_measure": "company"}


def test_the_chart_shows_the_24_month_window_and_the_tables_date():
    at = open_page({"matrix_date": "2006-11-15"})
    (chart,) = charts(at)
    assert [layer["mark"]["type"] for layer in chart["layer"]] == ["line", "point", "rule", "rule", "text"]
    subtitle = " ".join(chart["title"]["subtitle"])
    assert "paid only before 13 Jul 2007 (the first 24 months)" in subtitle
    assert "the table is as of 15 Nov 2006" in subtitle


# --------------------------------------------------------------------------
# Taking it away
# --------------------------------------------------------------------------


def test_the_csv_download_is_the_table(monkeypatch):
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    saved: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename:
            saved[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    open_page({"matrix_date": "2006-11-15"})
    lines = saved["termination_matrix_2006-11-15.csv"].decode().splitlines()
    assert lines[0] == "Date," + ",".join(COLUMNS)
    assert lines[1] == "2006-11-15,Termination without Good Cause,336301.37,127500.0,125000.0,6000.0,762500.0,0.0," \
                       "1357301.37,594801.37"
    assert len(lines) == 8


# --------------------------------------------------------------------------
# The chart builder (no browser): data and encodings
# --------------------------------------------------------------------------


def built_chart(measure: str = "executive", on: dt.date = dt.date(2006, 11, 15)):
    from analyses.matrix import matrix_curves
    from engine.scenario import Scenario
    from ui.matrix_charts import curves_frame, walk_away_chart

    curves = matrix_curves(Scenario(), on)
    return curves_frame(curves, measure), walk_away_chart(curves, measure, dt.date(2007, 7, 13), on).to_dict()


def layer_data(spec: dict, index: int) -> list[dict]:
    return spec["datasets"][spec["layer"][index]["data"]["name"]]


def test_the_lines_pass_through_the_table_on_its_date():
    frame, spec = built_chart()
    on_date = {r["reason_label"]: (r["amount"], r["amount_text"], r["lump_sum_text"])
               for r in layer_data(spec, 0) if r["date"] == "2006-11-15"}
    assert on_date == {
        "Without Good Cause": (1_357_301.37, "$1,357,301.37", "$125,000"),
        "Disability": (1_357_301.37, "$1,357,301.37", "$125,000"),
        "For Good Cause": (1_226_301.37, "$1,226,301.37", "$0"),
        "Resignation": (1_226_301.37, "$1,226,301.37", "$0"),
        "Death": (1_226_301.37, "$1,226,301.37", "$0"),
    }
    assert frame["date_text"].iloc[0] == "13 Jul 2005"


def test_the_company_cash_cost_drops_on_the_first_day_after_the_24_months():
    _, spec = built_chart("company")
    cost = {r["date"]: r["amount"] for r in layer_data(spec, 0) if r["reason_label"] == "Without Good Cause"}
    # 12 Jul 2007: 730 days of salary ($500,000) + $127,500 + $125,000 + $6,000.
    assert cost["2007-07-12"] == pytest.approx(758_500.00, abs=0.005)
    # 13 Jul 2007: 731 days ($500,684.93) + $127,500; no lump sum, no health (§6.1).
    assert cost["2007-07-13"] == pytest.approx(628_184.93, abs=0.005)


def test_lines_that_coincide_are_named_and_told_apart_by_dash_and_width():
    from ui.matrix_charts import identical_lines

    frame, spec = built_chart()
    assert identical_lines(frame) == [["Without Good Cause", "Disability"], ["For Good Cause", "Resignation", "Death"]]
    assert "Lines on top of each other: Without Good Cause = Disability; For Good Cause = Resignation = Death." \
        in " ".join(spec["title"]["subtitle"])
    enc = spec["layer"][0]["encoding"]
    labels = ["Without Good Cause", "Disability", "For Good Cause", "Resignation", "Death"]
    assert enc["color"]["scale"]["domain"] == labels
    # Okabe-Ito, only colours with 3:1 contrast on white (vermillion, not orange: WCAG 2.1 1.4.11)
    assert enc["color"]["scale"]["range"] == ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000"]
    dashes = dict(zip(labels, map(tuple, enc["strokeDash"]["scale"]["range"])))
    widths = dict(zip(labels, enc["strokeWidth"]["scale"]["range"]))
    assert dashes["Without Good Cause"] != dashes["Disability"] and widths["Without Good Cause"] > widths["Disability"]
    assert len({dashes[k] for k in ("For Good Cause", "Resignation", "Death")}) == 3


def test_every_layer_has_a_tooltip_and_the_axes_are_labelled():
    _, spec = built_chart()
    for layer in spec["layer"]:
        assert layer["encoding"]["tooltip"], layer["mark"]
    line = spec["layer"][0]["encoding"]
    assert [t["title"] for t in line["tooltip"]] == ["Last day", "Employment ends by", "To the executive",
                                                     "§6.1 lump sum"]
    assert line["x"]["title"] == "Last day of employment" and line["x"]["scale"] == {"type": "utc"}
    assert line["y"]["title"] == "Walk-away value (US$)" and line["y"]["axis"]["format"] == "$,.0f"
    assert spec["title"]["text"] == "What he walks away with, by termination date"


def test_hovering_shows_every_reason_on_the_nearest_date():
    _, spec = built_chart()
    rule = spec["layer"][2]
    assert rule["transform"] == [{"pivot": "reason_label", "value": "amount", "groupby": ["date", "date_text"]}]
    (nearest,) = spec["params"]
    assert nearest["select"]["nearest"] is True and nearest["select"]["fields"] == ["date"]
    assert nearest["views"] == [rule["name"]]
    assert [t["field"] for t in rule["encoding"]["tooltip"]] == [
        "date_text", "Without Good Cause", "Disability", "For Good Cause", "Resignation", "Death"]
    assert spec["layer"][1]["encoding"]["opacity"]["condition"]["param"] == nearest["name"]


def test_dashed_rules_mark_the_end_of_the_window_and_the_tables_date():
    _, spec = built_chart()
    assert {(e["event"], e["date"], e["when"], e["clause"]) for e in layer_data(spec, 3)} == {
        ("First day after the 24 months", "2007-07-13", "13 Jul 2007", "§6.1"),
        ("Date of the table", "2006-11-15", "15 Nov 2006", "§3, §4, §6.1"),
    }
    assert spec["layer"][3]["mark"]["strokeDash"] == [5, 4]


def test_the_column_help_follows_the_terms_in_force():
    """The sidebar always has the letter's terms, so the help builder (ui.terms_text) is checked on
    a variant: salary at 1/366 a day, a 36-month window, payment on the 11th day, 1 month of health
    cover. The letter's own numbers (1/365, fifth day, 24 months, six months) must not appear."""
    from engine.terms import OfferTerms
    from ui.terms_text import matrix_column_help

    letter = matrix_column_help(OfferTerms())
    assert "each calendar day at 1/365 of the annual rate" in letter["salary_earned"]
    assert letter["severance_lump_sum"].startswith("Paid on the fifth day after a Change in Control")
    assert "in the first 24 months;" in letter["severance_lump_sum"]

    variant = matrix_column_help(OfferTerms(days_per_year=366, protection_months=36, payment_delay_days=11,
                                            health_continuation_months=1))
    assert "each calendar day at 1/366 of the annual rate" in variant["salary_earned"]
    assert variant["severance_lump_sum"] == ("Paid on the 11th day after a Change in Control or a Company "
                                             "termination other than for Good Cause in the first 36 months; one "
                                             "payment even when both happen")
    assert variant["health_continuation_cost"].startswith("1 month of group health cover after the §6 Termination")
    assert not any(n in " ".join(variant.values()) for n in ("1/365", "fifth", "24 months", "6 months of"))
