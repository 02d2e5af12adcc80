"""G15 Best net versus cutback (the "better-off" clause; choices C7, C8).

The letter has no §280G clause: everything is paid and the executive bears the
excise (F14). The negotiation variant pays in full or cuts back to 3B − $1,
whichever leaves him more after tax.
- Pay in full: net = E × (1 − rate) − Σ 20% × excess_i × PV_i / amount_i.
- Cutback (C8): the lump sum; then accelerated tranches, latest original vest date
  first, in whole shares (each share removes contingent_i / shares_i of PV); then
  health months, latest first. Loss = the value to him of what is cut;
  net = (E − loss) × (1 − rate).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from engine.golden_parachute.excess import EXCISE_RATE


@dataclass(frozen=True)
class Cuttable:
    component: str
    label: str
    present_value: float
    value: float  # value to the executive of the whole piece (C7)
    shares: int | None = None  # whole-share cuts for an option tranche


@dataclass(frozen=True)
class CutMade:
    component: str
    label: str
    present_value: float
    value_lost: float
    shares: int | None


def net_if_paid_in_full(value_to_executive: float, executive_rate_pct: float,
                        excess_pv_pairs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """G15: (income tax, excise PV, net) paying in full; pairs are (excess_i, PV_i, amount_i)."""
    income_tax = value_to_executive * executive_rate_pct / 100
    excise_pv = sum(EXCISE_RATE * ex * pv / amount for ex, pv, amount in excess_pv_pairs if amount > 0)
    return income_tax, excise_pv, value_to_executive - income_tax - excise_pv


def cut_back(parachute_value: float, limit: float, pieces: list[Cuttable]) -> list[CutMade]:
    """G15, C8: cut ``pieces`` in the order given until P <= limit."""
    need = parachute_value - limit
    cuts: list[CutMade] = []
    for piece in pieces:
        if need <= 0:
            break
        if piece.present_value <= 0:
            continue
        if piece.shares:
            per_share_pv = piece.present_value / piece.shares
            n = min(piece.shares, math.ceil(need / per_share_pv - 1e-9))
            pv, lost = n * per_share_pv, n * piece.value / piece.shares
            cuts.append(CutMade(piece.component, piece.label, pv, lost, n))
        elif piece.component == "severance_lump_sum":
            pv = min(need, piece.present_value)  # cash is cut to the cent of PV needed
            cuts.append(CutMade(piece.component, piece.label, pv, piece.value * pv / piece.present_value, None))
        else:
            pv = piece.present_value  # a health month is cut whole
            cuts.append(CutMade(piece.component, piece.label, pv, piece.value, None))
        need -= pv
    return cuts
