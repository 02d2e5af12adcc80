"""Layout that keeps every headline figure whole, from a phone to a wide screen.

Public API
----------
``METRIC_MIN_WIDTH``        px: the narrowest metric card that shows a long figure whole
``metric_grid(count, figures=())``  a grid of bordered cards for ``count`` headline figures: as
                            many to a row as fit whole, up to ``count``; fewer on a narrow screen.
                            ``figures``: the value texts, when one may be longer than usual
``card_width(figures)``     px: the narrowest card that shows each of ``figures`` whole
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

import math
from collections.abc import Sequence

import streamlit as st

# The widest headline figure, "$27,503,184.93" (or "−$1,357,301.37"), is 186 px in the theme's
# metric font (Source Sans at 1.875rem, .streamlit/config.toml metricValueFontSize); a card adds
# 2 × 15 px padding and 2 × 1 px border: 218 px, and a few to spare for another browser's
# rendering of the font. Two cards then fit beside the sidebar on an iPad held upright (820 px).
METRIC_MIN_WIDTH = 224
_PX_PER_CHARACTER = 186 / 14  # "$27,503,184.93" is 14 characters, 186 px
_CARD_EXTRA = METRIC_MIN_WIDTH - 186  # padding, border and the spare pixels

# A bar chart's item labels (up to 260 px) beside its bars and amounts, a time axis with
# legible ticks, a subtitle line of 80 characters: side by side from about 1400 px.
CHART_MIN_WIDTH = 440

_CSS = Path(__file__).with_name("layout.css")


def card_width(figures: Sequence[str] = ()) -> int:
    """``METRIC_MIN_WIDTH``, or more for a figure longer than 14 characters (a stock price in the
    hundreds makes "$197,588,801.37")."""
    longest = max((len(f) for f in figures), default=0)
    return max(METRIC_MIN_WIDTH, math.ceil(longest * _PX_PER_CHARACTER) + _CARD_EXTRA)


def metric_grid(count: int, figures: Sequence[str] = ()):
    """Bordered cards for ``count`` headline figures: ``with grid.cell(): st.metric(...)``."""
    return st.grid(max(1, min(count, 24)), min_column_width=card_width(figures), border=True)


def chart_grid(count: int):
    """Cells for ``count`` charts: side by side on a wide screen, one above the other on a narrow one."""
    return st.grid(max(1, min(count, 24)), min_column_width=CHART_MIN_WIDTH, gap="medium")


def apply() -> None:
    """The static CSS of ``ui/layout.css`` (sent as a style-only element: it takes no room)."""
    st.html(_CSS)
