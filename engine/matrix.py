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
from engine.scenario import ChangeInControl, Scenario, Termination

# (row key, label, termination reason or None, whether a Change in Control occurs on the date)
MATRIX_EVENTS: list[tuple[str, str, str | None, bool]] = [
    ("without_good_cause", "Termination without Good Cause", "without_good_cause", False),
    ("good_cause", "Termination for Good Cause", "good_cause", False),
    ("resignation", "Resignation", "resignation", False),
    ("death", "Death", "death", False),
    ("disability", "Termination for disability", "disability", False),
    ("cic_only", "Change in Control, no termination", None, True),
    ("cic_then_termination", "Change in Control, then termination without Good Cause", "without_good_cause", True),
]

# (column, Outcome field, clause)
MATRIX_COLUMNS: list[tuple[str, str, str]] = [
    ("Salary", "salary_earned", "§3"),
    ("Sion Power buyout", "signing_buyout", "§4"),
    ("Lump sum", "severance_lump_sum", "§6.1(a)"),
    ("Health continuation", "health_continuation_cost", "§6.1(b)"),
    ("Vested option value", "vested_option_value", "§4"),
    ("Accelerated option value", "accelerated_option_value", "§4 (assumption)"),
    ("Total", "total_value", "§3, §4, §6.1"),
]


@dataclass(frozen=True)
class MatrixRow:
    key: str
    label: str
    scenario: Scenario
    outcome: Outcome


def event_scenario(base: Scenario, on: date, reason: str | None, with_cic: bool) -> Scenario:
    """The base scenario with only this event, happening on ``on``.

    A Good Cause row keeps the base scenario's ground and notice date when it has
    them; the Change in Control keeps the base's §6.3 facts.
    """
    termination = None
    if reason is not None:
        ground = notice = None
        if reason == "good_cause" and base.termination is not None and base.termination.reason == "good_cause":
            ground = base.termination.good_cause_ground
            notice = base.termination.notice_date
            if notice is not None and notice > on:
                ground, notice = None, None
        termination = Termination(date=on, reason=reason, good_cause_ground=ground, notice_date=notice)
    cic = None
    if with_cic:
        facts = base.change_in_control.facts if base.change_in_control is not None else None
        cic = ChangeInControl(date=on, facts=facts)
    return base.model_copy(update={"termination": termination, "change_in_control": cic, "as_of": on})


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
        record["Company cash cost"] = row.outcome.total_cash
        records.append(record)
    return pd.DataFrame.from_records(records)


# Reasons drawn as walk-away curves, with their labels.
CURVE_REASONS: list[tuple[str, str]] = [
    ("without_good_cause", "Without Good Cause"),
    ("good_cause", "For Good Cause"),
    ("resignation", "Resignation"),
    ("death", "Death"),
    ("disability", "Disability"),
]


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
