"""Every chart reads without its colours (issue 15), checked on the Vega-Lite spec.

A screen reader announces a chart's ``description``: it must carry the chart's
figures, worked out here from the letter (READING.md's worked example: hired
13 Jul 2005 at $250,000 a year, options at $3.00, stock at $5.00, terminated without
Good Cause on 15 Nov 2006). Series differ by dash or shape as well as colour; lines
use only colours with 3:1 contrast on white (WCAG 2.1 1.4.11) and chart text 4.5:1.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analyses import negotiate as N
from engine.evaluate import evaluate
from engine.scenario import Scenario, Termination
from engine.terms import OfferTerms
from ui import charts
from ui import negotiate_charts as NC

WORKED = Scenario(termination=Termination(date=dt.date(2006, 11, 15), reason="without_good_cause"))
WHITE = "#ffffff"


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio."""
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_contrast_formula_matches_wcag():
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # the usual AA threshold grey


# --------------------------------------------------------------------------
# Descriptions
# --------------------------------------------------------------------------


def test_the_vesting_chart_describes_the_schedule_and_what_became_of_it():
    outcome = evaluate(WORKED)
    events = charts.chart_events(WORKED, outcome)
    d = charts.vesting_chart(outcome, events).to_dict()
    # 10% at hire, 25% of the rest on the first anniversary, then 12 quarterly installments:
    # 14 installments, 13 Jul 2005 to 13 Jul 2009 (§4). By the last day 15 Nov 2006:
    # 100,000 + 225,000 + 1 quarter of 56,250 = 381,250 vested; 1,000,000 − 381,250 = 618,750 forfeited.
    assert d["description"] == (
        "Step chart of cumulative option shares vesting under the §4 schedule, 14 installments from "
        "13 Jul 2005 to 13 Jul 2009: 381,250 vested, 618,750 forfeited, 0 not yet vested, 0 accelerated, "
        "as of 15 Nov 2006. Dashed lines mark: Last day employed 15 Nov 2006 (§3, §6); "
        "First 24 months end 13 Jul 2007 (§6.1)."
    )


def test_the_payout_chart_describes_each_bar_and_the_totals():
    d = charts.payout_chart(evaluate(WORKED)).to_dict()
    text = d["description"]
    # salary 491 days (13 Jul 2005 – 15 Nov 2006) × $250,000 / 365 = $336,301.37 (§3)
    assert "Base salary earned $336,301.37 (§3)" in text
    assert "$127,500.00 (§4)" in text  # the Sion Power buyout
    assert "$125,000.00 (§6.1(a))" in text  # the lump sum, inside the first 24 months
    # cash 336,301.37 + 127,500 + 125,000 + 6 × 1,000 health = 594,801.37;
    # options 381,250 × ($5 − $3) = 762,500; in all 1,357,301.37
    assert text.endswith("Total $1,357,301.37: cash $594,801.37 plus options' intrinsic value $762,500.")


def test_the_payments_chart_describes_the_count_the_total_and_the_lump_sum():
    text = charts.payments_chart(evaluate(WORKED)).to_dict()["description"]
    # 17 monthly salary payments (Jul 2005 – Nov 2006), the buyout, the lump sum and 6 months of
    # health cover: 25 payments, $594,801.37 in all; the lump sum on the fifth day, 20 Nov 2006 (§6.1(a)).
    assert "25 payments from 13 Jul 2005" in text and "$594,801.37 in all" in text
    assert "17 of them salary (§3)" in text
    assert "$125,000.00 on 20 Nov 2006 (§6.1(a))" in text


def test_the_matrix_chart_describes_each_reasons_line_on_the_tables_date():
    from analyses.matrix import matrix_curves
    from ui.matrix_charts import walk_away_chart

    on = dt.date(2006, 11, 15)
    d = walk_away_chart(matrix_curves(Scenario(), on), "executive", dt.date(2007, 7, 13), on).to_dict()
    # Without Good Cause on 15 Nov 2006: the worked example's $1,357,301.37 (§3, §4, §6.1).
    assert "Without Good Cause: " in d["description"]
    assert "$1,357,301.37 on 15 Nov 2006 (the table's date)" in d["description"]
    assert d["description"].endswith("stop for a last day from 13 Jul 2007 on (§6.1).")


def test_the_negotiate_charts_describe_each_proposal():
    scenario = Scenario(termination=Termination(date=dt.date(2007, 11, 15), reason="without_good_cause"))
    proposal = N.Variant(name="Proposal 1", terms=OfferTerms(protection_months=36, severance_lump_sum=250_000))
    frame = N.compare(scenario, [proposal])
    text = NC.components_chart(N.components_long(frame)).to_dict()["description"]
    # 15 Nov 2007 is past the letter's 24 months (no lump sum) but inside the proposal's 36.
    assert "§6.1 lump sum (§6.1(a)): Letter as signed $0, Proposal 1 $250,000" in text
    evaluated = N.evaluate_variants(scenario, [proposal])
    text = NC.walk_away_chart(N.walk_away_evaluated(evaluated), N.window_ends_evaluated(evaluated)).to_dict()[
        "description"]
    # Windows: hire 13 Jul 2005 + 24 months = 13 Jul 2007; + 36 months = 13 Jul 2008.
    assert text.endswith("First day outside each §6.1 window: Letter as signed 13 Jul 2007; Proposal 1 13 Jul 2008.")


# --------------------------------------------------------------------------
# Told apart without colour, and colours that stand out
# --------------------------------------------------------------------------


def test_vesting_statuses_differ_by_dash_and_shape_too():
    outcome = evaluate(WORKED)
    d = charts.vesting_chart(outcome).to_dict()
    line = next(layer for layer in d["layer"] if layer["mark"]["type"] == "line")
    point = next(layer for layer in d["layer"] if layer["mark"]["type"] == "point")
    assert line["encoding"]["strokeDash"]["scale"]["domain"] == ["Vested", "Forfeited"]
    dashes = line["encoding"]["strokeDash"]["scale"]["range"]
    assert dashes[0] != dashes[1]
    shapes = point["encoding"]["shape"]["scale"]["range"]
    assert shapes == ["circle", "cross"]
    # the shape shares the colour's title, so the legend shows each status's colour and shape together
    assert point["encoding"]["shape"]["title"] == point["encoding"]["color"]["title"] == "Installment"


def test_payment_components_differ_by_shape_too():
    d = charts.payments_chart(evaluate(WORKED)).to_dict()
    point = next(layer for layer in d["layer"] if layer["mark"]["type"] == "point")
    shapes = point["encoding"]["shape"]["scale"]["range"]
    assert point["encoding"]["shape"]["scale"]["domain"] == point["encoding"]["color"]["scale"]["domain"]
    assert len(set(shapes)) == len(shapes) == 4  # salary, buyout, lump sum, health


def test_negotiate_bars_carry_their_proposals_dash():
    frame = N.compare(WORKED, [N.Variant(name="Proposal 1", terms=OfferTerms(severance_lump_sum=250_000))])
    bars = NC.components_chart(N.components_long(frame)).to_dict()["layer"][0]
    assert bars["encoding"]["strokeDash"]["field"] == "variant"
    assert bars["mark"]["stroke"] == charts.MARK_OUTLINE


@pytest.mark.parametrize("colour", [*charts.STATUS_COLORS.values(), *NC.VARIANT_COLORS, charts.EVENT_COLOR])
def test_line_colours_have_3_to_1_contrast_on_white(colour):
    assert contrast(colour, WHITE) >= 3.0


def test_matrix_line_colours_have_3_to_1_contrast_on_white():
    from ui.matrix_charts import REASON_STYLES

    for style in REASON_STYLES.values():
        assert contrast(style.color, WHITE) >= 3.0


@pytest.mark.parametrize("colour", [charts.CHART_TEXT_COLOR, NC.INCREASE_COLOR, NC.DECREASE_COLOR,
                                    NC.NO_CHANGE_COLOR])
def test_chart_and_table_text_has_4_5_to_1_contrast_on_white(colour):
    assert contrast(colour, WHITE) >= 4.5


def test_filled_marks_lighter_than_3_to_1_are_outlined():
    # orange and sky blue fill the buyout and accelerated-options bars at 2.2:1 and 2.3:1
    assert contrast(charts.COMPONENT_COLORS["signing_buyout"], WHITE) < 3.0
    d = charts.payout_chart(evaluate(WORKED)).to_dict()
    bars = next(layer for layer in d["layer"] if layer["mark"]["type"] == "bar")
    assert bars["mark"]["stroke"] == charts.MARK_OUTLINE and contrast(charts.MARK_OUTLINE, WHITE) >= 3.0


def test_axis_and_legend_text_is_set_dark_on_every_explorer_chart():
    outcome = evaluate(WORKED)
    for chart in (charts.vesting_chart(outcome), charts.payout_chart(outcome), charts.payments_chart(outcome)):
        config = chart.to_dict()["config"]
        assert config["axis"]["labelColor"] == config["legend"]["labelColor"] == charts.CHART_TEXT_COLOR


def test_long_subtitles_wrap_instead_of_being_cut():
    lines = charts.wrap_lines("word " * 40)
    assert len(lines) == 3 and all(len(line) <= 80 for line in lines)
    assert " ".join(lines) == ("word " * 40).strip()


# --------------------------------------------------------------------------
# Metric cards wide enough for their figures (ui.layout)
# --------------------------------------------------------------------------


def test_a_metric_card_is_as_wide_as_its_longest_figure_needs():
    from ui import layout

    # "$27,503,184.93": 14 characters, 186 px in the 1.875rem metric font, + 38 px of padding and border
    assert layout.card_width(["$27,503,184.93", "$125,000"]) == layout.METRIC_MIN_WIDTH == 224
    assert layout.card_width([]) == 224
    # a stock price in the hundreds: "$197,588,801.37" is 15 characters, 15 × 186 / 14 = 199.3 → 200 + 38
    assert layout.card_width(["$197,588,801.37"]) == 238
