"""The proxy-statement table: "Potential payments upon termination or change in
control", one row per event, one column per component, all as of one date.

Every row is an ordinary ``evaluate`` of a scenario built from the base one, so
the table and the Explorer can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from engine.dates import MAX_DATE
from engine.evaluate import evaluate
from engine.outcome import Outcome
from engine.registry import COMPONENT, COMPONENTS, REASONS, SHARED_FLAG_CODES
from engine.scenario import ChangeInControl, Scenario, Termination

# (row key, label, termination reason or None, whether a Change in Control occurs on the date)
MATRIX_EVENTS: list[tuple[str, str, str | None, bool]] = [
    *((r.key, r.event_label, r.key, False) for r in REASONS),
    ("cic_only", "Change in Control, no termination", None, True),
    ("cic_then_termination", "Change in Control, then termination without Good Cause", "without_good_cause", True),
]

# (column, Outcome field, clause): every component, then the total, from the registry.
MATRIX_COLUMNS: list[tuple[str, str, str]] = [
    (c.short_label, c.outcome_field, c.clause) for c in (*COMPONENTS, COMPONENT["total_value"])]


@dataclass(frozen=True)
class MatrixRow:
    key: str
    label: str
    scenario: Scenario
    outcome: Outcome


def event_scenario(base: Scenario, on: date, reason: str | None, with_cic: bool) -> Scenario:
    """The base scenario with only this event, happening on ``on``.

    A Good Cause row keeps the base scenario's ground and notice date when it has
    them; the Change in Control keeps the base's §6.3 facts. On ground (b), a
    notice not yet given by ``on`` is taken as given on ``on``: the neglect is
    then not yet Good Cause (§6.2(b)), as the grid reads a date before the notice.
    The result is validated like any scenario (a date before hire is refused).
    """
    termination = None
    if reason is not None:
        ground = notice = None
        if reason == "good_cause" and base.termination is not None and base.termination.reason == "good_cause":
            ground = base.termination.good_cause_ground
            notice = base.termination.notice_date
            if notice is not None and notice > on:
                notice = on
        termination = Termination(date=on, reason=reason, good_cause_ground=ground, notice_date=notice)
    cic = None
    if with_cic:
        facts = base.change_in_control.facts if base.change_in_control is not None else None
        cic = ChangeInControl(date=on, facts=facts)
    return base.with_changes(termination=termination, change_in_control=cic, as_of=on)


def termination_matrix(base: Scenario, on: date) -> list[MatrixRow]:
    """One evaluated row per event in ``MATRIX_EVENTS``, all on ``on``."""
    rows = []
    for key, label, reason, with_cic in MATRIX_EVENTS:
        scenario = event_scenario(base, on, reason, with_cic)
        rows.append(MatrixRow(key, label, scenario, evaluate(scenario)))
    return rows


def matrix_frame(rows: list[MatrixRow]) -> pd.DataFrame:
    """The table: one row per event, one column per component plus the company's cash cost."""
    records = []
    for row in rows:
        record: dict[str, object] = {"Event": row.label}
        for column, field, _ in MATRIX_COLUMNS:
            record[column] = getattr(row.outcome, field)
        record[COMPONENT["total_cash"].short_label] = row.outcome.total_cash
        records.append(record)
    return pd.DataFrame.from_records(records)


# Reasons drawn as walk-away curves, with their labels.
CURVE_REASONS: list[tuple[str, str]] = [(r.key, r.short_label) for r in REASONS]


def curve_dates(base: Scenario, years: int = 5, step_days: int = 7) -> list[date]:
    """Termination dates for a walk-away curve: every ``step_days`` from the hire
    date for ``years`` years, plus each side of every date where a figure jumps
    (the end of the §6.1 window, each vest date, the Change in Control), so a chart
    drawn from them shows each cliff on its exact day."""
    from engine.dates import add_days, add_months
    from engine.severance import protection_window_end
    from engine.vesting import vesting_schedule

    hire = base.hire_date
    end = min(add_months(hire, 12 * years), MAX_DATE)
    days = set(pd.date_range(hire, end, freq=f"{step_days}D").date)
    jumps = [protection_window_end(hire, base.terms)]
    jumps += [item.vest_date for item in vesting_schedule(hire, base.terms)]
    if base.change_in_control is not None:
        jumps.append(base.change_in_control.date)
    for jump in jumps:
        for d in (add_days(jump, -1), jump):
            if hire <= d <= end:
                days.add(d)
    days.add(end)
    return sorted(days)


def walk_away_curves(base: Scenario, dates: list[date], reasons: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """What he walks away with, and what it costs the Company, for a termination on each date.

    One row per (date, reason), at the base scenario's stock price, from the grid
    (the same rules as ``evaluate``): where the §6.1 24-month cliff shows.
    Columns: date, reason, reason_label, total_value, total_cash, severance_lump_sum.
    """
    from engine.grid import evaluate_grid

    reasons = reasons or CURVE_REASONS
    result = evaluate_grid(base, dates, [base.stock_price], [key for key, _ in reasons])
    frames = []
    for r, (key, label) in enumerate(reasons):
        frames.append(pd.DataFrame({
            "date": pd.to_datetime(result.termination_dates),
            "reason": key,
            "reason_label": label,
            "total_value": result.total_value[r, :, 0],
            "total_cash": result.total_cash[r, :, 0],
            "severance_lump_sum": result.severance_lump_sum[r, :],
        }))
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------
# For the Termination matrix page: the date it is as of, its lines over time,
# and which flags belong to one row rather than to the whole table.
# --------------------------------------------------------------------------

from engine.outcome import Flag  # noqa: E402


def default_matrix_date(base: Scenario) -> date:
    """The date the table is as of when no date is chosen for it.

    The scenario's last day of employment if it ends employment (for a
    resignation given only a notice date, notice + 60 days, §10); otherwise its
    as-of date; otherwise the first anniversary of the hire date (hire +
    ``cliff_months``, 12 in the letter, when the 25% installment vests, §4).
    """
    from engine.dates import add_months

    if base.termination is not None:
        return base.termination.last_day(base.terms)
    if base.as_of is not None:
        return base.as_of
    return min(add_months(base.hire_date, base.terms.cliff_months), MAX_DATE)


def matrix_date_problems(base: Scenario, on: date) -> list[str]:
    """Why ``on`` cannot be the table's date (empty when it can), one line each, citing the clause."""
    from engine.dates import MIN_DATE, format_date

    if on < base.hire_date:
        return [f"{format_date(on)} is before the hire date {format_date(base.hire_date)}: nothing is earned "
                "or owed before employment starts; choose a date on or after it (§3, §6.1)."]
    if not (MIN_DATE <= on <= MAX_DATE):
        return [f"{format_date(on)} is outside the supported range, {format_date(MIN_DATE)} to "
                f"{format_date(MAX_DATE)} (§3, §6.1)."]
    return []


def matrix_curve_dates(base: Scenario, on: date, years: int = 5) -> list[date]:
    """``curve_dates`` over at least ``years`` years from hire, long enough to reach
    ``on``, with ``on`` itself, so the lines pass through the table's figures.
    Weekly over five years; a longer span is sampled more sparsely (every jump
    is still drawn on its exact day)."""
    span_months = (on.year - base.hire_date.year) * 12 + (on.month - base.hire_date.month) + 1
    span_years = max(years, -(-span_months // 12))
    step_days = 7 * -(-span_years // years)
    dates = set(curve_dates(base, years=span_years, step_days=step_days))
    if base.hire_date <= on <= MAX_DATE:
        dates.add(on)
    return sorted(dates)


def matrix_curves(base: Scenario, on: date, years: int = 5) -> pd.DataFrame:
    """The table's first five rows as lines over the termination date.

    ``walk_away_curves`` of the base scenario without its Change in Control,
    because each row of the table is one event alone: on ``on``, each line's
    ``total_value`` and ``total_cash`` are its row's Total and Company cash cost.
    The ``row`` column names the ``MATRIX_EVENTS`` row each reason draws.
    """
    alone = base.with_changes(change_in_control=None)
    curves = walk_away_curves(alone, matrix_curve_dates(base, on, years))
    rows = {reason: key for key, _, reason, with_cic in MATRIX_EVENTS if reason is not None and not with_cic}
    curves["row"] = curves["reason"].map(rows)
    return curves





@dataclass(frozen=True)
class MatrixNotes:
    """What the Board should read under the table.

    ``by_row``: for each row (in table order), the flags that set it apart: why
    it pays or not, what the letter leaves open for that event (``death_silent``).
    ``shared``: every other flag once, each with the keys of the rows it applies to.
    """

    by_row: list[tuple[MatrixRow, list[Flag]]]
    shared: list[tuple[Flag, list[str]]]


def matrix_notes(rows: list[MatrixRow]) -> MatrixNotes:
    """Split the rows' flags into each row's own and those shared by the table.

    A flag whose code is not in ``SHARED_FLAG_CODES`` stays with its row, so a
    new kind of flag is shown rather than lost. Shared flags are grouped by
    their exact message, warnings first, then assumptions, then the rest.
    """
    by_row = [(row, [f for f in row.outcome.flags if f.code not in SHARED_FLAG_CODES]) for row in rows]
    grouped: dict[tuple[str, str], tuple[Flag, list[str]]] = {}
    for row in rows:
        for flag in row.outcome.flags:
            if flag.code in SHARED_FLAG_CODES:
                grouped.setdefault((flag.code, flag.message), (flag, []))[1].append(row.key)
    order = {"warning": 0, "assumption": 1, "info": 2}
    shared = sorted(grouped.values(), key=lambda item: order.get(item[0].severity, 3))
    return MatrixNotes(by_row, shared)
