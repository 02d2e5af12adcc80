"""The "Board memo (PDF)" button on each page (AppTest), and what it makes when clicked."""

from __future__ import annotations

import pytest

from tests.app import new_app_test
from tests.memo.conftest import WORKED_EXAMPLE, text_of

WORKED_LINK = {"reason": "without_good_cause", "termination_date": "2006-11-15"}


@pytest.mark.parametrize("page", [None, "pages/termination_matrix.py", "pages/negotiate.py"])
def test_every_page_with_a_scenario_has_the_memo_button(page):
    at = new_app_test(WORKED_LINK)
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (button,) = [b for b in at.get("download_button") if b.proto.label == "Board memo (PDF)"]
    assert button.proto.deferred_file_id  # made on click, not on every run
    assert button.proto.ignore_rerun


def test_the_button_makes_the_page_s_memo():
    import datetime as dt

    from ui.memo_button import memo_maker

    make = memo_maker("matrix", WORKED_EXAMPLE, dict(WORKED_LINK, matrix_date="2006-11-15"),
                      "http://board:8501/termination_matrix", matrix_date=dt.date(2006, 11, 15))
    pdf = make()
    assert pdf.startswith(b"%PDF-")
    text = text_of(pdf)
    assert text.index("Termination matrix as of 15 Nov 2006") < text.index("Headline figures")
    assert ("http://board:8501/termination_matrix?reason=without_good_cause&termination_date=2006-11-15"
            "&matrix_date=2006-11-15") in "".join(text.split())


def test_a_memo_that_cannot_be_made_says_so_in_the_file():
    from ui.memo_button import memo_maker

    pdf = memo_maker("no such memo", WORKED_EXAMPLE, {}, None)()
    assert pdf.startswith(b"%PDF-")
    assert "The board memo could not be made (ValueError)" in text_of(pdf)
