"""Tables more than one page draws from the engine's results."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from engine.outcome import Outcome
from ui import format as F


def line_items(outcome: Outcome) -> None:
    """Every line item with its amount, date and clause, then each explained in full
    (table cells do not wrap, so the explanations are also given for reading)."""
    frame = pd.DataFrame([
        {"Item": item.label, "Amount": item.amount, "Date": F.date(item.date), "Clause": item.clause,
         "Explanation": item.explanation}
        for item in outcome.line_items
    ])
    st.dataframe(
        frame, hide_index=True, width="stretch",
        column_config={
            "Item": st.column_config.TextColumn("Item", width=240),
            "Amount": st.column_config.NumberColumn("Amount", format="dollar", help="US dollars, to the cent",
                                                    width=120),
            "Date": st.column_config.TextColumn("Date", help="When it is paid or measured", width=105),
            "Clause": st.column_config.TextColumn("Clause", width=125),
            "Explanation": st.column_config.TextColumn("Explanation", width=560,
                                                       help="Why this amount; read in full below the table"),
        },
    )
    with st.expander("Each amount explained in full", expanded=False):
        for item in outcome.line_items:
            st.markdown(f"**{F.md(item.label)}**: {F.md(F.money(item.amount, cents=True))} "
                        f"({F.md(item.clause)}). {F.md(item.explanation)}")
