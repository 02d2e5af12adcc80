"""Access protection for a shared link: the app shows confidential compensation terms.

Off by default for local use. Two ways to turn it on, checked in this order:

1. Single sign-on: an ``[auth]`` section in ``.streamlit/secrets.toml`` (OpenID
   Connect: ``redirect_uri``, ``cookie_secret``, ``client_id``, ``client_secret``,
   ``server_metadata_url``). Every page then requires ``st.login()``. The identity
   provider sends the browser back to "/" without the link's page and query, so the
   gate keeps both in a short-lived first-party cookie (10 minutes) and, on the
   first run after sign-in, puts the query back and opens the page the link named.
2. A shared password: ``app_password`` in ``.streamlit/secrets.toml`` or the
   ``APP_PASSWORD`` environment variable. A gate asks for it and compares in
   constant time.

``require_access()`` runs before the sidebar reads a single input, so nothing of a
scenario is computed or shown until it passes; the query parameters of a shared
link stay in the address bar and apply once it does.

It fails closed: a secrets file that cannot be read, a password or ``[auth]``
section of the wrong type, or a sign-in that cannot start keeps the app shut with
a message, never opens it. The password is checked in the submit button's
callback, which Streamlit runs before any script, so a submission survives the
rerun ``ui.state.leave_pages_folder_mode()`` makes when a fresh server's first
run would run a linked page file without ``app.py``. A session stays open only for the password it was
opened with: change the password and every open session sees the gate again.
After 5 wrong passwords in a session each further try waits (2 s, doubling, at
most 60 s); a try during the wait is not checked, and the gate says how long.

Public API
----------
``require_access()``                   stop the run here unless the viewer may see the app
``configured_password() -> str | None`` the shared password; None when off
``sso_configured() -> bool``            is there an ``[auth]`` section
``password_matches(given, expected) -> bool``  constant-time comparison
``wait_after(failures) -> float``      seconds before the next try is checked (5 free, then 2 s doubling to 60 s)
``AccessMisconfigured``                 raised by the two above when the configuration is unusable
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import os
import time
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qsl, unquote

import streamlit as st

PASSWORD_ENV = "APP_PASSWORD"
PASSWORD_SECRET = "app_password"
PASSWORD_KEY = "access_password"  # the gate's password field
_GRANTED = "_access_granted"  # the fingerprint of the password the session was opened with
_FAILED = "_access_failed"
_SSO_FAILED = "_access_sso_failed"
_FAILURES = "_access_failures"  # wrong passwords in this session
_WAIT_UNTIL = "_access_wait_until"  # no try is checked before this time.monotonic()
_TOO_SOON = "_access_too_soon"  # the last try came during the wait and was not checked
FREE_TRIES = 5  # wrong passwords before each further try waits
FIRST_WAIT_S = 2.0  # then 2 s, 4 s, 8 s ... (doubling)
MAX_WAIT_S = 60.0
_now = time.monotonic  # the clock, replaceable in tests
RETURN_COOKIE = "offer_letter_link"  # the link's page and query ("page?query"), kept across the sign-in
RETURN_COOKIE_MAX_AGE_S = 600
MAX_RETURN_QUERY = 2_000  # characters; a scenario link is a few hundred
_MAX_PAGE = 100  # characters of the page's address kept ("termination_matrix" is 18)
# The cookie's longest value: page, "?" and query, each character at most 3 when percent-encoded.
_MAX_RETURN_COOKIE = 3 * (_MAX_PAGE + 1 + MAX_RETURN_QUERY)
_RESTORED = "_access_link_restored"
_EMBED = ("embed", "embed_options")  # query names Streamlit keeps for itself
_FORGET_LINK = "_access_forget_link"  # the run that opened the link's page clears the cookie
_NO_SECRETS_FILE = "no-secrets-found"  # StreamlitSecretNotFoundError.error_id when there is no secrets.toml
_APP_DIR = Path(__file__).resolve().parents[1]
_DEFAULT_PAGE = "pages/explorer.py"  # app.py's home page

WRONG_PASSWORD = "Wrong password. Ask the Board secretary for the current one."
MISCONFIGURED = ("Access protection is configured but cannot be used ({why}), so the app stays closed. "
                 "Tell whoever runs it.")
WAIT = ("{tries} wrong passwords in this session: the next try is checked in {seconds} "
        "second{s}. A password entered sooner is not checked.")
SSO_FAILED = "Sign-in could not start: the single sign-on settings are incomplete. Tell whoever runs the app."


class AccessMisconfigured(RuntimeError):
    """The secrets say the app is protected, but not in a form that can be used."""


def _secret(name: str) -> object | None:
    try:
        return st.secrets[name] if name in st.secrets else None
    except Exception as exc:  # noqa: BLE001 - any failure to read secrets must keep the app shut
        # No secrets.toml at all means "not configured"; anything else (a file that
        # does not parse, an unreadable secrets directory) must not open the app.
        if getattr(exc, "error_id", None) == _NO_SECRETS_FILE:
            return None
        raise AccessMisconfigured("the secrets file could not be read") from None


def configured_password() -> str | None:
    """The shared password, from secrets first, then the environment; None when off."""
    secret = _secret(PASSWORD_SECRET)
    if isinstance(secret, str):
        if secret:
            return secret
    elif isinstance(secret, (int, float)) and not isinstance(secret, bool):
        return str(secret)  # app_password = 1234 in TOML is a number, still a password
    elif secret is not None:
        raise AccessMisconfigured(f"{PASSWORD_SECRET} in the secrets is not text")
    return os.environ.get(PASSWORD_ENV) or None


def sso_configured() -> bool:
    section = _secret("auth")
    if section is None:
        return False
    if not isinstance(section, Mapping):
        raise AccessMisconfigured("the [auth] entry in the secrets is not a section")
    return True


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison (digests first, so the length does not leak either)."""
    return hmac.compare_digest(
        hashlib.sha256(given.encode("utf-8", "surrogatepass")).digest(),
        hashlib.sha256(expected.encode("utf-8", "surrogatepass")).digest(),
    )


def _fingerprint(password: str) -> str:
    return hashlib.sha256(b"offer-letter-gate\x00" + password.encode("utf-8", "surrogatepass")).hexdigest()


def _granted(expected: str) -> bool:
    held = st.session_state.get(_GRANTED)
    return isinstance(held, str) and hmac.compare_digest(held, _fingerprint(expected))


def _logged_in() -> bool:
    # st.user has no is_logged_in at all when Streamlit does not see the [auth] section.
    try:
        return st.user.get("is_logged_in") is True
    except Exception:  # noqa: BLE001
        return False


# --------------------------------------------------------------------------
# Callbacks (run before the script, whichever script the run executes)
# --------------------------------------------------------------------------


def wait_after(failures: int) -> float:
    """Seconds before the next try is checked after ``failures`` wrong passwords:
    none for the first 5, then 2 s, doubling, at most 60 s."""
    if failures < FREE_TRIES:
        return 0.0
    return min(FIRST_WAIT_S * 2 ** (failures - FREE_TRIES), MAX_WAIT_S)


def _check_password() -> None:
    given = st.session_state.get(PASSWORD_KEY)
    now = _now()
    if now < st.session_state.get(_WAIT_UNTIL, -math.inf):
        st.session_state[_TOO_SOON] = True  # not checked, not counted: the wait stands
        return
    st.session_state.pop(_TOO_SOON, None)
    try:
        expected = configured_password()
    except AccessMisconfigured:
        expected = None
    if expected is not None and isinstance(given, str) and password_matches(given, expected):
        st.session_state[_GRANTED] = _fingerprint(expected)
        for key in (_FAILED, _FAILURES, _WAIT_UNTIL):
            st.session_state.pop(key, None)
    else:
        st.session_state[_FAILED] = True
        failures = st.session_state.get(_FAILURES, 0) + 1
        st.session_state[_FAILURES] = failures
        if wait_after(failures):
            st.session_state[_WAIT_UNTIL] = now + wait_after(failures)


def _login() -> None:
    try:
        st.login()
    except Exception:  # noqa: BLE001 - e.g. a missing client_secret; never a traceback
        st.session_state[_SSO_FAILED] = True
    else:
        st.session_state.pop(_SSO_FAILED, None)


def _logout() -> None:
    try:
        st.logout()
    except Exception:  # noqa: BLE001
        pass


# --------------------------------------------------------------------------
# The gate
# --------------------------------------------------------------------------


def _gate_header() -> None:
    st.title("Offer-letter scenario explorer")
    st.write("This app shows confidential compensation terms. Access is restricted.")


def _pages() -> list[str]:
    """The page files under ``pages/`` (the same files ``app.py`` registers)."""
    return sorted(f"pages/{p.name}" for p in (_APP_DIR / "pages").glob("*.py")
                  if not p.name.startswith(("_", ".")))


def _set_return_cookie(from_address_bar: bool) -> None:
    """A first-party cookie set by the page itself (Streamlit cannot set one from
    Python): the last segment of the address's path (the page) and its query, as
    ``page?query``. The script reads them from the address bar, so no scenario value
    is ever written into the gate page; percent-encoded, it holds no ``;``."""
    if from_address_bar:
        value = (f"encodeURIComponent(window.location.pathname.split('/').pop().slice(0, {_MAX_PAGE}) + '?' + "
                 f"window.location.search.slice(1, {MAX_RETURN_QUERY + 1}))")
        max_age = RETURN_COOKIE_MAX_AGE_S
    else:
        value, max_age = "''", 0
    st.html(f"<script>document.cookie = {json.dumps(RETURN_COOKIE + '=')} + {value} + "
            f"'; Max-Age={max_age}; Path=/; SameSite=Lax';</script>", unsafe_allow_javascript=True)


def _remember_link() -> None:
    """Before the round trip to the identity provider, which returns to "/" without
    the link's page and query: keep both in a short-lived cookie."""
    _set_return_cookie(True)


def _kept_link(kept: str) -> tuple[str | None, list[tuple[str, str]]]:
    """The page file (None for the home page or an unknown one) and the query pairs,
    repeated names kept, of a cookie's ``page?query``."""
    page, mark, query = unquote(kept).partition("?")
    if not mark:  # a cookie from before pages were kept held the query alone
        page, query = "", page
    file = f"pages/{page}.py"
    known = file in _pages() and file != _DEFAULT_PAGE  # the home page is where sign-in lands
    pairs = [(name, value) for name, value in parse_qsl(query, keep_blank_values=True)
             if name.lower() not in _EMBED]  # Streamlit's own, which no script may set
    return (file if known else None), pairs


def _restore_link() -> None:
    """After sign-in, on the session's first run: put the kept query back in the
    address bar (before the sidebar reads it) and open the kept page, once; then
    forget the cookie (on the page's own run when the page changes)."""
    if st.session_state.pop(_FORGET_LINK, False):
        _set_return_cookie(False)
    if st.session_state.get(_RESTORED):
        return
    st.session_state[_RESTORED] = True
    try:
        kept = st.context.cookies.get(RETURN_COOKIE)
    except Exception:  # noqa: BLE001 - no cookies (AppTest), nothing to restore
        kept = None
    if not kept or not isinstance(kept, str):
        return
    page, pairs = None, []
    if not st.query_params and len(kept) <= _MAX_RETURN_COOKIE:  # an address's own link wins
        page, pairs = _kept_link(kept)
    values: dict[str, list[str]] = {}  # a repeated name (unc_reasons) keeps every value
    for name, value in pairs:
        values.setdefault(name, []).append(value)
    if page is not None:
        st.session_state[_FORGET_LINK] = True
        st.switch_page(page, query_params=values)  # ends this run; ensure_params checks every value
    if values:
        st.query_params.from_dict(values)  # read like any link: ensure_params checks every value
    _set_return_cookie(False)


def _sso_gate() -> None:
    if _logged_in():
        _restore_link()
        with st.sidebar:
            st.caption(f"Signed in as {st.user.get('email') or st.user.get('name') or 'you'}")
            st.button("Sign out", key="access_sign_out", on_click=_logout)
        return
    _gate_header()
    _remember_link()
    st.button("Sign in with your company account", key="access_sign_in", on_click=_login, type="primary")
    if st.session_state.get(_SSO_FAILED):
        st.error(SSO_FAILED, icon=":material/error:")
    st.stop()


def _password_gate(expected: str) -> None:
    if _granted(expected):
        return
    _gate_header()
    with st.form("access_gate", clear_on_submit=True):
        st.text_input("Password", type="password", key=PASSWORD_KEY)
        st.form_submit_button("Open the explorer", type="primary", on_click=_check_password)
    if st.session_state.get(_FAILED):
        st.error(WRONG_PASSWORD, icon=":material/lock:")
    left = st.session_state.get(_WAIT_UNTIL, -math.inf) - _now()
    if left > 0:
        seconds = math.ceil(left)
        st.warning(WAIT.format(tries=st.session_state.get(_FAILURES, 0), seconds=seconds, s="" if seconds == 1 else "s"),
                   icon=":material/hourglass_top:")
    st.stop()


def require_access() -> None:
    """Stop the script run here unless the viewer may see the app."""
    try:
        if sso_configured():
            _sso_gate()
            return
        expected = configured_password()
    except AccessMisconfigured as exc:
        _gate_header()
        st.error(MISCONFIGURED.format(why=exc), icon=":material/lock:")
        st.stop()
        return  # st.stop() raises; unreachable outside a script run
    if expected is not None:
        _password_gate(expected)
