"""The Negotiate page's inputs, declared without Streamlit: ``param_specs()`` names every
input the page keeps in the link (``variants``, and per proposal ``i`` ``v{i}_name`` and
``v{i}_<field>`` for each negotiable input of ``analyses.negotiate.NEGOTIABLE``), and
``link_values(variants)`` gives the values those inputs take for a list of proposals, so
a memo made from the command line links to the same view the page shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from analyses import negotiate as N
from engine.registry import CHOICE
from engine.terms import Assumptions, OfferTerms, clause_of
from ui import params as P

VARIANTS = "variants"

STEPS: dict[str, Any] = {
    "severance_lump_sum": 25_000.0, "base_salary": 10_000.0, "sion_buyout": 2_500.0, "option_shares": 50_000,
    "immediate_vest_pct": 5.0, "first_anniversary_pct": 5.0,
}
# Short, for a column; the help spells each choice out. The registry's.
OVERRIDE_CHOICE_LABELS: dict[str, dict[str, str]] = {
    name: {key: c.short_label for key, c in choices.items()} for name, choices in CHOICE.items()}
# An acceleration choice left "as in the sidebar" (a selectbox shows None as no choice at all).
AS_SIDEBAR = "sidebar"
# Bounds that only keep a link's value inside what a number box can hold; the
# letter's own limits are checked by the engine, whose message cites the clause.
_INT_BOUND = 10**12
_FLOAT_BOUND = 1e12


class _AnyName(tuple):
    """Pseudo-choices for the free-text ``v{i}_name`` input.

    ``ui.params`` has no text kind; a "choice" whose ``in`` test accepts any
    printable name of up to ``NAME_MAX_CHARS`` characters reads and writes a
    name like any other link value. Iterating it yields what is allowed, for
    the link warning's wording.
    """

    def __new__(cls) -> "_AnyName":
        return super().__new__(cls, (f"a name of up to {N.NAME_MAX_CHARS} printable characters",))

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and 0 < len(text) <= N.NAME_MAX_CHARS and text.isprintable()


def prefix(i: int) -> str:
    return f"v{i}_"


def proposal_label(i: int) -> str:
    return f"Proposal {i}"


def _shown(i: int):
    return lambda values: int(values.get(VARIANTS) or 1) >= i


def _double_trigger(i: int):
    def applies(values: Mapping[str, Any]) -> bool:
        chosen = values.get(f"{prefix(i)}cic_acceleration", AS_SIDEBAR)
        if chosen in (None, AS_SIDEBAR):
            chosen = values.get("cic_acceleration")
        return _shown(i)(values) and chosen == "double_trigger"
    return applies


def _spec(i: int, item: N.NegotiableInput) -> P.ParamSpec:
    name = prefix(i) + item.name
    label = f"{proposal_label(i)} · {item.label}"
    unit = {"$": "$", "%": "%"}.get(item.unit, item.unit if item.unit != "choice" else "")
    common = dict(name=name, label=label, clause=item.clause, group="extension", target=f"variant.{item.name}",
                  unit=unit)
    if item.is_term:
        default = item.letter_default
        help_text = f"{N.letter_help(item, Assumptions())}. {item.description}"
        if isinstance(default, float):
            return P.ParamSpec(kind="float", default=default, help=help_text, min_value=-_FLOAT_BOUND,
                               max_value=_FLOAT_BOUND, step=STEPS.get(item.name, 1.0), format="%.2f",
                               condition=_shown(i), **common)
        return P.ParamSpec(kind="int", default=default, help=help_text, min_value=-_INT_BOUND,
                           max_value=_INT_BOUND, step=STEPS.get(item.name, 1), condition=_shown(i), **common)
    help_text = f"Assumption the proposal writes in: {item.description} ({item.clause})"
    if item.name == "double_trigger_months":
        return P.ParamSpec(kind="int", default=None, optional=True, help=help_text, min_value=-_INT_BOUND,
                           max_value=_INT_BOUND, step=1, condition=_double_trigger(i), assumption=True, **common)
    choices = tuple(OVERRIDE_CHOICE_LABELS[item.name])
    return P.ParamSpec(kind="choice", default=AS_SIDEBAR, help=help_text, choices=(AS_SIDEBAR, *choices),
                       choice_labels={AS_SIDEBAR: "As in the sidebar", **OVERRIDE_CHOICE_LABELS[item.name]},
                       condition=_shown(i), assumption=True, **common)


def param_specs() -> list[P.ParamSpec]:
    """Every input of the page, in link order."""
    specs = [P.ParamSpec(name=VARIANTS, kind="int", default=1, label="Number of proposals",
                         help="How many proposed variants to compare with the letter as signed (1 to 3).",
                         min_value=1, max_value=N.MAX_VARIANTS, step=1, group="extension")]
    for i in range(1, N.MAX_VARIANTS + 1):
        specs.append(P.ParamSpec(
            name=f"{prefix(i)}name", kind="choice", default=proposal_label(i), optional=True,
            label=f"{proposal_label(i)} · name",
            help="What the board calls this proposal; it heads its column.", choices=_AnyName(),
            group="extension", condition=_shown(i)))
        specs += [_spec(i, item) for item in N.NEGOTIABLE]
    return specs


_BY_NAME: Mapping[str, P.ParamSpec] = {s.name: s for s in param_specs()}


def proposal_inputs(i: int, values: Mapping[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """Proposal ``i``'s name and inputs (keys of ``NEGOTIABLE``) from the page's ``values``, as
    ``analyses.negotiate.variant_from_inputs`` reads them: an override left "as in the sidebar"
    is ``None``, and so is a double-trigger window the proposal's acceleration does not use."""
    p = prefix(i)
    inputs = {item.name: values[p + item.name] for item in N.NEGOTIABLE}
    inputs = {k: (None if v == AS_SIDEBAR else v) for k, v in inputs.items()}
    if not P.applies(_BY_NAME[f"{p}double_trigger_months"], values):
        inputs["double_trigger_months"] = None
    return values[f"{p}name"], inputs


def link_values(variants: Sequence[N.Variant], scenario_values: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The page's input values that show ``variants`` (1 to ``MAX_VARIANTS``) beside the sidebar's
    ``scenario_values``, and one line per proposal a link would not reopen as given: a change
    the page has no input for (a term outside ``NEGOTIABLE``, e.g. the resignation notice), or
    a value the page reads otherwise (a double-trigger window without double-trigger
    acceleration, a name the name box cannot hold). With any such line the caller should not
    offer a link."""
    values: dict[str, Any] = {VARIANTS: len(variants)}
    problems: list[str] = []
    letter = OfferTerms()
    for i, variant in enumerate(variants, start=1):
        p = prefix(i)
        values[f"{p}name"] = variant.name
        for item in N.NEGOTIABLE:
            value = getattr(variant.terms if item.is_term else variant, item.name)
            if value is None and item.name in OVERRIDE_CHOICE_LABELS:
                value = AS_SIDEBAR  # the choice box's "as in the sidebar"; an empty window stays None
            values[p + item.name] = value
        for name in OfferTerms.model_fields:
            if name not in N.NEGOTIABLE_BY_NAME and getattr(variant.terms, name) != getattr(letter, name):
                problems.append(f"{proposal_label(i)} ({variant.name}) changes {name} ({clause_of(OfferTerms, name)}), "
                                "which the Negotiate page has no input for")
    if not problems:
        problems = _read_back_problems(variants, {**scenario_values, **values})
    return values, problems


def _read_back_problems(variants: Sequence[N.Variant], values: Mapping[str, Any]) -> list[str]:
    """What the page would read otherwise than given, from the link these ``values`` make."""
    specs = [*P.CORE_PARAMS, *param_specs()]
    parsed = P.parse_query_params(P.to_query_params(values, specs), specs).values
    parsed = {s.name: P.from_widget(s, P.to_widget(s, parsed[s.name])) for s in specs}  # as its widgets hold them
    problems = []
    for i, variant in enumerate(variants, start=1):
        read = N.variant_from_inputs(proposal_label(i), *proposal_inputs(i, parsed)).variant
        given = {"name": variant.name, **variant.terms.model_dump(), **variant.overrides()}
        got = {} if read is None else {"name": read.name, **read.terms.model_dump(), **read.overrides()}
        for name in sorted(given.keys() | got.keys()):
            if given.get(name) != got.get(name):
                item = N.NEGOTIABLE_BY_NAME.get(name)
                problems.append(f"{proposal_label(i)} ({variant.name}): a link would open it with "
                                f"{item.label if item else name} {_show(item, got.get(name))}, "
                                f"not {_show(item, given.get(name))}")
    return problems


def _show(item: N.NegotiableInput | None, value: Any) -> str:
    if value is None:
        return "none"
    return item.show(value) if item is not None else f'"{value}"'
