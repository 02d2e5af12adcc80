"""The Explorer in a real headless Chromium: it opens at a shared link, draws
its charts, follows the keyboard, keeps the address bar shareable, and loads
nothing from outside the machine."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlsplit

from tests.browser.helpers import (
    share_box,
    wait_for_charts,
    REPO_ROOT,
    assert_no_exception,
    external_requests,
    goto_app,
    wait_for_app,
)

WORKED_EXAMPLE = "?reason=without_good_cause&termination_date=2006-11-15"
CHART = '[data-testid="stVegaLiteChart"]'


def metric_value(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label)
    )
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def test_home_page_at_the_worked_example(page, streamlit_server, requested_urls, tmp_path):
    goto_app(page, streamlit_server, WORKED_EXAMPLE, timeout=60)
    assert_no_exception(page)

    # The tab's title is set by a message that can land just after the run ends.
    page.wait_for_function("() => document.title === 'Offer-letter scenario explorer'", timeout=10_000)
    assert page.locator("h1").first.inner_text().strip() == "Offer-letter scenario explorer"

    # Three Vega-Lite charts, each drawn (Vega renders a canvas by default).
    wait_for_charts(page, 3)
    charts = page.locator(CHART)
    assert charts.count() == 3
    for i in range(3):
        assert charts.nth(i).locator("canvas, svg").count() >= 1
        box = charts.nth(i).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 200

    assert metric_value(page, "§6.1 lump sum") == "$125,000"
    assert metric_value(page, "Vested shares") == "381,250"
    assert metric_value(page, "Option value") == "$762,500"
    assert "paid 20 Nov 2006 (§6.1(a))" in page.locator("main").inner_text()

    # Move the stock price slider by keyboard: four steps of $0.05 → $5.20.
    # (Streamlit 1.67's slider thumb is a visually hidden <input type="range">,
    # implicit ARIA role "slider".)
    thumb = page.locator('[data-testid="stSidebar"]').get_by_role("slider", name="Stock price, $ a share")
    thumb.focus()
    for _ in range(4):
        thumb.press("ArrowRight")
    wait_for_app(page, timeout=30)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMetric"]')]
                 .some(m => m.innerText.includes('Option value') && m.innerText.includes('$838,750'))""",
        timeout=30_000,
    )
    assert metric_value(page, "Option value") == "$838,750"  # 381,250 × ($5.20 − $3.00)
    assert thumb.input_value() == "5.2"
    assert thumb.get_attribute("aria-valuetext") == "$5.20"
    exact = page.locator('[data-testid="stSidebar"] input[aria-label="Exact stock price, $ a share"]')
    assert exact.input_value() == "5.20"

    # The address bar is the shareable link, and the sidebar shows the same.
    page.wait_for_function("() => location.search.includes('stock_price=5.2')", timeout=10_000)
    assert query_of(page.url) == {
        "stock_price": ["5.2"], "reason": ["without_good_cause"], "termination_date": ["2006-11-15"],
    }
    share = share_box(page)
    assert query_of("".join(share.split())) == query_of(page.url)
    assert_no_exception(page)

    shot = tmp_path / "home.png"
    page.screenshot(path=str(shot), full_page=True)
    artifacts = REPO_ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copy(shot, artifacts / "home.png")

    assert external_requests(requested_urls) == []


def test_a_shared_link_reopens_the_same_scenario(page, streamlit_server):
    goto_app(page, streamlit_server, "?stock_price=6&reason=death&termination_date=2007-01-13", timeout=60)
    assert_no_exception(page)
    assert metric_value(page, "Vested shares") == "437,500"
    assert metric_value(page, "Option value") == "$1,312,500"  # 437,500 × ($6 − $3)
    assert "The letter is silent on death" in page.locator("main").inner_text()


def test_an_unreadable_link_parameter_is_named_and_the_page_still_works(page, streamlit_server):
    goto_app(page, streamlit_server, WORKED_EXAMPLE + "&stock_price=abc&hire_date=" + "9" * 3000, timeout=60)
    assert_no_exception(page)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "stock_price" in sidebar and "hire_date" in sidebar and "default" in sidebar
    assert metric_value(page, "§6.1 lump sum") == "$125,000"
    page.wait_for_function("() => !location.search.includes('abc')", timeout=10_000)


# Each page at a link that sets some of its own inputs (names and values as the tests of
# each page use them), and the text that shows the page used them.
PAGE_LINKS = [
    ("Explorer", "", "paid 20 Nov 2006 (§6.1(a))"),
    ("Termination matrix", "matrix_date=2007-11-15&matrix_measure=company",
     "The table is as of 15 Nov 2007, the date chosen here."),
    ("Negotiate", "variants=2&v2_base_salary=300000", "Proposal 2"),
    ("Sensitivity", "sens_measure=total_cash", "Sensitivity"),
    ("Contract", "c63_deal_type=liquidation&c62_ground=policy", "The contract, clause by clause"),
]


def _view(page) -> tuple[str, str, dict[str, str]]:
    """What a board member sees: the main area's text, the sidebar's text and every
    sidebar input's value."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    inputs = sidebar.locator("input[aria-label]")
    values = {inputs.nth(i).get_attribute("aria-label"): inputs.nth(i).input_value() for i in range(inputs.count())}
    return page.locator("main").inner_text(), sidebar.inner_text(), values


def test_a_link_copied_from_the_address_bar_on_any_page_reproduces_that_view(browser, page, streamlit_server):
    from tests.browser.helpers import new_page

    for title, page_query, shown in PAGE_LINKS:
        path = {"Explorer": ""}.get(title, title.lower().replace(" ", "_"))
        goto_app(page, streamlit_server, f"{path}{WORKED_EXAMPLE}" + (f"&{page_query}" if page_query else ""),
                 timeout=60)
        assert_no_exception(page)
        # A change made on screen goes into the address bar too.
        exact = page.locator('[data-testid="stSidebar"] input[aria-label="Exact stock price, $ a share"]')
        exact.fill("7.25")
        exact.press("Enter")
        wait_for_app(page, timeout=60)
        page.wait_for_function("() => location.search.includes('stock_price=7.25')", timeout=10_000)
        wait_for_app(page, timeout=60)
        if title == "Explorer":  # all three charts drawn, as in the fresh browser below
            wait_for_charts(page, 3)
        assert shown in page.locator("main").inner_text(), title
        copied = page.url
        for name, values in query_of(WORKED_EXAMPLE.lstrip("?") + "&" + page_query).items():
            assert query_of(copied).get(name) == values, (title, name, copied)
        before = _view(page)

        fresh = new_page(browser)  # a fresh browser context: no cookie, no session, nothing cached
        try:
            fresh.goto(copied, wait_until="domcontentloaded", timeout=60_000)
            wait_for_app(fresh, timeout=60)
            # The page is drawn before the sidebar: wait for both before comparing.
            fresh.locator('[data-testid="stSidebar"] input[aria-label="Exact stock price, $ a share"]').wait_for(
                timeout=60_000)
            fresh.wait_for_function("(text) => document.querySelector('main')?.innerText.includes(text)", arg=shown,
                                    timeout=60_000)
            wait_for_app(fresh, timeout=60)
            assert_no_exception(fresh)
            if title == "Explorer":
                wait_for_charts(fresh, 3)
            assert query_of(fresh.url) == query_of(copied), title
            assert _view(fresh) == before, title
            fresh.screenshot(path=str(REPO_ROOT / "test-artifacts" / f"share_link_{path or 'home'}.png"))
        finally:
            fresh.context.close()
