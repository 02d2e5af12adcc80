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
``cached_spec(kind, key, build)``   a chart's Vega-Lite spec for ``st.vega_lite_chart``, built once per
                            ``key`` (what the chart reads) and not validated again
``apply()``                 inject ``ui/layout.css`` (static text, never user input)

Why a grid: ``st.metric`` cuts a figure that does not fit its box with an
ellipsis ("$6,594,…"). ``st.columns`` keeps a fixed number of columns however
narrow the page; ``st.grid`` drops a column before a card gets narrower than
``min_column_width``, so the figure always has the room it needs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st

if TYPE_CHECKING:  # only for the annotation: the charts' own modules import Altair
    import altair as alt

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


@st.cache_data(max_entries=128, show_spinner=False)
def cached_spec(kind: str, key: str, _build: Callable[[], alt.TopLevelMixin]) -> dict[str, Any]:
    """A chart's Vega-Lite spec, cached under what it depends on (``key``: for the Explorer's
    charts ``charts.chart_key``, for the §280G chart the fields in ``PARACHUTE_CHART_INPUTS``).

    Building and validating the Altair charts is most of a rerun; a slider that moves only
    the stock price leaves the vesting and payments charts as they were. The builders are
    validated against the Vega-Lite schema in tests/app/test_charts.py, so the spec is
    produced without validating again. Altair's default theme only adds a 300 px view
    size, which Streamlit drops too.
    """
    spec = _build().to_dict(validate=False)
    view = spec.get("config", {}).get("view", {})
    for default in ("continuousWidth", "continuousHeight"):
        view.pop(default, None)
    if "config" in spec and not view:
        spec["config"].pop("view", None)
        if not spec["config"]:
            spec.pop("config")
    return spec
