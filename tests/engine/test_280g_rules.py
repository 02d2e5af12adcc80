"""§280G rules one by one (contract/280G.md G1-G16): who, which event, base period, triggers, flags."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pydantic import ValidationError

from engine import Scenario, evaluate
from engine.golden_parachute.base_amount import IncludiblePay, base_amount
from engine.terms import Assumptions, OfferTerms
from engine.cli import main
from engine.errors import describe_validation_error


def gp_of(**data):
    data.setdefault("hire_date", date(2005, 7, 13))
    data.setdefault("exercise_price", 3.13)
    return evaluate(Scenario.model_validate(data)).golden_parachute


def codes(gp):
    return {f.code for f in gp.flags}


def test_g4_a_change_in_2008_averages_2005_2006_and_2007():
    gp = gp_of(change_in_control={"date": "2008-03-01"}, as_of="2008-06-01")
    # 2005: 377,500 (example (a)); 2006 and 2007: full years at 250,000 (no raise) ⇒ (377,500 + 2 × 250,000) / 3.
    assert [r.year for r in gp.base_period] == [2005, 2006, 2007]
    assert [round(r.annualized, 2) for r in gp.base_period] == [377_500.00, 250_000.00, 250_000.00]
    assert round(gp.base_amount, 2) == 292_500.00
    # After the 24 months: no §6.1 payment, no acceleration ⇒ P = 0.
    assert gp.items == [] and gp.parachute_value == 0 and gp.trigger is None


def test_g4_raises_count_from_each_adjustment_date():
    gp = gp_of(change_in_control={"date": "2007-03-01"}, as_of="2007-06-01",
               assumptions={"annual_raise_pct": 10})
    row_2006 = gp.base_period[1]
    # 1 Jan–30 Jun 2006 (181 days) at 250,000 + 1 Jul–31 Dec (184 days) at 275,000.
    assert round(row_2006.salary_paid, 2) == round(250_000 * 181 / 365 + 275_000 * 184 / 365, 2) == 262_602.74
    assert row_2006.annualization_factor == 1


def test_g4_entered_w2_box_1_and_other_pay_replace_the_estimate():
    terms, assume = OfferTerms(), Assumptions()
    b = base_amount(date(2005, 7, 13), date(2006, 9, 1), terms, assume,
                    IncludiblePay(w2_box1_by_year={2005: (100_000, 127_500)}))
    [row] = b.rows
    assert row.source == "W-2 box 1"
    # 100,000 × 365/172 + 127,500 (the non-recurring part is not annualized).
    assert round(b.amount, 2) == round(100_000 * 365 / 172 + 127_500, 2) == 339_709.30
    b = base_amount(date(2005, 7, 13), date(2006, 9, 1), terms, Assumptions(pretax_deferral_pct=10),
                    IncludiblePay(other_by_year={2005: 20_000}))
    # (250,000 × 0.9) + 127,500 + 20,000 (an option exercise, not annualized).
    assert round(b.amount, 2) == 372_500.00


def test_g1_g2_g3_switch_the_test_off_with_a_flag():
    for assumptions, code in [({"disqualified_individual": False}, "280g_not_disqualified"),
                              ({"change_is_280g_change": False}, "280g_change_definition"),
                              ({"small_business_corporation": True}, "280g_exemptions"),
                              ({"stock_readily_tradeable": False, "shareholder_approval": True}, "280g_exemptions")]:
        gp = gp_of(stock_price=9, change_in_control={"date": "2006-09-01"},
                   termination={"date": "2007-06-01", "reason": "without_good_cause"},
                   assumptions={"cic_acceleration": "single_trigger", **assumptions})
        assert not gp.applies and gp.not_applicable_reason
        assert gp.parachute_value > 3 * gp.base_amount  # would be over the line
        assert not gp.exceeds_safe_harbor and gp.excise_tax == 0 and gp.excess_parachute_payment == 0
        assert code in codes(gp)


def test_g7_a_change_after_his_last_day_or_not_under_6_3_has_no_golden_parachute():
    assert gp_of(change_in_control={"date": "2007-09-01"},
                 termination={"date": "2007-06-01", "reason": "without_good_cause"}) is None
    assert gp_of(change_in_control={"date": "2006-09-01", "facts": {"deal_type": "acquisition", "acquirer_pct": 50}},
                 as_of="2007-01-01") is None


def test_g9_double_trigger_vests_on_the_termination_and_is_discounted_to_the_change():
    gp = gp_of(stock_price=9, change_in_control={"date": "2006-09-01"},
               termination={"date": "2007-06-01", "reason": "without_good_cause"},
               assumptions={"cic_acceleration": "double_trigger"})
    assert gp.acceleration_cause == "double_trigger" and gp.acceleration_date == date(2007, 6, 1)
    # Tranches after 1 Jun 2007: 13 Jul 2007 … 13 Jul 2009 (9 × 56,250).
    assert [t.shares for t in gp.tranches] == [56_250] * 9
    # G10: A is his last day, so T ends at last day + 90 days (30 Aug 2007): 90 / 365 years.
    assert round(gp.option_valuation.years, 6) == round(90 / 365, 6)
    options = next(i for i in gp.items if i.component == "accelerated_options")
    # G8: 273 days from 1 Sep 2006 to 1 Jun 2007 at 6.08% semiannual.
    assert round(options.discount_factor, 10) == round(1.0304 ** (-2 * 273 / 365), 10)
    assert "280g_later_event" in codes(gp)


def test_g6_a_termination_acceleration_more_than_a_year_after_the_change_is_not_counted():
    data = dict(stock_price=9, change_in_control={"date": "2006-09-01"},
                termination={"date": "2007-10-01", "reason": "without_good_cause"},
                assumptions={"unvested_at_termination": "accelerate"})
    gp = gp_of(**data)
    assert gp.tranches == [] and gp.acceleration_cause is None
    assert "280g_termination_related" in codes(gp)
    data["assumptions"] = {"unvested_at_termination": "accelerate", "termination_presumption_rebutted": True}
    assert gp_of(**data).acceleration_cause == "termination"


def test_f1_f10_f12_are_always_shown():
    gp = gp_of(change_in_control={"date": "2006-09-01"}, as_of="2007-01-01")
    assert {"280g_base_estimated", "280g_afr", "280g_change_definition", "280g_exemptions"} <= codes(gp)
    assert all(f.clause for f in gp.flags)


def test_the_cli_prints_the_golden_parachute(capsys, tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"exercise_price": 3.13, "stock_price": 9, "change_in_control": {"date": "2006-09-01"},
                                "termination": {"date": "2007-06-01", "reason": "without_good_cause"},
                                "assumptions": {"risk_free_rate_pct": 4.5, "cic_acceleration": "single_trigger"}}))
    assert main(["evaluate", str(path)]) == 0
    gp = json.loads(capsys.readouterr().out)["golden_parachute"]
    for key in ["base_amount", "safe_harbor_limit", "parachute_value", "exceeds_safe_harbor",
                "excess_parachute_payment", "excise_tax", "lost_deduction_tax_cost", "net_if_paid_in_full",
                "net_if_cut_back", "better_for_executive", "base_period", "items", "tranches", "flags"]:
        assert key in gp
    assert round(gp["parachute_value"], 2) == 1_458_426.69 and gp["better_for_executive"] == "pay_in_full"


def test_a_bad_280g_assumption_names_the_field_and_the_rule():
    with pytest.raises(ValidationError) as err:
        Scenario.model_validate({"assumptions": {"executive_tax_rate_pct": 120}})
    [line] = describe_validation_error(err.value)
    assert line.startswith("assumptions.executive_tax_rate_pct") and "G15" in line


# --- F1: Valence's own records replace the estimate (G4(a), G4(g)), from the command line -----------

def _cli_base_amount(assumptions: dict) -> tuple[int, dict | str]:
    import json
    import subprocess
    import sys

    doc = {"hire_date": "2005-07-13", "exercise_price": 3.13, "stock_price": 5,
           "change_in_control": {"date": "2006-09-01"},
           "termination": {"date": "2007-06-01", "reason": "without_good_cause"}, "assumptions": assumptions}
    done = subprocess.run([sys.executable, "-m", "engine", "evaluate", "-"], input=json.dumps(doc),
                          capture_output=True, text=True, timeout=120)
    if done.returncode:
        return done.returncode, done.stderr
    return 0, json.loads(done.stdout)["golden_parachute"]


def test_a_w2_box1_figure_replaces_the_estimated_year():
    """Example (a) with 2005's W-2 box 1 entered as $107,534.25 recurring + $127,500 non-recurring
    (280G.md G4(b)'s 15-day-lag salary): 107,534.25 × 365 / 172 = 228,197.68 (228,197.6817);
    + 127,500 (not annualized) = B $355,697.68."""
    code, gp = _cli_base_amount({"w2_box1_by_year": "2005: 107534.25 + 127500"})
    assert code == 0, gp
    assert round(gp["base_amount"], 2) == 355_697.68
    [row] = gp["base_period"]
    assert row["source"] == "W-2 box 1" and row["salary_paid"] == 107_534.25 and row["non_recurring"] == 127_500


def test_other_includible_pay_is_added_unannualized():
    """Example (a)'s B $377,500.00 plus $10,000 of 2005 option-exercise income, paid once (G4(g)):
    $387,500.00."""
    code, gp = _cli_base_amount({"other_includible_pay_by_year": "2005: 10000"})
    assert code == 0, gp
    assert round(gp["base_amount"], 2) == 387_500.00


def test_an_unreadable_pay_record_is_named_with_its_rule():
    code, err = _cli_base_amount({"w2_box1_by_year": "2005: lots"})
    assert code == 2
    assert err.count("\n") == 1 and "w2_box1_by_year" in err and "2005" in err and "G4(a)" in err
