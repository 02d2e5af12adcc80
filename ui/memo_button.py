"""The "Board memo (PDF)" button: one click, the memo of what the page shows.

The PDF is made only when the button is clicked (Streamlit 1.67 calls a
``data`` callable then, on another thread, where no ``st.`` call works), so
everything it needs (the scenario, the link) is taken now, on the page's run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import streamlit as st

from engine.scenario import Scenario

LABEL = "Board memo (PDF)"
HELP = {
    "explorer": "A PDF for the board book: the headline figures, every component with its date and clause, the "
                "termination matrix, the charts, every flag and the link that reopens this scenario.",
    "matrix": "A PDF for the board book that leads with this table as of its date, then the scenario's figures, "
              "charts, flags and the link that reopens it.",
    "negotiate": "A PDF for the board book that leads with the comparison of the letter and the proposals, then "
                 "the scenario's figures, charts, flags and the link that reopens it.",
}


def _page_url() -> str | None:
    try:
        return st.context.url or None
    except Exception:  # noqa: BLE001 - no URL known (tests): the memo uses its default
        return None


def memo_maker(kind: str, scenario: Scenario, link_params: dict[str, str], base_url: str | None,
               **options: Any):
    """The callable the button calls: PDF bytes, or a one-page PDF saying why not."""

    def make() -> bytes:
        try:
            from memo import memo_pdf

            return memo_pdf(scenario, kind=kind, link_params=link_params, base_url=base_url, **options)
        except Exception as exc:  # noqa: BLE001 - never a traceback: say so in the file itself
            from memo.document import MemoDocument

            doc = MemoDocument(footer_text="Board memo")
            doc.add_page()
            doc.paragraph(f"The board memo could not be made ({exc.__class__.__name__}). Please report the link of "
                          "this scenario to the maintainers.", size=11)
            return bytes(doc.output())

    return make


def memo_button(kind: str, scenario: Scenario, *, matrix_date: dt.date | None = None,
                variants: Sequence[Any] = (), outcome: Any = None) -> None:
    """Draw the button for ``kind`` (explorer, matrix, negotiate)."""
    from ui import state

    stamp = scenario.termination.last_day(scenario.terms) if scenario.termination else scenario.hire_date
    st.download_button(
        LABEL, memo_maker(kind, scenario, state.share_params(), _page_url(), matrix_date=matrix_date,
                          variants=list(variants), outcome=outcome),
        file_name=f"board_memo_{kind}_{stamp.isoformat()}.pdf", mime="application/pdf", on_click="ignore",
        key=f"download_memo_{kind}", icon=":material/picture_as_pdf:", type="primary", help=HELP[kind],
    )
