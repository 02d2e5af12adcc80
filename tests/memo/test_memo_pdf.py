"""The board memo as a director reads it: the worked example's figures with their
clauses, the charts, every flag, what identifies the printout, at most four pages.

The worked example (README): hired 13 Jul 2005, exercise $3, stock $5,
terminated without Good Cause on 15 Nov 2006.

* §3 salary: 13 Jul 2005 to 15 Nov 2006, both counted, is 491 days;
  $250,000 × 491 / 365 = $336,301.369… → $336,301.37.
* §4 buyout: $127,500, paid on the hire date.
* §4 vesting: 10% on hire = 100,000; 25% of the other 900,000 = 225,000 on
  13 Jul 2006; the remaining 675,000 in 12 quarterly installments of 56,250,
  the first on 13 Oct 2006: 100,000 + 225,000 + 56,250 = 381,250 vested,
  618,750 forfeited; value 381,250 × ($5 − $3) = $762,500.
* §6.1(a): terminated inside the first 24 months (to 12 Jul 2007), so the
  $125,000 lump sum is paid on the 5th day after, 20 Nov 2006.
* §6.1(b): 6 months of health cover at the assumed $1,000 = $6,000.
* Company's cash: 336,301.37 + 127,500 + 125,000 + 6,000 = $594,801.37;
  to him: 594,801.37 + 762,500 = $1,357,301.37.
"""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from pypdf import PdfReader

from engine.scenario import Scenario
from engine.terms import OfferTerms
from tests.memo.conftest import MADE_AT, WORKED_EXAMPLE, pages_of, text_of


def test_the_worked_example_memo_holds_its_figures_with_their_clauses(worked_pdf):
    text = text_of(worked_pdf)
    assert "§6.1 lump sum $125,000 paid 20 Nov 2006 (§6.1(a))" in text
    assert "Vested shares 381,250 of 1,000,000, 618,750 forfeited (§4)" in text
    # The tally sheet: every component with its amount, date and clause.
    assert "Base salary earned $336,301.37 15 Nov 2006 §3" in text
    assert "Sion Power severance buyout $127,500.00 13 Jul 2005 §4" in text
    assert "§6.1 lump sum $125,000.00 20 Nov 2006 §6.1(a)" in text
    assert "$6,000.00 16 Nov 2006 §6.1(b)" in text
    assert "$762,500.00 15 Nov 2006 §4" in text
    assert "$594,801.37" in text and "$1,357,301.37" in text


def test_the_memo_says_the_scenario_in_one_sentence_and_identifies_itself(worked_pdf, worked_memo):
    text = text_of(worked_pdf)
    assert ("The scenario: Hired 13 Jul 2005 with options on 1,000,000 shares at an exercise price of $3.00; "
            "terminated by the Company without Good Cause, last day employed 15 Nov 2006; no Change in Control; "
            "the stock at $5.00 a share.") in text
    assert "Made 2 Jan 2026, 09:30 UTC" in text
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    assert f"app version {commit or 'unversioned'}" in text
    assert re.fullmatch(r"[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}", worked_memo.fingerprint)
    assert f"scenario fingerprint {worked_memo.fingerprint}" in text
    # On every page's foot too, so a loose page can be matched.
    assert all(worked_memo.fingerprint in page for page in pages_of(worked_pdf))


def test_the_fingerprint_follows_the_scenario_and_nothing_else():
    from memo import meta

    assert meta.fingerprint(WORKED_EXAMPLE) == meta.fingerprint(WORKED_EXAMPLE.model_copy())
    assert meta.fingerprint(WORKED_EXAMPLE) != meta.fingerprint(WORKED_EXAMPLE.model_copy(update={"stock_price": 6}))
    assert meta.fingerprint(WORKED_EXAMPLE) != meta.fingerprint(Scenario())


def test_the_version_is_unversioned_without_git(monkeypatch):
    from memo import meta

    def no_git(*args, **kwargs):
        raise FileNotFoundError("git")

    meta.app_version.cache_clear()
    monkeypatch.setattr(meta.subprocess, "run", no_git)
    try:
        assert meta.app_version() == "unversioned"
    finally:
        meta.app_version.cache_clear()


@pytest.mark.parametrize("fixture", ["worked_pdf", "default_pdf"])
def test_a_memo_is_at_most_four_a4_pages(fixture, request):
    reader = PdfReader(io.BytesIO(request.getfixturevalue(fixture)))
    assert 1 <= len(reader.pages) <= 4
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_the_charts_are_in_it_as_vector_graphics(worked_pdf):
    text = text_of(worked_pdf)
    # The charts' own text (titles, axis titles, labels) is text in the PDF, not pixels.
    assert "Stock option vesting (§4)" in text
    assert "Cumulative option shares" in text and "Vest date" in text
    assert "What he receives, by component" in text and "Amount (US$)" in text
    reader = PdfReader(io.BytesIO(worked_pdf))
    drawn = 0
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())  # no raster image
        content = page.get_contents().get_data().decode("latin-1")
        drawn = max(drawn, len(re.findall(r"(?<=\d) (?:m|l|c|re)(?=\s)", content)))
    assert drawn > 100  # the steps, bars, axes and grid are drawn as paths


def test_every_flag_is_in_it_assumptions_apart(worked_pdf, worked_memo):
    text = text_of(worked_pdf)
    assert "What the Board should know" in text
    assert "Assumptions (the letter is silent; the app assumes)" in text
    assert "Warnings" not in text  # the worked example raises none
    for flag in worked_memo.outcome.flags:
        assert " ".join(flag.message.split()) in text, flag.code
    assert "618,750 unvested shares assumed forfeited on the last day" in text
    assert "Health continuation valued at $1,000 a month" in text


def test_the_termination_matrix_is_in_it_as_of_the_scenario_date(worked_pdf):
    text = text_of(worked_pdf)
    assert "Termination matrix as of 15 Nov 2006" in text
    # For Good Cause: no lump sum, no health: 336,301.37 + 127,500 + 762,500 = 1,226,301.37.
    assert "Termination for Good Cause $336,301.37 $127,500 $0 $0 $762,500 $0 $1,226,301.37 $463,801.37" in text


def test_the_link_that_reopens_it_is_in_todays_format(worked_pdf, worked_memo):
    link = "http://localhost:8501/?reason=without_good_cause&termination_date=2006-11-15"
    assert worked_memo.link == link
    assert link in text_of(worked_pdf)


def test_the_link_base_is_configurable(monkeypatch):
    from memo import prepare

    assert prepare(WORKED_EXAMPLE, base_url="https://board.example/").link.startswith("https://board.example/?")
    assert prepare(WORKED_EXAMPLE, base_url="http://board:8501").link.startswith("http://board:8501/?reason=")
    monkeypatch.setenv("MEMO_BASE_URL", "http://board-tools.internal:8501/")
    assert prepare(WORKED_EXAMPLE).link.startswith("http://board-tools.internal:8501/?reason=")


def test_a_scenario_no_link_can_carry_says_so():
    from memo import prepare

    changed = WORKED_EXAMPLE.model_copy(update={"terms": OfferTerms(severance_lump_sum=200_000)})
    memo = prepare(changed, made_at=MADE_AT)
    assert memo.link is None and memo.link_problems


def test_the_matrix_memo_leads_with_the_matrix(matrix_pdf):
    first = pages_of(matrix_pdf)[0]
    assert first.index("Termination matrix as of 15 Nov 2006") < len(first)
    assert "Headline figures" not in first
    text = text_of(matrix_pdf)
    assert text.index("Termination matrix") < text.index("Headline figures")
    assert "What sets each row apart" in text and "The letter is silent on death" in text
    assert "What he walks away with, by termination date" in text  # the chart over the termination date


def test_the_negotiation_memo_leads_with_the_comparison(negotiate_pdf):
    """A proposal doubling the lump sum: $250,000, $125,000 more than the letter;
    to him 1,357,301.37 + 125,000 = 1,482,301.37."""
    text = text_of(negotiate_pdf)
    assert text.index("The letter as signed against each proposal") < text.index("Headline figures")
    assert "§6.1 lump sum §6.1(a) $125,000.00 $250,000.00 +$125,000 vs letter" in text
    assert "$1,357,301.37 $1,482,301.37 +$125,000 vs letter" in text
    assert "Double lump sum: lump sum $250,000" in text


def test_a_section_added_later_is_one_more_function(worked_memo):
    from memo import SECTIONS, render
    from memo.sections import title_block

    def golden_parachute(doc, memo):
        doc.heading("§280G summary")
        doc.paragraph(f"Fingerprint {memo.fingerprint}")

    text = text_of(render(worked_memo, [title_block, golden_parachute]))
    assert f"§280G summary Fingerprint {worked_memo.fingerprint}" in text
    assert all(callable(section) for sections in SECTIONS.values() for section in sections)


def test_the_scenario_printed_on_the_memo_reads_back_as_the_same_scenario(worked_pdf):
    import json

    from engine.io import scenario_from_json

    text = text_of(worked_pdf)
    printed, _ = json.JSONDecoder().raw_decode(text[text.index('{"hire_date"'):])
    assert printed == {"hire_date": "2005-07-13", "exercise_price": 3.0, "stock_price": 5.0,
                       "termination": {"date": "2006-11-15", "reason": "without_good_cause",
                                       "good_cause_ground": None, "notice_date": None}}
    assert scenario_from_json(json.dumps(printed)) == WORKED_EXAMPLE
