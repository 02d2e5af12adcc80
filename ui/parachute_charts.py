"""§280G charts: engine results in, Altair charts out. No Streamlit, no figure computed here.

Public API
----------
``parachute_rows(gp) -> list[dict]``   one row per contingent component: present value, stacked from 0
``parachute_chart(gp) -> alt.LayerChart``   P as a stacked bar against the 3B line, with B and the headroom
``contour_frame(points) -> DataFrame``   the crossing price on each last day (Sensitivity page)
``with_contour(spec, points) -> dict``   the Sensitivity heatmap's spec with the 3B line drawn over it
``contour_chart(points, price_min, price_max, subtitle) -> alt.LayerChart``   the 3B line as a contour over
                                        last day × stock price; the shaded side is over the line
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from engine.golden_parachute.model import GoldenParachute
from engine.dates import format_date
from ui.charts import COMPONENT_COLORS, OKABE_ITO, accessible, accessible_props, date_x, money_axis_format, title
from ui.format import money

LINE_COLOR = OKABE_ITO["vermillion"]
BASE_COLOR = "#4d4d4d"
HEADROOM_COLOR = "#d9d9d9"
_AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")

COMPONENT_TEXT = {
    "severance_lump_sum": ("§6.1 lump sum", "§6.1(a)", "G7, G8"),
    "health_continuation": ("Health continuation", "§6.1(b)", "G7, G8"),
    "accelerated_options": ("Accelerated options", "§4", "G9, G10"),
}


# The GoldenParachute fields parachute_chart reads: a page may cache the chart's spec under
# them (ui.parachute); test_charts checks that two positions with the same fields draw the same chart.
PARACHUTE_CHART_INPUTS = frozenset({
    "items", "three_times_base", "parachute_value", "headroom", "safe_harbor_limit", "base_amount",
    "ratio_to_base", "exceeds_safe_harbor",
})


def parachute_rows(gp: GoldenParachute) -> list[dict]:
    """Present value by component (health months summed), stacked in the order of COMPONENT_TEXT."""
    rows, start = [], 0.0
    for component, (label, clause, rule) in COMPONENT_TEXT.items():
        pv = sum(i.present_value for i in gp.items if i.component == component)
        if pv <= 0:
            continue
        rows.append({"component": component, "item": f"{label} ({clause})", "start": start, "end": start + pv,
                     "pv": pv, "pv_text": money(pv, cents=True), "clause": clause, "rule": rule, "row": "P"})
        start += pv
    return rows


def parachute_chart(gp: GoldenParachute) -> alt.LayerChart:
    """G12: P (present value of the contingent payments) as a bar, the 3B line, B, and the headroom.

    Each layer's data is a list of rows (``alt.InlineData``), not a DataFrame: the spec is the same,
    and Altair's DataFrame sanitising was a third of the time to build the chart on a rerun."""
    rows = parachute_rows(gp)
    line = gp.three_times_base
    y = alt.Y("row:N", title=None, axis=alt.Axis(labelExpr="'P'", ticks=False, domain=False))
    domain_max = max(line, gp.parachute_value) * 1.08 or 1.0
    x = alt.X("start:Q", title="Present value as of the change (US$)", axis=alt.Axis(format=money_axis_format),
              scale=alt.Scale(domain=[0, domain_max], nice=False))
    tooltip = [alt.Tooltip("item:N", title="Payment"), alt.Tooltip("pv_text:N", title="Present value"),
               alt.Tooltip("rule:N", title="Rule"), alt.Tooltip("clause:N", title="Clause")]
    layers: list[alt.Chart] = []
    if gp.headroom > 0:
        room = [{"row": "P", "start": gp.parachute_value, "end": gp.safe_harbor_limit,
                 "text": f"Headroom {money(gp.headroom, cents=True)} (G12)"}]
        layers.append(alt.Chart(alt.InlineData(values=room)).mark_bar(color=HEADROOM_COLOR, height={"band": 0.6}).encode(
            x=x, x2="end:Q", y=y, tooltip=[alt.Tooltip("text:N", title="Headroom")]))
    present = [r["component"] for r in rows]
    layers.append(alt.Chart(alt.InlineData(values=rows)).mark_bar(height={"band": 0.6}).encode(
        x=x, x2="end:Q", y=y,
        color=alt.Color("component:N", scale=alt.Scale(domain=present, range=[COMPONENT_COLORS[c] for c in present]),
                        legend=alt.Legend(title=None, orient="bottom", labelExpr=_legend_expr(present))),
        tooltip=tooltip))
    marks = [
        {"x": line, "label": f"3B line {money(line, cents=True)} (G12)", "color": "line"},
        {"x": gp.base_amount, "label": f"B {money(gp.base_amount, cents=True)} (G4)", "color": "base"},
    ]
    rule_x = alt.X("x:Q", scale=alt.Scale(domain=[0, domain_max], nice=False))
    layers.append(alt.Chart(alt.InlineData(values=marks)).mark_rule(strokeWidth=2).encode(
        x=rule_x, strokeDash=alt.StrokeDash("color:N", legend=None,
                                            scale=alt.Scale(domain=["line", "base"], range=[[1, 0], [4, 3]])),
        color=alt.Color("color:N", legend=None,
                        scale=alt.Scale(domain=["line", "base"], range=[LINE_COLOR, BASE_COLOR])),
        tooltip=[alt.Tooltip("label:N", title="Mark")]))
    for align, dx, kind in (("right", -4, "line"), ("left", 4, "base")):
        layers.append(alt.Chart(alt.InlineData(values=[m for m in marks if m["color"] == kind])).mark_text(
            align=align, dx=dx, dy=-34, fontSize=12, color=LINE_COLOR if kind == "line" else BASE_COLOR,
        ).encode(x=rule_x, text="label:N"))
    ratio = f"{gp.ratio_to_base:.2f}× B" if gp.ratio_to_base is not None else "B is nil"
    verdict = "over the line" if gp.exceeds_safe_harbor else "under the line"
    description = (f"Bar of the present value P of the payments contingent on the Change in Control, "
                   f"{money(gp.parachute_value, cents=True)} ({ratio}), against the 3B line of "
                   f"{money(line, cents=True)}, with the base amount B of {money(gp.base_amount, cents=True)} "
                   f"marked: {verdict}; headroom {money(gp.headroom, cents=True)} (§280G G12, §6.1, §4).")
    # Title, size, description and colours as the layer's own arguments: each properties() or
    # resolve_scale() on a finished chart copies and re-validates every layer (ui.charts).
    return alt.layer(
        *layers, resolve=alt.Resolve(scale=alt.ScaleResolveMap(color="independent", strokeDash="independent")),
        title=title("§280G: the payments against the 3× base-amount line (G12)",
                    f"P {money(gp.parachute_value, cents=True)} is {ratio}: {verdict}; the line is "
                    f"3B = {money(line, cents=True)}."),
        height=90, width="container", autosize=_AUTOSIZE, **accessible_props(description))


def _legend_expr(components: list[str]) -> str:
    parts = [f"datum.label == '{c}' ? '{COMPONENT_TEXT[c][0]} ({COMPONENT_TEXT[c][1]})'" for c in components]
    return " : ".join(parts + ["datum.label"])


def contour_frame(points) -> pd.DataFrame:
    """``engine.golden_parachute.contour`` points as rows: the last day and the crossing price."""
    return pd.DataFrame([{"date": p.last_day.isoformat(), "date_text": format_date(p.last_day),
                          "price": p.price, "price_text": f"${p.price:,.2f}" if p.price is not None else "none"}
                         for p in points if p.price is not None],
                        columns=["date", "date_text", "price", "price_text"])


def contour_chart(points, price_min: float, price_max: float, subtitle: str) -> alt.LayerChart:
    """G12 over last day × stock price: the 3B line; above it P >= 3B (excise and lost deduction)."""
    frame = contour_frame(points)
    x = date_x("date", "Last day of employment")
    y = alt.Y("price:Q", title="Stock price (US$)", scale=alt.Scale(domain=[price_min, price_max], nice=False),
              axis=alt.Axis(format="$,.2f"))
    tooltip = [alt.Tooltip("date_text:N", title="Last day"),
               alt.Tooltip("price_text:N", title="P reaches 3B at (G12)")]
    over = alt.Chart(frame.assign(top=price_max)).mark_area(color=LINE_COLOR, opacity=0.15, interpolate="step-after"
                                                            ).encode(x=x, y=y, y2="top:Q", tooltip=tooltip)
    line = alt.Chart(frame).mark_line(color=LINE_COLOR, strokeWidth=3, interpolate="step-after").encode(
        x=x, y=y, tooltip=tooltip)
    pts = alt.Chart(frame).mark_point(color=LINE_COLOR, filled=True, size=30).encode(x=x, y=y, tooltip=tooltip)
    crossing = frame.loc[frame["price"].idxmin()] if not frame.empty else None
    description = ("Line over last day of employment and stock price: at or above it the §280G payments contingent "
                   "on the Change in Control reach 3 times the base amount (G12, §6.1, §4); "
                   + (f"{len(frame)} last days, the lowest crossing price {crossing['price_text']} on "
                      f"{crossing['date_text']}." if crossing is not None
                      else f"no crossing between ${price_min:,.2f} and ${price_max:,.2f} a share."))
    return accessible(alt.layer(over, line, pts).properties(
        title=title("§280G: where the payments cross the 3B line (G12)", subtitle),
        height=300, width="container", autosize=_AUTOSIZE,
    ), description)


CONTOUR_DATASET = "parachute_3b_line"


def heatmap_overlay_layers() -> list[dict]:
    """The 3B line as layers for the Sensitivity heatmap (a white halo under a vermillion line),
    reading the dataset ``CONTOUR_DATASET`` (``contour_frame``'s columns)."""
    x = date_x("date", "Last day employed (termination date)")
    y = alt.Y("price:Q", title="Stock price ($ a share)")
    tooltip = [alt.Tooltip("date_text:N", title="Last day"),
               alt.Tooltip("price_text:N", title="§280G: P reaches 3B at (G12)")]
    layers = []
    for color, width in (("white", 6), (LINE_COLOR, 3)):
        chart = alt.Chart(alt.NamedData(name=CONTOUR_DATASET)).mark_line(
            color=color, strokeWidth=width, interpolate="step-after").encode(x=x, y=y, tooltip=tooltip)
        spec = chart.to_dict(validate=False)
        for key in ("$schema", "config"):
            spec.pop(key, None)
        layers.append(spec)
    return layers


def with_contour(spec: dict, points) -> dict:
    """The heatmap spec with the 3B line drawn over it (nothing added when no last day crosses)."""
    frame = contour_frame(points)
    if frame.empty or "layer" not in spec:
        return spec
    out = dict(spec)
    out["layer"] = [*spec["layer"], *heatmap_overlay_layers()]
    out["datasets"] = {**spec.get("datasets", {}), CONTOUR_DATASET: frame}
    return out
