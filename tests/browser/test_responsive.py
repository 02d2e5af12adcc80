"""Every headline figure whole at every width a director reads on (issue 15).

One page load per page, resized through 820, 1024, 1180, 1280 and 1440 px: at each
width no metric value or label is cut off (its text wider than its box, or its box
past the screen's edge), no chart or table reaches past the viewport, and the
navigation is on screen. A phone (390 px) gets the sidebar out of the way and the
navigation behind its button. The first test proves the check catches a cut-off
figure, so the others cannot pass by measuring nothing.
"""

from __future__ import annotations

import pytest

from tests.browser.app_pages import (
    HEIGHT,
    PAGES,
    WIDTHS,
    headline_figures,
    open_page,
    outside_viewport,
    overflowing_figures,
    settle,
)

PAGE_TITLES = ["Explorer", "Termination matrix", "Negotiate", "Sensitivity", "Uncertainty", "Contract"]

# The figures each page shows, worked out from the letter (READING.md's worked example:
# hired 13 Jul 2005, $250,000 a year, terminated without Good Cause, last day 15 Nov 2006).
EXPECTED_FIGURES = {
    # $1,357,301.37 = salary $336,301.37 + buyout $127,500 + §6.1 lump sum $125,000 + health $6,000
    #                 + options 381,250 × ($5 − $3) = $762,500
    "explorer": ["$1,357,301.37", "$594,801.37", "$125,000", "381,250", "$762,500"],
    # 100,000 vested at hire + 900,000 accelerated on 1 Jun 2006, × ($9.50 − $3) = $6,500,000;
    # cash $588,801.37 (health $0: the months follow the Change in Control, READING.md)
    "explorer_change_in_control": ["$7,088,801.37", "$588,801.37", "$125,000", "100,000", "$6,500,000"],
}


def _visible_nav_titles(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid="stTopNavLink"]')]
        .filter(e => !e.closest('[aria-hidden="true"]') && e.checkVisibility({opacityProperty: true})
                     && e.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)
        .map(e => e.innerText.trim())""")


def _more_button(page):
    return page.locator('[data-testid="stTopNav"] [data-testid="stTopNavSection"]').filter(has_text="more")


def test_the_overflow_check_catches_a_figure_cut_off(page, streamlit_server):
    """The check itself: squeeze one figure's box and it must be reported."""
    page.set_viewport_size({"width": 1280, "height": HEIGHT})
    open_page(page, streamlit_server, "explorer")
    settle(page)
    assert overflowing_figures(page) == []
    page.evaluate("""() => { const v = document.querySelector('[data-testid="stMetricValue"]');
                             v.style.maxWidth = '90px'; v.style.overflow = 'hidden'; }""")
    settle(page)
    (problem,) = overflowing_figures(page)
    assert problem.startswith('stMetricValue "$1,357,301.37"')


@pytest.mark.parametrize("name", list(PAGES))
def test_every_figure_is_whole_at_every_width(page, streamlit_server, name):
    page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
    open_page(page, streamlit_server, name)
    problems: dict[int, list[str]] = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        settle(page)
        found = overflowing_figures(page) + outside_viewport(page)
        if found:
            problems[width] = found
        if name in EXPECTED_FIGURES:
            assert headline_figures(page)[:5] == EXPECTED_FIGURES[name], width
        # The navigation: every page's link on screen, or those that do not fit behind "N more".
        titles = _visible_nav_titles(page)
        assert "Explorer" in titles, (width, titles)
        hidden = [t for t in PAGE_TITLES if t not in titles]
        if hidden:
            assert _more_button(page).first.is_visible(), (width, titles)
            assert _more_button(page).first.inner_text().strip().startswith(f"{len(hidden)} more"), (width, titles)
    assert not problems, f"{name}: {problems}"


def test_the_more_menu_reaches_every_page_on_a_tablet(page, streamlit_server):
    """At 820 px the top bar shows some pages and "N more"; the menu opens from the keyboard."""
    page.set_viewport_size({"width": 820, "height": HEIGHT})
    open_page(page, streamlit_server, "explorer")
    titles = _visible_nav_titles(page)
    more = _more_button(page).first
    if len(titles) == len(PAGE_TITLES):
        return  # everything fits: nothing is behind a menu
    more.focus()
    page.keyboard.press("Enter")
    menu = page.locator('[data-testid="stTopNavPopoverBody"], [data-testid="stTopNavPopover"]').first
    menu.wait_for(state="visible", timeout=10_000)
    listed = menu.inner_text()
    assert all(t in listed for t in PAGE_TITLES if t not in titles), (titles, listed)


def test_a_phone_gets_the_figures_whole_and_the_sidebar_out_of_the_way(page, streamlit_server):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, streamlit_server, "explorer_change_in_control")
    settle(page)
    assert overflowing_figures(page) == []
    assert outside_viewport(page) == []
    assert headline_figures(page)[:5] == EXPECTED_FIGURES["explorer_change_in_control"]
    # The sidebar starts collapsed, off screen; its button brings it, and the pages, back.
    sidebar = page.locator('[data-testid="stSidebar"]')
    box = sidebar.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0
    page.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button').first.click()
    page.locator('[data-testid="stSidebarNavLink"]').first.wait_for(state="visible", timeout=10_000)
    links = page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
    assert [t.strip() for t in links] == PAGE_TITLES
