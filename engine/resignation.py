"""§10 Resignation: "you agree to provide the Board of Directors with sixty (60)
days advance notice of your resignation." Employment is at will (§9)."""

from __future__ import annotations

from engine.dates import add_days, format_date
from engine.outcome import Flag
from engine.scenario import Termination
from engine.terms import OfferTerms


def resignation_flags(termination: Termination, terms: OfferTerms) -> list[Flag]:
    if termination.reason != "resignation":
        return []
    days = terms.resignation_notice_days
    if termination.notice_date is None:
        return [
            Flag(
                code="resignation_notice_unknown",
                severity="info",
                clause="§10",
                message=f"No notice date given: §10 asks for {days} days' advance notice, which cannot be checked.",
            )
        ]
    earliest = add_days(termination.notice_date, days)
    if termination.date is None:
        return [
            Flag(
                code="resignation_last_day_defaulted",
                severity="assumption",
                clause="§10",
                message=(
                    f"Last day taken as {format_date(earliest)}: notice on "
                    f"{format_date(termination.notice_date)} plus the {days} days §10 requires."
                ),
            )
        ]
    if termination.date < earliest:
        short = (earliest - termination.date).days
        return [
            Flag(
                code="resignation_short_notice",
                severity="warning",
                clause="§10",
                message=(
                    f"Short notice: the last day {format_date(termination.date)} is {short} days sooner than "
                    f"the {days} days' notice from {format_date(termination.notice_date)} that §10 requires "
                    f"({format_date(earliest)}). The letter states no consequence."
                ),
            )
        ]
    return []
