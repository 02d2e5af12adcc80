"""§10 Resignation: "you agree to provide the Board of Directors with sixty (60)
days advance notice of your resignation." Employment is at will (§9)."""

from __future__ import annotations

from engine.dates import add_days, format_date
from engine.outcome import Flag
from engine.registry import flag
from engine.scenario import Termination
from engine.terms import OfferTerms


def resignation_flags(termination: Termination, terms: OfferTerms) -> list[Flag]:
    if termination.reason != "resignation":
        return []
    days = terms.resignation_notice_days
    if termination.notice_date is None:
        return [flag("resignation_notice_unknown", days=days)]
    notice = format_date(termination.notice_date)
    earliest = add_days(termination.notice_date, days)
    if termination.date is None:
        return [flag("resignation_last_day_defaulted", last_day=format_date(earliest), notice=notice, days=days)]
    if termination.date < earliest:
        return [flag("resignation_short_notice", last_day=format_date(termination.date), notice=notice, days=days,
                     short=(earliest - termination.date).days, earliest=format_date(earliest))]
    return []
