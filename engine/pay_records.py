"""What Valence's payroll records say, by calendar year, for the §280G base amount (280G.md G4, F1).

Written as text so a link and the command line carry it alike:

- W-2 box 1 by year, recurring + non-recurring: ``"2005: 107534.25 + 127500; 2006: 250000 + 0"``
  (G4(a): includible compensation; G4(d): recurring pay is annualized, pay made no more often
  than once a year is not);
- other includible pay by year (option exercises, G4(g)), added unannualized: ``"2006: 50000"``.
"""

from __future__ import annotations

import math
import re

MAX_RECORD_CHARS = 400
_ENTRY = re.compile(r"\s*(\d{4})\s*:\s*([^;]+?)\s*")


def _amount(text: str, field: str, year: int) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{field}: {year}: {text!r} is not an amount in dollars") from None
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{field}: {year}: an amount must be a finite number of dollars, 0 or more")
    if abs(value * 100 - round(value * 100)) > 1e-6:
        raise ValueError(f"{field}: {year}: {text!r} is not a whole number of cents")
    return value


def _entries(text: str, field: str, example: str) -> list[tuple[int, str]]:
    if len(text) > MAX_RECORD_CHARS:
        raise ValueError(f"{field}: longer than {MAX_RECORD_CHARS} characters; give one entry per year")
    out: list[tuple[int, str]] = []
    for part in filter(str.strip, text.split(";")):
        m = _ENTRY.fullmatch(part)
        if m is None:
            raise ValueError(f"{field}: {part.strip()!r} is not an entry of the form {example}")
        year = int(m.group(1))
        if not 1990 <= year <= 2100:
            raise ValueError(f"{field}: {year} is not a year from 1990 to 2100")
        if any(y == year for y, _ in out):
            raise ValueError(f"{field}: {year} is given twice")
        out.append((year, m.group(2)))
    return out


def w2_box1_by_year(text: str, field: str = "w2_box1_by_year") -> dict[int, tuple[float, float]]:
    """``"2005: 107534.25 + 127500"`` → ``{2005: (107534.25, 127500.0)}`` (recurring, non-recurring)."""
    out = {}
    for year, value in _entries(text, field, '"2005: 107534.25 + 127500" (recurring + non-recurring)'):
        parts = [p.strip() for p in value.split("+")]
        if len(parts) != 2:
            raise ValueError(f"{field}: {year}: give recurring + non-recurring pay, e.g. \"{year}: 107534.25 + 127500\"")
        out[year] = (_amount(parts[0], field, year), _amount(parts[1], field, year))
    return out


def other_pay_by_year(text: str, field: str = "other_includible_pay_by_year") -> dict[int, float]:
    """``"2006: 50000"`` → ``{2006: 50000.0}``."""
    return {year: _amount(value, field, year) for year, value in _entries(text, field, '"2006: 50000"')}
