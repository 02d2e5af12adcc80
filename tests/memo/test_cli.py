"""``python -m engine memo FILE|- --out memo.pdf``: writes the memo; bad input
exits 2 with one line naming the field (and the clause), and writes nothing."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from engine.cli import main
from engine.io import scenario_to_json
from tests.memo.conftest import WORKED_EXAMPLE, text_of


def worked_file(tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(scenario_to_json(WORKED_EXAMPLE)), encoding="utf-8")
    return path


def test_the_command_writes_the_memo(tmp_path, capsys):
    from memo import prepare

    out = tmp_path / "memo.pdf"
    assert main(["memo", str(worked_file(tmp_path)), "--out", str(out)]) == 0
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = text_of(pdf)
    assert "§6.1 lump sum $125,000 paid 20 Nov 2006 (§6.1(a))" in text
    assert "Vested shares 381,250" in text
    # The same scenario as in the app: the same fingerprint on the printout.
    assert f"scenario fingerprint {prepare(WORKED_EXAMPLE).fingerprint}" in text
    assert capsys.readouterr().err.strip() == f"wrote {out} ({len(pdf):,} bytes)"


def test_the_command_reads_standard_input_and_leads_with_the_matrix(tmp_path, monkeypatch):
    out = tmp_path / "matrix.pdf"
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(scenario_to_json(WORKED_EXAMPLE))))
    assert main(["memo", "-", "--out", str(out), "--kind", "matrix", "--base-url", "http://board:8501/"]) == 0
    text = text_of(out.read_bytes())
    assert text.index("Termination matrix as of 15 Nov 2006") < text.index("Headline figures")
    # The link opens the matrix page, as the link of the page's own memo does.
    assert "http://board:8501/termination_matrix?reason=without_good_cause&termination_date=2006-11-15" in text


BAD_SCENARIOS = [
    ('{"hire_date": "2005-07-13", "stock_price": -5}', "stock_price", "§4"),
    ('{"hire_date": "2005-13-45"}', "hire_date", ""),
    ("not json", "", ""),
    ('{"termination": {"date": "2006-11-15", "reason": "fired"}}', "termination.reason", ""),
]


@pytest.mark.parametrize("text, field, clause", BAD_SCENARIOS)
def test_a_bad_scenario_exits_2_with_one_line_and_writes_nothing(text, field, clause, tmp_path, monkeypatch, capsys):
    out = tmp_path / "memo.pdf"
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    assert main(["memo", "-", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert field in err and clause in err
    assert not out.exists()


@pytest.mark.parametrize("where", ["missing/memo.pdf", "."])
def test_an_unwritable_out_exits_2_with_one_line(where, tmp_path, capsys):
    out = tmp_path / where
    assert main(["memo", str(worked_file(tmp_path)), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: --out: ")
    assert not (tmp_path / "missing").exists()


def test_the_command_as_a_process(tmp_path):
    out = tmp_path / "memo.pdf"
    done = subprocess.run([sys.executable, "-m", "engine", "memo", str(worked_file(tmp_path)), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    bad = subprocess.run([sys.executable, "-m", "engine", "memo", "-", "--out", str(tmp_path / "x.pdf")],
                         input='{"stock_price": "cheap"}', capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "stock_price" in bad.stderr


# --------------------------------------------------------------------------
# --proposals: the Negotiate memo from the command line
# --------------------------------------------------------------------------

PROPOSALS = [{"name": "Board draft", "terms": {"severance_lump_sum": 250000, "protection_months": 36}},
             {"name": "Full acceleration", "cic_acceleration": "single_trigger"}]


def proposals_file(tmp_path, proposals=PROPOSALS, name="proposals.json"):
    path = tmp_path / name
    path.write_text(proposals if isinstance(proposals, str) else json.dumps(proposals), encoding="utf-8")
    return path


def test_the_command_compares_the_letter_with_proposals(tmp_path, capsys):
    from analyses.negotiate import Variant
    from memo import prepare

    out = tmp_path / "negotiate.pdf"
    assert main(["memo", str(worked_file(tmp_path)), "--out", str(out),
                 "--proposals", str(proposals_file(tmp_path))]) == 0
    text = text_of(out.read_bytes())
    assert "Board memo: the letter as signed against the proposed terms" in text
    assert "Board draft" in text and "Full acceleration" in text
    # 15 Nov 2006 at $5: salary $336,301.37 (§3) + buyout $127,500 (§4) + lump sum (§6.1(a)) + health
    # $6,000 (§6.1(b)). The letter's lump sum $125,000 gives $594,801.37; the draft's $250,000 gives
    # $719,801.37, $125,000 more.
    assert "$594,801.37" in text and "$719,801.37" in text and "+$125,000 vs letter" in text
    # The same comparison as the Negotiate page's memo: the same fingerprint.
    variants = [Variant.model_validate(p) for p in PROPOSALS]
    fingerprint = prepare(WORKED_EXAMPLE, kind="negotiate", variants=variants).fingerprint
    assert f"scenario fingerprint {fingerprint}" in text
    # The memo prints the proposals as the command reads them: fed back, the same memo.
    printed = text.split("The proposals as JSON", 1)[1].split("):", 1)[1].split(" Board memo ·", 1)[0].strip()
    again = tmp_path / "again.pdf"
    assert main(["memo", str(worked_file(tmp_path)), "--out", str(again),
                 "--proposals", str(proposals_file(tmp_path, printed, "printed.json"))]) == 0
    assert f"scenario fingerprint {fingerprint}" in text_of(again.read_bytes())


BAD_PROPOSALS = [
    ('[{"name": "x", "terms": {"severance_lump_sum": "250000"}}]',
     "proposal 1: terms.severance_lump_sum: expected a number written without quotes", "§6.1(a)"),
    ('[{"name": "x"}, {"name": "y", "bogus": 1}]', "proposal 2: bogus: unknown key", ""),
    ('[{"name": "y", "double_trigger_months": 0}]', "proposal 1: double_trigger_months:", "§6.3"),
    ('[{"name": "y", "terms": {"severance_lump_sum": 100000.001}}]', "proposal 1: terms.severance_lump_sum", ""),
    ('[{"name": "   "}]', "proposal 1: name", ""),
    ("[]", "proposals: expected a JSON list of 1 to 3 proposals", ""),
    ('[{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}]', "got 4 items", ""),
    ('{"name": "a"}', "proposals: expected a JSON list", ""),
    ("[{", "not valid JSON", ""),
    # A control character in a name would reach the charts' renderer (which aborts on it) and the page.
    ('[{"name": "a\\u0000b"}]', "proposal 1: name: a proposal's name is up to 60 printable characters", ""),
    ('[{"name": "a\\u001bb"}]', "proposal 1: name: a proposal's name is up to 60 printable characters", ""),
    ('[' * 5000, "nested too deeply; a proposal is at most 3 objects deep", ""),
]


@pytest.mark.parametrize("text, problem, clause", BAD_PROPOSALS)
def test_bad_proposals_exit_2_with_one_line_naming_the_proposal_and_field(text, problem, clause, tmp_path, capsys):
    out = tmp_path / "memo.pdf"
    assert main(["memo", str(worked_file(tmp_path)), "--out", str(out),
                 "--proposals", str(proposals_file(tmp_path, text))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert problem in err and clause in err
    assert not out.exists()


def test_a_proposal_that_makes_the_scenario_invalid_exits_2_naming_it(tmp_path, capsys):
    # Resignation with notice given 1 Oct 2100: under the letter's 30 days (§10) the last day is
    # 31 Oct 2100; a proposal of 365 days' notice moves it to 1 Oct 2101, past the supported range.
    scenario = tmp_path / "late.json"
    scenario.write_text(json.dumps({"termination": {"reason": "resignation", "notice_date": "2100-10-01"}}),
                        encoding="utf-8")
    out = tmp_path / "memo.pdf"
    proposals = proposals_file(tmp_path, [{"name": "Long notice", "terms": {"resignation_notice_days": 365}}])
    assert main(["memo", str(scenario), "--out", str(out), "--proposals", str(proposals)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"error: --proposals {proposals}: proposal 1, applied to the scenario: termination.date: "
                          "the last day 2101-10-01 is after the supported range")
    assert "(§10)" in err and not out.exists()


@pytest.mark.parametrize("args, problem", [
    (["--kind", "negotiate"], "--proposals: a negotiate memo compares the letter with proposals"),
    (["--kind", "matrix", "--proposals", "PROPOSALS"], "--proposals: only a negotiate memo compares proposals"),
    (["--proposals", "missing.json"], "--proposals: cannot read missing.json"),
])
def test_proposals_and_the_memos_kind_must_agree(args, problem, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "memo.pdf"
    args = [str(proposals_file(tmp_path)) if a == "PROPOSALS" else a for a in args]
    assert main(["memo", str(worked_file(tmp_path)), "--out", str(out), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: {problem}")
    assert not out.exists()


def _link_of(pdf: bytes) -> str:
    """The memo's link: the one address its annotations point to."""
    from pypdf import PdfReader

    uris = {annot.get_object()["/A"]["/URI"] for page in PdfReader(io.BytesIO(pdf)).pages
            for annot in page.get("/Annots") or [] if "/URI" in annot.get_object().get("/A", {})}
    (uri,) = uris
    return str(uri)


def test_the_negotiate_memo_links_to_the_page_with_its_proposals(tmp_path):
    """The link of a Negotiate memo made from the command line opens the Negotiate page with the
    scenario and both proposals, as the page's own memo does: 15 Nov 2006 at $5, the draft's
    $250,000 lump sum is $125,000 above the letter's (§6.1(a)); the link is the one the page
    itself writes for that view."""
    from urllib.parse import parse_qs, urlsplit

    from tests.app import new_app_test, plain
    from tests.app.test_negotiate import PAGE, cell

    out = tmp_path / "negotiate.pdf"
    assert main(["memo", str(worked_file(tmp_path)), "--out", str(out), "--proposals",
                 str(proposals_file(tmp_path)), "--base-url", "https://board.example.com/comp"]) == 0
    link = urlsplit(_link_of(out.read_bytes()))
    assert (link.scheme, link.netloc, link.path) == ("https", "board.example.com", "/comp/negotiate")
    query = {name: values[0] for name, values in parse_qs(link.query, keep_blank_values=True).items()}
    assert query["variants"] == "2" and query["v1_name"] == "Board draft"
    assert query["v1_severance_lump_sum"] == "250000" and query["v2_cic_acceleration"] == "single_trigger"

    at = new_app_test(query)
    at.switch_page(PAGE)
    at.run(timeout=60)
    assert not at.exception and not at.warning and not at.error
    assert [plain(m.label) for m in at.metric] == ["Letter as signed", "Board draft", "Full acceleration"]
    assert cell(at, "§6.1 lump sum", "Letter as signed") == "$125,000"
    assert cell(at, "§6.1 lump sum", "Board draft") == "$250,000"
    assert cell(at, "§6.1 lump sum", "Board draft vs letter") == "+$125,000"
    assert {name: at.query_params[name] for name in at.query_params} == query


@pytest.mark.parametrize("proposal, why", [
    # A term the page has no input for: §10's notice, 90 days for the letter's 60.
    ({"name": "Longer notice", "terms": {"resignation_notice_days": 90}},
     "Proposal 1 (Longer notice) changes resignation_notice_days (§10), which the Negotiate page has no input for"),
    # A double-trigger window without double-trigger acceleration: the page has no box for it then.
    ({"name": "Board draft", "cic_acceleration": "single_trigger", "double_trigger_months": 18},
     "Proposal 1 (Board draft): a link would open it with double-trigger window none, not 18 months"),
    # The name box's own word for "no name".
    ({"name": "(none)", "terms": {"severance_lump_sum": 250000}},
     'Proposal 1 ((none)): a link would open it with name "Proposal 1", not "(none)"'),
])
def test_a_proposal_the_page_would_show_otherwise_leaves_the_memo_without_a_link(proposal, why, tmp_path):
    """A proposal may say anything the command reads, but a link reopens only what the Negotiate
    page's inputs hold: when the page would read a proposal otherwise, a link would show another
    comparison, so the memo has none and says why."""
    out = tmp_path / "negotiate.pdf"
    assert main(["memo", str(worked_file(tmp_path)), "--out", str(out), "--proposals",
                 str(proposals_file(tmp_path, [proposal]))]) == 0
    text = text_of(out.read_bytes())
    assert f"A link cannot carry this scenario: {why}" in text
    assert "http://localhost:8501" not in text


# --------------------------------------------------------------------------
# --matrix-date: the termination matrix as of a chosen date
# --------------------------------------------------------------------------


def test_a_matrix_memo_as_of_a_chosen_date_links_to_the_page_at_that_date(tmp_path):
    """READING.md §3, §4, §6.1, hire 13 Jul 2005, 1,000,000 options at $3, the stock at $5, each event
    alone on 1 Sep 2006: salary 416 days × $250,000 / 365 = $284,931.51; 100,000 vested on hire and
    225,000 on the first anniversary, 325,000 × $2 = $650,000; without Good Cause inside the 24 months,
    the $125,000 lump sum and 6 × $1,000 of health; total $1,193,431.51. The link opens the matrix page
    at that date, and the page shows the same row."""
    from urllib.parse import parse_qs, urlsplit

    from tests.app import new_app_test
    from tests.app.test_termination_matrix import PAGE, table

    out = tmp_path / "matrix.pdf"
    assert main(["memo", str(worked_file(tmp_path)), "--out", str(out), "--matrix-date", "2006-09-01",
                 "--base-url", "http://board:8501"]) == 0
    pdf = out.read_bytes()
    text = text_of(pdf)
    assert text.index("Termination matrix as of 1 Sep 2006") < text.index("Headline figures")
    assert "$284,931.51" in text and "$1,193,431.51" in text
    link = urlsplit(_link_of(pdf))
    assert (link.netloc, link.path) == ("board:8501", "/termination_matrix")
    query = {name: values[0] for name, values in parse_qs(link.query).items()}
    assert query == {"reason": "without_good_cause", "termination_date": "2006-11-15", "matrix_date": "2006-09-01"}

    at = new_app_test(query)
    at.switch_page(PAGE)
    at.run(timeout=60)
    assert not at.exception and not at.error
    row = table(at).loc["Termination without Good Cause"]
    assert round(row["Salary"], 2) == 284_931.51 and round(row["Total"], 2) == 1_193_431.51
    assert {name: at.query_params[name] for name in at.query_params} == query


@pytest.mark.parametrize("args, problem", [
    (["--matrix-date", "2006-9-1"], "--matrix-date: expected a date written YYYY-MM-DD, got '2006-9-1'"),
    (["--matrix-date", ""], "--matrix-date: expected a date written YYYY-MM-DD, got ''"),
    (["--matrix-date", "٢٠٠٦-٠٩-٠١"], "--matrix-date: expected a date written YYYY-MM-DD, got '٢٠٠٦-٠٩-٠١'"),
    (["--matrix-date", "2006-02-30"], "--matrix-date: 2006-02-30 is not a day of the calendar"),
    (["--matrix-date", "2005-07-12"], "--matrix-date: 12 Jul 2005 is before the hire date 13 Jul 2005"),
    (["--matrix-date", "2006-09-01", "--kind", "explorer"],
     "--matrix-date: only a matrix memo has a table date; leave out --kind explorer"),
])
def test_a_bad_matrix_date_exits_2_with_one_line(args, problem, tmp_path, capsys):
    out = tmp_path / "matrix.pdf"
    assert main(["memo", str(worked_file(tmp_path)), "--out", str(out), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {problem}") and err.count("\n") == 1
    assert not out.exists()


def test_a_scenario_valued_after_the_supported_range_still_gets_its_memo(tmp_path):
    """Hired 13 Jul 2099 and still employed, the figures are as of full vesting, 13 Jul 2103 (§4),
    after 31 Dec 2100: the memo is written, and its price-uncertainty section says why it has no
    distribution (before, the command stopped with a traceback)."""
    path = tmp_path / "late.json"
    path.write_text('{"hire_date": "2099-07-13", "exercise_price": 3, "stock_price": 5}', encoding="utf-8")
    out = tmp_path / "memo.pdf"
    assert main(["memo", str(path), "--out", str(out)]) == 0
    text = text_of(out.read_bytes())
    assert ("No distribution on the scenario's day: the figures are as of 13 Jul 2103, after 31 Dec 2100, the last "
            "date the app values") in text
