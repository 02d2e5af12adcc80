"""G12 The 3× test (§280G(b)(2)(A)(ii); Treas. Reg. §1.280G-1 Q/A-30).

P = the sum of the present values of all contingent payments. If P >= 3B every one
of them is a parachute payment; if P < 3B none is. The safe-harbor maximum is
3B − $1, the most that can be paid without a parachute payment; headroom is
(3B − $1) − P, negative when over. Works on arrays of P.
"""

from __future__ import annotations

import numpy as np


def three_times_base(base_amount):
    """G12: 3B."""
    if isinstance(base_amount, (int, float)) or np.ndim(base_amount) == 0:  # a plain number: no np.ndim detour
        return 3 * float(base_amount)
    return 3 * np.asarray(base_amount, dtype=float)


def safe_harbor_limit(base_amount):
    """G12: 3B − $1, the most that can be paid without a parachute payment."""
    return three_times_base(base_amount) - 1.0


def exceeds_safe_harbor(parachute_value, base_amount):
    """G12: P >= 3B (arrays broadcast)."""
    out = np.asarray(parachute_value, dtype=float) >= three_times_base(base_amount)
    return bool(out) if out.ndim == 0 else out


def headroom(parachute_value, base_amount):
    """G12: (3B − $1) − P; negative when over the line."""
    out = safe_harbor_limit(base_amount) - np.asarray(parachute_value, dtype=float)
    return float(out) if np.ndim(out) == 0 else out
