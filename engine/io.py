"""Scenarios and outcomes as JSON: the schema of ``python -m engine evaluate``,
of the app's downloads and of its uploads."""

from __future__ import annotations

import json
from typing import Any

from engine.outcome import Outcome
from engine.scenario import Scenario


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows; use a finite number")


def scenario_from_json(text: str) -> Scenario:
    """Parse and validate a scenario; raises ValueError (bad JSON) or ValidationError."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise ValueError("not a scenario: the JSON is nested too deeply") from None
    if not isinstance(data, dict):
        raise ValueError(f"not a scenario: expected a JSON object with keys such as hire_date, got {type(data).__name__}")
    return Scenario.model_validate(data)


def scenario_to_json(scenario: Scenario) -> dict[str, Any]:
    """The scenario in the CLI's input schema; round-trips through ``scenario_from_json``."""
    return scenario.model_dump(mode="json")


def outcome_to_json(outcome: Outcome) -> dict[str, Any]:
    return outcome.model_dump(mode="json")
