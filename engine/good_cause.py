"""§6.2 "Good Cause".

Grounds: (a) conviction (including a plea of guilty or no contest) of
embezzlement, theft or misappropriation of Company property, or of such a felony
or a crime of moral turpitude; (b) willful and continued neglect of duties,
"but only if such neglect continues for thirty (30) days following receipt by
you of written notice"; (c) willful failure to abide by Company policies. The
determination is made only in good faith by a majority of the Board, excluding
him, after a reasonable opportunity to appear with counsel.
"""

from __future__ import annotations

from datetime import date

from engine.dates import NEVER, add_days, day_number, format_date
from engine.outcome import Flag
from engine.registry import flag
from engine.scenario import Termination
from engine.terms import OfferTerms


def cure_period_end(notice_date: date, terms: OfferTerms) -> date:
    """§6.2(b): the first day on which neglect has continued the full cure period."""
    return add_days(notice_date, terms.cure_period_days)


def good_cause_from(termination: Termination | None, terms: OfferTerms) -> int:
    """§6.2: the first day a Good Cause termination on these grounds stands (a day number).

    Ground (b) stands only once the neglect has continued the cure period after
    written notice; any other ground (or none stated) stands at once.
    """
    if termination is not None and termination.good_cause_ground == "neglect":
        assert termination.notice_date is not None  # required by the model
        return day_number(cure_period_end(termination.notice_date, terms))
    return -NEVER


def stands_as_good_cause(is_good_cause_reason, last_day, from_day):
    """§6.2: a termination for Good Cause stands as one on or after ``from_day`` (any shape)."""
    return is_good_cause_reason & (last_day >= from_day)


def is_good_cause(termination: Termination, terms: OfferTerms) -> bool:
    """§6.2: does this termination stand as one for Good Cause?"""
    return bool(stands_as_good_cause(
        termination.reason == "good_cause", day_number(termination.last_day(terms)),
        good_cause_from(termination, terms)))


def good_cause_flags(termination: Termination, terms: OfferTerms) -> list[Flag]:
    if termination.reason != "good_cause":
        return []
    flags = [flag("good_cause_procedure")]
    ground = termination.good_cause_ground
    if ground is None:
        flags.append(flag("good_cause_ground_unstated"))
    elif ground == "conviction":
        flags.append(flag("conviction_and_quirk"))
    elif ground == "neglect":
        assert termination.notice_date is not None
        end = cure_period_end(termination.notice_date, terms)
        last = termination.last_day(terms)
        if last < end:
            flags.append(flag("neglect_inside_cure_period", notice=format_date(termination.notice_date),
                              days=terms.cure_period_days, cure_end=format_date(end), last_day=format_date(last)))
    return flags
