"""Validation: every model rejects bad input with a message naming the field and
the clause, as the board member will read it (``engine.errors``).

READING.md: "may never be decreased" (§3) makes a negative raise invalid input,
rejected citing §3; the §10 notice and the §6.2(b) cure notice must fit the
dates around them; prices are positive dollars (§4); nothing happens before the
hire date. Dates are supported from 1990 to 2100.

Two tests per bad input: the message names the field (always), and it cites a
clause (the team's standard: a case without a named clause must still cite one).
"""

from __future__ import annotations

import math
from datetime import date

import pytest
from pydantic import ValidationError

from engine import Assumptions, ChangeInControl, ChangeInControlFacts, OfferTerms, Scenario, Termination
from tests.engine.conftest import rejection


def case(id_, data, field, clause=None):
    """``clause`` None: the message must still cite some clause (a "§")."""
    return pytest.param(data, field, clause, id=id_)


def tx(**termination):
    return {"termination": termination}


CASES = [
    # Nothing happens before the hire date (13 Jul 2005 by default).
    case("termination-before-hire", tx(date="2005-07-12", reason="without_good_cause"), "termination.date"),
    case("notice-before-hire", tx(date="2005-08-01", reason="resignation", notice_date="2005-07-01"),
         "termination.notice_date"),
    case("cic-before-hire", {"change_in_control": {"date": "2005-07-12"}}, "change_in_control.date", "§6.1"),
    case("as-of-before-hire", {"as_of": "2005-07-12"}, "as_of"),
    # §4 prices.
    case("zero-exercise-price", {"exercise_price": 0}, "exercise_price", "§4"),
    case("negative-exercise-price", {"exercise_price": -3}, "exercise_price", "§4"),
    case("nan-exercise-price", {"exercise_price": math.nan}, "exercise_price", "§4"),
    case("inf-exercise-price", {"exercise_price": math.inf}, "exercise_price", "§4"),
    case("zero-stock-price", {"stock_price": 0}, "stock_price", "§4"),
    case("negative-stock-price", {"stock_price": -0.01}, "stock_price", "§4"),
    case("nan-stock-price", {"stock_price": math.nan}, "stock_price", "§4"),
    case("minus-inf-stock-price", {"stock_price": -math.inf}, "stock_price", "§4"),
    case("huge-stock-price", {"stock_price": 1e7}, "stock_price", "§4"),
    case("text-price", {"stock_price": "five"}, "stock_price", "§4"),
    # §3 "may never be decreased".
    case("negative-raise", {"assumptions": {"annual_raise_pct": -1}}, "annual_raise_pct", "§3"),
    case("nan-raise", {"assumptions": {"annual_raise_pct": math.nan}}, "annual_raise_pct", "§3"),
    case("zero-salary", {"terms": {"base_salary": 0}}, "terms.base_salary", "§3"),
    # Dates outside 1990–2100.
    case("hire-1989", {"hire_date": "1989-12-31"}, "hire_date"),
    case("hire-2101", {"hire_date": "2101-01-01"}, "hire_date"),
    case("as-of-2101", {"as_of": "2101-01-01"}, "as_of"),
    case("termination-2101", tx(date="2101-01-01", reason="death"), "termination.date"),
    case("notice-1989", tx(date="2006-01-01", reason="resignation", notice_date="1989-12-31"),
         "termination.notice_date"),
    case("resignation-defaults-past-2100", tx(reason="resignation", notice_date="2100-12-01"), "termination.date"),
    case("cic-2101", {"change_in_control": {"date": "2101-01-01"}}, "change_in_control.date"),
    case("adjustment-date-1989", {"terms": {"first_adjustment_date": "1989-07-01"}}, "terms.first_adjustment_date",
         "§3"),
    # §10 and §6.2(b) notices.
    case("resignation-last-day-before-notice", tx(date="2006-02-28", reason="resignation", notice_date="2006-03-01"),
         "termination.date", "§10"),
    case("neglect-last-day-before-notice",
         tx(date="2006-02-28", reason="good_cause", good_cause_ground="neglect", notice_date="2006-03-01"),
         "termination.date", "§6.2(b)"),
    case("neglect-without-notice", tx(date="2006-03-01", reason="good_cause", good_cause_ground="neglect"),
         "termination.notice_date", "§6.2(b)"),
    case("ground-without-good-cause", tx(date="2006-03-01", reason="without_good_cause", good_cause_ground="policy"),
         "termination.good_cause_ground", "§6.2"),
    case("notice-on-a-death", tx(date="2006-03-01", reason="death", notice_date="2006-02-01"),
         "termination.notice_date", "§10"),
    case("no-last-day", tx(reason="without_good_cause"), "termination.date", "§10"),
    case("unknown-reason", tx(date="2006-03-01", reason="retired"), "termination.reason", "§6.1"),
    case("missing-reason", tx(date="2006-03-01"), "termination.reason", "§6.1"),
    case("unparsable-notice", tx(date="2006-03-01", reason="resignation", notice_date="soon"),
         "termination.notice_date"),
    case("unparsable-as-of", {"as_of": "tomorrow"}, "as_of"),
    # §6.3 facts.
    case("merger-without-percentage", {"change_in_control": {"date": "2006-03-01", "facts": {"deal_type": "merger"}}},
         "shareholders_retained_pct", "§6.3(a)(i)"),
    case("acquisition-without-percentage",
         {"change_in_control": {"date": "2006-03-01", "facts": {"deal_type": "acquisition"}}},
         "acquirer_pct", "§6.3(b)"),
    case("acquirer-over-100",
         {"change_in_control": {"date": "2006-03-01", "facts": {"deal_type": "acquisition", "acquirer_pct": 101}}},
         "change_in_control.facts.acquirer_pct"),
    case("retained-negative",
         {"change_in_control": {"date": "2006-03-01",
                                "facts": {"deal_type": "merger", "shareholders_retained_pct": -1}}},
         "change_in_control.facts.shareholders_retained_pct"),
    case("unknown-deal-type", {"change_in_control": {"date": "2006-03-01", "facts": {"deal_type": "spin_off"}}},
         "change_in_control.facts.deal_type"),
    # Terms and assumptions out of range.
    case("negative-protection-months", {"terms": {"protection_months": -1}}, "terms.protection_months", "§6.1"),
    case("zero-volatility", {"assumptions": {"volatility_pct": 0}}, "assumptions.volatility_pct", "§4"),
    case("negative-premium", {"assumptions": {"monthly_health_premium": -1}}, "assumptions.monthly_health_premium",
         "§6.1(b)"),
    case("unknown-acceleration", {"assumptions": {"cic_acceleration": "triple"}}, "assumptions.cic_acceleration",
         "§4"),
]


def _strip_marks(params):
    return [pytest.param(*p.values, id=p.id) for p in params]


@pytest.mark.parametrize("data, field, clause", _strip_marks(CASES))
def test_an_invalid_scenario_is_rejected_with_a_message_naming_the_field(data, field, clause):
    message = rejection(data)
    assert field in message
    assert "Traceback" not in message
    assert "\n" not in message


@pytest.mark.parametrize("data, field, clause", CASES)
def test_an_invalid_scenario_is_rejected_with_a_message_citing_the_clause(data, field, clause):
    message = rejection(data)
    if clause is None:
        assert "§" in message
    else:
        assert clause in message


def test_termination_before_the_hire_date_says_both_dates():
    message = rejection(tx(date="2005-07-12", reason="without_good_cause"))
    assert "2005-07-12" in message and "2005-07-13" in message


def test_a_negative_raise_says_the_salary_may_never_be_decreased():
    message = rejection({"assumptions": {"annual_raise_pct": -5}})
    assert "§3" in message
    assert "never be decreased" in message


def test_a_zero_raise_is_allowed():
    assert Scenario.model_validate({"assumptions": {"annual_raise_pct": 0}}).assumptions.annual_raise_pct == 0


def test_the_boundary_dates_1990_and_2100_are_accepted():
    Scenario.model_validate({"hire_date": "1990-01-01", "as_of": "2100-12-31"})
    Scenario.model_validate({"hire_date": "2100-12-31", "termination": {"date": "2100-12-31", "reason": "death"}})


def test_a_termination_on_the_hire_date_is_accepted():
    Scenario.model_validate(tx(date="2005-07-13", reason="without_good_cause"))


def test_an_unknown_key_is_rejected_and_named():
    message = rejection({"hire_date": "2005-07-13", "salary": 300000})
    assert "salary" in message and "unknown key" in message


# --- Each model on its own, as the app builds them.

def test_the_assumptions_model_rejects_a_negative_raise_citing_s3():
    with pytest.raises(ValidationError) as exc:
        Assumptions(annual_raise_pct=-1)
    assert "annual_raise_pct" in str(exc.value) and "§3" in str(exc.value)


@pytest.mark.parametrize(
    "field, value",
    [("base_salary", -1), ("option_shares", -1), ("immediate_vest_pct", 101), ("protection_months", -1),
     ("severance_lump_sum", math.nan), ("cure_period_days", -1), ("resignation_notice_days", 400)],
)
def test_the_terms_model_rejects_values_the_letter_could_not_mean(field, value):
    with pytest.raises(ValidationError) as exc:
        OfferTerms(**{field: value})
    assert field in str(exc.value)


def test_the_termination_model_rejects_a_resignation_last_day_before_its_notice_citing_s10():
    with pytest.raises(ValidationError) as exc:
        Termination(date=date(2006, 2, 28), reason="resignation", notice_date=date(2006, 3, 1))
    assert "termination.date" in str(exc.value) and "§10" in str(exc.value)


def test_the_termination_model_rejects_neglect_without_a_notice_date_citing_s6_2_b():
    with pytest.raises(ValidationError) as exc:
        Termination(date=date(2006, 3, 1), reason="good_cause", good_cause_ground="neglect")
    assert "termination.notice_date" in str(exc.value) and "§6.2(b)" in str(exc.value)


def test_the_change_in_control_model_rejects_a_date_outside_1990_to_2100():
    with pytest.raises(ValidationError) as exc:
        ChangeInControl(date=date(1989, 12, 31))
    assert "change_in_control.date" in str(exc.value)


def test_the_facts_model_needs_the_merger_percentage_citing_s6_3_a_i():
    with pytest.raises(ValidationError) as exc:
        ChangeInControlFacts(deal_type="merger")
    assert "shareholders_retained_pct" in str(exc.value) and "§6.3(a)(i)" in str(exc.value)


def test_the_models_are_frozen_so_a_scenario_cannot_be_changed_behind_the_engines_back():
    scenario = Scenario()
    with pytest.raises(ValidationError):
        scenario.stock_price = 10.0  # type: ignore[misc]
    with pytest.raises(ValidationError):
        scenario.terms.base_salary = 1.0  # type: ignore[misc]


# READING.md, "Money is exact to the cent": a money term is a whole number of cents. A tenth of a
# cent on a six-figure amount is refused like a half cent on a small one (a tolerance of a
# millionth of the dollars once let $100,000.001 through, read as $100,000.00).
@pytest.mark.parametrize("dollars", [100_000.001, 250_000.005, 125_000.0001, 0.001, 1_000_000.009])
def test_a_money_term_with_a_fraction_of_a_cent_is_refused_naming_the_field_and_clause(dollars):
    message = rejection({"terms": {"severance_lump_sum": dollars}})
    assert "severance_lump_sum" in message and "not a whole number of cents" in message and "§6.1(a)" in message


@pytest.mark.parametrize("dollars", [100_000.01, 0.29, 0.07, 1_234_567.89, 99_999_999.99, 125_000])
def test_a_money_term_in_whole_cents_is_accepted_as_given(dollars):
    assert OfferTerms(severance_lump_sum=dollars).severance_lump_sum == dollars
