"""Validation errors as sentences a board member can act on: the field, then the
problem, then the clause where one applies. Never a traceback."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from engine.scenario import ChangeInControl, ChangeInControlFacts, Scenario, Termination
from engine.terms import Assumptions, OfferTerms

# Which model a dotted path's first part leads to, for the clause lookup.
_SECTIONS: dict[str, type[BaseModel]] = {
    "terms": OfferTerms,
    "assumptions": Assumptions,
    "termination": Termination,
    "change_in_control": ChangeInControl,
    "facts": ChangeInControlFacts,
}

_SCENARIO_CLAUSES = {
    "exercise_price": "§4",
    "stock_price": "§4",
    "hire_date": "§4",
    "termination.reason": "§6.1, §6.2",
    "termination.good_cause_ground": "§6.2",
    "termination.date": "§3",
    "change_in_control.date": "§6.3",
}


def _clause_for(path: list[str]) -> str:
    dotted = ".".join(path)
    if dotted in _SCENARIO_CLAUSES:
        return _SCENARIO_CLAUSES[dotted]
    model: type[BaseModel] | None = Scenario
    for part in path:
        model = _SECTIONS.get(part, None) if model is not None and part in _SECTIONS else model
        if model is not None and part in model.model_fields:
            extra = model.model_fields[part].json_schema_extra
            if isinstance(extra, dict) and "clause" in extra:
                return str(extra["clause"])
    return ""


def describe_validation_error(error: ValidationError) -> list[str]:
    """One line per problem: ``field: what is wrong (clause)``."""
    lines: list[str] = []
    for item in error.errors(include_url=False):
        path = [str(p) for p in item.get("loc", ()) if not isinstance(p, int)]
        msg = str(item.get("msg", "invalid value"))
        if msg.startswith("Value error, "):
            # Our own validators already name the field and the clause.
            lines.append(msg.removeprefix("Value error, "))
            continue
        field = ".".join(path) or "scenario"
        if item.get("type") == "extra_forbidden":
            lines.append(f"{field}: unknown key; see `python -m engine evaluate --help` for the keys")
            continue
        clause = _clause_for(path)
        lines.append(f"{field}: {msg}" + (f" ({clause})" if clause and clause not in msg else ""))
    return lines
