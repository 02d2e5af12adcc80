"""Single sign-on, for real: a shared link to the app with an ``[auth]`` section,
signed in through a real OpenID Connect provider (``oidc-provider-mock``) on the
loopback interface, in headless Chromium. The provider sends the browser back to
"/" without the link's query; the gate kept it in a short-lived cookie and puts
it back, so the board member lands on the scenario the link was for.

The secrets file is written for the test server only (a temporary file passed
with ``--secrets.files``); nothing is written to the project's ``.streamlit/``.
"""

from __future__ import annotations

import contextlib
import json
import threading
import urllib.request
from urllib.parse import quote

import pytest

from tests.browser.helpers import assert_no_exception, external_requests, wait_for_app
from tests.browser.test_auth_gate import LINK, SCENARIO, SCENARIO_ELEMENTS, metric_value, query_of

EMAIL = "chair@valence.example"
# The test provider's own sign-in form links a stylesheet on a CDN: refused here, so
# nothing leaves the machine; it is the only outside address any page may ask for.
PROVIDER_STYLESHEET = "https://cdn.jsdelivr.net/npm/@picocss/pico@2/css/pico.min.css"
SIGN_IN = "Sign in with your company account"


@contextlib.contextmanager
def oidc_provider():
    """oidc-provider-mock's WSGI app on 127.0.0.1, on a thread; any client id and secret are accepted."""
    oidc_provider_mock = pytest.importorskip("oidc_provider_mock")
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


def add_user(provider: str, sub: str, claims: dict) -> None:
    request = urllib.request.Request(f"{provider}/users/{quote(sub)}", data=json.dumps(claims).encode(),
                                     method="PUT", headers={"Content-Type": "application/json"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never a proxy
    with opener.open(request, timeout=10) as response:
        assert response.status == 204


def write_secrets(path, provider: str) -> None:
    path.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'  # Streamlit fills in its port
        'cookie_secret = "a-test-only-cookie-secret-of-some-length"\n'
        'client_id = "offer-letter-explorer"\n'
        'client_secret = "test-only-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )


def sign_in(page, button, provider: str) -> None:
    """Click the gate's sign-in button and sign in as ``EMAIL`` on the provider's form."""
    button.click()
    page.get_by_placeholder("sub").wait_for(timeout=60_000)  # the provider's sign-in form
    assert page.url.startswith(provider)
    page.get_by_placeholder("sub").fill(EMAIL)
    page.get_by_role("button", name="Authorize").click()


@contextlib.contextmanager
def at_the_gate(page, streamlit_server_factory, tmp_path, link: str):
    """A server with single sign-on against a provider on 127.0.0.1, ``page`` opened at ``link``
    and showing the gate; yields the server's URL, the provider's and the sign-in button."""
    secrets = tmp_path / "secrets.toml"
    with oidc_provider() as provider:
        write_secrets(secrets, provider)
        add_user(provider, EMAIL, {"email": EMAIL, "name": "The Chair"})
        with streamlit_server_factory({"APP_PASSWORD": None}, extra_args=["--secrets.files", str(secrets)]) as url:
            page.route(PROVIDER_STYLESHEET, lambda route: route.abort())
            page.goto(f"{url}/{link}", wait_until="domcontentloaded", timeout=90_000)
            button = page.get_by_role("button", name=SIGN_IN)
            button.wait_for(timeout=60_000)
            wait_for_app(page, timeout=60)
            yield url, provider, button


def test_the_scenario_in_a_link_survives_signing_in_through_the_identity_provider(
        page, streamlit_server_factory, tmp_path, requested_urls):
    with at_the_gate(page, streamlit_server_factory, tmp_path, LINK) as (url, provider, button):
        # The gate: nothing of the scenario, the link still in the address bar.
        assert page.locator(SCENARIO_ELEMENTS).count() == 0
        text = page.locator('[data-testid="stApp"]').inner_text()
        assert "7.31" not in text and "$" not in text
        assert query_of(page.url) == SCENARIO
        kept = {c["name"]: c for c in page.context.cookies()}
        assert "offer_letter_link" in kept  # the link's query, kept before the round trip
        assert kept["offer_letter_link"]["expires"] > 0  # short-lived, not a session-long cookie

        sign_in(page, button, provider)

        # Back at the app ("/"), signed in, on the link's scenario.
        page.wait_for_selector('[data-testid="stMetric"]', timeout=90_000)
        wait_for_app(page, timeout=60)
        assert_no_exception(page)
        assert query_of(page.url) == SCENARIO
        # 381,250 vested on 15 Nov 2006 (§4) × ($7.3144 − $3.00) = $1,644,865; lump sum $125,000 (§6.1(a)).
        assert metric_value(page, "Option value") == "$1,644,865"
        assert metric_value(page, "§6.1 lump sum") == "$125,000"
        assert f"Signed in as {EMAIL}" in page.locator('[data-testid="stSidebar"]').inner_text()
        # The kept query is used once and forgotten.
        page.wait_for_function("() => !document.cookie.includes('offer_letter_link=')", timeout=10_000)
        log = url.read_log()
        assert "Traceback" not in log and "7.3144" not in log
    assert set(external_requests(requested_urls)) <= {PROVIDER_STYLESHEET}


MATRIX_LINK = "termination_matrix?matrix_date=2006-11-15&matrix_measure=company&stock_price=7.3144"
MATRIX_QUERY = {"matrix_date": ["2006-11-15"], "matrix_measure": ["company"], "stock_price": ["7.3144"]}


def test_a_link_to_another_page_opens_that_page_after_signing_in(
        page, streamlit_server_factory, tmp_path, requested_urls):
    """The provider returns to "/", the Explorer's address; the gate kept the link's page
    as well as its query, so a link to the Termination matrix opens the matrix."""
    from tests.browser.test_matrix_page import table_rows

    with at_the_gate(page, streamlit_server_factory, tmp_path, MATRIX_LINK) as (url, provider, button):
        assert page.locator(SCENARIO_ELEMENTS).count() == 0
        sign_in(page, button, provider)

        page.wait_for_function("() => location.pathname.endsWith('/termination_matrix')", timeout=90_000)
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=90_000)
        wait_for_app(page, timeout=60)
        assert_no_exception(page)
        assert page.locator("h1").first.inner_text().strip() == "Termination matrix"
        assert query_of(page.url) == MATRIX_QUERY
        assert "The table is as of 15 Nov 2006, the date chosen here." in page.locator("main").inner_text()
        by_event = {r[0]: r[1:] for r in table_rows(page)[1:]}
        # 15 Nov 2006 without Good Cause: salary $336,301.37 (§3) + buyout $127,500 (§4) + lump sum
        # $125,000 (§6.1(a)) + health $6,000 (§6.1(b)) = $594,801.37 cash; 381,250 vested options ×
        # ($7.3144 − $3.00) = $1,644,865 (§4): $2,239,666.37 in all.
        assert by_event["Termination without Good Cause"][-2:] == ["2239666.37", "594801.37"]
        page.wait_for_function("() => !document.cookie.includes('offer_letter_link=')", timeout=10_000)
        log = url.read_log()
        assert "Traceback" not in log and "7.3144" not in log
    assert set(external_requests(requested_urls)) <= {PROVIDER_STYLESHEET}
