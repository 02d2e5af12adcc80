"""Numbers and dates as the board reads them. No Streamlit here.

Convention (the same on every page):

* money: exact. Whole dollars print without cents (``$125,000``); an amount
  with cents prints them (``$336,301.37``), so a headline figure never differs
  from the table by a rounding. ``money(x, cents=True)`` always prints cents
  (tables, CSV-like listings).
* shares: ``1,000,000``.
* dates: ``13 Jul 2006`` (``engine.dates.format_date``); ``None`` → ``—``.
* percentages: ``60%`` / ``4.25%``.

Streamlit renders markdown (and ``$…$`` as LaTeX) in ``st.markdown``,
``st.info``/``st.warning``/``st.error``/``st.caption``, labels and help
tooltips. Any text holding dollar amounts or text from outside (engine
messages, link values, file contents) must go through ``md()`` first, or
"$5.00 − $3.00" turns into a formula.

Public API
----------
``money(amount, cents=None) -> str``   ``$1,234,567`` / ``$1,234,567.89`` (cents: None = only if nonzero)
``shares(n) -> str``                    ``1,000,000``
``date(d) -> str``                      ``13 Jul 2006`` or ``—``
``percent(x) -> str``                   ``60%``, ``4.25%``
``md(text) -> str``                     escape markdown / LaTeX so text shows as written
``md_label(text) -> str``               a widget label: escaped only when it must be (labels are also
                                        the accessible name, where a backslash would be read out)
``with_clause(text, clause) -> str``    ``text (§6.1)`` unless the text already ends with that citation
"""

from __future__ import annotations

import datetime as dt
import math
import re

from engine.dates import format_date

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|$~:=^&])")


def money(amount: float | None, cents: bool | None = None) -> str:
    """Dollars. ``cents=None``: cents only when the amount has some."""
    if amount is None or (isinstance(amount, float) and not math.isfinite(amount)):
        return "—"
    rounded = round(float(amount), 2)
    show_cents = cents if cents is not None else rounded != round(rounded)
    text = f"{abs(rounded):,.2f}" if show_cents else f"{abs(rounded):,.0f}"
    sign = "−" if rounded < 0 else ""
    return f"{sign}${text}"


def shares(n: int | float | None) -> str:
    if n is None:
        return "—"
    return f"{int(n):,}"


def shares_parts(outcome, option_shares: int, plus: bool = False) -> list[str]:
    """["of 1,000,000", "618,750 forfeited"]: what became of the grant besides the vested shares
    (``plus``: accelerated shares read "plus 250,000 accelerated", beside the vested count)."""
    parts = [f"of {shares(option_shares)}"]
    if outcome.accelerated_shares:
        parts.append(f"{'plus ' if plus else ''}{shares(outcome.accelerated_shares)} accelerated")
    if outcome.forfeited_shares:
        parts.append(f"{shares(outcome.forfeited_shares)} forfeited")
    if outcome.unvested_shares:
        parts.append(f"{shares(outcome.unvested_shares)} not yet vested")
    return parts


def shares_note(outcome, option_shares: int) -> str:
    """"of 1,000,000, 618,750 forfeited (§4)": what became of the grant besides the vested shares."""
    return ", ".join(shares_parts(outcome, option_shares)) + " (§4)"


def date(value: dt.date | None) -> str:
    return format_date(value)


def percent(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:,.2f}".rstrip("0").rstrip(".") + "%"


def md(text: str) -> str:
    """Escape markdown and LaTeX so Streamlit shows ``text`` as written."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def md_label(text: str) -> str:
    """A widget label: Streamlit renders it as markdown but also uses it, unescaped,
    as the accessible name, so escape only what would otherwise render wrongly
    (a pair of ``$`` would become a formula; ``*``/``_``/backticks would format)."""
    if text.count("$") >= 2 or any(ch in text for ch in "*_`[]<>"):
        return md(text)
    return text


def with_clause(text: str, clause: str) -> str:
    """``text (§6.1)``: the citation at the end, unless the text already ends with it."""
    if not clause or text.rstrip().endswith(f"({clause})") or text.rstrip().endswith(f"({clause})."):
        return text
    return f"{text} ({clause})"
