"""Sensitivity: what a termination is worth (or costs) on every last day × every stock price.

Reads the sidebar's scenario and this page's inputs (all in the link, ``sens_*``),
asks ``analyses.sensitivity`` for the full-resolution grid, its highest cells and
its blocks for drawing, and draws them with ``ui.sensitivity_charts``. A click
on the heatmap selects a cell (kept in the link as ``sens_cell_date`` and
``sens_cell_price``), whose breakdown is ``engine.evaluate`` of that one scenario.
Computes no figure itself.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
import streamlit as st

from engine.dates import MAX_DATE, MIN_DATE
from engine.io import scenario_from_json, scenario_to_json
from engine.registry import COMPONENT, COMPONENTS
from engine.scenario import REASON_LABELS, Scenario
from analyses.sensitivity import (
    DEFAULT_PRICE_MIN,
    DEFAULT_YEARS,
    FOLLOW_SIDEBAR,
    MAX_YEARS,
    MEASURES,
    TERMINATION_REASONS,
    Sensitivity,
    auto_price_max,
    cell_figures,
    cell_scenario,
    grid_base,
    price_range_problems,
    reason_for,
    sensitivity,
)
from ui import format as F
from ui import layout
from ui import params as P
from ui import sensitivity_charts as SC
from ui import parachute, state, tables
from ui.sidebar import draw_input, show_errors
from ui.terms_text import LETTER_TERMS, window, window_of

CHART_KEY = "sens_heatmap"

SPECS: tuple[P.ParamSpec, ...] = (
    P.ParamSpec(
        name="sens_measure", kind="choice", default="total_value", label="Measure",
        help="What the colours show: " + "; ".join(f"{m.label}: {m.description} ({m.clause})"
                                                  for m in MEASURES.values()) + ".",
        clause="§3, §4, §6.1", choices=tuple(MEASURES), choice_labels={k: m.label for k, m in MEASURES.items()},
        group="extension",
    ),
    P.ParamSpec(
        name="sens_reason", kind="choice", default=FOLLOW_SIDEBAR, label="How employment ends",
        help="The termination drawn on every day. A Company termination other than for Good Cause (disability "
             f"included) pays the §6.1 lump sum and health continuation inside {window(LETTER_TERMS)}; Good Cause, "
             "resignation and death do not (§6.1, §6.2, §9, §10).",
        clause="§6.1, §6.2, §9, §10", choices=(FOLLOW_SIDEBAR, *TERMINATION_REASONS),
        choice_labels={FOLLOW_SIDEBAR: "As in the sidebar (without Good Cause if he stays)", **REASON_LABELS},
        group="extension",
    ),
    P.ParamSpec(
        name="sens_years", kind="int", default=DEFAULT_YEARS, label="Years of last days",
        help=f"Last days from the hire date on, for this many years (1 to {MAX_YEARS}); every day is computed "
             "(§3, §4, §6.1).",
        clause="§3, §4, §6.1", min_value=1, max_value=MAX_YEARS, step=1, unit="years", group="extension",
    ),
    P.ParamSpec(
        name="sens_price_min", kind="float", default=DEFAULT_PRICE_MIN, label="Lowest stock price, $",
        help="The bottom of the price axis; 201 prices, to the cent, run from it to the highest (§4).",
        clause="§4", min_value=0.01, max_value=1e6, step=0.5, format="%.2f", unit="$", group="extension",
    ),
    P.ParamSpec(
        name="sens_price_max", kind="float", default=None, optional=True, label="Highest stock price, $",
        help="The top of the price axis (§4). Empty: three times the larger of the exercise price and the "
             "sidebar's stock price, rounded up to a whole dollar.",
        clause="§4", min_value=0.01, max_value=1e6, step=0.5, format="%.2f", unit="$", group="extension",
    ),
    P.ParamSpec(
        name="sens_cell_date", kind="date", default=None, optional=True, label="Selected cell: last day",
        help="The last day of the cell whose breakdown is shown (click the heatmap); empty: the highest cell.",
        clause="§3, §6.1", min_value=MIN_DATE, max_value=MAX_DATE, group="extension",
    ),
    P.ParamSpec(
        name="sens_cell_price", kind="float", default=None, optional=True, label="Selected cell: stock price",
        help="The stock price of the cell whose breakdown is shown (click the heatmap); empty: the highest cell.",
        clause="§4", min_value=0.01, max_value=1e6, format="%.2f", unit="$", group="extension",
    ),
)
_CONTROLS = ("sens_measure", "sens_reason", "sens_years", "sens_price_min", "sens_price_max")


# --------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------


def _on_select() -> None:
    event = st.session_state.get(CHART_KEY) or {}
    points = (event.get("selection") or {}).get(SC.SELECTION) or []
    if not points:
        return  # a cleared selection (or a redrawn chart) keeps the cell shown
    point = points[0]
    try:
        on = dt.date.fromisoformat(str(point["cell_date"]))
        price = float(point["cell_price"])
    except (KeyError, TypeError, ValueError):
        return
    state.set_values({"sens_cell_date": on, "sens_cell_price": price})


def _show_highest() -> None:
    state.set_values({"sens_cell_date": None, "sens_cell_price": None})


def _controls(scenario: Scenario | None, reason: str) -> None:
    cols = st.columns([1.3, 1.8, 0.9, 1, 1])
    for col, name in zip(cols, _CONTROLS):
        with col:
            kwargs = {}
            if name == "sens_price_max" and scenario is not None:
                auto = auto_price_max(scenario.exercise_price, scenario.stock_price)
                kwargs["placeholder"] = f"auto: {F.money(auto, cents=True)}"
            draw_input(state.spec(name), **kwargs)
    if state.values()["sens_reason"] == FOLLOW_SIDEBAR:
        st.caption(F.md(f"Drawing: {REASON_LABELS[reason]} (§6.1, §6.2)."))


# --------------------------------------------------------------------------
# Cached engine calls
# --------------------------------------------------------------------------


@st.cache_data(max_entries=64, show_spinner=False)
def _view(base_json: str, reason: str, measure: str, years: int, price_min: float,
          price_max: float) -> tuple[Sensitivity, pd.DataFrame]:
    sens = sensitivity(scenario_from_json(base_json), reason, measure, years, price_min, price_max)
    return sens, SC.blocks_frame(sens)


@st.cache_data(max_entries=32, show_spinner=False)
def _template(measure: str, reason: str, window_months: int) -> dict:
    return SC.heatmap_template(measure, reason, window_months)


@st.cache_data(max_entries=256, show_spinner=False)
def _cell_figures(base_json: str, reason: str, on: dt.date, price: float) -> dict[str, Any]:
    return cell_figures(scenario_from_json(base_json), reason, on, price)


# --------------------------------------------------------------------------
# Pieces of the page
# --------------------------------------------------------------------------


def _metrics(sens: Sensitivity) -> None:
    measure = MEASURES[sens.measure]
    words = measure.words  # in a sentence: "Highest total to him"
    cards = layout.metric_grid(3, [F.money(sens.peak.value)])
    with cards.cell():
        st.metric(f"Highest {words}", F.money(sens.peak.value),
                  help=F.md(f"{measure.description} ({measure.clause}). The highest of all {sens.n_cells:,} cells, "
                            "every day × every price, not of the blocks drawn."))
        st.caption(F.md(f"if the last day is {SC.peak_where(sens.peak).removeprefix('on ')}"))
    with cards.cell():
        p = sens.peak_in_window
        window = window_of(sens.window_months)
        st.metric(f"Highest in {window}", F.money(p.value) if p else "—",
                  help=F.md(f"The highest {words} for last days before {window} end, while a "
                            "termination other than for Good Cause still pays the §6.1 lump sum and health "
                            "continuation (§6.1)."))
        if p is not None:
            text = f"if the last day is {SC.peak_where(p).removeprefix('on ')} (§6.1)"
            if sens.after_window is not None:
                on, value = sens.after_window
                price = "" if p.any_price else f" at ${p.price:,.2f}"
                text += f"; a last day of {F.date(on)}{price}: {F.money(value)}"
            st.caption(F.md(text))
    with cards.cell():
        st.metric("Cells computed", f"{sens.n_cells:,}",
                  help=F.md("Each cell is one scenario: this termination on one day, at one stock price, with the "
                            "sidebar's other inputs (§3, §4, §6.1)."))
        st.caption(F.md(f"{sens.n_dates:,} last days × {sens.n_prices:,} stock prices; drawn as "
                        f"{sens.layout.n_blocks:,} blocks"))


def _chart(sens: Sensitivity, frame: pd.DataFrame, scenario: Scenario,
           selected: tuple[dt.date, float] | None) -> None:
    spec = SC.heatmap_spec(sens, scenario.exercise_price, scenario.stock_price, selected, frame,
                           _template(sens.measure, sens.reason, sens.window_months))
    spec = parachute.heatmap_with_contour(spec, scenario, sens)  # §280G: the 3B line, with a Change in Control
    # No alt=: the spec's description (the grid and its highest cells in words) is its accessible name.
    st.vega_lite_chart(spec, key=CHART_KEY, on_select=_on_select, selection_mode=SC.SELECTION, width="stretch")
    weeks = sens.layout.block_days // 7
    block = "one week" if weeks == 1 else f"{weeks} weeks"
    st.caption(F.md(
        f"Every figure above comes from all {sens.n_cells:,} cells: each last day from {F.date(sens.first_date)} to "
        f"{F.date(sens.last_date)} × {sens.n_prices} stock prices from ${sens.price_min:,.2f} to "
        f"${sens.price_max:,.2f}, each to the cent. The chart draws {sens.layout.n_blocks:,} blocks of {block} × "
        f"one of {sens.layout.n_price_bands} price bands; each block shows the highest value of its cells, and its "
        "tooltip names the day and price that reach it and the block's lowest value."))


def _figures_table(figures: dict[str, Any]) -> None:
    # The components as the line items name them (the registry's), then the total.
    rows = [(c.label, figures[c.outcome_field], c.clause) for c in (*COMPONENTS, COMPONENT["total_value"])]
    st.dataframe(pd.DataFrame(rows, columns=["Item", "Amount", "Clause"]), hide_index=True, width="stretch",
                 column_config={"Amount": st.column_config.NumberColumn("Amount", format="dollar")})


def _breakdown(sens: Sensitivity, scenario: Scenario, selected: tuple[dt.date, float] | None) -> None:
    if selected is None:
        on, price = sens.peak.date, sens.peak.price
        st.header("Breakdown of the highest cell")
        note = "Click a block of the heatmap to see its cell here instead."
        if sens.peak.any_price:
            # The measure is the same at every price: show it at the sidebar's price.
            price = scenario.stock_price
            note += (f" {MEASURES[sens.measure].label} does not depend on the stock price, so this is at the "
                     "sidebar's stock price.")
        st.caption(F.md(note))
    else:
        on, price = selected
        st.header("Breakdown of the selected cell")
        st.button("Show the highest cell instead", key="sens_show_highest", on_click=_show_highest,
                  icon=":material/arrow_upward:")
    situation = (f"{REASON_LABELS[sens.reason]}; last day employed {F.date(on)}; stock price ${price:,.2f} "
                 f"(exercise price ${scenario.exercise_price:,.2f}).")
    st.markdown(f"**{F.md(situation)}**")
    if on < scenario.hire_date:
        st.error(F.md(f"The selected last day, {F.date(on)}, is before the hire date "
                      f"{F.date(scenario.hire_date)} (§3, §6.1)."), icon=":material/error:")
        return
    try:
        cell = cell_scenario(scenario, sens.reason, on, price)
    except ValueError as exc:  # a cell from a link that no scenario can state
        st.error(F.md(f"This cell cannot be evaluated: {exc}"), icon=":material/error:")
        return
    if cell is None:
        # §6.2(b) before the notice date: the grid's reading, from the grid itself.
        st.info(F.md("Good Cause ground (b) with a last day before the written notice: not yet Good Cause, so it "
                      "counts as a termination other than for Good Cause (§6.2(b)). The figures are the grid's."),
                icon=":material/info:")
        base_json = json.dumps(scenario_to_json(grid_base(scenario)), sort_keys=True)
        _figures_table(_cell_figures(base_json, sens.reason, on, price))
        return
    outcome = state.evaluate_cached(cell)
    cards = layout.metric_grid(3, [F.money(outcome.total_value)])
    cards.metric(MEASURES["total_value"].label, F.money(outcome.total_value),
                   help=F.md("Cash plus the options' intrinsic value (§3, §4, §6.1)."))
    cards.metric(MEASURES["total_cash"].label, F.money(outcome.total_cash),
                   help=F.md("Salary earned (§3) + Sion Power buyout (§4) + §6.1 lump sum (§6.1(a)) + health "
                             "continuation (§6.1(b))."))
    cards.metric(MEASURES["option_intrinsic_value"].label, F.money(outcome.option_intrinsic_value),
                   help=F.md("Vested (and accelerated) shares × max(0, stock price − exercise price) (§4)."))
    tables.line_items(outcome)
    notes = [f for f in outcome.flags if f.severity in ("warning", "assumption")]
    if notes:
        with st.expander("Assumptions and warnings for this cell", expanded=False):
            for flag in notes:
                text = F.md(("Assumption: " if flag.severity == "assumption" else "")
                            + F.with_clause(flag.message, flag.clause))
                if flag.severity == "warning":
                    st.warning(text, icon=":material/warning:")
                else:
                    st.info(text, icon=":material/info:")


# --------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------


def render() -> None:
    state.leave_pages_folder_mode()
    # This page's inputs get their value from the link (or keep the session's) here;
    # an unreadable one is named in the sidebar's link warnings.
    state.ensure_params(*SPECS)
    st.title("Sensitivity: every last day × every stock price")
    st.caption(F.md("What a termination is worth to him, or costs the Company, for each day it could happen and "
                    "each stock price, with the sidebar's other inputs. Where does letting him go cost most? "
                    "The figures name their clauses; hover the heatmap for any cell."))

    current = state.current()
    vals = current.values
    reason = reason_for(vals["sens_reason"], vals["reason"])
    _controls(current.scenario, reason)
    if current.scenario is None or current.outcome is None:
        st.error(F.md("The heatmap cannot be drawn until the scenario in the sidebar is fixed. Your inputs are kept "
                      "as you entered them."), icon=":material/block:")
        show_errors(current.errors)
        return
    scenario = current.scenario

    price_min = float(vals["sens_price_min"])
    price_max = vals["sens_price_max"]
    price_max = float(price_max) if price_max is not None else auto_price_max(scenario.exercise_price,
                                                                               scenario.stock_price)
    problems = price_range_problems(price_min, price_max)
    if problems:
        for problem in problems:
            st.error(F.md(f"Stock price range (sens_price_min, sens_price_max): {problem}"), icon=":material/error:")
        return

    base_json = json.dumps(scenario_to_json(grid_base(scenario)), sort_keys=True)
    try:
        sens, frame = _view(base_json, reason, vals["sens_measure"], int(vals["sens_years"]), price_min, price_max)
    except ValueError as exc:
        st.error(F.md(f"The grid could not be computed: {exc}"), icon=":material/error:")
        return

    selected = None
    if vals["sens_cell_date"] is not None and vals["sens_cell_price"] is not None:
        selected = (vals["sens_cell_date"], float(vals["sens_cell_price"]))

    _metrics(sens)
    _chart(sens, frame, scenario, selected)
    _breakdown(sens, scenario, selected)
    parachute.render_contour(base_json, scenario, reason, sens.first_date, sens.last_date, price_min, price_max)


render()
