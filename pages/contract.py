"""Contract: the letter clause by clause, next to how the app reads it and what it
computes from it for the scenario in the sidebar, with the drafting quirks
flagged, and two checks a board member can run before acting:

* "Is it a Change in Control?" (§6.3), inputs ``c63_*``;
* "Is it Good Cause yet?" (§6.2(b)), inputs ``c62_*``.

The letter's text is read from ``contract/offer-letter-2005-07-08.txt`` here (the
engine stays free of I/O) and split by ``engine.clauses.letter_sections``. Every
figure comes from the engine (``ui.state.current()``, ``ui.state.evaluate_cached``,
``engine.change_in_control``, ``engine.good_cause``); this page only reads inputs,
calls the engine and draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any, get_args

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from engine.change_in_control import change_in_control_test
from engine.clauses import CLAUSES, Clause, cites, letter_sections
from engine.dates import MAX_DATE, MIN_DATE
from engine.errors import describe_validation_error
from engine.good_cause import cure_period_end, good_cause_flags, is_good_cause
from engine.outcome import Flag, Outcome
from engine.registry import COMPONENT, FLAGS
from engine.scenario import (
    DEAL_LABELS,
    GROUND_LABELS,
    REASON_LABELS,
    ChangeInControlFacts,
    DealType,
    GoodCauseGround,
    Scenario,
    Termination,
)
from ui import terms_text as T
from ui import format as F
from ui import layout
from ui import params as P
from ui import state
from ui.sidebar import draw_input, show_errors

LETTER_FILE = Path(__file__).resolve().parents[1] / "contract" / "offer-letter-2005-07-08.txt"


# --------------------------------------------------------------------------
# The page's inputs: they live in the link like the sidebar's
# --------------------------------------------------------------------------


def _is(name: str, value: Any, default: Any) -> Any:
    return lambda values: values.get(name, default) == value


C63_SPECS: tuple[P.ParamSpec, ...] = (
    P.ParamSpec(
        name="c63_deal_type", kind="choice", default="merger", label="What happened",
        help="The kind of deal: a merger or consolidation (§6.3(a)(i)), a sale, lease or transfer of assets "
             "(§6.3(a)(ii)), a Person acquiring voting securities (§6.3(b)) or a liquidation (§6.3(c)).",
        clause="§6.3", choices=tuple(get_args(DealType)), choice_labels=DEAL_LABELS, group="extension",
    ),
    P.ParamSpec(
        name="c63_retained_pct", kind="float", default=T.LETTER_TERMS.merger_retained_threshold_pct, optional=True,
        label="Prior shareholders' share of the survivor's voting control, %", unit="%",
        help=T.retained_help(T.LETTER_TERMS),
        clause="§6.3(a)(i)", min_value=0.0, max_value=100.0, step=1.0, format="%.2f", group="extension",
        condition=_is("c63_deal_type", "merger", "merger"),
    ),
    P.ParamSpec(
        name="c63_all_assets", kind="bool", default=True, label="All or substantially all of the assets",
        help="A sale, lease or other transfer (in one transaction or a series of related ones) is a Change in "
             "Control only if it covers all or substantially all of the Company's assets (§6.3(a)(ii)).",
        clause="§6.3(a)(ii)", group="extension", condition=_is("c63_deal_type", "asset_sale", "merger"),
    ),
    P.ParamSpec(
        name="c63_acquirer_pct", kind="float", default=T.LETTER_TERMS.acquirer_threshold_pct, optional=True,
        label="Acquirer's share of the Company's voting control, %", unit="%",
        help=T.acquirer_help(T.LETTER_TERMS),
        clause="§6.3(b)", min_value=0.0, max_value=100.0, step=1.0, format="%.2f", group="extension",
        condition=_is("c63_deal_type", "acquisition", "merger"),
    ),
    P.ParamSpec(
        name="c63_acquirer_is_berg", kind="bool", default=False,
        label=T.carve_out_label(T.LETTER_TERMS), help=T.carve_out_help(T.LETTER_TERMS),
        clause="§6.3(b)", group="extension", condition=_is("c63_deal_type", "acquisition", "merger"),
    ),
)

# Short enough to read in the box; the help text gives the letter's words.
_GROUND_CHOICES = {"conviction": "(a) Conviction", "neglect": "(b) Neglect, after written notice",
                   "policy": "(c) Not abiding by Company policies"}

C62_SPECS: tuple[P.ParamSpec, ...] = (
    P.ParamSpec(
        name="c62_ground", kind="choice", default="neglect", label="Good Cause ground",
        help=T.ground_help(T.LETTER_TERMS),
        clause="§6.2", choices=tuple(get_args(GoodCauseGround)), choice_labels=_GROUND_CHOICES, group="extension",
    ),
    P.ParamSpec(
        name="c62_notice_date", kind="date", default=dt.date(2006, 3, 1), optional=True,
        label="Written notice demanding cure, received on",
        help=T.notice_help(T.LETTER_TERMS),
        clause="§6.2(b)", min_value=MIN_DATE, max_value=MAX_DATE, group="extension",
        condition=_is("c62_ground", "neglect", "neglect"),
    ),
    P.ParamSpec(
        name="c62_termination_date", kind="date", default=dt.date(2006, 3, 30), optional=True,
        label="Intended termination date (last day employed)",
        help=T.termination_date_help(T.LETTER_TERMS),
        clause="§6.1, §6.2", min_value=MIN_DATE, max_value=MAX_DATE, group="extension",
    ),
)

PAGE_SPECS = C63_SPECS + C62_SPECS
_SPEC_BY_NAME = {s.name: s for s in PAGE_SPECS}
# Engine field paths → this page's inputs, for error messages that name the input. A model
# validated on its own reports ``date``; inside a scenario, ``termination.date``.
_C63_FIELDS = {f"{prefix}{field}": name for prefix in ("", "change_in_control.facts.") for field, name in {
    "deal_type": "c63_deal_type", "shareholders_retained_pct": "c63_retained_pct",
    "all_or_substantially_all_assets": "c63_all_assets", "acquirer_pct": "c63_acquirer_pct",
    "acquirer_is_berg": "c63_acquirer_is_berg"}.items()}
_C62_FIELDS = {f"{prefix}{field}": name for prefix in ("", "termination.") for field, name in {
    "good_cause_ground": "c62_ground", "notice_date": "c62_notice_date", "date": "c62_termination_date"}.items()}


def _labelled(lines: list[str], fields: Mapping[str, str]) -> list[str]:
    """Engine messages with the page input they are about named first:
    ``Acquirer's share … % (c63_acquirer_pct): … (§6.3(b))``."""
    out = []
    for line in lines:
        path, sep, rest = line.partition(": ")
        name = fields.get(path) if sep else None
        if name is None:
            out.append(line)
            continue
        spec = _SPEC_BY_NAME[name]
        text = F.with_clause(rest, spec.clause) if spec.clause not in rest else rest
        out.append(f"{spec.label} ({name}): {text}")
    return out


# --------------------------------------------------------------------------
# Small drawing helpers
# --------------------------------------------------------------------------


def _metrics(items: list[tuple[str, str, str, str]], per_row: int = 2) -> None:
    """(label, value, caption, help) as bordered metric cards, up to ``per_row`` to a row
    and fewer where a figure would not fit whole (``ui.layout.metric_grid``)."""
    cards = layout.metric_grid(per_row)
    for label, value, caption, help_text in items:
        with cards.cell():
            st.metric(F.md_label(label), value, help=F.md(help_text) if help_text else None)
            if caption:
                st.caption(F.md(caption))


def _show_flags(flags: list[Flag]) -> None:
    for flag in flags:
        if flag.severity == "warning":
            st.warning(F.md(F.with_clause(flag.message, flag.clause)), icon=":material/warning:")
    for flag in flags:
        if flag.severity == "assumption":
            st.info(F.md("Assumption: " + F.with_clause(flag.message, flag.clause)), icon=":material/info:")
    for flag in flags:
        if flag.severity not in ("warning", "assumption"):
            st.caption(F.md(F.with_clause(flag.message, flag.clause)))


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _lump_sum_explanation(outcome: Outcome) -> str:
    for item in outcome.line_items:
        if item.component == "severance_lump_sum":
            return item.explanation
    return ""


def _read_letter() -> tuple[dict[str, str], str | None]:
    try:
        return letter_sections(LETTER_FILE.read_text(encoding="utf-8")), None
    except OSError as exc:
        return {}, (f"The letter's text could not be read from contract/{LETTER_FILE.name} "
                    f"({exc.__class__.__name__}); the readings below still apply.")


# --------------------------------------------------------------------------
# What the app computes from each clause, for the sidebar's scenario
# --------------------------------------------------------------------------


def _situation(scenario: Scenario, outcome: Outcome) -> str:
    if outcome.employed:
        when = (f"figures as of {F.date(outcome.as_of)}"
                + (" (full vesting: no as-of date is set)" if scenario.as_of is None else ""))
        text = f"Still employed, {when}"
    else:
        reason = scenario.termination.reason if scenario.termination else ""
        text = f"{REASON_LABELS.get(reason, reason)}, last day employed {F.date(outcome.last_day)}"
    if scenario.change_in_control is not None:
        text += f"; a Change in Control on {F.date(scenario.change_in_control.date)}"
    return f"The live figures below are for the scenario in the sidebar. {text}."


def _headline(ref: str, scenario: Scenario | None, outcome: Outcome | None) -> str:
    """A few words for the clause's title bar: its figure for this scenario."""
    if scenario is None or outcome is None:
        return ""
    if ref == "§3":
        return f"salary earned {F.money(outcome.salary_earned)}"
    if ref == "§4":
        return (f"{F.shares(outcome.vested_shares + outcome.accelerated_shares)} shares vested, "
                f"worth {F.money(outcome.option_intrinsic_value)}")
    if ref == "§5":
        return f"health cover assumed at {F.money(scenario.assumptions.monthly_health_premium)} a month"
    if ref == "§6.1":
        if outcome.severance_payment_date is None:
            return "not triggered"
        return f"{F.money(outcome.severance_lump_sum)} paid {F.date(outcome.severance_payment_date)}"
    if ref == "§6.2":
        if scenario.termination is None or scenario.termination.reason != "good_cause":
            return "no Good Cause termination in this scenario"
        return ("stands as Good Cause" if outcome.effective_reason == "good_cause"
                else "not Good Cause: treated as without Good Cause")
    if ref == "§6.3":
        if scenario.change_in_control is None:
            return "no Change in Control in this scenario"
        test = outcome.change_in_control_test
        if test is None:
            return "a Change in Control (assumed)"
        return f"{'a' if test.is_change_in_control else 'not a'} Change in Control ({test.clause})"
    if ref == "§10":
        if scenario.termination is None or scenario.termination.reason != "resignation":
            return "no resignation in this scenario"
        return f"last day {F.date(outcome.last_day)}"
    return ""


def _live_figures(ref: str, scenario: Scenario, outcome: Outcome) -> None:
    """The clause's figures for the sidebar's scenario, from the engine's outcome."""
    assume = scenario.assumptions
    terms = scenario.terms
    if ref == "§3":
        _metrics([
            ("Salary earned (§3)", F.money(outcome.salary_earned),
             f"{F.date(scenario.hire_date)} to {F.date(outcome.as_of)}, both days included",
             f"Each calendar day employed at 1/{terms.days_per_year} of the annual rate (§3)."),
            ("Salary rate at the end (§3)", f"{F.money(outcome.salary_rate)} a year",
             f"after an assumed raise of {F.percent(assume.annual_raise_pct)} at each Adjustment Date",
             "The raise is an assumption: the Board may raise the salary but never lower it (§3)."),
        ])
    elif ref == "§4":
        parts = F.shares_parts(outcome, terms.option_shares, plus=True)
        if outcome.option_exercise_deadline is not None:
            deadline_caption = (f"assumption: {assume.exercise_window_days} days after the last day; "
                                "the option plan governs")
        else:
            deadline_caption = "no deadline while he is employed"
        _metrics([
            ("Vested shares (§4)", F.shares(outcome.vested_shares), ", ".join(parts),
             "Shares vested under the §4 schedule by the date the figures are as of."),
            ("Option value, intrinsic (§4)", F.money(outcome.option_intrinsic_value),
             f"vested shares × ({F.money(scenario.stock_price, cents=True)} stock − "
             f"{F.money(scenario.exercise_price, cents=True)} exercise), if positive",
             "Intrinsic value = vested shares × max(0, stock price − exercise price) (§4)."),
            ("Vested options exercisable until", F.date(outcome.option_exercise_deadline), deadline_caption,
             "The letter is silent on the exercise window; the stock option plan governs (§4)."),
            ("Grant-date fair value", F.money(outcome.grant_date_fair_value_total),
             f"Assumption-based: {F.money(outcome.grant_date_fair_value_per_option, cents=True)} an option by "
             "Black-Scholes, on the "
             f"assumed volatility ({F.percent(assume.volatility_pct)}), risk-free rate "
             f"({F.percent(assume.risk_free_rate_pct)}), expected term ({assume.expected_term_years:g} years) and "
             f"dividend yield ({F.percent(assume.dividend_yield_pct)})",
             "What the Board books as expense. Not in the letter: an estimate that moves with the valuation "
             "assumptions in the sidebar (§4)."),
            (COMPONENT["signing_buyout"].legend, F.money(outcome.signing_buyout), f"cash, paid {F.date(scenario.hire_date)}",
             "Owed whatever happens later (§4)."),
        ])
    elif ref == "§5":
        _metrics([
            ("Company's monthly cost of health cover", F.money(assume.monthly_health_premium),
             "an assumption (the letter states no value); it values the §6.1(b) months",
             "Group health coverage including dependents (§5, §6.1(b))."),
        ])
    elif ref == "§6.1":
        if outcome.severance_termination_date is not None:
            trigger = ("a Change in Control" if outcome.severance_trigger == "change_in_control"
                       else "a termination other than for Good Cause")
            _metrics([
                ("§6.1(a) lump sum", F.money(outcome.severance_lump_sum),
                 f"paid {F.date(outcome.severance_payment_date)}, {T.payment_day(terms)} after the Termination Date",
                 f"One lump sum, paid on {T.payment_day(terms)} after the Termination Date (§6.1(a))."),
                ("§6 Termination Date", F.date(outcome.severance_termination_date), f"the date of {trigger}",
                 "The date of the Change in Control or of the termination (§6.1)."),
                ("§6.1(b) health continuation", F.money(outcome.health_continuation_cost),
                 f"{outcome.health_continuation_months} of {terms.health_continuation_months} months counted, at "
                 f"the assumed {F.money(assume.monthly_health_premium)} a month",
                 "Only months after his last day employed cost the Company anything extra (§6.1(b))."),
            ])
        else:
            _metrics([
                ("§6.1(a) lump sum", F.money(outcome.severance_lump_sum), "not triggered",
                 "Paid only on a Change in Control or a Company termination other than for Good Cause in "
                 f"{T.window(terms)} (§6.1)."),
            ])
            st.info(F.md(F.with_clause(_lump_sum_explanation(outcome), "§6.1")), icon=":material/info:")
        st.caption(F.md(T.window_caption(terms, scenario.hire_date, outcome.protection_window_end)))
    elif ref == "§6.2":
        t = scenario.termination
        if t is None or t.reason != "good_cause":
            st.caption(F.md("The sidebar's scenario has no termination for Good Cause, so §6.2 decides nothing "
                            "here. Try the Good Cause timing check below."))
        else:
            stands = outcome.effective_reason == "good_cause"
            treated = REASON_LABELS.get(outcome.effective_reason or "", outcome.effective_reason or "")
            ground = GROUND_LABELS.get(t.good_cause_ground or "", "not stated")
            _metrics([
                ("Stands as Good Cause? (§6.2)", _yes_no(stands),
                 f"ground {ground}" + ("" if stands else f"; treated as: {treated}"),
                 T.cure_rule(terms)),
            ])
    elif ref == "§6.3":
        cic = scenario.change_in_control
        if cic is None:
            st.caption(F.md("The sidebar's scenario has no Change in Control. Test a deal with the check below."))
        elif outcome.change_in_control_test is None:
            _metrics([
                ("Change in Control? (§6.3)", "Yes (assumed)", f"on {F.date(cic.date)}; no deal facts given",
                 "Without deal facts the event is taken to be a Change in Control (an assumption)."),
            ])
        else:
            test = outcome.change_in_control_test
            _metrics([
                ("Change in Control? (§6.3)", _yes_no(test.is_change_in_control),
                 f"on {F.date(cic.date)}; {test.clause}: {test.explanation}",
                 "The §6.3 test on the deal facts in the sidebar."),
            ])
    elif ref == "§10":
        t = scenario.termination
        if t is None or t.reason != "resignation":
            st.caption(F.md("The sidebar's scenario has no resignation."))
        else:
            notice = f"notice given {F.date(t.notice_date)}" if t.notice_date else "no notice date given"
            _metrics([
                ("Last day employed (§10)", F.date(outcome.last_day), notice,
                 T.resignation_rule(terms)),
            ])
    _show_flags([f for f in outcome.flags if cites(f.clause, ref)])


# --------------------------------------------------------------------------
# Clause by clause
# --------------------------------------------------------------------------

_ICONS = {"computed": ":material/calculate:", "partly computed": ":material/calculate:",
          "not computed": ":material/article:"}


def _letter_text(c: Clause, sections: dict[str, str]) -> str:
    if c.ref == "Preamble":
        parts = [sections.get("Preamble", ""), sections.get("Closing", "")]
        return "\n\n".join(p for p in parts if p)
    return sections.get(c.ref, "")


def _clause_expander(c: Clause, sections: dict[str, str], scenario: Scenario | None,
                     outcome: Outcome | None) -> None:
    name = "Preamble: conditions precedent" if c.ref == "Preamble" else f"{c.ref} {c.title}"
    headline = _headline(c.ref, scenario, outcome)
    status = c.status if c.status != "computed" else ""
    tail = " · ".join(x for x in (headline, status, "drafting quirk" if c.quirks else "") if x)
    label = f"{name} — {tail}" if tail else name
    icon = ":material/warning:" if c.quirks else _ICONS[c.status]
    with st.expander(F.md_label(label), icon=icon):
        left, right = st.columns([1, 1], gap="large")
        with left:
            st.markdown("**The letter**")
            text = _letter_text(c, sections)
            with st.container(border=True):
                if text:
                    for paragraph in text.split("\n\n"):
                        st.markdown(F.md(paragraph))
                else:
                    st.caption("The letter's text is not available.")
        with right:
            st.markdown("**How the app reads it**")
            st.markdown(F.md(c.reading))
            st.markdown("**What the app computes**")
            st.markdown(F.md(c.computes))
            for quirk in c.quirks:
                st.warning(F.md(F.with_clause("Drafting quirk: " + quirk, c.ref)), icon=":material/warning:")
            for silence in c.silences:
                st.info(F.md(F.with_clause("Silence or ambiguity: " + silence, c.ref)), icon=":material/help:")
        if c.status != "not computed" or (outcome is not None and any(cites(f.clause, c.ref)
                                                                       for f in outcome.flags)):
            st.markdown("**For the scenario in the sidebar**")
            if scenario is None or outcome is None:
                st.caption("Fix the scenario in the sidebar to see this clause's figures.")
            else:
                _live_figures(c.ref, scenario, outcome)


def _clauses(sections: dict[str, str], scenario: Scenario | None, outcome: Outcome | None) -> None:
    st.header("Clause by clause")
    st.caption(F.md("Open a clause for the letter's words, how the app reads them, and what it computes from "
                    "them for the sidebar's scenario. The title bar shows the clause's figure."))
    for c in CLAUSES:
        if c.ref == "§6.1":
            heading = sections.get("§6", "Payments on Change in Control or Termination for Other than Good Cause.")
            st.markdown(f"**§6 {F.md(heading.rstrip('.'))}**")
        _clause_expander(c, sections, scenario, outcome)


def _quirks() -> None:
    st.header("Drafting quirks the Board should know")
    lines = [f"- {F.md(F.with_clause(quirk, c.ref))}" for c in CLAUSES for quirk in c.quirks]
    st.warning("\n".join(lines), icon=":material/warning:")


# --------------------------------------------------------------------------
# §6.3: is it a Change in Control?
# --------------------------------------------------------------------------

def _change_in_control_check() -> None:
    st.header("Is it a Change in Control? (§6.3)")
    st.caption(F.md(T.change_in_control_caption(T.LETTER_TERMS)))
    inputs, result = st.columns([1, 1.4], gap="large")
    with inputs:
        draw_input(state.spec("c63_deal_type"))
        values = state.values()
        for name in ("c63_retained_pct", "c63_all_assets", "c63_acquirer_pct", "c63_acquirer_is_berg"):
            if P.applies(state.spec(name), values):
                draw_input(state.spec(name))
        values = state.values()
    with result:
        try:
            facts = ChangeInControlFacts.model_validate(P.cic_facts_data(values, "c63_"))
        except ValidationError as exc:
            st.error(F.md("The §6.3 test needs these facts fixed:"), icon=":material/error:")
            show_errors(_labelled(describe_validation_error(exc), _C63_FIELDS))
        else:
            test = change_in_control_test(facts)
            if test.is_change_in_control:
                st.success(f"**Yes: a Change in Control, under {F.md(test.clause)}.** {F.md(test.explanation)}",
                           icon=":material/check_circle:")
            else:
                st.info(f"**No: not a Change in Control under {F.md(test.clause)}.** {F.md(test.explanation)}",
                        icon=":material/block:")
        st.markdown("**The boundaries** (each row is the §6.3 test run on those facts)")
        rows = []
        for description, data in T.boundaries(T.LETTER_TERMS):
            boundary = change_in_control_test(ChangeInControlFacts.model_validate(data))
            rows.append({"Facts": F.md(description),
                         "Change in Control?": F.md(f"{_yes_no(boundary.is_change_in_control)}, {boundary.clause}"),
                         "Why": F.md(boundary.explanation)})
        st.table(pd.DataFrame(rows), hide_index=True,
                 alt="Where the §6.3 test turns: facts, whether they are a Change in Control under which "
                     "sub-clause, and why.")


# --------------------------------------------------------------------------
# §6.2: is it Good Cause yet?
# --------------------------------------------------------------------------


def _good_cause_check(scenario: Scenario | None) -> None:
    st.header("Is it Good Cause yet? (§6.2(b))")
    terms = scenario.terms if scenario is not None else T.LETTER_TERMS
    st.caption(F.md(T.good_cause_caption(terms)))
    inputs, result = st.columns([1, 1.4], gap="large")
    with inputs:
        draw_input(state.spec("c62_ground"))
        values = state.values()
        if P.applies(state.spec("c62_notice_date"), values):
            draw_input(state.spec("c62_notice_date"))
        draw_input(state.spec("c62_termination_date"))
        values = state.values()
    ground = values["c62_ground"]
    try:
        termination = Termination(
            reason="good_cause", good_cause_ground=ground, date=values["c62_termination_date"],
            notice_date=values["c62_notice_date"] if ground == "neglect" else None,
        )
    except ValidationError as exc:
        with result:
            st.error(F.md("The Good Cause check needs these inputs fixed:"), icon=":material/error:")
            show_errors(_labelled(describe_validation_error(exc), _C62_FIELDS))
        return
    stands = is_good_cause(termination, terms)
    flags = good_cause_flags(termination, terms)
    last_day = termination.last_day(terms)
    first_day = None
    with result:
        if ground == "neglect" and termination.notice_date is not None:
            first_day = cure_period_end(termination.notice_date, terms)
            if stands:
                why = (f"The neglect has continued the {terms.cure_period_days} days after the written notice of "
                       f"{F.date(termination.notice_date)}: it is Good Cause from {F.date(first_day)}, and "
                       f"{F.date(last_day)} is on or after that day.")
                st.success(f"**{F.md('Good Cause under §6.2(b).')}** {F.md(why)}", icon=":material/gavel:")
            else:
                # The engine's own flag says why, with the dates; it heads the verdict.
                inside = [f for f in flags if FLAGS["neglect_inside_cure_period"].matches(f)]
                flags = [f for f in flags if f not in inside]
                why = " ".join(f.message for f in inside)
                verdict = "Not yet Good Cause under §6.2(b): treated as a termination without Good Cause."
                st.warning(f"**{F.md(verdict)}** {F.md(why)}", icon=":material/warning:")
        else:
            clause = "§6.2(a)" if ground == "conviction" else "§6.2(c)"
            why = "No waiting period applies to this ground."
            st.success(f"**{F.md(f'Good Cause under {clause}.')}** {F.md(why)}", icon=":material/gavel:")
        _show_flags(flags)

    st.markdown(f"**If he is terminated on {F.md(F.date(last_day))}: what the letter gives him**")
    if scenario is None:
        st.caption("Fix the scenario in the sidebar to see what §6.1 would pay.")
        return
    try:
        checked = scenario.with_changes(as_of=None, termination=termination)
    except ValidationError as exc:
        show_errors(_labelled(describe_validation_error(exc), _C62_FIELDS))
        return
    outcome = state.evaluate_cached(checked)
    stands_after = outcome.effective_reason == "good_cause"
    cards = []
    if first_day is not None:
        cards.append(("Good Cause from", F.date(first_day),
                      f"written notice {F.date(termination.notice_date)} + {terms.cure_period_days} days (§6.2(b))",
                      T.cure_rule(terms)))
    cards += [
        ("Good Cause? (§6.2)", _yes_no(stands_after),
         "treated as: " + REASON_LABELS.get(outcome.effective_reason or "", outcome.effective_reason or ""),
         "How the termination stands under the letter (§6.2)."),
        ("§6.1 lump sum", F.money(outcome.severance_lump_sum),
         f"paid {F.date(outcome.severance_payment_date)} (§6.1(a))" if outcome.severance_payment_date
         else "not triggered (§6.1)",
         T.lump_sum_rule(terms)),
        ("Salary to the last day (§3)", F.money(outcome.salary_earned),
         f"{F.date(checked.hire_date)} to {F.date(outcome.last_day)}, both days included",
         "Owed whatever the reason (§3)."),
    ]
    _metrics(cards, per_row=2)
    st.caption(F.md(F.with_clause(_lump_sum_explanation(outcome), "§6.1")))
    if outcome.severance_payment_date is not None:
        st.caption(F.md(f"Plus health continuation: {outcome.health_continuation_months} months counted, "
                        f"{F.money(outcome.health_continuation_cost)} at the assumed "
                        f"{F.money(checked.assumptions.monthly_health_premium)} a month (§6.1(b))."))


# --------------------------------------------------------------------------
# Not computed
# --------------------------------------------------------------------------


def _not_computed() -> None:
    st.header("Not computed")
    st.caption(F.md("These clauses bind the parties but carry no figure the app can compute; they are shown "
                    "above with the letter's words."))
    rows = [{"Clause": F.md(c.ref),
             "Title": F.md(c.title), "What it says": F.md(c.reading), "In the app": F.md(c.computes)}
            for c in CLAUSES if c.status != "computed"]
    st.table(pd.DataFrame(rows), hide_index=True,
             alt="The clauses the app does not compute, with what each says.")


# --------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------


def render() -> None:
    state.leave_pages_folder_mode()
    # The checks' inputs get their value from the link (or keep the session's) here;
    # an unreadable one is named in the sidebar's link warnings.
    state.ensure_params(*PAGE_SPECS)
    current = state.current()
    st.title("The contract, clause by clause")
    st.caption(F.md("Valence Technology's offer letter to its CEO, dated 8 Jul 2005 and accepted by the Board on "
                    "13 Jul 2005: each clause in the letter's words, how the app reads it, and what the app "
                    "computes from it."))
    sections, problem = _read_letter()
    if problem:
        st.error(F.md(problem), icon=":material/error:")
    scenario, outcome = current.scenario, current.outcome
    if outcome is None or scenario is None:
        st.error(F.md("The live figures cannot be shown until the scenario in the sidebar is fixed; the letter, "
                      "its reading and the two checks below still work."), icon=":material/block:")
        show_errors(current.errors)
        scenario, outcome = None, None
    else:
        st.markdown(f"**{F.md(_situation(scenario, outcome))}**")

    _quirks()
    _clauses(sections, scenario, outcome)
    _change_in_control_check()
    _good_cause_check(scenario)
    _not_computed()


render()
