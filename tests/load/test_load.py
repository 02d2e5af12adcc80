"""The short form of the board-meeting load test (``make loadtest`` runs the long
one): 8 concurrent headless-Chromium sessions on a server on 127.0.0.1, each on
its own link, each changing the stock price and the termination date; then the
same with the password gate on, 2 of the 8 never passing it.

What each session must see is worked out by hand in ``tests/load/sessions.py``
(vested shares on its own last day × (its own price − $3.00), §4).
"""

from __future__ import annotations

import pytest

from tests.browser.helpers import chromium_available
from tests.load.sessions import run_load

pytestmark = [
    pytest.mark.load,
    pytest.mark.skipif(not chromium_available(), reason="needs /usr/bin/chromium"),
]


def _report(name: str, figures: dict) -> None:
    for key, value in figures.items():
        if key != "problems":
            print(f"{name}.{key}: {value}")


def test_eight_sessions_at_once_each_see_only_their_own_scenario(tmp_path):
    figures = run_load(sessions=8, rounds=1, time_limit=480, log_dir=str(tmp_path))
    _report("open", figures)
    assert figures["problems"] == []
    assert figures["changes"] == figures["changes_expected"] == 16  # 8 sessions × (a price + a date)
    assert figures["rss_growth_mb"] < 100


def test_with_the_gate_on_a_session_that_has_not_passed_sees_nothing_while_others_work(tmp_path):
    figures = run_load(sessions=8, rounds=1, password="board meeting 2005", gated=2, time_limit=480,
                       log_dir=str(tmp_path))
    _report("gated", figures)
    assert figures["problems"] == []
    assert figures["changes"] == figures["changes_expected"] == 12  # 6 working sessions × 2 changes
    assert figures["gated_checks"] >= 2  # the two gated sessions looked at least once each while others worked
    assert figures["rss_growth_mb"] < 100
