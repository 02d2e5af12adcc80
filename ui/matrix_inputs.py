"""The Termination matrix page's table date, declared without Streamlit, so a matrix memo
made from the command line (``--matrix-date``) links to the page at that date."""

from __future__ import annotations

from engine.dates import MAX_DATE, MIN_DATE
from ui import params as P

MATRIX_DATE = P.ParamSpec(
    name="matrix_date", kind="date", default=None, label="Date of the table",
    help="The day every event in the table happens on. Empty: the sidebar's last day of employment if it has "
         "a termination, else its \"Figures as of\" date, else the first anniversary of the hire date "
         "(§3, §4, §6.1).",
    clause="§3, §4, §6.1", optional=True, min_value=MIN_DATE, max_value=MAX_DATE, group="extension",
)
