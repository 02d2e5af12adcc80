"""Layout that keeps every headline figure whole, from a phone to a wide screen.

Public API
----------
``METRIC_MIN_WIDTH``        px: the narrowest metric card that shows a long figure whole
``metric_grid(count)``      a grid of bordered cards for ``count`` headline figures: as many
                            to a row as fit whole, up to ``count``; fewer on a narrow screen
``CHART_MIN_WIDTH``         px: the narrowest a chart that shares a row may be
``chart_grid(count)``       charts side by side where each gets ``CHART_MIN_WIDTH``, stacked otherwise
``apply()``                 inject ``ui/layout.css`` (static text, never user input)

Why a grid: ``st.metric`` cuts a figure that does not fit its box with an
ellipsis ("$6,594,…"). ``st.columns`` keeps a fixed number of columns however
narrow the page; ``st.grid`` drops a column before a card gets narrower than
``min_column_width``, so the figure always has the room it needs.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

# The widest headline figure, "$27,503,184.93" (or "−$1,357,301.37"), is 186 px in the theme's
# metric font (Source Sans at 1.875rem, .streamlit/config.toml metricValueFontSize); a card adds
# 2 × 15 px padding and 2 × 1 px border: 218 px, and a few to spare for another browser's
# rendering of the font. Two cards then fit beside the sidebar on an iPad held upright (820 px).
METRIC_MIN_WIDTH = 224

# A bar chart's item labels (up to 260 px) beside its bars and amounts, a time axis with
# legible ticks, a subtitle line of 80 characters: side by side from about 1400 px.
CHART_MIN_WIDTH = 440

_CSS = Path(__file__).with_name("layout.css")


def metric_grid(count: int):
    """Bordered cards for ``count`` headline figures: ``with grid.cell(): st.metric(...)``."""
    return st.grid(max(1, min(count, 24)), min_column_width=METRIC_MIN_WIDTH, border=True)


def chart_grid(count: int):
    """Cells for ``count`` charts: side by side on a wide screen, one above the other on a narrow one."""
    return st.grid(max(1, min(count, 24)), min_column_width=CHART_MIN_WIDTH, gap="medium")


def apply() -> None:
    """The static CSS of ``ui/layout.css`` (sent as a style-only element: it takes no room)."""
    st.html(_CSS)
