"""The offer-letter engine: Valence Technology's 8 July 2005 offer to its CEO as
tested rules. Pure Python: dates, numbers and models in, results out."""

from engine.evaluate import evaluate
from engine.grid import evaluate_cells, evaluate_grid
from engine.outcome import Flag, LineItem, Outcome, Payment, VestingRow
from engine.scenario import ChangeInControl, ChangeInControlFacts, Scenario, Termination
from engine.terms import Assumptions, OfferTerms

__all__ = [
    "Assumptions", "ChangeInControl", "ChangeInControlFacts", "Flag", "LineItem", "OfferTerms",
    "Outcome", "Payment", "Scenario", "Termination", "VestingRow", "evaluate", "evaluate_cells", "evaluate_grid",
]
