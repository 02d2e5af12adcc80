"""The Negotiate page through Streamlit's AppTest, and its charts and table on
their Vega-Lite spec: the letter as signed beside proposals, as a board member
opens a shared link or edits a proposal.

Figures are worked out by hand (hire 13 Jul 2005, exercise $3.00, stock $5.00):
terminated without Good Cause on 15 Nov 2007, month 28, the letter pays no lump
sum (its 24 months ended 12 Jul 2007); a proposal with a 36-month window and a
$250,000 lump sum pays $250,000 on 20 Nov 2007 plus six months of health
continuation at the assumed $1,000 a month.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from analyses import negotiate as N
from engine.scenario import Scenario, Termination
from engine.terms import OfferTerms
from tests.app import new_app_test, plain
from ui import charts as C
from ui import negotiate_charts as NC
from ui import params as P

PAGE = "pages/negotiate.py"
MONTH_28 = {"reason": "without_good_cause", "termination_date": "2007-11-15"}
LONGER_WINDOW = {"v1_protection_months": "36", "v1_severance_lump_sum": "250000"}



def open_page(query: dict | None = None) -> AppTest:
    at = new_app_test(query)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest) -> pd.DataFrame:
    """The comparison table as displayed (the Styler's text: "+$250,000")."""
    (found,) = [d for d in at.dataframe if "Component" in d.value.columns]
    return dataframe_util.convert_arrow_bytes_to_pandas_df(found.proto.arrow_data.styler.display_values)


def cell(at: AppTest, component: str, column: str) -> str:
    shown = table(at)
    return shown[shown["Component"] == component].iloc[0][column]


def metric(at: AppTest, label: str):
    (found,) = [m for m in at.metric if plain(m.label) == label]
    return found


def chart_titles(at: AppTest) -> list[str]:
    return [json.loads(c.proto.spec)["title"]["text"] for c in at.get("vega_lite_chart")]


def texts(elements) -> list[str]:
    return [plain(e.value) for e in elements]


# --------------------------------------------------------------------------
# Opening the page
# --------------------------------------------------------------------------


def test_the_page_renders_at_the_defaults():
    at = open_page()
    assert at.title[0].value == "Negotiate"
    assert not at.error and not at.warning
    assert [plain(m.label) for m in at.metric] == ["Letter as signed", "Proposal 1"]
    # A proposal that changes nothing differs by nothing.
    assert metric(at, "Proposal 1").proto.delta == "$0 vs letter"
    assert metric(at, "Proposal 1").proto.direction == MetricProto.MetricDirection.NONE  # no change, no arrow
    assert metric(at, "Letter as signed").value == metric(at, "Proposal 1").value
    assert chart_titles(at) == [
        "Each component under each proposal",
        "What he walks away with, by last day: Without Good Cause",
    ]
    assert [b.label for b in at.download_button] == ["Comparison (CSV)", "Board memo (PDF)"]
    assert at.radio(key="variants").value == 1
    assert at.number_input(key="v1_severance_lump_sum").value == 125_000.0
    assert at.query_params == {}  # only what a proposal changes goes in the link


def test_every_term_shows_the_letters_value_and_clause_as_help():
    at = open_page()
    assert plain(at.number_input(key="v1_severance_lump_sum").help).startswith("Letter: $125,000 (§6.1(a)).")
    assert plain(at.number_input(key="v1_protection_months").help).startswith("Letter: 24 months (§6.1).")
    assert plain(at.number_input(key="v1_immediate_vest_pct").help).startswith("Letter: 10% (§4).")
    assert plain(at.number_input(key="v1_base_salary").help).startswith("Letter: $250,000 (§3).")
    assert plain(at.selectbox(key="v1_cic_acceleration").help).startswith(
        "The letter is silent; the sidebar assumes none (§4, §6.3 (plan governs))")


def test_a_longer_window_and_a_bigger_lump_sum_in_month_28_from_a_link():
    at = open_page({**MONTH_28, **LONGER_WINDOW})
    assert cell(at, "§6.1 lump sum", "Letter as signed") == "$0"
    assert cell(at, "§6.1 lump sum", "Proposal 1") == "$250,000"
    assert cell(at, "§6.1 lump sum", "Proposal 1 vs letter") == "+$250,000"
    assert cell(at, "Health continuation (Company cost)", "Proposal 1 vs letter") == "+$6,000"
    assert cell(at, "Base salary earned", "Letter as signed") == "$586,301.37"  # 856 days × 250,000 / 365
    assert cell(at, "Total to him (cash + option value)", "Proposal 1 vs letter") == "+$256,000"
    assert metric(at, "Proposal 1").proto.delta == "+$256,000 vs letter"
    assert metric(at, "Proposal 1").proto.direction == MetricProto.MetricDirection.UP
    # $586,301.37 salary + $127,500 buyout + $250,000 lump sum + $6,000 health.
    assert "Company cash cost $969,801.37, +$256,000 vs letter (§3, §4, §6.1)" in texts(at.caption)
    assert at.number_input(key="v1_protection_months").value == 36
    assert at.query_params == {**MONTH_28, **LONGER_WINDOW}
    assert any(plain(m.value).startswith("**The scenario in the sidebar: Terminated by the Company without Good "
                                         "Cause, last day 15 Nov 2007; stock $5.00, exercise $3.00.")
               for m in at.markdown)


def test_the_dates_behind_the_figures():
    at = open_page({**MONTH_28, **LONGER_WINDOW})
    (facts,) = [d for d in at.dataframe if "Fact" in d.value.columns]
    frame = facts.value.set_index("Fact")
    assert frame.loc["§6.1 lump sum paid on", "Proposal 1"] == "20 Nov 2007"
    assert frame.loc["§6.1 window: last day inside", "Letter as signed"] == "12 Jul 2007"
    assert frame.loc["§6.1 window: last day inside", "Proposal 1"] == "12 Jul 2008"


def test_single_trigger_acceleration_written_into_a_proposal():
    at = open_page({**MONTH_28, "cic_date": "2007-01-01", "v1_cic_acceleration": "single_trigger",
                    "v1_name": "Single trigger"})
    # Vested at 1 Jan 2007: 381,250; 618,750 accelerate, worth 618,750 × $2.
    assert cell(at, "Accelerated options (intrinsic value)", "Single trigger") == "$1,237,500"
    assert cell(at, "Accelerated options (intrinsic value)", "Single trigger vs letter") == "+$1,237,500"
    assert cell(at, "Vested options (intrinsic value)", "Single trigger vs letter") == "−$450,000"
    assert any(i.startswith("Single trigger: Assumption: 618,750 shares vest early on 1 Jan 2007")
               for i in texts(at.info))


# --------------------------------------------------------------------------
# Editing proposals, and the link
# --------------------------------------------------------------------------


def test_editing_a_proposal_writes_only_its_changes_to_the_link_and_the_link_reopens_it():
    at = open_page(MONTH_28)
    at.number_input(key="v1_protection_months").set_value(36).run()
    at.number_input(key="v1_severance_lump_sum").set_value(250_000.0).run()
    assert not at.exception
    assert at.query_params == {**MONTH_28, **LONGER_WINDOW}
    assert cell(at, "§6.1 lump sum", "Proposal 1 vs letter") == "+$250,000"

    at.radio(key="variants").set_value(2).run()
    at.text_input(key="v2_name").input("Board counter").run()
    at.selectbox(key="v2_unvested_at_termination").set_value("accelerate").run()
    assert not at.exception
    link = dict(at.query_params)
    assert link == {**MONTH_28, "variants": "2", **LONGER_WINDOW, "v2_name": "Board counter",
                    "v2_unvested_at_termination": "accelerate"}
    # 393,750 unvested on 15 Nov 2007 vest instead of being forfeited: 393,750 × $2.
    assert cell(at, "Accelerated options (intrinsic value)", "Board counter vs letter") == "+$787,500"

    again = open_page(link)
    assert again.radio(key="variants").value == 2
    assert again.text_input(key="v2_name").value == "Board counter"
    assert again.number_input(key="v1_protection_months").value == 36
    assert [plain(m.label) for m in again.metric] == ["Letter as signed", "Proposal 1", "Board counter"]
    assert table(again).equals(table(at))
    assert dict(again.query_params) == link


def test_the_link_reopens_the_page_once_its_inputs_are_registered_too():
    # A server that has already served the page parses its parameters on a
    # session's first run, before the page runs: the same page either way.
    link = {**MONTH_28, "variants": "2", "v2_severance_lump_sum": "200000"}
    first = open_page(link)
    assert "variants" in first.session_state["_ui_specs"]  # the session now knows the page's inputs
    second = open_page(link)
    for at in (first, second):
        assert at.radio(key="variants").value == 2
        assert cell(at, "§6.1 lump sum", "Proposal 2") == "$0"  # month 28: outside the letter's 24 months
        assert dict(at.query_params) == link


def test_fewer_proposals_drop_the_hidden_ones_from_the_link_but_keep_them():
    at = open_page({"variants": "2", "v2_base_salary": "300000"})
    at.radio(key="variants").set_value(1).run()
    assert at.query_params == {}
    at.radio(key="variants").set_value(2).run()
    assert at.query_params == {"variants": "2", "v2_base_salary": "300000"}


def test_the_double_trigger_window_appears_only_with_double_trigger():
    at = open_page()
    assert "v1_double_trigger_months" not in {n.key for n in at.number_input}
    at.selectbox(key="v1_cic_acceleration").set_value("double_trigger").run()
    assert "v1_double_trigger_months" in {n.key for n in at.number_input}
    at.number_input(key="v1_double_trigger_months").set_value(6).run()
    assert at.query_params == {"v1_cic_acceleration": "double_trigger", "v1_double_trigger_months": "6"}
    at.selectbox(key="v1_cic_acceleration").set_value("sidebar").run()
    assert at.query_params == {}
    assert "v1_double_trigger_months" not in {n.key for n in at.number_input}


def test_a_proposal_worth_less_than_the_letter_points_down():
    # The sidebar assumes single-trigger acceleration: all 1,000,000 shares vest by the 1 Jan 2007 Change
    # in Control. A proposal writing in "none" keeps only the 606,250 vested by 15 Nov 2007:
    # 393,750 × $2 = $787,500 less.
    at = open_page({**MONTH_28, "cic_date": "2007-01-01", "cic_acceleration": "single_trigger",
                    "v1_cic_acceleration": "none"})
    assert cell(at, "Total to him (cash + option value)", "Proposal 1 vs letter") == "−$787,500"
    assert metric(at, "Proposal 1").proto.delta == "−$787,500 vs letter"
    assert metric(at, "Proposal 1").proto.direction == MetricProto.MetricDirection.DOWN


def test_an_acceleration_choice_left_alone_follows_the_sidebars_assumption():
    at = open_page({"cic_acceleration": "single_trigger"})
    box = at.selectbox(key="v1_cic_acceleration")
    assert box.value == "sidebar"
    assert box.options == ["Sidebar: Single trigger", "None", "Single trigger", "Double trigger"]
    # With the sidebar's double trigger, the proposal's window input appears, empty: the sidebar's 12 months.
    at = open_page({"cic_acceleration": "double_trigger"})
    assert at.number_input(key="v1_double_trigger_months").value is None


@pytest.mark.parametrize("values", [
    {"variants": 3, "v1_name": "Ask", "v1_severance_lump_sum": 250_000.5, "v2_protection_months": 36,
     "v2_cic_acceleration": "double_trigger", "v2_double_trigger_months": 18, "v3_immediate_vest_pct": 12.5,
     "v3_unvested_at_termination": "accelerate", "v3_name": "Floor · 2"},
    {"variants": 1, "v1_quarterly_installments": 8, "v1_option_shares": 1_200_000, "v1_sion_buyout": 0.0},
])
def test_the_link_round_trips_every_input(values):
    at = open_page()  # registers the page's inputs
    full = {**P.defaults(), **values}
    link = P.to_query_params(full)
    parsed = P.parse_query_params(link)
    assert parsed.warnings == []
    assert parsed.values == P.normalize(full)
    assert P.to_query_params(parsed.values) == link
    assert not at.exception


# --------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------


def test_an_invalid_proposal_is_named_with_its_clause_and_the_page_still_works():
    at = open_page({**MONTH_28, "variants": "2", "v1_protection_months": "-3", "v1_immediate_vest_pct": "150",
                    "v2_severance_lump_sum": "250000"})
    errors = texts(at.error)
    assert "Proposal 1 · protection window: −3 months is below the smallest allowed, 0 months (§6.1)" in errors
    assert "Proposal 1 · vesting on hire: 150% is above the largest allowed, 100% (§4)" in errors
    assert "Proposal 1 is left out of the comparison until the input named above is fixed." in texts(at.warning)
    # The rest of the page works: the letter and Proposal 2 are compared.
    assert [plain(m.label) for m in at.metric] == ["Letter as signed", "Proposal 2"]
    assert cell(at, "§6.1 lump sum", "Proposal 2 vs letter") == "$0"  # month 28: no window in Proposal 2 either
    assert len(chart_titles(at)) == 2
    # The inputs are kept as entered, in the widgets and the link.
    assert at.number_input(key="v1_protection_months").value == -3
    assert at.query_params["v1_protection_months"] == "-3"
    at.number_input(key="v1_protection_months").set_value(36).run()
    at.number_input(key="v1_immediate_vest_pct").set_value(10.0).run()
    assert not at.error
    assert [plain(m.label) for m in at.metric] == ["Letter as signed", "Proposal 1", "Proposal 2"]


def test_an_unreadable_link_value_is_named_and_the_default_used():
    at = open_page({**MONTH_28, **LONGER_WINDOW, "v1_health_continuation_months": "six", "variants": "7"})
    warnings = [w for w in texts(at.warning) if w.startswith("Link parameter")]
    # Each named once, among the sidebar's link warnings, on the run that opened the link.
    assert len(warnings) == 2 and set(warnings) <= set(texts(at.sidebar.warning)), warnings
    assert any(w.startswith("Link parameter v1_health_continuation_months (Proposal 1 · health continuation")
               and "§6.1(b)" in w and w.endswith("the value “six” is not a whole number; the default, 6 months, "
                                                 "is used.") for w in warnings), warnings
    assert any(w.startswith("Link parameter variants (Number of proposals): the value “7” is above the largest "
                            "allowed value, 3") for w in warnings), warnings
    assert cell(at, "§6.1 lump sum", "Proposal 1 vs letter") == "+$250,000"
    # The defaults are used: one proposal, six months of health continuation.
    assert at.radio(key="variants").value == 1
    assert at.number_input(key="v1_health_continuation_months").value == 6
    assert [plain(m.label) for m in at.metric] == ["Letter as signed", "Proposal 1"]
    assert at.query_params == {**MONTH_28, **LONGER_WINDOW}
    at.button(key="dismiss_link_warnings").click().run()
    assert not [w for w in texts(at.warning) if w.startswith("Link parameter")]


@pytest.mark.parametrize("query", [
    {"v1_name": "x" * 5_000},
    {"v1_name": "<script>alert(1)</script>", "v1_severance_lump_sum": "1e308"},
    {"v1_option_shares": "99999999999999999999", "v2_protection_months": "9.5", "variants": "2"},
    {"v1_cic_acceleration": "quadruple", "v1_double_trigger_months": "-1"},
    {"v1_base_salary": "nan", "v1_quarterly_installments": "0"},
])
def test_no_link_breaks_the_page(query):
    at = open_page(query)
    assert at.title[0].value == "Negotiate"
    assert metric(at, "Letter as signed")


def test_a_sidebar_scenario_that_needs_fixing_stops_the_comparison_but_not_the_editor():
    at = open_page({"annual_raise_pct": "-2", **LONGER_WINDOW})
    errors = texts(at.error)
    assert any(e.startswith("The comparison cannot be shown until the scenario in the sidebar is fixed")
               for e in errors)
    assert any("never be decreased" in e and "§3" in e for e in errors)
    assert at.number_input(key="v1_protection_months").value == 36
    assert not at.metric


# --------------------------------------------------------------------------
# The table, the CSV and the charts, on their spec
# --------------------------------------------------------------------------

WORKED = Scenario(termination=Termination(date=dt.date(2007, 11, 15), reason="without_good_cause"))
PROPOSAL = N.Variant(name="Proposal 1", terms=OfferTerms(protection_months=36, severance_lump_sum=250_000))


def test_signed_money():
    assert NC.signed_money(250_000) == "+$250,000"
    assert NC.signed_money(-450_000) == "−$450,000"
    assert NC.signed_money(117_260.27) == "+$117,260.27"
    assert NC.signed_money(0.0) == "$0"


def test_the_table_puts_each_difference_beside_its_proposal():
    frame = N.compare(WORKED, [PROPOSAL, N.Variant(name="B")])
    assert list(NC.comparison_display(frame).columns) == [
        "Component", "Clause", "Letter as signed", "Proposal 1", "Proposal 1 vs letter", "B", "B vs letter"]


def test_the_comparison_csv_has_plain_dollars_to_the_cent():
    csv = NC.comparison_csv(N.compare(WORKED, [PROPOSAL]))
    lines = csv.splitlines()
    assert lines[0] == "Component,Clause,Letter as signed,Proposal 1,Proposal 1 vs letter"
    assert "§6.1 lump sum,§6.1(a),0.00,250000.00,250000.00" in lines
    assert "Base salary earned,§3,586301.37,586301.37,0.00" in lines


def every_layer_has_a_tooltip(spec: dict) -> None:
    for layer in spec["layer"]:
        assert layer["encoding"].get("tooltip"), layer["mark"]


def test_the_components_chart_groups_one_bar_per_variant():
    frame = N.compare(WORKED, [PROPOSAL])
    spec = NC.components_chart(N.components_long(frame)).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "text"]
    bars = spec["layer"][0]
    assert bars["encoding"]["yOffset"]["field"] == "variant"
    assert bars["encoding"]["color"]["scale"] == {"domain": ["Letter as signed", "Proposal 1"],
                                                  "range": ["#000000", "#0072B2"]}
    assert bars["encoding"]["x"]["title"] == "Amount (US$)"
    every_layer_has_a_tooltip(spec)
    rows = spec["datasets"][spec["data"]["name"]]
    lump = [r for r in rows if r["variant"] == "Proposal 1" and r["component"] == "severance_lump_sum"][0]
    assert (lump["amount_text"], lump["difference_text"], lump["Clause"]) == ("$250,000", "+$250,000", "§6.1(a)")
    assert spec["title"]["text"] == "Each component under each proposal"


def test_the_walk_away_chart_draws_a_line_per_variant_and_marks_each_window_end():
    evaluated = N.evaluate_variants(WORKED, [PROPOSAL])
    chart = NC.walk_away_chart(N.walk_away_evaluated(evaluated), N.window_ends_evaluated(evaluated),
                               [C.ChartEvent(dt.date(2007, 11, 15), "Last day in the sidebar", "§3, §6")])
    spec = chart.to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "point", "rule", "text", "rule", "text"]
    every_layer_has_a_tooltip(spec)
    line = spec["layer"][0]
    assert line["encoding"]["x"]["scale"] == {"type": "utc"}
    assert line["encoding"]["x"]["title"] == "Last day of employment"
    assert line["encoding"]["y"]["title"] == "Total to him: cash + option value (US$)"
    assert line["encoding"]["strokeDash"]["field"] == "variant"
    rules = spec["datasets"][spec["layer"][2]["data"]["name"]]
    assert [(r["variant"], r["date"], r["last_inside"]) for r in rules] == [
        ("Letter as signed", "2007-07-13", "12 Jul 2007"), ("Proposal 1", "2008-07-13", "12 Jul 2008")]
    points = spec["datasets"][line["data"]["name"]]
    on = {r["variant"]: r for r in points if r["date"] == "2007-11-15"}
    assert on["Proposal 1"]["difference_text"] == "+$256,000"
    assert on["Letter as signed"]["total_text"] == "$1,926,301.37"
    assert spec["title"]["text"] == "What he walks away with, by last day: Without Good Cause"


def test_reset_all_inputs_resets_the_pages_inputs_too():
    at = open_page({**MONTH_28, "variants": "2", **LONGER_WINDOW, "v2_name": "Board counter",
                    "v2_unvested_at_termination": "accelerate"})
    assert at.radio(key="variants").value == 2 and at.number_input(key="v1_protection_months").value == 36
    at.button(key="reset_inputs").click().run()
    assert not at.exception
    # The letter as signed, one proposal equal to it: every input at its default, nothing in the link.
    assert at.radio(key="variants").value == 1
    assert at.number_input(key="v1_protection_months").value == 24
    assert at.number_input(key="v1_severance_lump_sum").value == 125_000.0
    assert at.selectbox(key="reason").value == "none"
    assert at.query_params == {}
    assert metric(at, "Proposal 1").proto.delta == "$0 vs letter"
    # From another page too: the proposals the session keeps go back to the letter's terms.
    at.number_input(key="v1_severance_lump_sum").set_value(250_000.0).run()
    at.switch_page("pages/explorer.py").run()
    at.button(key="reset_inputs").click().run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.number_input(key="v1_severance_lump_sum").value == 125_000.0
    assert at.query_params == {}


@pytest.mark.parametrize("proposals, in_link", [
    ([{"name": "Board draft", "terms": {"severance_lump_sum": 250_000.5, "protection_months": 36}},
      {"name": "Floor · 2", "cic_acceleration": "double_trigger", "double_trigger_months": 18,
       "terms": {"immediate_vest_pct": 12.5, "quarterly_installments": 8}},
      {"name": "Proposal 3", "unvested_at_termination": "accelerate", "cic_acceleration": "none",
       "terms": {"option_shares": 1_200_000, "sion_buyout": 0.0, "health_continuation_months": 12}}],
     {"variants", "v1_name", "v1_severance_lump_sum", "v1_protection_months", "v2_name", "v2_cic_acceleration",
      "v2_double_trigger_months", "v2_immediate_vest_pct", "v2_quarterly_installments",
      "v3_unvested_at_termination", "v3_cic_acceleration", "v3_option_shares", "v3_sion_buyout",
      "v3_health_continuation_months"}),  # "Proposal 3" is the third proposal's default name
    ([{"name": "Proposal 1"}], set()),
])
def test_proposals_give_the_link_that_reopens_them(proposals, in_link):
    """``ui.negotiate_inputs.link_values`` (what a memo made from the command line links to) is the
    inverse of how the page reads its inputs: the link's values, read back as the page reads them,
    give the same proposals; only what a proposal changes is in the link."""
    from ui import negotiate_inputs as NI

    variants = [N.Variant.model_validate(p) for p in proposals]
    values, problems = NI.link_values(variants, P.defaults())
    assert problems == []
    specs = [*P.CORE_PARAMS, *NI.param_specs()]
    link = P.to_query_params({**P.defaults(), **values}, specs)
    assert set(link) == in_link
    parsed = P.parse_query_params(link, specs)
    assert parsed.warnings == []
    read = [N.variant_from_inputs(NI.proposal_label(i), *NI.proposal_inputs(i, parsed.values))
            for i in range(1, len(variants) + 1)]
    assert [r.variant for r in read] == variants
