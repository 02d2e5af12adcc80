"""The app's pages as the responsive and accessibility tests open them (no pytest here).

``PAGES``                 name → (path + link, charts the page draws): every page at a realistic
                          scenario, the Explorer twice (a termination, and a Change in Control with
                          single-trigger acceleration, whose figures are the widest)
``WIDTHS``                the screen widths a director reads on: iPad upright (820), iPad on its
                          side (1024), iPad Air on its side (1180), small and larger laptops
``open_page(page, base_url, name)``   open a page and wait until every element and chart is drawn
``settle(page)``          wait for the layout after a resize (Vega redraws container-width charts)
``overflowing_figures(page)``   every headline figure (metric value or label) cut off or off screen
``outside_viewport(page)``      charts and tables reaching past the viewport or wider than their box
"""

from __future__ import annotations

from urllib.parse import urlencode

from tests.browser.helpers import assert_no_exception, goto_app, wait_for_app

TERMINATION = "reason=without_good_cause&termination_date=2006-11-15"
# A Change in Control on 1 Jun 2006 with single-trigger acceleration at $9.50 a share: the
# Explorer's "Total to him" is $7,088,801.37, the longest headline figure of the pages' links.
CHANGE_IN_CONTROL = (TERMINATION + "&cic_date=2006-06-01&cic_acceleration=single_trigger&stock_price=9.5")
NEGOTIATE = urlencode({
    "reason": "without_good_cause", "termination_date": "2007-11-15", "variants": "2",
    "v1_name": "36 months, $250k", "v1_severance_lump_sum": "250000", "v1_protection_months": "36",
    "v2_name": "Vest all", "v2_unvested_at_termination": "accelerate",
})

PAGES: dict[str, tuple[str, int]] = {
    "explorer": (f"?{TERMINATION}", 3),
    # + the §280G panel's bar against the 3B line
    "explorer_change_in_control": (f"?{CHANGE_IN_CONTROL}", 4),
    "termination_matrix": (f"termination_matrix?{TERMINATION}", 1),
    "negotiate": (f"negotiate?{NEGOTIATE}", 2),
    # the heatmap (with the 3B line over it) + the §280G line on its own
    "sensitivity": (f"sensitivity?{CHANGE_IN_CONTROL}", 2),
    # the distribution on his last day + the fan by last day
    "uncertainty": (f"uncertainty?{TERMINATION}", 2),
    "contract": (f"contract?{TERMINATION}", 0),
}

WIDTHS = (820, 1024, 1180, 1280, 1440)
HEIGHT = 900

_DRAWN = """(charts) => {
    if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], '
                               + '[data-testid="stAppSkeleton"]')) return false;
    if (!document.querySelector('[data-testid="stMain"] h1')) return false;
    const drawn = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
        .filter(c => c.querySelector('canvas, svg'));
    return drawn.length >= charts;
}"""


def open_page(page, base_url: str, name: str) -> None:
    path, charts = PAGES[name]
    goto_app(page, base_url, path, timeout=90)
    # A deep link runs app.py first and the page after it: wait until the page itself is drawn.
    page.wait_for_function(_DRAWN, arg=charts, timeout=60_000)
    wait_for_app(page, timeout=60)
    assert_no_exception(page)


def settle(page) -> None:
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_timeout(400)  # Vega redraws a container-width chart after a resize observer fires
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


_OVERFLOWING_FIGURES = """() => {
    const vw = document.documentElement.clientWidth;
    const shown = e => e.getClientRects().length > 0 && e.checkVisibility();
    const out = [];
    for (const el of document.querySelectorAll(
            '[data-testid="stMain"] [data-testid="stMetricValue"], [data-testid="stMain"] [data-testid="stMetricLabel"]')) {
        if (!shown(el)) continue;  // inside a closed expander
        const box = el.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(el);
        const text = range.getBoundingClientRect();  // the text's own width, clipped or not
        const clipped = [el, ...el.querySelectorAll('*')]
            .filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1);
        const problems = [];
        if (clipped.length) problems.push(`scrollWidth > clientWidth in ${clipped.length} element(s)`);
        if (text.right > box.right + 1 || text.left < box.left - 1)
            problems.push(`text ${Math.round(text.width)} px in a ${Math.round(box.width)} px box`);
        if (box.right > vw + 1 || box.left < -1) problems.push(`box ${Math.round(box.left)}–${Math.round(box.right)} px`
                                                            + ` outside the ${vw} px viewport`);
        if (problems.length) out.push(`${el.dataset.testid} "${el.innerText.trim()}": ${problems.join('; ')}`);
    }
    return out;
}"""


def headline_figures(page) -> list[str]:
    """The texts of the metric values on screen (not in a closed expander)."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stMetricValue"]')]
        .filter(e => e.getClientRects().length > 0 && e.checkVisibility()).map(e => e.innerText.trim())""")


def overflowing_figures(page) -> list[str]:
    return page.evaluate(_OVERFLOWING_FIGURES)


_OUTSIDE_VIEWPORT = """() => {
    const vw = document.documentElement.clientWidth;
    const out = [];
    const main = document.querySelector('[data-testid="stMain"]');
    if (main && main.scrollWidth > main.clientWidth + 1)
        out.push(`the page scrolls sideways: ${main.scrollWidth} px in ${main.clientWidth} px`);
    if (document.documentElement.scrollWidth > vw + 1)
        out.push(`the document is ${document.documentElement.scrollWidth} px wide in a ${vw} px viewport`);
    for (const el of document.querySelectorAll('[data-testid="stMain"] [data-testid="stVegaLiteChart"], '
            + '[data-testid="stMain"] [data-testid="stDataFrame"], [data-testid="stMain"] [data-testid="stTable"]')) {
        if (!(el.getClientRects().length > 0 && el.checkVisibility())) continue;
        const box = el.getBoundingClientRect();
        if (box.right > vw + 1 || box.left < -1)
            out.push(`${el.dataset.testid} at ${Math.round(box.left)}–${Math.round(box.right)} px in a ${vw} px viewport`);
        const drawing = el.querySelector('canvas, svg');
        if (drawing && drawing.getBoundingClientRect().width > box.width + 1)
            out.push(`${el.dataset.testid} drawn ${Math.round(drawing.getBoundingClientRect().width)} px wide `
                     + `in its ${Math.round(box.width)} px box`);
    }
    return out;
}"""


def outside_viewport(page) -> list[str]:
    return page.evaluate(_OUTSIDE_VIEWPORT)
