"""Screenshot of the home page for the README.

    python -m tests.browser.screenshot docs/screenshot.png

Starts the app (``streamlit run app.py`` on a free local port), opens the
Explorer at the worked example — hire 13 Jul 2005, exercise $3.00, stock
$5.00, terminated without Good Cause on 15 Nov 2006 — in headless Chromium
(/usr/bin/chromium) at 1400×1000, and saves the full page as PNG.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.browser.helpers import (
    assert_no_exception,
    goto_app,
    launch_chromium,
    new_page,
    start_streamlit_server,
)

WORKED_EXAMPLE = "?reason=without_good_cause&termination_date=2006-11-15"


def take(output: Path, query: str = WORKED_EXAMPLE, full_page: bool = False) -> Path:
    from playwright.sync_api import sync_playwright

    output.parent.mkdir(parents=True, exist_ok=True)
    with start_streamlit_server() as base_url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = new_page(browser)  # 1400×1000, en-US, UTC, light
            goto_app(page, base_url + "/" + query, timeout=60)
            page.wait_for_selector('[data-testid="stVegaLiteChart"] canvas, '
                                   '[data-testid="stVegaLiteChart"] svg', timeout=30_000)
            page.wait_for_timeout(1_000)  # let Vega finish drawing
            assert_no_exception(page)
            page.screenshot(path=str(output), full_page=full_page)
        finally:
            browser.close()
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.browser.screenshot", description=__doc__.split("\n")[0])
    parser.add_argument("output", type=Path, help="PNG file to write, e.g. docs/screenshot.png")
    parser.add_argument("--query", default=WORKED_EXAMPLE, help="link parameters to open (default: the worked example)")
    parser.add_argument("--full-page", action="store_true", help="the whole scrolling page, not just the viewport")
    args = parser.parse_args(argv)
    path = take(args.output, args.query, args.full_page)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
