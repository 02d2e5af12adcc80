"""The Explorer's four file downloads in a real headless Chromium: each file is made when its
button is clicked, and holds the scenario on screen (the worked example of READING.md)."""

from __future__ import annotations

import csv
import io
import json

from tests.browser.helpers import assert_no_exception, external_requests, goto_app

LINK = "?reason=without_good_cause&termination_date=2006-11-15"


def _download(page, label: str, tmp_path) -> tuple[str, str]:
    button = page.get_by_role("button", name=label)
    button.wait_for(timeout=30_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return download.suggested_filename, path.read_text(encoding="utf-8")


def test_each_download_is_made_on_click_and_holds_the_scenario_on_screen(page, streamlit_server,
                                                                         requested_urls, tmp_path):
    goto_app(page, streamlit_server, LINK, timeout=60)
    assert_no_exception(page)
    # Nothing is fetched for a download before its button is clicked. The code before fetched
    # all four files a moment after the run ended; an absence needs a window to be seen in.
    page.wait_for_timeout(3_000)
    assert not [u for u in requested_urls if "/media/" in u and "/static/" not in u]

    name, text = _download(page, "Scenario (JSON)", tmp_path)
    assert name == "scenario.json"
    scenario = json.loads(text)
    assert scenario["termination"]["reason"] == "without_good_cause"
    assert scenario["termination"]["date"] == "2006-11-15"

    name, text = _download(page, "Outcome (JSON)", tmp_path)
    assert name == "outcome.json"
    outcome = json.loads(text)
    # §6.1(a): the $125,000 lump sum, paid on the fifth day after the last day (15 → 20 Nov 2006).
    assert outcome["severance_lump_sum"] == 125_000
    assert outcome["severance_payment_date"] == "2006-11-20"
    # §4: 100,000 on the hire date (13 Jul 2005), 225,000 on the first anniversary (13 Jul 2006),
    # then 56,250 a quarter from month 15 (13 Oct 2006): 381,250 vested by 15 Nov 2006.
    assert outcome["vested_shares"] == 381_250

    name, text = _download(page, "Payments (CSV)", tmp_path)
    assert name == "payments.csv"
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["date", "amount", "component", "label", "clause"]
    (lump,) = [r for r in rows if r["component"] == "severance_lump_sum"]
    assert (lump["date"], float(lump["amount"]), lump["clause"]) == ("2006-11-20", 125_000.0, "§6.1(a)")

    name, text = _download(page, "Vesting schedule (CSV)", tmp_path)
    assert name == "vesting_schedule.csv"
    rows = [(r["vest_date"], int(r["shares"]), r["status"]) for r in csv.DictReader(io.StringIO(text))]
    assert rows[:4] == [("2005-07-13", 100_000, "vested"), ("2006-07-13", 225_000, "vested"),
                        ("2006-10-13", 56_250, "vested"), ("2007-01-13", 56_250, "forfeited")]
    assert_no_exception(page)
    assert external_requests(requested_urls) == []
