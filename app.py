"""Offer-letter scenario explorer: ``streamlit run app.py``.

The entrypoint frames every page: page config, access protection (when
``ui/auth.py`` exists), the scenario inputs in the sidebar, the navigation,
and — after the page has run — the shareable link in the address bar.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import streamlit as st

from ui import layout, state
from ui.sidebar import draw_sidebar

ROOT = Path(__file__).resolve().parent
APP_TITLE = "Offer-letter scenario explorer"

# Pages added by other work streams appear when their file exists.
# No page icons: a page's icon becomes the favicon, which Streamlit fetches
# from fonts.gstatic.com for Material icons (nothing may leave the machine).
OPTIONAL_PAGES: list[tuple[str, str]] = [
    ("pages/termination_matrix.py", "Termination matrix"),
    ("pages/negotiate.py", "Negotiate"),
    ("pages/sensitivity.py", "Sensitivity"),
    ("pages/uncertainty.py", "Uncertainty"),
    ("pages/contract.py", "Contract"),
]


def _in_pages_directory_mode() -> bool:
    """True on a fresh server's first run: with a ``pages/`` folder beside this file
    Streamlit starts in its old "pages directory" mode, in which widgets drawn here
    get other ids than in every later run (the sidebar's values would reset on the
    first click). ``st.navigation`` ends that mode for good."""
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - the pinned Streamlit has it
        return False
    return bool(getattr(PagesManager, "uses_pages_directory", False))


st.set_page_config(page_title=APP_TITLE, layout="wide")
layout.apply()  # static CSS for what no theme option reaches (ui/layout.css)

files_by_page = {"pages/explorer.py": st.Page("pages/explorer.py", title="Explorer", default=True, url_path="home")}
for file, title in OPTIONAL_PAGES:
    if (ROOT / file).is_file():
        files_by_page[file] = st.Page(file, title=title)
# The home page lives at "/"; "/explorer" (its file name, as every other page's
# address is) opens it too instead of "Page not found".
EXPLORER_ALIAS = st.Page("pages/explorer.py", title="Explorer", url_path="explorer", visibility="hidden")
all_pages = [*files_by_page.values(), EXPLORER_ALIAS]

# Resolve the page the address asks for before the access check, so a link to a
# page survives the gate (the menu stays hidden until access is granted).
first_run_on_this_server = _in_pages_directory_mode()
st.navigation(all_pages, position="hidden")
if first_run_on_this_server:
    st.rerun()  # start over in navigation mode, where the sidebar's widget ids are stable

# Access protection: ui/auth.py is optional; when it exists it decides (and may st.stop()).
if importlib.util.find_spec("ui.auth") is not None:
    importlib.import_module("ui.auth").require_access()

with state.frame():  # reads the link on a session's first run; writes it back at the end of every run
    draw_sidebar()
    page = st.navigation(all_pages, position="top")
    state.follow_redirect(files_by_page, page)
    page.run()
