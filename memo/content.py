"""What a memo shows, gathered from the engine before anything is drawn.

``prepare`` evaluates what the chosen memo needs (the outcome, the termination
matrix as of the scenario's date, the proposals) and identifies it (fingerprint,
version, link). Every figure comes from the engine; the memo only lays it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from engine.evaluate import evaluate
from analyses.matrix import MatrixRow, default_matrix_date, termination_matrix
from engine.outcome import Outcome
from engine.scenario import Scenario
from memo import meta

Kind = Literal["explorer", "matrix", "negotiate"]
KINDS: tuple[str, ...] = ("explorer", "matrix", "negotiate")


@dataclass(frozen=True)
class Memo:
    """Everything the sections draw.

    ``link`` is ``None`` when a link cannot carry the scenario (``link_problems``
    says why, e.g. terms changed from the letter's). ``evaluated``/``comparison``
    are the Negotiate page's proposals (``analyses.negotiate``), empty elsewhere.
    ``extras`` is for sections added later (keyed by the section's name).
    """

    kind: Kind
    scenario: Scenario
    outcome: Outcome
    matrix_date: dt.date
    matrix_rows: list[MatrixRow]
    made_at: dt.datetime
    version: str
    fingerprint: str
    link: str | None
    link_problems: list[str] = field(default_factory=list)
    evaluated: list[Any] = field(default_factory=list)
    comparison: pd.DataFrame | None = None
    extras: dict[str, Any] = field(default_factory=dict)


def prepare(
    scenario: Scenario,
    *,
    kind: Kind = "explorer",
    outcome: Outcome | None = None,
    matrix_date: dt.date | None = None,
    variants: Sequence[Any] = (),
    link_params: Mapping[str, str] | None = None,
    base_url: str | None = None,
    made_at: dt.datetime | None = None,
    version: str | None = None,
    extras: Mapping[str, Any] | None = None,
) -> Memo:
    """Gather one memo's content.

    ``link_params``: the app's own link parameters (a page passes
    ``ui.state.share_params()``, which keeps its own inputs, e.g. the proposals,
    and its own address as ``base_url``); by default they are worked out from the
    scenario (with a Negotiate memo's proposals, a matrix memo's ``matrix_date``)
    in today's link format, and the link opens the page of the memo's kind under
    ``base_url``.
    ``made_at`` defaults to now (UTC); ``version`` to the git commit.
    """
    if kind not in KINDS:
        raise ValueError(f"kind: one of {', '.join(KINDS)}, not {kind!r}")
    outcome = outcome if outcome is not None else evaluate(scenario)
    on = matrix_date or default_matrix_date(scenario)
    rows = termination_matrix(scenario, on)
    problems: list[str] = []
    page = ""  # a page's own link parameters come with its own address (``base_url``)
    if link_params is None:
        link_params, problems = meta.scenario_params(scenario, variants if kind == "negotiate" else (),
                                                     matrix_date if kind == "matrix" else None)
        page = meta.PAGE_PATHS[kind]
    url = meta.link(link_params, base_url, page) if link_params is not None else None
    evaluated: list[Any] = []
    comparison = None
    extra_print: dict[str, Any] = {}
    if kind == "negotiate":
        from analyses import negotiate as N

        evaluated = N.evaluate_variants(scenario, list(variants))
        comparison = N.compare_evaluated(evaluated)
        extra_print["variants"] = [v.model_dump(mode="json") for v in variants]
    if kind == "matrix" or matrix_date is not None:
        extra_print["matrix_date"] = on.isoformat()
    return Memo(
        kind=kind, scenario=scenario, outcome=outcome, matrix_date=on, matrix_rows=rows,
        made_at=made_at or dt.datetime.now(dt.timezone.utc), version=version or meta.app_version(),
        fingerprint=meta.fingerprint(scenario, extra_print or None), link=url, link_problems=problems,
        evaluated=evaluated, comparison=comparison, extras=dict(extras or {}),
    )
