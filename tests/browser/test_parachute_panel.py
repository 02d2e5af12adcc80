"""The Explorer's §280G panel in a real headless Chromium: 280G.md example (b) opened from a
link shows B, the line, P and the headroom, draws its chart, and states the best net."""

from __future__ import annotations

from tests.browser.helpers import assert_no_exception, goto_app, wait_for_charts

EXAMPLE_B = ("?cic_date=2006-09-01&reason=without_good_cause&termination_date=2007-06-01&stock_price=9"
             "&exercise_price=3.13&risk_free_rate_pct=4.5&cic_acceleration=single_trigger")
CHART = '[data-testid="stVegaLiteChart"]'


def metric_value(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label))
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_the_280g_panel_at_example_b(page, streamlit_server):
    goto_app(page, streamlit_server, EXAMPLE_B, timeout=90)
    assert_no_exception(page)
    heading = page.get_by_role("heading", name="Golden-parachute test (§280G, §4999)")
    heading.wait_for(timeout=30_000)
    assert metric_value(page, "Base amount B") == "$377,500.00"
    assert metric_value(page, "Safe harbor, 3B − $1") == "$1,132,499.00"
    assert metric_value(page, "Present value P") == "$1,458,426.69"
    assert metric_value(page, "Headroom") == "−$325,927.69"
    assert metric_value(page, "His 20% excise tax") == "$216,205.84"
    # The three Explorer charts and the §280G bar, each drawn.
    wait_for_charts(page, 4)
    charts = page.locator(CHART)
    assert charts.count() == 4
    panel_chart = charts.nth(3)
    assert panel_chart.locator("canvas, svg").count() >= 1
    box = panel_chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    assert page.get_by_text("Paying in full is better for him by $119,863.49", exact=False).count() == 1
    heading.scroll_into_view_if_needed()
    page.screenshot(path="test-artifacts/parachute_panel.png", full_page=False)
