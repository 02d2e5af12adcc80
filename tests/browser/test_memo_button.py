"""The "Board memo (PDF)" button in a real headless Chromium: one click on the
Explorer at the worked example gives a PDF with its figures."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.browser.helpers import assert_no_exception, external_requests, goto_app

LINK = "?reason=without_good_cause&termination_date=2006-11-15"


def test_one_click_gives_the_board_memo(page, streamlit_server, requested_urls, tmp_path):
    goto_app(page, streamlit_server, LINK, timeout=60)
    assert_no_exception(page)
    button = page.get_by_role("button", name="Board memo (PDF)")
    button.wait_for(timeout=30_000)
    with page.expect_download(timeout=120_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "board_memo_explorer_2006-11-15.pdf"
    path = tmp_path / "memo.pdf"
    download.save_as(path)
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "§6.1 lump sum $125,000 paid 20 Nov 2006 (§6.1(a))" in text
    assert "Vested shares 381,250" in text
    # The link on the memo is the page's own address with the scenario in it.
    squeezed = "".join(text.split())
    assert f"{streamlit_server.rstrip('/')}/?reason=without_good_cause" in squeezed
    assert_no_exception(page)
    assert external_requests(requested_urls) == []
