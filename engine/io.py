"""Scenarios and outcomes as JSON: the schema of ``python -m engine evaluate``,
of the app's downloads and of its uploads."""

from __future__ import annotations

from typing import Any

from engine.outcome import Outcome
from engine.scenario import Scenario
from engine.strict import ScenarioInputError, parse_document

__all__ = ["ScenarioInputError", "outcome_to_json", "scenario_from_json", "scenario_to_json"]


def scenario_from_json(text: str) -> Scenario:
    """Parse and validate a scenario strictly (``engine/strict.py``: ISO dates, numbers
    that are numbers, no duplicate or unknown keys); raises ScenarioInputError (a
    ValueError naming each field) or ValidationError."""
    return Scenario.model_validate(parse_document(text))


def scenario_to_json(scenario: Scenario) -> dict[str, Any]:
    """The scenario in the CLI's input schema; round-trips through ``scenario_from_json``."""
    return scenario.model_dump(mode="json")


def outcome_to_json(outcome: Outcome) -> dict[str, Any]:
    return outcome.model_dump(mode="json")
