"""The Negotiate page's charts and table styling: engine results in, Altair
charts (or a pandas ``Styler``) out. No Streamlit import, no figure computed
here: the amounts and the differences versus the letter come from
``analyses.negotiate``. A test builds a chart and inspects ``chart.to_dict()``.

Public API
----------
``VARIANT_COLORS``, ``VARIANT_DASHES``   by position: the letter first (black, solid), then the proposals
``variant_scale(names)`` / ``dash_scale(names)``   fixed colour / dash scales for the variants present
``signed_money(amount) -> str``          ``+$250,000`` / ``−$450,000`` / ``$0``
``comparison_display(frame) -> DataFrame``   ``compare``'s frame as the table shows it: component,
                                        clause, then each variant followed by its difference
``comparison_table(frame) -> Styler``   that table with money and signed, coloured differences
``comparison_csv(frame) -> str``        the CSV download (plain numbers, to the cent)
``components_chart(long) -> alt.LayerChart``   grouped bars: each component, one bar per variant
``walk_away_chart(curves, ends, events=()) -> alt.LayerChart``   one line per variant, each §6.1
                                        window end marked in the variant's colour
``components_description(long)`` / ``walk_away_description(curves, ends)``   each chart's figures in
                                        words (its ``description``, what a screen reader announces)

Each proposal has its colour and its dash (lines, and the outline of its bars), so the
charts read without colour; the colours are Okabe-Ito's with 3:1 contrast on white.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
from pandas.io.formats.style import Styler

from engine.dates import format_date
from ui.charts import (
    MARK_OUTLINE,
    OKABE_ITO,
    ChartEvent,
    accessible_props,
    date_x,
    event_layers,
    money_axis_format,
    title,
)
from ui.format import money

# The letter in black, the proposals in the Okabe-Ito blue, vermillion and bluish green
# (the colours with 3:1 contrast on white), each also with its own dash pattern, so
# lines that coincide stay readable.
VARIANT_COLORS: tuple[str, ...] = (OKABE_ITO["black"], OKABE_ITO["blue"], OKABE_ITO["vermillion"],
                                   OKABE_ITO["bluish_green"], OKABE_ITO["reddish_purple"])
VARIANT_DASHES: tuple[list[int], ...] = ([1, 0], [8, 4], [2, 3], [10, 3, 2, 3], [4, 2])
INCREASE_COLOR = OKABE_ITO["blue"]  # 5.2:1 on white
# Text in the table: Okabe-Ito vermillion is 3.9:1 on white, under WCAG AA's 4.5:1; this darker
# shade of it is 5.6:1.
DECREASE_COLOR = "#AD4A00"
NO_CHANGE_COLOR = "#6b6b6b"
_HEIGHT = 380
# ``height`` is the plot's own height: Streamlit's default autosize ("fit") would squeeze the
# title, axes and legend into it. Fit the width only.
_AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")


def _by_position(values: Sequence, names: Sequence[str]) -> list:
    return [values[i % len(values)] for i in range(len(names))]


def variant_scale(names: Sequence[str]) -> alt.Scale:
    return alt.Scale(domain=list(names), range=_by_position(VARIANT_COLORS, names))


def dash_scale(names: Sequence[str]) -> alt.Scale:
    return alt.Scale(domain=list(names), range=_by_position(VARIANT_DASHES, names))


def signed_money(amount: float | None) -> str:
    """A difference: ``+$250,000``, ``−$450,000``, ``$0`` (cents only when there are some)."""
    if amount is None or pd.isna(amount):
        return "—"
    if round(float(amount), 2) == 0:
        return "$0"
    text = money(amount)
    return text if text.startswith("−") else f"+{text}"


# --------------------------------------------------------------------------
# The comparison table
# --------------------------------------------------------------------------


def _value_columns(frame: pd.DataFrame) -> list[str]:
    return list(frame.attrs.get("variants", []))


def _difference_columns(frame: pd.DataFrame) -> dict[str, str]:
    return dict(frame.attrs.get("differences", {}))


def comparison_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns ``Component``, ``Clause``, the letter, then each proposal followed
    by its ``… vs letter`` difference (numbers, not text)."""
    differences = _difference_columns(frame)
    columns = ["Component", "Clause"]
    for name in _value_columns(frame):
        columns.append(name)
        if name in differences:
            columns.append(differences[name])
    out = frame[columns].copy()
    out.attrs = dict(frame.attrs)
    return out


def _difference_style(value: float) -> str:
    if pd.isna(value) or round(float(value), 2) == 0:
        return f"color: {NO_CHANGE_COLOR}"
    return f"color: {INCREASE_COLOR if value > 0 else DECREASE_COLOR}; font-weight: 600"


def comparison_table(frame: pd.DataFrame) -> Styler:
    """The table as the board reads it: money exact (``$586,301.37``), differences
    signed (``+$250,000``) and coloured (blue up, vermillion down; the sign says it
    too), the two totals in bold."""
    display = comparison_display(frame)
    values = _value_columns(frame)
    diffs = list(_difference_columns(frame).values())
    totals = [i for i, kind in zip(display.index, frame["kind"]) if kind == "total"]
    styler = display.style.hide(axis="index")
    styler = styler.format(lambda x: money(x), subset=values)
    if diffs:
        styler = styler.format(signed_money, subset=diffs).map(_difference_style, subset=diffs)
    if totals:
        styler = styler.set_properties(subset=pd.IndexSlice[totals, ["Component", *values]],
                                       **{"font-weight": "700"})
    return styler


def comparison_csv(frame: pd.DataFrame) -> str:
    """The download: the displayed columns with plain numbers (dollars, to the cent)."""
    return comparison_display(frame).to_csv(index=False, float_format="%.2f")


# --------------------------------------------------------------------------
# Components per variant
# --------------------------------------------------------------------------


def components_chart(long: pd.DataFrame) -> alt.LayerChart:
    """Grouped horizontal bars: each component of ``components_long`` with one bar
    per variant (the letter first), its amount at the end of the bar."""
    data = long.copy()
    data["amount_text"] = [money(x) for x in data["amount"]]
    data["difference_text"] = [signed_money(x) for x in data["difference"]]
    names = list(dict.fromkeys(data.sort_values("variant_order")["variant"])) if not data.empty else []
    order = list(dict.fromkeys(data.sort_values("component_order")["Component"])) if not data.empty else []
    tooltip = [
        alt.Tooltip("variant:N", title="Proposal"),
        alt.Tooltip("Component:N", title="Component"),
        alt.Tooltip("amount_text:N", title="Amount"),
        alt.Tooltip("difference_text:N", title="Versus the letter"),
        alt.Tooltip("Clause:N", title="Clause"),
    ]
    y = alt.Y("Component:N", title=None, sort=order, axis=alt.Axis(labelLimit=280))
    y_offset = alt.YOffset("variant:N", sort=names, scale=alt.Scale(domain=names))
    x = alt.X("amount:Q", title="Amount (US$)", axis=alt.Axis(format=money_axis_format),
              scale=alt.Scale(domainMin=0, nice=True))
    color = alt.Color("variant:N", title="Proposal", scale=variant_scale(names),
                      legend=alt.Legend(orient="bottom", labelLimit=320))
    dash = alt.StrokeDash("variant:N", title="Proposal", scale=dash_scale(names),
                          legend=alt.Legend(orient="bottom", labelLimit=320))
    base = alt.Chart(data)
    bars = base.mark_bar(stroke=MARK_OUTLINE, strokeWidth=1.5).encode(
        x=x, y=y, yOffset=y_offset, color=color, strokeDash=dash, tooltip=tooltip)
    labels = base.mark_text(align="left", dx=4, fontSize=11).encode(
        x=x, y=y, yOffset=y_offset, text="amount_text:N", tooltip=tooltip)
    height = max(1, len(order)) * (max(1, len(names)) * 18 + 16)
    # Title, size and description as the layer's own arguments: each properties() on a finished
    # chart copies and re-validates every layer (ui.charts.accessible_props).
    return alt.layer(
        bars, labels,
        title=title("Each component under each proposal",
                    "Cash components (§3, §4, §6.1) and the options' intrinsic value (§4), for the scenario "
                    "in the sidebar. Hover a bar for the difference from the letter."),
        height=height, width="container", autosize=_AUTOSIZE, **accessible_props(components_description(long)))


def components_description(long: pd.DataFrame) -> str:
    """The components chart in words: each component with its clause and its amount under each proposal."""
    if long.empty:
        return "Grouped bar chart of each component under each proposal: no components."
    parts = []
    for component, rows in long.sort_values(["component_order", "variant_order"]).groupby(
            "Component", sort=False):
        amounts = ", ".join(f"{r['variant']} {money(r['amount'])}" for r in rows.to_dict("records"))
        parts.append(f"{component} ({rows['Clause'].iloc[0]}): {amounts}")
    return "Grouped bar chart of each component under each proposal. " + "; ".join(parts) + "."


# --------------------------------------------------------------------------
# Walk-away curves
# --------------------------------------------------------------------------


def _iso(value) -> str:
    return pd.Timestamp(value).date().isoformat()


def walk_away_chart(curves: pd.DataFrame, ends: pd.DataFrame,
                    events: Sequence[ChartEvent] = ()) -> alt.LayerChart:
    """One line per variant of ``analyses.negotiate.walk_away``: the total he walks
    away with if employment ends on each date. A dashed rule in each variant's
    colour marks the end of its §6.1 window (``window_ends``); ``events`` (the
    scenario's last day, the Change in Control) are grey dashed rules."""
    data = curves.copy()
    data["date"] = [_iso(d) for d in data["date"]]
    data["total_text"] = [money(x) for x in data["total_value"]]
    data["cash_text"] = [money(x) for x in data["total_cash"]]
    data["lump_text"] = [money(x) for x in data["severance_lump_sum"]]
    data["difference_text"] = [signed_money(x) for x in data["difference"]]
    names = list(dict.fromkeys(data.sort_values("variant_order")["variant"])) if not data.empty else []
    reason = data["reason_label"].iloc[0] if not data.empty else ""

    x = date_x("date", "Last day of employment")
    color = alt.Color("variant:N", title="Proposal", scale=variant_scale(names),
                      legend=alt.Legend(orient="bottom", labelLimit=320, symbolType="stroke", symbolStrokeWidth=2.5))
    dash = alt.StrokeDash("variant:N", title="Proposal", scale=dash_scale(names),
                          legend=alt.Legend(orient="bottom", labelLimit=320))
    tooltip = [
        alt.Tooltip("variant:N", title="Proposal"),
        alt.Tooltip("date_text:N", title="Last day"),
        alt.Tooltip("total_text:N", title="Total to him"),
        alt.Tooltip("difference_text:N", title="Versus the letter"),
        alt.Tooltip("lump_text:N", title="§6.1 lump sum"),
        alt.Tooltip("cash_text:N", title="Company cash cost"),
    ]
    y = alt.Y("total_value:Q", title="Total to him: cash + option value (US$)",
              axis=alt.Axis(format=money_axis_format), scale=alt.Scale(domainMin=0))
    lines = alt.Chart(data).mark_line(interpolate="step-after", strokeWidth=2.2).encode(
        x=x, y=y, color=color, strokeDash=dash, detail="variant:N", tooltip=tooltip, order="date:T")
    # Invisible points make every date hoverable, not just the line's path.
    hover = alt.Chart(data).mark_point(size=60, opacity=0, filled=True).encode(
        x=x, y=y, color=alt.Color("variant:N", scale=variant_scale(names), legend=None), tooltip=tooltip)

    end_frame = pd.DataFrame([
        {
            "date": _iso(row["window_end"]),
            "variant": row["variant"],
            "months": int(row["protection_months"]),
            "first_outside": format_date(row["window_end"]),
            "last_inside": format_date(row["last_day_inside"]),
            "text": f"§6.1 window ends ({row['variant']}): {format_date(row['window_end'])}",
            # Labels stacked at the foot of the plot, where the curves (rising with vesting) are not.
            "ypx": _HEIGHT - 12 - 14 * i,
        }
        for i, row in enumerate(ends.sort_values("variant_order").to_dict("records"))
    ], columns=["date", "variant", "months", "first_outside", "last_inside", "text", "ypx"])
    end_tooltip = [
        alt.Tooltip("variant:N", title="Proposal"),
        alt.Tooltip("months:Q", title="§6.1 window, months from hire"),
        alt.Tooltip("last_inside:N", title="Last day inside"),
        alt.Tooltip("first_outside:N", title="First day outside"),
    ]
    end_x = x.copy()
    end_x.shorthand = "date:T"
    end_color = alt.Color("variant:N", scale=variant_scale(names), legend=None)
    rules = alt.Chart(end_frame).mark_rule(strokeDash=[6, 3], strokeWidth=1.5, opacity=0.9).encode(
        x=end_x, color=end_color, tooltip=end_tooltip)
    labels = alt.Chart(end_frame).mark_text(align="left", dx=4, fontSize=11).encode(
        x=end_x, y=alt.Y("ypx:Q", scale=None), text="text:N", color=end_color, tooltip=end_tooltip)
    extra = [ChartEvent(e.date, e.label, e.clause) for e in events]
    # The scenario's events stacked above the window labels (event_layers puts them at 10, 24, … px).
    event_charts = event_layers(extra, x)
    if event_charts:
        top = _HEIGHT - 12 - 14 * len(end_frame)
        event_charts[1] = event_charts[1].transform_calculate(ypx=f"{top} - (datum.ypx - 10)")
    return alt.layer(
        lines, hover, rules, labels, *event_charts,
        title=title(f"What he walks away with, by last day: {reason}",
                    "Cash earned and owed plus the options' intrinsic value if employment ends on each date, "
                    "under each proposal. Dashed rules in a proposal's colour: the end of its §6.1 window."),
        height=_HEIGHT, width="container", autosize=_AUTOSIZE, **accessible_props(walk_away_description(curves, ends)))


def walk_away_description(curves: pd.DataFrame, ends: pd.DataFrame) -> str:
    """The walk-away chart in words: each proposal's total on the first and last dates drawn,
    and where its §6.1 window ends."""
    if curves.empty:
        return "Line chart of what he walks away with by last day: no dates."
    reason = curves["reason_label"].iloc[0]
    parts = []
    for variant, rows in curves.sort_values(["variant_order", "date"]).groupby("variant", sort=False):
        first, last = rows.iloc[0], rows.iloc[-1]
        parts.append(f"{variant}: {money(first['total_value'])} for a last day of {format_date(first['date'])}, "
                     f"{money(last['total_value'])} for {format_date(last['date'])}")
    windows = [f"{r['variant']} {format_date(r['window_end'])}" for r in ends.sort_values("variant_order")
               .to_dict("records")]
    text = (f"Line chart of what he walks away with (cash plus option value) by last day of employment, "
            f"{reason}, one line per proposal. " + "; ".join(parts) + ".")
    if windows:
        text += " First day outside each §6.1 window: " + "; ".join(windows) + "."
    return text
