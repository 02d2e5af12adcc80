"""The Termination matrix in a real headless Chromium: a shared link opens the
table on its date, the lines over the termination date are drawn and answer the
pointer, the measure selector goes into the address bar, and nothing is loaded
from outside the machine."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlsplit

from tests.browser.helpers import REPO_ROOT, assert_no_exception, external_requests, goto_app, wait_for_app

LINK = "termination_matrix?matrix_date=2006-11-15"
CHART = '[data-testid="stVegaLiteChart"]'
TABLE = '[data-testid="stDataFrame"]'
TOOLTIP = "#vg-tooltip-element"


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def table_rows(page) -> list[list[str]]:
    """The table's rows as the data grid exposes them to assistive technology."""
    page.wait_for_selector(f"{TABLE} table td", state="attached", timeout=30_000)
    return page.locator(f"{TABLE} table tr").evaluate_all(
        "rows => rows.map(r => [...r.querySelectorAll('th, td')].map(c => c.textContent.trim()))"
    )


def test_the_matrix_page_at_a_shared_link(page, streamlit_server, requested_urls, tmp_path):
    goto_app(page, streamlit_server, LINK, timeout=60)
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text().strip() == "Termination matrix"
    main = page.locator("main")
    assert "The table is as of 15 Nov 2006, the date chosen here." in main.inner_text()

    # The table: every event, every column, the worked figures (15 Nov 2006).
    rows = table_rows(page)
    assert rows[0] == ["Event", "Salary", "Buyout", "Lump sum", "Health", "Vested options", "Accelerated", "Total",
                       "Cash cost"]
    by_event = {r[0]: r[1:] for r in rows[1:]}
    assert by_event["Termination without Good Cause"] == [
        "336301.37", "127500", "125000", "6000", "762500", "0", "1357301.37", "594801.37"]
    assert by_event["Termination for Good Cause"][2] == "0"
    assert by_event["Termination for Good Cause"][6] == "1226301.37"
    assert len(by_event) == 7
    grid = page.locator(TABLE).first.bounding_box()
    assert grid is not None and grid["height"] >= 7 * 68  # every row shows, no inner scrolling

    # The flag the Board must see, with its clause.
    assert "The letter is silent on death" in main.inner_text()

    # The chart is drawn.
    page.wait_for_selector(f"{CHART} canvas, {CHART} svg", timeout=30_000)
    chart = page.locator(CHART)
    assert chart.count() == 1
    box = chart.first.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 400

    # Pointing at the lines shows a tooltip with the date and the amounts.
    chart.first.scroll_into_view_if_needed()
    box = chart.first.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.35, box["y"] + box["height"] * 0.5)
    page.mouse.move(box["x"] + box["width"] * 0.36, box["y"] + box["height"] * 0.5)
    page.wait_for_selector(f"{TOOLTIP}.visible", timeout=10_000)
    tip = page.locator(TOOLTIP).inner_text()
    assert "Last day" in tip and "$" in tip

    # Full-page screenshot: Streamlit scrolls inside the app, so make the window tall enough.
    page.set_viewport_size({"width": 1400, "height": 3300})
    page.mouse.move(0, 0)
    wait_for_app(page, timeout=30)
    page.wait_for_timeout(1_000)  # let Vega redraw at the new size
    shot = tmp_path / "termination_matrix.png"
    page.screenshot(path=str(shot), full_page=True)
    artifacts = REPO_ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copy(shot, artifacts / "termination_matrix.png")

    assert external_requests(requested_urls) == []


def test_the_measure_selector_goes_into_the_link(page, streamlit_server):
    goto_app(page, streamlit_server, LINK, timeout=60)
    page.get_by_text("Company cash cost", exact=True).click()
    wait_for_app(page, timeout=30)
    page.wait_for_function("() => location.search.includes('matrix_measure=company')", timeout=10_000)
    assert query_of(page.url) == {"matrix_date": ["2006-11-15"], "matrix_measure": ["company"]}
    assert_no_exception(page)
    page.wait_for_selector(f"{CHART} canvas, {CHART} svg", timeout=30_000)


def test_the_table_follows_the_sidebars_last_day(page, streamlit_server):
    goto_app(page, streamlit_server, "termination_matrix?reason=death&termination_date=2007-11-15", timeout=60)
    assert_no_exception(page)
    main = page.locator("main").inner_text()
    assert "The table is as of 15 Nov 2007, the last day of employment in the sidebar." in main
    by_event = {r[0]: r[1:] for r in table_rows(page)[1:]}
    # Outside the 24 months: no lump sum for anyone (§6.1); 586,301.37 + 127,500 + 1,212,500.
    assert [by_event[e][2] for e in by_event] == ["0"] * 7
    assert by_event["Death"][6] == "1926301.37"


def test_a_deep_link_on_a_freshly_started_server_keeps_the_tables_date(page, streamlit_server_factory):
    with streamlit_server_factory() as fresh:
        goto_app(page, fresh, "termination_matrix?matrix_date=2007-11-15&matrix_measure=company", timeout=60)
        assert_no_exception(page)
        assert "The table is as of 15 Nov 2007, the date chosen here." in page.locator("main").inner_text()
        assert query_of(page.url) == {"matrix_date": ["2007-11-15"], "matrix_measure": ["company"]}
