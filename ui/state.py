"""The session's inputs, scenario and outcome, and the link in the address bar.

Every input lives in ``st.session_state`` under its ``ParamSpec.name`` (the
widget key), mirrored in a private copy so an input whose widget is not drawn
in a run (a hidden notice date, another page's input) keeps its value.

Run order (``app.py``)::

    with state.frame():            # init(): the first run of a session reads the link
        sidebar.draw_sidebar()     # widgets keyed by input name
        page = st.navigation(...)
        state.follow_redirect(...)
        page.run()                 # pages call state.current()
    # on leaving frame(): sync_query_params(), the address bar = the shareable link

The one workaround for Streamlit's old pages-folder mode is
``leave_pages_folder_mode()`` (first line of ``app.py`` and of ``current()``).

Public API
----------
``frame()``                             context manager for ``app.py``: init() on entry, link on exit
``leave_pages_folder_mode()``           ``app.py``'s first line (``current()`` calls it too)
``init()``                              once per run, before any widget; the first run reads the link
``values() -> dict``                    the current typed value of every registered input
``set_values(values)``                  set inputs; only from a widget callback (``on_change``/``on_click``)
                                        or before the sidebar is drawn (Streamlit forbids changing a
                                        drawn widget's value)
``reset_to_defaults()``                 every input this session knows (the sidebar's and those of each page
                                        it has opened, bound ones too) back to its default (a callback)
``link_warnings() -> list[str]``        the link's unreadable parameters (one line each, naming it)
``dismiss_link_warnings()``             forget them (a callback)
``current() -> Current``                values, scenario (or ``None``), error lines, outcome (or ``None``)
``current_scenario() -> Scenario | None``
``current_outcome() -> Outcome | None``
``scenario_errors() -> list[str]``
``evaluate_cached(scenario) -> Outcome``  ``engine.evaluate`` behind ``st.cache_data`` keyed by the
                                        scenario's JSON (use it for any extra scenario a page evaluates)
``share_params() -> dict``              the link's parameters for the current inputs (a list: repeated)
``share_bound(link_values, defaults)``  a page's inputs that Streamlit binds: this run's share link, reset
``share_url() -> str``                  the full link (``?…`` only when the app's URL is unknown)
``sync_query_params()``                 write ``share_params()`` to ``st.query_params`` if they changed
``specs()`` / ``spec(name)``           the inputs this session knows (sidebar's + pages opened)
``ensure_params(*specs)``               a page's inputs, before it draws them: adds them to the
                                        session's inputs (never process-wide); an input not seen before gets its value
                                        from the session's first link when its name is a pass-through one
                                        (``ui.params.PAGE_PARAM_PATTERNS``: every page's inputs), else its
                                        default; an unreadable value gets a link warning (shown in the
                                        sidebar, which app.py draws after the page). Each input's value is set again
                                        before its widget is drawn, so the browser shows the stored value
                                        after navigating back. Nothing else for a page to do with the link.
``scenario_from_upload(data) -> (Scenario | None, list[str])``
                                        a scenario JSON file's bytes → scenario or error lines
``apply_scenario(scenario) -> (bool, list[str])``  set the inputs to show ``scenario`` (callback
                                        only); (False, problems) when nothing was applied, else (True, notes)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from pydantic import ValidationError
from streamlit.runtime.pages_manager import PagesManager

from engine.errors import describe_validation_error
from engine.evaluate import evaluate
from engine.io import scenario_from_json, scenario_to_json
from engine.outcome import Outcome
from engine.scenario import Scenario
from ui import params as P

_VALUES = "_ui_values"
_INITIALISED = "_ui_initialised"
_WARNINGS = "_ui_link_warnings"
_SPECS = "_ui_specs"
_PASSTHROUGH = "_ui_passthrough"
_BOUND_SHARE = "_ui_bound_share"  # this run's page inputs that Streamlit binds, as the link holds them
_BOUND_DEFAULTS = "_ui_bound_defaults"  # every such input the session has drawn: {name: its untouched value}

MAX_UPLOAD_BYTES = 100_000


@dataclass
class Current:
    """Everything a page needs about the scenario in the sidebar."""

    values: dict[str, Any]
    scenario: Scenario | None
    errors: list[str] = field(default_factory=list)
    outcome: Outcome | None = None

    @property
    def ok(self) -> bool:
        return self.outcome is not None


def _read_query_params() -> dict[str, list[str]]:
    try:
        return {key: st.query_params.get_all(key) for key in st.query_params}
    except Exception:  # noqa: BLE001 - a link must never break the page
        return {}


def specs() -> list[P.ParamSpec]:
    """The inputs this session knows: the sidebar's, then those of each page it has opened
    (kept in the session, so how a link reads never depends on what other sessions opened)."""
    return list(st.session_state.get(_SPECS, {}).values()) or list(P.CORE_PARAMS)


def spec(name: str) -> P.ParamSpec:
    """One input this session knows, by name (KeyError if unknown)."""
    return {s.name: s for s in specs()}[name]


def init() -> None:
    ss = st.session_state
    ss[_BOUND_SHARE] = {}
    if not ss.get(_INITIALISED):
        ss[_SPECS] = {s.name: s for s in P.CORE_PARAMS}
        parsed = P.parse_query_params(_read_query_params(), P.CORE_PARAMS)
        ss[_VALUES] = dict(parsed.values)
        ss[_WARNINGS] = list(parsed.warnings)
        ss[_PASSTHROUGH] = dict(parsed.passthrough)
        for s in P.CORE_PARAMS:
            ss[s.name] = P.to_widget(s, parsed.values[s.name])
        ss[_INITIALISED] = True
        return
    shadow: dict[str, Any] = ss[_VALUES]
    for s in specs():
        if s.name in ss:
            value = P.from_widget(s, ss[s.name])
            problem = P.sent_value_problem(s, value)
            if problem is None:
                shadow[s.name] = value
                continue
            kept = shadow.get(s.name, s.default)
            ss.setdefault(_WARNINGS, []).append(
                f"Input {s.name} ({P.field_label(s)}) {problem}; "
                f"{P.display_value(s, kept)} is kept.")
            ss[s.name] = P.to_widget(s, kept)
        else:
            # The widget was not drawn last run and Streamlit dropped its key.
            ss[s.name] = P.to_widget(s, shadow.get(s.name, s.default))


def leave_pages_folder_mode() -> None:
    # With pages/ beside app.py a fresh server starts in Streamlit's old pages-folder mode: it
    # runs a linked page file alone (without app.py's gate and sidebar) and gives app.py's
    # widgets other ids on that first run. Leave the mode for good and start the run over.
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@contextlib.contextmanager
def frame() -> Iterator[None]:
    """``app.py`` runs the sidebar, the navigation and the page inside this."""
    init()
    try:
        yield
    finally:
        sync_query_params()


def _coerce(s: P.ParamSpec, value: Any) -> Any:
    value = P.from_widget(s, value)
    if value is None:
        return None
    if s.kind == "float":
        return float(value)
    if s.kind == "int":
        return int(value)
    if s.kind == "bool":
        return bool(value)
    return value


def values() -> dict[str, Any]:
    ss = st.session_state
    shadow: dict[str, Any] = ss.get(_VALUES, {})
    out = {}
    for s in specs():
        raw = ss[s.name] if s.name in ss else shadow.get(s.name, s.default)
        out[s.name] = _coerce(s, raw)
    return out


def set_values(new_values: Mapping[str, Any]) -> None:
    ss = st.session_state
    shadow: dict[str, Any] = ss.setdefault(_VALUES, {})
    known = {s.name: s for s in specs()}
    for name, value in new_values.items():
        spec = known.get(name)
        ss[name] = P.to_widget(spec, value) if spec is not None else value
        shadow[name] = value


def reset_to_defaults() -> None:
    set_values({s.name: s.default for s in specs()})
    for name, default in st.session_state.get(_BOUND_DEFAULTS, {}).items():
        st.session_state[name] = list(default) if isinstance(default, (list, tuple)) else default


def link_warnings() -> list[str]:
    return list(st.session_state.get(_WARNINGS, []))


def dismiss_link_warnings() -> None:
    st.session_state[_WARNINGS] = []


@st.cache_data(max_entries=512, show_spinner=False)
def _evaluate_json(scenario_json: str) -> Outcome:
    return evaluate(scenario_from_json(scenario_json))


def evaluate_cached(scenario: Scenario) -> Outcome:
    return _evaluate_json(json.dumps(scenario_to_json(scenario), sort_keys=True))


def current() -> Current:
    leave_pages_folder_mode()
    vals = values()
    built = P.build_scenario(vals)
    if built.scenario is None:
        return Current(vals, None, built.errors, None)
    try:
        outcome = evaluate_cached(built.scenario)
    except Exception as exc:  # noqa: BLE001 - never a traceback on the page
        return Current(vals, built.scenario,
                       [f"The rules could not be applied to this scenario ({exc.__class__.__name__}); "
                        "please report the link to the maintainers."], None)
    return Current(vals, built.scenario, [], outcome)


def current_scenario() -> Scenario | None:
    return P.build_scenario(values()).scenario


def scenario_errors() -> list[str]:
    return current().errors


def current_outcome() -> Outcome | None:
    return current().outcome


def share_params() -> dict[str, str | list[str]]:
    return {**P.to_query_params(values(), specs(), passthrough=st.session_state.get(_PASSTHROUGH, {})),
            **st.session_state.get(_BOUND_SHARE, {})}


def share_bound(link_values: Mapping[str, Any], defaults: Mapping[str, Any]) -> None:
    """A page whose inputs Streamlit binds to the link (``bind="query-params"``) gives their values here, as
    Streamlit writes them in the address bar (``None``: not in the link), so the share box's link holds them
    too; kept for this run only (another page's bound inputs are not in the address bar either).
    ``defaults``: each input's untouched widget value, which "Reset all inputs" puts back."""
    st.session_state.setdefault(_BOUND_DEFAULTS, {}).update(defaults)
    st.session_state[_BOUND_SHARE] = {name: _bound_text(value) for name, value in link_values.items()
                                      if value is not None}


def _bound_text(value: Any) -> str | list[str]:
    # streamlit.runtime.state.query_params' own rules: a whole number without ".0", a date ISO, a list repeated.
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def share_url() -> str:
    query = P.query_string(share_params())
    try:
        base = st.context.url
    except Exception:  # noqa: BLE001
        base = None
    if base:
        return f"{base}?{query}" if query else base
    return f"?{query}" if query else "?"


# Inputs Streamlit binds to the link itself (``bind="query-params"``; the Uncertainty page's): their
# parameters are Streamlit's, kept as they are even in a run that does not draw those widgets (a
# session's first run, before the page has bound them).
BOUND_PARAMS = re.compile(r"unc_(known_price|known_date|volatility_pct|drift_pct|reasons|amount)")


def _bound_params() -> set[str]:
    """Link parameters bound to a widget (``bind="query-params"``), or named like one: Streamlit keeps
    them in the link itself, and refuses to let anyone else set or drop them, so the sync leaves them alone."""
    try:
        from streamlit.runtime.state.session_state_proxy import get_session_state

        with get_session_state().query_params() as qp:
            return {key for key in qp if qp.is_bound(key) or BOUND_PARAMS.fullmatch(key)}
    except Exception:  # noqa: BLE001 - outside a script run, nothing is bound
        return set()


def sync_query_params() -> None:
    if not st.session_state.get(_INITIALISED):
        return
    bound = _bound_params()
    bound |= set(st.session_state.get(_BOUND_SHARE, {}))  # Streamlit writes them; it refuses anyone else
    wanted = {key: value for key, value in share_params().items() if key not in bound}
    have = {key: st.query_params.get_all(key) for key in st.query_params if key not in bound}
    if have != {key: [value] for key, value in wanted.items()}:
        if not bound:
            st.query_params.from_dict(wanted)
            return
        for key in have:
            if key not in wanted:
                del st.query_params[key]
        st.query_params.update(wanted)


def ensure_params(*new_specs: P.ParamSpec) -> None:
    ss = st.session_state
    known: dict[str, P.ParamSpec] = ss.setdefault(_SPECS, {s.name: s for s in P.CORE_PARAMS})
    for s in new_specs:
        if s.name in P.CORE_NAMES and known[s.name] is not s:
            raise ValueError(f"{s.name} is a core scenario input and cannot be re-registered")
        known[s.name] = s
    shadow: dict[str, Any] = ss.setdefault(_VALUES, {})
    passthrough: dict[str, str] = ss.setdefault(_PASSTHROUGH, {})
    for s in new_specs:
        if s.name not in shadow:
            value = s.default
            if s.name in passthrough:
                value, warning = P.decode_value(s, passthrough.pop(s.name))
                if warning:
                    ss.setdefault(_WARNINGS, []).append(warning)
            shadow[s.name] = value
        # Streamlit forgets a page's widgets when the page is left, and the browser
        # would redraw them at their defaults while the app keeps the stored value:
        # assigning the value again before the widget is drawn makes both agree.
        ss[s.name] = ss[s.name] if s.name in ss else P.to_widget(s, shadow[s.name])



def scenario_from_upload(data: bytes) -> tuple[Scenario | None, list[str]]:
    """A scenario JSON file (the schema of ``python -m engine evaluate``) → the
    scenario, or the reasons it was rejected. Never raises."""
    if len(data) > MAX_UPLOAD_BYTES:
        return None, [f"The file is {len(data):,} bytes; a scenario file is at most {MAX_UPLOAD_BYTES:,} bytes "
                      "(a few hundred is usual)."]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, ["The file is not UTF-8 text; a scenario file is JSON."]
    try:
        return scenario_from_json(text), []
    except ValidationError as exc:
        return None, describe_validation_error(exc) or ["The file is not a valid scenario."]
    except (ValueError, TypeError, RecursionError) as exc:
        return None, [str(exc) or "The file is not a valid scenario."]


def apply_scenario(scenario: Scenario) -> tuple[bool, list[str]]:
    """Set the inputs to ``scenario``. Returns (applied, messages): when not
    applied the messages say why; when applied they are notes."""
    converted = P.values_from_scenario(scenario)
    if converted.problems:
        return False, converted.problems
    set_values(converted.values)
    return True, converted.notes
