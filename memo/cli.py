"""``python -m engine memo FILE|- --out memo.pdf [--proposals FILE]``: the command hands
the scenario (and Negotiate's proposals) to the renderer (the engine's rules know
nothing of PDFs)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.errors import describe_validation_error
from engine.scenario import Scenario
from engine.strict import ScenarioInputError, parse_list


def out_problem(out: str) -> str | None:
    """Why the PDF cannot be written to ``out`` (None when it can), before any work."""
    path = Path(out)
    if out in ("", "-"):
        return "--out: give a file name for the PDF, e.g. --out memo.pdf"
    if path.is_dir():
        return f"--out: {out} is a folder; give a file name, e.g. {path / 'memo.pdf'}"
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return f"--out: cannot write {out}: the folder {folder} does not exist"
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return f"--out: cannot write {out}: permission denied"
    return None


def read_proposals(text: str, scenario: Scenario) -> list[Any]:
    """``--proposals``: a JSON list of 1 to 3 proposals, each as the Negotiate page keeps it
    and a negotiate memo prints it (``{"name": …, "terms": {…}, "cic_acceleration": …}``),
    each checked on its own and applied to ``scenario`` (a proposal's terms can move a date
    the scenario depends on). Raises ``ScenarioInputError`` whose lines name the proposal,
    the field and the clause."""
    from analyses.negotiate import MAX_VARIANTS, Variant, apply_variant

    variants, problems = [], []
    for number, item in enumerate(parse_list(text, Variant, "proposal", MAX_VARIANTS), start=1):
        try:
            variant = Variant.model_validate(item)
        except ValidationError as exc:
            problems += [f"proposal {number}: {line}" for line in describe_validation_error(exc, Variant)]
            continue
        try:
            apply_variant(scenario, variant)
        except ValidationError as exc:
            problems += [f"proposal {number}, applied to the scenario: {line}"
                         for line in describe_validation_error(exc)]
            continue
        variants.append(variant)
    if problems:
        raise ScenarioInputError(problems)
    return variants


def write_memo(scenario: Scenario, out: str, kind: str = "explorer", base_url: str | None = None,
               variants: Sequence[Any] = (), matrix_date: Any = None) -> int:
    """Write the memo; 0 on success, 2 with one line on standard error when it cannot be written."""
    problem = out_problem(out)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    from memo import memo_pdf

    pdf = memo_pdf(scenario, kind=kind, base_url=base_url, variants=list(variants), matrix_date=matrix_date)
    try:
        Path(out).write_bytes(pdf)
    except OSError as exc:
        print(f"error: --out: cannot write {out}: {exc.strerror or exc.__class__.__name__}", file=sys.stderr)
        return 2
    print(f"wrote {out} ({len(pdf):,} bytes)", file=sys.stderr)
    return 0
