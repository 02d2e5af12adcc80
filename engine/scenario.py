"""A scenario: the facts of one what-if, validated before any rule runs.

Validation messages name the field and, where one applies, the clause, so the
app and the command line can show them to a board member as they are.
"""

from __future__ import annotations

import math
import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from engine.dates import MAX_DATE, MIN_DATE, add_days
from engine.registry import REASONS
from engine.terms import Assumptions, OfferTerms

Reason = Literal["without_good_cause", "good_cause", "resignation", "death", "disability"]
GoodCauseGround = Literal["conviction", "neglect", "policy"]
DealType = Literal["merger", "asset_sale", "acquisition", "liquidation"]

# Derived from the one registry (engine/registry.py); kept here for the pages that import it.
REASON_LABELS: dict[str, str] = {r.key: r.label for r in REASONS}

# The reasons as integers for the rules on arrays; "none" is still employed.
REASON_CODES: dict[str, int] = {
    "none": 0, "without_good_cause": 1, "good_cause": 2, "resignation": 3, "death": 4, "disability": 5,
}

GROUND_LABELS: dict[str, str] = {
    "conviction": "(a) conviction of embezzlement, theft, misappropriation or moral turpitude",
    "neglect": "(b) willful and continued neglect of duties after written notice",
    "policy": "(c) willful failure to abide by Company policies",
}

DEAL_LABELS: dict[str, str] = {
    "merger": "Merger or consolidation",
    "asset_sale": "Sale, lease or transfer of assets",
    "acquisition": "A Person acquires voting securities",
    "liquidation": "Liquidation",
}


# The clause each dated field serves, for messages about it.
DATE_CLAUSES = {
    "hire_date": "§4",
    "as_of": "§3, §4",
    "termination.date": "§3, §6.1",
    "termination.notice_date": "§6.2(b), §10",
    "change_in_control.date": "§6.3",
}


def _check_range(value: dt.date | None, field: str) -> dt.date | None:
    if value is not None and not (MIN_DATE <= value <= MAX_DATE):
        raise ValueError(
            f"{field}: {value.isoformat()} is outside the supported range "
            f"{MIN_DATE.isoformat()} to {MAX_DATE.isoformat()} ({DATE_CLAUSES[field]})"
        )
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Termination(_Strict):
    """How and when employment ends. ``date`` is the last day employed (it counts as employed)."""

    date: dt.date | None = Field(
        None, description="Last day of employment. For a resignation it defaults to notice date + 60 days (§10).",
        json_schema_extra={"clause": "§3, §6.1"})
    reason: Reason = Field(description="Why employment ends (§6.1, §6.2, §9, §10).", json_schema_extra={"clause": "§6.1, §6.2, §10"})
    good_cause_ground: GoodCauseGround | None = Field(
        None, description="Good Cause ground relied on (§6.2(a)–(c)); only with reason good_cause.",
        json_schema_extra={"clause": "§6.2"})
    notice_date: dt.date | None = Field(
        None,
        description=(
            "Written notice date: the cure notice for Good Cause ground (b) (§6.2(b)), "
            "or the resignation notice (§10)."
        ),
        json_schema_extra={"clause": "§6.2(b), §10"})

    @field_validator("date", "notice_date")
    @classmethod
    def _in_range(cls, value: dt.date | None, info) -> dt.date | None:
        return _check_range(value, f"termination.{info.field_name}")

    @model_validator(mode="after")
    def _consistent(self) -> "Termination":
        if self.good_cause_ground is not None and self.reason != "good_cause":
            raise ValueError(
                "termination.good_cause_ground: a Good Cause ground applies only when the reason is "
                "good_cause (§6.2)"
            )
        if self.reason == "good_cause" and self.good_cause_ground == "neglect" and self.notice_date is None:
            raise ValueError(
                "termination.notice_date: Good Cause ground (b), neglect, needs the date written "
                "notice was received (§6.2(b))"
            )
        if self.notice_date is not None and self.reason not in ("good_cause", "resignation"):
            raise ValueError(
                "termination.notice_date: a notice date applies only to a resignation (§10) or to "
                "Good Cause ground (b) (§6.2(b))"
            )
        if self.date is None and not (self.reason == "resignation" and self.notice_date is not None):
            raise ValueError(
                "termination.date: the last day of employment is required (only a resignation with a "
                "notice date can default it, §10)"
            )
        if self.date is not None and self.notice_date is not None and self.date < self.notice_date:
            clause = "§10" if self.reason == "resignation" else "§6.2(b)"
            raise ValueError(
                f"termination.date: the last day ({self.date.isoformat()}) is before the notice date "
                f"({self.notice_date.isoformat()}) ({clause})"
            )
        return self

    def last_day(self, terms: OfferTerms) -> dt.date:
        """The last day employed; a resignation without one works its §10 notice."""
        if self.date is not None:
            return self.date
        assert self.notice_date is not None  # guaranteed by _consistent
        return add_days(self.notice_date, terms.resignation_notice_days)


class ChangeInControlFacts(_Strict):
    """The facts the §6.3 test needs. Percentages are of voting control."""

    deal_type: DealType = Field(description="What happened (§6.3(a)(i), (a)(ii), (b), (c)).", json_schema_extra={"clause": "§6.3"})
    shareholders_retained_pct: float | None = Field(
        None, ge=0, le=100,
        description="Merger: the prior shareholders' share of the survivor's voting control (§6.3(a)(i)).",
        json_schema_extra={"clause": "§6.3(a)(i)"})
    all_or_substantially_all_assets: bool = Field(
        True, description="Asset transfer: all or substantially all of the assets (§6.3(a)(ii)).",
        json_schema_extra={"clause": "§6.3(a)(ii)"})
    acquirer_pct: float | None = Field(
        None, ge=0, le=100,
        description="Acquisition: the Person's beneficial ownership of voting control (§6.3(b)).",
        json_schema_extra={"clause": "§6.3(b)"})
    acquirer_is_berg: bool = Field(
        False, description="The Person is Carl Berg or an entity owned by or affiliated with him (§6.3(b)).",
        json_schema_extra={"clause": "§6.3(b)"})

    @model_validator(mode="after")
    def _needed(self) -> "ChangeInControlFacts":
        if self.deal_type == "merger" and self.shareholders_retained_pct is None:
            raise ValueError(
                "change_in_control.facts.shareholders_retained_pct: a merger needs the prior "
                "shareholders' retained percentage (§6.3(a)(i))"
            )
        if self.deal_type == "acquisition" and self.acquirer_pct is None:
            raise ValueError(
                "change_in_control.facts.acquirer_pct: an acquisition needs the Person's percentage "
                "of voting control (§6.3(b))"
            )
        return self


class ChangeInControl(_Strict):
    date: dt.date = Field(description="Date the Change in Control is consummated (§6.3).", json_schema_extra={"clause": "§6.3"})
    facts: ChangeInControlFacts | None = Field(
        None, description="Optional facts; without them the event is taken to be a Change in Control.",
        json_schema_extra={"clause": "§6.3"})

    @field_validator("date")
    @classmethod
    def _in_range(cls, value: dt.date) -> dt.date:
        return _check_range(value, "change_in_control.date")


class Scenario(_Strict):
    """One what-if: the facts, the terms (letter by default) and the assumptions."""

    hire_date: dt.date = Field(
        dt.date(2005, 7, 13),
        description="First day of employment (not in the letter; it took effect on Board acceptance, 13 Jul 2005).",
        json_schema_extra={"clause": "§4"})
    exercise_price: float = Field(
        3.00, description="Option exercise price: the closing price on the first day of employment (§4).",
        json_schema_extra={"clause": "§4"})
    stock_price: float = Field(5.00, description="Stock price used for the options' intrinsic value (§4).", json_schema_extra={"clause": "§4"})
    as_of: dt.date | None = Field(
        None,
        description=(
            "Date the figures are as of when employment continues; defaults to full vesting. "
            "Ignored when there is a termination (figures are as of the last day)."
        ),
        json_schema_extra={"clause": "§3, §4"})
    termination: Termination | None = None
    change_in_control: ChangeInControl | None = None
    terms: OfferTerms = Field(default_factory=OfferTerms)
    assumptions: Assumptions = Field(default_factory=Assumptions)

    @field_validator("hire_date")
    @classmethod
    def _in_range(cls, value: dt.date | None, info) -> dt.date | None:
        return _check_range(value, info.field_name)

    def with_changes(self, **fields) -> "Scenario":
        """This scenario with some fields replaced (an event, the stock price, the terms …),
        validated again like any scenario: ``base.with_changes(termination=None, as_of=day)``.
        Values may be models or their dicts."""
        data = {name: getattr(self, name) for name in type(self).model_fields}
        data.update(fields)
        return type(self).model_validate(data)

    @field_validator("exercise_price", "stock_price")
    @classmethod
    def _positive_price(cls, value: float, info) -> float:
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"{info.field_name}: must be a positive finite price in dollars (§4), got {value!r}")
        if value > 1e6:
            raise ValueError(f"{info.field_name}: {value!r} is above the supported maximum of $1,000,000 a share (§4)")
        return value

    @model_validator(mode="after")
    def _after_hire(self) -> "Scenario":
        hire = self.hire_date
        # With a termination the figures are as of the last day and as_of is ignored
        # (evaluate flags it): it is never a reason to reject the scenario.
        if self.as_of is not None and self.termination is None:
            _check_range(self.as_of, "as_of")
        if self.as_of is not None and self.termination is None and self.as_of < hire:
            raise ValueError(
                f"as_of: {self.as_of.isoformat()} is before the hire date {hire.isoformat()} (§3, §4)"
            )
        if self.termination is not None:
            last = self.termination.last_day(self.terms)
            if last < hire:
                raise ValueError(
                    f"termination.date: the last day ({last.isoformat()}) is before the hire date "
                    f"({hire.isoformat()}) (§3, §6.1)"
                )
            if last > MAX_DATE:
                raise ValueError(
                    f"termination.date: the last day {last.isoformat()} is after the supported range, which ends "
                    f"{MAX_DATE.isoformat()} (§10)"
                )
            notice = self.termination.notice_date
            if notice is not None and notice < hire:
                raise ValueError(
                    f"termination.notice_date: {notice.isoformat()} is before the hire date ({hire.isoformat()}) "
                    "(§6.2(b), §10)"
                )
        if self.change_in_control is not None and self.change_in_control.date < hire:
            raise ValueError(
                f"change_in_control.date: {self.change_in_control.date.isoformat()} is before the hire "
                f"date ({hire.isoformat()}) (§6.1)"
            )
        return self
