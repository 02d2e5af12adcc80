"""Money exact to the cent (READING.md, "Money is exact to the cent").

Inside the engine money is integer cents (int64 on arrays): each figure is
computed once and rounded once, half a cent up, and a total is the sum of its
rounded parts. Stock prices may carry more decimals than a cent ($3.125005), so
they are held in nanodollars, exact for any price given to nine decimals.
Dollars (floats) appear only at the boundary: ``Outcome``, the grid, JSON.
"""

from __future__ import annotations

import numpy as np

CENTS = 100
NANOS_PER_DOLLAR = 10**9
_NANOS_PER_CENT = NANOS_PER_DOLLAR // CENTS


def as_numbers(values, dtype=None):
    """``np.asarray(values, dtype)``, except that a numpy scalar stays a scalar.

    ``evaluate`` runs the same rules as the grid on numpy scalars (a scenario is one
    cell), and a step on a scalar costs about a tenth of the same step on a 0-d array.
    A Python number given with a ``dtype`` becomes a numpy scalar of that type.
    """
    if isinstance(values, np.generic):
        return values if dtype is None or type(values) is dtype else values.astype(dtype)
    if dtype is not None and isinstance(values, (int, float)):  # a Python number: the same, as a numpy scalar
        return np.dtype(dtype).type(values)
    return np.asarray(values, dtype=dtype)


def flag_times(flags, amounts):
    """``flags × amounts`` (True × x = x, False × x = 0): ``np.where(flags, amounts, 0)``
    without np.where's price on one cell. The flags are taken as int64 first, the same
    numbers, since a numpy bool times an int costs about twenty times an int times an int."""
    return as_numbers(flags, np.int64) * amounts


def whole_cents(dollars: float) -> int:
    """A money term in cents; terms are validated to be whole cents (``terms.py``)."""
    return int(round(dollars * CENTS))


def is_whole_cents(dollars: float) -> bool:
    """Is ``dollars`` a whole number of cents, up to the float's own error (``0.29 * 100`` is
    28.999999999999996)? The tolerance is relative to the cents, about a thousand times the
    float's error: $100,000.001 is not whole cents (before, a tolerance of a millionth of the
    dollars let a tenth of a cent through on $100,000)."""
    cents = dollars * CENTS
    return abs(cents - round(cents)) <= 1e-13 * max(1.0, abs(cents))


def to_dollars(cents):
    """Cents as dollars: a float (or float array) holding exactly two decimals."""
    # float(cents) / 100 for one value too, as numpy does for arrays, so a cell of
    # the grid and ``evaluate`` agree even beyond 2**53 cents.
    if isinstance(cents, np.ndarray):
        return cents / CENTS
    return float(cents) / CENTS


def price_nanos(price):
    """A price per share in nanodollars (int64), the decimal the user typed, exactly."""
    return np.rint(as_numbers(price, np.float64) * NANOS_PER_DOLLAR).astype(np.int64)


def divide_half_up(numerator, denominator: int):
    """``numerator / denominator`` rounded once to a whole number, a half up (non-negative).

    Integer numerators are divided exactly; float ones (a compounded raise) once.
    """
    numerator = as_numbers(numerator)
    if numerator.dtype.kind in "iu":
        return (2 * numerator + denominator) // (2 * denominator)
    return np.floor(numerator / denominator + 0.5).astype(np.int64)


def shares_times_price_cents(shares, spread_nanos):
    """``shares × spread`` in cents, rounded once half a cent up, exact in int64.

    The spread is split into whole cents and the part below a cent, so no
    product leaves int64 for up to a billion shares at a million dollars.
    """
    spread = as_numbers(spread_nanos, np.int64)
    whole, part = spread // _NANOS_PER_CENT, spread % _NANOS_PER_CENT  # operators: np.divmod's ufunc call costs more
    shares = as_numbers(shares, np.int64)
    return shares * whole + divide_half_up(shares * part, _NANOS_PER_CENT)
