"""Never a leak: every page of the app, opened in a real headless Chromium, loads
everything from this machine (no fonts, scripts or trackers from the internet), and
the server's log holds nothing of the scenario a board member looked at, and no
traceback."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.browser.helpers import (
    REPO_ROOT,
    assert_no_exception,
    external_requests,
    goto_app,
    is_local_url,
    wait_for_app,
)

# Distinctive values, so any trace of them in the log is ours: a stock price no
# default produces and a last day no other test uses.
STOCK_PRICE = "7.3141"
LAST_DAY = "2006-11-17"
LINK = f"?stock_price={STOCK_PRICE}&reason=without_good_cause&termination_date={LAST_DAY}"
SCENARIO = {"stock_price": [STOCK_PRICE], "reason": ["without_good_cause"], "termination_date": [LAST_DAY]}
NAV_LINK = '[data-testid="stTopNavLink"]'
CHART = '[data-testid="stVegaLiteChart"]'

# Every URL the page's own markup and style sheets point at: scripts, style sheets,
# fonts (@font-face src), images, frames.
_REFERENCED_URLS_JS = """() => {
    const urls = [];
    for (const el of document.querySelectorAll('script[src], link[href], img[src], iframe[src], source[src]')) {
        urls.push(el.src || el.href);
    }
    for (const sheet of document.styleSheets) {
        let rules;
        try { rules = sheet.cssRules; } catch (e) { urls.push('unreadable style sheet: ' + sheet.href); continue; }
        for (const rule of rules) {
            if (rule instanceof CSSFontFaceRule || rule instanceof CSSImportRule) {
                const text = rule.cssText;
                for (const m of text.matchAll(/url\\(["']?([^"')]+)["']?\\)/g)) {
                    urls.push(new URL(m[1], sheet.href || document.baseURI).href);
                }
            }
        }
    }
    return urls;
}"""


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def nav_pages(page) -> list[tuple[str, str]]:
    """(title, path) of every page in the app's navigation, as the browser shows it."""
    links = page.locator(NAV_LINK).evaluate_all("els => els.map(e => [e.innerText.trim(), e.href])")
    return [(title, urlsplit(href).path) for title, href in links]


def settle_charts(page) -> None:
    """Let every chart finish drawing (Vega loads nothing more once it has drawn)."""
    charts = page.locator(CHART)
    for i in range(charts.count()):
        charts.nth(i).locator("canvas, svg").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(500)


def assert_only_local_references(page) -> None:
    referenced = page.evaluate(_REFERENCED_URLS_JS)
    assert referenced, "the page references its own scripts and styles"
    remote = [u for u in referenced if not is_local_url(u)]
    assert remote == [], f"the page points at other hosts: {remote}"


def test_every_page_loads_only_from_this_machine(page, streamlit_server, requested_urls):
    goto_app(page, streamlit_server, LINK, timeout=90)
    assert_no_exception(page)
    pages = nav_pages(page)
    titles = [title for title, _ in pages]
    assert titles[0] == "Explorer" and len(titles) == len(set(titles)), titles
    assert len(pages) >= 1

    for title, path in pages:
        page.locator(NAV_LINK, has_text=title).first.click()
        page.wait_for_function("(path) => location.pathname === path", arg=path, timeout=30_000)
        wait_for_app(page, timeout=90)
        assert_no_exception(page)
        settle_charts(page)
        assert_only_local_references(page)
        # The scenario from the link goes with the board member from page to page.
        page.wait_for_function("(v) => location.search.includes('stock_price=' + v)", arg=STOCK_PRICE,
                               timeout=10_000)
        assert {k: v for k, v in query_of(page.url).items() if k in SCENARIO} == SCENARIO, (title, page.url)

    shot = REPO_ROOT / "test-artifacts" / "privacy_last_page.png"
    shot.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(shot), full_page=False)

    assert any(u.startswith(str(streamlit_server)) for u in requested_urls)
    assert external_requests(requested_urls) == []


def test_a_link_straight_to_each_page_loads_only_from_this_machine(page, streamlit_server, requested_urls):
    goto_app(page, streamlit_server, LINK, timeout=90)
    paths = [path for _, path in nav_pages(page)]
    for path in paths:
        goto_app(page, streamlit_server, path.lstrip("/") + LINK, timeout=90)
        assert_no_exception(page)
        settle_charts(page)
        assert_only_local_references(page)
        assert urlsplit(page.url).path == path
    assert external_requests(requested_urls) == []


def test_the_server_log_holds_no_scenario_and_no_traceback(page, streamlit_server):
    # Open the scenario and work with it, so the log had every chance to record it.
    goto_app(page, streamlit_server, LINK + "&stock_price=abc&hire_date=1989-12-31", timeout=90)
    assert_no_exception(page)
    goto_app(page, streamlit_server, LINK, timeout=90)
    exact = page.locator('[data-testid="stSidebar"] input[aria-label="Exact stock price, $ a share"]')
    exact.fill("7.3141")
    exact.press("Enter")
    wait_for_app(page, timeout=60)
    assert_no_exception(page)

    log = streamlit_server.read_log()
    assert STOCK_PRICE not in log and "7.31" not in log
    assert LAST_DAY not in log and "17 Nov 2006" not in log
    assert "1989-12-31" not in log and "stock_price" not in log and "termination_date" not in log
    assert "Traceback" not in log, log[-3_000:]
    assert "Uncaught app" not in log, log[-3_000:]

