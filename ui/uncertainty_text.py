"""The price distribution in words, free of Streamlit: the Uncertainty page and the board
memo say it the same way."""

from __future__ import annotations

from analyses.uncertainty import LastDay, odds_in_words
from ui import format as F


def last_day_sentence(last: LastDay) -> str:
    """The distribution on his last day as a sentence a board member can repeat."""
    p90, share = last.chance_above(90)
    if last.reason == "none":
        return (f"With these assumptions, there is {odds_in_words(share)} chance that by {F.date(last.on)} he has "
                f"received more than {F.money(p90)} in all, salary and options together.")
    return (f"With these assumptions, there is {odds_in_words(share)} chance he walks away with more than "
            f"{F.money(p90)} if his last day is {F.date(last.on)}.")
