"""Reusable helpers for the real-browser (Playwright + system Chromium) tests.

Fixtures live in ``tests/browser/conftest.py``; this module holds plain
functions (no pytest dependency) so test modules and scripts such as
``tests.browser.screenshot`` can use them:

    from tests.browser.helpers import (
        start_streamlit_server, launch_chromium, new_page, goto_app, wait_for_app,
    )

    with start_streamlit_server() as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = new_page(browser)
        goto_app(page, url)
        page.screenshot(path="docs/screenshot.png")

Streamlit 1.67 specifics these helpers rely on (checked in the bundled
frontend, streamlit/static/static/js):

* the root element is ``[data-testid="stApp"]`` and carries
  ``data-test-connection-state`` (``INITIAL`` / ``PINGING_SERVER`` /
  ``CONNECTING`` / ``CONNECTED`` / ``DISCONNECTED_FOREVER`` ...) and
  ``data-test-script-state`` (``initial`` / ``running`` / ``rerunRequested``
  / ``stopRequested`` / ``notRunning`` / ``compilationError``);
* the "Running..." indicator is ``[data-testid="stStatusWidget"]`` with a
  ``[data-testid="stStatusWidgetRunningIcon"]`` inside while a run is going;
* uncaught exceptions render as ``[data-testid="stException"]``;
* ``GET /_stcore/health`` answers ``ok`` once the server accepts browsers.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]

# --------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------

# Override only for local experiments; CI uses the Debian package path.
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1400, "height": 1000}
# Deterministic rendering: fixed locale/timezone, light scheme, no animations.
CONTEXT_OPTIONS = {
    "viewport": VIEWPORT,
    "locale": "en-US",
    "timezone_id": "UTC",
    "color_scheme": "light",
    "reduced_motion": "reduce",
}


def chromium_available() -> bool:
    return os.path.isfile(CHROMIUM_PATH) and os.access(CHROMIUM_PATH, os.X_OK)


def launch_chromium(playwright):
    """Launch the system Chromium headless (never a Playwright-downloaded one)."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
    )


def new_page(browser, **context_overrides):
    """New context (1400x1000, en-US, UTC, light) + page. Close ``page.context``."""
    context = browser.new_context(**{**CONTEXT_OPTIONS, **context_overrides})
    return context.new_page()


# --------------------------------------------------------------------------
# Streamlit server
# --------------------------------------------------------------------------

SERVER_START_TIMEOUT = 60.0
SERVER_STOP_TIMEOUT = 10.0

# Servers started by start_streamlit_server that are still running; the
# conftest uses this as a safety net so that no server outlives the session.
LIVE_SERVERS: set[subprocess.Popen] = set()


class StreamlitServerError(RuntimeError):
    """The server could not be started (message includes its log tail)."""


class StreamlitServer(str):
    """The server's base URL (``http://127.0.0.1:PORT``) plus a few attributes."""

    port: int
    log_path: Path
    process: subprocess.Popen

    def __new__(cls, url: str, port: int, log_path: Path, process: subprocess.Popen):
        obj = super().__new__(cls, url)
        obj.port = port
        obj.log_path = log_path
        obj.process = process
        return obj

    @property
    def url(self) -> str:
        return str(self)

    def read_log(self) -> str:
        """Everything the server wrote to stdout/stderr so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log_tail(log_path: Path, lines: int = 60) -> str:
    try:
        text = log_path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:  # pragma: no cover - diagnostic only
        return f"<could not read {log_path}: {exc}>"
    return "\n".join(text.splitlines()[-lines:]) or "<empty log>"


# Never route the health check through an HTTP(S)_PROXY from the environment.
_NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def health_ok(base_url: str) -> bool:
    try:
        with _NO_PROXY_OPENER.open(f"{base_url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200 and resp.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError, ValueError):
        return False


def stop_server(proc: subprocess.Popen) -> None:
    """terminate -> wait 10 s -> kill. The server runs in its own process
    group (start_new_session=True), so signal that group, which we created."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=SERVER_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=SERVER_STOP_TIMEOUT)
    LIVE_SERVERS.discard(proc)


@contextlib.contextmanager
def start_streamlit_server(
    env_overrides: Mapping[str, str | None] | None = None,
    app_script: str | os.PathLike[str] | None = None,
    extra_args: Iterable[str] = (),
    log_dir: str | os.PathLike[str] | None = None,
) -> Iterator[StreamlitServer]:
    """Run ``streamlit run`` from the repo root on a free port; yield its URL.

    ``env_overrides`` are applied to a copy of os.environ (a value of
    ``None`` removes the variable). ``app_script`` defaults to env
    APP_SCRIPT, else ``app.py`` (relative to the repo root). ``extra_args``
    are appended to the command line. stdout+stderr go to
    ``log_dir/server.log`` (default: a new temp dir). Waits up to 60 s for
    ``/_stcore/health``; raises StreamlitServerError (with the log tail) if
    the server dies or never gets healthy. The server is always stopped on
    exit (SIGTERM, 10 s grace, SIGKILL).
    """
    script = str(app_script or os.environ.get("APP_SCRIPT") or "app.py")
    if not (REPO_ROOT / script).is_file():  # absolute paths pass through "/"
        raise StreamlitServerError(f"Streamlit app script not found: {REPO_ROOT / script}")

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    if log_dir is None:
        log_dir = tempfile.mkdtemp(prefix="streamlit-test-server-")
    log_path = Path(log_dir) / "server.log"

    env = dict(os.environ)
    env.setdefault("PYTHONUNBUFFERED", "1")
    for key, value in (env_overrides or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)

    cmd = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        # Tests don't edit sources; don't spend inotify/CPU on watching them.
        "--server.fileWatcherType", "none",
        *extra_args,
    ]  # fmt: skip

    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    LIVE_SERVERS.add(proc)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not health_ok(base_url):
            if proc.poll() is not None:
                raise StreamlitServerError(
                    f"Streamlit server exited early with code {proc.returncode}.\n"
                    f"command: {' '.join(cmd)}\n"
                    f"log ({log_path}):\n{_log_tail(log_path)}"
                )
            if time.monotonic() > deadline:
                raise StreamlitServerError(
                    f"Streamlit server not healthy after {SERVER_START_TIMEOUT:.0f}s.\n"
                    f"command: {' '.join(cmd)}\n"
                    f"log ({log_path}):\n{_log_tail(log_path)}"
                )
            time.sleep(0.2)
        yield StreamlitServer(base_url, port, log_path, proc)
    finally:
        stop_server(proc)


# --------------------------------------------------------------------------
# Page helpers
# --------------------------------------------------------------------------

APP_SELECTOR = '[data-testid="stApp"]'
RUNNING_INDICATOR_SELECTOR = (
    '[data-testid="stStatusWidgetRunningIcon"], '
    '[data-testid="stStatusWidgetRunningManIcon"]'
)
EXCEPTION_SELECTOR = '[data-testid="stException"]'

# Script states after which nothing more will happen without user input.
_IDLE_SCRIPT_STATES = {"notRunning", "compilationError"}

_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
# Schemes that never leave the browser process.
_LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension", "devtools"}


def wait_for_app(page, timeout: float = 30.0, settle: float = 0.3) -> None:
    """Block until the Streamlit app on ``page`` has finished running.

    Waits for ``stApp`` to be connected, then polls until the script run is
    idle (``notRunning``/``compilationError``) and no "Running" status
    indicator is visible, continuously for ``settle`` seconds (this absorbs
    the short gap between a widget change and the rerun it triggers).
    Call it after every interaction (fill+Enter, click, ...).
    Raises ``TimeoutError`` after ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    page.wait_for_selector(APP_SELECTOR, state="attached", timeout=timeout * 1000)

    idle_since: float | None = None
    last_state = "?"
    while True:
        now = time.monotonic()
        state = page.evaluate(
            """(sel) => {
                const app = document.querySelector(sel);
                if (!app) return null;
                return {
                    conn: app.getAttribute("data-test-connection-state"),
                    script: app.getAttribute("data-test-script-state"),
                };
            }""",
            APP_SELECTOR,
        )
        running_visible = page.locator(RUNNING_INDICATOR_SELECTOR).first.is_visible()
        if state is not None:
            last_state = f"connection={state['conn']} script={state['script']}"
            if state["conn"] == "DISCONNECTED_FOREVER":
                raise RuntimeError(f"Streamlit app disconnected ({last_state})")
        idle = (
            state is not None
            and state["conn"] == "CONNECTED"
            and state["script"] in _IDLE_SCRIPT_STATES
            and not running_visible
        )
        if idle:
            if idle_since is None:
                idle_since = now
            elif now - idle_since >= settle:
                return
        else:
            idle_since = None
        if now > deadline:
            raise TimeoutError(
                f"Streamlit app did not finish running within {timeout:.0f}s "
                f"({last_state}, running indicator visible={running_visible})"
            )
        time.sleep(0.05)


def goto_app(page, base_url: str, path: str = "", timeout: float = 30.0) -> None:
    """Navigate to ``base_url`` (+ optional page ``path``) and wait for the run."""
    url = base_url.rstrip("/") + "/" + path.lstrip("/") if path else str(base_url)
    page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
    wait_for_app(page, timeout=timeout)


def is_local_url(url: str) -> bool:
    """True if ``url`` stays on this machine (loopback host or in-browser scheme)."""
    parts = urlsplit(url)
    if parts.scheme in _LOCAL_SCHEMES:
        return True
    return (parts.hostname or "") in _LOCAL_HOSTS


def external_requests(urls: Iterable[str]) -> list[str]:
    """Return the request URLs that would leave the machine (non-loopback)."""
    return [u for u in urls if not is_local_url(u)]


def exception_texts(page) -> list[str]:
    """Texts of all rendered Streamlit exception boxes (empty if none)."""
    return page.locator(EXCEPTION_SELECTOR).all_inner_texts()


def assert_no_exception(page) -> None:
    """Fail if the app currently shows an uncaught-exception box."""
    texts = exception_texts(page)
    assert not texts, f"app shows {len(texts)} exception(s): {texts}"


CHART_SELECTOR = '[data-testid="stVegaLiteChart"]'


def wait_for_charts(page, count: int, timeout_ms: int = 30_000) -> None:
    """Wait until ``count`` Vega-Lite charts are on the page, each drawn (a canvas or svg).

    Streamlit sends a page's elements as the script runs, so the first chart can be
    drawn while the next is still on its way; counting right after the first would race.
    """
    page.wait_for_function(
        """([selector, count]) => {
            const charts = document.querySelectorAll(selector);
            return charts.length === count
                && Array.from(charts).every(c => c.querySelector('canvas, svg'));
        }""",
        arg=[CHART_SELECTOR, count],
        timeout=timeout_ms,
    )


def share_box(page) -> str:
    """The link in the sidebar's share box, as a person reads it: "Show the link" opens the
    popover that holds it (``ui.sidebar.SHARE_BUTTON``), Escape closes it again."""
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Show the link").click()
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"] code').first
    code.wait_for(state="visible", timeout=10_000)
    text = code.inner_text().strip()
    page.keyboard.press("Escape")
    code.wait_for(state="hidden", timeout=10_000)
    return text
