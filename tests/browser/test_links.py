"""The link in a real headless Chromium: on every page, after an input there is changed, the
address bar holds the same link as the sidebar's share box, and that link, opened in a fresh
browser context, shows the same view.

The sidebar's and the pages' inputs are written to the address bar by ``ui.state`` at the end of
each run (the Uncertainty page's by Streamlit's ``bind="query-params"``). AppTest has no browser,
so this is where the address bar itself is checked.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.browser.helpers import assert_no_exception, goto_app, new_page, share_box, wait_for_app

TERMINATION = {"reason": "without_good_cause", "termination_date": "2006-11-15"}

# page path, the link it opens with, the input changed there (its accessible name, or a radio
# option's label), the value typed, and the link parameter that must then hold it.
CASES = [
    pytest.param("", TERMINATION, "Exact stock price, $ a share", "6.5", ("stock_price", "6.5"), id="explorer"),
    pytest.param("termination_matrix", TERMINATION, "radio:Company cash cost", None, ("matrix_measure", "company"),
                 id="termination_matrix"),
    pytest.param("negotiate", {**TERMINATION, "v1_protection_months": "36"}, "Proposal 1 · §6.1 lump sum, $",
                 "300000", ("v1_severance_lump_sum", "300000"), id="negotiate"),
    pytest.param("sensitivity", TERMINATION, "Years of last days", "3", ("sens_years", "3"), id="sensitivity"),
    pytest.param("uncertainty", TERMINATION, "Price volatility for this page, % a year", "40",
                 ("unc_volatility_pct", "40"), id="uncertainty"),
    pytest.param("contract", {"c63_deal_type": "acquisition"}, "Acquirer's share of the Company's voting control, %",
                 "80", ("c63_acquirer_pct", "80"), id="contract"),
]


def address_bar(page) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(page.url).query, keep_blank_values=True))


def inputs_shown(page) -> dict[str, str]:
    """Every visible text/number input's value and every checked radio, by accessible name."""
    return page.evaluate("""() => {
        const out = {};
        for (const el of document.querySelectorAll('input')) {
            if (el.type !== 'radio' && !el.checkVisibility()) continue;
            const name = el.getAttribute('aria-label') || el.id;
            if (el.type === 'radio') { if (el.checked) out['radio:' + el.value] = 'checked'; }
            else if (el.type !== 'checkbox' && name) out[name] = el.value;
        }
        return out;
    }""")


def change(page, target: str, value: str | None) -> None:
    if target.startswith("radio:"):
        page.get_by_text(target.removeprefix("radio:"), exact=True).click()
    else:
        box = page.locator(f'input[aria-label="{target}"]')
        box.fill(value)
        box.press("Enter")
    wait_for_app(page, timeout=60)


@pytest.mark.parametrize("path, link, target, value, expected", CASES)
def test_a_link_copied_from_the_address_bar_reproduces_the_view(path, link, target, value, expected, page, browser,
                                                                 streamlit_server):
    param, written = expected
    goto_app(page, streamlit_server, f"{path}?{urlencode(link)}", timeout=90)
    assert_no_exception(page)
    change(page, target, value)
    page.wait_for_function(f"() => new URLSearchParams(location.search).get({param!r}) === {written!r}",
                           timeout=15_000)
    wait_for_app(page, timeout=60)
    assert_no_exception(page)

    # The address bar holds what the share box holds: the link's inputs, the change included.
    shared = dict(parse_qsl(urlsplit(share_box(page)).query, keep_blank_values=True))
    assert shared == {**link, param: written}
    assert address_bar(page) == shared
    assert urlsplit(page.url).path.rstrip("/").endswith(path or "")

    # Opened in a fresh browser (no session, no cookies), the copied link is the same view.
    fresh = new_page(browser)
    try:
        goto_app(fresh, streamlit_server, urlsplit(page.url).path.lstrip("/") + "?" + urlsplit(page.url).query,
                 timeout=90)
        assert_no_exception(fresh)
        assert address_bar(fresh) == shared
        assert share_box(fresh) == share_box(page)
        shown = inputs_shown(page)
        for _ in range(100):  # the sidebar may be drawn a moment after the page
            if inputs_shown(fresh) == shown:
                break
            fresh.wait_for_timeout(100)
        assert inputs_shown(fresh) == shown
        assert fresh.locator("h1").first.inner_text() == page.locator("h1").first.inner_text()
        figures = '[data-testid="stMetricValue"]'
        assert fresh.locator(figures).all_inner_texts() == page.locator(figures).all_inner_texts()
    finally:
        fresh.context.close()
