"""Validation errors as sentences a board member can act on: the field, then the
problem, then the clause where one applies. Never a traceback."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from engine.scenario import ChangeInControl, ChangeInControlFacts, Scenario, Termination
from engine.terms import Assumptions, OfferTerms

# The model a nested key leads to, for the clause lookup.
_NESTED: dict[str, type[BaseModel]] = {
    "terms": OfferTerms,
    "assumptions": Assumptions,
    "termination": Termination,
    "change_in_control": ChangeInControl,
    "facts": ChangeInControlFacts,
}


def _clause_for(path: list[str], root: type[BaseModel] = Scenario) -> str:
    """The clause cited by the deepest field on ``path`` (from ``root``) that has one."""
    model: type[BaseModel] | None = root
    clause = ""
    for part in path:
        if model is None or part not in model.model_fields:
            break
        extra = model.model_fields[part].json_schema_extra
        if isinstance(extra, dict) and "clause" in extra:
            clause = str(extra["clause"])
        model = _NESTED.get(part)
    return clause


def _one_line(text: str) -> str:
    # A message is one line whatever the input held (newlines, \x85, \x1e …).
    return " ".join(text.split())


def describe_validation_error(error: ValidationError, root: type[BaseModel] = Scenario) -> list[str]:
    """One line per problem: ``field: what is wrong (clause)`` (fields of ``root``)."""
    lines: list[str] = []
    for item in error.errors(include_url=False):
        path = [str(p) for p in item.get("loc", ()) if not isinstance(p, int)]
        msg = str(item.get("msg", "invalid value"))
        if msg.startswith("Value error, "):
            # Our own validators already name the field and the clause; give the field its whole path.
            text = msg.removeprefix("Value error, ")
            if len(path) > 1 and text.startswith(path[-1] + ":"):
                text = ".".join(path[:-1]) + "." + text
            lines.append(_one_line(text))
            continue
        field = _one_line(".".join(path)) or "scenario"
        if item.get("type") == "extra_forbidden":
            lines.append(f"{field!r}: unknown key; see `python -m engine evaluate --help` for the keys")
            continue
        clause = _clause_for(path, root)
        lines.append(_one_line(f"{field}: {msg}" + (f" ({clause})" if clause and clause not in msg else "")))
    return lines
