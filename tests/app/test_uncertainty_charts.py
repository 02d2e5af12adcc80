"""The Uncertainty page's charts, built and checked without a browser: valid Vega-Lite, the bands
and lines where the analysis puts them, every mark explained with its clause."""

from __future__ import annotations

from datetime import date

import numpy as np

from analyses.uncertainty import fan, fan_at_price, fan_share_above, last_day_distribution
from engine.price_distribution import PriceModel
from engine.scenario import Scenario
from ui import uncertainty_charts as UC

SCENARIO = Scenario()
# Known $3.00 on 1 Jul 2009: the fan runs 1 Jul – 11 Oct 2009 (103 days), with the last vest date,
# 13 Jul 2009, inside it.
MODEL = PriceModel(known_price=3.0, known_date=date(2009, 7, 1), volatility=0.6, drift=0.04)


def _fan():
    return fan(SCENARIO, ("without_good_cause", "resignation"), MODEL, n=200)


def test_the_fan_and_the_cdf_are_valid_vega_lite():
    UC.fan_chart(("without_good_cause",)).to_dict()  # validates against the schema
    UC.fan_chart(("without_good_cause", "resignation")).to_dict()
    UC.cdf_chart().to_dict()


def test_the_fan_frame_holds_the_percentiles_and_the_line_at_the_sidebars_price():
    result = _fan()
    frame = UC.fan_frame(result, "resignation")
    assert len(frame) == 103 and frame["date"].iloc[0] == "2009-07-01"
    pct = result.reasons["resignation"].figures["total_value"].percentiles
    assert np.array_equal(frame[["p10", "p25", "p50", "p75", "p90"]].to_numpy(), pct)
    at = fan_at_price(SCENARIO, ("resignation",), result.dates, 5.0)["resignation"]["total_value"]
    above = fan_share_above(result, 2_000_000.0)["resignation"]
    priced = UC.with_price(frame, at, 5.0, above, 2_000_000.0)
    # 1 Jul 2009, resignation, $5.00: 1,450 days of salary 1,450 × 250,000/365 = $993,150.68 (§3) + $127,500
    # (§4) + 943,750 vested × $2 = $1,887,500 (§4) = $3,008,150.68; no §6.1 payment after 24 months.
    assert priced["at_price"].iloc[0] == 3_008_150.68
    assert priced["at_price_text"].iloc[0] == "$3,008,150.68 (at $5.00)"
    assert priced["above_text"].iloc[0].endswith("(more than $2,000,000)")


def test_every_fan_tooltip_names_its_clause_and_the_date_marks_are_the_vest_date():
    result = _fan()
    events = UC.event_frame(result)
    assert events["date"].tolist() == ["2009-07-13"] and events["clause"].tolist() == ["§4"]
    spec = UC.fan_template(("resignation",))
    tooltips = [t["title"] for layer in spec["layer"] for t in (layer.get("encoding", {}).get("tooltip") or [])]
    assert "Company's cash cost (§3, §4, §6.1)" in tooltips
    assert "Chance the options are underwater (§4)" in tooltips
    assert "Clause" in tooltips


def test_the_cdf_rises_from_zero_to_the_99th_percentile_with_its_marks():
    last = last_day_distribution(SCENARIO, "none", date(2009, 7, 13), MODEL, n=200)
    frame = UC.cdf_frame(last)
    assert frame["chance"].iloc[0] == 0.0 and frame["chance"].is_monotonic_increasing
    assert frame["total"].max() == UC.cdf_x_max(last)
    # The 99th percentile of 200 values is the 198th smallest (position ⌈0.99·200⌉ − 1 = 197).
    assert UC.cdf_x_max(last) == last.values["total_value"][197]
    marks = UC.mark_frame(last)
    assert {"P10", "P50", "P90"} <= set(marks["label"])
    spec = UC.cdf_spec(last)
    assert spec["title"]["text"] == "The total to him on 13 Jul 2009"
    assert set(spec["datasets"]) == {"cdf", "cdf_marks"}
