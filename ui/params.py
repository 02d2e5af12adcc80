"""The one schema of every scenario input, and the shareable link.

Each input is a ``ParamSpec``: its ``name`` is at once the Streamlit widget
key, the query-parameter name in the link and the key in a *values* dict
(``{name: typed value}``). Defaults, descriptions and clauses come from the
engine's models (``Scenario``, ``Termination``, ``ChangeInControlFacts``,
``Assumptions``), so the letter's text lives in one place. No Streamlit here:
everything is plain functions a test can call.

Public API (used by ``ui.state``, ``ui.sidebar`` and the pages)
----------------------------------------------------------------
``ParamSpec``                       one input: name, kind, default, label, help, clause, bounds, …
``specs() -> list[ParamSpec]``      every sidebar input (``CORE_PARAMS``), in display order; a page's
                                    own inputs are declared by the page and kept in its session
                                    (``ui.state.ensure_params``), never in a process-wide registry
``spec(name) -> ParamSpec``         one sidebar input by name (KeyError if unknown)
``defaults() -> dict``              ``{name: default}`` for every sidebar input
``is_passthrough(name) -> bool``    is an unknown parameter another page's (``PAGE_PARAM_PATTERNS``)
``applies(spec, values) -> bool``   is the input relevant for these values (e.g. notice date only
                                    for a resignation or Good Cause ground (b))
``normalize(values) -> dict``       values with every input that does not apply reset to its default
``parse_query_params(query) -> ParsedParams``
                                    link → typed values + one warning per unreadable parameter;
                                    never raises (10,000-char values, unicode, empty values …)
``to_query_params(values, passthrough=None) -> dict[str, str]``
                                    values → link parameters: only inputs that apply and differ
                                    from their default; dates ISO, floats repr-exact
``query_string(params) -> str``     ``dict`` → ``"a=1&b=2"`` (URL-encoded)
``build_scenario(values) -> BuiltScenario``
                                    values → validated ``Scenario`` or error lines naming the
                                    field and the clause; never raises
``values_from_scenario(scenario) -> ScenarioValues``
                                    a ``Scenario`` (e.g. an uploaded file) → values, plus the
                                    problems that stop it being shown here (terms overrides)
``display_value(spec, value) -> str`` a value as the board reads it (for messages)
``to_widget(spec, value)`` / ``from_widget(spec, value)`` / ``widget_options(spec)``
                                    an optional choice's ``None`` is ``NONE_CHOICE`` in its selectbox

Invariants (tested in tests/app/test_params.py): for any valid values ``v``,
``parse_query_params(to_query_params(v)).values == normalize(v)``, with no
warnings; and a link survives parse → serialize → parse unchanged.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, get_args
from urllib.parse import urlencode

from pydantic import BaseModel, ValidationError

from engine.dates import MAX_DATE, MIN_DATE, format_date
from engine.errors import describe_validation_error
from engine.pay_records import other_pay_by_year, w2_box1_by_year
from engine.registry import CHOICE, STILL_EMPLOYED
from engine.scenario import (
    DEAL_LABELS,
    GROUND_LABELS,
    REASON_LABELS,
    ChangeInControl,
    ChangeInControlFacts,
    DealType,
    GoodCauseGround,
    Reason,
    Scenario,
    Termination,
)
from engine.terms import Assumptions, OfferTerms, clause_of
from ui.terms_text import LETTER_TERMS, acquirer_rule, carve_out_label, carve_out_rule, retained_rule, window

Kind = Literal["date", "float", "int", "choice", "bool", "text"]
Group = Literal["facts", "termination", "change_in_control", "assumptions", "extension"]

# Longest raw value quoted back in a warning; longer ones are cut with "…".
_QUOTE_CHARS = 24
# A pass-through value longer than this is dropped (links stay shareable).
_PASSTHROUGH_MAX_CHARS = 1_000
_PASSTHROUGH_MAX_PARAMS = 100


@dataclass(frozen=True, eq=False)
class ParamSpec:
    """One input of the scenario.

    ``name``      widget key = query-parameter name = key in a values dict.
    ``kind``      ``date`` | ``float`` | ``int`` | ``choice`` | ``bool``.
    ``default``   the value when the link does not give one (from the engine's models).
    ``label``     the widget label (short, in the contract's words).
    ``help``      tooltip text; names the clause, starts with "Assumption:" for assumptions.
    ``clause``    the clause the input belongs to, e.g. ``§6.1``.
    ``assumption`` True when the letter is silent and this is an assumption.
    ``optional``  ``None`` is a valid value (an empty value in a link).
    ``choices``   allowed values of a ``choice`` (``None`` among them when optional).
    ``choice_labels`` how each choice reads in a selectbox.
    ``min_value``/``max_value``  widget bounds; link values outside them are refused with a warning.
    ``step``/``format``          widget step and printf format (numbers).
    ``unit``      ``$``, ``%`` or a word (``days``) for messages.
    ``group``     where the sidebar draws it.
    ``target``    where the value goes in a ``Scenario`` (dotted path), for reference.
    ``condition`` ``values -> bool``: does the input apply (``None`` = always).
    """

    name: str
    kind: Kind
    default: Any
    label: str
    help: str
    clause: str = ""
    assumption: bool = False
    optional: bool = False
    choices: tuple[Any, ...] = ()
    choice_labels: Mapping[Any, str] = field(default_factory=dict)
    min_value: Any = None
    max_value: Any = None
    step: Any = None
    format: str | None = None
    unit: str = ""
    group: Group = "facts"
    target: str = ""
    condition: Callable[[Mapping[str, Any]], bool] | None = None

    def label_of(self, value: Any) -> str:
        """How a choice value reads (the value itself when it has no label)."""
        if value == NONE_CHOICE:
            value = None
        return self.choice_labels.get(value, "—" if value is None else str(value))


@dataclass
class ParsedParams:
    """What a link gave: ``values`` for every registered input (defaults filled in),
    ``warnings`` (one per unreadable parameter, naming it), ``passthrough`` (unknown
    parameters kept verbatim for other pages) and ``ignored`` (unknown names)."""

    values: dict[str, Any]
    warnings: list[str]
    passthrough: dict[str, str]
    ignored: list[str]


@dataclass
class BuiltScenario:
    """``scenario`` is ``None`` exactly when ``errors`` is not empty."""

    scenario: Scenario | None
    errors: list[str]

    @property
    def ok(self) -> bool:
        return self.scenario is not None


@dataclass
class ScenarioValues:
    """``values_from_scenario``'s answer: ``problems`` non-empty means the scenario
    cannot be shown with these inputs (nothing should be applied); ``notes`` are
    harmless simplifications worth telling the user."""

    values: dict[str, Any]
    problems: list[str]
    notes: list[str]


# --------------------------------------------------------------------------
# The inputs
# --------------------------------------------------------------------------


def _desc(model: type[BaseModel], name: str) -> str:
    return model.model_fields[name].description or ""


def _default(model: type[BaseModel], name: str) -> Any:
    return model.model_fields[name].default


def _bounds(model: type[BaseModel], name: str) -> tuple[Any, Any]:
    """Inclusive widget bounds from the field's ge/gt/le/lt (exclusive ones are
    left to the engine, whose message then names the clause)."""
    lo = hi = None
    for meta in model.model_fields[name].metadata:
        for attr in ("ge", "gt"):
            if getattr(meta, attr, None) is not None:
                lo = getattr(meta, attr)
        for attr in ("le", "lt"):
            if getattr(meta, attr, None) is not None:
                hi = getattr(meta, attr)
    return lo, hi


def _reason(values: Mapping[str, Any]) -> str:
    return values.get("reason", "none")


def _terminated(values: Mapping[str, Any]) -> bool:
    return _reason(values) != "none"


def _good_cause(values: Mapping[str, Any]) -> bool:
    return _reason(values) == "good_cause"


def _needs_notice(values: Mapping[str, Any]) -> bool:
    reason = _reason(values)
    return reason == "resignation" or (reason == "good_cause" and values.get("good_cause_ground") == "neglect")


def _has_cic(values: Mapping[str, Any]) -> bool:
    return values.get("cic_date") is not None


def _deal(kind: str) -> Callable[[Mapping[str, Any]], bool]:
    return lambda values: _has_cic(values) and values.get("cic_deal_type") == kind


_PRICE_STEP = 0.01
_PRICE_FORMAT = "%.2f"

REASON_CHOICES: tuple[str, ...] = ("none", *get_args(Reason))
REASON_CHOICE_LABELS: dict[str, str] = {STILL_EMPLOYED.key: STILL_EMPLOYED.label, **REASON_LABELS}

_ASSUMPTION_WIDGETS: dict[str, dict[str, Any]] = {
    # name: label, step, format, choice labels
    "annual_raise_pct": {"label": "Raise at each Adjustment Date, %", "step": 0.5, "format": "%.2f", "unit": "%"},
    "monthly_health_premium": {"label": "Company's monthly cost of health coverage, $", "step": 50.0, "format": "%.2f",
                               "unit": "$"},
    "unvested_at_termination": {
        "label": "Unvested options at termination",
        "labels": {key: c.label for key, c in CHOICE["unvested_at_termination"].items()},
    },
    "exercise_window_days": {"label": "Days to exercise vested options after the last day", "step": 1,
                             "unit": "days"},
    "cic_acceleration": {
        "label": "Vesting acceleration on a Change in Control",
        "labels": {key: c.label for key, c in CHOICE["cic_acceleration"].items()},
    },
    "double_trigger_months": {"label": "Double-trigger window, months after the Change in Control", "step": 1,
                              "unit": "months"},
    "volatility_pct": {"label": "Volatility, % a year", "step": 1.0, "format": "%.2f", "unit": "%"},
    "risk_free_rate_pct": {"label": "Risk-free rate, % a year", "step": 0.25, "format": "%.2f", "unit": "%"},
    "expected_term_years": {"label": "Expected term, years", "step": 0.25, "format": "%.2f", "unit": "years"},
    "dividend_yield_pct": {"label": "Dividend yield, % a year", "step": 0.25, "format": "%.2f", "unit": "%"},
}


# §280G / §4999 assumptions (contract/280G.md), shown only with a Change in Control. The
# by-year base-amount inputs (other_includible_pay_by_year, w2_box1_by_year) are CLI-only.
_ASSUMPTION_WIDGETS.update({
    "afr120_short_pct": {"label": "§280G: 120% AFR short-term, %", "step": 0.01, "format": "%.2f", "unit": "%"},
    "afr120_mid_pct": {"label": "§280G: 120% AFR mid-term, %", "step": 0.01, "format": "%.2f", "unit": "%"},
    "afr120_long_pct": {"label": "§280G: 120% AFR long-term, %", "step": 0.01, "format": "%.2f", "unit": "%"},
    "corporate_tax_rate_pct": {"label": "§280G: Company's tax rate, %", "step": 1.0, "format": "%.2f", "unit": "%"},
    "executive_tax_rate_pct": {"label": "§280G: his marginal tax rate, %", "step": 0.5, "format": "%.2f",
                               "unit": "%"},
    "option_term_years": {"label": "§280G: option term from grant, years", "step": 1.0, "format": "%.2f",
                          "unit": "years"},
    "acceleration_presumption_rebutted": {"label": "§280G: acceleration shown not contingent (G5(ii))"},
    "acceleration_adopted_date": {"label": "§280G: acceleration term adopted on"},
    "ordinary_pay_presumption_rebutted": {"label": "§280G: salary and buyout shown not contingent (G5(i))"},
    "termination_presumption_rebutted": {"label": "§280G: termination-relation presumption rebutted (G6)"},
    "payroll_lag_days": {"label": "§280G: payroll lag, days", "step": 1, "unit": "days"},
    "pretax_deferral_pct": {"label": "§280G: pre-tax deferral of salary, %", "step": 1.0, "format": "%.2f",
                            "unit": "%"},
    "reasonable_compensation_lump_sum": {"label": "§280G: reasonable compensation in the lump sum, $",
                                         "step": 1000.0, "format": "%.2f", "unit": "$"},
    "disqualified_individual": {"label": "§280G: he is a disqualified individual (G1)"},
    "stock_readily_tradeable": {"label": "§280G: Valence stock readily tradeable (G3)"},
    "shareholder_approval": {"label": "§280G: >75% shareholder approval (G3)"},
    "small_business_corporation": {"label": "§280G: small business corporation (G3)"},
    "change_is_280g_change": {"label": "§280G: the §6.3 event is a §280G change (G2)"},
    "w2_box1_by_year": {"label": "§280G: W-2 box 1 by year (recurring + non-recurring)"},
    "other_includible_pay_by_year": {"label": "§280G: other includible pay by year"},
})
_280G_FIELDS = frozenset(Assumptions.model_fields) - {
    "annual_raise_pct", "monthly_health_premium", "unvested_at_termination", "exercise_window_days",
    "cic_acceleration", "double_trigger_months", "volatility_pct", "risk_free_rate_pct", "expected_term_years",
    "dividend_yield_pct"}


def _280g_spec(name: str) -> ParamSpec:
    """A §280G assumption's input: numbers as the others, booleans and dates by their kind."""
    from dataclasses import replace

    info = Assumptions.model_fields[name]
    if info.annotation not in (bool, dt.date, str):
        return replace(_assumption_spec(name), condition=_has_cic)
    lo, hi = _bounds(Assumptions, name) if info.annotation is not str else (None, None)
    clause = clause_of(Assumptions, name)
    kind = {bool: "bool", dt.date: "date", str: "text"}[info.annotation]
    return ParamSpec(name=name, kind=kind, default=info.default,
                     label=_ASSUMPTION_WIDGETS[name]["label"],
                     help=f"Assumption: the law or the letter leaves it open. {info.description} ({clause})",
                     clause=clause, assumption=True, group="assumptions", target=f"assumptions.{name}",
                     condition=_has_cic, min_value=lo, max_value=hi)


def _assumption_spec(name: str) -> ParamSpec:
    info = Assumptions.model_fields[name]
    widget = _ASSUMPTION_WIDGETS[name]
    clause = clause_of(Assumptions, name)
    annotation = info.annotation
    lo, hi = _bounds(Assumptions, name)
    if name == "annual_raise_pct":
        # Let a negative raise through to the engine: its message cites §3
        # ("may never be decreased"), which is the point to show.
        lo = -100.0
    condition = None
    if name == "double_trigger_months":
        condition = lambda values: values.get("cic_acceleration", "none") == "double_trigger"  # noqa: E731
    common = dict(
        name=name, default=info.default, label=widget["label"],
        help=f"Assumption: the letter is silent. {info.description} ({clause})",
        clause=clause, assumption=True, group="assumptions", target=f"assumptions.{name}", condition=condition,
    )
    if annotation is int:
        return ParamSpec(kind="int", min_value=lo, max_value=hi, step=widget.get("step", 1),
                         unit=widget.get("unit", ""), **common)
    if annotation is float:
        return ParamSpec(kind="float", min_value=float(lo) if lo is not None else None,
                         max_value=float(hi) if hi is not None else None,
                         step=widget.get("step"), format=widget.get("format"), unit=widget.get("unit", ""),
                         **common)
    choices = tuple(get_args(annotation))
    return ParamSpec(kind="choice", choices=choices, choice_labels=widget.get("labels", {}), **common)


def _core_specs() -> list[ParamSpec]:
    gc_clause = "§6.2"
    out = [
        ParamSpec(
            name="hire_date", kind="date", default=_default(Scenario, "hire_date"), label="Hire date",
            help=f"{_desc(Scenario, 'hire_date')} Every vest date and the "
                 f"{LETTER_TERMS.protection_months}-month window of §6.1 count from it (§4, §6.1).",
            clause="§4, §6.1", min_value=MIN_DATE, max_value=MAX_DATE, target="hire_date",
        ),
        ParamSpec(
            name="stock_price", kind="float", default=_default(Scenario, "stock_price"),
            label="Stock price, $ a share", unit="$", help=_desc(Scenario, "stock_price"), clause="§4",
            min_value=0.0, max_value=1e6, step=_PRICE_STEP, format=_PRICE_FORMAT, target="stock_price",
        ),
        ParamSpec(
            name="exercise_price", kind="float", default=_default(Scenario, "exercise_price"),
            label="Exercise price, $ a share", unit="$", help=_desc(Scenario, "exercise_price"), clause="§4",
            min_value=0.0, max_value=1e6, step=_PRICE_STEP, format=_PRICE_FORMAT, target="exercise_price",
        ),
        ParamSpec(
            name="reason", kind="choice", default="none", label="How employment ends",
            help="Who ends employment and why decides what §6.1 pays: a Company termination other than for "
                 f"Good Cause (disability included) pays within {window(LETTER_TERMS)}; Good Cause, resignation "
                 "and death do not (§6.1, §6.2, §9, §10).",
            clause="§6.1, §6.2, §9, §10", choices=REASON_CHOICES, choice_labels=REASON_CHOICE_LABELS,
            group="termination", target="termination.reason",
        ),
        ParamSpec(
            name="termination_date", kind="date", default=None, label="Last day of employment",
            help=f"{_desc(Termination, 'date')} The last day counts as a day employed (§3).",
            clause="§3, §6, §10", optional=True, min_value=MIN_DATE, max_value=MAX_DATE,
            group="termination", target="termination.date", condition=_terminated,
        ),
        ParamSpec(
            name="good_cause_ground", kind="choice", default=None, label="Good Cause ground",
            help=f"{_desc(Termination, 'good_cause_ground')} Leave it unstated to see what the Board must "
                 "still establish.",
            clause=gc_clause, optional=True, choices=(None, *get_args(GoodCauseGround)),
            choice_labels={None: "Not stated", **GROUND_LABELS},
            group="termination", target="termination.good_cause_ground", condition=_good_cause,
        ),
        ParamSpec(
            name="notice_date", kind="date", default=None, label="Written notice date",
            help=_desc(Termination, "notice_date"), clause="§6.2(b), §10", optional=True,
            min_value=MIN_DATE, max_value=MAX_DATE, group="termination", target="termination.notice_date",
            condition=_needs_notice,
        ),
        ParamSpec(
            name="as_of", kind="date", default=None, label="Figures as of",
            help=f"{_desc(Scenario, 'as_of')} Empty: as of full vesting on the fourth anniversary (§4).",
            clause="§3, §4", optional=True, min_value=MIN_DATE, max_value=MAX_DATE,
            group="termination", target="as_of", condition=lambda values: not _terminated(values),
        ),
        ParamSpec(
            name="cic_date", kind="date", default=None, label="Change in Control date",
            help=f"{_desc(ChangeInControl, 'date')} Within {window(LETTER_TERMS)} it alone pays the §6.1 lump sum, "
                 "even if employment continues. Empty: no Change in Control.",
            clause="§6.1, §6.3", optional=True, min_value=MIN_DATE, max_value=MAX_DATE,
            group="change_in_control", target="change_in_control.date",
        ),
        ParamSpec(
            name="cic_deal_type", kind="choice", default=None, label="What happened",
            help=f"{_desc(ChangeInControlFacts, 'deal_type')} Not given: the event is taken to be a Change "
                 "in Control (flagged as an assumption).",
            clause="§6.3", optional=True, choices=(None, *get_args(DealType)),
            choice_labels={None: "Not given: taken to be a Change in Control", **DEAL_LABELS},
            group="change_in_control", target="change_in_control.facts.deal_type", condition=_has_cic,
        ),
        ParamSpec(
            name="cic_retained_pct", kind="float", default=None,
            label="Prior shareholders' share of the survivor, %", unit="%",
            help=f"{_desc(ChangeInControlFacts, 'shareholders_retained_pct')} {retained_rule(LETTER_TERMS)}.",
            clause="§6.3(a)(i)", optional=True, min_value=0.0, max_value=100.0, step=1.0, format="%.2f",
            group="change_in_control", target="change_in_control.facts.shareholders_retained_pct",
            condition=_deal("merger"),
        ),
        ParamSpec(
            name="cic_all_assets", kind="bool",
            default=_default(ChangeInControlFacts, "all_or_substantially_all_assets"),
            label="All or substantially all of the assets",
            help=_desc(ChangeInControlFacts, "all_or_substantially_all_assets"), clause="§6.3(a)(ii)",
            group="change_in_control", target="change_in_control.facts.all_or_substantially_all_assets",
            condition=_deal("asset_sale"),
        ),
        ParamSpec(
            name="cic_acquirer_pct", kind="float", default=None, label="Acquirer's share of voting control, %",
            unit="%",
            help=f"{_desc(ChangeInControlFacts, 'acquirer_pct')} {acquirer_rule(LETTER_TERMS)}.",
            clause="§6.3(b)", optional=True, min_value=0.0, max_value=100.0, step=1.0, format="%.2f",
            group="change_in_control", target="change_in_control.facts.acquirer_pct",
            condition=_deal("acquisition"),
        ),
        ParamSpec(
            name="cic_acquirer_is_berg", kind="bool", default=_default(ChangeInControlFacts, "acquirer_is_berg"),
            label=carve_out_label(LETTER_TERMS),
            help=f"{_desc(ChangeInControlFacts, 'acquirer_is_berg')} {LETTER_TERMS.control_carve_out} "
                 f"{carve_out_rule(LETTER_TERMS)}.",
            clause="§6.3(b)", group="change_in_control", target="change_in_control.facts.acquirer_is_berg",
            condition=_deal("acquisition"),
        ),
    ]
    out += [_280g_spec(name) if name in _280G_FIELDS else _assumption_spec(name)
            for name in Assumptions.model_fields if name in _ASSUMPTION_WIDGETS]
    return out


CORE_PARAMS: tuple[ParamSpec, ...] = tuple(_core_specs())
CORE_NAMES = frozenset(s.name for s in CORE_PARAMS)
_BY_NAME = MappingProxyType({s.name: s for s in CORE_PARAMS})
# The other pages' inputs, by prefix. A link is read on a session's first run, before
# the page it names has declared its inputs (``state.ensure_params``); parameters with
# these names are kept as they are and given to the page when it declares them, so a
# shared link to any page reproduces it whichever page opens first: e.g.
# ``v1_severance_lump_sum``. Fixed here: nothing adds to it at run time.
PAGE_PARAM_PATTERNS: tuple[str, ...] = (
    r"variants|v\d+_[A-Za-z0-9_]+",  # Negotiate
    r"matrix_[a-z_]+",  # Termination matrix
    r"c6[23]_[a-z_]+",  # Contract
    r"sens_[a-z_]+",  # Sensitivity
)
_PASSTHROUGH: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in PAGE_PARAM_PATTERNS)


def specs() -> list[ParamSpec]:
    return list(CORE_PARAMS)


def spec(name: str) -> ParamSpec:
    return _BY_NAME[name]


def defaults() -> dict[str, Any]:
    return {s.name: s.default for s in CORE_PARAMS}


def is_passthrough(name: str) -> bool:
    return any(p.fullmatch(name) for p in _PASSTHROUGH)


def applies(s: ParamSpec, values: Mapping[str, Any]) -> bool:
    return s.condition is None or bool(s.condition(values))


def normalize(values: Mapping[str, Any], spec_list: Iterable[ParamSpec] | None = None) -> dict[str, Any]:
    """Every input, with those that do not apply (or are missing) at their default."""
    chosen = list(spec_list) if spec_list is not None else specs()
    merged = {s.name: values.get(s.name, s.default) for s in chosen}
    merged.update({k: v for k, v in values.items() if k not in merged})
    return {s.name: (merged[s.name] if applies(s, merged) else s.default) for s in chosen}


# --------------------------------------------------------------------------
# Reading and writing one value
# --------------------------------------------------------------------------


# Streamlit's selectbox reads a None value as "nothing chosen" and shows its
# placeholder; an optional choice's "none" is therefore this string in widgets.
NONE_CHOICE = "(none)"


def to_widget(s: ParamSpec, value: Any) -> Any:
    """A value as its widget holds it (``None`` of a choice → ``NONE_CHOICE``)."""
    return NONE_CHOICE if s.kind == "choice" and value is None else value


def from_widget(s: ParamSpec, value: Any) -> Any:
    """A widget's value as a typed value. Whole-number inputs are float widgets (Streamlit's
    integer widget dies on a NaN or infinity sent by a client before the app can answer; a
    float one does not): a whole float is read back as an int."""
    if s.kind == "choice" and value == NONE_CHOICE:
        return None
    if s.kind == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def sent_value_problem(s: ParamSpec, value: Any) -> str | None:
    """Why a value an input's widget sent cannot be used (``value`` as ``from_widget`` gives it),
    or ``None``. The browser never sends these; a broken or hostile client might."""
    if s.kind not in ("int", "float"):
        return None
    if value is None:  # a float widget drawn with value=None turns a NaN or infinity into None
        return None if s.optional else "received no number (it was empty, or not a finite number)"
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        return f"received {quote(str(value))}, not a finite number"
    if s.kind == "int" and not isinstance(value, int):
        return f"received {quote(str(value))}, not a whole number"
    return None


def widget_options(s: ParamSpec) -> list[Any]:
    return [to_widget(s, c) for c in s.choices]


def display_value(s: ParamSpec, value: Any) -> str:
    if value is None:
        return "empty"
    if s.kind == "date":
        return format_date(value)
    if s.kind == "choice":
        return s.label_of(value)
    if s.kind == "bool":
        return "yes" if value else "no"
    if s.kind == "text":
        return f"\"{value}\"" if value else "empty"
    number = f"{value:,.2f}" if s.kind == "float" and s.format == "%.2f" else f"{value:,}"
    if s.unit == "$":
        return f"-${number[1:]}" if number.startswith("-") else f"${number}"
    if s.unit == "%":
        return f"{number}%"
    if not s.unit:
        return number
    # "1 month", "-1 month", "1.5 months": a plural unit loses its s at exactly one.
    singular = value in (1, -1) and s.unit.endswith("s")
    return f"{number} {s.unit[:-1] if singular else s.unit}"


def quote(raw: str) -> str:
    text = raw if len(raw) <= _QUOTE_CHARS else raw[:_QUOTE_CHARS] + "…"
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return f"“{text}”"


class _Unreadable(ValueError):
    """The raw value is not one of this input's values; the message says why."""


_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


# Text inputs and the engine function that reads each (a §280G pay record by year).
TEXT_READERS = {"w2_box1_by_year": w2_box1_by_year, "other_includible_pay_by_year": other_pay_by_year}


def _decode(s: ParamSpec, raw: str) -> Any:
    text = raw.strip()
    if text == "" and s.kind == "text":
        return ""
    if text == "":
        if s.optional:
            return None
        raise _Unreadable("is empty")
    if s.kind == "date":
        try:
            value = dt.date.fromisoformat(text)
        except (ValueError, OverflowError):
            raise _Unreadable("is not a date in the form YYYY-MM-DD") from None
    elif s.kind == "float":
        try:
            value = float(text)
        except (ValueError, OverflowError):
            raise _Unreadable("is not a number") from None
        if not math.isfinite(value):
            raise _Unreadable("is not a finite number")
    elif s.kind == "int":
        try:
            value = int(text)
        except (ValueError, OverflowError):
            try:
                as_float = float(text)
            except (ValueError, OverflowError):
                raise _Unreadable("is not a whole number") from None
            if not (math.isfinite(as_float) and as_float.is_integer()):
                raise _Unreadable("is not a whole number") from None
            value = int(as_float)
    elif s.kind == "bool":
        lowered = text.lower()
        if lowered in _TRUE:
            value = True
        elif lowered in _FALSE:
            value = False
        else:
            raise _Unreadable("is not true or false")
    elif s.kind == "text":
        try:
            TEXT_READERS[s.name](text)  # the engine's own reader (engine/pay_records.py)
        except ValueError as exc:
            raise _Unreadable(str(exc).removeprefix(f"{s.name}: ")) from None
        value = text
    elif s.kind == "choice":
        if text not in s.choices:
            allowed = ", ".join(str(c) for c in s.choices if c is not None)
            raise _Unreadable(f"is not one of {allowed}")
        value = text
    else:  # pragma: no cover - kinds are a closed set
        raise _Unreadable("has an unknown kind")
    if s.min_value is not None and value < s.min_value:
        raise _Unreadable(f"is below the smallest allowed value, {display_value(s, s.min_value)}")
    if s.max_value is not None and value > s.max_value:
        raise _Unreadable(f"is above the largest allowed value, {display_value(s, s.max_value)}")
    return value


def _encode(s: ParamSpec, value: Any) -> str:
    if value is None:
        return ""
    if s.kind == "date":
        return value.isoformat()
    if s.kind == "float":
        text = repr(float(value))  # shortest string that reads back as the same float
        return text[:-2] if text.endswith(".0") else text
    if s.kind == "int":
        return str(int(value))
    if s.kind == "bool":
        return "true" if value else "false"
    return str(value)


def field_label(s: ParamSpec) -> str:
    """The input's label and clause, as a warning names them: ``Stock price, $ a share; §4``."""
    return f"{s.label}; {s.clause}" if s.clause else s.label


def decode_value(s: ParamSpec, raw: str) -> tuple[Any, str | None]:
    """One link value → (typed value, None) or (the default, a warning naming the parameter, its
    label and its clause)."""
    try:
        return _decode(s, raw), None
    except _Unreadable as why:
        return s.default, (
            f"Link parameter {s.name} ({field_label(s)}): the value {quote(raw)} {why}; "
            f"the default, {display_value(s, s.default)}, is used."
        )
    except Exception:  # noqa: BLE001 - a link must never break the page
        return s.default, (
            f"Link parameter {s.name} ({field_label(s)}): the value {quote(raw)} could not be read; "
            f"the default, {display_value(s, s.default)}, is used."
        )


# --------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------


def _last(raw: Any) -> str:
    """Repeated parameters: the last one wins, as in ``st.query_params``."""
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else ""
    return "" if raw is None else str(raw)


def parse_query_params(
    query: Mapping[str, str | Sequence[str]], spec_list: Iterable[ParamSpec] | None = None
) -> ParsedParams:
    """Read a link's parameters. Never raises.

    Unknown parameters are ignored silently, except those matching a pass-through
    pattern (kept verbatim in ``passthrough``). Inputs that do not apply to the
    values read (e.g. a notice date without a resignation) are reset to default.
    """
    chosen = list(spec_list) if spec_list is not None else specs()
    by_name = {s.name: s for s in chosen}
    values = {s.name: s.default for s in chosen}
    warnings: list[str] = []
    passthrough: dict[str, str] = {}
    ignored: list[str] = []
    try:
        items = list(query.items())
    except Exception:  # noqa: BLE001
        items = []
    for name, raw in items:
        name = str(name)
        text = _last(raw)
        s = by_name.get(name)
        if s is not None:
            values[name], warning = decode_value(s, text)
            if warning:
                warnings.append(warning)
        elif is_passthrough(name) and len(passthrough) < _PASSTHROUGH_MAX_PARAMS:
            if len(text) <= _PASSTHROUGH_MAX_CHARS:
                passthrough[name] = text
            else:
                warnings.append(f"Link parameter {name}: its value is longer than "
                                f"{_PASSTHROUGH_MAX_CHARS:,} characters and was dropped.")
        else:
            ignored.append(name)
    return ParsedParams(values=normalize(values, chosen), warnings=warnings, passthrough=passthrough,
                        ignored=ignored)


def to_query_params(
    values: Mapping[str, Any],
    spec_list: Iterable[ParamSpec] | None = None,
    passthrough: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The link's parameters: inputs that apply and differ from their default, in
    schema order, then the pass-through ones (never overriding a registered input)."""
    chosen = list(spec_list) if spec_list is not None else specs()
    merged = normalize(values, chosen)
    out: dict[str, str] = {}
    for s in chosen:
        value = merged[s.name]
        if value == s.default:
            continue
        out[s.name] = _encode(s, value)
    for name, text in (passthrough or {}).items():
        if name not in out and name not in CORE_NAMES:
            out[name] = text
    return out


def query_string(params: Mapping[str, str | Sequence[str]]) -> str:
    return urlencode(params, doseq=True)  # a list value: the parameter repeated


# --------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------


def cic_facts_data(values: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """The §6.3 facts for ``ChangeInControlFacts`` from inputs named ``{prefix}deal_type``,
    ``{prefix}retained_pct`` …: each deal type takes only the facts its sub-clause tests."""
    deal = values[f"{prefix}deal_type"]
    facts: dict[str, Any] = {"deal_type": deal}
    if deal == "merger":  # §6.3(a)(i)
        facts["shareholders_retained_pct"] = values[f"{prefix}retained_pct"]
    elif deal == "asset_sale":  # §6.3(a)(ii)
        facts["all_or_substantially_all_assets"] = values[f"{prefix}all_assets"]
    elif deal == "acquisition":  # §6.3(b)
        facts["acquirer_pct"] = values[f"{prefix}acquirer_pct"]
        facts["acquirer_is_berg"] = values[f"{prefix}acquirer_is_berg"]
    return facts


def _scenario_data(values: Mapping[str, Any]) -> dict[str, Any]:
    v = normalize(values, CORE_PARAMS)
    data: dict[str, Any] = {
        "hire_date": v["hire_date"],
        "exercise_price": v["exercise_price"],
        "stock_price": v["stock_price"],
    }
    if v["reason"] == "none":
        data["as_of"] = v["as_of"]
    else:
        data["termination"] = {
            "date": v["termination_date"],
            "reason": v["reason"],
            "good_cause_ground": v["good_cause_ground"],
            "notice_date": v["notice_date"],
        }
    if v["cic_date"] is not None:
        deal = v["cic_deal_type"]
        facts = cic_facts_data(v, "cic_") if deal is not None else None
        data["change_in_control"] = {"date": v["cic_date"], "facts": facts}
    data["assumptions"] = {
        s.target.removeprefix("assumptions."): v[s.name] for s in CORE_PARAMS if s.target.startswith("assumptions.")
    }
    return data


def _label_errors(lines: list[str]) -> list[str]:
    """Prefix each engine message with the label of the input it is about, so the
    user finds the field in the sidebar: ``Written notice date (termination.notice_date): …``."""
    by_path: dict[str, ParamSpec] = {}
    last_parts: dict[str, list[ParamSpec]] = {}
    for s in CORE_PARAMS:
        if s.target:
            by_path[s.target] = s
            last_parts.setdefault(s.target.rsplit(".", 1)[-1], []).append(s)
    out = []
    for line in lines:
        field_path, sep, rest = line.partition(": ")
        s = by_path.get(field_path)
        if s is None and len(last_parts.get(field_path, [])) == 1:
            s = last_parts[field_path][0]
        out.append(f"{s.label} ({field_path}): {rest}" if s is not None and sep else line)
    return out


def build_scenario(values: Mapping[str, Any]) -> BuiltScenario:
    """The validated ``Scenario`` for these values, or the reasons it is not valid
    (one line per problem, naming the input's label, the field and the clause).
    Never raises."""
    try:
        return BuiltScenario(Scenario.model_validate(_scenario_data(values)), [])
    except ValidationError as exc:
        return BuiltScenario(None, _label_errors(describe_validation_error(exc)) or ["The scenario is not valid."])
    except Exception as exc:  # noqa: BLE001 - the page must keep working
        return BuiltScenario(None, [f"The scenario could not be built: {exc.__class__.__name__}."])


def values_from_scenario(scenario: Scenario) -> ScenarioValues:
    """The inputs that show ``scenario`` (e.g. an uploaded file).

    The sidebar shows the letter as signed, so a scenario that overrides the
    letter's own terms is a problem (nothing should be applied); an as-of date
    given together with a termination is dropped with a note (the engine ignores it).
    """
    problems: list[str] = []
    notes: list[str] = []
    values = {s.name: s.default for s in CORE_PARAMS}
    values.update(
        hire_date=scenario.hire_date, exercise_price=float(scenario.exercise_price),
        stock_price=float(scenario.stock_price),
    )
    changed_terms = [
        f"{name} ({clause_of(OfferTerms, name)})"
        for name, info in OfferTerms.model_fields.items()
        if getattr(scenario.terms, name) != info.default
    ]
    if changed_terms:
        problems.append(
            "It changes the letter's own terms (" + ", ".join(changed_terms) + "); this page applies the letter "
            "as signed. Remove the \"terms\" block to load it here."
        )
    t = scenario.termination
    if t is None:
        values["as_of"] = scenario.as_of
    else:
        values.update(reason=t.reason, termination_date=t.date, good_cause_ground=t.good_cause_ground,
                      notice_date=t.notice_date)
        if scenario.as_of is not None:
            notes.append(f"The file's as-of date ({format_date(scenario.as_of)}) is not used: with a termination "
                         "the figures are as of the last day employed.")
    c = scenario.change_in_control
    if c is not None:
        values["cic_date"] = c.date
        f = c.facts
        if f is not None:
            values["cic_deal_type"] = f.deal_type
            values["cic_retained_pct"] = f.shareholders_retained_pct
            values["cic_all_assets"] = f.all_or_substantially_all_assets
            values["cic_acquirer_pct"] = f.acquirer_pct
            values["cic_acquirer_is_berg"] = f.acquirer_is_berg
            ignored = []
            if f.deal_type != "merger" and f.shareholders_retained_pct is not None:
                ignored.append("shareholders_retained_pct")
            if f.deal_type != "asset_sale" and f.all_or_substantially_all_assets is not True:
                ignored.append("all_or_substantially_all_assets")
            if f.deal_type != "acquisition" and (f.acquirer_pct is not None or f.acquirer_is_berg):
                ignored.append("acquirer_pct/acquirer_is_berg")
            if ignored:
                notes.append(f"Change in Control facts that do not apply to a {DEAL_LABELS[f.deal_type].lower()} "
                             f"are not used: {', '.join(ignored)} (§6.3).")
    for s in CORE_PARAMS:
        if s.target.startswith("assumptions."):
            value = getattr(scenario.assumptions, s.target.removeprefix("assumptions."))
            values[s.name] = float(value) if s.kind == "float" else value
    # Values the widgets cannot show (outside their bounds) would break them.
    for s in CORE_PARAMS:
        value = values[s.name]
        if value is None or s.kind not in ("date", "float", "int"):
            continue
        if (s.min_value is not None and value < s.min_value) or (s.max_value is not None and value > s.max_value):
            problems.append(f"{s.name}: {display_value(s, value)} is outside what this page can show "
                            f"({display_value(s, s.min_value)} to {display_value(s, s.max_value)}).")
    return ScenarioValues(values=normalize(values, CORE_PARAMS), problems=problems, notes=notes)
