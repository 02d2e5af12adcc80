"""The §280G panel through AppTest: 280G.md worked example (b) on the Explorer, and the
panel's absence without a Change in Control."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app import new_app_test, plain

# 280G.md example (b): change 1 Sep 2006, terminated without Good Cause 1 Jun 2007,
# single-trigger acceleration, stock $9.00, exercise $3.13, risk-free 4.5%.
EXAMPLE_B = {"cic_date": "2006-09-01", "reason": "without_good_cause", "termination_date": "2007-06-01",
             "stock_price": "9", "exercise_price": "3.13", "risk_free_rate_pct": "4.5",
             "cic_acceleration": "single_trigger"}


def run(query: dict | None = None) -> AppTest:
    at = new_app_test(query, timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    (found,) = [m for m in at.metric if plain(m.label) == label]
    return found.value


def markdown(at: AppTest) -> str:
    return "\n".join(plain(m.value) for m in at.markdown)


def test_example_b_shows_b_the_line_p_and_the_cost_of_crossing_it():
    at = run(EXAMPLE_B)
    assert "Golden-parachute test (§280G, §4999)" in [plain(h.value) for h in at.subheader]
    assert metric(at, "Base amount B") == "$377,500.00"
    assert metric(at, "Safe harbor, 3B − $1") == "$1,132,499.00"
    assert metric(at, "Present value P") == "$1,458,426.69"
    assert metric(at, "Headroom") == "−$325,927.69"
    assert metric(at, "Excess parachute payment") == "$1,081,029.21"
    assert metric(at, "His 20% excise tax") == "$216,205.84"
    assert metric(at, "Company's lost deduction") == "$1,081,029.21"
    assert metric(at, "Tax cost of the lost deduction") == "$378,360.22"
    text = markdown(at)
    assert "3.86 times the base amount B of $377,500.00 (G4): over the 3× line of $1,132,500.00" in text
    assert ("Paying in full is better for him by $119,863.49: the cutback would cost him $336,054.13 after tax to "
            "save $216,190.64 of excise (G15)") in text
    warnings = [plain(w.value) for w in at.warning]
    assert any("no §280G clause" in w and "(§280G G14, G15 (F14))" in w for w in warnings)


def test_the_letter_as_written_stays_under_the_line():
    at = run({**EXAMPLE_B, "cic_acceleration": "none", "stock_price": "5"})
    assert metric(at, "Present value P") == "$124,897.48"
    assert metric(at, "Headroom") == "$1,007,601.52"
    assert not [m for m in at.metric if plain(m.label) == "His 20% excise tax"]
    assert "under the 3× line, with $1,007,601.52 of headroom" in markdown(at)


def test_no_change_in_control_no_panel():
    at = run({"reason": "without_good_cause", "termination_date": "2006-11-15"})
    assert "Golden-parachute test (§280G, §4999)" not in [plain(h.value) for h in at.subheader]


def test_negotiate_shows_at_once_that_single_trigger_acceleration_crosses_the_line():
    at = new_app_test({**EXAMPLE_B, "cic_acceleration": "none", "v1_cic_acceleration": "single_trigger",
                       "v1_name": "Single trigger"}, timeout=60)
    at.switch_page("pages/negotiate.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (frame,) = [d.value for d in at.dataframe if "Position (G12)" in d.value.columns]
    rows = frame.set_index("Variant")
    # The letter: P = $124,897.48, headroom 1,132,499 − 124,897.48; the proposal: example (b).
    assert rows.loc["Letter as signed", "Position (G12)"] == "under; headroom $1,007,601.52"
    assert rows.loc["Single trigger", "Position (G12)"] == "over the 3B line by $325,926.69; excise $216,205.84"
    assert rows.loc["Single trigger", "P (G8)"] == "$1,458,426.69"
    assert any(plain(w.value).startswith("Single trigger: crosses the 3B line.") for w in at.warning)


def test_the_termination_matrix_gives_each_change_in_control_row_its_280g_position():
    at = new_app_test({**EXAMPLE_B, "matrix_date": "2006-09-01"}, timeout=90)
    at.switch_page("pages/termination_matrix.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (rows,) = [t.value for t in at.table if "Position (G12)" in t.value.columns]
    assert list(rows.index) == ["Change in Control, no termination",
                                "Change in Control, then termination without Good Cause"]
    # Still employed on 1 Sep 2006: the same lump sum and tranches as example (b), no health month counted.
    cic_only = rows.loc["Change in Control, no termination"]
    assert cic_only["P (G8)"] == "$1,458,426.69"
    assert cic_only["Position (G12)"] == "over the 3B line by $325,926.69; excise $216,205.84"


def test_sensitivity_draws_the_3b_line_when_a_change_in_control_is_set():
    at = new_app_test({**EXAMPLE_B, "sens_years": "2", "sens_price_max": "15"}, timeout=120)
    at.switch_page("pages/sensitivity.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Golden-parachute line (§280G)" in [plain(h.value) for h in at.header]
    import json
    titles = [json.loads(c.proto.spec).get("title", {}).get("text") for c in at.get("vega_lite_chart")]
    assert "§280G: where the payments cross the 3B line (G12)" in titles
    # The same line over the heatmap: two more layers reading the contour's dataset.
    (heatmap,) = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")
                  if json.loads(c.proto.spec).get("title", {}).get("text", "").endswith("by last day and stock price")]
    from ui.parachute_charts import CONTOUR_DATASET

    assert [layer["data"]["name"] for layer in heatmap["layer"][-2:]] == [CONTOUR_DATASET] * 2


def test_a_w2_figure_in_the_link_replaces_the_estimated_base_year():
    """F1: 2005's W-2 box 1 entered as $107,534.25 recurring + $127,500 non-recurring:
    107,534.25 × 365 / 172 + 127,500 = 228,197.68 + 127,500 = B $355,697.68 (G4(a), G4(d))."""
    at = run({**EXAMPLE_B, "w2_box1_by_year": "2005: 107534.25 + 127500"})
    assert metric(at, "Base amount B") == "$355,697.68"
    assert metric(at, "Safe harbor, 3B − $1") == "$1,067,092.05"  # 3 × 355,697.6817 − 1 = 1,067,092.045…


def test_an_unreadable_w2_figure_in_the_link_is_named_and_the_estimate_stands():
    at = run({**EXAMPLE_B, "w2_box1_by_year": "2005: lots"})
    warnings = " ".join(plain(w.value) for w in at.sidebar.warning)
    assert "W-2 box 1 by year" in warnings and "2005" in warnings
    assert metric(at, "Base amount B") == "$377,500.00"


DETAILS_BOX = "parachute_details_box"


def test_how_the_figures_are_worked_out_is_drawn_when_opened_with_example_bs_figures():
    from tests.app import open_box

    at = run(EXAMPLE_B)
    (box,) = [e for e in at.expander if plain(e.label) == "How the §280G figures are worked out"]
    assert not box.children  # closed, and drawn only when opened: a rerun costs it nothing
    at = open_box(at, DETAILS_BOX)
    assert not at.exception, [e.value for e in at.exception]
    frames = [d.value for d in at.dataframe]
    (base,) = [f for f in frames if "Salary paid (§3)" in f.columns]
    # G4(c): 2005, 13 Jul–31 Dec, 172 days; 250,000 × 172 / 365 = $117,808.22, × 365 / 172 (2.122093)
    # = $250,000.00, plus the $127,500.00 buyout not annualized = $377,500.00.
    assert base.iloc[0][["Year", "Days", "Salary paid (§3)", "Factor", "Annualized"]].tolist() == [
        "2005", 172, "$117,808.22", "2.122093", "$377,500.00"]
    (tranches,) = [f for f in frames if "Contingent (G9)" in f.columns]
    # G9: twelve tranches of 56,250; the first (13 Oct 2006) contingent $7,231.64, the last $213,378.94.
    assert len(tranches) == 12
    assert tranches.iloc[0]["Contingent (G9)"] == "$7,231.64" and tranches.iloc[-1]["Contingent (G9)"] == "$213,378.94"
    # G10: S $9.00, K $3.13, T 8.868493 years → $7.621573 an option.
    assert "T 8.868493 years" in markdown(at) and "7.621573 an option" in markdown(at)
