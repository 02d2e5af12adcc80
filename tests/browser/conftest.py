"""Fixtures for real headless-Chromium tests of the Streamlit app.

Fixtures
--------
streamlit_server          (session)  base URL (``http://127.0.0.1:PORT``) of
                                     ``streamlit run $APP_SCRIPT`` (default
                                     ``app.py``) started from the repo root.
streamlit_server_factory  (function) context-manager factory for an extra
                                     server with env overrides, e.g.
                                     ``with streamlit_server_factory({"APP_PASSWORD": "x"}) as url:``
                                     (also accepts app_script=, extra_args=).
browser                   (session)  Playwright Chromium using /usr/bin/chromium.
                                     Skips if Chromium is missing, unless
                                     REQUIRE_BROWSER=1 (then it fails).
requested_urls            (function) list of every URL ``page`` requested.
console_errors            (function) console errors + uncaught page errors.
page                      (function) fresh context (1400x1000, en-US, UTC,
                                     light) + page; ``page.requested_urls``
                                     is the same list as ``requested_urls``.
app_page                  (function) ``page`` already opened on
                                     ``streamlit_server`` with the first run
                                     finished.

The URL from the server fixtures is a ``str`` subclass with ``.port``,
``.log_path``, ``.process`` and ``.read_log()`` (server stdout+stderr), e.g.
to assert that no scenario values are logged.

Helpers (``wait_for_app``, ``goto_app``, ``external_requests``, ...) are in
``tests/browser/helpers.py``.

Every test under tests/browser is marked ``browser`` automatically, so
``make test PYTEST_ARGS='-m "not browser"'`` runs everything else.
When a test fails, its page is screenshotted to test-artifacts/<test>.png.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

import pytest

from tests.browser.helpers import (
    CHROMIUM_PATH,
    LIVE_SERVERS,
    REPO_ROOT,
    StreamlitServerError,
    chromium_available,
    goto_app,
    launch_chromium,
    new_page,
    start_streamlit_server,
    stop_server,
)

BROWSER_TESTS_DIR = Path(__file__).resolve().parent
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"


# --------------------------------------------------------------------------
# marking / reporting hooks
# --------------------------------------------------------------------------


def pytest_collection_modifyitems(config, items):
    # This hook receives every collected item of the session, not only ours.
    for item in items:
        path = Path(item.path).resolve()
        if BROWSER_TESTS_DIR == path or BROWSER_TESTS_DIR in path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_browser_rep_{report.when}", report)
    return report


# --------------------------------------------------------------------------
# Streamlit server
# --------------------------------------------------------------------------


@contextlib.contextmanager
def _pytest_server(env_overrides=None, **kwargs):
    """start_streamlit_server, but a start-up problem is a clean pytest failure."""
    with contextlib.ExitStack() as stack:
        error = None
        try:
            server = stack.enter_context(start_streamlit_server(env_overrides, **kwargs))
        except StreamlitServerError as exc:
            error = str(exc)
        if error is not None:  # outside `except`: no chained-exception noise
            pytest.fail(error, pytrace=False)
        yield server


@pytest.fixture(scope="session")
def _stop_leftover_servers():
    yield
    for proc in list(LIVE_SERVERS):
        stop_server(proc)


@pytest.fixture(scope="session")
def streamlit_server(_stop_leftover_servers, tmp_path_factory):
    with _pytest_server(log_dir=tmp_path_factory.mktemp("streamlit-server")) as server:
        yield server


@pytest.fixture
def streamlit_server_factory(_stop_leftover_servers, tmp_path_factory):
    """``with streamlit_server_factory({"APP_PASSWORD": "s3cret"}) as url: ...``

    Signature: (env_overrides=None, *, app_script=None, extra_args=(),
    log_dir=<pytest tmp dir>). The server stops when the ``with`` block ends.
    """
    before = set(LIVE_SERVERS)

    def factory(env_overrides=None, **kwargs):
        kwargs.setdefault("log_dir", tmp_path_factory.mktemp("streamlit-server"))
        return _pytest_server(env_overrides, **kwargs)

    yield factory
    for proc in list(LIVE_SERVERS - before):  # safety net only
        stop_server(proc)


# --------------------------------------------------------------------------
# Browser
# --------------------------------------------------------------------------


def _missing_browser(reason: str):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        _missing_browser(f"chromium not installed at {CHROMIUM_PATH}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _missing_browser(f"playwright is not importable: {exc}")

    pw = sync_playwright().start()
    try:
        browser = launch_chromium(pw)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        pw.stop()


@pytest.fixture
def requested_urls() -> list[str]:
    """Every URL requested by ``page`` (filled in as the test runs)."""
    return []


@pytest.fixture
def console_errors() -> list[str]:
    """Console ``error`` messages and uncaught page errors seen by ``page``."""
    return []


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[:150]


@pytest.fixture
def page(browser, request, requested_urls, console_errors):
    pg = new_page(browser)
    pg.on("request", lambda req: requested_urls.append(req.url))
    pg.on(
        "console",
        lambda msg: console_errors.append(msg.text) if msg.type == "error" else None,
    )
    pg.on("pageerror", lambda exc: console_errors.append(f"pageerror: {exc}"))
    with contextlib.suppress(AttributeError):
        pg.requested_urls = requested_urls
    try:
        yield pg
    finally:
        rep = getattr(request.node, "_browser_rep_call", None)
        if rep is not None and rep.failed:
            with contextlib.suppress(Exception):
                ARTIFACTS_DIR.mkdir(exist_ok=True)
                pg.screenshot(
                    path=str(ARTIFACTS_DIR / f"{_artifact_name(request.node.nodeid)}.png"),
                    full_page=True,
                )
        pg.context.close()


@pytest.fixture
def app_page(page, streamlit_server):
    """``page`` opened on the session server with the first run finished."""
    goto_app(page, streamlit_server)
    return page
