"""G9 Accelerated vesting under Treas. Reg. §1.280G-1 Q/A-24(c).

Every tranche whose original vest date v_i is after the acceleration date A
vests on A. For tranche i (V_i its G10 value on A):
- PV piece = V_i × (1 − DF(t_i)), t_i = years A → v_i at the AFR class of t_i
  (the deemed future value equals V_i: Q/A-24(b), (c)(3), Example 5);
- month piece = 1% × m_i × V_i, m_i = full months A → v_i (Q/A-24(c)(4), C3);
- contingent_i = min(V_i, PV piece + month piece) (Q/A-24(c)(2) cap);
- G5(ii): an acceleration term adopted within a year before the change whose
  presumption is not rebutted counts in full, contingent_i = V_i (Q/A-24(a)(1)).
contingent_i is fixed as of A (Q/A-24(e)) and discounted from A to the change
for the 3× test (G8).

``q_a_24c`` works on numpy arrays, so a grid of prices or dates is one call.
"""

from __future__ import annotations

import numpy as np

from engine.golden_parachute.present_value import discount_factor


def q_a_24c(value, years, months, short_pct: float, mid_pct: float, long_pct: float, full_value=False):
    """G9: (pv_piece, month_piece, contingent) for tranche values ``value`` (arrays broadcast)."""
    v = np.asarray(value, dtype=float)
    df = np.asarray(discount_factor(years, short_pct, mid_pct, long_pct), dtype=float)
    pv_piece = v * (1 - df)
    month_piece = 0.01 * np.asarray(months, dtype=float) * v
    contingent = np.where(full_value, v, np.minimum(v, pv_piece + month_piece))
    return pv_piece, month_piece, contingent
