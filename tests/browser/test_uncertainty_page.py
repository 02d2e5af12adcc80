"""The Uncertainty page in a real headless Chromium: a shared link opens it with its inputs, the
distribution on his last day and the fan are drawn, a typed volatility goes into the link (and the
link keeps the page's other inputs), and nothing is loaded from outside the machine."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlsplit

from tests.browser.helpers import (
    REPO_ROOT,
    assert_no_exception,
    external_requests,
    goto_app,
    wait_for_app,
    wait_for_charts,
)

# Still employed, figures as of 13 Jul 2009 (full vesting); price $3.00 known on 1 Jul 2009.
LINK = "uncertainty?unc_known_date=2009-07-01"


def metric_value(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label))
    return card.first.locator('[data-testid="stMetricValue"]').inner_text().strip()


def save(page, tmp_path, name: str) -> None:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    artifacts = REPO_ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copy(shot, artifacts / name)


def test_the_page_opens_from_a_link_and_keeps_its_inputs_in_it(page, streamlit_server, requested_urls, tmp_path):
    goto_app(page, streamlit_server, LINK, timeout=120)
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text().strip() == "Uncertainty: how likely is each figure?"
    wait_for_charts(page, 2, timeout_ms=60_000)
    page.wait_for_timeout(1_000)  # let Vega finish drawing
    # By hand: t = 12/365, d2 = −0.14·√t/0.6 = −0.042308, Φ(0.042308) = 0.51687 → 517 of 1,000 slices.
    assert metric_value(page, "Options underwater") == "51.7%"
    main = page.locator("main").inner_text()
    assert "chance that by 13 Jul 2009 he has received more than" in main
    save(page, tmp_path, "uncertainty.png")

    box = page.locator("main").get_by_label("Price volatility for this page, % a year", exact=True)
    box.fill("40")
    box.press("Enter")
    page.wait_for_function("() => location.search.includes('unc_volatility_pct=40')", timeout=30_000)
    wait_for_app(page, timeout=60)
    assert_no_exception(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query["unc_volatility_pct"] == ["40"] or query["unc_volatility_pct"] == ["40.0"]
    assert query["unc_known_date"] == ["2009-07-01"]
    page.wait_for_function(
        "() => document.querySelector('main').innerText.includes('volatility 40% a year (typed here)')",
        timeout=30_000)
    assert metric_value(page, "Options underwater") != "51.7%"

    assert external_requests(requested_urls) == []


def test_reset_all_inputs_empties_the_pages_inputs_and_the_address_bar(page, streamlit_server):
    goto_app(page, streamlit_server, LINK + "&unc_volatility_pct=40", timeout=120)
    assert_no_exception(page)
    wait_for_charts(page, 2, timeout_ms=60_000)
    box = page.locator("main").get_by_label("Price volatility for this page, % a year", exact=True)
    assert box.input_value() == "40.00"
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Reset all inputs to the defaults").click()
    page.wait_for_function("() => !location.search.includes('unc_')", timeout=30_000)
    wait_for_app(page, timeout=60)
    assert_no_exception(page)
    assert box.input_value() == ""  # empty: the sidebar's volatility assumption
