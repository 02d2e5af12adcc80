"""Offer-letter scenario explorer: ``streamlit run app.py``.

The entrypoint frames every page: page config, the access gate (``ui/auth.py``,
always), the scenario inputs in the sidebar, the navigation, and — after the
page has run — the shareable link in the address bar.
"""

from __future__ import annotations

import streamlit as st

from ui import layout, state
from ui.auth import require_access
from ui.sidebar import draw_sidebar

APP_TITLE = "Offer-letter scenario explorer"

state.leave_pages_folder_mode()
st.set_page_config(page_title=APP_TITLE, layout="wide")
layout.apply()  # static CSS for what no theme option reaches (ui/layout.css)

# Every page, in menu order. No page icons: a page's icon becomes the favicon, which
# Streamlit fetches from fonts.gstatic.com for Material icons (nothing may leave the machine).
PAGES = [
    st.Page("pages/explorer.py", title="Explorer", default=True, url_path="home"),
    st.Page("pages/termination_matrix.py", title="Termination matrix"),
    st.Page("pages/negotiate.py", title="Negotiate"),
    st.Page("pages/sensitivity.py", title="Sensitivity"),
    st.Page("pages/uncertainty.py", title="Uncertainty"),
    st.Page("pages/contract.py", title="Contract"),
    # "/explorer" (the file's name, as every other page's address is) opens the home page too.
    st.Page("pages/explorer.py", title="Explorer", url_path="explorer", visibility="hidden"),
]

# Resolve the page the address asks for before the access check, so a link to a
# page survives the gate (the menu stays hidden until access is granted).
st.navigation(PAGES, position="hidden")
require_access()  # stops the run unless the viewer may see the app

# The page runs before the sidebar is drawn (both read the inputs from the session, which
# frame() has set up): the page's first chart reaches the browser without waiting for two
# dozen sidebar widgets, and the sidebar shows the link warnings of the page's own inputs.
with state.frame():  # reads the link on a session's first run; writes it back at the end of every run
    st.navigation(PAGES, position="top").run()
    draw_sidebar()
