"""Access protection: the app shows confidential compensation terms, so a shared
link opens on a gate when a password or single sign-on is configured, and nothing
of the scenario — no figure, no chart, no input — is on the page until it passes.

Through Streamlit's AppTest on ``app.py``; ``ui/auth.py`` is the gate.
"""

from __future__ import annotations

import hmac
from hmac import compare_digest

import pytest
import streamlit
from streamlit import config as st_config
from streamlit.proto.TextInput_pb2 import TextInput as TextInputProto
from streamlit.runtime.secrets import Secrets
from streamlit.testing.v1 import AppTest

from tests.app import APP, ORIGINAL_PAGES_MANAGER_INIT, new_app_test, plain
from ui import auth

# A shared link: the stock price is distinctive so any trace of it on the gate shows.
LINK = {"stock_price": "7.3144", "reason": "without_good_cause", "termination_date": "2006-11-15"}
PASSWORD = "Board-only 2005 ✓"
SSO = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-string-for-the-cookie",
    "client_id": "offer-letter-explorer",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example.com/.well-known/openid-configuration",
}



def page_text(at: AppTest) -> str:
    """Everything the page holds (every element's message, labels and values included)."""
    return "\n".join(str(getattr(node, "proto", "")) for node in at._tree)


@pytest.fixture(autouse=True)
def nothing_configured(monkeypatch, tmp_path):
    """No APP_PASSWORD and no secrets file, whatever the machine running the tests has."""
    monkeypatch.delenv(auth.PASSWORD_ENV, raising=False)
    monkeypatch.setattr(streamlit, "secrets", Secrets())
    original = st_config.get_option("secrets.files")
    st_config.set_option("secrets.files", [str(tmp_path / "absent" / "secrets.toml")])
    yield
    st_config.set_option("secrets.files", original)


def assert_only_the_gate(at: AppTest, *, button: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Offer-letter scenario explorer"]
    assert "confidential compensation terms" in page_text(at)
    assert [b.label for b in at.button] == [button]
    # Nothing of the scenario: no figure, no chart, no table, no input, no sidebar.
    assert not at.metric
    assert not at.get("vega_lite_chart")
    assert not at.dataframe
    assert not at.number_input and not at.date_input and not at.selectbox and not at.slider
    assert not at.checkbox and not at.expander
    assert not at.sidebar.children
    text = page_text(at)
    assert "7.31" not in text and "$125,000" not in text and "381,250" not in text
    # The link's parameters stay in the address bar, to apply once the gate opens.
    assert at.query_params == LINK


def open_link(**secrets) -> AppTest:
    at = new_app_test(LINK)
    for key, value in secrets.items():
        at.secrets[key] = value
    return at.run()


def submit(at: AppTest, password: str) -> AppTest:
    at.text_input(key=auth.PASSWORD_KEY).input(password)
    return at.button[0].click().run()


def assert_the_app_at_the_link(at: AppTest) -> None:
    """The worked example (§4, §6.1(a)) at the link's stock price."""
    assert not at.exception, [e.value for e in at.exception]
    assert auth.PASSWORD_KEY not in [t.key for t in at.text_input]
    labels = {plain(m.label): m.value for m in at.metric}
    assert labels["§6.1 lump sum"] == "$125,000"
    assert labels["Vested shares"] == "381,250"
    assert labels["Option value"] == "$1,644,865"  # 381,250 × ($7.3144 − $3.00)
    assert len(at.get("vega_lite_chart")) == 3
    assert at.number_input(key="stock_price").value == pytest.approx(7.3144)
    assert at.query_params == LINK


# --------------------------------------------------------------------------
# Nothing configured
# --------------------------------------------------------------------------


def test_with_nothing_configured_the_app_opens_directly():
    at = open_link()
    assert not at.exception
    assert not at.text_input
    assert_the_app_at_the_link(at)


# --------------------------------------------------------------------------
# A shared password
# --------------------------------------------------------------------------


def test_with_app_password_set_the_link_shows_only_the_gate(monkeypatch):
    monkeypatch.setenv(auth.PASSWORD_ENV, PASSWORD)
    at = open_link()
    assert_only_the_gate(at, button="Open the explorer")
    assert [t.label for t in at.text_input] == ["Password"]
    assert at.text_input(key=auth.PASSWORD_KEY).proto.type == TextInputProto.PASSWORD  # typed characters hidden
    assert not at.error  # no complaint before anything was tried


def test_with_app_password_in_the_secrets_the_link_shows_only_the_gate():
    at = open_link(app_password=PASSWORD)
    assert_only_the_gate(at, button="Open the explorer")


def test_a_wrong_password_says_so_and_shows_no_figures(monkeypatch):
    monkeypatch.setenv(auth.PASSWORD_ENV, PASSWORD)
    at = submit(open_link(), "board-only 2005 ✓")  # one letter's case differs
    assert [plain(e.value) for e in at.error] == [auth.WRONG_PASSWORD]
    assert_only_the_gate(at, button="Open the explorer")
    at = submit(at, "")
    assert [plain(e.value) for e in at.error] == [auth.WRONG_PASSWORD]
    assert_only_the_gate(at, button="Open the explorer")


def test_the_right_password_opens_the_app_at_the_links_scenario(monkeypatch):
    monkeypatch.setenv(auth.PASSWORD_ENV, PASSWORD)
    at = submit(open_link(), "board-only 2005 ✓")
    at = submit(at, PASSWORD)
    assert not at.error
    assert_the_app_at_the_link(at)
    # The session stays open as the board member works.
    at.number_input(key="stock_price").set_value(6.0).run()
    assert {plain(m.label): m.value for m in at.metric}["Option value"] == "$1,143,750"  # 381,250 × $3
    assert at.query_params == {**LINK, "stock_price": "6"}


def test_the_password_in_the_secrets_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv(auth.PASSWORD_ENV, "from-the-environment")
    at = submit(open_link(app_password=PASSWORD), "from-the-environment")
    assert [plain(e.value) for e in at.error] == [auth.WRONG_PASSWORD]
    assert_only_the_gate(at, button="Open the explorer")
    assert_the_app_at_the_link(submit(at, PASSWORD))


def test_a_numeric_password_in_the_secrets_is_still_a_password():
    at = open_link(app_password=1234)  # app_password = 1234 in TOML is an integer
    assert_only_the_gate(at, button="Open the explorer")
    assert_the_app_at_the_link(submit(at, "1234"))


def test_changing_the_password_closes_sessions_opened_with_the_old_one(monkeypatch):
    monkeypatch.setenv(auth.PASSWORD_ENV, PASSWORD)
    at = submit(open_link(), PASSWORD)
    assert at.metric
    monkeypatch.setenv(auth.PASSWORD_ENV, "the new one")
    at.run()
    assert_only_the_gate(at, button="Open the explorer")


def test_a_deep_link_to_a_page_file_still_meets_the_gate(monkeypatch):
    # A fresh server runs pages/explorer.py alone for /explorer until the first
    # st.navigation call; plain AppTest does the same on every run after the first.
    from streamlit.runtime.pages_manager import PagesManager

    monkeypatch.setattr(PagesManager, "__init__", ORIGINAL_PAGES_MANAGER_INIT)
    monkeypatch.setenv(auth.PASSWORD_ENV, PASSWORD)
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params.update(LINK)
    at.run()
    at.switch_page("pages/explorer.py").run()
    assert_only_the_gate(at, button="Open the explorer")
    at = submit(at, "wrong")
    assert [plain(e.value) for e in at.error] == [auth.WRONG_PASSWORD]
    assert_only_the_gate(at, button="Open the explorer")
    # The submission survives the page's redirect through app.py.
    assert_the_app_at_the_link(submit(at, PASSWORD))


@pytest.mark.parametrize("secret", [True, ["a", "b"], {"password": "x"}])
def test_a_password_secret_that_is_not_text_keeps_the_app_shut(secret):
    at = open_link(app_password=secret)
    (error,) = [plain(e.value) for e in at.error]
    assert "cannot be used" in error and "app_password" in error and "stays closed" in error
    assert not at.metric and not at.get("vega_lite_chart") and not at.sidebar.children
    assert not at.text_input  # no gate that could be passed either
    assert at.query_params == LINK


def test_a_secrets_file_that_does_not_parse_keeps_the_app_shut(tmp_path):
    broken = tmp_path / "secrets.toml"
    broken.write_text('app_password = "unterminated\n', encoding="utf-8")
    st_config.set_option("secrets.files", [str(broken)])
    at = open_link()
    assert not at.exception
    (error,) = [plain(e.value) for e in at.error]
    assert "secrets file could not be read" in error and "stays closed" in error
    assert not at.metric and not at.get("vega_lite_chart") and not at.sidebar.children
    assert at.query_params == LINK


def test_a_secrets_file_without_a_password_leaves_the_app_open(tmp_path):
    other = tmp_path / "secrets.toml"
    other.write_text('unrelated = "value"\n', encoding="utf-8")
    st_config.set_option("secrets.files", [str(other)])
    assert_the_app_at_the_link(open_link())


# --------------------------------------------------------------------------
# Single sign-on
# --------------------------------------------------------------------------


def test_with_single_sign_on_configured_the_link_shows_only_the_sign_in_button():
    at = open_link(auth=SSO)  # st.user.is_logged_in is not set under AppTest
    assert_only_the_gate(at, button="Sign in with your company account")
    assert not at.text_input  # no password field: sign-on replaces it
    assert not at.error


def test_single_sign_on_wins_over_a_password(monkeypatch):
    monkeypatch.setenv(auth.PASSWORD_ENV, PASSWORD)
    at = open_link(auth=SSO, app_password=PASSWORD)
    assert_only_the_gate(at, button="Sign in with your company account")


def test_a_sign_in_that_cannot_start_says_so_without_a_traceback():
    # Streamlit checks the [auth] settings itself when st.login() runs; under AppTest
    # it does not see them, as on a server whose settings are incomplete.
    at = open_link(auth={"redirect_uri": SSO["redirect_uri"]})
    at.button(key="access_sign_in").click().run()
    assert not at.exception
    assert [plain(e.value) for e in at.error] == [auth.SSO_FAILED]
    assert not at.metric and not at.get("vega_lite_chart") and not at.sidebar.children


def test_a_signed_in_board_member_sees_the_app_and_can_sign_out():
    at = new_app_test(LINK)
    at.secrets["auth"] = SSO
    at.user = {"is_logged_in": True, "email": "chair@valence.example", "name": "The Chair"}
    at.run()
    assert_the_app_at_the_link(at)
    assert "Signed in as chair@valence.example" in [plain(c.value) for c in at.sidebar.caption]
    at.button(key="access_sign_out").click().run()
    assert not at.exception
    assert_only_the_gate(at, button="Sign in with your company account")


def test_a_sign_in_that_is_not_confirmed_does_not_count():
    at = new_app_test(LINK)
    at.secrets["auth"] = SSO
    at.user = {"is_logged_in": "yes", "email": "someone@example.com"}  # not the boolean True
    at.run()
    assert_only_the_gate(at, button="Sign in with your company account")


def test_an_auth_entry_that_is_not_a_section_keeps_the_app_shut():
    at = open_link(auth="https://login.example.com")
    (error,) = [plain(e.value) for e in at.error]
    assert "[auth]" in error and "stays closed" in error
    assert not at.metric and not at.button and not at.sidebar.children


# --------------------------------------------------------------------------
# The comparison
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected", "matches"),
    [
        (PASSWORD, PASSWORD, True),
        ("", "", True),
        ("s3cret", "s3cret ", False),  # a trailing space is a different password
        ("S3CRET", "s3cret", False),
        ("s3cre", "s3cret", False),  # a prefix is not enough
        ("s3cret" * 1000, "s3cret", False),
        ("", PASSWORD, False),
        ("pässwörd", "pässwörd", True),
        ("\ud800", "\ud800", True),  # a lone surrogate from a browser is compared, not crashed on
        ("\ud800", "\ud801", False),
    ],
)
def test_password_matches_only_the_exact_password(given, expected, matches):
    assert auth.password_matches(given, expected) is matches


def test_password_matches_compares_with_hmac_compare_digest(monkeypatch):
    calls = []

    def spy(a, b):
        calls.append((a, b))
        return compare_digest(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    assert auth.password_matches("s3cret", "s3cret")
    assert not auth.password_matches("a much longer guess", "s3cret")
    # Equal-length digests are compared, so neither the content nor the length shows in the time taken.
    assert len(calls) == 2
    assert all(len(a) == len(b) == 32 for a, b in calls)
    assert all(b"s3cret" not in a and b"s3cret" not in b for a, b in calls)


# --------------------------------------------------------------------------
# Wrong passwords: after 5 in a session each further try waits longer
# --------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def gate_on_a_clock(monkeypatch) -> tuple[FakeClock, AppTest]:
    """The password gate opened from the link, its clock one the test moves."""
    clock = FakeClock()
    monkeypatch.setattr(auth, "_now", clock)
    monkeypatch.setenv(auth.PASSWORD_ENV, PASSWORD)
    return clock, open_link()


@pytest.mark.parametrize(("failures", "seconds"), [
    (0, 0), (4, 0), (5, 2), (6, 4), (7, 8), (8, 16), (9, 32), (10, 60), (11, 60), (50, 60),
])
def test_the_wait_doubles_from_2_seconds_after_5_wrong_passwords_up_to_a_minute(failures, seconds):
    # 2 × 2^(failures − 5): 2, 4, 8, 16, 32, then 64 capped to 60.
    assert auth.wait_after(failures) == seconds


def test_after_5_wrong_passwords_each_further_try_waits_longer_and_the_gate_says_so(monkeypatch):
    clock, at = gate_on_a_clock(monkeypatch)
    for _ in range(4):
        at = submit(at, "guess")
        assert [plain(e.value) for e in at.error] == [auth.WRONG_PASSWORD]
        assert not at.warning  # the first tries do not wait
        clock.now += 0.1
    at = submit(at, "guess")  # the 5th wrong password: the next try waits 2 s
    assert [plain(w.value) for w in at.warning] == [
        "5 wrong passwords in this session: the next try is checked in 2 seconds. A password entered sooner is not checked."]
    assert_only_the_gate(at, button="Open the explorer")

    clock.now += 1.5  # too soon: even the right password is not checked, and the wait stands
    at = submit(at, PASSWORD)
    assert [plain(w.value) for w in at.warning] == [
        "5 wrong passwords in this session: the next try is checked in 1 second. A password entered sooner is not checked."]
    assert_only_the_gate(at, button="Open the explorer")

    clock.now += 0.6  # 2.1 s after the 5th: checked, wrong again; now 4 s
    at = submit(at, "guess")
    assert "6 wrong passwords in this session: the next try is checked in 4 seconds." in plain(at.warning[0].value)
    clock.now += 4.0
    at = submit(at, "guess")  # the 7th: 8 s
    assert "7 wrong passwords in this session: the next try is checked in 8 seconds." in plain(at.warning[0].value)

    clock.now += 8.0  # the wait is over: the right password opens the app at the link
    at = submit(at, PASSWORD)
    assert not at.warning and not at.error
    assert_the_app_at_the_link(at)


def test_the_wait_is_capped_at_a_minute(monkeypatch):
    clock, at = gate_on_a_clock(monkeypatch)
    for _ in range(12):
        at = submit(at, "guess")
        clock.now += 61
    at = submit(at, "guess")  # the 13th: 2 × 2^8 = 512 s, capped to 60
    assert "13 wrong passwords in this session: the next try is checked in 60 seconds." in plain(at.warning[0].value)


def test_the_count_of_wrong_passwords_belongs_to_the_session(monkeypatch):
    clock, at = gate_on_a_clock(monkeypatch)
    for _ in range(5):
        at = submit(at, "guess")
    assert at.warning
    other = open_link()  # another board member at the same minute is not kept waiting
    assert not other.warning
    assert_the_app_at_the_link(submit(other, PASSWORD))


# --------------------------------------------------------------------------
# The link kept across the single sign-on round trip: "page?query"
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("kept", "page", "pairs"), [
    # A link to another page: its file, and every value, a repeated name kept twice.
    ("uncertainty%3Func_reasons%3Ddeath%26unc_reasons%3Ddisability%26stock_price%3D7.3144",
     "pages/uncertainty.py", [("unc_reasons", "death"), ("unc_reasons", "disability"), ("stock_price", "7.3144")]),
    ("termination_matrix%3Fmatrix_date%3D2006-11-15", "pages/termination_matrix.py", [("matrix_date", "2006-11-15")]),
    ("contract%3F", "pages/contract.py", []),
    # The home page, under either address, is where sign-in lands: no page to open.
    ("%3Fstock_price%3D7.3144", None, [("stock_price", "7.3144")]),
    ("explorer%3Freason%3Ddeath", None, [("reason", "death")]),
    ("home%3Freason%3Ddeath", None, [("reason", "death")]),
    # No such page (or a path trick): the query alone.
    ("..%2Fapp%3Freason%3Ddeath", None, [("reason", "death")]),
    ("nowhere%3Freason%3Ddeath", None, [("reason", "death")]),
    # A cookie written before pages were kept holds the query alone.
    ("stock_price%3D7.3144%26reason%3Ddeath", None, [("stock_price", "7.3144"), ("reason", "death")]),
])
def test_the_kept_link_names_its_page_and_keeps_every_value(kept, page, pairs):
    assert auth._kept_link(kept) == (page, pairs)


class _ContextWithCookie:
    """``st.context`` as a browser back from the identity provider sends it: the kept link's cookie."""

    def __init__(self, original, kept: str):
        self._original, self.cookies = original, {auth.RETURN_COOKIE: kept}

    def __getattr__(self, name):
        return getattr(self._original, name)


def signed_in_back_from_the_provider(monkeypatch, kept: str) -> AppTest:
    """The first run after sign-in: at "/" with no query, the link kept in the cookie."""
    monkeypatch.setattr(streamlit, "context", _ContextWithCookie(streamlit.context, kept))
    at = new_app_test()
    at.secrets["auth"] = SSO
    at.user = {"is_logged_in": True, "email": "chair@valence.example", "name": "The Chair"}
    return at.run()


def test_after_sign_in_the_kept_page_opens_with_every_value_of_a_repeated_name(monkeypatch):
    # A link to the Uncertainty page with two reasons (unc_reasons twice): the page, and both reasons.
    at = signed_in_back_from_the_provider(monkeypatch, "uncertainty%3Func_reasons%3DDeath%26unc_reasons%3DDisability")
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value.startswith("Uncertainty")
    assert at.query_params["unc_reasons"] == ["Death", "Disability"]
    assert at.multiselect(key="unc_reasons").value == ["death", "disability"]


@pytest.mark.parametrize("kept", ["%3Fembed%3Dtrue", "termination_matrix%3Fembed%3Dtrue%26stock_price%3D7.3144",
                                  "%3Fembed_options%3Dshow_toolbar%26stock_price%3D7.3144"])
def test_a_kept_link_with_streamlits_own_embed_names_opens_without_them(monkeypatch, kept):
    # Streamlit refuses to let a script set embed or embed_options: they are left out, the rest applies.
    at = signed_in_back_from_the_provider(monkeypatch, kept)
    assert not at.exception, [e.value for e in at.exception]
    assert "embed" not in at.query_params and "embed_options" not in at.query_params
    assert at.query_params.get("stock_price") == ("7.3144" if "stock_price" in kept else None)
    assert at.title[0].value == ("Termination matrix" if kept.startswith("termination") else
                                 "Offer-letter scenario explorer")
