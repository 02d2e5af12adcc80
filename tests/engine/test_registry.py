"""The one registry (engine/registry.py): every label a page shows for a component, a
measure, an acceleration choice or a negotiable term is written there once, and each
entry names something the engine really has, so a page that looks a label up finds it."""

from __future__ import annotations

import dataclasses
from typing import get_args

from engine.grid import GridResult
from engine.outcome import Outcome
from engine.registry import CHOICE, COMPONENT, MEASURES, NEGOTIABLE_TERMS, REASON, STILL_EMPLOYED
from engine.terms import Assumptions, OfferTerms


def test_every_value_of_an_acceleration_assumption_has_its_labels():
    # The letter is silent on acceleration (§4, the plan governs): the two assumptions' values.
    for field in ("cic_acceleration", "unvested_at_termination"):
        values = get_args(Assumptions.model_fields[field].annotation)
        assert tuple(CHOICE[field]) == values, field
        for choice in CHOICE[field].values():
            assert choice.label and choice.short_label and choice.words, (field, choice.key)
            assert choice.clause == ("§4, §6.3 (plan governs)" if field == "cic_acceleration"
                                     else "§4 (plan governs)")
    # The sidebar's wording, shown today (ui/params.py), and the term sheet's.
    assert CHOICE["cic_acceleration"]["single_trigger"].label == "Single trigger: all vest at the Change in Control"
    assert CHOICE["unvested_at_termination"]["accelerate"].short_label == "All vest"


def test_every_negotiable_term_is_a_field_of_the_letter_or_an_acceleration_assumption():
    for term in NEGOTIABLE_TERMS:
        model = OfferTerms if term.key in OfferTerms.model_fields else Assumptions
        assert term.key in model.model_fields, term.key
        assert term.model is model and term.clause == model.model_fields[term.key].json_schema_extra["clause"]
    assert {t.key for t in NEGOTIABLE_TERMS if t.model is Assumptions} == {
        "cic_acceleration", "double_trigger_months", "unvested_at_termination"}
    assert [t.clause for t in NEGOTIABLE_TERMS[:3]] == ["§6.1(a)", "§6.1", "§6.1(b)"]


def test_every_measure_is_a_figure_of_both_an_outcome_and_the_grid():
    grid_fields = {f.name for f in dataclasses.fields(GridResult)}
    for measure in MEASURES:
        assert measure.key in Outcome.model_fields and measure.key in grid_fields, measure.key
    # Only the options move with the stock price; the Company's cash cost does not (§3, §4, §6.1).
    assert [m.depends_on_price for m in MEASURES] == [True, False, True]


def test_column_headers_fall_back_to_the_short_label():
    assert COMPONENT["signing_buyout"].column_header == "Buyout"
    assert COMPONENT["salary"].column_header == COMPONENT["salary"].short_label == "Salary"
    assert COMPONENT["total_cash"].column_header == "Cash cost"


def test_still_employed_is_not_a_termination_reason():
    assert STILL_EMPLOYED.key == "none" and "none" not in REASON
    assert STILL_EMPLOYED.short_label == "Still employed"
