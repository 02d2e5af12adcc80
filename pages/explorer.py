"""Explorer (home page): the whole letter applied to the scenario in the sidebar.

Reads ``ui.state.current()`` and draws; computes no figure itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd
import streamlit as st

from engine.io import outcome_to_json, scenario_to_json
from engine.outcome import Outcome
from engine.scenario import REASON_LABELS, Scenario
from ui import charts, layout, parachute, state, tables
from ui.memo_button import memo_button
from ui import format as F
from ui.sidebar import open_assumptions_if_set, show_errors
from ui.terms_text import payment_day, window, window_end_mark

UPLOAD_KEY = "scenario_upload"
UPLOAD_BOX = "upload_box"  # the open state of "Load a scenario file"
OTHER_FIGURES_BOX = "other_figures_box"  # the open state of "Other figures and dates"
_UPLOAD_RESULT = "_explorer_upload_result"


# --------------------------------------------------------------------------
# Upload (runs as a callback, before the sidebar's widgets are drawn)
# --------------------------------------------------------------------------


def _on_upload() -> None:
    uploaded = st.session_state.get(UPLOAD_KEY)
    if uploaded is None:
        st.session_state[_UPLOAD_RESULT] = None
        return
    name = getattr(uploaded, "name", "the file")
    if getattr(uploaded, "size", 0) > state.MAX_UPLOAD_BYTES:
        st.session_state[_UPLOAD_RESULT] = ("error", name, [
            f"The file is {uploaded.size:,} bytes; a scenario file is at most {state.MAX_UPLOAD_BYTES:,} bytes."])
        return
    scenario, errors = state.scenario_from_upload(uploaded.getvalue())
    if scenario is None:
        st.session_state[_UPLOAD_RESULT] = ("error", name, errors)
        return
    applied, messages = state.apply_scenario(scenario)
    if applied:
        open_assumptions_if_set()
    st.session_state[_UPLOAD_RESULT] = ("success" if applied else "error", name, messages)


def _upload_section() -> None:
    # Drawn only while open (on_change="rerun"), like "Other figures and dates": the first view
    # does not wait for the browser to draw what no one has asked to see yet.
    with st.expander("Load a scenario file", key=UPLOAD_BOX, on_change="rerun") as box:
        if not box.open:
            return
        st.caption(F.md("A scenario JSON file as downloaded here, the same schema `python -m engine evaluate` "
                        f"reads; at most {state.MAX_UPLOAD_BYTES // 1000} KB. A file that is rejected changes "
                        "nothing."))
        st.file_uploader("Scenario JSON file", type=["json"], key=UPLOAD_KEY, on_change=_on_upload,
                         max_upload_size=1)
        result = st.session_state.get(_UPLOAD_RESULT)
        if result:
            kind, name, messages = result
            if kind == "success":
                st.success(F.md(f"Loaded {name}: the sidebar and the link now show its scenario."))
                for line in messages:
                    st.info(F.md(line))
            else:
                st.error(F.md(f"{name} was not loaded; nothing was changed."))
                for line in messages:
                    st.error(F.md(line))


# --------------------------------------------------------------------------
# Pieces of the page
# --------------------------------------------------------------------------


def _situation(scenario: Scenario, outcome: Outcome) -> str:
    if outcome.employed:
        return (f"Still employed; figures as of {F.date(outcome.as_of)}"
                + (" (full vesting, as no as-of date is set)." if scenario.as_of is None else "."))
    reason = scenario.termination.reason if scenario.termination else ""
    text = f"{REASON_LABELS.get(reason, reason)}; last day employed {F.date(outcome.last_day)}."
    if outcome.effective_reason and outcome.effective_reason != reason:
        text += (f" It stands as “{REASON_LABELS.get(outcome.effective_reason, outcome.effective_reason)}” "
                 "under the letter (see the flags below).")
    return text


def _metrics(scenario: Scenario, outcome: Outcome) -> None:
    # three to a row where they fit whole, fewer on a narrow screen
    cards = layout.metric_grid(3, [F.money(outcome.total_value), F.money(outcome.option_intrinsic_value)])
    with cards.cell():
        st.metric("Total to him", F.money(outcome.total_value),
                  help=F.md("Cash (salary earned, Sion Power buyout, §6.1 lump sum, health continuation) plus "
                            "the options' intrinsic value (§3, §4, §6.1)."))
        st.caption(F.md(f"cash plus option value, as of {F.date(outcome.as_of)}"))
    with cards.cell():
        st.metric("Company's cash cost", F.money(outcome.total_cash),
                  help=F.md("Salary earned (§3) + Sion Power buyout (§4) + §6.1 lump sum (§6.1(a)) + health "
                            "continuation (§6.1(b)). Options are not cash."))
        st.caption(F.md(f"of which salary {F.money(outcome.salary_earned)} (§3)"))
    with cards.cell():
        st.metric("§6.1 lump sum", F.money(outcome.severance_lump_sum),
                  help=F.md(f"Paid on {payment_day(scenario.terms)} after a Change in Control or a Company "
                            f"termination other than for Good Cause within {window(scenario.terms)} (§6.1(a))."))
        if outcome.severance_payment_date is not None:
            st.caption(F.md(f"paid {F.date(outcome.severance_payment_date)} (§6.1(a))"))
        else:
            st.caption(F.md("not triggered (§6.1)"))
    with cards.cell():
        st.metric("Vested shares", F.shares(outcome.vested_shares),
                  help=F.md("Option shares vested under the §4 schedule by the as-of date (§4); shares vesting "
                            "early by an acceleration assumption are counted separately."))
        st.caption(F.md(F.shares_note(outcome, scenario.terms.option_shares)))
    with cards.cell():
        st.metric("Option value", F.money(outcome.option_intrinsic_value),
                  help=F.md("Intrinsic value: vested (and accelerated) shares × max(0, stock price − exercise "
                            "price) (§4)."))
        st.caption(F.md(f"at {F.money(scenario.stock_price, cents=True)} a share, exercise "
                        f"{F.money(scenario.exercise_price, cents=True)} (§4)"))
    with cards.cell():
        st.metric("Grant-date fair value", F.money(outcome.grant_date_fair_value_total),
                  help=F.md("Black-Scholes value of the whole grant on the hire date, what the Board books as "
                            "expense; volatility, rate, term and dividend yield are assumptions (§4)."))
        st.caption(F.md(f"{F.money(outcome.grant_date_fair_value_per_option, cents=True)} an option "
                        "(§4, valuation assumptions)"))


def _other_figures(scenario: Scenario, outcome: Outcome) -> None:
    rows = [
        ("§6 Termination Date (trigger)", F.date(outcome.severance_termination_date), "§6.1"),
        ("§6.1 lump sum paid on", F.date(outcome.severance_payment_date), "§6.1(a)"),
        ("Health continuation months counted", str(outcome.health_continuation_months), "§6.1(b)"),
        (f"{window_end_mark(scenario.terms.protection_months)} (first day outside)",
         F.date(outcome.protection_window_end), "§6.1"),
        ("Vested options exercisable until", F.date(outcome.option_exercise_deadline), "§4 (plan governs)"),
        ("Salary rate at the end", F.money(outcome.salary_rate), "§3"),
        ("Grant-date fair value per option (Black-Scholes)", F.money(outcome.grant_date_fair_value_per_option,
                                                                     cents=True), "§4 (valuation)"),
        ("Grant-date fair value, whole grant", F.money(outcome.grant_date_fair_value_total), "§4 (valuation)"),
    ]
    st.dataframe(pd.DataFrame(rows, columns=["Figure", "Value", "Clause"]), hide_index=True, width="stretch")


def _flags(outcome: Outcome) -> None:
    warnings = [f for f in outcome.flags if f.severity == "warning"]
    assumptions = [f for f in outcome.flags if f.severity == "assumption"]
    infos = [f for f in outcome.flags if f.severity not in ("warning", "assumption")]
    for flag in warnings:
        st.warning(F.md(F.with_clause(flag.message, flag.clause)), icon=":material/warning:")
    for flag in assumptions:
        st.info(F.md("Assumption: " + F.with_clause(flag.message, flag.clause)), icon=":material/info:")
    for flag in infos:
        st.caption(F.md(F.with_clause(flag.message, flag.clause)))


def _scenario_json(scenario: Scenario) -> Callable[[], str]:
    return lambda: json.dumps(scenario_to_json(scenario), indent=2) + "\n"


def _outcome_json(outcome: Outcome) -> Callable[[], str]:
    return lambda: json.dumps(outcome_to_json(outcome), indent=2) + "\n"


def _vesting_csv(outcome: Outcome) -> Callable[[], str]:
    return lambda: pd.DataFrame([row.model_dump(mode="json") for row in outcome.vesting_schedule]).to_csv(index=False)


def _payments_csv(outcome: Outcome) -> Callable[[], str]:
    return lambda: pd.DataFrame([p.model_dump(mode="json") for p in outcome.payments],
                                columns=["date", "amount", "component", "label", "clause"]).to_csv(index=False)


def _downloads(scenario: Scenario, outcome: Outcome) -> None:
    # Each file is made when its button is clicked (a callable ``data``, as the memo's), not
    # on every rerun: the page does not serialise four files, nor the browser fetch them, for
    # a click that may never come.
    cols = st.columns(4)
    cols[0].download_button(
        "Scenario (JSON)", _scenario_json(scenario), file_name="scenario.json",
        mime="application/json", on_click="ignore", key="download_scenario", icon=":material/download:",
        help=F.md("The inputs, in the schema `python -m engine evaluate` reads; load it back below."),
    )
    cols[1].download_button(
        "Outcome (JSON)", _outcome_json(outcome), file_name="outcome.json",
        mime="application/json", on_click="ignore", key="download_outcome", icon=":material/download:",
        help="Every figure, line item, payment and flag with its clause.",
    )
    cols[2].download_button(
        "Vesting schedule (CSV)", _vesting_csv(outcome), file_name="vesting_schedule.csv",
        mime="text/csv", on_click="ignore", key="download_vesting", icon=":material/download:",
        help="One row per §4 installment with its status.",
    )
    cols[3].download_button(
        "Payments (CSV)", _payments_csv(outcome), file_name="payments.csv", mime="text/csv",
        on_click="ignore", key="download_payments", icon=":material/download:",
        help="Every cash payment with its date and clause.",
    )


# --------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------


def render() -> None:
    st.title("Offer-letter scenario explorer")
    st.caption(F.md("Valence Technology's offer to its CEO, dated 8 July 2005, applied to the scenario in the "
                    "sidebar. Every figure names the clause it comes from; hover the question marks and the charts "
                    "for the reasons."))
    current = state.current()
    if current.outcome is None or current.scenario is None:
        st.error(F.md("The figures cannot be shown until the scenario in the sidebar is fixed. Your inputs are "
                      "kept as you entered them."), icon=":material/block:")
        show_errors(current.errors)
        _upload_section()
        return
    scenario, outcome = current.scenario, current.outcome

    st.markdown(f"**{F.md(_situation(scenario, outcome))}**")
    _metrics(scenario, outcome)

    events = charts.chart_events(scenario, outcome)
    # No alt=: each chart's own description (its figures in words) is its accessible name.
    st.vega_lite_chart(layout.cached_spec("vesting", charts.chart_key("vesting", outcome, events),
                                   lambda: charts.vesting_chart(outcome, events)),
                       width="stretch")
    pair = layout.chart_grid(2)  # side by side where both have room, stacked on a tablet
    with pair.cell():
        st.vega_lite_chart(layout.cached_spec("payout", charts.chart_key("payout", outcome),
                                       lambda: charts.payout_chart(outcome)),
                           width="stretch")
    with pair.cell():
        st.vega_lite_chart(layout.cached_spec("payments", charts.chart_key("payments", outcome),
                                       lambda: charts.payments_chart(outcome)),
                           width="stretch")

    # How likely each figure is, with the stock price as a distribution (issue 12).
    st.page_link("pages/uncertainty.py", label="How likely is each figure? The stock price as a distribution")

    st.header("Line items")
    tables.line_items(outcome)

    st.header("What the Board should know")
    _flags(outcome)

    parachute.render_panel(outcome.golden_parachute)  # §280G, whenever a Change in Control counts

    with st.expander("Other figures and dates", key=OTHER_FIGURES_BOX, on_change="rerun") as box:
        if box.open:
            _other_figures(scenario, outcome)

    st.header("Take it with you")
    _downloads(scenario, outcome)
    memo_button("explorer", scenario, outcome=outcome)
    _upload_section()


render()
