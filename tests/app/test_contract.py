"""The Contract page through Streamlit's AppTest, as a board member reads it: the
letter clause by clause with the app's reading and its figure for the sidebar's
scenario, the drafting quirks, and the two checks (§6.3 "is it a Change in
Control?", §6.2(b) "is it Good Cause yet?"), each kept in the link.

Every figure here is worked out by hand from the letter (hire 13 Jul 2005,
exercise $3.00, stock $5.00 unless a test says otherwise).
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from streamlit.testing.v1 import AppTest

from tests.app import new_app_test, plain

PAGE = "pages/contract.py"
WORKED_EXAMPLE = {"reason": "without_good_cause", "termination_date": "2006-11-15"}
PER_DAY = 250_000 / 365  # §3: each calendar day employed at 1/365 of the annual rate



def open_contract(query: dict | None = None) -> AppTest:
    at = new_app_test(query)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(elements) -> list[str]:
    return [plain(e.value) for e in elements]


def metric(where, label: str) -> str:
    (found,) = [m for m in where.metric if plain(m.label) == label]
    return found.value


def captions(where) -> list[str]:
    return texts(where.caption)


def expander(at: AppTest, ref: str):
    """The clause's expander: its label starts with the clause (``§6.1 Payments …``)."""
    (found,) = [e for e in at.main.expander if plain(e.label).startswith(ref + " ")]
    return found


def cic_verdict(at: AppTest) -> str:
    (verdict,) = [t for t in texts(at.success) + texts(at.info)
                  if t.startswith(("**Yes: a Change in Control", "**No: not a Change in Control"))]
    return verdict.replace("**", "")


def good_cause_verdict(at: AppTest) -> str:
    (verdict,) = [t for t in texts(at.success) + texts(at.warning)
                  if t.startswith(("**Good Cause under", "**Not yet Good Cause"))]
    return verdict.replace("**", "")


def set_deal(at: AppTest, deal: str, **inputs) -> AppTest:
    at.selectbox(key="c63_deal_type").set_value(deal)
    rerun(at)
    for name, value in inputs.items():
        widget = at.number_input(key=name) if name.endswith("_pct") else at.checkbox(key=name)
        widget.set_value(value)
    return rerun(at)


def set_good_cause(at: AppTest, ground: str = "neglect", notice: dt.date | None = None,
                   termination: dt.date | None = None) -> AppTest:
    at.selectbox(key="c62_ground").set_value(ground)
    rerun(at)
    if notice is not None:
        at.date_input(key="c62_notice_date").set_value(notice)
    if termination is not None:
        at.date_input(key="c62_termination_date").set_value(termination)
    return rerun(at)


@pytest.fixture
def fresh_registry():
    """A server that has never shown the Contract page. Nothing about inputs is kept
    process-wide, so every session reads its link before the page declares its inputs."""


@pytest.fixture
def shown_registry():
    """A server where another session has shown the Contract page first."""
    open_contract()


# --------------------------------------------------------------------------
# Opening the page
# --------------------------------------------------------------------------


def test_the_contract_page_renders_at_the_defaults():
    at = open_contract()
    assert at.title[0].value == "The contract, clause by clause"
    assert texts(at.main.header) == [
        "Drafting quirks the Board should know", "Clause by clause", "Is it a Change in Control? (§6.3)",
        "Is it Good Cause yet? (§6.2(b))", "Not computed",
    ]
    assert not at.main.error
    assert at.query_params == {}  # the page's own inputs at their defaults stay out of the link


def test_every_clause_of_the_letter_has_its_own_section():
    at = open_contract()
    labels = [plain(e.label) for e in at.main.expander]
    starts = ["Preamble: conditions precedent", "§1 Capacity and Duties", "§2 Nomination to the Board",
              "§3 Compensation", "§4 Stock Options", "§5 Benefits", "§6.1 Payments on Change in Control",
              "§6.2 Good Cause", "§6.3 Change in Control", "§7 Business Expenses", "§8 Dispute Resolution",
              "§9 Miscellaneous", "§10 Resignation", "§11 Eligibility to work"]
    assert len(labels) == len(starts)
    for label, start in zip(labels, starts):
        assert label.startswith(start), (label, start)


def test_each_clause_shows_the_letters_own_words_beside_the_reading():
    at = open_contract()
    s3 = " ".join(texts(expander(at, "§3").markdown))
    assert "salary shall be at an annualized rate of two hundred fifty thousand dollars ($250,000)" in s3
    assert "may be increased, but may never be decreased" in s3
    assert "How the app reads it" in s3 and "What the app computes" in s3
    s62 = " ".join(texts(expander(at, "§6.2").markdown))
    # The sentence the filing broke across two pages reads as one.
    assert 'In the event your employment is terminated in accordance for "Good Cause," you shall' in s62
    s63 = " ".join(texts(expander(at, "§6.3").markdown))
    assert "own less that 50% of the voting control" in s63
    preamble = " ".join(texts(expander(at, "Preamble:").markdown))
    assert "two conditions precedent" in preamble
    assert "Its Board of Directors on July 13, 2005." in preamble


def test_the_drafting_quirks_are_flagged_at_the_top_and_with_their_clause():
    at = open_contract()
    top = texts(at.main.warning)[0]
    assert '§6.2(a) joins (i) and (ii) with "and": read literally, both convictions would be required' in top
    assert "terminated in accordance for 'Good Cause'" in top
    assert '"own less that 50%"' in top
    s62 = texts(expander(at, "§6.2").warning)
    assert any(w.startswith('Drafting quirk: §6.2(a) joins (i) and (ii) with "and"') for w in s62)
    assert any("terminated in accordance for" in w and w.endswith("(§6.2)") for w in s62)
    assert any("less that 50%" in w and w.endswith("(§6.3)") for w in texts(expander(at, "§6.3").warning))
    assert "drafting quirk" in plain(expander(at, "§6.2").label)
    assert "drafting quirk" in plain(expander(at, "§6.3").label)


def test_the_clauses_not_computed_are_listed():
    at = open_contract()
    (table,) = [t.value for t in at.main.table if "In the app" in t.value.columns]
    assert [plain(c) for c in table["Clause"]] == ["Preamble", "§1", "§2", "§5", "§7", "§8", "§9", "§11"]
    said = [plain(c) for c in table["What it says"]]
    assert "Sion Power non-compete" in said[0] and "the Board's acceptance" in said[0]
    assert plain(table["In the app"][3]).startswith("Partly: only the assumed monthly cost of group health")
    for ref in ("§1", "§2", "§7", "§8", "§9", "§11"):
        assert plain(expander(at, ref).label).endswith("not computed")


# --------------------------------------------------------------------------
# The live figures, clause by clause
# --------------------------------------------------------------------------


def test_the_worked_example_clause_by_clause():
    # Terminated without Good Cause on 15 Nov 2006.
    at = open_contract(WORKED_EXAMPLE)
    assert "Terminated by the Company without Good Cause, last day employed 15 Nov 2006." in \
        " ".join(texts(at.main.markdown))

    # §3: 13 Jul 2005 to 15 Nov 2006 is 491 days, both counted: 491 × 250,000 / 365.
    assert round(491 * PER_DAY, 2) == 336_301.37
    s3 = expander(at, "§3")
    assert metric(s3, "Salary earned (§3)") == "$336,301.37"
    assert metric(s3, "Salary rate at the end (§3)") == "$250,000 a year"
    assert "13 Jul 2005 to 15 Nov 2006, both days included" in captions(s3)
    assert plain(s3.label) == "§3 Compensation — salary earned $336,301.37"

    # §4: 100,000 + 225,000 + 56,250 (13 Oct 2006) = 381,250 vested; × ($5 − $3).
    s4 = expander(at, "§4")
    assert metric(s4, "Vested shares (§4)") == "381,250"
    assert "of 1,000,000, 618,750 forfeited" in captions(s4)
    assert metric(s4, "Option value, intrinsic (§4)") == "$762,500"
    # 90 days after 15 Nov 2006: 15 + 31 + 31 + 13 → 13 Feb 2007 (an assumption: the plan governs).
    assert metric(s4, "Vested options exercisable until") == "13 Feb 2007"
    assert "assumption: 90 days after the last day; the option plan governs" in captions(s4)
    assert metric(s4, "Sion Power buyout (§4)") == "$127,500"
    assert "cash, paid 13 Jul 2005" in captions(s4)
    assert any("618,750 unvested shares assumed forfeited" in t for t in texts(s4.info))

    # §6.1: lump sum on the fifth day after the Termination Date; six months at the assumed $1,000.
    s61 = expander(at, "§6.1")
    assert metric(s61, "§6.1(a) lump sum") == "$125,000"
    assert "paid 20 Nov 2006, the fifth day after the Termination Date" in captions(s61)
    assert metric(s61, "§6 Termination Date") == "15 Nov 2006"
    assert metric(s61, "§6.1(b) health continuation") == "$6,000"
    assert "6 of 6 months counted, at the assumed $1,000 a month" in captions(s61)
    assert "The first 24 months run from 13 Jul 2005 up to, not including, 13 Jul 2007 (§6.1)." in captions(s61)
    assert plain(s61.label).endswith("— $125,000 paid 20 Nov 2006")


def black_scholes_call(spot: float, strike: float, vol: float, rate: float, years: float) -> float:
    """The textbook formula, written out here independently of the engine."""
    def n(x: float) -> float:
        return 0.5 * (1 + math.erf(x / math.sqrt(2)))
    d1 = (math.log(spot / strike) + (rate + vol ** 2 / 2) * years) / (vol * math.sqrt(years))
    d2 = d1 - vol * math.sqrt(years)
    return spot * n(d1) - strike * math.exp(-rate * years) * n(d2)


def test_the_grant_date_fair_value_is_shown_as_an_assumption_based_figure():
    at = open_contract()
    s4 = expander(at, "§4")
    # On the hire date the stock is at the exercise price, $3.00; volatility 60%, rate 4%, term 6.25 years.
    per_option = black_scholes_call(3.0, 3.0, 0.60, 0.04, 6.25)
    total = metric(s4, "Grant-date fair value")
    assert abs(float(total.strip("$").replace(",", "")) - 1_000_000 * per_option) < 1.0
    (caption,) = [c for c in captions(s4) if "an option by Black-Scholes" in c]
    assert caption.startswith(f"Assumption-based: ${per_option:.2f} an option by Black-Scholes, on the assumed "
                              "volatility (60%), risk-free rate (4%), expected term (6.25 years) and dividend "
                              "yield (0%)")


def test_without_a_trigger_section_6_1_says_why_nothing_is_paid():
    at = open_contract()  # still employed, no Change in Control
    s61 = expander(at, "§6.1")
    assert metric(s61, "§6.1(a) lump sum") == "$0"
    assert "Not triggered: no Change in Control or Company termination other than for Good Cause in the first " \
           "24 months (to 12 Jul 2007). (§6.1)" in texts(s61.info)
    assert plain(s61.label).endswith("— not triggered")


def test_a_sidebar_termination_for_neglect_inside_the_cure_period_shows_under_6_2_and_pays_under_6_1():
    at = open_contract({"reason": "good_cause", "good_cause_ground": "neglect", "notice_date": "2006-03-01",
                        "termination_date": "2006-03-30"})
    s62 = expander(at, "§6.2")
    assert metric(s62, "Stands as Good Cause? (§6.2)") == "No"
    assert any("treated as: Terminated by the Company without Good Cause" in c for c in captions(s62))
    assert any(w.startswith("Written notice on 1 Mar 2006 starts a 30-day cure period; neglect is Good Cause only "
                            "from 31 Mar 2006.") for w in texts(s62.warning))
    s61 = expander(at, "§6.1")
    assert metric(s61, "§6.1(a) lump sum") == "$125,000"
    assert "paid 4 Apr 2006, the fifth day after the Termination Date" in captions(s61)


def test_a_sidebar_change_in_control_is_tested_under_6_3():
    at = open_contract({"cic_date": "2006-09-01", "cic_deal_type": "acquisition", "cic_acquirer_pct": "50"})
    s63 = expander(at, "§6.3")
    assert metric(s63, "Change in Control? (§6.3)") == "No"
    assert plain(s63.label).startswith("§6.3 Change in Control — not a Change in Control (§6.3(b))")
    assert expander(at, "§6.1").metric[0].value == "$0"


def test_an_invalid_sidebar_scenario_keeps_the_letter_and_the_checks():
    at = open_contract({"annual_raise_pct": "-2"})
    errors = texts(at.main.error)
    assert errors[0].startswith("The live figures cannot be shown until the scenario in the sidebar is fixed")
    assert any("§3" in e and "never be decreased" in e for e in errors)
    assert "Fix the scenario in the sidebar to see this clause's figures." in captions(expander(at, "§3"))
    assert cic_verdict(at).startswith("No: not a Change in Control under §6.3(a)(i).")
    assert good_cause_verdict(at).startswith("Not yet Good Cause under §6.2(b)")
    assert "Fix the scenario in the sidebar to see what §6.1 would pay." in captions(at.main)


# --------------------------------------------------------------------------
# §6.3: is it a Change in Control?
# --------------------------------------------------------------------------


@pytest.mark.parametrize("deal, inputs, verdict", [
    ("merger", {"c63_retained_pct": 49.0},
     "Yes: a Change in Control, under §6.3(a)(i). The prior shareholders keep 49% of the survivor's voting "
     "control, less than 50%."),
    ("merger", {"c63_retained_pct": 50.0},
     "No: not a Change in Control under §6.3(a)(i). The prior shareholders keep 50% of the voting control; "
     "§6.3(a)(i) needs less than 50%."),
    ("acquisition", {"c63_acquirer_pct": 50.0},
     "No: not a Change in Control under §6.3(b). The Person holds 50% of the voting control; §6.3(b) needs more "
     "than 50%."),
    ("acquisition", {"c63_acquirer_pct": 50.01},
     "Yes: a Change in Control, under §6.3(b). A Person other than Carl Berg holds 50.01% of the voting control, "
     "more than 50%."),
    ("acquisition", {"c63_acquirer_pct": 80.0, "c63_acquirer_is_berg": True},
     "No: not a Change in Control under §6.3(b). The Person is Carl Berg or an entity owned by or affiliated with "
     "him; his 80% does not count."),
    ("asset_sale", {},
     "Yes: a Change in Control, under §6.3(a)(ii). All or substantially all of the assets are sold, leased or "
     "transferred."),
    ("asset_sale", {"c63_all_assets": False},
     "No: not a Change in Control under §6.3(a)(ii). Less than all or substantially all of the assets change "
     "hands."),
    ("liquidation", {}, "Yes: a Change in Control, under §6.3(c). A liquidation of the Company."),
])
def test_the_change_in_control_check_names_the_deciding_sub_clause(deal, inputs, verdict):
    at = set_deal(open_contract(), deal, **inputs)
    assert cic_verdict(at) == verdict


def test_the_change_in_control_check_asks_only_for_the_facts_of_the_deal():
    at = open_contract()
    main_keys = lambda: {w.key for w in at.main.number_input} | {w.key for w in at.main.checkbox}  # noqa: E731
    assert main_keys() == {"c63_retained_pct"}
    set_deal(at, "acquisition")
    assert main_keys() == {"c63_acquirer_pct", "c63_acquirer_is_berg"}
    set_deal(at, "asset_sale")
    assert main_keys() == {"c63_all_assets"}
    set_deal(at, "liquidation")
    assert main_keys() == set()


def test_the_boundaries_of_6_3_are_shown():
    at = open_contract()
    (table,) = [t.value for t in at.main.table if "Facts" in t.value.columns]
    rows = {plain(f): plain(a) for f, a in zip(table["Facts"], table["Change in Control?"])}
    assert rows == {
        "Merger; prior shareholders keep 49.99%": "Yes, §6.3(a)(i)",
        "Merger; prior shareholders keep exactly 50%": "No, §6.3(a)(i)",
        "Sale of part, not substantially all, of the assets": "No, §6.3(a)(ii)",
        "A Person acquires exactly 50%": "No, §6.3(b)",
        "A Person acquires 50.01%": "Yes, §6.3(b)",
        "Carl Berg (or his affiliate) reaches 80%": "No, §6.3(b)",
        "Liquidation": "Yes, §6.3(c)",
    }


def test_a_missing_percentage_is_named_with_its_clause_not_a_traceback():
    at = open_contract({"c63_retained_pct": ""})  # a link with the merger's percentage left empty
    errors = texts(at.main.error)
    assert "The §6.3 test needs these facts fixed:" in errors
    assert any(e.startswith("Prior shareholders' share of the survivor's voting control, % (c63_retained_pct): ")
               and "§6.3(a)(i)" in e for e in errors)


# --------------------------------------------------------------------------
# §6.2(b): is it Good Cause yet?
# --------------------------------------------------------------------------


def test_neglect_29_days_after_notice_is_not_yet_good_cause_and_6_1_pays():
    at = set_good_cause(open_contract(), "neglect", notice=dt.date(2006, 3, 1), termination=dt.date(2006, 3, 30))
    verdict = good_cause_verdict(at)
    assert verdict.startswith("Not yet Good Cause under §6.2(b): treated as a termination without Good Cause.")
    assert "neglect is Good Cause only from 31 Mar 2006" in verdict
    assert metric(at.main, "Good Cause from") == "31 Mar 2006"  # 1 Mar + 30 days
    assert metric(at.main, "Good Cause? (§6.2)") == "No"
    assert "treated as: Terminated by the Company without Good Cause" in captions(at.main)
    # Hire 13 Jul 2005: 30 Mar 2006 is inside the first 24 months; paid on the fifth day after.
    assert metric(at.main, "§6.1 lump sum") == "$125,000"
    assert "paid 4 Apr 2006 (§6.1(a))" in captions(at.main)
    # 13 Jul 2005 to 30 Mar 2006: 19 + 31 + 30 + 31 + 30 + 31 + 31 + 28 + 30 = 261 days.
    assert metric(at.main, "Salary to the last day (§3)") == f"${261 * PER_DAY:,.2f}" == "$178,767.12"
    assert "Plus health continuation: 6 months counted, $6,000 at the assumed $1,000 a month (§6.1(b))." \
        in captions(at.main)


def test_neglect_30_days_after_notice_is_good_cause_and_6_1_pays_nothing():
    at = set_good_cause(open_contract(), "neglect", notice=dt.date(2006, 3, 1), termination=dt.date(2006, 3, 31))
    assert good_cause_verdict(at).startswith("Good Cause under §6.2(b).")
    assert metric(at.main, "Good Cause? (§6.2)") == "Yes"
    assert metric(at.main, "§6.1 lump sum") == "$0"
    assert "not triggered (§6.1)" in captions(at.main)
    assert metric(at.main, "Salary to the last day (§3)") == f"${262 * PER_DAY:,.2f}" == "$179,452.05"


def test_after_the_first_24_months_even_a_termination_inside_the_cure_period_pays_no_lump_sum():
    # The 24 months from 13 Jul 2005 end before 13 Jul 2007.
    at = set_good_cause(open_contract(), "neglect", notice=dt.date(2007, 7, 1), termination=dt.date(2007, 7, 20))
    assert good_cause_verdict(at).startswith("Not yet Good Cause")
    assert metric(at.main, "Good Cause? (§6.2)") == "No"
    assert metric(at.main, "§6.1 lump sum") == "$0"
    assert any("first 24 months (to 12 Jul 2007)" in c for c in captions(at.main))


def test_the_24_months_run_from_the_sidebars_hire_date():
    # Hired 1 Jan 2004: the first 24 months end before 1 Jan 2006, so 30 Mar 2006 pays nothing.
    at = open_contract({"hire_date": "2004-01-01"})
    assert good_cause_verdict(at).startswith("Not yet Good Cause")
    assert metric(at.main, "§6.1 lump sum") == "$0"
    assert any("first 24 months (to 31 Dec 2005)" in c for c in captions(at.main))


def test_a_conviction_is_good_cause_at_once_and_the_and_quirk_is_flagged():
    at = set_good_cause(open_contract(), "conviction", termination=dt.date(2006, 3, 30))
    assert good_cause_verdict(at).startswith("Good Cause under §6.2(a).")
    assert not [w for w in at.main.date_input if w.key == "c62_notice_date"]  # no notice for a conviction
    assert any(w.startswith('§6.2(a) joins (i) and (ii) with "and"; read literally it would need both convictions.')
               for w in texts(at.main.warning))
    assert metric(at.main, "§6.1 lump sum") == "$0"


def test_a_termination_before_the_notice_is_named_with_its_clause():
    at = set_good_cause(open_contract(), "neglect", notice=dt.date(2006, 3, 1), termination=dt.date(2006, 2, 1))
    errors = texts(at.main.error)
    assert "The Good Cause check needs these inputs fixed:" in errors
    assert any(e.startswith("Intended termination date (last day employed) (c62_termination_date): the last day "
                            "(2006-02-01) is before the notice date (2006-03-01)") and "§6.2(b)" in e
               for e in errors)


def test_a_termination_before_the_hire_date_is_named_with_its_clause():
    at = set_good_cause(open_contract(), "policy", termination=dt.date(2005, 1, 1))
    assert any(e.startswith("Intended termination date (last day employed) (c62_termination_date): the last day "
                            "(2005-01-01) is before the hire date (2005-07-13)") and "§6.1" in e
               for e in texts(at.main.error))


# --------------------------------------------------------------------------
# The link
# --------------------------------------------------------------------------

CHECKS_LINK = {
    "c63_deal_type": "acquisition", "c63_acquirer_pct": "80", "c63_acquirer_is_berg": "true",
    "c62_notice_date": "2006-03-02", "c62_termination_date": "2006-03-31",
}


def test_the_checks_inputs_go_into_the_link():
    at = set_deal(open_contract(), "acquisition", c63_acquirer_pct=80.0, c63_acquirer_is_berg=True)
    set_good_cause(at, "neglect", notice=dt.date(2006, 3, 2), termination=dt.date(2006, 3, 31))
    assert at.query_params == CHECKS_LINK
    # Inputs that no longer apply leave the link.
    set_deal(at, "liquidation")
    set_good_cause(at, "policy")
    assert at.query_params == {"c63_deal_type": "liquidation", "c62_ground": "policy",
                               "c62_termination_date": "2006-03-31"}


@pytest.mark.parametrize("fresh", [False, True], ids=["server-has-shown-the-page", "fresh-server"])
def test_a_shared_link_reopens_the_same_checks(fresh, request):
    request.getfixturevalue("fresh_registry" if fresh else "shown_registry")
    at = open_contract({**WORKED_EXAMPLE, **CHECKS_LINK})
    assert at.selectbox(key="c63_deal_type").value == "acquisition"
    assert at.number_input(key="c63_acquirer_pct").value == 80.0
    assert at.checkbox(key="c63_acquirer_is_berg").value is True
    assert at.date_input(key="c62_notice_date").value == dt.date(2006, 3, 2)
    assert at.date_input(key="c62_termination_date").value == dt.date(2006, 3, 31)
    assert cic_verdict(at).startswith("No: not a Change in Control under §6.3(b). The Person is Carl Berg")
    # Notice 2 Mar: Good Cause only from 1 Apr, so 31 Mar is one day short.
    assert metric(at.main, "Good Cause from") == "1 Apr 2006"
    assert metric(at.main, "§6.1 lump sum") == "$125,000"
    assert "paid 5 Apr 2006 (§6.1(a))" in captions(at.main)
    assert at.query_params == {**WORKED_EXAMPLE, **CHECKS_LINK}
    rerun(at)
    assert at.query_params == {**WORKED_EXAMPLE, **CHECKS_LINK}


@pytest.mark.parametrize("fresh", [False, True], ids=["server-has-shown-the-page", "fresh-server"])
def test_an_unreadable_link_value_is_named_and_the_default_used(fresh, request):
    request.getfixturevalue("fresh_registry" if fresh else "shown_registry")
    at = open_contract({"c63_deal_type": "acquisition", "c63_acquirer_pct": "abc"})
    # Named once, among the sidebar's link warnings, on the run that opened the link.
    (warning,) = [w for w in texts(at.warning) if "c63_acquirer_pct" in w]
    assert "abc" in warning and "default" in warning
    assert warning in texts(at.sidebar.warning)
    assert at.number_input(key="c63_acquirer_pct").value == 50.0
    assert cic_verdict(at).startswith("No: not a Change in Control under §6.3(b).")
    assert at.query_params == {"c63_deal_type": "acquisition"}
    at.button(key="dismiss_link_warnings").click()
    rerun(at)
    assert not [w for w in texts(at.warning) if w.startswith("Link parameter")]
    assert at.selectbox(key="c63_deal_type").value == "acquisition"
    assert at.number_input(key="c63_acquirer_pct").value == 50.0


# --------------------------------------------------------------------------
# The page's sentences follow the terms in force
# --------------------------------------------------------------------------


def test_the_pages_sentences_follow_the_terms_not_the_letters_numbers():
    """The sidebar cannot change the letter's terms, so the page always shows the letter's;
    its sentence builder (ui.terms_text) is checked here on a negotiated variant.

    Variant: a 36-month window, the lump sum paid the day after, a 10-day cure period,
    1 day's resignation notice, a merger counting below 66.67% kept, an acquisition above
    33.33%, carve-out Jane Roe. One hundredth either side: 66.66% kept is a Change in
    Control, 66.67% is not; 33.33% acquired is not, 33.34% is; Jane Roe's 80% does not count.
    """
    from engine.change_in_control import change_in_control_test
    from engine.scenario import ChangeInControlFacts
    from engine.terms import OfferTerms
    from ui import terms_text as T

    terms = OfferTerms(protection_months=36, payment_delay_days=1, cure_period_days=10,
                       resignation_notice_days=1, merger_retained_threshold_pct=66.67,
                       acquirer_threshold_pct=33.33, control_carve_out="Jane Roe")
    assert T.lump_sum_rule(terms) == ("Paid on the first day after a Company termination other than for Good "
                                      "Cause (or a Change in Control) in the first 36 months (§6.1(a)).")
    assert T.window_caption(terms, dt.date(2005, 7, 13), dt.date(2008, 7, 13)) == (
        "The first 36 months run from 13 Jul 2005 up to, not including, 13 Jul 2008 (§6.1).")
    assert T.payment_day(terms.model_copy(update={"payment_delay_days": 22})) == "the 22nd day"
    assert T.cure_rule(terms) == "Neglect is Good Cause only if it continues 10 days following receipt of written " \
                                 "notice (§6.2(b))."
    assert T.resignation_rule(terms).endswith("the last day is notice + 1 day (§10).")
    assert "Less than 66.67% is a Change in Control; exactly 66.67% is not (§6.3(a)(i))." in T.retained_help(terms)
    assert "More than 33.33% is a Change in Control; exactly 33.33% is not (§6.3(b))." in T.acquirer_help(terms)
    assert T.carve_out_label(terms) == "The acquirer is Jane Roe or his affiliate"

    rows = T.boundaries(terms)
    verdicts = {description: change_in_control_test(ChangeInControlFacts.model_validate(facts), terms)
                .is_change_in_control for description, facts in rows}
    assert verdicts == {
        "Merger; prior shareholders keep 66.66%": True,
        "Merger; prior shareholders keep exactly 66.67%": False,
        "Sale of part, not substantially all, of the assets": False,
        "A Person acquires exactly 33.33%": False,
        "A Person acquires 33.34%": True,
        "Jane Roe (or his affiliate) reaches 80%": False,
        "Liquidation": True,
    }
    every = " ".join([
        T.retained_help(terms), T.acquirer_help(terms), T.carve_out_help(terms), T.ground_help(terms),
        T.notice_help(terms), T.termination_date_help(terms), T.resignation_rule(terms), T.lump_sum_rule(terms),
        T.change_in_control_caption(terms), T.good_cause_caption(terms), *(d for d, _ in rows)])
    for letter_number in ("24 months", "50%", "Carl Berg", "30 days", "60 days", "fifth", "1th"):
        assert letter_number not in every
