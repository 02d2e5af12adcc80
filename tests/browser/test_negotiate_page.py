"""The Negotiate page in a real headless Chromium: a shared link with two
proposals opens the page with them, draws both charts, and keeps the link.

Hire 13 Jul 2005, exercise $3.00, stock $5.00, terminated without Good Cause on
15 Nov 2007 (month 28, outside the letter's 24 months): a 36-month window with a
$250,000 lump sum pays it plus six months of health at the assumed $1,000
(+$256,000); full vesting on termination adds the 393,750 unvested shares at
$2 each (+$787,500).
"""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.browser.helpers import REPO_ROOT, assert_no_exception, goto_app, wait_for_app, wait_for_charts

CHART = '[data-testid="stVegaLiteChart"]'
LINK = {
    "reason": "without_good_cause", "termination_date": "2007-11-15", "variants": "2",
    "v1_name": "36 months, $250k", "v1_severance_lump_sum": "250000", "v1_protection_months": "36",
    "v2_name": "Vest all", "v2_unvested_at_termination": "accelerate",
}


def metric_delta(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label))
    return card.locator('[data-testid="stMetricDelta"]').inner_text().strip()


def test_negotiate_page_with_two_proposals(page, streamlit_server, tmp_path):
    goto_app(page, streamlit_server, "negotiate?" + urlencode(LINK), timeout=60)
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text().strip() == "Negotiate"

    wait_for_charts(page, 2)
    charts = page.locator(CHART)
    assert charts.count() == 2
    for i in range(2):
        assert charts.nth(i).locator("canvas, svg").count() >= 1
        box = charts.nth(i).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 200

    assert metric_delta(page, "36 months, $250k") == "+$256,000 vs letter"
    assert metric_delta(page, "Vest all") == "+$787,500 vs letter"
    main = page.locator("main").inner_text()
    assert "Letter: $125,000 (§6.1(a))" in main  # each term row shows the letter's value and clause
    assert page.locator('input[aria-label="Proposal 1 · §6.1 window, months from hire"]').input_value() == "36"

    # The address bar keeps the proposals: the link reopens this page.
    page.wait_for_function("() => location.search.includes('v1_protection_months=36')", timeout=10_000)
    query = parse_qs(urlsplit(page.url).query)
    assert {k: v[0] for k, v in query.items()} == LINK
    assert urlsplit(page.url).path.rstrip("/").endswith("negotiate")

    # Streamlit scrolls inside its own container: a tall window shows the whole page in one shot.
    page.set_viewport_size({"width": 1400, "height": 3400})
    wait_for_app(page, timeout=30)
    page.wait_for_timeout(1_500)  # let Vega finish drawing at the new width
    shot = tmp_path / "negotiate.png"
    page.screenshot(path=str(shot), full_page=True)
    artifacts = REPO_ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copy(shot, artifacts / "negotiate.png")

    # Editing a proposal in the page moves the figures and the link.
    box = page.locator('input[aria-label="Proposal 1 · §6.1 lump sum, $"]')
    box.fill("300000")
    box.press("Enter")
    wait_for_app(page, timeout=30)
    page.wait_for_function("() => location.search.includes('v1_severance_lump_sum=300000')", timeout=10_000)
    assert metric_delta(page, "36 months, $250k") == "+$306,000 vs letter"
    assert_no_exception(page)
