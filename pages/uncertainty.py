"""Uncertainty: how likely each figure is, with the stock price as a distribution.

Reads the sidebar's scenario (``ui.state.current()``) and this page's inputs, each a
widget bound to the link by Streamlit itself (``bind="query-params"``, keys ``unc_*``);
asks ``analyses.uncertainty`` for the distributions (from the engine's grid) and draws
them with ``ui.uncertainty_charts``. Computes no figure itself.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import streamlit as st

from analyses.uncertainty import (
    CLAUSES,
    DEFAULT_FAN_REASONS,
    FAN_REASONS,
    LABELS,
    MEASURES,
    Fan,
    LastDay,
    ModelInputs,
    ResolvedModel,
    fan,
    fan_at_price,
    fan_share_above,
    last_day_distribution,
    last_day_problem,
    odds_in_words,
    price_model,
)
from engine.dates import MAX_DATE, MIN_DATE
from engine.io import scenario_from_json, scenario_to_json
from engine.price_distribution import DEFAULT_QUANTILES, MAX_DRIFT_PCT, MAX_VOLATILITY_PCT, PERCENTILES
from engine.scenario import Scenario
from analyses.sensitivity import grid_base
from ui import format as F
from ui import layout
from ui import state
from ui import uncertainty_charts as UC
from ui.sidebar import show_errors
from ui.uncertainty_text import last_day_sentence

KNOWN_PRICE = "unc_known_price"
KNOWN_DATE = "unc_known_date"
VOLATILITY = "unc_volatility_pct"
DRIFT = "unc_drift_pct"
REASONS = "unc_reasons"
AMOUNT = "unc_amount"
MAX_FANS = 3
N = DEFAULT_QUANTILES

REASON_CHOICE_LABELS = UC.REASON_TITLES
# The multiselect's labels are also its values in the link (Streamlit binds the label), so they are a
# link format, not wording: links already shared say "Good Cause", the registry's short label says
# "For Good Cause". Changing one of these breaks every link that holds it.
REASON_SHORT_LABELS = {
    "without_good_cause": "Without Good Cause", "good_cause": "Good Cause", "resignation": "Resignation",
    "death": "Death", "disability": "Disability", "none": "Still employed",
}


# --------------------------------------------------------------------------
# Inputs: each bound to the link by Streamlit (bind="query-params")
# --------------------------------------------------------------------------


def _model_inputs(scenario: Scenario) -> ModelInputs:
    a = scenario.assumptions
    drift_default = a.risk_free_rate_pct - a.dividend_yield_pct
    cols = st.columns(4)
    price = cols[0].number_input(
        "Known stock price, $ a share", min_value=0.01, max_value=1e6, value=None, step=0.01, format="%.2f",
        key=KNOWN_PRICE, bind="query-params", placeholder=f"default {F.money(scenario.exercise_price, True)}",
        help=F.md("Assumption: the price the distribution starts from. Empty: the exercise price, the closing "
                  "price on the first day of employment (§4)."))
    known = cols[1].date_input(
        "Date the price is known", value=None, min_value=MIN_DATE, max_value=MAX_DATE, key=KNOWN_DATE,
        bind="query-params", format="YYYY-MM-DD",
        help=F.md(f"Assumption: the day that price is known. Empty: the hire date, {F.date(scenario.hire_date)} "
                  "(§4). Last days before it are not drawn: the model only looks forward."))
    vol = cols[2].number_input(
        "Price volatility for this page, % a year", min_value=0.0, max_value=MAX_VOLATILITY_PCT, value=None,
        step=1.0, format="%.2f",
        key=VOLATILITY, bind="query-params", placeholder=f"default {F.percent(a.volatility_pct)}",
        help=F.md("Assumption: how much the stock price swings, a year. Empty: the Black-Scholes volatility "
                  "assumption in the sidebar (§4, valuation)."))
    drift = cols[3].number_input(
        "Price drift for this page, % a year", min_value=-MAX_DRIFT_PCT, max_value=MAX_DRIFT_PCT, value=None,
        step=0.25, format="%.2f",
        key=DRIFT, bind="query-params", placeholder=f"default {F.percent(drift_default)}",
        help=F.md("Assumption: the expected growth of the stock, a year. Empty: the risk-free rate less the "
                  "dividend yield, as in the sidebar (§4, valuation), under which the Black-Scholes value is an "
                  "expectation."))
    return ModelInputs(known_price=price, known_date=known, volatility_pct=vol, drift_pct=drift)


def _fan_inputs() -> tuple[tuple[str, ...], float | None]:
    cols = st.columns([2, 1])
    reasons = cols[0].multiselect(
        "Fans to draw: how employment ends", options=list(FAN_REASONS), default=list(DEFAULT_FAN_REASONS),
        format_func=REASON_SHORT_LABELS.get, key=REASONS, bind="query-params", max_selections=MAX_FANS,
        help=F.md("One fan per choice (at most three), each over every last day: terminated by the Company without "
                  "Good Cause, for Good Cause or for disability; resignation; death; or still employed (what he has "
                  "received by that day). A Company termination other than for Good Cause "
                  "(disability included) pays the §6.1 lump sum and health continuation inside the first 24 "
                  "months; Good Cause, resignation and death do not (§6.1, §6.2, §9, §10)."))
    amount = cols[1].number_input(
        "Amount to compare, $", min_value=0.0, max_value=1e10, value=None, step=50_000.0, format="%.2f",
        key=AMOUNT, bind="query-params", placeholder="default: total at sidebar price",
        help=F.md("The page gives the chance that the total to him is more than this (§3, §4, §6.1). Empty: "
                  "the total at the sidebar's stock price."))
    return tuple(r for r in FAN_REASONS if r in reasons), amount


def _assumptions_note(resolved: ResolvedModel, scenario: Scenario) -> None:
    m = resolved.model
    parts = [
        f"the stock price is lognormal (geometric Brownian motion) from ${m.known_price:,.2f} on "
        f"{F.date(m.known_date)}" + (" (the exercise price on the hire date, §4)"
                                     if resolved.known_price_is_default and resolved.known_date_is_default else ""),
        f"volatility {F.percent(m.volatility * 100)} a year"
        + (" (the Black-Scholes assumption)" if resolved.volatility_is_default else " (typed here)"),
        f"drift {F.percent(m.drift * 100)} a year"
        + (" (risk-free rate less dividend yield)" if resolved.drift_is_default else " (typed here)"),
    ]
    st.info(F.md("Assumption: the letter says nothing about the stock price. Here " + "; ".join(parts)
                 + f". Each day's price is {N:,} equally likely values, no random numbers (§4, valuation "
                 "assumptions)."), icon=":material/info:")


# --------------------------------------------------------------------------
# Cached analysis calls
# --------------------------------------------------------------------------


def _resolved(scenario_json: str, inputs: ModelInputs) -> ResolvedModel:
    return price_model(scenario_from_json(scenario_json), inputs)


def _key(inputs: ModelInputs) -> tuple:
    """The inputs as a plain tuple, for the caches' keys."""
    return (inputs.known_price, inputs.known_date, inputs.volatility_pct, inputs.drift_pct)


@st.cache_resource(max_entries=8, show_spinner=False)
def _fan(base_json: str, reasons: tuple[str, ...], inputs_key: tuple) -> Fan:
    # cache_resource: the result holds read-only arrays of millions of values, shared, never copied.
    return fan(scenario_from_json(base_json), reasons, _resolved(base_json, ModelInputs(*inputs_key)).model, N)


@st.cache_data(max_entries=16, show_spinner=False)
def _fan_texts(base_json: str, reasons: tuple[str, ...], inputs_key: tuple
               ) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, int, str, str]:
    result = _fan(base_json, reasons, inputs_key)
    if result.dates.size == 0:
        return {}, pd.DataFrame(), 0, "", ""
    first, last = result.dates[0].astype(dt.date), result.dates[-1].astype(dt.date)
    return ({r: UC.fan_frame(result, r) for r in reasons}, UC.event_frame(result), result.n_cells,
            F.date(first), F.date(last))


@st.cache_data(max_entries=32, show_spinner=False)
def _fan_frames(base_json: str, reasons: tuple[str, ...], inputs_key: tuple, stock_price: float,
                amount: float) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, int, str, str]:
    frames, events, n_cells, first, last = _fan_texts(base_json, reasons, inputs_key)
    if not frames:
        return frames, events, n_cells, first, last
    result = _fan(base_json, reasons, inputs_key)
    at_price = fan_at_price(scenario_from_json(base_json), reasons, result.dates, stock_price)
    above = fan_share_above(result, amount)
    priced = {r: UC.with_price(frames[r], at_price[r]["total_value"], stock_price, above[r], amount) for r in reasons}
    return priced, events, n_cells, first, last


@st.cache_data(max_entries=16, show_spinner=False)
def _fan_template(reasons: tuple[str, ...], window_months: int) -> dict:
    return UC.fan_template(reasons, window_months)


@st.cache_data(max_entries=1, show_spinner=False)
def _cdf_template() -> dict:
    return UC.cdf_template()


@st.cache_data(max_entries=64, show_spinner=False)
def _last_day(scenario_json: str, reason: str, on: dt.date, inputs_key: tuple, amount: float | None) -> LastDay:
    model = _resolved(scenario_json, ModelInputs(*inputs_key)).model
    return last_day_distribution(scenario_from_json(scenario_json), reason, on, model, N, amount)


# --------------------------------------------------------------------------
# Pieces of the page
# --------------------------------------------------------------------------


def _last_day_section(last: LastDay) -> None:
    st.markdown(f"**{F.md(last_day_sentence(last))}**")
    p = last.percentiles["total_value"]
    cards = layout.metric_grid(3)  # three a row where they fit whole, fewer on a narrow screen (ui/layout.py)
    what = ("Salary earned (§3), the Sion Power buyout (§4), any §6.1 lump sum and health continuation "
            "(§6.1), and the intrinsic value of his options (§4).")
    with cards.cell():
        st.metric("Total to him: P90", F.money(p[4]),
                  help=F.md(f"The total is more than this with a chance of at most 1 in 10. {what}"))
        st.caption(F.md(f"{odds_in_words(last.chance_above(90)[1])} chance of more"))
    with cards.cell():
        st.metric("Total to him: median", F.money(p[2]),
                  help=F.md(f"Half the chances below, half above (P50). {what}"))
        st.caption(F.md(f"mean {F.money(last.mean['total_value'])}; P25 {F.money(p[1])}, P75 {F.money(p[3])}"))
    with cards.cell():
        st.metric("Total to him: P10", F.money(p[0]),
                  help=F.md(f"The total is at most this with a chance of at least 1 in 10. {what}"))
        st.caption(F.md(f"at the sidebar's {F.money(last.stock_price, True)}: "
                        f"{F.money(last.at_stock_price['total_value'])}"))
    with cards.cell():
        st.metric("Options underwater", f"{last.p_underwater:.1%}",
                  help=F.md("The chance the stock is at or below the exercise price on that day, so his options "
                            "are worth nothing (§4)."))
        st.caption(F.md(f"stock at or below the exercise price, {F.money(last.exercise_price, True)} (§4)"))
    with cards.cell():
        st.metric("Chance above the amount", f"{last.p_above:.1%}",
                  help=F.md("The share of the equally likely stock prices at which the total to him is more than "
                            "the amount to compare (§3, §4, §6.1)."))
        source = ("typed above" if st.session_state.get(AMOUNT) is not None else
                  f"the total at the sidebar's {F.money(last.stock_price, True)} a share")
        st.caption(F.md(f"more than {F.money(last.amount)}, {source}"))
    with cards.cell():
        st.metric("Company's cash cost, P50", F.money(last.percentiles["total_cash"][2]),
                  help=F.md("Salary earned (§3) + Sion Power buyout (§4) + §6.1 lump sum (§6.1(a)) + health "
                            "continuation (§6.1(b)). Options are not cash, so the stock price rarely moves it."))
        st.caption(F.md(f"P10 {F.money(last.percentiles['total_cash'][0])}, P90 "
                        f"{F.money(last.percentiles['total_cash'][4])}"))
    st.vega_lite_chart(UC.cdf_spec(last, _cdf_template()), width="stretch")
    st.caption(F.md(f"Each step is one or more of the {last.n:,} equally likely prices. The chart stops at the 99th "
                    f"percentile, {F.money(UC.cdf_x_max(last))}; the top 1% runs off its right edge. The vertical "
                    "jump on the left is where the options are underwater: there the total is the cash alone."
                    + ("" if last.amount <= UC.cdf_x_max(last) else
                       f" The amount to compare, {F.money(last.amount)}, is past the right edge.")))
    rows = []
    for m in MEASURES:
        row = {"Figure": LABELS[m]}
        for k, pct in enumerate(PERCENTILES):
            row[f"P{pct}"] = float(last.percentiles[m][k])
        row["Mean"] = last.mean[m]
        row[f"At ${last.stock_price:,.2f}"] = last.at_stock_price[m]
        row["Clause"] = CLAUSES[m]
        rows.append(row)
    money_cols = {c: st.column_config.NumberColumn(c, format="dollar")
                  for c in rows[0] if c not in ("Figure", "Clause")}
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config=money_cols)


def _fan_section(scenario: Scenario, reasons: tuple[str, ...], inputs: ModelInputs, amount: float) -> None:
    st.header("By last day employed")
    if not reasons:
        st.info(F.md("Choose at least one way employment ends to draw its fan."), icon=":material/info:")
        return
    base_json = json.dumps(scenario_to_json(grid_base(scenario)), sort_keys=True)
    with st.spinner("Computing every last day × 1,000 stock prices…"):
        frames, events, n_cells, first, last = _fan_frames(base_json, reasons, _key(inputs),
                                                           float(scenario.stock_price), float(amount))
    if not frames:
        st.warning(F.md("The date the price is known is after the last day drawn (90 days after the last vest "
                        "date, §4): there is nothing to forecast."), icon=":material/warning:")
        return
    st.vega_lite_chart(UC.fan_spec(_fan_template(reasons, scenario.terms.protection_months), frames, events),
                       width="stretch")
    st.caption(F.md(f"Every last day from {first} to {last} (90 days after the last vest date, §4) × {N:,} "
                    f"equally likely stock prices: {n_cells:,} scenarios, each through the letter's rules. Hover "
                    "a day for its figures: the percentiles, the mean, the total at the sidebar's stock price, the "
                    f"chance the options are underwater and the chance of more than {F.money(amount)}."))


# --------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------


def render() -> None:
    state.leave_pages_folder_mode()
    st.title("Uncertainty: how likely is each figure?")
    st.caption(F.md("Nobody knows the stock price on the day it matters, and the options are most of what he "
                    "walks away with. Here the price is a distribution: for any last day, how likely each figure "
                    "is. Every figure comes from the letter's rules at each price and names its clauses."))
    current = state.current()
    if current.scenario is None or current.outcome is None:
        st.error(F.md("The distributions cannot be shown until the scenario in the sidebar is fixed. Your inputs "
                      "are kept as you entered them."), icon=":material/block:")
        show_errors(current.errors)
        return
    scenario, outcome = current.scenario, current.outcome
    scenario_json = json.dumps(scenario_to_json(scenario), sort_keys=True)

    inputs = _model_inputs(scenario)
    reasons, typed_amount = _fan_inputs()
    state.share_bound({
        KNOWN_PRICE: inputs.known_price, KNOWN_DATE: inputs.known_date, VOLATILITY: inputs.volatility_pct,
        DRIFT: inputs.drift_pct, AMOUNT: typed_amount,
        REASONS: None if reasons == DEFAULT_FAN_REASONS else [REASON_SHORT_LABELS[r] for r in reasons],
    }, defaults={KNOWN_PRICE: None, KNOWN_DATE: None, VOLATILITY: None, DRIFT: None, AMOUNT: None,
                 REASONS: list(DEFAULT_FAN_REASONS)})
    try:
        resolved = _resolved(scenario_json, inputs)
    except ValueError as exc:
        st.error(F.md(f"The price model cannot be used: {exc}."), icon=":material/error:")
        return
    _assumptions_note(resolved, scenario)

    reason = scenario.termination.reason if scenario.termination is not None else "none"
    on = outcome.as_of
    st.header("On his last day, in the sidebar's scenario")
    situation = (f"{REASON_CHOICE_LABELS[reason]}; last day employed {F.date(on)}." if reason != "none" else
                 f"Still employed; figures as of {F.date(on)}.")
    st.caption(F.md(situation + " Change the sidebar to see another day or reason."))
    amount = typed_amount
    if on < resolved.model.known_date:
        st.warning(F.md(f"The sidebar's last day, {F.date(on)}, is before the date the price is known, "
                        f"{F.date(resolved.model.known_date)} (unc_known_date): the model only looks forward (§4, "
                        "valuation assumptions)."), icon=":material/warning:")
    elif (problem := last_day_problem(on)) is not None:
        st.warning(F.md(f"No distribution on the sidebar's day: {problem}."), icon=":material/warning:")
    else:
        last = _last_day(scenario_json, reason, on, _key(inputs), typed_amount)
        amount = last.amount
        _last_day_section(last)
    if amount is None:  # no forecast on the sidebar's day and nothing typed: the total at the sidebar's price
        amount = outcome.total_value
    _fan_section(scenario, reasons, inputs, amount)


render()
