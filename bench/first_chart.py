"""Time from a request to the Explorer's first drawn chart, against a bare page.

``.venv/bin/python -m bench.first_chart`` prints

* ``first_chart_ratio``   median over alternating warm loads (each in a fresh browser
                          context) of the Explorer's time to its first drawn chart,
                          divided by the median for a bare Streamlit page with one
                          Altair chart, served from the same machine;
* ``first_chart_app_s`` / ``first_chart_bare_s``  the two medians, in seconds;
* ``first_chart_cold_s``  a freshly started server's first request to the Explorer;
* ``first_chart_cpu_ratio``, ``first_chart_app_cpu_s`` / ``first_chart_bare_cpu_s``  the same
                          medians in CPU time of the page's main thread from navigation start to
                          the first drawn chart (Chromium's trace: thread time), the work the
                          browser does before the chart. On a machine shared with other jobs
                          the wall-clock figures swing by a second or more; this one far less.

"Drawn" is the moment the first ``stVegaLiteChart`` holds a canvas or an svg,
measured in the page from navigation start (``performance.now()``).
Everything listens on 127.0.0.1 and stops by itself. Set FIRST_CHART_LOADS (default
9) for more or fewer warm loads of each page. With FIRST_CHART_TRACE=1 each load also
prints, on standard error, where its time went: the websocket's opening, the script runs
(``new_session`` messages), the first chart's delta (its arrival, and the messages and
bytes before it), the run's end, and the drawing.
"""

from __future__ import annotations

import json
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

# Installed before any page script runs, so the observer sees the first chart. The
# timestamp marks the moment in Chromium's trace (its thread time gives the CPU figure).
_MARK = "first-chart-drawn"
_INIT = """window.__firstChart = (%s)().then(t => { console.timeStamp(%r); return t; });""" % (
    _FIRST_CHART_MS, _MARK)
_TRACE_CATEGORIES = ["devtools.timeline", "blink.user_timing"]

# FIRST_CHART_TRACE=1: every websocket message the page receives, with its arrival time
# (performance.now(), when the page's event loop takes it) and its bytes (base64).
_WS_LOG = """window.__ws = [];
(() => {
  const Native = window.WebSocket;
  function Logged(...args) {
    const ws = new Native(...args);
    window.__ws.push({t: performance.now(), open: true});
    ws.addEventListener('message', ev => {
      if (!(ev.data instanceof ArrayBuffer)) return;
      const bytes = new Uint8Array(ev.data);
      let text = '';
      for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
      window.__ws.push({t: performance.now(), b: btoa(text)});
    });
    return ws;
  }
  Logged.prototype = Native.prototype;
  Object.assign(Logged, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.WebSocket = Logged;
})();"""


def _timeline(log: list[dict], drawn_ms: float) -> str:
    """One line: where a load's time went, from its websocket messages (Streamlit's ForwardMsg)."""
    import base64

    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    opened = next((e["t"] for e in log if e.get("open")), float("nan"))
    runs, before, before_bytes, chart_at, finished_at, total = 0, 0, 0, None, None, 0
    for entry in log:
        if "b" not in entry:
            continue
        raw = base64.b64decode(entry["b"])
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        total += len(raw)
        kind = msg.WhichOneof("type")
        runs += kind == "new_session"
        if kind == "script_finished":
            finished_at = entry["t"]
        is_chart = (kind == "delta" and msg.delta.WhichOneof("type") == "new_element"
                    and msg.delta.new_element.WhichOneof("type") == "vega_lite_chart")
        if chart_at is None:
            if is_chart:
                chart_at = entry["t"]
            else:
                before += 1
                before_bytes += len(raw)
    fmt = lambda t: "-" if t is None else f"{t:.0f}"  # noqa: E731
    return (f"ws open {opened:.0f} ms; runs {runs}; first chart delta at {fmt(chart_at)} ms after {before} "
            f"messages ({before_bytes:,} bytes); run finished {fmt(finished_at)} ms ({total:,} bytes); "
            f"drawn {drawn_ms:.0f} ms")


def main_thread_cpu_s(trace_path: str | os.PathLike[str]) -> float | None:
    """CPU seconds of the page's main thread from navigation start to the first drawn chart,
    read from a Chromium trace (thread timestamps ``tts``); None when the trace lacks them."""
    events = json.loads(Path(trace_path).read_text())
    events = events["traceEvents"] if isinstance(events, dict) else events
    drawn = [e for e in events if e.get("name") == "TimeStamp"
             and (e.get("args") or {}).get("data", {}).get("message") == _MARK and "tts" in e]
    if not drawn:
        return None
    mark = drawn[0]
    starts = [e["ts"] for e in events if e.get("name") == "navigationStart" and e.get("pid") == mark["pid"]]
    if not starts:
        return None
    first = [e["tts"] for e in events if e.get("pid") == mark["pid"] and e.get("tid") == mark["tid"]
             and "tts" in e and e.get("ts", 0) >= min(starts)]
    return (mark["tts"] - min(first)) / 1e6 if first else None


def _load(browser, url: str, timeout_ms: int = 60_000, trace_path: Path | None = None) -> tuple[float, float | None]:
    """Seconds from navigation start to the first drawn chart, in a fresh context, and (with
    ``trace_path``) the main thread's CPU seconds until then."""
    page = new_page(browser)
    tracing = False
    timeline = os.environ.get("FIRST_CHART_TRACE") == "1"
    try:
        page.add_init_script(_INIT)
        if timeline:
            page.add_init_script(_WS_LOG)
        if trace_path is not None:
            browser.start_tracing(page=page, path=str(trace_path), categories=_TRACE_CATEGORIES)
            tracing = True
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        ms = page.evaluate("() => window.__firstChart")
        if timeline:
            page.wait_for_timeout(500)  # the rest of the run's messages
            print(f"# {url}: {_timeline(page.evaluate('() => window.__ws'), ms)}", file=sys.stderr)
        cpu = None
        if tracing:
            browser.stop_tracing()
            tracing = False
            cpu = main_thread_cpu_s(trace_path)
        return float(ms) / 1000.0, cpu
    finally:
        if tracing:
            browser.stop_tracing()
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
                    cold_s, _ = _load(browser, cold)
                (Path(tmp) / "bare-log").mkdir()
                trace = Path(tmp) / "trace.json"
                with start_streamlit_server(log_dir=tmp) as app, \
                        start_streamlit_server(app_script=bare, log_dir=Path(tmp) / "bare-log") as bare_url:
                    _load(browser, app)  # warm both servers once (imports, caches)
                    _load(browser, bare_url)
                    app_loads, bare_loads = [], []
                    for _ in range(loads):
                        app_loads.append(_load(browser, app, trace_path=trace))
                        bare_loads.append(_load(browser, bare_url, trace_path=trace))
            finally:
                browser.close()
    app_s = statistics.median(t for t, _ in app_loads)
    bare_s = statistics.median(t for t, _ in bare_loads)
    print(f"first_chart_ratio: {app_s / bare_s:.2f}")
    print(f"first_chart_app_s: {app_s:.3f}")
    print(f"first_chart_bare_s: {bare_s:.3f}")
    print(f"first_chart_cold_s: {cold_s:.2f}")
    app_cpu = [c for _, c in app_loads if c is not None]
    bare_cpu = [c for _, c in bare_loads if c is not None]
    if app_cpu and bare_cpu:
        app_c, bare_c = statistics.median(app_cpu), statistics.median(bare_cpu)
        print(f"first_chart_cpu_ratio: {app_c / bare_c:.2f}")
        print(f"first_chart_app_cpu_s: {app_c:.3f}")
        print(f"first_chart_bare_cpu_s: {bare_c:.3f}")
    else:
        print("first_chart_cpu_ratio: n/a (the Chromium trace had no thread times)")
    print("# raw wall s, app: " + " ".join(f"{t:.2f}" for t, _ in app_loads), file=sys.stderr)
    print("# raw wall s, bare: " + " ".join(f"{t:.2f}" for t, _ in bare_loads), file=sys.stderr)
    print("# raw cpu s, app: " + " ".join(f"{c:.2f}" for c in app_cpu), file=sys.stderr)
    print("# raw cpu s, bare: " + " ".join(f"{c:.2f}" for c in bare_cpu), file=sys.stderr)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
