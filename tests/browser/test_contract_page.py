"""The Contract page in a real headless Chromium: it opens at a shared link with
its two checks filled in, answers them, keeps the address bar shareable, and
reads well at a laptop's width (screenshots in test-artifacts/)."""

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

# Terminated without Good Cause on 15 Nov 2006; the §6.3 check at a Carl Berg purchase of 80%;
# the §6.2 check at neglect noticed 1 Mar 2006 (given, though it is the default) with a termination on
# 30 Mar 2006 (the default).
LINK = ("?reason=without_good_cause&termination_date=2006-11-15"
        "&c63_deal_type=acquisition&c63_acquirer_pct=80&c63_acquirer_is_berg=true"
        "&c62_notice_date=2006-03-01")
MAIN = '[data-testid="stMain"]'


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def main_text(page) -> str:
    return page.locator(MAIN).inner_text()


def wait_for_text(page, text: str, timeout: float = 30.0) -> None:
    """The page draws in stages (a deep link passes through app.py first): wait for ``text``."""
    page.wait_for_function("([sel, text]) => document.querySelector(sel)?.innerText.includes(text)",
                           arg=[MAIN, text], timeout=timeout * 1000)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the main area's selectbox ``label``, as a mouse user does."""
    box = page.locator(f'{MAIN} [data-testid="stSelectbox"]').filter(has_text=label)
    for _ in range(3):  # a rerun landing between the click and the menu can close it: try again
        wait_for_app(page, timeout=30)
        box.locator('[role="combobox"], input').first.click()
        choice = page.get_by_role("option", name=option)
        try:
            choice.wait_for(timeout=5_000)
        except Exception:  # noqa: BLE001 - playwright's TimeoutError
            page.keyboard.press("Escape")
            continue
        choice.click()
        wait_for_app(page, timeout=30)
        return
    raise AssertionError(f"could not choose {option!r} in {label!r}")


def metric_value(page, label: str) -> str:
    card = page.locator(f'{MAIN} [data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label)
    )
    return card.first.locator('[data-testid="stMetricValue"]').inner_text().strip()


def screenshot_whole_page(page, path) -> None:
    """Streamlit scrolls inside its main block, so grow the window to the page's height first."""
    height = page.evaluate(f"() => document.querySelector('{MAIN}').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 50, 16_000)})
    wait_for_app(page, timeout=30)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1400, "height": 1000})


def keep(shot, name: str) -> None:
    artifacts = REPO_ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copy(shot, artifacts / name)


def test_the_contract_page_at_a_shared_link(page, streamlit_server, requested_urls, tmp_path):
    goto_app(page, streamlit_server, "contract" + LINK, timeout=60)
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text().strip() == "The contract, clause by clause"
    wait_for_text(page, "paid 4 Apr 2006 (§6.1(a))")
    wait_for_text(page, "Eligibility to work")  # the last row of the last table

    text = main_text(page)
    assert "Drafting quirks the Board should know" in text
    assert 'read literally, both convictions would be required' in text
    assert "No: not a Change in Control under §6.3(b)." in text
    assert "Not yet Good Cause under §6.2(b): treated as a termination without Good Cause." in text
    assert metric_value(page, "Good Cause from") == "31 Mar 2006"
    assert metric_value(page, "§6.1 lump sum") == "$125,000"
    assert "paid 4 Apr 2006 (§6.1(a))" in text
    # The clause list carries each clause's figure for the sidebar's scenario.
    assert page.locator('[data-testid="stExpander"] summary',
                        has_text="§6.1 Payments on Change in Control").inner_text().strip().endswith(
        "$125,000 paid 20 Nov 2006")

    # The link keeps the page's inputs.
    page.wait_for_function("() => location.search.includes('c63_acquirer_is_berg=true')", timeout=10_000)
    # c62_notice_date=2006-03-01 is the default, so the link drops it.
    page.wait_for_function("() => !location.search.includes('c62_notice_date')", timeout=10_000)
    assert query_of(page.url) == {k: v for k, v in query_of(LINK).items() if k != "c62_notice_date"}

    # Open §6.1 and read its figures.
    page.locator('[data-testid="stExpander"] summary', has_text="§6.1 Payments on Change in Control").click()
    wait_for_app(page, timeout=30)
    assert metric_value(page, "§6.1(a) lump sum") == "$125,000"
    assert metric_value(page, "§6 Termination Date") == "15 Nov 2006"
    assert metric_value(page, "§6.1(b) health continuation") == "$6,000"
    assert_no_exception(page)

    shot = tmp_path / "contract.png"
    screenshot_whole_page(page, shot)
    keep(shot, "contract.png")
    assert external_requests(requested_urls) == []


def test_the_change_in_control_check_answers_a_new_deal(page, streamlit_server, tmp_path):
    goto_app(page, streamlit_server, "contract", timeout=60)
    assert_no_exception(page)
    wait_for_text(page, "No: not a Change in Control under §6.3(a)(i).")  # exactly 50% kept

    choose(page, "What happened", "Liquidation")
    wait_for_text(page, "Yes: a Change in Control, under §6.3(c).")
    page.wait_for_function("() => location.search.includes('c63_deal_type=liquidation')", timeout=10_000)
    assert query_of(page.url) == {"c63_deal_type": ["liquidation"]}

    # The answer survives a visit to another page, and the link keeps it meanwhile.
    page.get_by_role("link", name="Explorer").click()
    wait_for_app(page, timeout=30)
    page.wait_for_selector("h1:has-text('Offer-letter scenario explorer')", timeout=30_000)
    assert query_of(page.url) == {"c63_deal_type": ["liquidation"]}
    page.get_by_role("link", name="Contract").click()
    wait_for_app(page, timeout=30)
    wait_for_text(page, "Yes: a Change in Control, under §6.3(c).")
    box = page.locator(f'{MAIN} input[role="combobox"][aria-label="What happened"]')
    assert box.input_value() == "Liquidation"  # the box shows the deal the answer is about, not its default

    # Exactly 50% acquired is not (b); one step up the keyboard makes it 51%, which is.
    choose(page, "What happened", "A Person acquires voting securities")
    pct = page.locator(f'{MAIN} input[aria-label="Acquirer\'s share of the Company\'s voting control, %"]')
    assert pct.input_value() == "50.00"
    wait_for_text(page, "No: not a Change in Control under §6.3(b).")
    pct.focus()
    pct.press("ArrowUp")
    pct.press("Enter")
    wait_for_app(page, timeout=30)
    wait_for_text(page, "Yes: a Change in Control, under §6.3(b).")
    assert "A Person other than Carl Berg holds 51% of the voting control, more than 50%." in main_text(page)
    page.wait_for_function("() => location.search.includes('c63_acquirer_pct=51')", timeout=10_000)
    assert_no_exception(page)
    shot = tmp_path / "contract_checks.png"
    page.locator(f'{MAIN} h2', has_text="Is it a Change in Control?").scroll_into_view_if_needed()
    page.screenshot(path=str(shot))
    keep(shot, "contract_checks.png")
