"""Termination matrix: the proxy statement's "Potential payments upon termination
or change in control" for the scenario in the sidebar, as of one date.

One row per event (``analyses.matrix.MATRIX_EVENTS``), one column per component
(``MATRIX_COLUMNS``) plus the Company's cash cost; under it what sets each row
apart (its flags) and the assumptions behind every row; then the walk-away
value, or the Company's cash cost, over the termination date, one line per
reason (``analyses.matrix.matrix_curves``), where the §6.1 24-month cliff shows.

Inputs of this page (registered with ``ui.state.ensure_params``, so they live in
the link like the sidebar's):

``matrix_date``     the date of the table (``ui.matrix_inputs``); empty = ``analyses.matrix.default_matrix_date``
                    (the sidebar's last day of employment, else its "Figures as of"
                    date, else the first anniversary of hire)
``matrix_measure``  what the lines show: ``executive`` (walk-away value, the
                    default) or ``company`` (the Company's cash cost)

Reads ``ui.state.current()`` and draws; computes no figure itself.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import streamlit as st

from engine.dates import plural
from engine.io import scenario_from_json, scenario_to_json
from analyses.matrix import (
    MATRIX_COLUMNS,
    MatrixRow,
    default_matrix_date,
    matrix_curves,
    matrix_date_problems,
    matrix_frame,
    matrix_notes,
    termination_matrix,
)
from engine.registry import COMPONENT
from engine.scenario import Scenario
from engine.severance import protection_window_end
from ui import params as P
from ui import parachute, state
from ui import format as F
from ui import terms_text as T
from ui.matrix_charts import MEASURES, walk_away_chart
from ui.matrix_inputs import MATRIX_DATE
from ui.memo_button import memo_button
from ui.sidebar import draw_input, show_errors

# --------------------------------------------------------------------------
# This page's inputs
# --------------------------------------------------------------------------

MATRIX_MEASURE = P.ParamSpec(
    name="matrix_measure", kind="choice", default="executive", label="The lines show",
    help="What the lines over the termination date measure: what he walks away with (cash plus the intrinsic "
         "value of his vested options, §3, §4, §6.1), or what the Company pays in cash (§3, §4, §6.1).",
    clause="§3, §4, §6.1", choices=tuple(MEASURES), choice_labels={k: m.label for k, m in MEASURES.items()},
    group="extension",
)
PAGE_PARAMS = (MATRIX_DATE, MATRIX_MEASURE)

def _follow_the_sidebar() -> None:
    state.set_values({MATRIX_DATE.name: None})


# --------------------------------------------------------------------------
# The engine, cached by the scenario's JSON and the date
# --------------------------------------------------------------------------


def _key(scenario: Scenario) -> str:
    return json.dumps(scenario_to_json(scenario), sort_keys=True)


@st.cache_data(max_entries=128, show_spinner=False)
def _matrix(scenario_json: str, on_iso: str) -> list[MatrixRow]:
    return termination_matrix(scenario_from_json(scenario_json), dt.date.fromisoformat(on_iso))


@st.cache_data(max_entries=64, show_spinner="Drawing the lines…")
def _curves(scenario_json: str, on_iso: str) -> pd.DataFrame:
    return matrix_curves(scenario_from_json(scenario_json), dt.date.fromisoformat(on_iso))


# --------------------------------------------------------------------------
# Pieces of the page
# --------------------------------------------------------------------------


def _date_rule(scenario: Scenario, chosen: dt.date | None, on: dt.date) -> str:
    if chosen is not None:
        return f"The table is as of **{F.md(F.date(on))}**, the date chosen here."
    if scenario.termination is not None:
        why = "the last day of employment in the sidebar"
        if scenario.termination.date is None:
            why += f" (the resignation notice date + {plural(scenario.terms.resignation_notice_days, 'day')}, §10)"
    elif scenario.as_of is not None:
        why = "the sidebar's \"Figures as of\" date"
    else:
        why = ("the first anniversary of the hire date, as the sidebar has neither a termination nor a "
               "\"Figures as of\" date")
    return (f"The table is as of **{F.md(F.date(on))}**, {F.md(why)}. Choose another date above; empty the box "
            "to follow the sidebar again.")


def _inputs() -> tuple[dt.date | None, str]:
    left, middle, right = st.columns([2, 1.3, 3], vertical_alignment="bottom")
    with left:
        chosen = draw_input(MATRIX_DATE)
    with middle:
        st.button("Follow the sidebar", key="matrix_follow_sidebar", on_click=_follow_the_sidebar,
                  disabled=chosen is None, icon=":material/sync:",
                  help="Empty the date: the table follows the sidebar's last day, or as-of date, again.")
    with right:
        measure = st.radio(F.md_label(MATRIX_MEASURE.label), options=list(MATRIX_MEASURE.choices),
                           format_func=MATRIX_MEASURE.label_of, key=MATRIX_MEASURE.name, horizontal=True,
                           help=F.md(MATRIX_MEASURE.help))
    return chosen, measure


# Short headers so the whole table fits beside the sidebar (the registry's column
# headers); the full name and the clause are in each header's help, the caption
# under the table and the CSV.
_SHORT_HEADERS = {c.short_label: c.column_header for c in COMPONENT.values()}


_ROW_HEIGHT = 68
_HEADER_HEIGHT = 38  # the header keeps its own height, plus the borders


def _table(rows: list[MatrixRow]) -> pd.DataFrame:
    frame = matrix_frame(rows)
    column_help = T.matrix_column_help(rows[0].scenario.terms)
    config: dict[str, object] = {
        "Event": st.column_config.TextColumn("Event", width=215, pinned=True,
                                             help="What happens on the date of the table (§6.1, §6.2, §6.3, §10)"),
    }
    for column, field, clause in MATRIX_COLUMNS:
        config[column] = st.column_config.NumberColumn(
            _SHORT_HEADERS.get(column, column), format="dollar",
            help=F.md(F.with_clause(f"{column}: {column_help.get(field, column)}", clause)))
    config[COMPONENT["total_cash"].short_label] = st.column_config.NumberColumn(
        COMPONENT["total_cash"].column_header, format="dollar",
        help=F.md("Company cash cost: what the Company pays in cash, salary, the buyout, the lump sum and health "
                  "continuation; options are not cash (§3, §4, §6.1)"))
    # Rows taller than 4rem: Streamlit wraps the long event names. Every row shows, no inner scrolling.
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config, row_height=_ROW_HEIGHT,
                 height=len(frame) * _ROW_HEIGHT + _HEADER_HEIGHT)
    st.caption(F.md("Columns: " + "; ".join(f"{column} ({clause})" for column, _, clause in MATRIX_COLUMNS)
                    + "; Company cash cost (§3, §4, §6.1): every cash amount, not the options. US dollars to the "
                      "cent."))
    return frame


def _severity_prefix(severity: str) -> str:
    return {"warning": ":material/warning: **Flag:** ", "assumption": "*Assumption:* "}.get(severity, "")


def _notes(rows: list[MatrixRow]) -> None:
    notes = matrix_notes(rows)
    labels = {row.key: row.label for row in rows}
    st.markdown("**What sets each row apart**")
    lines = []
    for row, flags in notes.by_row:
        if not flags:
            continue
        lines.append(f"- **{F.md(row.label)}**")
        lines += [f"    - {_severity_prefix(flag.severity)}{F.md(F.with_clause(flag.message, flag.clause))}"
                  for flag in flags]
    quiet = [F.md(row.label) for row, flags in notes.by_row if not flags]
    if quiet:
        lines.append(f"- {', '.join(quiet)}: only the assumptions and conventions below.")
    st.markdown("\n".join(lines))
    with st.expander("Assumptions and conventions behind every row", expanded=True):
        out = []
        for flag, keys in notes.shared:
            missing = [row.label for row in rows if row.key not in keys]
            if not missing:
                where = "every row"
            elif len(missing) <= 2 and len(missing) < len(keys):
                where = "every row except " + " and ".join(missing)
            else:
                where = "; ".join(labels[k] for k in keys)  # the labels have commas of their own
            out.append(f"- {_severity_prefix(flag.severity)}{F.md(F.with_clause(flag.message, flag.clause))} "
                       f"*({F.md(where)})*")
        st.markdown("\n".join(out))


def _downloads(frame: pd.DataFrame, on: dt.date) -> None:
    csv = frame.copy()
    csv.insert(0, "Date", on.isoformat())
    st.download_button(
        "Termination matrix (CSV)", csv.to_csv(index=False), file_name=f"termination_matrix_{on.isoformat()}.csv",
        mime="text/csv", on_click="ignore", key="download_matrix", icon=":material/download:",
        help=F.md("The table above, one row per event, amounts in US dollars to the cent; the columns cite "
                  + ", ".join(f"{c} {clause}" for c, _, clause in MATRIX_COLUMNS) + "."),
    )


# --------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------


def render() -> None:
    state.leave_pages_folder_mode()
    # This page's inputs get their value from the link (or keep the session's) here;
    # an unreadable one is named in the sidebar's link warnings.
    state.ensure_params(*PAGE_PARAMS)
    st.title("Termination matrix")
    st.caption(F.md("Potential payments upon termination or change in control, as a proxy statement shows them: "
                    "every event on one date, for the scenario in the sidebar. Every amount names its clause; "
                    "hover the column headers for the reasons."))

    current = state.current()
    chosen, measure = _inputs()
    if current.scenario is None:
        st.error(F.md("The table cannot be shown until the scenario in the sidebar is fixed. Your inputs are kept "
                      "as you entered them."), icon=":material/block:")
        show_errors(current.errors)
        return
    scenario = current.scenario
    on = chosen if chosen is not None else default_matrix_date(scenario)
    problems = matrix_date_problems(scenario, on)
    if problems:
        show_errors([f"{MATRIX_DATE.label} ({MATRIX_DATE.name}): {p}" for p in problems])
        return
    st.markdown(_date_rule(scenario, chosen, on))

    key, on_iso = _key(scenario), on.isoformat()
    try:
        rows = _matrix(key, on_iso)
    except Exception as exc:  # noqa: BLE001 - never a traceback on the page
        st.error(F.md(f"The rules could not be applied on {F.date(on)} ({exc.__class__.__name__}); please report "
                      "the link to the maintainers."), icon=":material/error:")
        return

    window_end = protection_window_end(scenario.hire_date, scenario.terms)
    st.caption(F.md(
        f"Each row is one event alone on {F.date(on)}, the figures as of that day; the sidebar's own termination "
        "and Change in Control are replaced by it. A Good Cause row keeps the sidebar's Good Cause ground, and "
        "the Change in Control rows its deal facts (§6.2, §6.3). The §6.1 lump sum and health continuation are "
        f"paid only on events before {F.date(window_end)}, hire date + "
        f"{plural(scenario.terms.protection_months, 'month')} (§6.1)."))
    frame = _table(rows)
    _downloads(frame, on)
    memo_button("matrix", scenario, matrix_date=on)
    _notes(rows)
    parachute.render_positions([(r.label, r.outcome.golden_parachute) for r in rows
                                if r.outcome.golden_parachute is not None], key="matrix", each="Change in Control row",
                                static=True)

    st.header("Over the termination date")
    try:
        curves = _curves(key, on_iso)
    except Exception as exc:  # noqa: BLE001
        st.error(F.md(f"The lines could not be drawn ({exc.__class__.__name__}); the table above stands."),
                 icon=":material/error:")
        return
    # No alt=: the chart's own description (each line's figures in words) is its accessible name.
    st.altair_chart(walk_away_chart(curves, measure, window_end, on, scenario.terms.protection_months),
                    width="stretch")
    st.caption(F.md(
        "Each line is one of the table's first five rows moved along the date axis: on the table's date the "
        "lines pass through its Total (or Company cash cost). The two Change in Control rows are in the table "
        "only: the lines show a termination with no Change in Control."))


render()
