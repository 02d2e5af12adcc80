"""G13 Excess parachute payment and G14 its consequences.

G13 (§280G(b)(1), (b)(3)(B); Q/A-38): each parachute payment i is allocated
B_i = B × PV_i / P; its excess is amount_i − B_i (amount_i undiscounted). Total
excess = Σ amount_i − B. Reasonable compensation for pre-change services
(§280G(b)(4)(B); Q/A-39) first absorbs the allocated base, then reduces the
excess; it never applies to severance (Q/A-44) or to Q/A-24(c) amounts.
G14 (§4999(a); §280G(a); Q/A-1): a 20% excise tax on the total excess (the
executive's) and a lost deduction for it (the Company's), each whatever the other.
"""

from __future__ import annotations

EXCISE_RATE = 0.20  # §4999(a)


def allocate_base(base_amount: float, present_values: list[float]) -> list[float]:
    """G13: B_i = B × PV_i / P."""
    total = sum(present_values)
    return [base_amount * pv / total if total > 0 else 0.0 for pv in present_values]


def excess_per_payment(amounts: list[float], allocated: list[float],
                       reasonable_compensation: list[float] | None = None) -> list[float]:
    """G13: amount_i − B_i, less reasonable compensation beyond B_i (Q/A-39), never below 0."""
    rc = reasonable_compensation or [0.0] * len(amounts)
    out = []
    for amount, b_i, r in zip(amounts, allocated, rc):
        excess = amount - b_i
        out.append(max(0.0, excess - min(excess, max(0.0, r - b_i))))
    return out


def excise_tax(total_excess: float) -> float:
    """G14, §4999(a): 20% of the total excess parachute payment (the executive's)."""
    return EXCISE_RATE * total_excess


def lost_deduction_tax_cost(total_excess: float, corporate_tax_rate_pct: float) -> float:
    """G14, §280G(a): the deduction denied on the excess, costed at the corporate rate (F9)."""
    return total_excess * corporate_tax_rate_pct / 100
