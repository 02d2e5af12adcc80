"""§6.3 "Change in Control".

(a)(i) a merger or consolidation after which the Company Shareholders own "less
that 50%" of the survivor's voting control; (a)(ii) a sale, lease or transfer of
all or substantially all assets; (b) any Person other than Carl Berg or an entity
owned by or affiliated with him becoming beneficial owner of "more than fifty
percent (50%)" of voting control; (c) a liquidation. Exactly 50% retained is not
(a)(i); exactly 50% acquired is not (b).
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.money import as_numbers
from engine.scenario import ChangeInControlFacts
from engine.terms import OfferTerms


@dataclass(frozen=True)
class ChangeInControlTest:
    is_change_in_control: bool
    clause: str
    explanation: str


def change_in_control_test(facts: ChangeInControlFacts, terms: OfferTerms | None = None) -> ChangeInControlTest:
    """§6.3: is this event a Change in Control, and under which sub-clause?"""
    terms = terms or OfferTerms()
    if facts.deal_type == "merger":
        return _merger(facts, terms.merger_retained_threshold_pct)
    if facts.deal_type == "asset_sale":
        if facts.all_or_substantially_all_assets:
            return ChangeInControlTest(
                True, "§6.3(a)(ii)", "All or substantially all of the assets are sold, leased or transferred."
            )
        return ChangeInControlTest(
            False, "§6.3(a)(ii)", "Less than all or substantially all of the assets change hands."
        )
    if facts.deal_type == "acquisition":
        return _acquisition(facts, terms.acquirer_threshold_pct, terms.control_carve_out)
    return ChangeInControlTest(True, "§6.3(c)", "A liquidation of the Company.")


def _merger(facts: ChangeInControlFacts, threshold: float) -> ChangeInControlTest:
    """§6.3(a)(i): the prior shareholders own "less that 50%" (read: less than) of the survivor."""
    retained = facts.shareholders_retained_pct
    assert retained is not None  # required by the model
    if retained < threshold:
        return ChangeInControlTest(
            True, "§6.3(a)(i)",
            f"The prior shareholders keep {retained:g}% of the survivor's voting control, less than {threshold:g}%.",
        )
    return ChangeInControlTest(
        False, "§6.3(a)(i)",
        f"The prior shareholders keep {retained:g}% of the voting control; §6.3(a)(i) needs less than {threshold:g}%.",
    )


def _acquisition(facts: ChangeInControlFacts, threshold: float, carve_out: str) -> ChangeInControlTest:
    """§6.3(b): any Person other than the carve-out becomes owner of "more than fifty percent (50%)"."""
    pct = facts.acquirer_pct
    assert pct is not None  # required by the model
    if facts.acquirer_is_berg:
        return ChangeInControlTest(
            False, "§6.3(b)",
            f"The Person is {carve_out} or an entity owned by or affiliated with him; his {pct:g}% does not count.",
        )
    if pct > threshold:
        return ChangeInControlTest(
            True, "§6.3(b)",
            f"A Person other than {carve_out} holds {pct:g}% of the voting control, more than {threshold:g}%.",
        )
    return ChangeInControlTest(
        False, "§6.3(b)", f"The Person holds {pct:g}% of the voting control; §6.3(b) needs more than {threshold:g}%."
    )


def change_in_control_counts(cic_day: int, is_change_in_control: bool, as_of):
    """§6.1, §6.3: a Change in Control counts once it has happened, on or before the
    date the figures are as of, while he is employed ("during the first twenty four
    (24) months [of] your employment"): one after his last day triggers nothing."""
    return is_change_in_control & (cic_day <= as_numbers(as_of))
