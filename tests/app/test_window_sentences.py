"""The charts' sentences about §6.1's protection window come from the terms in force.

The sidebar always applies the letter as signed (24 months), so these builders are checked here on
a negotiated variant: a 36-month window from a hire on 13 Jul 2005 ends on 13 Jul 2008 (hire + 36
months, §6.1), and no sentence may still read "24 months".
"""

from __future__ import annotations

import datetime as dt
import json


from analyses.matrix import matrix_curves
from analyses.sensitivity import sensitivity
from analyses.uncertainty import fan
from engine.price_distribution import PriceModel
from engine.scenario import Scenario
from engine.terms import OfferTerms
from ui import sensitivity_charts as SC
from ui import uncertainty_charts as UC
from ui.charts import chart_events
from ui.matrix_charts import walk_away_chart
from engine.evaluate import evaluate

VARIANT = Scenario(terms=OfferTerms(protection_months=36))
END = dt.date(2008, 7, 13)  # 13 Jul 2005 + 36 months


def _texts(value) -> str:
    return json.dumps(value, default=str)


def _subtitle(spec: dict) -> str:
    """A chart's subtitle as one string (``ui.charts.title`` wraps it into lines)."""
    subtitle = spec["title"]["subtitle"]
    return " ".join(subtitle) if isinstance(subtitle, list) else subtitle


def test_the_sensitivity_heatmap_names_a_36_month_window() -> None:
    sens = sensitivity(VARIANT, "without_good_cause", "total_cash", years=5)
    assert (sens.window_end, sens.window_months) == (END, 36)
    spec = SC.heatmap_spec(sens, 3.0, 5.0)
    marks = spec["datasets"]["date_marks"]
    assert list(marks["event"]) == ["First 36 months end"]
    assert list(marks["text"]) == ["First 36 months end 13 Jul 2008 (§6.1)"]
    assert list(spec["datasets"]["peaks"]["marker"]) == ["Highest", "Highest in the first 36 months"]
    assert "Black dashed line: the first 36 months end (§6.1)." in _subtitle(spec)
    assert "Highest in the first 36 months:" in spec["description"]
    assert "The first 36 months end 13 Jul 2008 (§6.1)." in spec["description"]
    assert "24 months" not in _texts({k: v for k, v in spec.items() if k != "datasets"})


def test_the_uncertainty_fan_names_a_36_month_window() -> None:
    model = PriceModel(known_price=3.0, known_date=dt.date(2006, 7, 1), volatility=0.6, drift=0.04)
    result = fan(VARIANT, ("without_good_cause",), model, n=50)
    assert (result.window_end, result.window_months) == (END, 36)
    events = UC.event_frame(result)
    assert list(events.loc[events["kind"] == "window", "event"]) == ["First 36 months end"]
    template = UC.fan_template(("without_good_cause",), result.window_months)
    assert "thick rule: the first 36 months end (§6.1)" in _subtitle(template)
    assert "24 months" not in _texts(template)


def test_the_matrix_lines_and_the_explorer_marks_name_a_36_month_window() -> None:
    on = dt.date(2006, 11, 15)
    chart = walk_away_chart(matrix_curves(VARIANT, on), "executive", END, on, 36).to_dict()
    text = _texts(chart)
    assert "before 13 Jul 2008 (the first 36 months)." in text
    assert "First day after the 36 months" in text
    assert "24 months" not in text
    events = chart_events(VARIANT, evaluate(VARIANT))
    assert [(e.date, e.label) for e in events if e.clause == "§6.1"] == [(END, "First 36 months end")]
