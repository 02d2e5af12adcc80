"""The Sensitivity page's heatmap: ``analyses.sensitivity`` results in, an Altair chart out.

No Streamlit import, no figure computed here: every number comes from
``analyses.sensitivity.sensitivity`` (the blocks, the highest cells, the §4 vest
dates, the end of §6.1's protection window); this module only formats and draws.

Public API
----------
``SELECTION``                 name of the chart's click selection (fields ``cell_date``, ``cell_price``)
``blocks_frame(sens)``        the blocks with their display texts (ISO dates for Vega, board-style texts
                              for tooltips); slow-ish (formats every block), so the page caches it
``heatmap_chart(measure, reason)``  the layered heatmap, each layer reading a named dataset: blocks,
                              rules for the §6.1 window end, the §4 vest dates, a Change in Control,
                              lines at the exercise and the sidebar's stock price, the highest cells
                              and the selected cell
``heatmap_datasets(sens, exercise_price, stock_price=None, selected=None, frame=None)``
                              the data of each layer, by name
``heatmap_template(measure, reason)``  ``heatmap_chart`` as a dict without data (cacheable)
``heatmap_spec(sens, exercise_price, stock_price=None, selected=None, frame=None, template=None)``
                              template + datasets: what the page gives ``st.vega_lite_chart``
``measure_axis_title(measure)`` the colour legend's title
``peak_where(peak)``          "on 12 Jul 2007, at $9.00 a share" / "on 12 Jul 2007, at any stock price"

Why named datasets and a template: Altair takes a few hundred milliseconds to build
and validate a chart of this many layers, too slow for a rerun on every slider
move. The chart's structure depends only on the measure and the reason; the
page caches it and fills in the data, which is cheap. The tests validate the
chart against the Vega-Lite schema (``heatmap_chart(...).to_dict()``).

Honest blocks: each block is coloured by the highest value of its cells (the
engine's choice, ``analyses.sensitivity.blocks``); the tooltip names the day and
price that reach it, that cell's components, and the block's lowest value.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import numpy as np
import pandas as pd

from engine.dates import add_days, format_date
from engine.scenario import REASON_LABELS
from analyses.sensitivity import MEASURES, Peak, Sensitivity
from ui.charts import CHART_TEXT_COLOR, date_x, title
from ui.format import money, shares
from ui.terms_text import LETTER_TERMS, window_end_mark, window_of

SELECTION = "cell"
HEIGHT = 460
_PLOT_HEIGHT = HEIGHT - 130  # the chart's height less its title and date axis, for placing labels
COLOR_SCHEME = "viridis"  # perceptually uniform and readable with every common colour-vision deficiency
_MARK_FILL = "#ffffff"
_MARK_STROKE = "#000000"


# --------------------------------------------------------------------------- texts


def _money_texts(values) -> list[str]:
    """``ui.format.money`` for many amounts at once: each distinct amount formatted once.

    ``f"{x:,.2f}"`` rounds the float exactly as ``round(x, 2)`` does (both correctly rounded),
    and is far quicker; a whole-dollar amount drops its ``.00`` as ``money`` does."""
    distinct, inverse = np.unique(np.asarray(values, dtype=np.float64), return_inverse=True)
    texts = []
    for x in distinct.tolist():
        if x < 0:
            texts.append(money(x))
            continue
        text = f"${x:,.2f}"
        texts.append(text[:-3] if text.endswith(".00") else text)
    return np.asarray(texts, dtype=object)[inverse.reshape(-1)].tolist()


def _date_texts(days: pd.Series) -> list[str]:
    """``13 Jul 2006`` for each date (formatted once per distinct date)."""
    as_dates = pd.to_datetime(days).dt.date
    lookup = {d: format_date(d) for d in as_dates.unique()}
    return [lookup[d] for d in as_dates]


def _iso(days: pd.Series) -> np.ndarray:
    return np.datetime_as_string(pd.to_datetime(days).to_numpy().astype("datetime64[D]"), unit="D")


def peak_where(peak: Peak) -> str:
    """Where the highest value is reached, in words."""
    when = f"on {format_date(peak.date)}"
    if peak.n_dates > 1:
        when = f"from {format_date(peak.date)} to {format_date(peak.last_date)} ({peak.n_dates:,} days)"
    if peak.any_price:
        return f"{when}, at any stock price"
    if peak.price_high != peak.price:
        return f"{when}, at ${peak.price:,.2f} to ${peak.price_high:,.2f} a share"
    return f"{when}, at ${peak.price:,.2f} a share"


def measure_axis_title(measure: str) -> str:
    return f"{MEASURES[measure].label} (US$)"


def blocks_frame(sens: Sensitivity) -> pd.DataFrame:
    """The engine's blocks plus what the chart needs: ISO dates (the rect runs from its first
    day to the day after its last, so it covers the last day), and tooltip texts."""
    b = sens.blocks
    first, last = _date_texts(b["date_start"]), _date_texts(b["date_end"])
    lows = [f"${p:,.2f}" for p in b["price_low"].tolist()]
    highs = [f"${p:,.2f}" for p in b["price_high"].tolist()]
    distinct_shares, inverse = np.unique(b["vested_shares"].to_numpy(), return_inverse=True)
    return pd.DataFrame({
        "x_start": _iso(b["date_start"]),
        "x_end": np.datetime_as_string(
            pd.to_datetime(b["date_end"]).to_numpy().astype("datetime64[D]") + np.timedelta64(1, "D"), unit="D"),
        "edge_low": b["edge_low"].to_numpy(),
        "edge_high": b["edge_high"].to_numpy(),
        "value": b["value"].to_numpy(),
        "outline": b["value"].to_numpy(),  # the same value, for the outline colour (see heatmap_chart)
        "cell_date": _iso(b["cell_date"]),
        "cell_price": b["cell_price"].to_numpy(),
        "cell_date_text": _date_texts(b["cell_date"]),
        "cell_price_text": [f"${p:,.2f}" for p in b["cell_price"].tolist()],
        "value_text": _money_texts(b["value"]),
        "value_min_text": _money_texts(b["value_min"]),
        "block_text": [f"{a} – {z}, {lo} – {hi}" for a, z, lo, hi in zip(first, last, lows, highs)],
        "salary_text": _money_texts(b["salary_earned"]),
        "severance_text": _money_texts(b["severance"]),
        "options_text": _money_texts(b["option_intrinsic_value"]),
        "shares_text": np.asarray([shares(n) for n in distinct_shares.tolist()], dtype=object)[inverse].tolist(),
        "total_value_text": _money_texts(b["total_value"]),
        "total_cash_text": _money_texts(b["total_cash"]),
    })


def _block_tooltip() -> list[alt.Tooltip]:
    """The block's cell (the one reaching its highest value), the block, and that cell's components;
    the measure is named by the chart's title and legend."""
    return [
        alt.Tooltip("cell_date_text:N", title="Last day employed"),
        alt.Tooltip("cell_price_text:N", title="Stock price"),
        alt.Tooltip("value_text:N", title="Highest in block"),
        alt.Tooltip("block_text:N", title="Block covers"),
        alt.Tooltip("value_min_text:N", title="Lowest in block"),
        alt.Tooltip("salary_text:N", title="Salary earned (§3)"),
        alt.Tooltip("severance_text:N", title="§6.1 lump sum + health"),
        alt.Tooltip("options_text:N", title="Option value (§4)"),
        alt.Tooltip("shares_text:N", title="Vested shares he keeps (§4)"),
        alt.Tooltip("total_cash_text:N", title="Company's cash cost"),
        alt.Tooltip("total_value_text:N", title="Total to him"),
    ]


# --------------------------------------------------------------------------- the data of each layer


def _event_rows(sens: Sensitivity) -> tuple[list[dict], list[dict]]:
    """(the §6.1 window end and any Change in Control, the §4 vest dates), as rule rows."""
    major = []
    if sens.first_date <= sens.window_end <= sens.last_date:
        major.append({
            "date": sens.window_end.isoformat(), "event": window_end_mark(sens.window_months),
            "when": format_date(sens.window_end),
            "detail": f"A last day from {format_date(sens.window_end)} on gets no §6.1 lump sum or health "
                      f"continuation; up to {format_date(add_days(sens.window_end, -1))} it does.",
            "clause": "§6.1", "text": f"{window_end_mark(sens.window_months)} {format_date(sens.window_end)} (§6.1)",
        })
    if sens.change_in_control is not None:
        major.append({
            "date": sens.change_in_control.isoformat(), "event": "Change in Control",
            "when": format_date(sens.change_in_control), "detail": "The Change in Control set in the sidebar.",
            "clause": "§6.3", "text": f"Change in Control {format_date(sens.change_in_control)} (§6.3)",
        })
    line = (sens.price_max - sens.price_min) * 17 / _PLOT_HEIGHT  # one line of text, in price units
    for i, row in enumerate(major):
        # along the bottom edge, clear of the highest cells at the top
        row["label_price"] = sens.price_min + line * (0.7 + 1.1 * i)
    vests = [{
        "date": v.vest_date.isoformat(), "event": "§4 vest date", "when": format_date(v.vest_date),
        "detail": f"{shares(v.shares)} shares vest ({v.label}); {shares(v.cumulative_shares)} vested in all.",
        "clause": v.clause, "text": "", "label_price": sens.price_min,
    } for v in sens.vest_dates]
    return major, vests


def _price_rows(sens: Sensitivity, exercise_price: float, stock_price: float | None) -> list[dict]:
    rows = []
    if sens.price_min <= exercise_price <= sens.price_max:
        rows.append({"price": exercise_price, "line": "Exercise price", "when": f"${exercise_price:,.2f}",
                     "detail": "At or below it the options are worth nothing (intrinsic value).", "clause": "§4",
                     "text": f"Exercise price ${exercise_price:,.2f}", "above": exercise_price > (stock_price or 0)})
    if stock_price is not None and sens.price_min <= stock_price <= sens.price_max and stock_price != exercise_price:
        rows.append({"price": stock_price, "line": "The sidebar's stock price", "when": f"${stock_price:,.2f}",
                     "detail": "The stock price set in the sidebar.", "clause": "§4",
                     "text": f"Sidebar stock price ${stock_price:,.2f}", "above": stock_price > exercise_price})
    for row in rows:
        row["x"] = sens.first_date.isoformat()
    return rows


def _marker_rows(sens: Sensitivity, selected: tuple[dt.date, float] | None) -> tuple[list[dict], list[dict]]:
    """(the highest cells, the selected cell). A measure that does not depend on the price
    puts its marker high on the axis, clear of the price lines: it is the highest at any price. Each label sits a
    line or two above its marker (below it near the top edge), right or left of it so it
    stays inside the plot; ``label_price`` is only that drawing position."""
    measure = MEASURES[sens.measure]
    low, high = sens.price_min, sens.price_max
    line = (high - low) * 17 / _PLOT_HEIGHT  # one line of text, in price units
    anywhere = round(low + 0.85 * (high - low), 2)
    span = (sens.last_date - sens.first_date).days or 1
    found = [("Highest", sens.peak)]
    p2 = sens.peak_in_window
    if p2 is not None and (p2.date, p2.price) != (sens.peak.date, sens.peak.price):
        found.append((f"Highest in {window_of(sens.window_months)}", p2))
    peaks = []
    for i, (name, p) in enumerate(found):
        price = anywhere if p.any_price else p.price
        direction = -1 if price > high - 3 * line else 1
        # a second label near the first in price goes a line further out, whatever their dates:
        # on a narrow screen two labels a year or two apart still meet
        near = i > 0 and abs(price - peaks[0]["price"]) < 3 * line
        peaks.append({
            "date": p.date.isoformat(), "price": price, "marker": name,
            "where": peak_where(p), "value_text": money(p.value), "measure": measure.label, "clause": measure.clause,
            "text": f"{name}: {money(p.value)}", "right": (p.date - sens.first_date).days / span > 0.6,
            "label_price": price + direction * line * (2.1 if near else 1),
        })
    chosen = []
    if selected is not None and sens.first_date <= selected[0] <= sens.last_date and low <= selected[1] <= high:
        on, price = selected
        chosen.append({
            "date": on.isoformat(), "price": price, "marker": "Selected cell",
            "where": f"on {format_date(on)}, at ${price:,.2f} a share", "value_text": "in the breakdown below",
            "measure": measure.label, "clause": measure.clause, "text": "", "right": False, "label_price": price,
        })
    return peaks, chosen


_EVENT_COLUMNS = ["date", "event", "when", "detail", "clause", "text", "label_price"]
_PRICE_COLUMNS = ["price", "line", "when", "detail", "clause", "text", "above", "x"]
_MARKER_COLUMNS = ["date", "price", "marker", "where", "value_text", "measure", "clause", "text", "right",
                   "label_price"]


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def heatmap_datasets(sens: Sensitivity, exercise_price: float, stock_price: float | None = None,
                     selected: tuple[dt.date, float] | None = None,
                     frame: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The data of every layer of ``heatmap_chart``, by dataset name. ``frame``: a cached
    ``blocks_frame(sens)``."""
    major, vests = _event_rows(sens)
    prices = _price_rows(sens, exercise_price, stock_price)
    peaks, chosen = _marker_rows(sens, selected)
    price_frame = _frame(prices, _PRICE_COLUMNS)
    peak_frame = _frame(peaks, _MARKER_COLUMNS)
    return {
        "blocks": blocks_frame(sens) if frame is None else frame,
        "vest_dates": _frame(vests, _EVENT_COLUMNS),
        "date_marks": _frame(major, _EVENT_COLUMNS),
        "price_lines": price_frame,
        "price_labels_above": price_frame[price_frame["above"].astype(bool)],
        "price_labels_below": price_frame[~price_frame["above"].astype(bool)],
        "peaks": peak_frame,
        "peak_labels_left": peak_frame[~peak_frame["right"].astype(bool)],
        "peak_labels_right": peak_frame[peak_frame["right"].astype(bool)],
        "selected": _frame(chosen, _MARKER_COLUMNS),
    }


# --------------------------------------------------------------------------- the chart


def _data(name: str) -> alt.Chart:
    return alt.Chart(alt.NamedData(name=name))


def _event_tooltip() -> list[alt.Tooltip]:
    return [alt.Tooltip("event:N", title="Date mark"), alt.Tooltip("when:N", title="Date"),
            alt.Tooltip("detail:N", title="Detail"), alt.Tooltip("clause:N", title="Clause")]


def _with_halo(chart: alt.Chart, mark: str, **props) -> list[alt.Chart]:
    """The mark twice: a white halo underneath, so it reads on the darkest and the lightest colour."""
    halo_props = dict(props)
    if mark == "text":
        halo_props.update(stroke=_MARK_FILL, strokeWidth=4, strokeOpacity=0.9)
        return [chart.mark_text(**halo_props), chart.mark_text(color=_MARK_STROKE, **props)]
    halo_props.pop("strokeDash", None)
    halo_props.update(color=_MARK_FILL, opacity=0.75, strokeWidth=props.get("strokeWidth", 1) + 2)
    props.setdefault("color", _MARK_STROKE)
    return [getattr(chart, f"mark_{mark}")(**halo_props), getattr(chart, f"mark_{mark}")(**props)]


def heatmap_chart(measure: str, reason: str, window_months: int = LETTER_TERMS.protection_months) -> alt.LayerChart:
    """The heatmap's layers, each reading a dataset of ``heatmap_datasets`` by name: blocks
    coloured by the measure's highest value in them (click one: the ``SELECTION`` selection),
    rules for the §4 vest dates, the end of §6.1's protection window and any Change in Control,
    lines at the exercise and the sidebar's stock price, diamonds on the highest cells and a
    square on the selected one. Depends only on the measure, the reason and the §6.1 window's
    length (``Sensitivity.window_months``; the subtitle names it), so it can be cached."""
    m = MEASURES[measure]
    x = date_x("x_start", "Last day employed (termination date)")
    y = alt.Y("edge_low:Q", title="Stock price ($ a share)", scale=alt.Scale(nice=False, zero=False),
              axis=alt.Axis(format="$,.2f"))
    pick = alt.selection_point(name=SELECTION, fields=["cell_date", "cell_price"], on="click", toggle=False,
                               clear=False)
    rects = _data("blocks").mark_rect().encode(
        x=x, x2=alt.X2("x_end:T"), y=y, y2=alt.Y2("edge_high:Q"),
        color=alt.Color("value:Q", title=measure_axis_title(measure),
                        scale=alt.Scale(scheme=COLOR_SCHEME, domainMin=0),
                        # above the plot, not beside it: on a narrow screen the plot keeps the width, and
                        # labels near its right edge do not run into the legend
                        legend=alt.Legend(type="gradient", format="$,.0f", orient="top", direction="horizontal",
                                          gradientLength=240, titleLimit=320)),
        # Each block outlined in its own colour: no hairline seams where blocks meet. (A field of
        # its own, else Vega-Lite merges the two legends into a list of dots.)
        stroke=alt.Stroke("outline:Q", scale=alt.Scale(scheme=COLOR_SCHEME, domainMin=0), legend=None),
        strokeWidth=alt.value(0.6),
        tooltip=_block_tooltip(),
    ).add_params(pick)

    xd = date_x("date", "Last day employed (termination date)")
    event = dict(x=xd, tooltip=_event_tooltip())
    vests = [_data("vest_dates").mark_rule(strokeDash=[2, 3], strokeWidth=1, color=_MARK_FILL, opacity=0.8)
             .encode(**event)]
    marks = _with_halo(_data("date_marks").encode(**event), "rule", strokeDash=[6, 4], strokeWidth=2)
    mark_labels = _with_halo(_data("date_marks").encode(y=alt.Y("label_price:Q"), text="text:N", **event),
                             "text", align="left", dx=5, fontSize=12, fontWeight="bold")

    yp = alt.Y("price:Q", title="Stock price ($ a share)")
    price_tip = [alt.Tooltip("line:N", title="Line"), alt.Tooltip("when:N", title="Price"),
                 alt.Tooltip("detail:N", title="Detail"), alt.Tooltip("clause:N", title="Clause")]
    price_lines = _with_halo(_data("price_lines").encode(y=yp, tooltip=price_tip), "rule", strokeDash=[2, 2],
                             strokeWidth=1.2)
    label_enc = dict(x=date_x("x", "Last day employed (termination date)"), y=yp, text="text:N", tooltip=price_tip)
    price_labels = [
        *_with_halo(_data("price_labels_above").encode(**label_enc), "text", align="left", dx=6, dy=-9,
                    fontSize=11),
        *_with_halo(_data("price_labels_below").encode(**label_enc), "text", align="left", dx=6, dy=9,
                    fontSize=11),
    ]

    marker_tip = [alt.Tooltip("marker:N", title="Marker"), alt.Tooltip("where:N", title="Where"),
                  alt.Tooltip("value_text:N", title="Value"), alt.Tooltip("measure:N", title="Measure"),
                  alt.Tooltip("clause:N", title="Clause")]
    at = dict(x=xd, y=yp, tooltip=marker_tip)
    chosen = [
        _data("selected").mark_point(shape="square", size=300, filled=False, strokeWidth=4, color=_MARK_FILL,
                                     opacity=1).encode(**at),
        _data("selected").mark_point(shape="square", size=300, filled=False, strokeWidth=2, color=_MARK_STROKE,
                                     opacity=1).encode(**at),
    ]
    peaks = _data("peaks").mark_point(shape="diamond", size=240, filled=True, fill=_MARK_FILL, stroke=_MARK_STROKE,
                                      strokeWidth=2, opacity=1).encode(**at)
    label_at = dict(x=xd, y=alt.Y("label_price:Q", title="Stock price ($ a share)"), text="text:N",
                    tooltip=marker_tip)
    peak_labels = [
        *_with_halo(_data("peak_labels_left").encode(**label_at), "text", align="left", dx=-6, fontSize=12,
                    fontWeight="bold"),
        *_with_halo(_data("peak_labels_right").encode(**label_at), "text", align="right", dx=6, fontSize=12,
                    fontWeight="bold"),
    ]

    subtitle = [
        f"{REASON_LABELS.get(reason, reason)}. Each block is coloured by the highest value in it; hover for the "
        "day and price that reach it, click a block for its breakdown.",
        f"Black dashed line: {window_of(window_months)} end (§6.1). White dotted lines: §4 vest dates. "
        "Diamonds: the highest cells.",
    ]
    return alt.layer(
        rects, *vests, *marks, *mark_labels, *price_lines, *price_labels, *chosen, peaks, *peak_labels,
    ).properties(title=title(f"{m.label} by last day and stock price", subtitle), height=HEIGHT, width="container",
                 ).configure_axis(labelColor=CHART_TEXT_COLOR, titleColor=CHART_TEXT_COLOR
                 ).configure_legend(labelColor=CHART_TEXT_COLOR, titleColor=CHART_TEXT_COLOR)


def heatmap_template(measure: str, reason: str, window_months: int = LETTER_TERMS.protection_months) -> dict:
    """``heatmap_chart`` as a Vega-Lite dict without its data (Altair's own schema check is
    skipped here for speed; the tests run it)."""
    spec = heatmap_chart(measure, reason, window_months).to_dict(validate=False)
    config = spec.get("config", {})
    config.pop("view", None)  # Altair's default view size; the page sets the size (the text colours stay)
    if "config" in spec and not config:
        spec.pop("config")
    return spec


def heatmap_spec(sens: Sensitivity, exercise_price: float, stock_price: float | None = None,
                 selected: tuple[dt.date, float] | None = None, frame: pd.DataFrame | None = None,
                 template: dict | None = None) -> dict:
    """The whole Vega-Lite spec: the template (``heatmap_template``, cached by the page) with
    every dataset filled in. ``st.vega_lite_chart`` turns the data frames into Arrow."""
    spec = dict(template if template is not None else heatmap_template(sens.measure, sens.reason,
                                                                       sens.window_months))
    spec["datasets"] = heatmap_datasets(sens, exercise_price, stock_price, selected, frame)
    spec["description"] = heatmap_description(sens, exercise_price, stock_price)
    return spec


def heatmap_description(sens: Sensitivity, exercise_price: float, stock_price: float | None = None) -> str:
    """The heatmap in words (its ``description``, what a screen reader announces): the grid it
    covers, the highest cells and the marked dates and prices."""
    m = MEASURES[sens.measure]
    text = (f"Heatmap of {m.label.lower()} ({REASON_LABELS.get(sens.reason, sens.reason)}) for every last day "
            f"employed from {format_date(sens.first_date)} to {format_date(sens.last_date)} and every stock price "
            f"from ${sens.price_min:,.2f} to ${sens.price_max:,.2f} a share, {sens.n_cells:,} cells. "
            f"Highest: {money(sens.peak.value)} {peak_where(sens.peak)} ({m.clause}).")
    p2 = sens.peak_in_window
    if p2 is not None and (p2.date, p2.price) != (sens.peak.date, sens.peak.price):
        text += f" Highest in {window_of(sens.window_months)}: {money(p2.value)} {peak_where(p2)} (§6.1)."
    if sens.first_date <= sens.window_end <= sens.last_date:
        text += f" {window_of(sens.window_months).capitalize()} end {format_date(sens.window_end)} (§6.1)."
    if sens.change_in_control is not None:
        text += f" Change in Control {format_date(sens.change_in_control)} (§6.3)."
    text += f" Exercise price ${exercise_price:,.2f} (§4)."
    return text
