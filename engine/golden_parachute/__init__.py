"""§280G / §4999: the golden-parachute test of a Change in Control scenario (contract/280G.md).

One module per concern, each function citing its G-rule: ``base_amount`` (G4),
``present_value`` (G8, C2, C3), ``payments`` (G6, G7), ``acceleration`` (G9),
``option_value`` (G10), ``three_times`` (G12), ``excess`` (G13, G14),
``best_net`` (G15), ``flags`` (F1..F15); ``compute`` applies them in order;
``contour`` gives P on arrays of prices and the 3B line over last day × price.
"""

from engine.golden_parachute.model import GoldenParachute

__all__ = ["GoldenParachute"]
