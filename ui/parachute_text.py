"""The §280G position in words (contract/280G.md), free of Streamlit: the panel, the
Negotiate and matrix tables and the board memo say it the same way."""

from __future__ import annotations

from engine.golden_parachute.model import GoldenParachute
from ui import format as F


def verdict_sentence(gp: GoldenParachute) -> str:
    """G12: where P stands against the 3× base-amount line."""
    if not gp.applies:
        return f"§280G does not apply: {gp.not_applicable_reason}"
    ratio = f"{gp.ratio_to_base:.2f} times" if gp.ratio_to_base is not None else "against a nil"
    head = (f"The payments contingent on the Change in Control are worth {F.money(gp.parachute_value, cents=True)} "
            f"today (P, G8), {ratio} the base amount B of {F.money(gp.base_amount, cents=True)} (G4)")
    if gp.exceeds_safe_harbor:
        return (f"{head}: over the 3× line of {F.money(gp.three_times_base, cents=True)} by "
                f"{F.money(gp.parachute_value - gp.three_times_base, cents=True)}, so all of them are parachute "
                f"payments (G12, §6.1, §4).")
    return (f"{head}: under the 3× line, with {F.money(gp.headroom, cents=True)} of headroom below the safe-harbor "
            f"maximum of {F.money(gp.safe_harbor_limit, cents=True)}; no excise tax and no lost deduction "
            "(G12, §6.1, §4).")


def best_net_sentence(gp: GoldenParachute) -> str:
    """G15: what he keeps if paid in full against a cutback to 3B − $1."""
    if not gp.exceeds_safe_harbor:
        return (f"Nothing to cut back: after income tax he keeps {F.money(gp.net_if_paid_in_full, cents=True)} of "
                f"the {F.money(gp.value_to_executive, cents=True)} this change is worth to him (G15).")
    better = "Paying in full" if gp.better_for_executive == "pay_in_full" else "Cutting back to the safe harbor"
    return (f"Paid in full he nets {F.money(gp.net_if_paid_in_full, cents=True)} after income tax and the "
            f"excise; cut back to {F.money(gp.safe_harbor_limit, cents=True)} he nets "
            f"{F.money(gp.net_if_cut_back, cents=True)}. {better} is better for him by "
            f"{F.money(gp.better_by, cents=True)}: the cutback would cost him "
            f"{F.money(gp.cutback_cost_after_tax, cents=True)} after tax to save "
            f"{F.money(gp.excise_tax_present_value, cents=True)} of excise (G15). The letter has no §280G clause, so as written he is paid in "
            "full and bears the excise (F14).")


def position_text(gp: GoldenParachute | None) -> str:
    """A table cell: "over by $X" / "under, headroom $Y" / "n/a"."""
    if gp is None:
        return "no Change in Control"
    if not gp.applies:
        return "§280G does not apply"
    if gp.exceeds_safe_harbor:
        return f"over the 3B line by {F.money(gp.parachute_value - gp.three_times_base)}; excise {F.money(gp.excise_tax)}"
    return f"under; headroom {F.money(gp.headroom)}"
