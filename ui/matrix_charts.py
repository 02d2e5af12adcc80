"""Charts of the Termination matrix page: engine results in, Altair charts out.

No Streamlit import and no figure computed here: the lines are
``analyses.matrix.matrix_curves`` (the grid's walk-away values), drawn in the house
style of ``ui.charts`` (Okabe-Ito colours, UTC dates, dashed event rules).

Public API
----------
``MEASURES``                            measure key → ``Measure`` (engine column, labels)
``REASON_STYLES``                       reason → colour, dash and width of its line
``curves_frame(curves, measure)``       the rows the chart draws (ISO dates, formatted texts)
``identical_lines(frame)``              groups of reasons whose lines coincide everywhere
``walk_away_chart(curves, measure, window_end, chosen) -> alt.LayerChart``
``walk_away_description(frame, measure, window_end, chosen)``   the chart's figures in words (its
                                        ``description``, what a screen reader announces)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import altair as alt
import pandas as pd

from engine.dates import format_date, plural
from engine.registry import MEASURE
from ui.charts import (
    EVENT_COLOR,
    OKABE_ITO,
    ChartEvent,
    accessible_props,
    date_x,
    event_layers,
    money_axis_format,
    title,
)
from ui.format import money
from ui.terms_text import LETTER_TERMS, window_of


@dataclass(frozen=True)
class Measure:
    column: str  # the engine's column in ``matrix_curves``
    label: str  # the selector's text (the registry's)
    axis: str  # the y-axis title
    chart_title: str
    explanation: str


_TO_HIM, _CASH = MEASURE["total_value"], MEASURE["total_cash"]
MEASURES: dict[str, Measure] = {
    "executive": Measure(
        _TO_HIM.key, _TO_HIM.selector_label, "Walk-away value (US$)", "What he walks away with, by termination date",
        "Salary earned (§3) + Sion Power buyout (§4) + §6.1 lump sum and health continuation (§6.1) + the "
        "intrinsic value of his vested options (§4).",
    ),
    "company": Measure(
        _CASH.key, _CASH.selector_label, f"{_CASH.label} (US$)", "What it costs the Company in cash, by "
        "termination date",
        "Salary earned (§3) + Sion Power buyout (§4) + §6.1 lump sum and health continuation (§6.1); options "
        "are not cash.",
    ),
}


@dataclass(frozen=True)
class LineStyle:
    color: str
    dash: tuple[int, ...]
    width: float


# Lines that coincide are told apart by dash and width: the wide solid line
# underneath, the dashed and dotted ones drawn on top of it. Only Okabe-Ito colours
# with 3:1 contrast on white (WCAG 2.1 1.4.11): vermillion, not orange.
REASON_STYLES: dict[str, LineStyle] = {
    "without_good_cause": LineStyle(OKABE_ITO["blue"], (1, 0), 4.5),
    "disability": LineStyle(OKABE_ITO["vermillion"], (7, 5), 2.0),
    "good_cause": LineStyle(OKABE_ITO["bluish_green"], (1, 0), 4.5),
    "resignation": LineStyle(OKABE_ITO["reddish_purple"], (7, 5), 2.0),
    "death": LineStyle(OKABE_ITO["black"], (2, 3), 1.5),
}

_HEIGHT = 560  # the whole chart: Streamlit fits title, subtitle and legend inside it
_TOOLTIP_MONEY = "$,.2f"


def curves_frame(curves: pd.DataFrame, measure: str) -> pd.DataFrame:
    """``matrix_curves`` as the chart draws it: one row per (date, reason)."""
    m = MEASURES[measure]
    dates = pd.to_datetime(curves["date"]).dt.date
    return pd.DataFrame({
        "date": [d.isoformat() for d in dates],
        "date_text": [format_date(d) for d in dates],
        "reason": curves["reason"].to_numpy(),
        "reason_label": curves["reason_label"].to_numpy(),
        "amount": curves[m.column].astype(float).to_numpy(),
        "amount_text": [money(x, cents=True) for x in curves[m.column]],
        "lump_sum_text": [money(x) for x in curves["severance_lump_sum"]],
    })


def identical_lines(frame: pd.DataFrame) -> list[list[str]]:
    """Reason labels whose lines coincide at every date (groups of two or more), in drawing order."""
    series: dict[str, tuple] = {}
    for label, part in frame.groupby("reason_label", sort=False):
        series[str(label)] = tuple(part.sort_values("date")["amount"].round(2))
    groups: list[list[str]] = []
    for label, values in series.items():
        for group in groups:
            if series[group[0]] == values:
                group.append(label)
                break
        else:
            groups.append([label])
    return [g for g in groups if len(g) > 1]


def _subtitle(frame: pd.DataFrame, measure: str, window_end: dt.date, chosen: dt.date, window_months: int
              ) -> list[str]:
    lines = [
        f"Each event alone, on each day from the hire date. The §6.1 lump sum and health cover are paid only "
        f"before {format_date(window_end)} ({window_of(window_months)}).",
        MEASURES[measure].explanation,
    ]
    same = identical_lines(frame)
    if same:
        lines.append("Lines on top of each other: " + "; ".join(" = ".join(g) for g in same)
                     + f". Hover for every value on a date; the table is as of {format_date(chosen)}.")
    else:
        lines.append(f"Hover for every value on a date; the table is as of {format_date(chosen)}.")
    return lines


def walk_away_chart(curves: pd.DataFrame, measure: str, window_end: dt.date, chosen: dt.date,
                    window_months: int = LETTER_TERMS.protection_months) -> alt.LayerChart:
    """One line per termination reason over the termination date, for ``measure``
    (``"executive"``: what he walks away with; ``"company"``: the Company's cash
    cost). Dashed rules mark the first day after the §6.1 window and the table's
    date; hovering shows every reason's value on the nearest date."""
    m = MEASURES[measure]
    frame = curves_frame(curves, measure)
    present = [r for r in REASON_STYLES if r in set(frame["reason"])]
    labels = [frame.loc[frame["reason"] == r, "reason_label"].iloc[0] for r in present]
    styles = [REASON_STYLES[r] for r in present]
    legend = alt.Legend(orient="bottom", title="Employment ends by", symbolStrokeWidth=3, symbolType="stroke", symbolSize=500,
                        labelLimit=220)
    color = alt.Color("reason_label:N", title="Employment ends by", legend=legend,
                      scale=alt.Scale(domain=labels, range=[s.color for s in styles]), sort=labels)
    dash = alt.StrokeDash("reason_label:N", title="Employment ends by", legend=legend,
                          scale=alt.Scale(domain=labels, range=[list(s.dash) for s in styles]), sort=labels)
    width = alt.StrokeWidth("reason_label:N", legend=None,
                            scale=alt.Scale(domain=labels, range=[s.width for s in styles]))
    x = date_x("date", "Last day of employment")
    y = alt.Y("amount:Q", title=m.axis, axis=alt.Axis(format=money_axis_format), scale=alt.Scale(zero=False))
    tooltip = [
        alt.Tooltip("date_text:N", title="Last day"),
        alt.Tooltip("reason_label:N", title="Employment ends by"),
        alt.Tooltip("amount_text:N", title=m.label),
        alt.Tooltip("lump_sum_text:N", title="§6.1 lump sum"),
    ]
    nearest = alt.selection_point(name="nearest_date", nearest=True, on="pointerover", fields=["date"],
                                  empty=False, clear="pointerout")
    base = alt.Chart(frame)
    lines = base.mark_line(interpolate="linear").encode(
        x=x, y=y, color=color, strokeDash=dash, strokeWidth=width, tooltip=tooltip,
    )
    points = base.mark_point(filled=True, size=70).encode(
        x=x, y=y, color=color, tooltip=tooltip,
        opacity=alt.condition(nearest, alt.value(1), alt.value(0)),
    )
    rule_tooltip = [alt.Tooltip("date_text:N", title="Last day")] + [
        alt.Tooltip(f"{label}:Q", title=label, format=_TOOLTIP_MONEY) for label in labels
    ]
    hover_rule = base.transform_pivot(
        "reason_label", value="amount", groupby=["date", "date_text"]
    ).mark_rule(color=EVENT_COLOR, strokeWidth=8).encode(
        x=x, opacity=alt.condition(nearest, alt.value(0.25), alt.value(0)), tooltip=rule_tooltip,
    ).add_params(nearest)
    events = [
        ChartEvent(window_end, f"First day after the {plural(window_months, 'month')}", "§6.1"),
        ChartEvent(chosen, "Date of the table", "§3, §4, §6.1"),
    ]
    # Title, size, resolve and description as the layer's own arguments: each properties() or
    # resolve_scale() on a finished chart copies and re-validates every layer (ui.charts.accessible_props).
    return alt.layer(
        lines, points, hover_rule, *event_layers(events, x),
        resolve=alt.Resolve(scale=alt.ScaleResolveMap(color="shared")),
        title=title(m.chart_title, _subtitle(frame, measure, window_end, chosen, window_months)),
        height=_HEIGHT, width="container", **accessible_props(walk_away_description(frame, measure, window_end, chosen)))


def walk_away_description(frame: pd.DataFrame, measure: str, window_end: dt.date, chosen: dt.date) -> str:
    """The chart in words: for each reason its value on the first date, on the table's date and
    on the last date (``curves_frame`` rows, already formatted), and the §6.1 cut-off."""
    m = MEASURES[measure]
    parts = []
    for label, part in frame.groupby("reason_label", sort=False):
        rows = part.sort_values("date")
        first, last = rows.iloc[0], rows.iloc[-1]
        on = rows[rows["date"] == chosen.isoformat()]
        middle = f", {on.iloc[0]['amount_text']} on {on.iloc[0]['date_text']} (the table's date)" if len(on) else ""
        parts.append(f"{label}: {first['amount_text']} on {first['date_text']}{middle}, "
                     f"{last['amount_text']} on {last['date_text']}")
    return (f"Line chart of {m.label.lower()} by last day of employment, one line per way employment ends. "
            + "; ".join(parts) + f". The §6.1 lump sum and health cover stop for a last day from "
            f"{format_date(window_end)} on (§6.1).")
