"""What ``evaluate`` returns: every figure with its date and clause, and the flags."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from engine.golden_parachute.model import GoldenParachute

Severity = Literal["info", "assumption", "warning"]
Component = Literal[
    "salary", "signing_buyout", "severance_lump_sum", "health_continuation", "vested_options", "accelerated_options"
]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Flag(_Out):
    """Something the Board must see: an assumption used, a silence or an ambiguity."""

    code: str
    severity: Severity
    message: str
    clause: str


@lru_cache(maxsize=2048)
def make_flag(code: str, severity: Severity, message: str, clause: str) -> Flag:
    """A ``Flag``; frozen, so one instance serves every outcome that raises the same flag."""
    return Flag(code=code, severity=severity, message=message, clause=clause)


class LineItem(_Out):
    component: Component
    label: str
    amount: float
    date: dt.date | None
    clause: str
    explanation: str
    kind: Literal["cash", "option_value"]


class Payment(_Out):
    """One cash payment on the timeline."""

    date: dt.date
    amount: float
    component: Component
    label: str
    clause: str


class VestingRow(_Out):
    vest_date: dt.date
    shares: int
    cumulative_shares: int
    label: str
    clause: str
    status: Literal["vested", "unvested", "forfeited", "accelerated"]


class ChangeInControlResult(_Out):
    is_change_in_control: bool
    clause: str
    explanation: str


class Outcome(_Out):
    # The date the figures are as of: the last day employed, or ``as_of``.
    as_of: dt.date
    employed: bool
    last_day: dt.date | None
    effective_reason: str | None
    protection_window_end: dt.date

    vested_shares: int
    unvested_shares: int
    forfeited_shares: int
    accelerated_shares: int
    # When unvested shares vest early under an acceleration assumption (§4), or None.
    acceleration_date: dt.date | None
    option_intrinsic_value: float
    vested_option_value: float
    accelerated_option_value: float
    option_exercise_deadline: dt.date | None
    grant_date_fair_value_per_option: float
    grant_date_fair_value_total: float

    salary_earned: float
    salary_rate: float
    signing_buyout: float
    severance_lump_sum: float
    severance_trigger: Literal["change_in_control", "termination"] | None
    severance_termination_date: dt.date | None
    severance_payment_date: dt.date | None
    health_continuation_months: int
    health_continuation_cost: float

    total_cash: float
    total_value: float

    change_in_control_test: ChangeInControlResult | None
    line_items: list[LineItem]
    vesting_schedule: list[VestingRow]
    payments: list[Payment]
    flags: list[Flag]
    # §280G / §4999 (contract/280G.md): None when no Change in Control counts.
    golden_parachute: GoldenParachute | None = None
