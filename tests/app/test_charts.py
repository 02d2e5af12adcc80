"""The charts (ui.charts) show the engine's figures, each mark with a tooltip
naming its clause, in a colour-blind-safe palette — checked on the Vega-Lite
spec, without a browser."""

from __future__ import annotations

import datetime as dt

import pytest

from engine.evaluate import evaluate
from engine.scenario import ChangeInControl, Scenario, Termination
from engine.terms import Assumptions
from ui import charts

WORKED = Scenario(termination=Termination(date=dt.date(2006, 11, 15), reason="without_good_cause"))
STILL_EMPLOYED = Scenario(as_of=dt.date(2008, 1, 1))
SINGLE_TRIGGER = Scenario(change_in_control=ChangeInControl(date=dt.date(2006, 3, 1)),
                          assumptions=Assumptions(cic_acceleration="single_trigger"))


def spec(chart) -> dict:
    return chart.to_dict()


def layer_data(d: dict, layer: dict) -> list[dict]:
    name = layer.get("data", d.get("data", {})).get("name")
    return d["datasets"][name]


def layer_by_mark(d: dict, mark: str) -> dict:
    (found,) = [layer for layer in d["layer"] if layer["mark"]["type"] == mark]
    return found


def assert_every_mark_has_a_tooltip(d: dict) -> None:
    for layer in d["layer"]:
        assert layer["encoding"].get("tooltip"), layer["mark"]


def tooltip_titles(layer: dict) -> list[str]:
    return [t["title"] for t in layer["encoding"]["tooltip"]]


# --------------------------------------------------------------------------
# Vesting
# --------------------------------------------------------------------------


def test_the_vesting_chart_is_a_step_line_of_cumulative_shares_with_points_and_event_rules():
    outcome = evaluate(WORKED)
    d = spec(charts.vesting_chart(outcome, charts.chart_events(WORKED, outcome)))
    assert [layer["mark"]["type"] for layer in d["layer"]] == ["line", "point", "rule", "text"]
    line = layer_by_mark(d, "line")
    assert line["mark"]["interpolate"] == "step-after"
    assert line["encoding"]["x"]["type"] == "temporal" and line["encoding"]["x"]["scale"] == {"type": "utc"}
    assert line["encoding"]["y"]["field"] == "cumulative_shares"
    assert line["encoding"]["x"]["title"] == "Vest date"
    assert line["encoding"]["y"]["title"] == "Cumulative option shares"
    assert d["title"]["text"] == "Stock option vesting (§4)"
    assert_every_mark_has_a_tooltip(d)
    assert "Clause" in tooltip_titles(layer_by_mark(d, "point"))


def test_the_vesting_points_are_the_engines_schedule_coloured_after_the_last_day():
    outcome = evaluate(WORKED)
    d = spec(charts.vesting_chart(outcome))
    rows = layer_data(d, layer_by_mark(d, "point"))
    assert [r["vest_date"] for r in rows] == [r.vest_date.isoformat() for r in outcome.vesting_schedule]
    assert [r["cumulative_shares"] for r in rows][-1] == 1_000_000
    assert {r["status"] for r in rows if r["vest_date"] <= "2006-11-15"} == {"vested"}
    assert {r["status"] for r in rows if r["vest_date"] > "2006-11-15"} == {"forfeited"}
    assert rows[2]["cumulative_text"] == "381,250" and rows[2]["clause"] == "§4"
    assert rows[3]["vests_on"] == "Never: forfeited on the last day, 15 Nov 2006 (assumption)"
    color = layer_by_mark(d, "point")["encoding"]["color"]
    assert color["scale"]["domain"] == ["Vested", "Forfeited"]
    assert color["scale"]["range"] == [charts.OKABE_ITO["blue"], charts.OKABE_ITO["vermillion"]]


def test_the_step_line_changes_colour_without_a_gap():
    outcome = evaluate(WORKED)
    d = spec(charts.vesting_chart(outcome))
    rows = layer_data(d, layer_by_mark(d, "line"))
    forfeited = [r for r in rows if r["status"] == "forfeited"]
    # the forfeited run starts where the vested run ends: 381,250 on 13 Oct 2006
    assert (forfeited[0]["vest_date"], forfeited[0]["cumulative_shares"]) == ("2006-10-13", 381_250)
    assert len(rows) == len(outcome.vesting_schedule) + 1


def test_the_events_mark_the_last_day_and_the_end_of_the_24_months():
    outcome = evaluate(WORKED)
    events = charts.chart_events(WORKED, outcome)
    assert [(e.date, e.clause) for e in events] == [
        (dt.date(2006, 11, 15), "§3, §6"), (dt.date(2007, 7, 13), "§6.1"),
    ]
    d = spec(charts.vesting_chart(outcome, events))
    rules = layer_data(d, layer_by_mark(d, "rule"))
    assert [r["date"] for r in rules] == ["2006-11-15", "2007-07-13"]
    assert {t["title"] for t in layer_by_mark(d, "rule")["encoding"]["tooltip"]} == {"Event", "Date", "Clause"}


def test_acceleration_is_coloured_and_marked():
    outcome = evaluate(SINGLE_TRIGGER)
    events = charts.chart_events(SINGLE_TRIGGER, outcome)
    labels = {e.label: e.date for e in events}
    assert labels["Change in Control"] == labels["Acceleration"] == dt.date(2006, 3, 1)
    d = spec(charts.vesting_chart(outcome, events))
    rows = layer_data(d, layer_by_mark(d, "point"))
    assert {r["status"] for r in rows} == {"vested", "accelerated"}
    assert rows[-1]["vests_on"] == "1 Mar 2006, by acceleration (assumption)"
    assert charts.acceleration_date(outcome) == dt.date(2006, 3, 1)


def test_still_employed_installments_are_not_yet_vested():
    outcome = evaluate(STILL_EMPLOYED)
    d = spec(charts.vesting_chart(outcome))
    rows = layer_data(d, layer_by_mark(d, "point"))
    statuses = [r["status"] for r in rows]
    assert statuses == ["vested"] * 7 + ["unvested"] * 7
    assert rows[6]["cumulative_shares"] == outcome.vested_shares == 606_250  # READING.md worked example
    assert not charts.chart_events(STILL_EMPLOYED, outcome)[0].label.startswith("Last day")


# --------------------------------------------------------------------------
# Payout breakdown
# --------------------------------------------------------------------------


def test_the_payout_chart_has_one_bar_per_line_item_in_the_engines_order():
    outcome = evaluate(WORKED)
    d = spec(charts.payout_chart(outcome))
    assert [layer["mark"]["type"] for layer in d["layer"]] == ["bar", "text"]
    bars = layer_by_mark(d, "bar")
    rows = layer_data(d, bars)
    assert [(r["item"], r["amount"], r["clause"]) for r in rows] == [
        (i.label, i.amount, i.clause) for i in outcome.line_items
    ]
    assert bars["encoding"]["y"]["sort"] == [i.label for i in outcome.line_items]
    assert bars["encoding"]["x"]["axis"]["format"] == "$,.0f"
    assert {"Item", "Amount", "Clause", "Why", "Date"} <= set(tooltip_titles(bars))
    assert_every_mark_has_a_tooltip(d)
    lump = next(r for r in rows if r["component"] == "severance_lump_sum")
    assert (lump["amount_text"], lump["date_text"]) == ("$125,000.00", "20 Nov 2006")
    assert d["title"]["text"] == "What he receives, by component"
    assert "$1,357,301.37" in d["title"]["subtitle"]


# --------------------------------------------------------------------------
# Payments timeline
# --------------------------------------------------------------------------


def test_the_payments_chart_is_a_running_total_of_the_engines_payments():
    outcome = evaluate(WORKED)
    d = spec(charts.payments_chart(outcome))
    assert [layer["mark"]["type"] for layer in d["layer"]] == ["line", "point"]
    rows = layer_data(d, d["layer"][0])
    assert len(rows) == len(outcome.payments)
    assert round(sum(r["amount"] for r in rows), 2) == outcome.total_cash
    for layer in d["layer"]:  # the running total, in date order (ties in the engine's order)
        (window,) = layer["transform"]
        assert window["window"] == [{"op": "sum", "field": "amount", "as": "cumulative"}]
        assert [s["field"] for s in window["sort"]] == ["date", "seq"]
    line = layer_by_mark(d, "line")
    assert line["mark"]["interpolate"] == "step-after"
    assert line["encoding"]["y"]["field"] == "cumulative"
    points = layer_by_mark(d, "point")
    assert points["encoding"]["color"]["field"] == "component_label"
    assert {"Paid on", "Payment", "Amount", "Clause", "Paid so far"} == set(tooltip_titles(points))
    assert_every_mark_has_a_tooltip(d)
    lump = next(r for r in rows if r["component"] == "severance_lump_sum")
    assert (lump["date"], lump["amount"], lump["clause"]) == ("2006-11-20", 125_000.0, "§6.1(a)")


def test_no_payments_still_makes_a_chart():
    outcome = evaluate(WORKED).model_copy(update={"payments": []})
    d = spec(charts.payments_chart(outcome))
    assert d["layer"][0]["mark"]["type"] == "line"


# --------------------------------------------------------------------------
# The shared style
# --------------------------------------------------------------------------


@pytest.mark.parametrize("mapping", [charts.STATUS_COLORS, charts.COMPONENT_COLORS])
def test_chart_colours_are_okabe_ito(mapping):
    assert set(mapping.values()) <= set(charts.OKABE_ITO.values())
    assert len(set(mapping.values())) == len(mapping)


def test_every_component_and_status_has_a_label():
    assert set(charts.COMPONENT_LABELS) == set(charts.COMPONENT_COLORS)
    assert set(charts.STATUS_LABELS) == set(charts.STATUS_COLORS) == set(charts.STATUS_SHAPES)


@pytest.mark.parametrize("base", [WORKED, STILL_EMPLOYED, SINGLE_TRIGGER], ids=["worked", "employed", "single"])
def test_a_chart_cached_under_its_key_is_the_chart_its_outcome_draws(base):
    # The Explorer caches each chart's spec under charts.chart_key: two outcomes with
    # the same key must draw the same chart, or the page would show a stale one.
    for price in (5.0, 0.5, 12.25):
        other = evaluate(base.model_copy(update={"stock_price": price}))
        here = evaluate(base)
        for kind, build in (("vesting", lambda o: charts.vesting_chart(o, charts.chart_events(base, o))),
                            ("payout", charts.payout_chart), ("payments", charts.payments_chart)):
            events = charts.chart_events(base, here) if kind == "vesting" else ()
            same_key = charts.chart_key(kind, here, events) == charts.chart_key(
                kind, other, charts.chart_events(base, other) if kind == "vesting" else ())
            if same_key:
                assert spec(build(here)) == spec(build(other)), kind


def test_moving_the_stock_price_keeps_the_vesting_and_payments_charts_cached():
    five, eight = evaluate(WORKED), evaluate(WORKED.model_copy(update={"stock_price": 8.0}))
    assert charts.chart_key("vesting", five) == charts.chart_key("vesting", eight)
    assert charts.chart_key("payments", five) == charts.chart_key("payments", eight)
    # 381,250 vested × ($8 − $3) = $1,906,250 against × ($5 − $3) = $762,500: the payout chart changes.
    assert charts.chart_key("payout", five) != charts.chart_key("payout", eight)


# --------------------------------------------------------------------------
# §280G (the Explorer caches its spec under PARACHUTE_CHART_INPUTS, unvalidated)
# --------------------------------------------------------------------------


@pytest.mark.parametrize("acceleration", ["none", "single_trigger"])
def test_the_parachute_chart_is_valid_vega_lite_and_cached_under_what_it_reads(acceleration):
    from ui.parachute_charts import PARACHUTE_CHART_INPUTS, parachute_chart

    def position(price, last_day=dt.date(2007, 6, 1)):
        return evaluate(Scenario(
            stock_price=price, exercise_price=3.13, change_in_control=ChangeInControl(date=dt.date(2006, 9, 1)),
            termination=Termination(date=last_day, reason="without_good_cause"),
            assumptions=Assumptions(cic_acceleration=acceleration))).golden_parachute

    drawn: dict[str, dict] = {}
    for price in (0.5, 3.0, 5.0, 9.0, 25.0):
        for last_day in (dt.date(2006, 11, 15), dt.date(2007, 6, 1)):
            gp = position(price, last_day)
            key = gp.model_dump_json(include=set(PARACHUTE_CHART_INPUTS))
            d = spec(parachute_chart(gp))  # validated against the Vega-Lite schema
            assert drawn.setdefault(key, d) == d  # the same key never draws another chart
    # Without acceleration the price moves nothing in P: one chart for each last day (leaving 15 Nov
    # 2006, the health months from 1 Dec 2006 count too, G7). With single-trigger acceleration the
    # options' value moves P with the price: ten charts.
    assert len(drawn) == (2 if acceleration == "none" else 10)
