"""What the §280G test returns (280G.md "Outputs"): every figure with its G-rule and clause.

Money is carried at full precision (280G.md, Conventions) and shown to the cent.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class ParachuteFlag(_Out):
    """F1..F15 of 280G.md, shaped like the outcome's other flags."""

    code: str
    severity: Literal["info", "assumption", "warning"]
    message: str
    clause: str


class BasePeriodRow(_Out):
    """G4: one base-period year (or the Q/A-36 portion of the year of hire)."""

    year: int
    start: dt.date
    end: dt.date
    days: int
    salary_paid: float
    annualization_factor: float
    non_recurring: float
    annualized: float
    source: str


class Tranche(_Out):
    """G9 per accelerated tranche (Q/A-24(c)), with its G10 value."""

    original_vest_date: dt.date
    shares: int
    value: float  # V_i = shares × per-share value on A (G10)
    years: float  # t_i, A to the original vest date
    afr_class: str
    discount_factor: float
    pv_piece: float  # V_i × (1 − DF(t_i)), Q/A-24(c)(3)
    months: int  # full months A to v_i (C3)
    month_piece: float  # 1% × months × V_i, Q/A-24(c)(4)
    contingent: float  # min(V_i, pieces), or V_i under G5(ii)
    contingent_share: float  # contingent_i / V_i, independent of the price (for P on arrays of prices)
    cap_used: bool
    full_value: bool  # G5(ii): the presumption is not rebutted
    forfeited_absent_acceleration: bool  # C7
    present_value: float  # contingent discounted from A to the change (G8)
    value_to_executive: float  # G15


class ParachuteItem(_Out):
    """One contingent payment (G7, G9) with its G8 present value and its G13 allocation."""

    component: Literal["severance_lump_sum", "health_continuation", "accelerated_options"]
    label: str
    clause: str
    rule: str
    payment_date: dt.date
    amount: float  # undiscounted
    years: float
    afr_class: str
    discount_factor: float
    present_value: float
    value_to_executive: float
    base_allocated: float
    excess: float


class OptionValuation(_Out):
    """G10: the per-share value with S, K, T."""

    acceleration_date: dt.date
    spot: float
    strike: float
    years: float
    volatility_pct: float
    risk_free_rate_pct: float
    dividend_yield_pct: float
    per_share: float
    intrinsic: float


class Cut(_Out):
    """G15: one cut of the better-off cutback (C8)."""

    component: str
    label: str
    present_value: float
    value_lost: float
    shares: int | None = None


class GoldenParachute(_Out):
    """§280G / §4999 position of one Change in Control scenario (280G.md)."""

    applies: bool
    not_applicable_reason: str | None
    change_date: dt.date
    trigger: Literal["change_in_control", "termination"] | None
    trigger_date: dt.date | None
    acceleration_date: dt.date | None
    acceleration_cause: Literal["single_trigger", "double_trigger", "termination"] | None

    base_amount: float
    base_amount_rule: str
    base_period_start: dt.date | None
    base_period_end: dt.date | None
    base_period: list[BasePeriodRow]
    three_times_base: float
    safe_harbor_limit: float  # 3B − $1

    items: list[ParachuteItem]
    tranches: list[Tranche]
    option_valuation: OptionValuation | None

    parachute_value: float  # P
    headroom: float  # (3B − $1) − P
    ratio_to_base: float | None  # P / B
    exceeds_safe_harbor: bool  # P >= 3B

    excess_parachute_payment: float
    reasonable_compensation: float
    excise_tax: float
    lost_deduction: float
    lost_deduction_tax_cost: float

    value_to_executive: float  # E
    income_tax_if_paid_in_full: float
    excise_tax_present_value: float
    net_if_paid_in_full: float
    cuts: list[Cut]
    parachute_value_after_cutback: float
    value_lost_to_cutback: float
    cutback_cost_after_tax: float  # what the cutback costs him after income tax, against the excise it saves
    net_if_cut_back: float
    better_for_executive: Literal["pay_in_full", "cut_back"]
    better_by: float

    afr120_pct: dict[str, float]
    flags: list[ParachuteFlag]
