"""The Uncertainty page's charts: ``analyses.uncertainty`` results in, Altair charts out.

No Streamlit import, no figure computed here: every number comes from the
analysis (percentiles, means, shares of equally likely prices, the §4 vest
dates, the end of §6.1's protection window); this module only formats and draws.

Public API
----------
``fan_frame(result, reason)``   one row per last day: the percentiles of the total to him, tooltip texts
``with_price(frame, at_price, stock_price, above, amount)``  plus the line at the sidebar's price and the
                                chance of more than the amount (the part that changes with the sidebar)
``event_frame(result)``         the date marks: the first 24 months end (§6.1), the §4 vest dates
``fan_chart(reasons)``          one fan per reason, stacked: P10–P90 and P25–P75 bands, the P50 line, the
                                dashed line at the sidebar's stock price, the date marks; a tooltip per day;
                                each layer reads a named dataset (``fan_<reason>``, ``events``)
``fan_template(reasons)`` / ``fan_spec(template, frames, events)``  the chart without data (cacheable), and
                                with it: what the page gives ``st.vega_lite_chart`` (Altair takes seconds
                                to inline a few thousand rows in six layers; Streamlit sends Arrow)
``cdf_frame(last)`` / ``cdf_chart(last)``  the distribution of the total on his last day, as the chance
                                it is at most each amount, with the amount typed, P10/P50/P90 marked
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from analyses.uncertainty import Fan, LastDay
from engine.dates import add_days, format_date
from engine.price_distribution import PERCENTILES
from engine.registry import REASONS, STILL_EMPLOYED
from ui.charts import date_x, title
from ui.format import money, shares
from ui.terms_text import LETTER_TERMS, window_end_mark, window_of

FAN_HEIGHT = 320
CDF_HEIGHT = 300
# Colour-blind-safe blues for the bands, dark for the median; orange for the comparison line.
BAND_OUTER = "#9ecae1"
BAND_INNER = "#4292c6"
MEDIAN = "#08306b"
AT_PRICE = "#d95f02"
RULE = "#555555"

# The registry's reason labels; still employed, the fan is what he has received by that day.
REASON_TITLES = {**{r.key: r.label for r in REASONS},
                 STILL_EMPLOYED.key: "Still employed (what he has received by that day)"}


def _money_texts(values) -> list[str]:
    """``money`` for many amounts, each distinct amount formatted once."""
    distinct, inverse = np.unique(np.asarray(values, dtype=np.float64), return_inverse=True)
    texts = np.asarray([money(float(x)) for x in distinct], dtype=object)
    return texts[inverse.reshape(-1)].tolist()


def _share_texts(values) -> list[str]:
    return [f"{x:.1%}" for x in np.asarray(values, dtype=np.float64).tolist()]


# --------------------------------------------------------------------------- the fan by last day


def fan_frame(result: Fan, reason: str) -> pd.DataFrame:
    """One row per last day for ``reason``: ``date`` (ISO), ``p10`` … ``p90``, ``mean``, and the tooltip
    texts that do not depend on the sidebar's stock price (``with_price`` adds those)."""
    fig = result.reasons[reason].figures["total_value"]
    cash = result.reasons[reason].figures["total_cash"]
    opts = result.reasons[reason].figures["option_intrinsic_value"]
    dates = result.dates
    frame = pd.DataFrame({"date": np.datetime_as_string(dates, unit="D")})
    for k, p in enumerate(PERCENTILES):
        frame[f"p{p}"] = fig.percentiles[:, k]
    frame["mean"] = fig.mean
    frame["date_text"] = [format_date(d) for d in dates.astype(object)]
    for k, p in enumerate(PERCENTILES):
        frame[f"p{p}_text"] = _money_texts(fig.percentiles[:, k])
    frame["mean_text"] = _money_texts(fig.mean)
    frame["cash_p50_text"] = _money_texts(cash.percentiles[:, 2])
    frame["options_range_text"] = [f"{a} to {b}" for a, b in zip(_money_texts(opts.percentiles[:, 0]),
                                                                    _money_texts(opts.percentiles[:, 4]))]
    frame["underwater_text"] = _share_texts(result.p_underwater)
    return frame


def with_price(frame: pd.DataFrame, at_price: np.ndarray, stock_price: float, above: np.ndarray,
               amount: float) -> pd.DataFrame:
    """``fan_frame`` plus ``at_price`` (the total at the sidebar's price) and the texts of it and of the
    chance of more than ``amount``."""
    out = frame.copy()
    out["at_price"] = np.asarray(at_price, dtype=np.float64)
    out["at_price_text"] = [f"{t} (at ${stock_price:,.2f})" for t in _money_texts(at_price)]
    out["above_text"] = [f"{t} (more than {money(amount)})" for t in _share_texts(above)]
    return out


def _fan_tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("date_text:N", title="Last day employed"),
        alt.Tooltip("p90_text:N", title="P90 total to him (1 in 10 above)"),
        alt.Tooltip("p75_text:N", title="P75 total to him"),
        alt.Tooltip("p50_text:N", title="P50 total to him (median)"),
        alt.Tooltip("p25_text:N", title="P25 total to him"),
        alt.Tooltip("p10_text:N", title="P10 total to him"),
        alt.Tooltip("mean_text:N", title="Mean total to him"),
        alt.Tooltip("at_price_text:N", title="Total at the sidebar's stock price"),
        alt.Tooltip("cash_p50_text:N", title="Company's cash cost (§3, §4, §6.1)"),
        alt.Tooltip("options_range_text:N", title="Option value P10 to P90 (§4)"),
        alt.Tooltip("underwater_text:N", title="Chance the options are underwater (§4)"),
        alt.Tooltip("above_text:N", title="Chance of more than the amount typed"),
    ]


def event_frame(result: Fan) -> pd.DataFrame:
    """The date marks: the end of §6.1's protection window and the §4 vest dates inside the span."""
    rows = []
    first, last = result.dates[0].astype(object), result.dates[-1].astype(object)
    if first <= result.window_end <= last:
        rows.append({"date": result.window_end.isoformat(), "event": window_end_mark(result.window_months),
                     "detail": f"From {format_date(result.window_end)} on, no §6.1 lump sum or health "
                               f"continuation; up to {format_date(add_days(result.window_end, -1))} a "
                               "termination other than for Good Cause pays them.",
                     "clause": "§6.1", "kind": "window"})
    for v in result.vest_dates:
        rows.append({"date": v.vest_date.isoformat(), "event": "§4 vest date",
                     "detail": f"{shares(v.shares)} shares vest ({v.label}); {shares(v.cumulative_shares)} in all.",
                     "clause": v.clause, "kind": "vest"})
    return pd.DataFrame(rows, columns=["date", "event", "detail", "clause", "kind"])


def _data(name: str) -> alt.Chart:
    return alt.Chart(alt.NamedData(name=name))


def _one_fan(reason: str, window_months: int) -> alt.LayerChart:
    x = date_x("date", "Last day employed")
    base = _data(f"fan_{reason}")
    outer = base.mark_area(color=BAND_OUTER, opacity=0.55).encode(
        x=x, y=alt.Y("p10:Q", title="Total to him (US$)", axis=alt.Axis(format="$,.2s")), y2="p90:Q")
    inner = base.mark_area(color=BAND_INNER, opacity=0.6).encode(x=x, y="p25:Q", y2="p75:Q")
    median = base.mark_line(color=MEDIAN, strokeWidth=2, interpolate="step-after").encode(x=x, y="p50:Q")
    at_price = base.mark_line(color=AT_PRICE, strokeWidth=2, strokeDash=[6, 3], interpolate="step-after").encode(
        x=x, y="at_price:Q")
    event_tip = [alt.Tooltip("event:N", title="Date mark"), alt.Tooltip("detail:N", title="Detail"),
                 alt.Tooltip("clause:N", title="Clause")]
    rules = _data("events").mark_rule(color=RULE, strokeDash=[2, 3]).encode(
        x="date:T", strokeWidth=alt.condition("datum.kind == 'window'", alt.value(2.5), alt.value(1)),
        tooltip=event_tip)
    hover = alt.selection_point(name=f"day_{reason}", on="pointerover", nearest=True, fields=["date"],
                                empty=False, clear="pointerout")
    catcher = base.mark_rule(color=MEDIAN, strokeWidth=8).encode(
        x=x, opacity=alt.condition(hover, alt.value(0.25), alt.value(0)), tooltip=_fan_tooltip()).add_params(hover)
    subtitle = ("Light band: P10 to P90; dark band: P25 to P75; line: P50; dashed orange: at the sidebar's "
                f"stock price; dotted rules: §4 vest dates; thick rule: {window_of(window_months)} end (§6.1)")
    return alt.layer(outer, inner, median, at_price, rules, catcher).properties(
        height=FAN_HEIGHT, width="container", title=title(REASON_TITLES.get(reason, reason), subtitle))


def fan_chart(reasons: tuple[str, ...],
              window_months: int = LETTER_TERMS.protection_months) -> alt.VConcatChart | alt.LayerChart:
    """One fan per reason, stacked, on the same axes; each reads the dataset ``fan_<reason>`` and the
    date marks ``events`` (``fan_spec`` fills them in). ``window_months``: §6.1's window, named in
    each fan's subtitle (``Fan.window_months``)."""
    charts = [_one_fan(reason, window_months) for reason in reasons]
    if len(charts) == 1:
        return charts[0]
    return alt.vconcat(*charts).resolve_scale(x="shared", y="shared")


def fan_template(reasons: tuple[str, ...], window_months: int = LETTER_TERMS.protection_months) -> dict:
    """``fan_chart`` as a Vega-Lite dict without data (cacheable; the tests validate the chart itself)."""
    spec = fan_chart(reasons, window_months).to_dict(validate=False)
    spec.pop("config", None)
    return spec


def fan_spec(template: dict, frames: dict[str, pd.DataFrame], events: pd.DataFrame) -> dict:
    """The template with its data: ``frames`` by reason (``fan_frame``) and the date marks (``event_frame``)."""
    spec = dict(template)
    spec["datasets"] = {**{f"fan_{r}": f for r, f in frames.items()}, "events": events}
    spec["description"] = fan_description(frames)
    return spec


def fan_description(frames: dict[str, pd.DataFrame]) -> str:
    """The fans in words, for screen readers: per reason, the median and the P10-P90 range on the
    first and the last day drawn."""
    parts = []
    for reason, f in frames.items():
        if f.empty:
            continue
        first, last = f.iloc[0], f.iloc[-1]
        parts.append(f"{REASON_TITLES.get(reason, reason)}: last day {first['date_text']}, median {first['p50_text']} "
                     f"(P10 {first['p10_text']} to P90 {first['p90_text']}); last day {last['date_text']}, median "
                     f"{last['p50_text']} (P10 {last['p10_text']} to P90 {last['p90_text']})")
    return ("Fan chart of the total to him by last day employed, with the stock price as a distribution (§3, §4, "
            "§6.1). " + "; ".join(parts) + ".")


# --------------------------------------------------------------------------- on his last day


def cdf_x_max(last: LastDay) -> float:
    """The right edge of the chart: the 99th percentile of the total (the top 1% runs off the edge, the
    caption says so), so the long tail of the option value does not squeeze everything else."""
    values = last.values["total_value"]
    return float(values[max(0, -(-99 * values.size // 100) - 1)])


def cdf_frame(last: LastDay) -> pd.DataFrame:
    """The distinct totals up to ``cdf_x_max``, each with the chance the total is at most it (the CDF's
    steps), after a first row at chance 0 so the first step rises from the axis."""
    values = last.values["total_value"]
    distinct, counts = np.unique(values, return_counts=True)
    chance = np.concatenate([[0.0], np.cumsum(counts) / values.size])
    totals = np.concatenate([distinct[:1], distinct])
    keep = totals <= cdf_x_max(last)
    totals, chance = totals[keep], chance[keep]
    return pd.DataFrame({
        "total": totals, "chance": chance,
        "total_text": _money_texts(totals), "chance_text": _share_texts(chance),
        "above_text": _share_texts(1 - chance),
    })


def mark_frame(last: LastDay) -> pd.DataFrame:
    """P10, P50, P90 and the amount to compare, where they fall inside the chart (``cdf_x_max``)."""
    rows = []
    for k, p in enumerate(PERCENTILES):
        if p in (10, 50, 90):
            value = float(last.percentiles["total_value"][k])
            rows.append({"total": value, "label": f"P{p}", "text": f"P{p} {money(value)}",
                         "detail": f"The total is at most this with a chance of at least {p}%.", "kind": "percentile"})
    rows.append({"total": last.amount, "label": "Amount", "text": f"Amount {money(last.amount)}",
                 "detail": f"The chance of more than this is {last.p_above:.1%}.", "kind": "amount"})
    rows = [r for r in rows if r["total"] <= cdf_x_max(last)]
    frame = pd.DataFrame(rows, columns=["total", "label", "text", "detail", "kind"])
    frame["row"] = np.arange(len(rows)) * 16 + 12  # one line each, from the top, so labels never overlap
    return frame


def cdf_chart() -> alt.LayerChart:
    """The chance the total to him is at most each amount (a step line), with P10, P50, P90 and the amount
    to compare marked. Reads the datasets ``cdf`` (``cdf_frame``) and ``cdf_marks`` (``mark_frame``)."""
    x = alt.X("total:Q", title="Total to him on his last day (US$)", axis=alt.Axis(format="$,.2s"),
              scale=alt.Scale(zero=True))
    steps = _data("cdf").mark_line(color=MEDIAN, strokeWidth=2, interpolate="step-after").encode(
        x=x, y=alt.Y("chance:Q", title="Chance the total is at most this", axis=alt.Axis(format="%"),
                     scale=alt.Scale(domain=[0, 1])))
    hover = alt.selection_point(name="cdf_point", on="pointerover", nearest=True, fields=["total"], empty=False,
                                clear="pointerout")
    points = _data("cdf").mark_point(color=MEDIAN, filled=True, size=60).encode(
        x=x, y="chance:Q", opacity=alt.condition(hover, alt.value(1), alt.value(0)),
        tooltip=[alt.Tooltip("total_text:N", title="Total to him"),
                 alt.Tooltip("chance_text:N", title="Chance of at most this"),
                 alt.Tooltip("above_text:N", title="Chance of more")]).add_params(hover)
    rules = _data("cdf_marks").mark_rule(strokeDash=[4, 3]).encode(
        x="total:Q", color=alt.condition("datum.kind == 'amount'", alt.value(AT_PRICE), alt.value(RULE)),
        tooltip=[alt.Tooltip("text:N", title="Mark"), alt.Tooltip("detail:N", title="Detail")])
    labels = _data("cdf_marks").mark_text(align="left", dx=4, dy=-4, baseline="bottom", fontSize=11).encode(
        x="total:Q", y=alt.Y("row:Q", scale=None), text="text:N",
        color=alt.condition("datum.kind == 'amount'", alt.value(AT_PRICE), alt.value("#000000")))
    return alt.layer(steps, rules, labels, points).properties(
        height=CDF_HEIGHT, width="container",
        title=title("The total to him on his last day", "Equally likely stock prices; each step is one or more"))


def cdf_template() -> dict:
    """``cdf_chart`` as a Vega-Lite dict without data (cacheable)."""
    spec = cdf_chart().to_dict(validate=False)
    spec.pop("config", None)
    return spec


def cdf_spec(last: LastDay, template: dict | None = None) -> dict:
    """The CDF chart with its data and its title naming the day, for ``st.vega_lite_chart``."""
    spec = dict(template if template is not None else cdf_template())
    spec["title"] = {**spec["title"], "text": f"The total to him on {format_date(last.on)}",
                     "subtitle": f"{last.n:,} equally likely stock prices; each step is one or more of them"}
    spec["datasets"] = {"cdf": cdf_frame(last), "cdf_marks": mark_frame(last)}
    p = last.percentiles["total_value"]
    spec["description"] = (
        f"Step chart of the chance the total to him is at most each amount, on {format_date(last.on)}: P10 "
        f"{money(float(p[0]))}, median {money(float(p[2]))}, P90 {money(float(p[4]))}; a {last.p_underwater:.1%} "
        f"chance the options are underwater (§3, §4, §6.1).")
    return spec


__all__ = [
    "cdf_chart", "cdf_frame", "cdf_spec", "cdf_template", "cdf_x_max", "event_frame", "fan_chart", "fan_frame",
    "fan_spec", "fan_template", "mark_frame", "with_price",
]
