"""Time from a request to the Explorer's first drawn chart, against a bare page.

``.venv/bin/python -m bench.first_chart`` prints

* ``first_chart_ratio``   median over alternating warm loads (each in a fresh browser
                          context) of the Explorer's time to its first drawn chart,
                          divided by the median for a bare Streamlit page with one
                          Altair chart, served from the same machine;
* ``first_chart_app_s`` / ``first_chart_bare_s``  the two medians, in seconds;
* ``first_chart_cold_s``  a freshly started server's first request to the Explorer.

"Drawn" is the moment the first ``stVegaLiteChart`` holds a canvas or an svg,
measured in the page from navigation start (``performance.now()``).
Everything listens on 127.0.0.1 and stops by itself. Set FIRST_CHART_LOADS (default
9) for more or fewer warm loads of each page.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from tests.browser.helpers import launch_chromium, new_page, start_streamlit_server

BARE_PAGE = '''
import altair as alt
import pandas as pd
import streamlit as st

st.set_page_config(page_title="bare", layout="wide")
data = pd.DataFrame({"x": range(10), "y": [v * v for v in range(10)]})
st.vega_lite_chart(alt.Chart(data).mark_line().encode(x="x:Q", y="y:Q").to_dict(), width="stretch")
'''

# Resolves with the milliseconds from navigation start to the first drawn chart.
_FIRST_CHART_MS = """() => new Promise(resolve => {
    const drawn = () => document.querySelector('[data-testid="stVegaLiteChart"] canvas, '
                                              + '[data-testid="stVegaLiteChart"] svg');
    if (drawn()) { resolve(performance.now()); return; }
    const observer = new MutationObserver(() => {
        if (drawn()) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(document, {subtree: true, childList: true});
})"""

# Installed before any page script runs, so the observer sees the first chart.
_INIT = """window.__firstChart = (%s)();""" % _FIRST_CHART_MS


def _load(browser, url: str, timeout_ms: int = 60_000) -> float:
    """Seconds from navigation start to the first drawn chart, in a fresh context."""
    page = new_page(browser)
    try:
        page.add_init_script(_INIT)
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        ms = page.evaluate("() => window.__firstChart")
        return float(ms) / 1000.0
    finally:
        page.context.close()


def main() -> None:
    loads = int(os.environ.get("FIRST_CHART_LOADS", "9"))
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-first-chart-") as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_PAGE)
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            try:
                with start_streamlit_server(log_dir=tmp) as cold:
                    cold_s = _load(browser, cold)
                (Path(tmp) / "bare-log").mkdir()
                with start_streamlit_server(log_dir=tmp) as app, \
                        start_streamlit_server(app_script=bare, log_dir=Path(tmp) / "bare-log") as bare_url:
                    _load(browser, app)  # warm both servers once (imports, caches)
                    _load(browser, bare_url)
                    app_times, bare_times = [], []
                    for _ in range(loads):
                        app_times.append(_load(browser, app))
                        bare_times.append(_load(browser, bare_url))
            finally:
                browser.close()
    app_s, bare_s = statistics.median(app_times), statistics.median(bare_times)
    print(f"first_chart_ratio: {app_s / bare_s:.2f}")
    print(f"first_chart_app_s: {app_s:.3f}")
    print(f"first_chart_bare_s: {bare_s:.3f}")
    print(f"first_chart_cold_s: {cold_s:.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
