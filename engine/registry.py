"""One registry per concept: the components of what he receives, and the flags.

Every page, export and chart reads its labels, clauses and help from here, and
the engine builds its line items and flags from here, so a label or a clause is
written once (STYLE.md, "One registry per concept").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from engine.outcome import Flag, Severity, make_flag
from engine.terms import Assumptions, OfferTerms, clause_of


@dataclass(frozen=True)
class Component:
    """One component of what the letter pays (a ``LineItem``/``Payment`` component) or a total."""

    key: str
    label: str  # in a table or a sentence: "Base salary earned"
    short_label: str  # in a column head or a legend: "Salary"
    clause: str
    kind: Literal["cash", "option_value", "total"]
    outcome_field: str  # the ``Outcome`` field holding its amount
    help: str
    header: str = ""  # a narrow table's column head, where the short label is too long: "Buyout"

    @property
    def column_header(self) -> str:
        return self.header or self.short_label

    @property
    def legend(self) -> str:
        """The short label with its clause, for chart legends: ``Salary (§3)``."""
        return f"{self.short_label} ({self.clause})"


COMPONENTS: tuple[Component, ...] = (
    Component("salary", "Base salary earned", "Salary", "§3", "cash", "salary_earned",
              "Salary from the hire date to the last day (or the as-of date), each calendar day at a daily "
              "share of the annual rate, whatever the reason employment ends."),
    Component("signing_buyout", "Sion Power severance buyout", "Sion Power buyout", "§4", "cash", "signing_buyout",
              "The cash buyout of his Sion Power severance agreement, paid on the hire date and owed whatever "
              "happens later.", header="Buyout"),
    Component("severance_lump_sum", "§6.1 lump sum", "Lump sum", "§6.1(a)", "cash", "severance_lump_sum",
              "Paid on a Change in Control or a Company termination other than for Good Cause inside the "
              "protection window at the start of employment, a set number of days after it."),
    Component("health_continuation", "Health continuation (Company cost)", "Health continuation", "§6.1(b)",
              "cash", "health_continuation_cost",
              "Continued group health coverage after the Termination Date, counted for the months that begin "
              "after his last day, at the assumed monthly cost.", header="Health"),
    Component("vested_options", "Vested options (intrinsic value)", "Vested option value", "§4", "option_value",
              "vested_option_value", "Vested shares × max(0, stock price − exercise price).",
              header="Vested options"),
    Component("accelerated_options", "Accelerated options (intrinsic value)", "Accelerated option value",
              "§4 (assumption)", "option_value", "accelerated_option_value",
              "Unvested shares that vest early under the acceleration assumption, valued as the vested ones.",
              header="Accelerated"),
)
TOTALS: tuple[Component, ...] = (
    Component("total_cash", "Total cash (the Company's cost)", "Company cash cost", "§3, §4, §6.1", "total",
              "total_cash", "Salary, the Sion Power buyout, the §6.1 lump sum and health continuation.",
              header="Cash cost"),
    Component("total_value", "Total to him (cash + option value)", "Total", "§3, §4, §6.1", "total",
              "total_value", "Everything he receives: the cash plus the intrinsic value of his options."),
)
COMPONENT: dict[str, Component] = {c.key: c for c in COMPONENTS + TOTALS}


@dataclass(frozen=True)
class Reason:
    """How employment ends (``Termination.reason``), as a sentence, a table row and a legend say it."""

    key: str
    label: str  # "Terminated by the Company without Good Cause"
    event_label: str  # a row of the termination matrix: "Termination without Good Cause"
    short_label: str  # a legend: "Without Good Cause"


REASONS: tuple[Reason, ...] = (
    Reason("without_good_cause", "Terminated by the Company without Good Cause", "Termination without Good Cause",
           "Without Good Cause"),
    Reason("good_cause", "Terminated by the Company for Good Cause", "Termination for Good Cause", "For Good Cause"),
    Reason("resignation", "Resignation", "Resignation", "Resignation"),
    Reason("death", "Death", "Death", "Death"),
    Reason("disability", "Terminated by the Company for disability", "Termination for disability", "Disability"),
)
REASON: dict[str, Reason] = {r.key: r for r in REASONS}
# No termination: the choice beside the reasons wherever "still employed" can be picked.
STILL_EMPLOYED = Reason("none", "Still employed (no termination)", "Still employed", "Still employed")


@dataclass(frozen=True)
class Measure:
    """A figure a page can be drawn by: the total to him, the Company's cash cost, the option value."""

    key: str  # the ``Outcome`` and ``GridResult`` field
    label: str  # a card, a colour legend, an axis: "Total to him"
    words: str  # inside a sentence: "Highest total to him"
    selector_label: str  # beside the others in a choice of lines: "To the executive"
    description: str
    clause: str
    depends_on_price: bool


MEASURES: tuple[Measure, ...] = (
    Measure("total_value", "Total to him", "total to him", "To the executive",
            "Everything he receives: salary earned to the last day, the Sion Power buyout, the §6.1 lump sum and "
            "health continuation, plus the intrinsic value of his vested (and any accelerated) options",
            "§3, §4, §6.1", True),
    Measure("total_cash", "Company's cash cost", "cash cost to the Company", COMPONENT["total_cash"].short_label,
            "What the Company pays in cash: salary earned to the last day, the Sion Power buyout, the §6.1 lump "
            "sum and health continuation. Options are not cash, so the stock price does not change it",
            "§3, §4, §6.1", False),
    Measure("option_intrinsic_value", "Option value", "option value", "Option value",
            "Intrinsic value of the options he keeps: vested (and any accelerated) shares × (stock price − "
            "exercise price), never below zero",
            "§4", True),
)
MEASURE: dict[str, Measure] = {m.key: m for m in MEASURES}


@dataclass(frozen=True)
class Choice:
    """One value of an acceleration assumption (the letter is silent; the plan governs)."""

    field: str  # the ``Assumptions`` field: ``cic_acceleration`` or ``unvested_at_termination``
    key: str
    label: str  # the sidebar's choice: "Single trigger: all vest at the Change in Control"
    short_label: str  # a term sheet's column: "Single trigger"
    words: str  # inside a sentence: "single trigger (all unvested vest at the Change in Control)"

    @property
    def clause(self) -> str:
        return clause_of(Assumptions, self.field)


CHOICES: tuple[Choice, ...] = (
    Choice("cic_acceleration", "none", "None", "None", "none"),
    Choice("cic_acceleration", "single_trigger", "Single trigger: all vest at the Change in Control",
           "Single trigger", "single trigger (all unvested vest at the Change in Control)"),
    Choice("cic_acceleration", "double_trigger", "Double trigger: all vest on a later termination without Good Cause",
           "Double trigger",
           "double trigger (all unvested vest on a termination other than for Good Cause after it)"),
    Choice("unvested_at_termination", "forfeit", "Forfeited (usual plan term)", "Forfeited", "forfeited"),
    Choice("unvested_at_termination", "accelerate", "All vest on a Company termination other than for Good Cause",
           "All vest", "all vest on a Company termination other than for Good Cause"),
)
CHOICE: dict[str, dict[str, Choice]] = {
    name: {c.key: c for c in CHOICES if c.field == name} for name in dict.fromkeys(c.field for c in CHOICES)}


Unit = Literal["$", "months", "%", "shares", "installments", "choice"]


@dataclass(frozen=True)
class NegotiableTerm:
    """A term a negotiated variant can change: a field of ``OfferTerms``, or an acceleration
    assumption a proposal may write into the letter. The clause is the model field's."""

    key: str  # the field's name
    label: str  # a term sheet's row: "§6.1 lump sum, $"
    short_label: str  # inside a sentence or a message: "lump sum"
    unit: Unit

    @property
    def model(self) -> type[OfferTerms] | type[Assumptions]:
        return OfferTerms if self.key in OfferTerms.model_fields else Assumptions

    @property
    def clause(self) -> str:
        return clause_of(self.model, self.key)


NEGOTIABLE_TERMS: tuple[NegotiableTerm, ...] = (
    NegotiableTerm("severance_lump_sum", "§6.1 lump sum, $", "lump sum", "$"),
    NegotiableTerm("protection_months", "§6.1 window, months from hire", "protection window", "months"),
    NegotiableTerm("health_continuation_months", "Health continuation, months", "health continuation", "months"),
    NegotiableTerm("base_salary", "Base salary, $ a year", "base salary", "$"),
    NegotiableTerm("sion_buyout", "Sion Power buyout, $", "Sion Power buyout", "$"),
    NegotiableTerm("option_shares", "Option shares granted", "option shares", "shares"),
    NegotiableTerm("immediate_vest_pct", "Vest on the hire date, % of the grant", "vesting on hire", "%"),
    NegotiableTerm("first_anniversary_pct", "Vest on the first anniversary, % of the rest",
                   "vesting on the first anniversary", "%"),
    NegotiableTerm("quarterly_installments", "Quarterly installments after it", "quarterly installments",
                   "installments"),
    NegotiableTerm("cic_acceleration", "Acceleration on a Change in Control", "acceleration on a Change in Control",
                   "choice"),
    NegotiableTerm("double_trigger_months", "Double-trigger window, months", "double-trigger window", "months"),
    NegotiableTerm("unvested_at_termination", "Unvested options at termination", "unvested options at termination",
                   "choice"),
)
NEGOTIABLE_TERM: dict[str, NegotiableTerm] = {t.key: t for t in NEGOTIABLE_TERMS}


@dataclass(frozen=True)
class FlagKind:
    """One kind of flag: its code, severity, clause and message template (``str.format`` fields)."""

    code: str
    severity: Severity
    clause: str
    template: str
    # Flags about the whole table rather than one row of the Termination matrix.
    shared: bool = False

    def matches(self, flag: Flag) -> bool:
        return flag.code == self.code

    def make(self, clause: str | None = None, **values) -> Flag:
        return make_flag(self.code, self.severity, self.template.format(**values), clause or self.clause)


_KINDS = (
    FlagKind("as_of_ignored", "info", "§3, §4",
             "With a termination the figures are as of the last day employed, {last_day}; the as-of date "
             "{as_of} is not used."),
    FlagKind("as_of_defaulted", "assumption", "§4",
             "No as-of date given: figures are as of full vesting, {as_of}, still employed."),
    FlagKind("death_silent", "warning", "§6.1",
             "Death ends employment without a Company termination: §6.1 pays nothing on it. The letter is silent "
             "on death; the option plan and any insurance govern."),
    FlagKind("disability_other_than_good_cause", "info", "§6.1",
             "A Company termination for disability is a termination for other than Good Cause, so §6.1 pays if "
             "it falls in the first {months} months."),
    FlagKind("not_a_change_in_control", "warning", "§6.3",
             "Not a Change in Control: {explanation} Nothing under §6.1 is triggered by it."),
    FlagKind("change_in_control_assumed", "assumption", "§6.3",
             "The event on {on} is taken to be a Change in Control under §6.3 (no deal facts were given to test).",
             shared=True),
    FlagKind("change_in_control_after_employment", "info", "§6.1",
             "The Change in Control on {on} comes after the last day employed ({last_day}); it triggers nothing "
             "for him."),
    FlagKind("change_in_control_after_as_of", "info", "§6.1",
             "The Change in Control on {on} is after the as-of date {as_of}; it has not happened yet in these "
             "figures."),
    FlagKind("change_in_control_outside_window", "info", "§6.1",
             "The Change in Control on {on} falls after {window}: no lump sum or health continuation."),
    FlagKind("termination_outside_window", "info", "§6.1",
             "The termination on {on} falls after {window}: only salary to the last day, benefits, expense "
             "reimbursement and indemnification are owed."),
    FlagKind("second_trigger", "warning", "§6.1",
             "Both a Change in Control ({cic}) and a termination other than for Good Cause ({last_day}) fall in "
             "the first {months} months. The first pays once here; a second payment could be argued from the "
             "letter's \"or\"."),
    FlagKind("health_premium_assumed", "assumption", "§5, §6.1(b)",
             "Health continuation valued at {premium} a month, the Company's assumed cost of group coverage "
             "including dependents (coverage, or COBRA premiums if the carrier will not continue it).", shared=True),
    FlagKind("health_overlaps_employment", "warning", "§6.1(b)",
             "The {months} months of coverage follow the Termination Date {on} while he is still employed for "
             "{overlap} of them: only months that begin after his last day are counted (a month he is employed "
             "for part of costs nothing beyond his ordinary coverage). Whether a later termination restarts the "
             "{months} months is not settled by the letter."),
    FlagKind("exercise_window_assumed", "assumption", "§4 (plan governs)",
             "Vested options assumed exercisable for {days} days after the last day, until {deadline}; the letter "
             "is silent and the stock option plan governs.", shared=True),
    FlagKind("unvested_forfeited", "assumption", "§4 (plan governs)",
             "{shares:,} unvested shares assumed forfeited on the last day; the letter is silent and the stock "
             "option plan governs.", shared=True),
    FlagKind("acceleration_assumed", "assumption", "§4, §6.3 (plan governs)",
             "{shares:,} shares vest early on {on} by {how}: a negotiation choice, not in the letter."),
    FlagKind("no_acceleration_assumed", "assumption", "§4 (plan governs)",
             "No vesting acceleration on the Change in Control is assumed; the letter is silent and the stock "
             "option plan governs.", shared=True),
    FlagKind("salary_day_count", "info", "§3",
             "Salary accrues for each calendar day employed at 1/{days_per_year} of the annual rate, the hire "
             "date and the last day included.", shared=True),
    FlagKind("raise_assumed", "assumption", "§3",
             "A raise of {pct:g}% is assumed at each Adjustment Date ({dates}); the Board may raise the salary "
             "but never lower it.", shared=True),
    FlagKind("adjustment_on_hire_date", "info", "§3",
             "The hire date {hire} is itself an Adjustment Date: there is nothing yet to review, so the assumed "
             "{pct:g}% raise starts at the next one.", shared=True),
    FlagKind("benefits_not_valued", "info", "§6.1, §6.2, §7",
             "Benefits, expense reimbursement and indemnification for acts as CEO remain owed whatever the "
             "reason; they are not valued here.", shared=True),
    FlagKind("good_cause_procedure", "info", "§6.2",
             "Good Cause can be determined only by the good-faith action of a majority of the Board (not counting "
             "him) after a reasonable opportunity for him and his counsel to appear."),
    FlagKind("good_cause_ground_unstated", "assumption", "§6.2",
             "No Good Cause ground is stated; the termination is taken to stand as one for Good Cause."),
    FlagKind("conviction_and_quirk", "warning", "§6.2(a)",
             "§6.2(a) joins (i) and (ii) with \"and\"; read literally it would need both convictions. Taken here "
             "as either conviction sufficing; the other reading would make this termination other than for Good "
             "Cause."),
    FlagKind("neglect_inside_cure_period", "warning", "§6.2(b)",
             "Written notice on {notice} starts a {days}-day cure period; neglect is Good Cause only from "
             "{cure_end}. A termination on {last_day} is therefore treated as other than for Good Cause, and §6.1 "
             "pays if it falls in the window."),
    FlagKind("resignation_notice_unknown", "info", "§10",
             "No notice date given: §10 asks for {days} days' advance notice, which cannot be checked."),
    FlagKind("resignation_last_day_defaulted", "assumption", "§10",
             "Last day taken as {last_day}: notice on {notice} plus the {days} days §10 requires."),
    FlagKind("resignation_short_notice", "warning", "§10",
             "Short notice: the last day {last_day} is {short} days sooner than the {days} days' notice from "
             "{notice} that §10 requires ({earliest}). The letter states no consequence."),
)
FLAGS: dict[str, FlagKind] = {kind.code: kind for kind in _KINDS}
SHARED_FLAG_CODES: frozenset[str] = frozenset(kind.code for kind in _KINDS if kind.shared)


def flag(code: str, clause: str | None = None, **values) -> Flag:
    """The flag ``code`` with its message filled in from ``values``."""
    return FLAGS[code].make(clause, **values)
