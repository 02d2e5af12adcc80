"""What identifies a memo: when it was made, from which version of the app, a
fingerprint of the scenario, and the link that reopens it in the app.

The clock and git are read here, at the edge, never in the engine.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from engine.io import scenario_to_json
from engine.scenario import Scenario

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BASE_URL = "http://localhost:8501/"
# Set on a server so a memo made from the command line links to it.
BASE_URL_ENV = "MEMO_BASE_URL"
UNVERSIONED = "unversioned"


def canonical_json(scenario: Scenario, extra: Mapping[str, Any] | None = None) -> str:
    """The scenario (plus what else the memo shows, e.g. the proposals) as one
    canonical JSON text: sorted keys, no spaces, so equal inputs give equal text."""
    payload: dict[str, Any] = {"scenario": scenario_to_json(scenario)}
    if extra:
        payload.update(extra)
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str)


def fingerprint(scenario: Scenario, extra: Mapping[str, Any] | None = None) -> str:
    """Twelve hex digits of the SHA-256 of ``canonical_json``, in groups of four
    (``3f2a-9c1e-77b0``): two printouts with the same fingerprint show the same scenario."""
    digest = hashlib.sha256(canonical_json(scenario, extra).encode("ascii")).hexdigest()[:12]
    return "-".join(digest[i:i + 4] for i in range(0, 12, 4))


@functools.lru_cache(maxsize=1)
def app_version() -> str:
    """The git commit the app runs from (``git rev-parse --short HEAD``), else "unversioned"."""
    try:
        result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return UNVERSIONED
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and commit else UNVERSIONED


def base_url(explicit: str | None = None) -> str:
    """The app's address for the memo's link: ``explicit``, else ``$MEMO_BASE_URL``,
    else ``http://localhost:8501/``."""
    return (explicit or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).strip()


# The address of the page each kind of memo shows (``app.py``'s pages, named after their files).
PAGE_PATHS = {"explorer": "", "matrix": "termination_matrix", "negotiate": "negotiate"}


def scenario_params(scenario: Scenario, variants: Sequence[Any] = (), matrix_date: dt.date | None = None,
                    ) -> tuple[dict[str, str] | None, list[str]]:
    """The link's parameters for ``scenario`` (today's link format, ``ui.params``) and, for a
    Negotiate memo, its proposals (``ui.negotiate_inputs``), for a matrix memo its table's date
    (``ui.matrix_inputs``); or ``None`` and the reasons a link cannot carry them (e.g. changed
    terms, or a proposal changing a term the page has no input for)."""
    from ui import params as P  # no Streamlit in ui.params

    converted = P.values_from_scenario(scenario)
    if converted.problems:
        return None, converted.problems
    if matrix_date is not None:
        from ui.matrix_inputs import MATRIX_DATE  # no Streamlit there either

        return P.to_query_params({**converted.values, MATRIX_DATE.name: matrix_date},
                                 [*P.CORE_PARAMS, MATRIX_DATE]), []
    if not variants:
        return P.to_query_params(converted.values, P.CORE_PARAMS), []
    from ui import negotiate_inputs as NI  # no Streamlit there either

    proposals, problems = NI.link_values(variants, converted.values)
    if problems:
        return None, problems
    return P.to_query_params({**converted.values, **proposals}, [*P.CORE_PARAMS, *NI.param_specs()]), []


def link(params: Mapping[str, str], base: str | None = None, page: str = "") -> str:
    """``base`` (+ ``page``, a path under the app's address) + ``?`` + the URL-encoded
    parameters (no ``?`` when there are none)."""
    from ui import params as P

    url = base_url(base)
    if not urlsplit(url).path or (page and not url.endswith("/")):
        url += "/"  # http://host:8501 → http://host:8501/
    url += page
    query = P.query_string(dict(params))
    return f"{url}?{query}" if query else url


def made_at_text(made_at: dt.datetime) -> str:
    """``1 Dec 2026, 16:30 UTC``."""
    when = made_at.astimezone(dt.timezone.utc) if made_at.tzinfo else made_at.replace(tzinfo=dt.timezone.utc)
    return f"{when.day} {when:%b %Y}, {when:%H:%M} UTC"
