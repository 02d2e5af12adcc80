"""F1..F15 of 280G.md: what a practitioner must supply before a figure is relied on."""

from __future__ import annotations

from functools import lru_cache

from engine.dates import format_date
from engine.golden_parachute.model import ParachuteFlag


@lru_cache(maxsize=1024)  # a frozen model: one instance serves every outcome with the same flag
def _f(code: str, severity: str, clause: str, message: str) -> ParachuteFlag:
    return ParachuteFlag(code=code, severity=severity, clause=clause, message=message)


def f1_base_estimated() -> ParachuteFlag:
    return _f("280g_base_estimated", "assumption", "§280G G4, Q/A-34 (F1)",
              "The base amount is estimated from the letter: replace it with Valence's W-2 box 1 for each "
              "base-period year. Salary counts when paid (payroll lag); add any option-exercise income; confirm the "
              "$127,500 Sion Power buyout was reported as wages (if it was not pay for services, B falls by up to "
              "$127,500).")


def f2_presumption(change, agreement, accel_adopted, ordinary_rebutted: bool, accel_rebutted: bool,
                   accel_counts_in_full: bool) -> list[ParachuteFlag]:
    out = []
    if agreement is not None:
        if ordinary_rebutted:
            msg = (f"The letter ({format_date(agreement)}) was made within a year before the change "
                   f"({format_date(change)}): its payments are presumed contingent on it (Q/A-25). Salary, the buyout "
                   "and scheduled vesting are taken as shown not contingent (a new hire on ordinary terms, "
                   "Q/A-26(b)(3)); that needs clear and convincing evidence.")
            out.append(_f("280g_presumption_one_year", "warning", "§280G G5(i), Q/A-25 (F2)", msg))
        else:
            out.append(_f("280g_presumption_one_year", "warning", "§280G G5(i), Q/A-25 (F2)",
                          "The presumption that salary, the buyout and scheduled vesting are contingent on the change "
                          "is not rebutted: those figures are outside this tool and counsel must compute them."))
    if accel_adopted is not None:
        how = ("not rebutted, so each accelerated tranche counts at its full value (Q/A-24(a)(1))"
               if accel_counts_in_full else "taken as rebutted, so the reduced Q/A-24(c) measure applies")
        out.append(_f("280g_acceleration_presumption", "warning", "§280G G5(ii), Q/A-24(a)(1), Q/A-25 (F2)",
                      f"The acceleration term (adopted {format_date(accel_adopted)}) was adopted within a year before "
                      f"the change: the presumption is {how}."))
    return out


def f3_termination(last_day, related: bool, counted_payments: bool) -> ParachuteFlag:
    if related:
        msg = (f"The termination on {format_date(last_day)} is within a year of the change and presumed materially "
               "related to it (Q/A-22(b)); payments it triggers are contingent on the change.")
    else:
        msg = (f"The termination on {format_date(last_day)} is presumed not materially related to the change "
               "(Q/A-22(b)); payments it alone triggers are not counted.")
    if not counted_payments:
        msg += " Here it pays nothing beyond what the change already triggered."
    return _f("280g_termination_related", "info", "§280G G6, Q/A-22(b) (F3)", msg)


def f4_later_event() -> ParachuteFlag:
    return _f("280g_later_event", "warning", "§280G G16, Q/A-33 (F4)",
              "Double-trigger acceleration depends on a later termination: on the date of the change the Company "
              "counts it only if it is at least 50% likely, and re-applies the test when the facts are known "
              "(Q/A-33(a), (b)); an option's value may be estimated and redetermined (Q/A-33(c)).")


def f5_option_valuation() -> ParachuteFlag:
    return _f("280g_option_valuation", "assumption", "§280G G10, Q/A-13, Rev. Proc. 2003-68 (F5)",
              "Accelerated options are valued by Black-Scholes with the remaining term (a choice): the Rev. Proc. "
              "2003-68 safe-harbor table, another volatility or a shorter exercise period (he leaves soon after the "
              "change) gives a different value.")


def f6_reasonable_compensation(amount: float) -> ParachuteFlag:
    text = (f"${amount:,.2f} of the lump sum is treated as reasonable compensation for pre-change services"
            if amount > 0 else "No reasonable-compensation reduction is made (none entered)")
    return _f("280g_reasonable_compensation", "assumption", "§280G G13, Q/A-9, Q/A-39..Q/A-44 (F6)",
              f"{text}; severance can never be reasonable compensation (Q/A-44), and it needs clear and convincing "
              "evidence of historic and comparable pay (Q/A-40).")


def f7_exemptions(tradeable: bool, approval: bool, small: bool) -> ParachuteFlag:
    if small:
        msg = "Valence is taken to be a small business corporation: no parachute payment exists (§280G(b)(5), Q/A-6)."
    elif not tradeable and approval:
        msg = ("Valence stock is taken as not readily tradeable and the payments approved by more than 75% of the "
               "vote after adequate disclosure: no parachute payment exists (Q/A-7).")
    else:
        msg = ("Valence stock is publicly traded (assumed; confirm): no shareholder-approval cleansing vote is "
               "available (Q/A-6, Q/A-7).")
    return _f("280g_exemptions", "assumption", "§280G G3, §280G(b)(5) (F7)", msg)


def f8_not_disqualified() -> ParachuteFlag:
    return _f("280g_not_disqualified", "warning", "§280G G1, Q/A-15..Q/A-20 (F8)",
              "He is taken not to be a disqualified individual: §280G and §4999 do not apply.")


def f9_lost_deduction() -> ParachuteFlag:
    return _f("280g_lost_deduction", "info", "§280G(a) G14, Q/A-1(b) (F9)",
              "The lost deduction costs the corporate rate only if Valence has taxable income; with net operating "
              "losses it may cost nothing now. The excise applies regardless.")


def f10_afr(short: float, mid: float, long: float) -> ParachuteFlag:
    return _f("280g_afr", "assumption", "§280G(d)(4) G8, Q/A-32 (F10)",
              f"Present values use 120% of the applicable federal rate, semiannual: {short:g}% short, {mid:g}% mid, "
              f"{long:g}% long. Enter the rates in effect in the month of the change.")


def f11_health_overlap() -> ParachuteFlag:
    return _f("280g_health_overlap", "info", "§280G G7, §6.1(b), Q/A-31(b)(2) (F11)",
              "Health coverage months that begin while he is still employed cost nothing extra and are not counted; "
              "the premium cost is an assumption.")


def f12_definitions(is_280g_change: bool) -> ParachuteFlag:
    if is_280g_change:
        return _f("280g_change_definition", "assumption", "§6.3, §280G G2, Q/A-27..Q/A-29 (F12)",
                  "The §6.3 Change in Control is taken to be a §280G change in ownership or control. §6.3 is a "
                  "different test (no 20% or board-turnover test; a liquidation need not be a §280G change).")
    return _f("280g_change_definition", "warning", "§6.3, §280G G2, Q/A-27..Q/A-29 (F12)",
              "The §6.3 Change in Control is taken not to be a §280G change: §280G does not apply to it (it may still "
              "be closely associated with a later §280G change, Q/A-22(b)(2)).")


def f13_second_trigger() -> ParachuteFlag:
    return _f("280g_second_trigger", "info", "§6.1, §280G G7 (F13)",
              "Both §6.1 triggers fall in the 24 months: one payment is modelled (READING.md).")


def f14_no_clause() -> ParachuteFlag:
    return _f("280g_no_clause", "warning", "§280G G14, G15 (F14)",
              "The letter has no §280G clause: no gross-up and no cutback. As written everything is paid and he bears "
              "the excise; the best-net cutback is a negotiation variant.")


def f15_withholding() -> ParachuteFlag:
    return _f("280g_withholding", "info", "§4999(c)(1) G14 (F15)",
              "Valence must withhold the excise tax from his wages (§4999(c)(1)).")
