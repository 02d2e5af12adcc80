"""Negotiate: the letter as signed beside up to three proposed variants of it,
for the scenario in the sidebar.

Every input lives in the link: ``variants`` (how many proposals, 1–3) and, per
proposal ``i``, ``v{i}_name`` and ``v{i}_<field>`` for each negotiable input of
``analyses.negotiate.NEGOTIABLE`` (e.g. ``v1_severance_lump_sum``,
``v1_protection_months``). A proposal's defaults are the letter's values (and,
for the acceleration choices, the sidebar's assumption), so only what a
proposal changes is written to the link. The page reads inputs, calls
``analyses.negotiate`` and draws; every figure and every difference comes from
the engine. The inputs are declared in ``ui.negotiate_inputs`` (no Streamlit there,
so a memo made from the command line links to this page with its proposals).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from analyses import negotiate as N
from engine.registry import NEGOTIABLE_TERMS
from engine.scenario import REASON_LABELS, Scenario
from engine.terms import Assumptions
from ui import charts, parachute, state
from ui import format as F
from ui import layout
from ui import negotiate_charts as NC
from ui import params as P
from ui.memo_button import memo_button
from ui.negotiate_inputs import (AS_SIDEBAR, OVERRIDE_CHOICE_LABELS, VARIANTS, param_specs, prefix,
                                   proposal_inputs, proposal_label)
from ui.sidebar import show_errors, whole_number_args

# Row labels of the term sheet (each row also shows the letter's value and clause): the registry's.
WIDGET_LABELS: dict[str, str] = {t.key: t.label for t in NEGOTIABLE_TERMS}
SECTIONS: list[tuple[str, list[str]]] = [
    ("§6.1 payments", ["severance_lump_sum", "protection_months", "health_continuation_months"]),
    ("§3 pay and the §4 buyout", ["base_salary", "sion_buyout"]),
    ("§4 options", ["option_shares", "immediate_vest_pct", "first_anniversary_pct", "quarterly_installments"]),
    ("Acceleration (the letter is silent; the plan governs)",
     ["cic_acceleration", "double_trigger_months", "unvested_at_termination"]),
]


# --------------------------------------------------------------------------
# The editor: a term sheet, one row per term, one column per proposal
# --------------------------------------------------------------------------


def _number_input(where, spec: P.ParamSpec, label: str, help_text: str, placeholder: str | None = None) -> None:
    common = dict(key=spec.name, help=F.md(help_text), min_value=spec.min_value, max_value=spec.max_value,
                  placeholder=placeholder, label_visibility="collapsed")
    if spec.kind == "int":
        common.update(whole_number_args(spec))
        where.number_input(F.md_label(label), **common)
    else:
        where.number_input(F.md_label(label), step=float(spec.step or 1.0), format=spec.format or "%.2f", **common)


def _row(count: int) -> list:
    return st.columns([1.5] + [1] * count, vertical_alignment="center")


def _term_label(where, name: str, assumptions: Assumptions) -> None:
    item = N.NEGOTIABLE_BY_NAME[name]
    letter = N.letter_help(item, assumptions)
    if not item.is_term:
        letter = f"Letter silent; sidebar assumes {item.show(getattr(assumptions, name))} ({item.clause})"
    where.markdown(f"{F.md(WIDGET_LABELS[name])}  \n:gray[{F.md(letter)}]")


def _term_input(where, i: int, name: str, assumptions: Assumptions, values: Mapping[str, Any],
                spec: P.ParamSpec) -> None:
    item = N.NEGOTIABLE_BY_NAME[name]
    if not P.applies(spec, values):
        where.markdown(":gray[—]")
        return
    label = f"{proposal_label(i)} · {WIDGET_LABELS[name]}"
    letter = N.letter_help(item, assumptions)
    if item.is_term:
        _number_input(where, spec, label, f"{letter}. {item.description}")
    elif name == "double_trigger_months":
        _number_input(where, spec, label, f"{letter} {item.description}",
                      placeholder=f"{assumptions.double_trigger_months} (sidebar)")
    else:
        labels = OVERRIDE_CHOICE_LABELS[name]
        assumed = getattr(assumptions, name)
        where.selectbox(
            F.md_label(label), options=list(spec.choices), key=spec.name, label_visibility="collapsed",
            help=F.md(f"{letter} {item.description}"),
            format_func=lambda v, labels=labels, assumed=assumed:
                f"Sidebar: {labels[assumed]}" if v == AS_SIDEBAR else labels[v],
        )


def editor(assumptions: Assumptions) -> list[N.VariantInput]:
    """The proposals' inputs as a term sheet; returns each proposal as the engine reads it."""
    st.radio("Proposals to compare with the letter", options=list(range(1, N.MAX_VARIANTS + 1)), key=VARIANTS,
             horizontal=True, format_func=lambda n: f"{n} proposal" + ("" if n == 1 else "s"),
             help="Each proposal starts from the letter's terms; change only what the proposal changes. "
                  "Everything you enter is kept in the link.")
    # Read once: drawing a widget whose value the session already holds changes no value.
    values = state.values()
    known = {s.name: s for s in state.specs()}
    count = int(values[VARIANTS])
    proposals = range(1, count + 1)
    with st.container(border=True):
        head = _row(count)
        head[0].markdown("**Term** :gray[(the letter's value and clause)]")
        for i, column in zip(proposals, head[1:]):
            column.text_input(f"{proposal_label(i)} · name", key=f"{prefix(i)}name", max_chars=N.NAME_MAX_CHARS,
                              placeholder=proposal_label(i), label_visibility="collapsed",
                              help="What the board calls this proposal; it heads its column in the table and "
                                   "the charts.")
        for title, names in SECTIONS:
            st.markdown(f"**{F.md(title)}**")
            for name in names:
                if name == "double_trigger_months" and not any(
                        P.applies(known[prefix(i) + name], values) for i in proposals):
                    continue
                row = _row(count)
                _term_label(row[0], name, assumptions)
                for i, column in zip(proposals, row[1:]):
                    _term_input(column, i, name, assumptions, values, known[prefix(i) + name])
    built = [N.variant_from_inputs(proposal_label(i), *proposal_inputs(i, values)) for i in proposals]
    for proposal in built:
        for line in proposal.errors:
            st.error(F.md(line), icon=":material/error:")
    return built


# --------------------------------------------------------------------------
# The results
# --------------------------------------------------------------------------


def _situation(scenario: Scenario) -> str:
    parts = []
    t = scenario.termination
    if t is None:
        as_of = F.date(scenario.as_of) if scenario.as_of else "full vesting"
        parts.append(f"Still employed, figures as of {as_of}")
    else:
        parts.append(f"{REASON_LABELS[t.reason]}, last day {F.date(t.last_day(scenario.terms))}")
    if scenario.change_in_control is not None:
        parts.append(f"a Change in Control on {F.date(scenario.change_in_control.date)}")
    parts.append(f"stock {F.money(scenario.stock_price, cents=True)}, exercise "
                 f"{F.money(scenario.exercise_price, cents=True)}")
    return "The scenario in the sidebar: " + "; ".join(parts) + "."


def _headline(evaluated: list[N.Evaluated], frame) -> None:
    total = frame[frame["component"] == "total_value"].iloc[0]
    cash = frame[frame["component"] == "total_cash"].iloc[0]
    differences = frame.attrs["differences"]
    # one card a proposal; fewer to a row where they would not fit
    cards = layout.metric_grid(len(evaluated), [F.money(total[e.column]) for e in evaluated])
    for e in evaluated:
        with cards.cell():
            delta, arrow = None, "off"
            if e.column in differences:
                change = float(total[differences[e.column]])
                delta = NC.signed_money(change) + " vs letter"
                # Set the arrow from the figure: Streamlit reads a sign only from an ASCII "-".
                arrow = "up" if round(change, 2) > 0 else "down" if round(change, 2) < 0 else "off"
            st.metric(F.md_label(e.column), F.money(total[e.column]), delta=delta, delta_color="off",
                      delta_arrow=arrow,
                      help=F.md("Total to him: salary earned (§3), Sion Power buyout (§4), §6.1 lump sum and "
                                "health continuation (§6.1(a), (b)), plus the options' intrinsic value (§4)."))
            if e.column in differences:
                st.caption(F.md(f"Company cash cost {F.money(cash[e.column])}, "
                                f"{NC.signed_money(cash[differences[e.column]])} vs letter (§3, §4, §6.1)"))
            else:
                st.caption(F.md(f"Company cash cost {F.money(cash[e.column])} (§3, §4, §6.1)"))


def _window_events(scenario: Scenario) -> list[charts.ChartEvent]:
    events = []
    if scenario.termination is not None:
        events.append(charts.ChartEvent(scenario.termination.last_day(scenario.terms),
                                        "Last day in the sidebar", "§3, §6"))
    if scenario.change_in_control is not None:
        events.append(charts.ChartEvent(scenario.change_in_control.date, "Change in Control", "§6.3"))
    return events


def results(scenario: Scenario, variants: list[N.Variant]) -> None:
    evaluated = N.evaluate_variants(scenario, variants)
    frame = N.compare_evaluated(evaluated)

    _headline(evaluated, frame)

    st.header("Component by component")
    st.caption(F.md("Each proposal's figure and its difference from the letter as signed (“vs letter”: "
                    "+ more to him, − less). Cash is the Company's cost; option value is intrinsic value at the "
                    "sidebar's stock price."))
    config = {"Component": st.column_config.Column("Component", width=250),
              "Clause": st.column_config.Column("Clause", width=95)}
    for column, difference in frame.attrs["differences"].items():
        # The header says "vs letter" under its proposal; the help names both.
        config[difference] = st.column_config.Column(
            "vs letter", help=f"{column} minus the letter as signed: + more to him, − less")
    st.dataframe(NC.comparison_table(frame), hide_index=True, width="stretch", column_config=config)
    with st.expander("Dates and shares behind the figures", expanded=False):
        st.dataframe(N.facts_evaluated(evaluated), hide_index=True, width="stretch")
    parachute.render_positions([(e.column, e.outcome.golden_parachute) for e in evaluated], key="negotiate")
    beyond = N.flags_beyond_letter(evaluated)
    if any(beyond.values()):
        with st.expander("What each proposal changes in the reading", expanded=False):
            for column, flags in beyond.items():
                for flag in flags:
                    prefix_text = "Assumption: " if flag.severity == "assumption" else ""
                    st.info(F.md(f"{column}: {prefix_text}{F.with_clause(flag.message, flag.clause)}"),
                            icon=":material/info:")

    # No alt=: each chart's own description (its figures in words) is its accessible name.
    st.altair_chart(NC.components_chart(N.components_long(frame)), width="stretch")

    reason = N.walk_away_reason(scenario)
    if scenario.termination is None:
        st.caption(F.md("No termination in the sidebar: the curves show a termination without Good Cause, the "
                        "case §6.1 pays for."))
    curves = N.walk_away_evaluated(evaluated, reason)
    ends = N.window_ends_evaluated(evaluated)
    st.altair_chart(NC.walk_away_chart(curves, ends, _window_events(scenario)), width="stretch")

    st.download_button(
        "Comparison (CSV)", NC.comparison_csv(frame), file_name="negotiation_comparison.csv", mime="text/csv",
        on_click="ignore", key="download_comparison", icon=":material/download:",
        help="Every component under the letter and each proposal, with the differences, in dollars to the cent.",
    )
    memo_button("negotiate", scenario, variants=variants)


def render() -> None:
    state.leave_pages_folder_mode()
    # Every proposal's inputs get their value from the link (or keep the session's) here;
    # an unreadable one is named in the sidebar's link warnings.
    state.ensure_params(*param_specs())
    st.title("Negotiate")
    st.caption(F.md("The letter as signed beside proposed changes to it, for the scenario in the sidebar. Each "
                    "proposal starts from the letter's terms: change only what it changes. Each row shows the "
                    "letter's value and clause; the link keeps every proposal."))
    current = state.current()
    scenario = current.scenario
    if scenario is not None:
        st.markdown(f"**{F.md(_situation(scenario))}**")

    assumptions = scenario.assumptions if scenario is not None else Assumptions()
    proposals = editor(assumptions)

    if scenario is None or current.outcome is None:
        st.error(F.md("The comparison cannot be shown until the scenario in the sidebar is fixed. Your inputs "
                      "are kept as you entered them."), icon=":material/block:")
        show_errors(current.errors)
        return
    valid = [p.variant for p in proposals if p.variant is not None]
    left_out = [f"Proposal {i}" for i, p in enumerate(proposals, start=1) if p.variant is None]
    if left_out:
        st.warning(F.md(f"{', '.join(left_out)} {'is' if len(left_out) == 1 else 'are'} left out of the "
                        "comparison until the input named above is fixed."), icon=":material/warning:")
    try:
        results(scenario, valid)
    except ValueError as exc:  # a variant the rules refuse: say so, never a traceback
        st.error(F.md(f"The proposals could not be compared: {exc}"), icon=":material/error:")
    except Exception as exc:  # noqa: BLE001 - never a traceback on the page
        st.error(F.md(f"The proposals could not be compared ({exc.__class__.__name__}); please report the link "
                      "to the maintainers."), icon=":material/error:")


render()
