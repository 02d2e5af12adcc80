"""The letter's terms as data, and what the letter leaves open as assumptions.

Every field of ``OfferTerms`` carries the letter's value as its default and the
clause it comes from; a negotiated variant is the same model with other values
(OpenFisca's parameters-as-data). Every field of ``Assumptions`` is a gap in the
letter that the product must show as an editable input labelled "assumption".
"""

from __future__ import annotations

import weakref
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from engine.dates import MAX_DATE, MIN_DATE
from engine.money import is_whole_cents
from engine.pay_records import MAX_RECORD_CHARS, other_pay_by_year, w2_box1_by_year


def clause(ref: str, description: str) -> dict:
    """Field metadata: the clause a term comes from travels with the field."""
    return {"clause": ref, "description": description}


def _whole_cents(value: float, info, model: type[BaseModel]) -> float:
    # READING.md: money is exact to the cent, so a money term is a whole number of cents.
    if not is_whole_cents(value):
        raise ValueError(
            f"{info.field_name}: ${value!r} is not a whole number of cents; "
            f"give at most two decimals ({clause_of(model, info.field_name)})"
        )
    return float(round(value, 2))


def clause_of(model: type[BaseModel], field: str) -> str:
    """The clause a field of ``OfferTerms`` or ``Assumptions`` cites."""
    extra = model.model_fields[field].json_schema_extra or {}
    return str(extra.get("clause", ""))


_HASHES: dict[int, int] = {}


class _Frozen(BaseModel):
    """A frozen model whose hash is worked out once per instance.

    Terms and assumptions key the engine's caches (``lru_cache``), so each is hashed a
    dozen times per ``evaluate``; pydantic would hash every field each time. The hash is
    pydantic's (the fields' values), remembered by ``id`` until the instance is gone.
    """

    def __hash__(self) -> int:
        key = id(self)
        value = _HASHES.get(key)
        if value is None:
            value = _HASHES[key] = hash(tuple(self.__dict__.values()))
            weakref.finalize(self, _HASHES.pop, key, None)
        return value


class OfferTerms(_Frozen):
    """Every number of the 8 July 2005 offer letter, defaulting to the letter's value."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    base_salary: float = Field(
        250_000.0, gt=0, le=1e9,
        description="Annualized base salary, in dollars.",
        json_schema_extra={"clause": "§3"},
    )
    days_per_year: int = Field(
        365, ge=1, le=366,
        description="Salary accrues for each calendar day employed at 1/365 of the annual rate (the day count).",
        json_schema_extra={"clause": "§3"},
    )
    first_adjustment_date: date = Field(
        date(2006, 7, 1), ge=MIN_DATE, le=MAX_DATE,
        description="First Adjustment Date; salary is reviewed on it and on each anniversary.",
        json_schema_extra={"clause": "§3"},
    )
    option_shares: int = Field(
        1_000_000, ge=0, le=1_000_000_000,
        description="Shares under the employee stock option granted on hire.",
        json_schema_extra={"clause": "§4"},
    )
    immediate_vest_pct: float = Field(
        10.0, ge=0, le=100,
        description="Percent of the grant that vests on the hire date.",
        json_schema_extra={"clause": "§4"},
    )
    first_anniversary_pct: float = Field(
        25.0, ge=0, le=100,
        description="Percent of the remaining shares that vest on the first anniversary of hire.",
        json_schema_extra={"clause": "§4"},
    )
    cliff_months: int = Field(
        12, ge=0, le=120,
        description="Months from hire to the anniversary installment.",
        json_schema_extra={"clause": "§4"},
    )
    quarterly_installments: int = Field(
        12, ge=1, le=120,
        description="Equal installments in which the rest vests after the anniversary.",
        json_schema_extra={"clause": "§4"},
    )
    installment_interval_months: int = Field(
        3, ge=1, le=24,
        description="Months between installments after the anniversary (quarterly).",
        json_schema_extra={"clause": "§4"},
    )
    sion_buyout: float = Field(
        127_500.0, ge=0, le=1e9,
        description="Cash buyout of the Sion Power severance agreement, paid on the hire date.",
        json_schema_extra={"clause": "§4"},
    )
    severance_lump_sum: float = Field(
        125_000.0, ge=0, le=1e9,
        description="Lump sum on a Change in Control or termination other than for Good Cause.",
        json_schema_extra={"clause": "§6.1(a)"},
    )
    protection_months: int = Field(
        24, ge=0, le=240,
        description="Months from hire during which §6.1 pays (the first twenty four months).",
        json_schema_extra={"clause": "§6.1"},
    )
    health_continuation_months: int = Field(
        6, ge=0, le=60,
        description="Months of continued group health coverage after the Termination Date.",
        json_schema_extra={"clause": "§6.1(b)"},
    )
    payment_delay_days: int = Field(
        5, ge=0, le=365,
        description="Days after the Termination Date on which the lump sum is paid.",
        json_schema_extra={"clause": "§6.1(a)"},
    )
    cure_period_days: int = Field(
        30, ge=0, le=365,
        description="Days neglect must continue after written notice before it is Good Cause.",
        json_schema_extra={"clause": "§6.2(b)"},
    )
    merger_retained_threshold_pct: float = Field(
        50.0, ge=0, le=100,
        description="A merger is a Change in Control when the prior shareholders keep less than this percent of "
                    "the survivor's voting control.",
        json_schema_extra={"clause": "§6.3(a)(i)"},
    )
    acquirer_threshold_pct: float = Field(
        50.0, ge=0, le=100,
        description="An acquisition is a Change in Control when a Person holds more than this percent of the "
                    "voting control.",
        json_schema_extra={"clause": "§6.3(b)"},
    )
    control_carve_out: str = Field(
        "Carl Berg", min_length=1, max_length=100,
        description="The Person whose acquisitions (or those of entities owned by or affiliated with him) are "
                    "not a Change in Control.",
        json_schema_extra={"clause": "§6.3(b)"},
    )
    resignation_notice_days: int = Field(
        60, ge=0, le=365,
        description="Days of advance notice owed to the Board on resignation.",
        json_schema_extra={"clause": "§10"},
    )

    @field_validator("base_salary", "sion_buyout", "severance_lump_sum")
    @classmethod
    def _money(cls, value: float, info) -> float:
        return _whole_cents(value, info, cls)


UnvestedTreatment = Literal["forfeit", "accelerate"]
CicAcceleration = Literal["none", "single_trigger", "double_trigger"]


class Assumptions(_Frozen):
    """What the letter leaves open. Every field is an assumption and is shown as one."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    annual_raise_pct: float = Field(
        0.0, le=100,
        description="Raise at each Adjustment Date, percent; the letter allows increases only.",
        json_schema_extra={"clause": "§3"},
    )
    monthly_health_premium: float = Field(
        1_000.0, ge=0, le=1e6,
        description="Company's monthly cost of group health coverage, dependents included.",
        json_schema_extra={"clause": "§5, §6.1(b)"},
    )
    unvested_at_termination: UnvestedTreatment = Field(
        "forfeit",
        description=(
            "Unvested options when employment ends: forfeited (the usual plan term), or "
            "all vest on a Company termination other than for Good Cause."
        ),
        json_schema_extra={"clause": "§4 (plan governs)"},
    )
    exercise_window_days: int = Field(
        90, ge=0, le=3650,
        description="Days after the last day of employment that vested options stay exercisable.",
        json_schema_extra={"clause": "§4 (plan governs)"},
    )
    cic_acceleration: CicAcceleration = Field(
        "none",
        description=(
            "Vesting acceleration on a Change in Control: none; single trigger (all unvested "
            "vest at the Change in Control); double trigger (all unvested vest if employment "
            "ends other than for Good Cause within the window after it)."
        ),
        json_schema_extra={"clause": "§4, §6.3 (plan governs)"},
    )
    double_trigger_months: int = Field(
        12, ge=1, le=120,
        description="Months after a Change in Control in which a termination triggers double-trigger acceleration.",
        json_schema_extra={"clause": "§4, §6.3 (plan governs)"},
    )
    volatility_pct: float = Field(
        60.0, ge=0.1, le=500,
        description="Expected annual volatility of the stock, percent (Black-Scholes).",
        json_schema_extra={"clause": "§4 (valuation)"},
    )
    risk_free_rate_pct: float = Field(
        4.0, ge=-5, le=50,
        description="Risk-free interest rate, percent a year (Black-Scholes).",
        json_schema_extra={"clause": "§4 (valuation)"},
    )
    expected_term_years: float = Field(
        6.25, gt=0, le=30,
        description="Expected term of the option, years (Black-Scholes).",
        json_schema_extra={"clause": "§4 (valuation)"},
    )
    dividend_yield_pct: float = Field(
        0.0, ge=0, le=50,
        description="Expected dividend yield, percent a year (Black-Scholes).",
        json_schema_extra={"clause": "§4 (valuation)"},
    )

    @field_validator("monthly_health_premium")
    @classmethod
    def _money(cls, value: float, info) -> float:
        return _whole_cents(value, info, cls)

    # --- §280G / §4999 golden-parachute assumptions (contract/280G.md) -------------------
    afr120_short_pct: float = Field(
        6.08, ge=-5, le=50,
        description="120% of the short-term applicable federal rate, semiannual, percent, for the month of the "
                    "change (payments up to 3 years away); September 2006 by default.",
        json_schema_extra={"clause": "§280G G8, Q/A-32 (F10)"},
    )
    afr120_mid_pct: float = Field(
        5.94, ge=-5, le=50,
        description="120% of the mid-term applicable federal rate, semiannual, percent (payments 3 to 9 years away).",
        json_schema_extra={"clause": "§280G G8, Q/A-32 (F10)"},
    )
    afr120_long_pct: float = Field(
        6.17, ge=-5, le=50,
        description="120% of the long-term applicable federal rate, semiannual, percent (payments over 9 years away).",
        json_schema_extra={"clause": "§280G G8, Q/A-32 (F10)"},
    )
    corporate_tax_rate_pct: float = Field(
        35.0, ge=0, le=100,
        description="Company's tax rate on the deduction §280G(a) denies; 0 if net operating losses shelter it.",
        json_schema_extra={"clause": "§280G G14 (F9)"},
    )
    executive_tax_rate_pct: float = Field(
        36.45, ge=0, le=100,
        description="Executive's combined marginal income-tax rate (35% federal + 1.45% Medicare; Nevada, no state tax).",
        json_schema_extra={"clause": "§280G G15"},
    )
    option_term_years: float = Field(
        10.0, gt=0, le=30,
        description="Option's contractual term from grant, years; the remaining term values accelerated options.",
        json_schema_extra={"clause": "§280G G10, §4 (plan governs)"},
    )
    acceleration_presumption_rebutted: bool = Field(
        False,
        description="An acceleration term adopted within a year before the change is shown by clear and convincing "
                    "evidence not to be contingent on it, so the reduced Q/A-24(c) measure applies.",
        json_schema_extra={"clause": "§280G G5(ii), Q/A-24(a)(1), Q/A-25 (F2)"},
    )
    acceleration_adopted_date: date = Field(
        date(2005, 7, 13), ge=MIN_DATE, le=MAX_DATE,
        description="Date the acceleration term was adopted; by default as if written into the letter (13 Jul 2005).",
        json_schema_extra={"clause": "§280G G5(ii), Q/A-25 (F2)"},
    )
    ordinary_pay_presumption_rebutted: bool = Field(
        True,
        description="Salary, the buyout and scheduled vesting under a letter made within a year before the change "
                    "are shown not contingent on it (a new hire on ordinary terms, Q/A-26(b)(3)).",
        json_schema_extra={"clause": "§280G G5(i), Q/A-25 (F2)"},
    )
    termination_presumption_rebutted: bool = Field(
        False,
        description="Rebut the presumption that a termination within a year of the change is materially related to "
                    "it (and that one outside that year is not).",
        json_schema_extra={"clause": "§280G G6, Q/A-22(b) (F3)"},
    )
    payroll_lag_days: int = Field(
        0, ge=0, le=366,
        description="Days between salary accruing and being paid; December pay paid in January counts next year.",
        json_schema_extra={"clause": "§280G G4(b) (F1)"},
    )
    pretax_deferral_pct: float = Field(
        0.0, ge=0, le=100,
        description="Percent of salary deferred pre-tax (401(k), §125), excluded from W-2 box 1 and the base amount.",
        json_schema_extra={"clause": "§280G G4(a), Q/A-34"},
    )
    reasonable_compensation_lump_sum: float = Field(
        0.0, ge=0, le=1e9,
        description="Reasonable compensation for pre-change services established by clear and convincing evidence "
                    "for the change-triggered lump sum; reduces its excess (never severance or Q/A-24(c) amounts).",
        json_schema_extra={"clause": "§280G G13, Q/A-39..Q/A-44 (F6)"},
    )
    disqualified_individual: bool = Field(
        True,
        description="He is a disqualified individual (an officer in the 12 months ending on the change).",
        json_schema_extra={"clause": "§280G G1, Q/A-15..Q/A-20 (F8)"},
    )
    stock_readily_tradeable: bool = Field(
        True,
        description="Valence stock is readily tradeable on an established securities market immediately before the change.",
        json_schema_extra={"clause": "§280G G3, Q/A-6 (F7)"},
    )
    shareholder_approval: bool = Field(
        False,
        description="More than 75% of the voting power approved the payments after adequate disclosure (private "
                    "companies only).",
        json_schema_extra={"clause": "§280G G3, Q/A-7 (F7)"},
    )
    small_business_corporation: bool = Field(
        False,
        description="Valence was a small business corporation immediately before the change.",
        json_schema_extra={"clause": "§280G G3, Q/A-6 (F7)"},
    )
    change_is_280g_change: bool = Field(
        True,
        description="The §6.3 Change in Control is also a §280G change in ownership or control (Q/A-27..Q/A-29).",
        json_schema_extra={"clause": "§280G G2 (F12)"},
    )
    w2_box1_by_year: str = Field(
        "", max_length=MAX_RECORD_CHARS,
        description="Valence's W-2 box 1 pay by base-period year, recurring + non-recurring, replacing the estimate "
                    "for that year, e.g. \"2005: 107534.25 + 127500\" (empty: estimated from the letter).",
        json_schema_extra={"clause": "§280G G4(a), Q/A-34 (F1)"},
    )
    other_includible_pay_by_year: str = Field(
        "", max_length=MAX_RECORD_CHARS,
        description="Other includible pay by year, paid no more than once a year (e.g. option exercises), added to "
                    "the base amount unannualized, e.g. \"2006: 50000\".",
        json_schema_extra={"clause": "§280G G4(g), Q/A-34 (F1)"},
    )

    @field_validator("w2_box1_by_year")
    @classmethod
    def _w2_records(cls, value: str) -> str:
        try:
            w2_box1_by_year(value)
        except ValueError as exc:  # names the year and what is wrong; add the rule
            raise ValueError(f"{exc} (§280G G4(a), F1)") from None
        return value

    @field_validator("other_includible_pay_by_year")
    @classmethod
    def _other_pay_records(cls, value: str) -> str:
        try:
            other_pay_by_year(value)
        except ValueError as exc:
            raise ValueError(f"{exc} (§280G G4(g), F1)") from None
        return value

    @field_validator("annual_raise_pct")
    @classmethod
    def _never_decreased(cls, value: float) -> float:
        # §3: salary "may be increased, but may never be decreased".
        if value < 0:
            raise ValueError(
                f"annual_raise_pct: {value:g}% would decrease the salary, which §3 forbids "
                "(\"may never be decreased\"); use 0 or more"
            )
        return value
