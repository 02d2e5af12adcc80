"""``python -m engine memo FILE|- --out memo.pdf``: the command hands the
scenario to the renderer (the engine's rules know nothing of PDFs)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from engine.scenario import Scenario


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


def write_memo(scenario: Scenario, out: str, kind: str = "explorer", base_url: str | None = None) -> int:
    """Write the memo; 0 on success, 2 with one line on standard error when it cannot be written."""
    problem = out_problem(out)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    from memo import memo_pdf

    pdf = memo_pdf(scenario, kind=kind, base_url=base_url)
    try:
        Path(out).write_bytes(pdf)
    except OSError as exc:
        print(f"error: --out: cannot write {out}: {exc.strerror or exc.__class__.__name__}", file=sys.stderr)
        return 2
    print(f"wrote {out} ({len(pdf):,} bytes)", file=sys.stderr)
    return 0
