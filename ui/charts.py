"""Charts as plain functions: engine results in, Altair charts out.

No Streamlit import, no figure computed here that the engine does not give
(the one exception is the running total of cash paid, a Vega-Lite window
transform over the engine's payments). A test builds a chart and inspects
``chart.to_dict()`` without a browser.

Shared style, so every page's charts look alike
------------------------------------------------
``OKABE_ITO``               the colour-blind-safe palette (name → hex)
``STATUS_COLORS``           vesting status → colour; ``STATUS_LABELS`` → legend text
``COMPONENT_COLORS``        ``LineItem``/``Payment`` component → colour; ``COMPONENT_LABELS`` → legend text
``EVENT_COLOR``             colour of the dashed event rules
``color_scale(mapping, present)``  an ``alt.Scale`` fixing the colours of the values present
``date_x(field, title)``    a UTC date x encoding (dates never shift a day in the viewer's time zone)
``money_axis_format``       d3 format for dollar axes (``$,.0f``)
``title(text, subtitle)``   an ``alt.TitleParams`` in the house style (subtitle wrapped to short lines)
``accessible(chart, description)``  the chart with its screen-reader description (Vega-Lite
                            ``description``) and chart text dark enough to read (WCAG 2.1 AA)
``accessible_props(description)``   the same as constructor arguments (no copy of the chart)
``CHART_TEXT_COLOR``        axis, legend and subtitle text colour
``MARK_OUTLINE``            dark outline of bars and points, so a light fill still stands out
``event_layers(events, height)``   dashed rules + labels for dated events (``ChartEvent``)
``ChartEvent(date, label, clause)`` one dated marker
``chart_events(scenario, outcome)`` the events worth marking for a scenario (last day, Change in
                            Control, acceleration, end of the §6.1 window)
``acceleration_date(outcome)``  when unvested shares vest early (``Outcome.acceleration_date``), or None

Chart builders (each with a ``*_description`` giving its figures in words)
--------------
``vesting_chart(outcome, events=None) -> alt.LayerChart``   ``vesting_description(outcome, events)``
``payout_chart(outcome) -> alt.LayerChart``                 ``payout_description(outcome)``
``payments_chart(outcome) -> alt.LayerChart``               ``payments_description(outcome)``

Accessibility: every chart carries a ``description`` (the accessible name Streamlit
gives it), every series differs by shape or dash as well as colour, lines use only the
Okabe-Ito colours with 3:1 contrast on white, and fills lighter than that get a dark
outline.

Dates go to Vega-Lite as ISO ``YYYY-MM-DD`` strings, which it reads as UTC
midnight; every date scale and axis is therefore UTC, and tooltips show the
engine's own ``13 Jul 2006`` text. Every mark carries a tooltip, every chart a
title and axis titles.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt

from engine.dates import format_date
from engine.outcome import Outcome
from engine.registry import COMPONENTS
from engine.scenario import Scenario
from ui.format import money, shares
from ui.terms_text import LETTER_TERMS, window_end_mark

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every
# common form of colour blindness.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

STATUS_LABELS: dict[str, str] = {
    "vested": "Vested",
    "unvested": "Not yet vested",
    "forfeited": "Forfeited",
    "accelerated": "Accelerated (vests early)",
}
# Line colours: the Okabe-Ito colours with at least 3:1 contrast on white (WCAG 2.1 1.4.11);
# sky blue, orange and yellow are kept for filled marks, which get a dark outline.
STATUS_COLORS: dict[str, str] = {
    "vested": OKABE_ITO["blue"],
    "unvested": OKABE_ITO["reddish_purple"],
    "forfeited": OKABE_ITO["vermillion"],
    "accelerated": OKABE_ITO["bluish_green"],
}
STATUS_SHAPES: dict[str, str] = {
    "vested": "circle", "unvested": "diamond", "forfeited": "cross", "accelerated": "triangle-up",
}
# The step line's dash by status, so a run reads without its colour.
STATUS_DASHES: dict[str, list[int]] = {
    "vested": [1, 0], "unvested": [6, 4], "forfeited": [2, 3], "accelerated": [10, 3, 2, 3],
}

COMPONENT_LABELS: dict[str, str] = {c.key: c.legend for c in COMPONENTS}
COMPONENT_SHAPES: dict[str, str] = {
    "salary": "circle", "signing_buyout": "square", "severance_lump_sum": "diamond",
    "health_continuation": "triangle-up", "vested_options": "triangle-down", "accelerated_options": "cross",
}
COMPONENT_COLORS: dict[str, str] = {
    "salary": OKABE_ITO["blue"],
    "signing_buyout": OKABE_ITO["orange"],
    "severance_lump_sum": OKABE_ITO["vermillion"],
    "health_continuation": OKABE_ITO["reddish_purple"],
    "vested_options": OKABE_ITO["bluish_green"],
    "accelerated_options": OKABE_ITO["sky_blue"],
}
EVENT_COLOR = "#4d4d4d"
# Streamlit's chart theme draws axis and legend text in a faint grey; this is 10:1 on white.
CHART_TEXT_COLOR = "#3d434b"
MARK_OUTLINE = "#1b1b1b"
_SUBTITLE_CHARS = 80  # a subtitle line (12 px) fits a 440-pixel chart, the narrowest the pages draw
money_axis_format = "$,.0f"
_TOOLTIP_MONEY = "$,.2f"
# Streamlit fits the whole chart (title, axes, legend included) into this height.
_HEIGHT = 420


def color_scale(mapping: Mapping[str, str], present: Iterable[str] | None = None) -> alt.Scale:
    """Fixed colours: ``mapping`` is value → hex; ``present`` limits (and orders) the legend."""
    keys = list(mapping) if present is None else [k for k in mapping if k in set(present)]
    return alt.Scale(domain=keys, range=[mapping[k] for k in keys])


def date_x(field: str, title: str, **axis: object) -> alt.X:
    return alt.X(
        f"{field}:T",
        title=title,
        scale=alt.Scale(type="utc"),
        # a UTC scale formats its ticks in UTC; formatType="utc" would make Vega drop the format
        axis=alt.Axis(format="%b %Y", labelAngle=0, **axis),
    )


def wrap_lines(lines: str | Sequence[str] | None, width: int = _SUBTITLE_CHARS) -> list[str]:
    """Each line broken at spaces into lines of at most ``width`` characters: Vega does not
    wrap a title, it cuts it with an ellipsis where the chart is narrower than the text."""
    if not lines:
        return []
    if isinstance(lines, str):
        lines = [lines]
    return [part for line in lines for part in (textwrap.wrap(line, width) or [""])]


def title(text: str, subtitle: str | Sequence[str] | None = None) -> alt.TitleParams:
    lines = wrap_lines(subtitle)
    return alt.TitleParams(text=text, subtitle=lines[0] if len(lines) == 1 else lines or "", anchor="start",
                           fontSize=16,
                           subtitleFontSize=12, subtitleColor=CHART_TEXT_COLOR)


_TEXT_COLORS = {"labelColor": CHART_TEXT_COLOR, "titleColor": CHART_TEXT_COLOR}  # axis and legend text


def accessible_props(description: str) -> dict[str, Any]:
    """What ``accessible`` adds, as arguments for a chart's constructor (``alt.layer(...,
    **accessible_props(text))``): no copy of the chart at all."""
    return {"description": description, "config": {"axis": dict(_TEXT_COLORS), "legend": dict(_TEXT_COLORS)}}


def accessible(chart: alt.TopLevelMixin, description: str) -> alt.TopLevelMixin:
    """``chart`` with ``description`` (Vega-Lite's text for screen readers, which Streamlit makes
    the chart's accessible name) and its axis and legend text in ``CHART_TEXT_COLOR``.

    One ``properties`` call: each of Altair's ``properties``/``configure_*`` copies the whole
    chart, and three copies were a third of the time to build the payout chart on every rerun.
    A chart built on every rerun passes ``accessible_props`` to its constructor instead."""
    if chart.config is not alt.Undefined:  # a chart with a config of its own: merged into it
        return (chart.properties(description=description)
                .configure_axis(**_TEXT_COLORS).configure_legend(**_TEXT_COLORS))
    return chart.properties(**accessible_props(description))


def _sentence_list(parts: Sequence[str]) -> str:
    return "; ".join(parts)


@dataclass(frozen=True)
class ChartEvent:
    """A dated marker on a time axis: a dashed rule with a label."""

    date: dt.date
    label: str
    clause: str


def _iso(value: dt.date) -> str:
    return value.isoformat()


def event_layers(events: Sequence[ChartEvent], x: alt.X | None = None) -> list[alt.Chart]:
    """Dashed vertical rules with their labels, staggered so neighbours don't overlap.
    ``x``: the chart's own date encoding (``date_x``), so the layers share one axis."""
    if not events:
        return []
    rows = [
        {
            "date": _iso(e.date),
            "event": e.label,
            "when": format_date(e.date),
            "clause": e.clause,
            "text": f"{e.label} {format_date(e.date)}",
            # pixels from the top of the plot: one line per event
            "ypx": 10 + 14 * i,
        }
        for i, e in enumerate(sorted(events, key=lambda e: e.date))
    ]
    tooltip = [
        alt.Tooltip("event:N", title="Event"),
        alt.Tooltip("when:N", title="Date"),
        alt.Tooltip("clause:N", title="Clause"),
    ]
    x = x if x is not None else date_x("date", "Date")
    x = x.copy()
    x.shorthand = "date:T"
    base = alt.Chart(alt.InlineData(values=rows))  # rows, not a DataFrame (see vesting_chart)
    rules = base.mark_rule(strokeDash=[5, 4], strokeWidth=1.5, color=EVENT_COLOR).encode(x=x, tooltip=tooltip)
    labels = base.mark_text(align="left", dx=4, fontSize=11, color=EVENT_COLOR).encode(
        x=x,
        y=alt.Y("ypx:Q", scale=None),
        text="text:N",
        tooltip=tooltip,
    )
    return [rules, labels]


def acceleration_date(outcome: Outcome) -> dt.date | None:
    """The date unvested shares vest early (the engine's ``Outcome.acceleration_date``)."""
    return outcome.acceleration_date


def chart_events(scenario: Scenario | None, outcome: Outcome) -> list[ChartEvent]:
    """The dates worth marking for this scenario, each with its clause."""
    events: list[ChartEvent] = []
    if outcome.last_day is not None:
        events.append(ChartEvent(outcome.last_day, "Last day employed", "§3, §6"))
    if scenario is not None and scenario.change_in_control is not None:
        events.append(ChartEvent(scenario.change_in_control.date, "Change in Control", "§6.3"))
    accelerated_on = acceleration_date(outcome)
    if accelerated_on is not None:
        events.append(ChartEvent(accelerated_on, "Acceleration", "§4 (assumption)"))
    terms = scenario.terms if scenario is not None else LETTER_TERMS
    events.append(ChartEvent(outcome.protection_window_end, window_end_mark(terms.protection_months), "§6.1"))
    return events


# --------------------------------------------------------------------------
# Vesting
# --------------------------------------------------------------------------


def _vests_on(status: str, vest_date: dt.date, outcome: Outcome) -> str:
    if status == "forfeited":
        return f"Never: forfeited on the last day, {format_date(outcome.last_day)} (assumption)"
    if status == "accelerated":
        return f"{format_date(acceleration_date(outcome))}, by acceleration (assumption)"
    if status == "unvested":
        return f"{format_date(vest_date)}, if still employed then"
    return format_date(vest_date)


def vesting_rows(outcome: Outcome) -> list[dict]:
    """One row per installment of the §4 schedule, as the chart shows it."""
    return [
        {
            "vest_date": _iso(row.vest_date),
            "vest_date_text": format_date(row.vest_date),
            "shares": row.shares,
            "shares_text": shares(row.shares),
            "cumulative_shares": row.cumulative_shares,
            "cumulative_text": shares(row.cumulative_shares),
            "status": row.status,
            "status_label": STATUS_LABELS.get(row.status, row.status),
            "vests_on": _vests_on(row.status, row.vest_date, outcome),
            "installment": row.label,
            "clause": row.clause,
        }
        for row in outcome.vesting_schedule
    ]


def _step_runs(rows: list[dict]) -> list[dict]:
    """The cumulative step line split into runs of one status; each run starts at
    the previous run's last point so the line stays connected."""
    points: list[dict] = []
    run = 0
    previous: dict | None = None
    for record in rows:
        if previous is not None and record["status"] != previous["status"]:
            run += 1
            points.append({**previous, "status": record["status"], "status_label": record["status_label"],
                           "run": run})
        points.append({**record, "run": run})
        previous = record
    return points


def vesting_chart(outcome: Outcome, events: Sequence[ChartEvent] | None = None) -> alt.LayerChart:
    """Cumulative vested shares over the four years (§4) as a step line, coloured
    by what happens to each installment; dashed rules mark ``events``."""
    # Each layer's data is a list of rows (``alt.InlineData``), not a DataFrame: the same datasets
    # in the spec, without Altair sanitising a DataFrame for each layer on every build.
    rows = vesting_rows(outcome)
    present = list(dict.fromkeys(r["status"] for r in rows))
    color = alt.Color(
        "status_label:N",
        title="Installment",
        scale=color_scale({STATUS_LABELS[k]: STATUS_COLORS[k] for k in STATUS_LABELS},
                          [STATUS_LABELS[s] for s in present]),
        legend=alt.Legend(orient="right"),
    )
    tooltip = [
        alt.Tooltip("vest_date_text:N", title="Vest date"),
        alt.Tooltip("installment:N", title="Installment"),
        alt.Tooltip("shares_text:N", title="Shares in installment"),
        alt.Tooltip("cumulative_text:N", title="Cumulative shares"),
        alt.Tooltip("status_label:N", title="Status"),
        alt.Tooltip("vests_on:N", title="Vests on"),
        alt.Tooltip("clause:N", title="Clause"),
    ]
    y = alt.Y("cumulative_shares:Q", title="Cumulative option shares", axis=alt.Axis(format=",d"),
              scale=alt.Scale(domainMin=0))
    x = date_x("vest_date", "Vest date")
    labels = [STATUS_LABELS[s] for s in present]
    dash = alt.StrokeDash("status_label:N", title="Installment",
                          scale=alt.Scale(domain=labels, range=[STATUS_DASHES[s] for s in present]))
    line = alt.Chart(alt.InlineData(values=_step_runs(rows))).mark_line(
        interpolate="step-after", strokeWidth=2.5
    ).encode(x=x, y=y, color=color, strokeDash=dash, detail="run:N", tooltip=tooltip)
    # The shape shares the colour's title and domain, so the legend shows one coloured shape per status.
    points = alt.Chart(alt.InlineData(values=rows)).mark_point(filled=True, size=80, opacity=1, stroke=MARK_OUTLINE,
                                         strokeWidth=0.8).encode(
        x=x, y=y, color=color,
        shape=alt.Shape("status_label:N", title="Installment",
                        scale=alt.Scale(domain=labels, range=[STATUS_SHAPES[s] for s in present])),
        tooltip=tooltip,
    )
    events = list(events) if events is not None else chart_events(None, outcome)
    # Properties passed to the layer, not set by .properties(): each call copies the whole chart.
    return alt.layer(line, points, *event_layers(events, x),
                     title=title("Stock option vesting (§4)",
                                 [_vesting_counts(outcome), "Hover a point for its clause."]),
                     height=_HEIGHT, width="container", **accessible_props(vesting_description(outcome, events)))


def _vesting_counts(outcome: Outcome) -> str:
    return (f"{shares(outcome.vested_shares)} vested, {shares(outcome.forfeited_shares)} forfeited, "
            f"{shares(outcome.unvested_shares)} not yet vested, {shares(outcome.accelerated_shares)} "
            f"accelerated, as of {format_date(outcome.as_of)}.")


def _events_text(events: Sequence[ChartEvent]) -> str:
    if not events:
        return ""
    marked = [f"{e.label} {format_date(e.date)} ({e.clause})" for e in sorted(events, key=lambda e: e.date)]
    return " Dashed lines mark: " + _sentence_list(marked) + "."


def vesting_description(outcome: Outcome, events: Sequence[ChartEvent] = ()) -> str:
    """The vesting chart in words: the schedule's span and what has become of its shares."""
    schedule = outcome.vesting_schedule
    span = (f" from {format_date(schedule[0].vest_date)} to {format_date(schedule[-1].vest_date)}"
            if schedule else "")
    return (f"Step chart of cumulative option shares vesting under the §4 schedule, {len(schedule)} "
            f"installments{span}: {_vesting_counts(outcome)}{_events_text(events)}")


# --------------------------------------------------------------------------
# Payout breakdown
# --------------------------------------------------------------------------


def line_item_rows(outcome: Outcome) -> list[dict]:
    return [
        {
            "component": item.component,
            "item": item.label,
            "amount": item.amount,
            "amount_text": money(item.amount, cents=True),
            "date": _iso(item.date) if item.date else None,
            "date_text": format_date(item.date),
            "clause": item.clause,
            "explanation": item.explanation,
            "kind": "Cash" if item.kind == "cash" else "Option value (intrinsic)",
            "order": i,
        }
        for i, item in enumerate(outcome.line_items)
    ]


def payout_chart(outcome: Outcome) -> alt.LayerChart:
    """One bar per line item (zero amounts included, so the board sees what is not paid)."""
    rows = line_item_rows(outcome)
    order = [r["item"] for r in rows]
    tooltip = [
        alt.Tooltip("item:N", title="Item"),
        alt.Tooltip("amount_text:N", title="Amount"),
        alt.Tooltip("kind:N", title="Kind"),
        alt.Tooltip("date_text:N", title="Date"),
        alt.Tooltip("clause:N", title="Clause"),
        alt.Tooltip("explanation:N", title="Why"),
    ]
    y = alt.Y("item:N", title=None, sort=order, axis=alt.Axis(labelLimit=260))
    # Room right of the longest bar for its amount ("$5,850,000.00" is about 13 characters).
    longest = float(max((r["amount"] for r in rows), default=0.0))
    x = alt.X("amount:Q", title="Amount (US$)", axis=alt.Axis(format=money_axis_format, tickCount=4),
              scale=alt.Scale(domainMin=0, domainMax=longest * 1.4 if longest > 0 else 1, nice=True))
    # The data goes on the layer, not on each mark: Altair otherwise hashes every layer's data
    # (a DataFrame it turns into text) to find they share it. The spec is the same.
    base = alt.Chart()
    bars = base.mark_bar(height={"band": 0.7}, stroke=MARK_OUTLINE, strokeWidth=0.8).encode(
        x=x, y=y,
        color=alt.Color("component:N", scale=color_scale(COMPONENT_COLORS), legend=None),
        tooltip=tooltip,
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(x=x, y=y, text="amount_text:N",
                                                                     tooltip=tooltip)
    return alt.layer(bars, labels, data=alt.InlineData(values=rows),  # rows, not a DataFrame (see vesting_chart)
                     title=title("What he receives, by component", _payout_total(outcome)),
                     height=alt.Step(34), width="container", **accessible_props(payout_description(outcome)))


def _payout_total(outcome: Outcome) -> str:
    return (f"Total {money(outcome.total_value)}: cash {money(outcome.total_cash)} plus options' "
            f"intrinsic value {money(outcome.option_intrinsic_value)}.")


def payout_description(outcome: Outcome) -> str:
    """The payout chart in words: each bar's item, amount and clause, then the totals."""
    bars = [f"{item.label} {money(item.amount, cents=True)} ({item.clause})" for item in outcome.line_items]
    return f"Bar chart of what he receives, by component: {_sentence_list(bars)}. {_payout_total(outcome)}"


# --------------------------------------------------------------------------
# Payments timeline
# --------------------------------------------------------------------------


def payments_rows(outcome: Outcome) -> list[dict]:
    return [
        {
            "seq": i,
            "date": _iso(p.date),
            "date_text": format_date(p.date),
            "amount": p.amount,
            "amount_text": money(p.amount, cents=True),
            "component": p.component,
            "component_label": COMPONENT_LABELS.get(p.component, p.component),
            "payment": p.label,
            "clause": p.clause,
        }
        for i, p in enumerate(outcome.payments)
    ]


def payments_chart(outcome: Outcome) -> alt.LayerChart:
    """What is paid when: the running total of cash as a step line, one point per payment."""
    rows = payments_rows(outcome)
    present = list(dict.fromkeys(r["component"] for r in rows))
    base = alt.Chart().transform_window(  # the data goes on the layer (see payout_chart)
        cumulative="sum(amount)", sort=[alt.SortField("date"), alt.SortField("seq")]
    )
    tooltip = [
        alt.Tooltip("date_text:N", title="Paid on"),
        alt.Tooltip("payment:N", title="Payment"),
        alt.Tooltip("amount_text:N", title="Amount"),
        alt.Tooltip("clause:N", title="Clause"),
        alt.Tooltip("cumulative:Q", title="Paid so far", format=_TOOLTIP_MONEY),
    ]
    x = date_x("date", "Payment date")
    y = alt.Y("cumulative:Q", title="Cash paid so far (US$)", axis=alt.Axis(format=money_axis_format))
    line = base.mark_line(interpolate="step-after", color=EVENT_COLOR, strokeWidth=1.5).encode(
        x=x, y=y, tooltip=tooltip
    )
    labels = [COMPONENT_LABELS[c] for c in COMPONENT_COLORS if c in set(present)]
    legend = alt.Legend(orient="bottom", columns=2, labelLimit=260, symbolSize=120)
    points = base.mark_point(filled=True, opacity=1, stroke=MARK_OUTLINE, strokeWidth=0.8).encode(
        x=x, y=y,
        color=alt.Color("component_label:N", title="Payment",
                        scale=color_scale({COMPONENT_LABELS[k]: v for k, v in COMPONENT_COLORS.items()},
                                          [COMPONENT_LABELS[c] for c in present]),
                        legend=legend),
        # the same title and domain as the colour: one legend of coloured shapes
        shape=alt.Shape("component_label:N", title="Payment", legend=legend,
                        scale=alt.Scale(domain=labels, range=[COMPONENT_SHAPES[k] for k in COMPONENT_COLORS
                                                              if k in set(present)])),
        size=alt.Size("amount:Q", title="Amount", legend=None, scale=alt.Scale(range=[30, 400])),
        tooltip=tooltip,
    )
    return alt.layer(line, points, data=alt.InlineData(values=rows),  # rows, not a DataFrame (see vesting_chart)
                     title=title("Cash paid over time", f"{len(rows)} payments, {money(outcome.total_cash)} in all."),
                     height=_HEIGHT, width="container", **accessible_props(payments_description(outcome)))


def payments_description(outcome: Outcome) -> str:
    """The payments chart in words: how many payments, over which dates, the total, and the
    payments other than salary (each with its date, amount and clause)."""
    payments = outcome.payments
    if not payments:
        return "Step chart of cash paid over time: no payments."
    first, last = min(p.date for p in payments), max(p.date for p in payments)
    salary = [p for p in payments if p.component == "salary"]
    other = [f"{p.label} {money(p.amount, cents=True)} on {format_date(p.date)} ({p.clause})"
             for p in payments if p.component != "salary"]
    text = (f"Step chart of cash paid so far, by payment date: {len(payments)} payments from {format_date(first)} "
            f"to {format_date(last)}, {money(outcome.total_cash)} in all")
    if salary:
        text += f"; {len(salary)} of them salary (§3)"
    if other:
        text += "; the others: " + _sentence_list(other)
    return text + "."


# The Outcome fields each Explorer chart reads. A page may cache a chart's spec
# keyed by these alone (``chart_key``), so a change that does not touch them (the
# stock price, for the vesting and payments charts) redraws nothing. A builder
# that starts reading another field must list it here; test_charts checks that a
# chart built from an outcome equals the one cached under its key.
CHART_INPUTS: dict[str, frozenset[str]] = {
    "vesting": frozenset({
        "vesting_schedule", "as_of", "last_day", "vested_shares", "unvested_shares", "forfeited_shares",
        "accelerated_shares", "acceleration_date", "protection_window_end",
    }),
    "payout": frozenset({"line_items", "total_value", "total_cash", "option_intrinsic_value", "as_of", "last_day"}),
    "payments": frozenset({"payments", "total_cash", "as_of", "last_day"}),
}


def chart_key(kind: str, outcome: Outcome, events: Sequence[ChartEvent] = ()) -> str:
    """What the ``kind`` chart of ``outcome`` depends on, as a string (a cache key)."""
    return outcome.model_dump_json(include=set(CHART_INPUTS[kind])) + repr(list(events))
