"""The memo's sections: small functions ``(doc, memo) -> None``, in the order a
memo prints them (``SECTIONS[kind]``).

A feature added later (the §280G summary, the price-uncertainty summary) is
one more function here, inserted into the lists below, with its data in
``Memo.extras`` (``prepare(..., extras={"golden_parachute": result})``) or
computed from ``memo.scenario`` by the engine. A section that has nothing to
show draws nothing. For example::

    def golden_parachute(doc: MemoDocument, memo: Memo) -> None:
        result = memo.extras.get("golden_parachute")
        if result is None:
            return
        doc.heading("§280G: the golden-parachute test")
        doc.table_rows([...], [...], widths=(...), align=(...))

    for kind in SECTIONS:
        SECTIONS[kind].insert(SECTIONS[kind].index(flags), golden_parachute)

A section with a chart marks itself with ``@prefetch(make_svgs)`` so its chart
is drawn on another thread while the sections before it are laid out.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from engine.io import scenario_to_json
from engine.registry import MEASURE
from analyses.matrix import MATRIX_COLUMNS, default_matrix_date, matrix_notes
from engine.scenario import DEAL_LABELS, GROUND_LABELS, REASON_LABELS, Scenario
from memo.content import Memo
from memo.document import MUTED, SMALL_SIZE, WARNING_INK, MemoDocument
from memo.meta import made_at_text
from memo.vector import chart_svg
from analyses import uncertainty as U
from ui import format as F
from ui.parachute_text import best_net_sentence, verdict_sentence
from ui.uncertainty_text import last_day_sentence

Section = Callable[[MemoDocument, Memo], None]

TITLES = {
    "explorer": "Board memo: what the CEO's offer letter pays in this scenario",
    "matrix": "Board memo: potential payments upon termination or change in control",
    "negotiate": "Board memo: the letter as signed against the proposed terms",
}
SUBTITLE = ("Valence Technology, Inc.: offer letter of 8 July 2005 to its Chief Executive Officer. Every figure "
            "names the clause of the letter it comes from (§).")


# --------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------


def scenario_sentence(scenario: Scenario) -> str:
    """The scenario in one sentence, in the letter's words."""
    parts = [f"Hired {F.date(scenario.hire_date)} with options on {F.shares(scenario.terms.option_shares)} "
             f"shares at an exercise price of {F.money(scenario.exercise_price, cents=True)}"]
    t = scenario.termination
    if t is None:
        parts.append("still employed, figures as of " + (F.date(scenario.as_of) if scenario.as_of
                                                         else "full vesting (no as-of date)"))
    else:
        text = f"{_lower_first(REASON_LABELS[t.reason])}, last day employed {F.date(t.last_day(scenario.terms))}"
        if t.good_cause_ground:
            text += f" (Good Cause ground {GROUND_LABELS[t.good_cause_ground]})"
        if t.notice_date:
            text += f", written notice {F.date(t.notice_date)}"
        parts.append(text)
    cic = scenario.change_in_control
    if cic is None:
        parts.append("no Change in Control")
    else:
        deal = f" ({DEAL_LABELS[cic.facts.deal_type].lower()})" if cic.facts is not None else ""
        parts.append(f"a Change in Control on {F.date(cic.date)}{deal}")
    parts.append(f"the stock at {F.money(scenario.stock_price, cents=True)} a share")
    return "; ".join(parts) + "."


def compact_scenario_json(scenario: Scenario) -> dict:
    """The scenario's JSON without what it leaves at its default (empty entries,
    the letter's terms, the default assumptions): the same scenario, shorter."""
    from engine.terms import Assumptions, OfferTerms

    data = scenario_to_json(scenario)
    for key, model in (("terms", OfferTerms), ("assumptions", Assumptions)):
        data[key] = _changed(data[key], model)
    return {k: v for k, v in data.items() if v not in (None, {})}


def _changed(values: dict, model) -> dict:
    """``values`` (a ``model`` dumped as JSON) without the entries at the model's defaults."""
    default = model().model_dump(mode="json")
    return {k: v for k, v in values.items() if default.get(k) != v}


def _lower_first(text: str) -> str:
    """"Terminated by the Company …" inside a sentence: only the first letter changes."""
    return text[:1].lower() + text[1:]


def _flag_text(message: str, clause: str) -> str:
    return F.with_clause(message, clause)


# --------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------


def title_block(doc: MemoDocument, memo: Memo) -> None:
    doc.memo_title(TITLES[memo.kind], SUBTITLE)
    doc.paragraph("The scenario: " + scenario_sentence(memo.scenario), size=10, bold=True, line=5)
    doc.ln(1)
    doc.paragraph(f"Made {made_at_text(memo.made_at)}  ·  app version {memo.version}  ·  scenario fingerprint "
                  f"{memo.fingerprint}", size=8, color=MUTED)
    doc.paragraph("Two printouts with the same fingerprint show the same scenario; the link at the end reopens it "
                  "in the app.", size=7.5, color=MUTED)


def headline(doc: MemoDocument, memo: Memo) -> None:
    o, s = memo.outcome, memo.scenario
    doc.heading("Headline figures", keep_with=45)
    paid = (f"paid {F.date(o.severance_payment_date)} (§6.1(a))" if o.severance_payment_date
            else "not triggered (§6.1)")
    doc.figures([
        (MEASURE["total_value"].label, F.money(o.total_value),
         f"cash plus option value, as of {F.date(o.as_of)} (§3, §4, §6.1)"),
        (MEASURE["total_cash"].label, F.money(o.total_cash), f"of which salary {F.money(o.salary_earned)} (§3)"),
        ("§6.1 lump sum", F.money(o.severance_lump_sum), paid),
        ("Vested shares", F.shares(o.vested_shares), F.shares_note(o, s.terms.option_shares)),
        (MEASURE["option_intrinsic_value"].label, F.money(o.option_intrinsic_value),
         f"at {F.money(s.stock_price, cents=True)} a share, exercise {F.money(s.exercise_price, cents=True)} (§4)"),
        ("Grant-date fair value", F.money(o.grant_date_fair_value_total),
         f"{F.money(o.grant_date_fair_value_per_option, cents=True)} an option, Black-Scholes (§4, assumptions)"),
    ])


def tally(doc: MemoDocument, memo: Memo) -> None:
    o = memo.outcome
    doc.heading("Tally sheet: every component", keep_with=50)
    rows = [[item.label, F.money(item.amount, cents=True), F.date(item.date), item.clause, item.explanation]
            for item in o.line_items]
    rows.append(["Total cash (the Company's cost)", F.money(o.total_cash, cents=True), "", "§3, §4, §6.1",
                 "Salary, buyout, lump sum and health continuation; options are not cash."])
    rows.append(["Total to him (cash + option value)", F.money(o.total_value, cents=True), "", "§3, §4, §6.1",
                 "Every cash amount plus the options' intrinsic value."])
    doc.table_rows(["Component", "Amount", "Date", "Clause", "How it is worked out"], rows,
                   widths=(25, 15.5, 12.5, 12.5, 44), align=("LEFT", "RIGHT", "LEFT", "LEFT", "LEFT"), size=7.3,
                   bold_rows=(len(rows) - 2, len(rows) - 1))
    doc.paragraph("US dollars to the cent. Dates are when an amount is paid or measured.", size=SMALL_SIZE,
                  color=MUTED)


def _matrix_date_rule(memo: Memo) -> str:
    """Why the table is as of its date (the Termination matrix page's rule)."""
    s = memo.scenario
    if memo.matrix_date != default_matrix_date(s):
        return "the date chosen for the table"
    if s.termination is not None:
        return "the scenario's last day of employment"
    if s.as_of is not None:
        return "the scenario's as-of date"
    return "the first anniversary of the hire date, as the scenario has neither a termination nor an as-of date"


_SHORT = {"Sion Power buyout": "Buyout", "Health continuation": "Health", "Vested option value": "Vested options",
          "Accelerated option value": "Accel­erated"}


def matrix(doc: MemoDocument, memo: Memo) -> None:
    rows = memo.matrix_rows
    doc.heading(f"Termination matrix as of {F.date(memo.matrix_date)}", keep_with=60)
    doc.paragraph("Potential payments upon termination or change in control: each row is one event alone on "
                  f"{F.date(memo.matrix_date)}, the figures as of that day, {_matrix_date_rule(memo)}.", size=8)
    headings = ["Event"] + [_SHORT.get(c, c) for c, _, _ in MATRIX_COLUMNS] + ["Cash cost"]
    body = [[row.label] + [F.money(getattr(row.outcome, field)) for _, field, _ in MATRIX_COLUMNS]
            + [F.money(row.outcome.total_cash)] for row in rows]
    doc.table_rows(headings, body, widths=(22, 13, 11, 11, 9, 11.5, 10.5, 14, 13),
                   align=("LEFT",) + ("RIGHT",) * (len(headings) - 1), size=6.8)
    doc.paragraph("Columns: " + "; ".join(f"{column} ({clause})" for column, _, clause in MATRIX_COLUMNS)
                  + "; Cash cost (§3, §4, §6.1): every cash amount, not the options.", size=SMALL_SIZE, color=MUTED)


def matrix_row_notes(doc: MemoDocument, memo: Memo) -> None:
    notes = matrix_notes(memo.matrix_rows)
    lines = [(row.label, flag) for row, flags in notes.by_row for flag in flags]
    if not lines:
        return
    doc.heading("What sets each row apart", keep_with=20)
    for label, flag in lines:
        doc.bullet(_flag_text(flag.message, flag.clause), lead=f"{label}:", size=7.8,
                   color=WARNING_INK if flag.severity == "warning" else (20, 20, 20))


def prefetch(make_svgs: Callable[[Memo], list[str]]) -> Callable[[Section], Section]:
    """Mark a chart section: ``make_svgs(memo)`` draws its charts, which ``render``
    starts on another thread before the first section (vl_convert releases the GIL,
    so the charts are drawn while the text is laid out)."""
    def mark(section: Section) -> Section:
        section.prefetch = make_svgs  # type: ignore[attr-defined]
        return section
    return mark


def _svgs(doc: MemoDocument, section: Section, memo: Memo) -> list[str]:
    future = getattr(doc, "prefetched", {}).get(section)
    return future.result() if future is not None else section.prefetch(memo)  # type: ignore[attr-defined]


def _vesting_svgs(memo: Memo) -> list[str]:
    from ui import charts

    events = charts.chart_events(memo.scenario, memo.outcome)
    return [chart_svg(charts.vesting_chart(memo.outcome, events), width=760, height=250)]


@prefetch(_vesting_svgs)
def vesting_chart(doc: MemoDocument, memo: Memo) -> None:
    svg = _svgs(doc, vesting_chart, memo)[0]
    doc.heading("Vesting (§4)", keep_with=doc.chart_height(svg))
    doc.chart(svg)


def _payout_svgs(memo: Memo) -> list[str]:
    from ui import charts

    return [chart_svg(charts.payout_chart(memo.outcome), width=760)]


@prefetch(_payout_svgs)
def payout_chart(doc: MemoDocument, memo: Memo) -> None:
    svg = _svgs(doc, payout_chart, memo)[0]
    doc.heading("What he receives, by component", keep_with=doc.chart_height(svg))
    doc.chart(svg)


def _walk_away_svgs(memo: Memo) -> list[str]:
    from analyses.matrix import matrix_curves
    from engine.severance import protection_window_end
    from ui.matrix_charts import walk_away_chart as chart

    window_end = protection_window_end(memo.scenario.hire_date, memo.scenario.terms)
    curves = matrix_curves(memo.scenario, memo.matrix_date)
    return [chart_svg(chart(curves, "executive", window_end, memo.matrix_date), width=760, height=260)]


@prefetch(_walk_away_svgs)
def walk_away_chart(doc: MemoDocument, memo: Memo) -> None:
    svg = _svgs(doc, walk_away_chart, memo)[0]
    doc.heading("Over the termination date", keep_with=doc.chart_height(svg))
    doc.chart(svg)
    doc.paragraph("Each line is one of the table's first five rows moved along the date axis; on the table's date "
                  "the lines pass through its Total.", size=SMALL_SIZE, color=MUTED)


def flags(doc: MemoDocument, memo: Memo) -> None:
    groups = [
        ("Warnings", [f for f in memo.outcome.flags if f.severity == "warning"], WARNING_INK),
        ("Assumptions (the letter is silent; the app assumes)",
         [f for f in memo.outcome.flags if f.severity == "assumption"], (20, 20, 20)),
        ("Notes", [f for f in memo.outcome.flags if f.severity not in ("warning", "assumption")], (20, 20, 20)),
    ]
    doc.heading("What the Board should know", keep_with=25)
    if not memo.outcome.flags:
        doc.paragraph("Nothing to flag.", size=8.5)
    for title, items, color in groups:
        if not items:
            continue
        doc.keep(14)
        doc.paragraph(title, size=9, bold=True, color=color)
        for flag in items:
            doc.bullet(_flag_text(flag.message, flag.clause), size=8, color=color)


def comparison(doc: MemoDocument, memo: Memo) -> None:
    frame = memo.comparison
    if frame is None or not memo.evaluated:
        return
    from analyses import negotiate as N
    from ui.negotiate_charts import signed_money

    differences: dict[str, str] = frame.attrs["differences"]
    columns: list[str] = frame.attrs["variants"]
    doc.heading("The letter as signed against each proposal", keep_with=60)
    body = []
    for record in frame.to_dict("records"):
        row = [record["Component"], record["Clause"]]
        for column in columns:
            cell = F.money(record[column], cents=True)
            if column in differences:
                cell += f"\n{signed_money(record[differences[column]])} vs letter"
            row.append(cell)
        body.append(row)
    bold = [i for i, record in enumerate(frame.to_dict("records")) if record["kind"] == "total"]
    doc.table_rows(["Component", "Clause"] + columns, body,
                   widths=(34, 14) + (22,) * len(columns), align=("LEFT", "LEFT") + ("RIGHT",) * len(columns),
                   size=7.3, bold_rows=bold)
    doc.paragraph("Each proposal's figure and, under it, its difference from the letter as signed (+ more to him, "
                  "− less). Cash is the Company's cost; option value is intrinsic value at the scenario's stock "
                  "price.", size=SMALL_SIZE, color=MUTED)
    changes = []
    letter = N.LETTER.terms.model_dump()
    for e in memo.evaluated[1:]:
        proposed = {**{k: v for k, v in e.variant.terms.model_dump().items() if v != letter[k]},
                    **e.variant.overrides()}
        text = "; ".join(f"{N.NEGOTIABLE_BY_NAME[k].label} {N.NEGOTIABLE_BY_NAME[k].show(v)}"
                         if k in N.NEGOTIABLE_BY_NAME else f"{k.replace('_', ' ')} {v}" for k, v in proposed.items())
        changes.append((e.column, text or "no change from the letter"))
    for column, text in changes:
        doc.bullet(text, lead=f"{column}:", size=7.8)


def _comparison_svgs(memo: Memo) -> list[str]:
    if memo.comparison is None or not memo.evaluated:
        return []
    from analyses import negotiate as N
    from ui import charts
    from ui import negotiate_charts as NC

    reason = N.walk_away_reason(memo.scenario)
    events = []
    t = memo.scenario.termination
    if t is not None:
        events.append(charts.ChartEvent(t.last_day(memo.scenario.terms), "Last day in the scenario", "§3, §6"))
    if memo.scenario.change_in_control is not None:
        events.append(charts.ChartEvent(memo.scenario.change_in_control.date, "Change in Control", "§6.3"))
    return [chart_svg(NC.components_chart(N.components_long(memo.comparison)), width=760),
            chart_svg(NC.walk_away_chart(N.walk_away_evaluated(memo.evaluated, reason),
                                         N.window_ends_evaluated(memo.evaluated), events), width=760)]


@prefetch(_comparison_svgs)
def comparison_charts(doc: MemoDocument, memo: Memo) -> None:
    svgs = _svgs(doc, comparison_charts, memo)
    if not svgs:
        return
    from analyses import negotiate as N

    # Each heading keeps its whole chart with it: a tall chart must not leave its heading behind.
    doc.heading("Component by component", keep_with=doc.chart_height(svgs[0]))
    doc.chart(svgs[0])
    reason = N.walk_away_reason(memo.scenario)
    doc.heading(f"What he walks away with, by last day ({_lower_first(REASON_LABELS[reason])})",
                keep_with=doc.chart_height(svgs[1]))
    doc.chart(svgs[1])


def reopen(doc: MemoDocument, memo: Memo) -> None:
    doc.heading("Reopen this scenario", keep_with=25)
    if memo.link is not None:
        doc.paragraph("Open this link in the app to see the same figures:", size=8.5)
        doc.paragraph(memo.link, size=8, color=(0, 70, 160), link=memo.link)
    else:
        doc.paragraph("A link cannot carry this scenario: " + " ".join(memo.link_problems), size=8.5)
    doc.ln(1)
    text = json.dumps(compact_scenario_json(memo.scenario), separators=(", ", ": "))
    doc.keep(doc.paragraph_height(text, 6.5) + 5)
    doc.paragraph("The scenario as JSON (what python -m engine evaluate and python -m engine memo read; terms and "
                  "assumptions not given are the letter's and the app's defaults):", size=7.5, color=MUTED)
    doc.paragraph(text, size=6.5, color=MUTED)
    if memo.kind == "negotiate" and memo.evaluated:
        text = json.dumps(compact_proposals_json(memo), separators=(", ", ": "))
        doc.keep(doc.paragraph_height(text, 6.5) + 5)
        doc.paragraph("The proposals as JSON (what python -m engine memo reads with --proposals; terms not given "
                      "are the letter's):", size=7.5, color=MUTED)
        doc.paragraph(text, size=6.5, color=MUTED)


def compact_proposals_json(memo: Memo) -> list[dict]:
    """Each proposal compared with the letter (the first column), without what it leaves as
    the letter has it: the same proposals, shorter."""
    from engine.terms import OfferTerms

    out = []
    for column in memo.evaluated[1:]:
        data = column.variant.model_dump(mode="json", exclude_none=True)
        data["terms"] = _changed(data["terms"], OfferTerms)
        out.append({k: v for k, v in data.items() if v != {}})
    return out


# --------------------------------------------------------------------------
# §280G and the price as a distribution
# --------------------------------------------------------------------------


def golden_parachute(doc: MemoDocument, memo: Memo) -> None:
    """The §280G position (contract/280G.md), whenever a Change in Control counts."""
    gp = memo.outcome.golden_parachute
    if gp is None:
        return
    doc.heading("§280G: the golden-parachute test", keep_with=60)
    doc.paragraph(verdict_sentence(gp), size=8.5)
    if gp.applies:
        doc.ln(1)
        doc.figures([
            ("Base amount B", F.money(gp.base_amount, cents=True), f"{gp.base_amount_rule}, G4"),
            ("Safe-harbor maximum 3B − $1", F.money(gp.safe_harbor_limit, cents=True), "G12"),
            ("Contingent payments P", F.money(gp.parachute_value, cents=True),
             "present value at the change (G8), §6.1, §4"),
            ("Headroom", F.money(gp.headroom, cents=True), "(3B − $1) − P; negative when over (G12)"),
            ("Excise tax (his)", F.money(gp.excise_tax, cents=True), "20% of the excess (G14, §4999)"),
            ("Lost deduction, tax cost", F.money(gp.lost_deduction_tax_cost, cents=True),
             "the Company's: corporate rate on the excess (G14, F9)"),
        ])
        doc.paragraph(best_net_sentence(gp), size=8.5)
    warnings = [f for f in gp.flags if getattr(f, "severity", "") == "warning"]
    for flag in warnings:
        doc.bullet(_flag_text(flag.message, flag.clause), size=8, color=WARNING_INK)
    doc.paragraph("A scenario tool, not tax advice: the flags in the app list the facts a practitioner must supply "
                  "before any figure is relied on (contract/280G.md).", size=SMALL_SIZE, color=MUTED)


def _last_day(memo: Memo):
    from analyses.uncertainty import last_day_distribution, price_model

    s = memo.scenario
    reason = s.termination.reason if s.termination is not None else "none"
    return last_day_distribution(s, reason, memo.outcome.as_of, price_model(s).model)


def price_uncertainty(doc: MemoDocument, memo: Memo) -> None:
    """How likely each figure is on his last day, with the stock price as a distribution (the
    Uncertainty page's default model: lognormal from the exercise price on the hire date)."""
    problem = U.last_day_problem(memo.outcome.as_of)
    if problem is not None:
        doc.heading("How likely each figure is: the stock price as a distribution", keep_with=12)
        doc.paragraph(f"No distribution on the scenario's day: {problem}.", size=SMALL_SIZE, color=MUTED)
        return
    last = _last_day(memo)
    doc.heading("How likely each figure is: the stock price as a distribution", keep_with=45)
    doc.paragraph(last_day_sentence(last), size=8.5, bold=True)
    rows = [[U.LABELS[m], *(F.money(float(v)) for v in last.percentiles[m]), F.money(last.mean[m]),
             U.CLAUSES[m]] for m in U.MEASURES]
    doc.table_rows(["Figure", "P10", "P25", "P50", "P75", "P90", "Mean", "Clause"], rows,
                   widths=(17, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5, 8),
                   align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "LEFT"), size=6.8)
    doc.paragraph(
        f"On {F.date(last.on)}, at {last.n:,} equally likely prices: a {last.p_underwater:.1%} chance the options "
        f"are underwater (§4); the total is more than {F.money(last.amount)} (its figure at the scenario's "
        f"{F.money(last.stock_price, cents=True)} a share) with a chance of {last.p_above:.1%}. Assumptions: the "
        "price is lognormal from the exercise price on the hire date, with the Black-Scholes volatility and the "
        "risk-free rate less the dividend yield as its drift (the Uncertainty page changes them).",
        size=SMALL_SIZE, color=MUTED)


# --------------------------------------------------------------------------
# The order, per memo
# --------------------------------------------------------------------------

SECTIONS: dict[str, list[Section]] = {
    "explorer": [title_block, headline, tally, matrix, vesting_chart, payout_chart, golden_parachute,
                 price_uncertainty, flags, reopen],
    "matrix": [title_block, matrix, matrix_row_notes, walk_away_chart, headline, tally, vesting_chart,
               payout_chart, golden_parachute, price_uncertainty, flags, reopen],
    "negotiate": [title_block, comparison, comparison_charts, headline, tally, matrix, vesting_chart,
                  payout_chart, golden_parachute, price_uncertainty, flags, reopen],
}
