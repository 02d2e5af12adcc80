"""Sentences built from the terms in force, free of Streamlit: the Contract page's help
texts and captions, and the window and payment day other pages name. A variant with
a 36-month window reads "the first 36 months", a one-day payment delay "the first
day", never the letter's numbers written into a page.

Numbers are formatted by the helpers the engine's own explanations use
(``engine.dates.ordinal``, ``engine.dates.plural``) and percentages as the pages
show them (``ui.format.percent``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine.dates import ordinal, plural
from engine.terms import OfferTerms
from ui import format as F

LETTER_TERMS = OfferTerms()
# The carve-out's crossing in the boundaries table: an example holding well past the threshold.
_CARVE_OUT_EXAMPLE_PCT = 80.0
_STEP_PCT = 0.01  # one hundredth of a percent either side of a threshold


def window(terms: OfferTerms) -> str:
    """§6.1's protection window: ``the first 24 months``."""
    return window_of(terms.protection_months)


def window_of(months: int) -> str:
    """``window`` from the window's length in months (what the pages' analyses carry)."""
    return f"the first {plural(months, 'month')}"


def window_end_mark(months: int) -> str:
    """The date mark on the charts' time axes: ``First 24 months end``."""
    return f"First {plural(months, 'month')} end"


def window_caption(terms: OfferTerms, hire: dt.date, end: dt.date) -> str:
    """Where the window runs: ``The first 24 months run from 13 Jul 2005 up to, not including, 13 Jul 2007``."""
    return (f"{window(terms).capitalize()} run from {F.date(hire)} up to, not including, "
            f"{F.date(end)} (§6.1).")


def payment_day(terms: OfferTerms) -> str:
    """§6.1(a)'s payment day, in the letter's words: ``the fifth day``."""
    return f"the {ordinal(terms.payment_delay_days, words=True)} day"


def matrix_column_help(terms: OfferTerms) -> dict[str, str]:
    """What each column of the Termination matrix means (its help text), by ``Outcome`` field."""
    return {
        "salary_earned": f"Base salary earned from the hire date to the date of the table, each calendar day at "
                         f"1/{terms.days_per_year} of the annual rate, both ends counted",
        "signing_buyout": "Cash buyout of the Sion Power severance agreement, paid on the hire date and owed "
                          "whatever happens later",
        "severance_lump_sum": f"Paid on {payment_day(terms)} after a Change in Control or a Company termination "
                              f"other than for Good Cause in {window(terms)}; one payment even when both happen",
        "health_continuation_cost": f"{plural(terms.health_continuation_months, 'month')} of group health cover "
                                    "after the §6 Termination Date, at the assumed monthly cost; only months after "
                                    "his last day cost the Company anything",
        "vested_option_value": "Intrinsic value of the shares vested by the date: shares × (stock price − exercise "
                               "price), never below zero",
        "accelerated_option_value": "Intrinsic value of shares that vest early under the acceleration assumptions "
                                    "in the sidebar; none under the letter alone",
        "total_value": "What he walks away with: every cash amount plus the options' intrinsic value",
    }


def cure_rule(terms: OfferTerms) -> str:
    """§6.2(b)'s waiting period as a sentence."""
    return (f"Neglect is Good Cause only if it continues {plural(terms.cure_period_days, 'day')} following "
            "receipt of written notice (§6.2(b)).")


def retained_rule(terms: OfferTerms) -> str:
    """§6.3(a)(i)'s threshold: ``Less than 50% is a Change in Control; exactly 50% is not``."""
    pct = F.percent(terms.merger_retained_threshold_pct)
    return f"Less than {pct} is a Change in Control; exactly {pct} is not"


def retained_help(terms: OfferTerms) -> str:
    return ("What the Company's shareholders just before the merger own of the surviving corporation's voting "
            f"control just after it. {retained_rule(terms)} (§6.3(a)(i)).")


def acquirer_rule(terms: OfferTerms) -> str:
    """§6.3(b)'s threshold: ``More than 50% is a Change in Control; exactly 50% is not``."""
    pct = F.percent(terms.acquirer_threshold_pct)
    return f"More than {pct} is a Change in Control; exactly {pct} is not"


def acquirer_help(terms: OfferTerms) -> str:
    return ("The Person's beneficial ownership (Rule 13d-3) of the Company's voting control after the "
            f"acquisition. {acquirer_rule(terms)} (§6.3(b)).")


def carve_out_label(terms: OfferTerms) -> str:
    return f"The acquirer is {terms.control_carve_out} or his affiliate"


def carve_out_rule(terms: OfferTerms) -> str:
    """§6.3(b)'s carve-out: ``crossing 50% is not a Change in Control`` (after the name or "his")."""
    return f"crossing {F.percent(terms.acquirer_threshold_pct)} is not a Change in Control"


def carve_out_help(terms: OfferTerms) -> str:
    return (f"{terms.control_carve_out}, or an entity owned by or affiliated with him: his "
            f"{carve_out_rule(terms)} (§6.3(b)).")


def ground_help(terms: OfferTerms) -> str:
    return ("The ground the Board would rely on: (a) conviction of embezzlement, theft or misappropriation of "
            "Company property, or of such a felony or a crime of moral turpitude; (b) willful and continued "
            "neglect of duties; (c) willful failure to abide by the Company's policies (§6.2). Only (b) has a "
            f"waiting period: {plural(terms.cure_period_days, 'day')} after written notice demanding cure.")


def notice_help(terms: OfferTerms) -> str:
    return ("The date he received the Company's written notice specifying the neglect and demanding cure. "
            + cure_rule(terms))


def termination_date_help(terms: OfferTerms) -> str:
    return (f"The last day of employment the Board has in mind. Inside {window(terms)}, a termination other "
            "than for Good Cause pays the §6.1 lump sum (§6.1, §6.2).")


def resignation_rule(terms: OfferTerms) -> str:
    return (f"With a notice date and no last day, the last day is notice + "
            f"{plural(terms.resignation_notice_days, 'day')} (§10).")


def lump_sum_rule(terms: OfferTerms) -> str:
    return (f"Paid on {payment_day(terms)} after a Company termination other than for Good Cause (or a Change in "
            f"Control) in {window(terms)} (§6.1(a)).")


def change_in_control_caption(terms: OfferTerms) -> str:
    return ("Describe a deal; the §6.3 test says whether it is a Change in Control and which sub-clause decides. "
            f"Within {window(terms)} a Change in Control alone pays the §6.1 lump sum, even if he stays. To see "
            "what a deal pays, set it in the sidebar.")


def good_cause_caption(terms: OfferTerms) -> str:
    return ("Before the Board acts: for neglect, Good Cause exists only once the neglect has continued "
            f"{plural(terms.cure_period_days, 'day')} after his written notice. A termination before then is "
            f"treated as one other than for Good Cause, and inside {window(terms)} §6.1 then pays. What §6.1 "
            "would pay uses the sidebar's scenario (hire date, prices, any Change in Control, assumptions) with "
            "this termination in place of the sidebar's.")


def boundaries(terms: OfferTerms) -> list[tuple[str, dict[str, Any]]]:
    """Deals either side of the §6.3 thresholds, each with the facts the test runs on."""
    kept, acquired = terms.merger_retained_threshold_pct, terms.acquirer_threshold_pct
    rows: list[tuple[str, dict[str, Any]]] = []
    if kept - _STEP_PCT >= 0:
        rows.append((f"Merger; prior shareholders keep {F.percent(kept - _STEP_PCT)}",
                     {"deal_type": "merger", "shareholders_retained_pct": round(kept - _STEP_PCT, 2)}))
    rows += [
        (f"Merger; prior shareholders keep exactly {F.percent(kept)}",
         {"deal_type": "merger", "shareholders_retained_pct": kept}),
        ("Sale of part, not substantially all, of the assets",
         {"deal_type": "asset_sale", "all_or_substantially_all_assets": False}),
        (f"A Person acquires exactly {F.percent(acquired)}", {"deal_type": "acquisition", "acquirer_pct": acquired}),
    ]
    if acquired + _STEP_PCT <= 100:
        rows.append((f"A Person acquires {F.percent(acquired + _STEP_PCT)}",
                     {"deal_type": "acquisition", "acquirer_pct": round(acquired + _STEP_PCT, 2)}))
    crossing = max(_CARVE_OUT_EXAMPLE_PCT, min(100.0, acquired + _STEP_PCT))
    rows += [
        (f"{terms.control_carve_out} (or his affiliate) reaches {F.percent(crossing)}",
         {"deal_type": "acquisition", "acquirer_pct": crossing, "acquirer_is_berg": True}),
        ("Liquidation", {"deal_type": "liquidation"}),
    ]
    return rows
