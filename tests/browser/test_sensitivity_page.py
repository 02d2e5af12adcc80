"""The Sensitivity page in a real headless Chromium: a shared link opens it, the heatmap
is drawn with its highest cell named, a click on a block shows that cell's breakdown and
puts the cell in the link, and nothing is loaded from outside the machine."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlsplit

from tests.browser.helpers import (
    REPO_ROOT,
    assert_no_exception,
    external_requests,
    goto_app,
    wait_for_app,
)

CHART = '[data-testid="stVegaLiteChart"]'
BY_HAND = "sensitivity?sens_measure=total_cash&sens_price_max=9"


def metric_value(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label)
    )
    return card.first.locator('[data-testid="stMetricValue"]').inner_text().strip()


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def save(page, tmp_path, name: str) -> None:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    artifacts = REPO_ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copy(shot, artifacts / name)


def test_the_heatmap_is_drawn_and_a_click_breaks_a_cell_down(page, streamlit_server, requested_urls, tmp_path):
    goto_app(page, streamlit_server, BY_HAND, timeout=90)
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text().strip() == "Sensitivity: every last day × every stock price"

    page.wait_for_selector(f"{CHART} canvas, {CHART} svg", timeout=30_000)
    charts = page.locator(CHART)
    assert charts.count() == 1
    box = charts.first.bounding_box()
    assert box is not None and box["width"] > 900 and box["height"] > 400
    page.wait_for_timeout(1_000)  # let Vega finish drawing

    # By hand: 730 days × 250,000/365 + $127,500 + $125,000 + $6,000 on 12 Jul 2007 (§3, §4, §6.1).
    assert metric_value(page, "Highest in the first 24 months") == "$758,500"
    assert metric_value(page, "Cells computed") == "367,026"
    assert "Breakdown of the highest cell" in page.locator("main").inner_text()
    save(page, tmp_path, "sensitivity.png")

    # Click a block in 2009, high on the price axis, clear of every rule, marker and label. The
    # canvas holds the title, the colour legend (above the plot), the plot and the date axis:
    # 80% across is mid-2009, 47% down is just below the plot's top edge.
    canvas = charts.first.locator("canvas").first
    canvas.scroll_into_view_if_needed()
    cbox = canvas.bounding_box()
    page.mouse.click(cbox["x"] + cbox["width"] * 0.80, cbox["y"] + cbox["height"] * 0.47)
    page.wait_for_function(
        "() => document.querySelector('main').innerText.includes('Breakdown of the selected cell')", timeout=30_000)
    wait_for_app(page, timeout=30)
    assert_no_exception(page)
    page.wait_for_function("() => location.search.includes('sens_cell_date=')", timeout=10_000)
    query = query_of(page.url)
    assert query["sens_measure"] == ["total_cash"] and query["sens_price_max"] == ["9"]
    clicked = query["sens_cell_date"][0]
    assert "2009-06-01" <= clicked <= "2010-03-01", clicked
    main = page.locator("main").inner_text()
    assert "Show the highest cell instead" in main
    save(page, tmp_path, "sensitivity_selected.png")

    assert external_requests(requested_urls) == []
