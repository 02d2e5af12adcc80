"""§6.3 "Change in Control".

"(a) there shall be consummated (i) any consolidation or merger ... if the
shareholders of the Company immediately prior ... own less that 50% of the
voting control of the surviving corporation ..., or (ii) any sale, lease or
other transfer ... of all or substantially all of the assets of the Company;
(b) any Person other than Carl Berg or any entity owned or affiliated with him
shall become the beneficial owner ... of voting securities ... representing more
than fifty percent (50%) of the voting control of the Company, (c) a liquidation".

READING.md boundaries: exactly 50% retained is not (a)(i); exactly 50% acquired
is not (b); Carl Berg crossing 50% is not (b).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.engine.conftest import LUMP_SUM, codes, flag, run

CIC_DATE = date(2006, 3, 1)


def with_facts(**facts):
    return run(as_of=date(2007, 1, 1), change_in_control={"date": CIC_DATE, "facts": facts})


def assert_is_change_in_control(outcome, clause):
    assert outcome.change_in_control_test is not None
    assert outcome.change_in_control_test.is_change_in_control is True
    assert outcome.change_in_control_test.clause == clause
    assert outcome.severance_lump_sum == LUMP_SUM
    assert outcome.severance_payment_date == date(2006, 3, 6)  # 1 Mar + 5 days
    assert "not_a_change_in_control" not in codes(outcome)


def assert_not_change_in_control(outcome, clause):
    assert outcome.change_in_control_test is not None
    assert outcome.change_in_control_test.is_change_in_control is False
    assert outcome.change_in_control_test.clause == clause
    assert outcome.severance_lump_sum == 0
    assert flag(outcome, "not_a_change_in_control").clause == clause


def test_a_merger_leaving_the_prior_shareholders_49_99_percent_is_a_change_in_control():
    assert_is_change_in_control(with_facts(deal_type="merger", shareholders_retained_pct=49.99), "§6.3(a)(i)")


def test_a_merger_leaving_the_prior_shareholders_exactly_50_percent_is_not_a_change_in_control():
    assert_not_change_in_control(with_facts(deal_type="merger", shareholders_retained_pct=50), "§6.3(a)(i)")


def test_a_merger_leaving_the_prior_shareholders_in_control_is_not_a_change_in_control():
    assert_not_change_in_control(with_facts(deal_type="merger", shareholders_retained_pct=80), "§6.3(a)(i)")


def test_a_sale_of_all_or_substantially_all_of_the_assets_is_a_change_in_control():
    assert_is_change_in_control(
        with_facts(deal_type="asset_sale", all_or_substantially_all_assets=True), "§6.3(a)(ii)"
    )


def test_a_sale_of_less_than_substantially_all_of_the_assets_is_not_a_change_in_control():
    assert_not_change_in_control(
        with_facts(deal_type="asset_sale", all_or_substantially_all_assets=False), "§6.3(a)(ii)"
    )


def test_a_person_acquiring_50_01_percent_of_the_voting_control_is_a_change_in_control():
    assert_is_change_in_control(with_facts(deal_type="acquisition", acquirer_pct=50.01), "§6.3(b)")


def test_a_person_acquiring_exactly_50_percent_is_not_a_change_in_control():
    assert_not_change_in_control(with_facts(deal_type="acquisition", acquirer_pct=50), "§6.3(b)")


@pytest.mark.parametrize("pct", [50.01, 60, 100])
def test_carl_berg_crossing_50_percent_is_not_a_change_in_control(pct):
    assert_not_change_in_control(
        with_facts(deal_type="acquisition", acquirer_pct=pct, acquirer_is_berg=True), "§6.3(b)"
    )


def test_a_liquidation_is_a_change_in_control():
    assert_is_change_in_control(with_facts(deal_type="liquidation"), "§6.3(c)")


def test_without_deal_facts_the_event_is_taken_to_be_a_change_in_control_and_that_is_flagged():
    outcome = run(as_of=date(2007, 1, 1), change_in_control={"date": CIC_DATE})
    assert outcome.change_in_control_test is None
    assert outcome.severance_lump_sum == LUMP_SUM
    assumed = flag(outcome, "change_in_control_assumed")
    assert assumed.clause == "§6.3"
    assert assumed.severity == "assumption"


def test_the_test_explains_itself_in_the_boards_words():
    outcome = with_facts(deal_type="merger", shareholders_retained_pct=49.99)
    assert "49.99%" in outcome.change_in_control_test.explanation
    assert "less than 50%" in outcome.change_in_control_test.explanation
