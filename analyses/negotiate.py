"""Negotiation: the letter as signed beside proposed variants of it.

A variant is the same ``OfferTerms`` model with other values (OpenFisca's
parameters-as-data), plus the few assumptions that are in practice negotiated
with the option grant — vesting acceleration on a Change in Control and what
happens to unvested options on a termination other than for Good Cause (§4, the
plan governs; the letter is silent). Every figure here is an ordinary
``evaluate`` (or, for the walk-away curves, the grid that ``evaluate`` is checked
against) of the scenario with the variant's terms, so the Negotiate page and
the Explorer can never disagree; differences versus the letter are computed
here, not in the page.

Public API
----------
``Variant``                         name, terms, and the negotiable assumption overrides
``LETTER``                          the letter as signed (no override)
``NEGOTIABLE``                      the inputs a proposal edits (``NegotiableInput``), in display order
``apply_variant(scenario, variant) -> Scenario``
``variant_from_inputs(label, name, inputs) -> VariantInput``
                                    a proposal's inputs → ``Variant`` or one message per problem,
                                    naming the proposal, the input and the clause
``evaluate_variants(scenario, variants) -> list[Evaluated]``   the letter first, then each variant
``compare(scenario, variants) -> DataFrame``   one row per component (and the totals), one column per
                                    variant, one difference column per proposal versus the letter
``compare_facts(scenario, variants) -> DataFrame``   the dates and share counts behind the figures
``components_long(frame) -> DataFrame``   the components of ``compare``'s frame, one row per (variant, component)
``walk_away_reason(scenario) -> str``      the termination reason the walk-away curves use
``walk_away(scenario, variants, reason=None) -> DataFrame``   long-form walk-away curves, one per variant
``window_ends(scenario, variants) -> DataFrame``   the end of each variant's §6.1 window
``flags_beyond_letter(evaluated) -> dict[str, list[Flag]]``   what each proposal's reading flags that
                                    the letter's does not
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from engine.dates import MAX_DATE, add_days, format_date
from engine.evaluate import evaluate
from analyses.matrix import CURVE_REASONS, curve_dates, walk_away_curves
from engine.outcome import Flag, Outcome
from engine.registry import CHOICES, COMPONENT, NEGOTIABLE_TERMS, Unit
from engine.scenario import Scenario
from engine.severance import protection_window_end
from engine.terms import Assumptions, CicAcceleration, OfferTerms, UnvestedTreatment, clause_of

LETTER_NAME = "Letter as signed"
NAME_MAX_CHARS = 60
MAX_VARIANTS = 3  # proposals compared with the letter at once (the page, the memo, the command line)

# --------------------------------------------------------------------------
# The variant
# --------------------------------------------------------------------------

OVERRIDES = ("cic_acceleration", "double_trigger_months", "unvested_at_termination")


class Variant(BaseModel):
    """A proposed version of the letter.

    ``terms``: the letter's terms with the proposed values (``OfferTerms``
    defaults are the letter as signed). The three overrides replace the
    scenario's assumption of the same name when set; ``None`` keeps the
    scenario's (the sidebar's) assumption.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    name: str = Field(min_length=1, max_length=NAME_MAX_CHARS, description="What the board calls this proposal.")
    terms: OfferTerms = Field(default_factory=OfferTerms)
    cic_acceleration: CicAcceleration | None = Field(
        None, description="Vesting acceleration on a Change in Control; None keeps the scenario's assumption.",
        json_schema_extra={"clause": clause_of(Assumptions, "cic_acceleration")})
    double_trigger_months: int | None = Field(
        None, ge=1, le=120,
        description="Double-trigger window, months after the Change in Control; None keeps the scenario's.",
        json_schema_extra={"clause": clause_of(Assumptions, "double_trigger_months")})
    unvested_at_termination: UnvestedTreatment | None = Field(
        None, description="Unvested options on a termination other than for Good Cause; None keeps the scenario's.",
        json_schema_extra={"clause": clause_of(Assumptions, "unvested_at_termination")})

    @field_validator("name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("name: a proposal needs a name")
        if not value.isprintable():  # a control character would reach the charts and the printout
            raise ValueError(f"name: a proposal's name is up to {NAME_MAX_CHARS} printable characters")
        return value

    def overrides(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in OVERRIDES if getattr(self, key) is not None}

    def assumptions_for(self, base: Assumptions) -> Assumptions:
        """The scenario's assumptions with this variant's overrides."""
        return Assumptions.model_validate({**base.model_dump(), **self.overrides()})


LETTER = Variant(name=LETTER_NAME)


def apply_variant(scenario: Scenario, variant: Variant) -> Scenario:
    """The same facts (hire, prices, termination, Change in Control) under the
    variant's terms and assumptions. Validated again: a variant's terms could
    move a date the scenario's checks depend on."""
    return scenario.with_changes(terms=variant.terms, assumptions=variant.assumptions_for(scenario.assumptions))


# --------------------------------------------------------------------------
# The inputs a proposal edits, and their messages
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class NegotiableInput:
    """One negotiable input: a term of ``OfferTerms`` or an assumption override.

    ``label`` is how the board names it in a sentence ("lump sum"); ``clause``
    comes from the model's field, so it is the one the engine cites.
    """

    name: str
    label: str
    unit: Unit
    model: type[BaseModel]

    @property
    def clause(self) -> str:
        return clause_of(self.model, self.name)

    @property
    def is_term(self) -> bool:
        return self.model is OfferTerms

    @property
    def letter_default(self) -> Any:
        """The letter's value (``None`` for an override: the scenario's assumption)."""
        return self.model.model_fields[self.name].default if self.is_term else None

    @property
    def description(self) -> str:
        return self.model.model_fields[self.name].description or ""

    def show(self, value: Any) -> str:
        """A value as the board reads it: ``$250,000``, ``36 months``, ``10%``."""
        return show_value(self.unit, value)


# The names, units and models come from the one registry (engine/registry.py).
NEGOTIABLE: tuple[NegotiableInput, ...] = tuple(
    NegotiableInput(t.key, t.short_label, t.unit, t.model) for t in NEGOTIABLE_TERMS)
NEGOTIABLE_BY_NAME: dict[str, NegotiableInput] = {item.name: item for item in NEGOTIABLE}

# An acceleration choice inside a sentence: "single trigger (all unvested vest at the Change in Control)".
CHOICE_LABELS: dict[str, str] = {c.key: c.words for c in CHOICES}


def _number(value: float) -> str:
    return f"{value:,.2f}" if round(value, 2) != round(value) else f"{value:,.0f}"


def show_value(unit: str, value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return CHOICE_LABELS.get(value, value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return str(value)
    sign = "−" if value < 0 else ""
    number = _number(abs(value))
    if unit == "$":
        return f"{sign}${number}"
    if unit == "%":
        return f"{sign}{number}%"
    if unit in ("months", "shares", "installments"):
        word = unit[:-1] if abs(value) == 1 else unit
        return f"{sign}{number} {word}"
    return f"{sign}{number}"


def letter_help(item: NegotiableInput, assumptions: Assumptions) -> str:
    """What the letter (or, for an override, the scenario's assumption) says, with its clause:
    ``Letter: $125,000 (§6.1(a))``."""
    if item.is_term:
        return f"Letter: {item.show(item.letter_default)} ({item.clause})"
    assumed = getattr(assumptions, item.name)
    return (f"The letter is silent; the sidebar assumes {item.show(assumed)} ({item.clause}). "
            "A proposal may write it in.")


@dataclass(frozen=True)
class VariantInput:
    """``variant`` is ``None`` exactly when ``errors`` is not empty."""

    variant: Variant | None
    errors: list[str]


def _problem(item: dict[str, Any], unit: str) -> str:
    kind = item.get("type", "")
    ctx = item.get("ctx") or {}
    if kind == "greater_than_equal":
        return f"is below the smallest allowed, {show_value(unit, ctx.get('ge'))}"
    if kind == "less_than_equal":
        return f"is above the largest allowed, {show_value(unit, ctx.get('le'))}"
    if kind == "greater_than":
        return f"must be more than {show_value(unit, ctx.get('gt'))}"
    if kind == "less_than":
        return f"must be less than {show_value(unit, ctx.get('lt'))}"
    if kind in ("int_from_float", "int_parsing", "int_type"):
        return "must be a whole number"
    if kind in ("finite_number",):
        return "must be a finite number"
    if kind in ("literal_error", "enum"):
        return "is not one of the choices"
    msg = str(item.get("msg", "is not valid"))
    return msg.removeprefix("Value error, ")


def _messages(label: str, exc: ValidationError) -> list[str]:
    lines = []
    for item in exc.errors(include_url=False):
        loc = [str(p) for p in item.get("loc", ()) if not isinstance(p, int)]
        field = loc[-1] if loc else ""
        spec = NEGOTIABLE_BY_NAME.get(field)
        if spec is not None:
            value = item.get("input")
            shown = spec.show(value) if isinstance(value, (int, float, str)) else "the value"
            lines.append(f"{label} · {spec.label}: {shown} {_problem(item, spec.unit)} ({spec.clause})")
        elif field == "name":
            lines.append(f"{label} · name: {_problem(item, '')}")
        else:
            lines.append(f"{label} · {field or 'proposal'}: {_problem(item, '')}")
    return [" ".join(line.split()) for line in lines]


def variant_from_inputs(label: str, name: str | None, inputs: Mapping[str, Any]) -> VariantInput:
    """A proposal from its inputs (keys of ``NEGOTIABLE``; missing ones keep the
    letter's value, ``None`` overrides keep the scenario's assumption). Never raises.

    ``label`` names the proposal in messages ("Proposal 1"); a blank ``name``
    falls back to it. Each message names the proposal, the input and the clause:
    ``Proposal 1 · protection window: −3 months is below the smallest allowed, 0 months (§6.1)``.
    """
    name = " ".join((name or "").split()) or label
    terms = {k: v for k, v in inputs.items() if k in NEGOTIABLE_BY_NAME and NEGOTIABLE_BY_NAME[k].is_term
             and v is not None}
    overrides = {k: v for k, v in inputs.items() if k in OVERRIDES}
    unknown = sorted(k for k in inputs if k not in NEGOTIABLE_BY_NAME)
    if unknown:
        return VariantInput(None, [f"{label}: unknown input {', '.join(unknown)}"])
    errors: list[str] = []
    try:
        offer = OfferTerms.model_validate(terms)
    except ValidationError as exc:
        errors += _messages(label, exc)
        offer = None
    try:
        variant = Variant.model_validate({"name": name[:NAME_MAX_CHARS], "terms": offer or OfferTerms(), **overrides})
    except ValidationError as exc:
        errors += _messages(label, exc)
        variant = None
    if errors:
        return VariantInput(None, errors)
    return VariantInput(variant, [])


# --------------------------------------------------------------------------
# Evaluating and comparing
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Evaluated:
    """One column of the comparison: ``column`` is the variant's name, made unique."""

    column: str
    variant: Variant
    scenario: Scenario
    outcome: Outcome


def _unique(names: Sequence[str]) -> list[str]:
    """Column names: a repeated name gets " (2)", " (3)" …"""
    used: set[str] = set()
    out = []
    for name in names:
        column, n = name, 1
        while column in used:
            n += 1
            column = f"{name} ({n})"
        used.add(column)
        out.append(column)
    return out


def evaluate_variants(scenario: Scenario, variants: Sequence[Variant]) -> list[Evaluated]:
    """The letter as signed (the scenario's assumptions, the letter's terms) first,
    then each variant, each an ordinary ``evaluate``."""
    everything = [LETTER, *variants]
    columns = _unique([v.name for v in everything])
    out = []
    for column, variant in zip(columns, everything):
        applied = apply_variant(scenario, variant)
        out.append(Evaluated(column, variant, applied, evaluate(applied)))
    return out


# (key, label, Outcome field, clause, kind) — the components of ``compare``, in order.
_ROW_ORDER = ("salary", "signing_buyout", "severance_lump_sum", "health_continuation", "total_cash",
              "vested_options", "accelerated_options", "total_value")
COMPARISON_ROWS: tuple[tuple[str, str, str, str, str], ...] = tuple(
    (c.key, c.label, c.outcome_field, c.clause, c.kind) for c in (COMPONENT[key] for key in _ROW_ORDER))
COMPONENT_KEYS = tuple(key for key, *_, kind in COMPARISON_ROWS if kind != "total")


def difference_column(column: str) -> str:
    return f"{column} vs letter"


def _comparison(evaluated: Sequence[Evaluated]) -> pd.DataFrame:
    letter, proposals = evaluated[0], evaluated[1:]
    records = []
    for key, label, field, clause, kind in COMPARISON_ROWS:
        record: dict[str, Any] = {"component": key, "Component": label, "Clause": clause, "kind": kind}
        base = float(getattr(letter.outcome, field))
        for e in evaluated:
            record[e.column] = float(getattr(e.outcome, field))
        for e in proposals:
            record[difference_column(e.column)] = round(float(getattr(e.outcome, field)) - base, 2)
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    frame.attrs["letter"] = letter.column
    frame.attrs["variants"] = [e.column for e in evaluated]
    frame.attrs["differences"] = {e.column: difference_column(e.column) for e in proposals}
    return frame


def compare(scenario: Scenario, variants: Sequence[Variant]) -> pd.DataFrame:
    """The scenario under the letter as signed and under each variant.

    One row per component (salary, buyout, lump sum, health, vested and
    accelerated option value) and the two totals; columns ``component`` (key),
    ``Component``, ``Clause``, ``kind`` (cash / option_value / total), one money
    column per variant named by it (the letter first), then one
    ``"<name> vs letter"`` column per proposal: its figure minus the letter's,
    to the cent. ``frame.attrs`` holds ``letter``, ``variants`` (the value
    columns) and ``differences`` (name → difference column).
    """
    return _comparison(evaluate_variants(scenario, variants))


def compare_evaluated(evaluated: Sequence[Evaluated]) -> pd.DataFrame:
    """``compare`` for variants already evaluated (``evaluate_variants``)."""
    return _comparison(evaluated)


def components_long(frame: pd.DataFrame) -> pd.DataFrame:
    """``compare``'s components (totals left out) as one row per (variant, component):
    ``variant``, ``variant_order``, ``component``, ``Component``, ``Clause``,
    ``amount``, ``difference`` (versus the letter; 0 for the letter itself)."""
    differences: dict[str, str] = frame.attrs.get("differences", {})
    records = []
    for order, column in enumerate(frame.attrs.get("variants", [])):
        for position, row in enumerate(frame[frame["kind"] != "total"].to_dict("records")):
            records.append({
                "variant": column, "variant_order": order, "component": row["component"],
                "component_order": position, "Component": row["Component"], "Clause": row["Clause"],
                "amount": row[column],
                "difference": row[differences[column]] if column in differences else 0.0,
            })
    return pd.DataFrame.from_records(records, columns=[
        "variant", "variant_order", "component", "component_order", "Component", "Clause", "amount", "difference"])


def _shares(n: int) -> str:
    return f"{n:,}"


# (fact, clause, how to read it from an Evaluated)
_FACTS: tuple[tuple[str, str, Any], ...] = (
    ("§6.1 window: last day inside", "§6.1",
     lambda e: format_date(add_days(e.outcome.protection_window_end, -1))),
    ("§6 Termination Date (the trigger)", "§6.1", lambda e: format_date(e.outcome.severance_termination_date)),
    ("§6.1 lump sum paid on", "§6.1(a)", lambda e: format_date(e.outcome.severance_payment_date)),
    ("Health months counted (after employment)", "§6.1(b)",
     lambda e: f"{e.outcome.health_continuation_months} of {e.scenario.terms.health_continuation_months}"),
    ("Option shares granted", "§4", lambda e: _shares(e.scenario.terms.option_shares)),
    ("Vested shares", "§4", lambda e: _shares(e.outcome.vested_shares)),
    ("Accelerated shares", "§4 (assumption)", lambda e: _shares(e.outcome.accelerated_shares)),
    ("Forfeited shares", "§4 (plan governs)", lambda e: _shares(e.outcome.forfeited_shares)),
    ("Not yet vested (still employed)", "§4", lambda e: _shares(e.outcome.unvested_shares)),
    ("Acceleration on a Change in Control", "§4, §6.3 (plan governs)",
     lambda e: show_value("choice", e.scenario.assumptions.cic_acceleration)
     + (f", {e.scenario.assumptions.double_trigger_months} months"
        if e.scenario.assumptions.cic_acceleration == "double_trigger" else "")),
    ("Unvested options at termination", "§4 (plan governs)",
     lambda e: show_value("choice", e.scenario.assumptions.unvested_at_termination)),
    ("Figures as of", "§3, §4", lambda e: format_date(e.outcome.as_of)),
)


def compare_facts(scenario: Scenario, variants: Sequence[Variant]) -> pd.DataFrame:
    """The dates and share counts behind ``compare``'s figures, as the board reads
    them: columns ``Fact``, ``Clause``, then one text column per variant."""
    return facts_evaluated(evaluate_variants(scenario, variants))


def facts_evaluated(evaluated: Sequence[Evaluated]) -> pd.DataFrame:
    records = []
    for fact, clause, read in _FACTS:
        record = {"Fact": fact, "Clause": clause}
        for e in evaluated:
            record[e.column] = read(e)
        records.append(record)
    return pd.DataFrame.from_records(records)


def flags_beyond_letter(evaluated: Sequence[Evaluated]) -> dict[str, list[Flag]]:
    """For each proposal, the flags its reading raises that the letter's does not
    (compared by message): e.g. the acceleration it writes in."""
    letter = {f.message for f in evaluated[0].outcome.flags}
    return {e.column: [f for f in e.outcome.flags if f.message not in letter] for e in evaluated[1:]}


# --------------------------------------------------------------------------
# Walk-away curves
# --------------------------------------------------------------------------

CURVE_YEARS = 5


def walk_away_reason(scenario: Scenario) -> str:
    """The reason the curves are drawn for: the scenario's termination reason, or,
    with none, a termination without Good Cause (what §6.1 pays for)."""
    return scenario.termination.reason if scenario.termination is not None else "without_good_cause"


def _curve_years(evaluated: Sequence[Evaluated]) -> int:
    # Long enough to show every variant's §6.1 window end and full vesting.
    longest = max(e.scenario.terms.protection_months for e in evaluated)
    return min(max(CURVE_YEARS, longest // 12 + 1), 20)


def walk_away(scenario: Scenario, variants: Sequence[Variant], reason: str | None = None) -> pd.DataFrame:
    """What he walks away with under each variant if employment ends on each date.

    Long form, one row per (variant, date): ``date`` (Timestamp), ``variant``,
    ``variant_order`` (0 = the letter), ``reason``, ``reason_label``,
    ``total_value``, ``total_cash``, ``severance_lump_sum``, ``difference``
    (``total_value`` minus the letter's on the same date) and ``date_text``
    (``13 Jul 2006``). Every variant is sampled on the same dates: the union of
    each one's ``curve_dates`` (weekly, plus both sides of its own §6.1 window
    end, vest dates and the Change in Control) and the scenario's own last day,
    so each cliff shows on its exact day. From the grid, the same rules as
    ``evaluate``.
    """
    return walk_away_evaluated(evaluate_variants(scenario, variants), reason)


def walk_away_evaluated(evaluated: Sequence[Evaluated], reason: str | None = None) -> pd.DataFrame:
    reason = reason or walk_away_reason(evaluated[0].scenario)
    labels = dict(CURVE_REASONS)
    if reason not in labels:
        raise ValueError(f"reason: {reason!r} is not a termination reason; choose one of {', '.join(labels)}")
    years = _curve_years(evaluated)
    dates: set[date] = set()
    for e in evaluated:
        dates.update(curve_dates(e.scenario, years=years))
    first = evaluated[0].scenario
    if first.termination is not None:
        # The scenario's own last day, so the curves pass through the table's figures.
        dates.add(first.termination.last_day(first.terms))
    on = sorted(d for d in dates if first.hire_date <= d <= MAX_DATE)
    frames = []
    for order, e in enumerate(evaluated):
        curve = walk_away_curves(e.scenario, on, reasons=[(reason, labels[reason])])
        curve.insert(1, "variant", e.column)
        curve.insert(2, "variant_order", order)
        frames.append(curve)
    frame = pd.concat(frames, ignore_index=True)
    letter = frames[0].set_index("date")["total_value"]
    frame["difference"] = (frame["total_value"] - frame["date"].map(letter)).round(2)
    frame["date_text"] = [format_date(d.date()) for d in frame["date"]]
    return frame


def window_ends(scenario: Scenario, variants: Sequence[Variant]) -> pd.DataFrame:
    """Each variant's §6.1 window: ``variant``, ``variant_order``,
    ``protection_months``, ``window_end`` (the first day outside, hire +
    months) and ``last_day_inside``."""
    return window_ends_evaluated(evaluate_variants(scenario, variants))


def window_ends_evaluated(evaluated: Sequence[Evaluated]) -> pd.DataFrame:
    records = []
    for order, e in enumerate(evaluated):
        end = protection_window_end(e.scenario.hire_date, e.scenario.terms)
        records.append({"variant": e.column, "variant_order": order,
                        "protection_months": e.scenario.terms.protection_months,
                        "window_end": end, "last_day_inside": add_days(end, -1)})
    return pd.DataFrame.from_records(records)
