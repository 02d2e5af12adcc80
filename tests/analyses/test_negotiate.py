"""Negotiation: the letter as signed beside proposed variants, figure by figure.

Every expected figure is worked out by hand from the letter (READING.md) for
hire 13 Jul 2005, exercise price $3.00, stock price $5.00, so each option is
worth $2.00 of intrinsic value.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analyses.negotiate import (
    LETTER_NAME,
    NEGOTIABLE,
    Variant,
    apply_variant,
    compare,
    compare_facts,
    components_long,
    evaluate_variants,
    flags_beyond_letter,
    letter_help,
    variant_from_inputs,
    walk_away,
    walk_away_reason,
    window_ends,
)
from engine.scenario import ChangeInControl, Scenario, Termination
from engine.terms import Assumptions, OfferTerms
from tests.engine.conftest import BUYOUT, HIRE, days_employed

MONTH_28 = date(2007, 11, 15)  # outside the letter's first 24 months (they end 12 Jul 2007)
WORKED = date(2006, 11, 15)  # READING.md's worked example, inside them
CIC = date(2007, 1, 1)
SALARY_PER_DAY = 250_000 / 365


def terminated(on: date, reason: str = "without_good_cause", **fields) -> Scenario:
    return Scenario(hire_date=HIRE, exercise_price=3.0, stock_price=5.0,
                    termination=Termination(date=on, reason=reason), **fields)


def row(frame: pd.DataFrame, component: str) -> pd.Series:
    (found,) = frame[frame["component"] == component].to_dict("records")
    return pd.Series(found)


def fact(frame: pd.DataFrame, name: str) -> pd.Series:
    (found,) = frame[frame["Fact"] == name].to_dict("records")
    return pd.Series(found)


LONGER_WINDOW = Variant(name="Proposal 1", terms=OfferTerms(protection_months=36, severance_lump_sum=250_000))
SINGLE_TRIGGER = Variant(name="Single trigger", cic_acceleration="single_trigger")


# --------------------------------------------------------------------------
# §6.1: a longer window and a bigger lump sum
# --------------------------------------------------------------------------


def test_the_letter_as_signed_pays_no_lump_sum_in_month_28():
    frame = compare(terminated(MONTH_28), [LONGER_WINDOW])
    salary = round(days_employed(HIRE, MONTH_28) * SALARY_PER_DAY, 2)
    assert days_employed(HIRE, MONTH_28) == 856 and salary == 586_301.37
    assert row(frame, "salary")[LETTER_NAME] == salary
    assert row(frame, "signing_buyout")[LETTER_NAME] == BUYOUT
    assert row(frame, "severance_lump_sum")[LETTER_NAME] == 0.0
    assert row(frame, "health_continuation")[LETTER_NAME] == 0.0
    # 606,250 vested by 13 Oct 2007: 100,000 + 225,000 + 5 × 56,250.
    assert row(frame, "vested_options")[LETTER_NAME] == 606_250 * 2.0
    assert row(frame, "total_cash")[LETTER_NAME] == 713_801.37
    assert row(frame, "total_value")[LETTER_NAME] == 1_926_301.37


def test_a_36_month_window_with_a_250000_lump_sum_pays_it_on_20_nov_2007():
    scenario = terminated(MONTH_28)
    frame = compare(scenario, [LONGER_WINDOW])
    assert row(frame, "severance_lump_sum")["Proposal 1"] == 250_000.0
    assert row(frame, "severance_lump_sum")["Proposal 1 vs letter"] == 250_000.0
    # Six months of health continuation at the assumed $1,000 a month (§5, §6.1(b)).
    assert row(frame, "health_continuation")["Proposal 1 vs letter"] == 6 * 1_000.0
    assert row(frame, "total_cash")["Proposal 1 vs letter"] == 256_000.0
    assert row(frame, "total_value")["Proposal 1 vs letter"] == 256_000.0
    for unchanged in ("salary", "signing_buyout", "vested_options", "accelerated_options"):
        assert row(frame, unchanged)["Proposal 1 vs letter"] == 0.0
    facts = compare_facts(scenario, [LONGER_WINDOW])
    assert fact(facts, "§6.1 lump sum paid on")["Proposal 1"] == "20 Nov 2007"
    assert fact(facts, "§6.1 lump sum paid on")[LETTER_NAME] == "—"
    assert fact(facts, "§6.1 window: last day inside")[LETTER_NAME] == "12 Jul 2007"
    assert fact(facts, "§6.1 window: last day inside")["Proposal 1"] == "12 Jul 2008"
    assert fact(facts, "Health months counted (after employment)")["Proposal 1"] == "6 of 6"


def test_inside_the_letters_window_only_the_bigger_lump_sum_differs():
    frame = compare(terminated(WORKED), [LONGER_WINDOW])
    assert row(frame, "severance_lump_sum")[LETTER_NAME] == 125_000.0
    assert row(frame, "severance_lump_sum")["Proposal 1 vs letter"] == 125_000.0
    assert row(frame, "health_continuation")["Proposal 1 vs letter"] == 0.0
    assert row(frame, "vested_options")[LETTER_NAME] == 762_500.0  # 381,250 × $2


def test_the_comparison_has_one_row_per_component_and_the_totals_and_a_difference_per_proposal():
    frame = compare(terminated(MONTH_28), [LONGER_WINDOW, SINGLE_TRIGGER])
    assert list(frame["component"]) == [
        "salary", "signing_buyout", "severance_lump_sum", "health_continuation", "total_cash",
        "vested_options", "accelerated_options", "total_value",
    ]
    assert list(frame.columns) == [
        "component", "Component", "Clause", "kind", LETTER_NAME, "Proposal 1", "Single trigger",
        "Proposal 1 vs letter", "Single trigger vs letter",
    ]
    assert frame.attrs["differences"] == {"Proposal 1": "Proposal 1 vs letter",
                                          "Single trigger": "Single trigger vs letter"}
    assert row(frame, "severance_lump_sum")["Clause"] == "§6.1(a)"
    assert row(frame, "health_continuation")["Clause"] == "§6.1(b)"


# --------------------------------------------------------------------------
# §4 and §6.3: acceleration written into the letter
# --------------------------------------------------------------------------


def test_single_trigger_acceleration_at_a_change_in_control_on_1_jan_2007():
    scenario = terminated(MONTH_28, change_in_control=ChangeInControl(date=CIC))
    frame = compare(scenario, [SINGLE_TRIGGER])
    # Vested at 1 Jan 2007: 100,000 + 225,000 + 56,250 (13 Oct 2006) = 381,250.
    vested_at_cic = 100_000 + 225_000 + 56_250
    accelerated = 1_000_000 - vested_at_cic
    assert accelerated == 618_750
    assert row(frame, "accelerated_options")["Single trigger"] == 1_237_500.0  # 618,750 × $2
    assert row(frame, "vested_options")["Single trigger"] == vested_at_cic * 2.0
    assert row(frame, "accelerated_options")["Single trigger vs letter"] == 1_237_500.0
    # The letter: 606,250 vested at the last day, 393,750 forfeited.
    assert row(frame, "vested_options")["Single trigger vs letter"] == 762_500.0 - 1_212_500.0
    assert row(frame, "total_value")["Single trigger vs letter"] == 2_000_000.0 - 1_212_500.0
    # The Change in Control fell inside the 24 months: both pay the lump sum on 6 Jan 2007.
    assert row(frame, "severance_lump_sum")["Single trigger vs letter"] == 0.0
    facts = compare_facts(scenario, [SINGLE_TRIGGER])
    assert fact(facts, "Accelerated shares")["Single trigger"] == "618,750"
    assert fact(facts, "Forfeited shares")[LETTER_NAME] == "393,750"
    assert fact(facts, "§6.1 lump sum paid on")["Single trigger"] == "6 Jan 2007"


def test_double_trigger_accelerates_only_a_termination_inside_its_window():
    scenario = terminated(MONTH_28, change_in_control=ChangeInControl(date=CIC))
    twelve = Variant(name="Double, 12 months", cic_acceleration="double_trigger", double_trigger_months=12)
    six = Variant(name="Double, 6 months", cic_acceleration="double_trigger", double_trigger_months=6)
    frame = compare(scenario, [twelve, six])
    # 15 Nov 2007 is within 12 months of 1 Jan 2007: the 393,750 unvested on the last day vest.
    assert row(frame, "accelerated_options")["Double, 12 months"] == 393_750 * 2.0
    assert row(frame, "vested_options")["Double, 12 months"] == 606_250 * 2.0
    # …but not within 6 (they end 1 Jul 2007).
    assert row(frame, "accelerated_options")["Double, 6 months"] == 0.0


def test_full_vesting_on_a_termination_without_good_cause():
    frame = compare(terminated(MONTH_28), [Variant(name="Vest all", unvested_at_termination="accelerate")])
    assert row(frame, "accelerated_options")["Vest all vs letter"] == 393_750 * 2.0


def test_an_override_left_empty_keeps_the_scenarios_assumption():
    scenario = terminated(MONTH_28, change_in_control=ChangeInControl(date=CIC),
                          assumptions=Assumptions(cic_acceleration="single_trigger"))
    frame = compare(scenario, [Variant(name="As assumed"), Variant(name="None", cic_acceleration="none")])
    # The letter's column uses the sidebar's assumption too.
    assert row(frame, "accelerated_options")[LETTER_NAME] == 1_237_500.0
    assert row(frame, "accelerated_options")["As assumed vs letter"] == 0.0
    assert row(frame, "accelerated_options")["None vs letter"] == -1_237_500.0


# --------------------------------------------------------------------------
# §3 and §4: salary and the vesting split
# --------------------------------------------------------------------------


def test_a_higher_base_salary_accrues_from_the_hire_date():
    frame = compare(terminated(MONTH_28), [Variant(name="$300k", terms=OfferTerms(base_salary=300_000))])
    assert row(frame, "salary")["$300k"] == 703_561.64  # 856 days × 300,000 / 365
    assert row(frame, "salary")["$300k vs letter"] == 117_260.27


def test_a_bigger_sion_buyout_is_owed_whatever_happens():
    frame = compare(terminated(MONTH_28, reason="good_cause"),
                    [Variant(name="Buyout", terms=OfferTerms(sion_buyout=150_000))])
    assert row(frame, "signing_buyout")["Buyout vs letter"] == 22_500.0


def test_a_different_vesting_split():
    split = Variant(name="20/25", terms=OfferTerms(immediate_vest_pct=20, first_anniversary_pct=25))
    eight = Variant(name="8 quarters", terms=OfferTerms(quarterly_installments=8))
    frame = compare(terminated(WORKED), [split, eight])
    # 20/25: 200,000 on hire, 25% of 800,000 = 200,000 on 13 Jul 2006, then 600,000 / 12 = 50,000
    # on 13 Oct 2006: 450,000 vested by 15 Nov 2006.
    assert row(frame, "vested_options")["20/25"] == 450_000 * 2.0
    assert row(frame, "vested_options")["20/25 vs letter"] == (450_000 - 381_250) * 2.0
    # 8 installments: 675,000 / 8 = 84,375 on 13 Oct 2006: 409,375 vested.
    assert row(frame, "vested_options")["8 quarters"] == 409_375 * 2.0


def test_a_bigger_grant():
    frame = compare(terminated(WORKED), [Variant(name="1.2m", terms=OfferTerms(option_shares=1_200_000))])
    # 120,000 + 270,000 + 67,500 = 457,500 vested by 15 Nov 2006.
    assert row(frame, "vested_options")["1.2m"] == 457_500 * 2.0


# --------------------------------------------------------------------------
# Applying a variant
# --------------------------------------------------------------------------


def test_applying_a_variant_keeps_the_facts_and_replaces_the_terms_and_the_overridden_assumptions():
    scenario = terminated(MONTH_28, change_in_control=ChangeInControl(date=CIC),
                          assumptions=Assumptions(monthly_health_premium=1_500, cic_acceleration="double_trigger"))
    applied = apply_variant(scenario, Variant(name="x", terms=OfferTerms(protection_months=36),
                                              cic_acceleration="single_trigger"))
    assert applied.termination == scenario.termination
    assert applied.change_in_control == scenario.change_in_control
    assert applied.terms.protection_months == 36
    assert applied.assumptions.cic_acceleration == "single_trigger"
    assert applied.assumptions.monthly_health_premium == 1_500  # not negotiated: the sidebar's
    assert applied.assumptions.double_trigger_months == 12


def test_the_letter_is_always_the_letter_as_signed():
    (letter,) = evaluate_variants(terminated(WORKED), [])
    assert letter.column == LETTER_NAME and letter.scenario.terms == OfferTerms()


def test_repeated_names_get_a_number():
    frame = compare(terminated(WORKED), [Variant(name="A"), Variant(name="A"), Variant(name=LETTER_NAME)])
    assert frame.attrs["variants"] == [LETTER_NAME, "A", "A (2)", f"{LETTER_NAME} (2)"]


# --------------------------------------------------------------------------
# Inputs and their messages
# --------------------------------------------------------------------------


def test_a_proposal_from_its_inputs():
    built = variant_from_inputs("Proposal 1", "Board's offer",
                                {"protection_months": 36, "severance_lump_sum": 250_000.0,
                                 "cic_acceleration": None, "double_trigger_months": None})
    assert built.errors == []
    assert built.variant == Variant(name="Board's offer",
                                    terms=OfferTerms(protection_months=36, severance_lump_sum=250_000))


def test_a_blank_name_falls_back_to_the_proposals_label():
    assert variant_from_inputs("Proposal 2", "   ", {}).variant.name == "Proposal 2"


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"protection_months": -3},
         "Proposal 1 · protection window: −3 months is below the smallest allowed, 0 months (§6.1)"),
        ({"immediate_vest_pct": 150.0},
         "Proposal 1 · vesting on hire: 150% is above the largest allowed, 100% (§4)"),
        ({"severance_lump_sum": -1.0},
         "Proposal 1 · lump sum: −$1 is below the smallest allowed, $0 (§6.1(a))"),
        ({"base_salary": 0.0}, "Proposal 1 · base salary: $0 must be more than $0 (§3)"),
        ({"quarterly_installments": 0},
         "Proposal 1 · quarterly installments: 0 installments is below the smallest allowed, 1 installment (§4)"),
        ({"double_trigger_months": 0},
         "Proposal 1 · double-trigger window: 0 months is below the smallest allowed, 1 month "
         "(§4, §6.3 (plan governs))"),
    ],
)
def test_an_invalid_term_is_named_with_its_clause(inputs, message):
    built = variant_from_inputs("Proposal 1", None, inputs)
    assert built.variant is None
    assert built.errors == [message]


def test_every_problem_is_reported_at_once():
    built = variant_from_inputs("Proposal 1", None, {"protection_months": -3, "immediate_vest_pct": 150.0})
    assert len(built.errors) == 2


def test_the_help_shows_the_letters_value_and_clause():
    by_name = {item.name: item for item in NEGOTIABLE}
    assumptions = Assumptions()
    assert letter_help(by_name["severance_lump_sum"], assumptions) == "Letter: $125,000 (§6.1(a))"
    assert letter_help(by_name["protection_months"], assumptions) == "Letter: 24 months (§6.1)"
    assert letter_help(by_name["immediate_vest_pct"], assumptions) == "Letter: 10% (§4)"
    assert letter_help(by_name["option_shares"], assumptions) == "Letter: 1,000,000 shares (§4)"
    assert letter_help(by_name["cic_acceleration"], assumptions).startswith(
        "The letter is silent; the sidebar assumes none (§4, §6.3 (plan governs))")


# --------------------------------------------------------------------------
# The chart's data
# --------------------------------------------------------------------------


def test_components_long_has_six_components_per_variant_and_the_letter_differs_by_nothing():
    frame = compare(terminated(MONTH_28), [LONGER_WINDOW])
    long = components_long(frame)
    assert len(long) == 2 * 6
    assert set(long[long["variant"] == LETTER_NAME]["difference"]) == {0.0}
    lump = long[(long["variant"] == "Proposal 1") & (long["component"] == "severance_lump_sum")].iloc[0]
    assert (lump["amount"], lump["difference"], lump["Clause"]) == (250_000.0, 250_000.0, "§6.1(a)")


def test_the_walk_away_curves_pass_through_the_table_and_show_each_window_end():
    scenario = terminated(MONTH_28)
    curves = walk_away(scenario, [LONGER_WINDOW])
    assert set(curves["variant"]) == {LETTER_NAME, "Proposal 1"}
    assert set(curves["reason"]) == {"without_good_cause"}
    on = curves[curves["date"] == pd.Timestamp(MONTH_28)].set_index("variant")
    assert on.loc[LETTER_NAME, "total_value"] == 1_926_301.37
    assert on.loc["Proposal 1", "difference"] == 256_000.0
    assert on.loc["Proposal 1", "date_text"] == "15 Nov 2007"

    def lump(variant: str, day: date) -> float:
        found = curves[(curves["variant"] == variant) & (curves["date"] == pd.Timestamp(day))]
        return float(found["severance_lump_sum"].iloc[0])

    # Each cliff on its exact day: the letter's on 13 Jul 2007, the proposal's on 13 Jul 2008.
    assert lump(LETTER_NAME, date(2007, 7, 12)) == 125_000.0 and lump(LETTER_NAME, date(2007, 7, 13)) == 0.0
    assert lump("Proposal 1", date(2008, 7, 12)) == 250_000.0 and lump("Proposal 1", date(2008, 7, 13)) == 0.0
    # Both lines on the same dates.
    per_variant = curves.groupby("variant")["date"].apply(list)
    assert per_variant[LETTER_NAME] == per_variant["Proposal 1"]


def test_the_walk_away_reason_is_the_scenarios_or_without_good_cause():
    assert walk_away_reason(Scenario()) == "without_good_cause"
    assert walk_away_reason(terminated(WORKED, reason="death")) == "death"
    curves = walk_away(terminated(WORKED, reason="death"), [LONGER_WINDOW])
    assert set(curves["severance_lump_sum"]) == {0.0}  # death pays nothing under §6.1


def test_the_window_ends():
    ends = window_ends(terminated(WORKED), [LONGER_WINDOW])
    assert list(ends["window_end"]) == [date(2007, 7, 13), date(2008, 7, 13)]
    assert list(ends["last_day_inside"]) == [date(2007, 7, 12), date(2008, 7, 12)]
    assert list(ends["protection_months"]) == [24, 36]


def test_what_a_proposal_flags_beyond_the_letter():
    evaluated = evaluate_variants(terminated(MONTH_28, change_in_control=ChangeInControl(date=CIC)),
                                  [SINGLE_TRIGGER])
    (flag,) = flags_beyond_letter(evaluated)["Single trigger"]
    assert flag.message.startswith("618,750 shares vest early on 1 Jan 2007 by single-trigger acceleration")


def test_still_employed_the_figures_are_as_of_the_scenarios_date():
    scenario = Scenario(as_of=date(2008, 1, 1), change_in_control=ChangeInControl(date=CIC))
    frame = compare(scenario, [SINGLE_TRIGGER])
    assert row(frame, "vested_options")[LETTER_NAME] == 606_250 * 2.0  # READING.md: 606,250 on 1 Jan 2008
    assert row(frame, "accelerated_options")["Single trigger"] == 1_237_500.0
