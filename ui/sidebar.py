"""The scenario inputs in the sidebar, shared by every page.

Each widget's ``key`` is its input's name in ``ui.params`` (and in the link).
Widgets never get a ``value=``: ``ui.state.init()`` has put the value in
``st.session_state`` first, so a link, an uploaded file or a callback can set
it. Some inputs also have a slider next to the exact entry, kept in sync by
callbacks: the stock price (``stock_price_slider``) and the dates that move
the story (``termination_date_slider``, ``as_of_slider``, ``cic_date_slider``).

Public API
----------
``draw_sidebar()``                 every scenario input, link warnings, validation errors, the share link
                                   (the share box, in a popover behind ``SHARE_BUTTON``)
``draw_input(spec, container=None, disabled=False, label=None, **widget_kwargs)``
                                   one input drawn from its ``ParamSpec`` (date, float, int, choice,
                                   bool), keyed by its name; returns the typed value (an optional
                                   choice's ``None`` included); use it for another page's inputs
``show_errors(errors, container=None)``   validation errors as ``st.error``, one per problem
``show_link_warnings(container=None)``     the link's unreadable parameters as ``st.warning``
``SLIDER_SUFFIX``                  ``"_slider"``: key suffix of a companion slider

Date inputs are ``st.date_input`` (exact, ISO ``YYYY-MM-DD``, 1990-01-01 to
2100-12-31) with a companion date ``st.slider`` (drag, or the arrow keys one
day a step) over the years that matter: hire date to six years after it. A
slider alone cannot span 1990–2100 and still land on a given day; the pair
gives both, and both work the same in a browser and in AppTest
(``at.slider(key="termination_date_slider").set_value(date)``). The hire date
has no slider: it is a fact to type, not a what-if to slide.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import streamlit as st

from engine.dates import MAX_DATE, MIN_DATE, add_months, format_date
from ui import params as P
from ui import state
from ui.format import md, md_label
from ui.terms_text import LETTER_TERMS, window

SLIDER_SUFFIX = "_slider"
SHARE_BUTTON = "Show the link"  # opens the share box
ASSUMPTIONS_BOX = "assumptions_box"  # the Assumptions expander's open state (drawn only while open)
_SLIDER_DATE_FORMAT = "D MMM YYYY"  # moment.js, as the board reads dates: 13 Jul 2006
_STOCK_SLIDER_MAX = 20.0
_DATE_SLIDER_MONTHS = 72
_NEW_EVENT_MONTHS = 12  # a newly chosen termination or Change in Control starts a year after hire
_SLIDER_LABELS = {
    "termination_date": "Move the last day",
    "as_of": "Move the as-of date",
    "cic_date": "Move the Change in Control date",
}


# --------------------------------------------------------------------------
# Generic inputs
# --------------------------------------------------------------------------


def draw_input(spec: P.ParamSpec, container: Any = None, disabled: bool = False, label: str | None = None,
               **kwargs: Any) -> Any:
    """Draw one input from its spec; returns the widget's value. ``kwargs`` go to
    the Streamlit widget (e.g. ``on_change``, ``label_visibility``)."""
    where = container if container is not None else st
    label = md_label(label if label is not None else spec.label)
    help_text = md(spec.help)
    common = dict(key=spec.name, help=help_text, disabled=disabled, **kwargs)
    if spec.kind == "date":
        return where.date_input(label, min_value=spec.min_value or MIN_DATE, max_value=spec.max_value or MAX_DATE,
                                format="YYYY-MM-DD", **common)
    if spec.kind == "float":
        return where.number_input(label, min_value=spec.min_value, max_value=spec.max_value,
                                  step=spec.step if spec.step is not None else 0.01,
                                  format=spec.format or "%.2f", **common)
    if spec.kind == "int":
        return P.from_widget(spec, where.number_input(label, **whole_number_args(spec), **common))
    if spec.kind == "choice":
        return P.from_widget(spec, where.selectbox(label, options=P.widget_options(spec), format_func=spec.label_of,
                                                   **common))
    if spec.kind == "bool":
        return where.checkbox(label, **common)
    if spec.kind == "text":
        return where.text_input(label, max_chars=400, **common)
    raise ValueError(f"unknown input kind {spec.kind!r}")  # pragma: no cover


def whole_number_args(spec: P.ParamSpec) -> dict[str, Any]:
    """A whole-number input is a float widget shown without decimals (``P.to_widget``); its
    value=None makes a NaN or infinity a client sends arrive as None, which ``ui.state`` names."""
    def as_float(bound: Any) -> float | None:
        return None if bound is None else float(bound)

    return dict(value=None, min_value=as_float(spec.min_value), max_value=as_float(spec.max_value),
                step=float(spec.step or 1), format="%.0f")


def show_errors(errors: list[str], container: Any = None) -> None:
    where = container if container is not None else st
    for line in errors:
        where.error(md(line), icon=":material/error:")


def show_link_warnings(container: Any = None) -> None:
    where = container if container is not None else st
    warnings = state.link_warnings()
    if not warnings:
        return
    for line in warnings:
        where.warning(md(line), icon=":material/link_off:")
    where.button("Dismiss link warnings", key="dismiss_link_warnings", on_click=state.dismiss_link_warnings)


# --------------------------------------------------------------------------
# Sliders kept in sync with the exact inputs
# --------------------------------------------------------------------------


def _copy_from_slider(name: str) -> None:
    state.set_values({name: st.session_state[name + SLIDER_SUFFIX]})


def _stock_price() -> None:
    spec = P.spec("stock_price")
    price = state.values()["stock_price"]
    slider_key = "stock_price" + SLIDER_SUFFIX
    top = _STOCK_SLIDER_MAX if price <= _STOCK_SLIDER_MAX else float(math.ceil(price / 10.0) * 10.0)
    if st.session_state.get(slider_key) != price:
        st.session_state[slider_key] = price
    st.slider(
        md_label(spec.label), min_value=0.0, max_value=top, step=0.05, format="$%.2f", key=slider_key,
        help=md(spec.help + " Drag, or focus the handle and use the arrow keys ($0.05 a step); type an exact "
                "price in the box below."),
        on_change=_copy_from_slider, args=("stock_price",),
    )
    draw_input(spec, label="Exact stock price, $ a share")


def _date_with_slider(name: str, hire: dt.date) -> dt.date | None:
    """The exact date input, then (when a date is set) a slider over the years that matter."""
    spec = P.spec(name)
    value = draw_input(spec)
    if value is None:
        return None
    lo = min(hire, value)
    hi = max(add_months(hire, _DATE_SLIDER_MONTHS), value)
    hi = min(hi, MAX_DATE)
    lo = max(lo, MIN_DATE)
    if not (lo <= value <= hi) or lo >= hi:
        return value
    slider_key = name + SLIDER_SUFFIX
    if st.session_state.get(slider_key) != value:
        st.session_state[slider_key] = value
    st.slider(
        _SLIDER_LABELS.get(name, f"Move the {spec.label}"), min_value=lo, max_value=hi, step=dt.timedelta(days=1),
        format=_SLIDER_DATE_FORMAT, key=slider_key, on_change=_copy_from_slider, args=(name,),
        help=md(f"Slides the date above from the hire date ({format_date(hire)}) to six years after it, one day "
                "per arrow-key press."),
    )
    return value


# --------------------------------------------------------------------------
# Callbacks that keep the story consistent
# --------------------------------------------------------------------------


def _hire() -> dt.date:
    hire = state.values()["hire_date"]
    return hire if isinstance(hire, dt.date) else P.spec("hire_date").default


def _on_reason_change() -> None:
    vals = state.values()
    if vals["reason"] not in ("none", "resignation") and vals["termination_date"] is None:
        state.set_values({"termination_date": add_months(_hire(), _NEW_EVENT_MONTHS)})


def _on_cic_toggle() -> None:
    if st.session_state.get("cic_enabled"):
        if state.values()["cic_date"] is None:
            state.set_values({"cic_date": add_months(_hire(), _NEW_EVENT_MONTHS)})
    else:
        state.set_values({"cic_date": None})


# --------------------------------------------------------------------------
# The sidebar
# --------------------------------------------------------------------------


def open_assumptions_if_set() -> None:
    """Open the Assumptions box when an assumption differs from its default, so a link or a
    loaded file that sets one shows it. Only before the sidebar is drawn (its first run, or a
    callback): Streamlit forbids changing a drawn widget's state."""
    vals = state.values()
    if any(spec.assumption and vals[spec.name] != spec.default for spec in P.CORE_PARAMS):
        st.session_state[ASSUMPTIONS_BOX] = True


def _section(text: str) -> None:
    st.markdown(f"**{md(text)}**")


def draw_sidebar() -> None:
    with st.sidebar:
        st.header("Scenario")
        show_link_warnings()

        _section("The hire (§4)")
        draw_input(P.spec("hire_date"))
        hire = _hire()
        _stock_price()
        draw_input(P.spec("exercise_price"))

        _section("How employment ends (§6, §9, §10)")
        draw_input(P.spec("reason"), on_change=_on_reason_change)
        vals = state.values()
        if P.applies(P.spec("termination_date"), vals):
            _date_with_slider("termination_date", hire)
        if P.applies(P.spec("good_cause_ground"), vals):
            draw_input(P.spec("good_cause_ground"))
            vals = state.values()
        if P.applies(P.spec("notice_date"), vals):
            draw_input(P.spec("notice_date"))
        if P.applies(P.spec("as_of"), vals):
            _date_with_slider("as_of", hire)

        _section("Change in Control (§6.1, §6.3)")
        st.session_state["cic_enabled"] = vals["cic_date"] is not None
        st.checkbox("A Change in Control happens", key="cic_enabled", on_change=_on_cic_toggle,
                    help=md(f"Within {window(LETTER_TERMS)} a Change in Control alone pays the §6.1 lump sum, "
                            "even if he stays employed (§6.1(a))."))
        if st.session_state["cic_enabled"]:
            _date_with_slider("cic_date", hire)
            draw_input(P.spec("cic_deal_type"))
            vals = state.values()
            for name in ("cic_retained_pct", "cic_all_assets", "cic_acquirer_pct", "cic_acquirer_is_berg"):
                if P.applies(P.spec(name), vals):
                    draw_input(P.spec(name))

        # Its inputs are drawn only while it is open (two dozen widgets the first view need not wait for);
        # their values live in the session like any undrawn input's.
        if ASSUMPTIONS_BOX not in st.session_state:
            open_assumptions_if_set()  # a session's first run: a link that sets an assumption shows it
        with st.expander("Assumptions (the letter is silent)", key=ASSUMPTIONS_BOX, on_change="rerun") as box:
            if box.open:
                st.caption(md("Each value below is an assumption, not a term of the letter; change it to test "
                              "how much it matters."))
                vals = state.values()
                for spec in P.CORE_PARAMS:
                    if spec.assumption and P.applies(spec, vals):
                        draw_input(spec)

        current = state.current()
        if current.errors:
            st.markdown("**The scenario needs fixing**")
            show_errors(current.errors)

        st.divider()
        _section("Share this scenario")
        # In a popover: a browser draws a code box, and loads its highlighter (about half a second
        # of a first view's work), only when it is opened.
        with st.popover(SHARE_BUTTON, icon=":material/link:", width="stretch"):
            st.code(state.share_url(), language=None, wrap_lines=True)
            st.caption("The link holds every input that differs from the letter's defaults; opening it shows "
                       "this scenario. The address bar holds the same link.")
        st.button("Reset all inputs to the defaults", key="reset_inputs", on_click=state.reset_to_defaults)
