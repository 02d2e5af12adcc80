"""The letter, split into its sections for the Contract page, and the clause data
beside it (engine/clauses.py).

The letter's own text is the test data: each section must start with the
letter's words for it, and a sentence the filing broke across pages (§6.2's
"terminated in accordance / for Good Cause") must read as one sentence again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.clauses import CLAUSES, cited_clauses, cites, clause, letter_sections

LETTER = Path(__file__).resolve().parents[2] / "contract" / "offer-letter-2005-07-08.txt"


@pytest.fixture(scope="module")
def sections() -> dict[str, str]:
    return letter_sections(LETTER.read_text(encoding="utf-8"))


def test_the_letter_has_sections_1_to_11_and_6_1_to_6_3_in_order(sections):
    numbered = [key for key in sections if key.startswith("§")]
    assert numbered == [
        "§1", "§2", "§3", "§4", "§5", "§6", "§6.1", "§6.2", "§6.3", "§7", "§8", "§9", "§10", "§11"]
    assert list(sections)[0] == "Preamble" and list(sections)[-1] == "Closing"


@pytest.mark.parametrize("ref, first_words", [
    ("Preamble", "Dear Jim, The Board of Directors is pleased to extend a contingent offer"),
    ("§1", "Capacity and Duties. You shall serve the Company as its Chief Executive Officer"),
    ("§2", "Nomination to the Board of Directors. The Company agrees to nominate you"),
    ("§3", "Compensation. During the term of your employment with the Company, your salary shall be at an "
           "annualized rate of two hundred fifty thousand dollars ($250,000)."),
    ("§4", "Stock Options. Upon your employment, you will receive an employee stock option in the amount of one "
           "million shares."),
    ("§5", "Benefits. During the term of your employment"),
    ("§6", "Payments on Change in Control or Termination for Other than Good Cause."),
    ("§6.1", "If during the first twenty four (24) months your employment under this agreement, there occurs a "
             "Change in Control"),
    ("§6.2", "For purposes of the Agreement, \"Good Cause\" shall mean and include termination by reason of (a)"),
    ("§6.3", "For purposes of this Agreement, \"Change in Control\" of the Company shall be deemed to have occurred"),
    ("§7", "Business Expenses. You will be reimbursed"),
    ("§8", "Dispute Resolution. All disputes arising in connection with your employment shall be settled by "
           "arbitration"),
    ("§9", "Miscellaneous. Because of the nature of the Company's business"),
    ("§10", "Resignation. In the event you elect to terminate your employment and resign"),
    ("§11", "This employment offer is also contingent upon completion of Employment Eligibility Verification"),
    ("Closing", "To indicate your acceptance of the Company's offer"),
])
def test_each_section_starts_with_the_letters_words_for_it(sections, ref, first_words):
    # Paragraph breaks read as spaces for this comparison.
    assert " ".join(sections[ref].split()).startswith(first_words)


@pytest.mark.parametrize("ref, last_words", [
    ("§3", "you will earn the base salary prorated to the date of termination."),
    ("§4", "in cash upon the date of hiring--$127,500.00."),
    ("§6.1", "indemnification for acts and decisions made while in your role as Chief Executive Officer."),
    ("§6.3", "(c) a liquidation of the Company."),
    ("§11", "proof of eligibility to work legally in the United States."),
    ("Closing", "Accepted By Valence Technology, Inc. Its Board of Directors on July 13, 2005."),
])
def test_each_section_ends_where_the_next_begins(sections, ref, last_words):
    assert sections[ref].endswith(last_words)


def test_the_sentence_the_filing_broke_across_pages_reads_as_one(sections):
    assert 'In the event your employment is terminated in accordance for "Good Cause," you shall be entitled' \
        in sections["§6.2"]
    assert "\n" not in sections["§6.2"]  # one paragraph, as in the letter


def test_the_quirks_are_in_the_letters_text(sections):
    assert "embezzlement, theft or misappropriation of monies or other property of the Company and (ii)" \
        in sections["§6.2"]
    assert "own less that 50% of the voting control" in sections["§6.3"]
    assert "more than fifty percent (50%)" in sections["§6.3"]


def test_page_markers_and_the_signature_table_are_not_shown(sections):
    text = "\n".join(sections.values())
    for marker in ("<PAGE>", "<TABLE>", "/s/", "Exhibit 10.1", "Paseo Melodoso"):
        assert marker not in text


def test_the_sections_read_the_same_from_windows_line_endings():
    text = LETTER.read_text(encoding="utf-8")
    assert letter_sections(text.replace("\n", "\r\n")) == letter_sections(text)


def test_text_without_numbered_sections_has_none():
    assert letter_sections("") == {}
    assert letter_sections("Dear Jim,\n\nNo terms here.\n") == {}


# --------------------------------------------------------------------------
# The clause data
# --------------------------------------------------------------------------


def test_every_section_of_the_letter_has_its_reading():
    refs = [c.ref for c in CLAUSES]
    assert refs == [
        "Preamble", "§1", "§2", "§3", "§4", "§5", "§6.1", "§6.2", "§6.3", "§7", "§8", "§9", "§10", "§11"]
    assert all(c.reading and c.computes and c.title for c in CLAUSES)


def test_the_clauses_not_computed_are_the_ones_reading_md_lists():
    assert [c.ref for c in CLAUSES if c.status == "not computed"] == [
        "Preamble", "§1", "§2", "§7", "§8", "§9", "§11"]
    assert [c.ref for c in CLAUSES if c.status == "partly computed"] == ["§5"]
    assert [c.ref for c in CLAUSES if c.status == "computed"] == ["§3", "§4", "§6.1", "§6.2", "§6.3", "§10"]


def test_the_drafting_quirks_are_flagged_on_their_clauses():
    (and_quirk, accordance_quirk) = clause("§6.2").quirks
    assert '"and"' in and_quirk and "both convictions would be required" in and_quirk
    assert "terminated in accordance for" in accordance_quirk
    (typo,) = clause("§6.3").quirks
    assert "less that 50%" in typo and "exactly 50% is not a Change in Control" in typo
    assert [c.ref for c in CLAUSES if c.quirks] == ["§6.2", "§6.3"]


def test_an_unknown_clause_is_a_key_error():
    with pytest.raises(KeyError):
        clause("§12")


@pytest.mark.parametrize("citation, refs", [
    ("§6.1(a)", ["§6.1"]),
    ("§5, §6.1(b)", ["§5", "§6.1"]),
    ("§4 (plan governs)", ["§4"]),
    ("§4, §6.3 (plan governs)", ["§4", "§6.3"]),
    ("§6.1, §6.2, §7", ["§6.1", "§6.2", "§7"]),
    ("§6.2(b), §10", ["§6.2", "§10"]),
    ("§3, §4", ["§3", "§4"]),
    ("§6.3(a)(i)", ["§6.3"]),
    ("", []),
])
def test_a_citation_names_its_clauses(citation, refs):
    assert cited_clauses(citation) == refs


def test_a_clause_is_cited_by_its_sub_clauses_but_not_by_its_neighbours():
    assert cites("§6.1(b)", "§6.1")
    assert cites("§6.1(b)", "§6")
    assert not cites("§6.1(b)", "§6.2")
    assert not cites("§10", "§1")
    assert not cites("§1", "§10")
    assert cites("§5, §6.1(b)", "§5")
