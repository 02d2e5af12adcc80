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
from collections.abc import Mapping
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


def scenario_params(scenario: Scenario) -> tuple[dict[str, str] | None, list[str]]:
    """The link's parameters for ``scenario`` (today's link format, ``ui.params``),
    or ``None`` and the reasons a link cannot carry it (e.g. changed terms)."""
    from ui import params as P  # no Streamlit in ui.params

    converted = P.values_from_scenario(scenario)
    if converted.problems:
        return None, converted.problems
    return P.to_query_params(converted.values, P.CORE_PARAMS), []


def link(params: Mapping[str, str], base: str | None = None) -> str:
    """``base`` + ``?`` + the URL-encoded parameters (just ``base`` when there are none)."""
    from ui import params as P

    url = base_url(base)
    if not urlsplit(url).path:
        url += "/"  # http://host:8501 → http://host:8501/
    query = P.query_string(dict(params))
    return f"{url}?{query}" if query else url


def made_at_text(made_at: dt.datetime) -> str:
    """``1 Dec 2026, 16:30 UTC``."""
    when = made_at.astimezone(dt.timezone.utc) if made_at.tzinfo else made_at.replace(tzinfo=dt.timezone.utc)
    return f"{when.day} {when:%b %Y}, {when:%H:%M} UTC"
