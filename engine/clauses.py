"""The letter clause by clause: how each reads as rules (READING.md) and what the
product computes from it. Data for the Contract page; Catala's habit of keeping
the legal text next to the rule that implements it.

Public API
----------
``Clause``                          one clause: ref, title, reading, computes, rule, quirks,
                                    silences, status
``CLAUSES``                         every clause of the letter, in the letter's order
``clause(ref) -> Clause``           one clause by its ref (``§6.1``, ``Preamble``); KeyError if unknown
``letter_sections(text) -> dict``   the letter's text split into its numbered sections
``cited_clauses(citation) -> list`` the clause refs a citation names: ``"§5, §6.1(b)"`` → ``["§5", "§6.1"]``
``cites(citation, ref) -> bool``    does the citation name the clause (or one of its sub-clauses)?
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Status = Literal["computed", "partly computed", "not computed"]


@dataclass(frozen=True)
class Clause:
    ref: str
    title: str
    reading: str
    computes: str
    rule: str = ""  # the engine function that implements it, if any
    # Drafting quirks: the words as written say something other than what is evidently meant.
    quirks: list[str] = field(default_factory=list)
    # Silences and ambiguities the product settles by a reading (flagged when they arise).
    silences: list[str] = field(default_factory=list)
    status: Status = "computed"


CLAUSES: list[Clause] = [
    Clause("Preamble", "Conditions precedent",
           "The offer is contingent on two conditions precedent: (1) an executed release of his Sion Power "
           "non-compete obligations, acceptable to the Board, and (2) the Board's acceptance of the signed letter. "
           "The letter takes effect on the Board's final acceptance, which it records on 13 Jul 2005.",
           "Not computed: both conditions are taken as met. The hire date (not in the letter) defaults to "
           "13 Jul 2005, the Board's acceptance.",
           status="not computed"),
    Clause("§1", "Capacity and Duties",
           "Chief Executive Officer reporting to the Board, full-time, from a Company office in Nevada.",
           "Not computed.", status="not computed"),
    Clause("§2", "Nomination to the Board",
           "The Company nominates him to the Board while he is CEO; he resigns his Board seats when he stops being CEO.",
           "Not computed.", status="not computed"),
    Clause("§3", "Compensation",
           "$250,000 a year. Reviewed on 1 Jul 2006 and each 1 Jul after (Adjustment Dates); it may be raised but "
           "never lowered. Salary is earned prorated to the date of termination, for any reason.",
           "Salary earned to the last day: each calendar day employed at 1/365 of the annual rate, hire date and "
           "last day included; an assumed raise applies from each Adjustment Date. A negative raise is rejected.",
           "engine.salary.salary_earned"),
    Clause("§4", "Stock Options",
           "1,000,000 shares. 10% vest on the hire date; of the remaining 900,000, 25% (225,000) vest on the first "
           "anniversary and 75% (675,000) in 12 quarterly installments of 56,250 to the fourth anniversary. An "
           "installment vests only if he is employed through its date. Exercise price: the closing price on the first "
           "day. Plus a $127,500 cash buyout of his Sion Power severance agreement on the hire date.",
           "The vesting schedule (month-end clipping), vested, unvested, forfeited and accelerated shares, intrinsic "
           "value, the exercise deadline, and the grant-date Black-Scholes fair value. Forfeiture, the 90-day "
           "exercise window and any acceleration are assumptions: the option plan governs.",
           "engine.vesting.vesting_schedule"),
    Clause("§5", "Benefits",
           "Executive benefit and welfare plans on the same basis as other executives; the Company may change them.",
           "Partly: only the assumed monthly cost of group health coverage, used to value §6.1(b). The plans "
           "themselves are not valued.",
           status="partly computed"),
    Clause("§6.1", "Payments on Change in Control or termination other than for Good Cause",
           "If, in the first 24 months of employment (hire date up to, not including, hire + 24 months), a Change in "
           "Control occurs or the Company terminates him other than for Good Cause, the Company pays $125,000 on the "
           "fifth day after that date (the Termination Date) and six months of continued group health coverage "
           "(or COBRA premiums), dependents included. A Change in Control alone pays, even if he stays. After the "
           "24 months: only salary to the termination date, benefits, expenses and indemnification.",
           "The trigger, the Termination Date, the lump sum and its payment date, and the health months that fall "
           "after employment. One lump sum when both triggers fall in the window (flagged). Disability counts as "
           "other than Good Cause; death and resignation do not trigger.",
           "engine.severance",
           silences=["Death is not addressed: no Company termination, so no payment; the letter is silent.",
                     "A Change in Control while he stays starts the six months of coverage while he is still covered "
                     "as an employee: the overlap is flagged.",
                     "Both triggers in the window: the letter's \"or\" could be argued to pay twice."]),
    Clause("§6.2", "Good Cause",
           "(a) conviction (or plea of guilty or no contest) of embezzlement, theft or misappropriation of Company "
           "property, or of such a felony or a crime of moral turpitude; (b) willful and continued neglect of duties "
           "continuing 30 days after written notice demanding cure; (c) willful failure to abide by Company policies. "
           "Determined only in good faith by a majority of the Board, excluding him, after a reasonable opportunity "
           "to appear with counsel.",
           "Whether a termination stands as one for Good Cause. Ground (b) before notice + 30 days is not yet Good "
           "Cause: the termination is treated as other than for Good Cause, and flagged.",
           "engine.good_cause.is_good_cause",
           quirks=["§6.2(a) joins (i) and (ii) with \"and\": read literally, both convictions would be required "
                   "(one involving Company property and one felony or crime of moral turpitude). The app reads "
                   "either conviction as enough, the evident intent; on the literal reading a single conviction "
                   "would not be Good Cause.",
                   "The last sentence reads \"terminated in accordance for 'Good Cause'\": words are missing "
                   "(perhaps \"in accordance with this Section\"). The app reads it as \"terminated for Good "
                   "Cause\"."]),
    Clause("§6.3", "Change in Control",
           "(a)(i) a merger or consolidation after which the prior shareholders own less than 50% of the survivor's "
           "voting control; (a)(ii) a sale, lease or transfer of all or substantially all assets; (b) any Person "
           "other than Carl Berg (or an entity owned by or affiliated with him) becoming beneficial owner of more "
           "than 50% of the voting control; (c) a liquidation.",
           "A yes/no test from the deal's facts with the deciding sub-clause. Exactly 50% retained is not (a)(i); "
           "exactly 50% acquired is not (b); Carl Berg crossing 50% is not (b).",
           "engine.change_in_control.change_in_control_test",
           quirks=["§6.3(a)(i) reads \"own less that 50%\": a typo for \"less than 50%\", which is how the app "
                   "reads it (exactly 50% is not a Change in Control)."]),
    Clause("§7", "Business Expenses", "Reasonable out-of-pocket business expenses are reimbursed.", "Not computed.",
           status="not computed"),
    Clause("§8", "Dispute Resolution",
           "Arbitration in the county of the Company's principal executive offices.", "Not computed.",
           status="not computed"),
    Clause("§9", "Miscellaneous",
           "Confidentiality agreement required. Employment is at will: either side may end it at any time, with or "
           "without notice or Good Cause.",
           "Not computed. Any termination date is allowed; what it pays follows §3, §4 and §6.",
           status="not computed"),
    Clause("§10", "Resignation",
           "He gives the Board 60 days' advance notice of resignation.",
           "With a notice date, the last day defaults to notice + 60 days; a sooner last day is flagged as short "
           "notice (the letter states no consequence). Resignation triggers no §6.1 payment.",
           "engine.resignation.resignation_flags"),
    Clause("§11", "Eligibility to work",
           "Contingent on the I-9 employment eligibility verification.", "Not computed.", status="not computed"),
]

_BY_REF = {c.ref: c for c in CLAUSES}


def clause(ref: str) -> Clause:
    """One clause by its ref: ``§6.1``, ``§10``, ``Preamble``."""
    return _BY_REF[ref]


# A section starts a line: "1.   Capacity", "10.  Resignation", "     6.1  If during".
_SECTION = re.compile(r"^\s{0,6}(\d{1,2}(?:\.\d)?)\.?\s{2,}", re.M)
# A page break (the filing's "<PAGE>") can fall mid-sentence (§6.2's "in accordance / for
# Good Cause"): drop it with the blank lines around it so the sentence joins up again.
_PAGE_BREAK = re.compile(r"\n\s*<PAGE>\s*\n")
_CLOSING_START = "To indicate your acceptance"
_ACCEPTANCE = re.compile(r"Accepted By .*?\d{4}\.", re.S)


def letter_sections(text: str) -> dict[str, str]:
    """Split the letter's text into its sections, keyed ``Preamble``, ``§1`` … ``§11``,
    ``§6``, ``§6.1`` … ``§6.3``, and ``Closing``.

    Each section's text starts after its number (``§1`` starts "Capacity and
    Duties."), its lines joined into paragraphs separated by a blank line.
    ``Preamble`` is the text before §1 from the salutation on; ``Closing`` is the
    acceptance paragraph after §11 and the Board's acceptance line. Page-break
    markers are dropped. Text that has no numbered sections gives ``{}``.
    """
    text = _PAGE_BREAK.sub("\n", text.replace("\r\n", "\n")).replace("<PAGE>", "")
    found = list(_SECTION.finditer(text))
    sections: dict[str, str] = {}
    if not found:
        return sections
    preamble = text[: found[0].start()]
    salutation = preamble.find("Dear ")
    sections["Preamble"] = _clean(preamble[salutation:] if salutation >= 0 else preamble)
    closing = ""
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        body = text[match.end():end]
        if i + 1 == len(found):
            body, _, closing = body.partition(_CLOSING_START)
            closing = _CLOSING_START + closing if closing else ""
        sections["§" + match.group(1)] = _clean(body)
    if closing:
        paragraph = closing.split("\n\n")[0]
        accepted = _ACCEPTANCE.search(closing)
        parts = [paragraph] + ([accepted.group(0)] if accepted else [])
        sections["Closing"] = _clean("\n\n".join(parts))
    return sections


def _clean(body: str) -> str:
    lines = [line.strip() for line in body.strip().splitlines()]
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


_CITED = re.compile(r"§\d{1,2}(?:\.\d)?")


def cited_clauses(citation: str) -> list[str]:
    """The clauses a citation names, sub-clauses folded into their clause, in order,
    without repeats: ``"§5, §6.1(b)"`` → ``["§5", "§6.1"]``; ``"§4 (plan governs)"`` → ``["§4"]``."""
    out: list[str] = []
    for ref in _CITED.findall(citation or ""):
        if ref not in out:
            out.append(ref)
    return out


def cites(citation: str, ref: str) -> bool:
    """Does ``citation`` name clause ``ref``? ``§6`` is named by ``§6.1(a)`` as well as by ``§6``."""
    return any(r == ref or r.startswith(ref + ".") for r in cited_clauses(citation))
