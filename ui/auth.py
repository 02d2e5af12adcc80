"""Access protection for a shared link: the app shows confidential compensation terms.

Off by default for local use. Two ways to turn it on, checked in this order:

1. Single sign-on: an ``[auth]`` section in ``.streamlit/secrets.toml`` (OpenID
   Connect: ``redirect_uri``, ``cookie_secret``, ``client_id``, ``client_secret``,
   ``server_metadata_url``). Every page then requires ``st.login()``.
2. A shared password: ``app_password`` in ``.streamlit/secrets.toml`` or the
   ``APP_PASSWORD`` environment variable. A gate asks for it and compares in
   constant time.

``require_access()`` runs before the sidebar reads a single input, so nothing of a
scenario is computed or shown until it passes; the query parameters of a shared
link stay in the address bar and apply once it does.
"""

from __future__ import annotations

import hashlib
import hmac
import os

import streamlit as st

PASSWORD_ENV = "APP_PASSWORD"
PASSWORD_SECRET = "app_password"
_GRANTED = "_access_granted"


def _secret(name: str) -> object | None:
    # st.secrets raises when there is no secrets.toml at all; that means "not configured".
    try:
        return st.secrets[name] if name in st.secrets else None
    except Exception:
        return None


def configured_password() -> str | None:
    """The shared password, from secrets first, then the environment; None when off."""
    secret = _secret(PASSWORD_SECRET)
    if isinstance(secret, str) and secret:
        return secret
    return os.environ.get(PASSWORD_ENV) or None


def sso_configured() -> bool:
    return _secret("auth") is not None


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison (digests first, so the length does not leak either)."""
    return hmac.compare_digest(
        hashlib.sha256(given.encode("utf-8", "surrogatepass")).digest(),
        hashlib.sha256(expected.encode("utf-8", "surrogatepass")).digest(),
    )


def _gate_header() -> None:
    st.title("Offer-letter scenario explorer")
    st.write("This app shows confidential compensation terms. Access is restricted.")


def require_access() -> None:
    """Stop the script run here unless the viewer may see the app."""
    if sso_configured():
        if not st.user.is_logged_in:
            _gate_header()
            st.button("Sign in with your company account", on_click=st.login, type="primary")
            st.stop()
        with st.sidebar:
            st.caption(f"Signed in as {st.user.get('email') or st.user.get('name') or 'you'}")
            st.button("Sign out", on_click=st.logout)
        return

    expected = configured_password()
    if expected is None or st.session_state.get(_GRANTED):
        return
    _gate_header()
    with st.form("access_gate"):
        given = st.text_input("Password", type="password", key="access_password")
        submitted = st.form_submit_button("Open the explorer", type="primary")
    if submitted:
        if password_matches(given or "", expected):
            st.session_state[_GRANTED] = True
            st.session_state.pop("access_password", None)
            st.rerun()
        st.error("Wrong password. Ask the Board secretary for the current one.")
    st.stop()
