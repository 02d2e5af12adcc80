"""The Uncertainty page through Streamlit's AppTest, as a board member uses it: open a link, read
how likely each figure is on his last day, with the figures worked out by hand.

By hand (the letter's defaults; the price model's assumptions: volatility 60%, drift 4% − 0%):

* Terminated without Good Cause on 15 Nov 2006, known price $3.00 on the hire date 13 Jul 2005:
  t = 490/365 = 1.342466 years; d2 = (ln(3/3) + (0.04 − 0.36/2)·t)/(0.6·√t) = −0.187945/0.695189 =
  −0.270352, so P(underwater) = Φ(0.270352) = 0.6066: of the 1,000 slices (i + ½)/1,000 at or
  below it, 607: "60.7%". The cash does not move with the price: 491 days × 250,000/365 =
  $336,301.37 (§3) + $127,500 (§4) + $125,000 + 6 × $1,000 (§6.1) = $594,801.37.
* Still employed on 13 Jul 2009 (the sidebar's default: full vesting), price $3.00 known on 1 Jul
  2009: t = 12/365; d2 = −0.14·t/(0.6·√t) = −0.14·0.181319/0.6 = −0.042308; Φ(0.042308) = 0.51687:
  517 slices, "51.7%".
"""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.app import new_app_test, plain

PAGE = "pages/uncertainty.py"
LATE = {"unc_known_date": "2009-07-01"}  # a short fan (1 Jul – 11 Oct 2009): quick to compute


def open_page(query: dict | None = None) -> AppTest:
    at = new_app_test(query, timeout=180)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    (found,) = [m for m in at.metric if plain(m.label) == label]
    return found.value


def texts(at: AppTest) -> str:
    return "\n".join(plain(x.value) for x in [*at.markdown, *at.caption, *at.info, *at.warning, *at.error])


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def test_a_termination_in_the_first_24_months_worked_by_hand():
    at = open_page({"reason": "without_good_cause", "termination_date": "2006-11-15"})
    assert plain(at.title[0].value) == "Uncertainty: how likely is each figure?"
    assert metric(at, "Options underwater") == "60.7%"
    assert metric(at, "Company's cash cost, P50") == "$594,801.37"
    page = texts(at)
    assert "walks away with more than" in page and "if his last day is 15 Nov 2006" in page
    assert "a 1 in 10 chance" in page
    # The fan over every last day: 13 Jul 2005 to 11 Oct 2009 = 1,552 days × 1,000 prices.
    assert "1,552,000 scenarios" in page
    assert len(charts(at)) == 2


def test_still_employed_on_the_full_vesting_date_from_a_link():
    at = open_page(LATE)
    assert metric(at, "Options underwater") == "51.7%"
    page = texts(at)
    assert "by 13 Jul 2009 he has received more than" in page
    # 1 Jul 2009 to 11 Oct 2009: 103 days × 1,000 prices.
    assert "103,000 scenarios" in page
    assert "from $3.00 on 1 Jul 2009" in page  # the assumption note names the known price and date


def test_the_assumptions_are_flagged_and_default_to_the_black_scholes_inputs():
    at = open_page(LATE)
    (note,) = [plain(i.value) for i in at.info if "Assumption:" in plain(i.value)]
    assert "volatility 60% a year (the Black-Scholes assumption)" in note
    assert "drift 4% a year (risk-free rate less dividend yield)" in note
    assert "§4, valuation assumptions" in note
    for key in ("unc_known_price", "unc_volatility_pct", "unc_drift_pct", "unc_amount"):
        widget = at.number_input(key=key)
        assert widget.value is None  # empty: the default, shown as the placeholder
        assert "§4" in widget.help or "§3" in widget.help


def test_every_input_comes_from_the_link():
    at = open_page({**LATE, "unc_volatility_pct": "40", "unc_drift_pct": "2.5", "unc_known_price": "4.5",
                    "unc_amount": "2000000"})
    assert at.number_input(key="unc_volatility_pct").value == 40.0
    assert at.number_input(key="unc_drift_pct").value == 2.5
    assert at.number_input(key="unc_known_price").value == 4.5
    assert at.number_input(key="unc_amount").value == 2_000_000.0
    note = texts(at)
    assert "volatility 40% a year (typed here)" in note and "from $4.50 on 1 Jul 2009" in note
    assert metric(at, "Chance above the amount").endswith("%")
    assert "more than $2,000,000, typed above" in note


def test_a_bad_value_in_the_link_falls_back_to_the_default_without_a_traceback():
    at = open_page({**LATE, "unc_volatility_pct": "-5", "unc_known_price": "abc"})
    assert at.number_input(key="unc_volatility_pct").value is None
    assert at.number_input(key="unc_known_price").value is None
    assert "volatility 60% a year (the Black-Scholes assumption)" in texts(at)


def test_changing_the_volatility_changes_the_chances():
    at = open_page(LATE)
    before = metric(at, "Options underwater")
    at.number_input(key="unc_volatility_pct").set_value(0.0).run()
    assert not at.exception
    # No volatility: the price on 13 Jul 2009 is 3·e^{0.04·12/365} = $3.0039 for sure, above $3.00.
    assert metric(at, "Options underwater") == "0.0%"
    assert before != "0.0%"


def test_a_sidebar_day_before_the_known_date_is_named_not_computed():
    at = open_page({**LATE, "reason": "resignation", "termination_date": "2008-01-01"})
    (warning,) = [plain(w.value) for w in at.warning]
    assert "1 Jan 2008" in warning and "unc_known_date" in warning and "§4" in warning
    assert len(charts(at)) == 1  # the fan only


def test_figures_as_of_after_the_supported_range_are_named_not_computed():
    # Hired 13 Jul 2099, still employed: the figures are as of full vesting, 13 Jul 2103 (§4), after
    # 31 Dec 2100, the last date the app values. Before, the page stopped with an exception.
    at = open_page({"hire_date": "2099-07-13"})
    (warning,) = [plain(w.value) for w in at.warning]
    assert "13 Jul 2103" in warning and "31 Dec 2100" in warning and "as_of" in warning
    assert len(charts(at)) == 1  # the fan only, to 31 Dec 2100


def test_the_fans_follow_the_reasons_chosen():
    at = open_page(LATE)
    at.multiselect(key="unc_reasons").set_value(["without_good_cause", "resignation"]).run()
    assert not at.exception
    (fan, _) = sorted(charts(at), key=lambda s: "vconcat" not in s)
    assert len(fan["vconcat"]) == 2
    titles = [c["title"]["text"] for c in fan["vconcat"]]
    assert titles == ["Terminated by the Company without Good Cause", "Resignation"]


def test_the_reasons_come_from_the_link_by_their_labels():
    # Streamlit binds a multiselect by its labels, repeated: ?unc_reasons=Resignation&unc_reasons=Death.
    at = open_page({**LATE, "unc_reasons": ["Resignation", "Death"]})
    assert at.multiselect(key="unc_reasons").value == ["resignation", "death"]
    (fan, _) = sorted(charts(at), key=lambda s: "vconcat" not in s)
    assert [c["title"]["text"] for c in fan["vconcat"]] == ["Resignation", "Death"]


def test_a_link_already_shared_with_good_cause_still_selects_it():
    # The multiselect's link values are its short labels; "Good Cause" is what links have held
    # since the page was made (the registry's short label, "For Good Cause", is not a link value).
    at = open_page({**LATE, "unc_reasons": ["Good Cause", "Without Good Cause"]})
    assert at.multiselect(key="unc_reasons").value == ["good_cause", "without_good_cause"]


def test_an_invalid_sidebar_scenario_shows_its_errors_not_a_traceback():
    at = open_page({**LATE, "reason": "good_cause", "good_cause_ground": "neglect", "termination_date": "2006-01-01"})
    assert any("cannot be shown until the scenario in the sidebar is fixed" in plain(e.value) for e in at.error)


def test_the_explorer_links_to_the_page():
    at = new_app_test(timeout=60)
    at.run()
    links = [p for p in at.get("page_link")]
    assert any("uncertainty" in p.proto.page for p in links)


def test_the_link_keeps_the_pages_inputs_when_the_sidebar_changes():
    at = open_page({**LATE, "unc_volatility_pct": "40"})
    at.number_input(key="stock_price").set_value(6.0).run()
    assert not at.exception
    assert at.query_params.get("stock_price") in ("6", ["6"])
    assert at.query_params.get("unc_known_date") in ("2009-07-01", ["2009-07-01"])
    assert at.query_params.get("unc_volatility_pct") in ("40", ["40"])


def test_every_input_of_the_page_is_one_the_link_sync_leaves_to_streamlit():
    from ui.state import BOUND_PARAMS

    at = open_page(LATE)
    keys = [str(w.key) for kind in ("number_input", "date_input", "multiselect") for w in getattr(at, kind)
            if str(w.key).startswith("unc_")]
    assert len(keys) == 6
    assert all(BOUND_PARAMS.fullmatch(k) for k in keys), keys


def test_a_known_date_after_every_last_day_leaves_nothing_to_forecast_and_says_so():
    # The fan ends 90 days after the last vest date (13 Jul 2009 + 90 days = 11 Oct 2009, §4).
    at = open_page({"unc_known_date": "2012-01-01"})
    warnings = [plain(w.value) for w in at.warning]
    assert any("13 Jul 2009" in w and "unc_known_date" in w for w in warnings)
    assert any("nothing to forecast" in w and "§4" in w for w in warnings)
    assert charts(at) == []


def test_the_share_box_holds_the_pages_own_inputs_as_the_address_bar_does():
    # Streamlit writes a bound input to the address bar as "40" (a whole number without ".0"), a date
    # ISO and a multiselect by its labels, repeated; the share box must give the same link.
    from urllib.parse import parse_qs, urlsplit

    at = open_page({**LATE, "unc_volatility_pct": "40", "unc_reasons": ["Resignation", "Death"]})
    (box,) = [c.value for c in at.code if "?" in c.value]
    shared = parse_qs(urlsplit(box).query)
    assert shared["unc_known_date"] == ["2009-07-01"]
    assert shared["unc_volatility_pct"] == ["40"]
    assert shared["unc_reasons"] == ["Resignation", "Death"]
    assert "unc_amount" not in shared and "unc_drift_pct" not in shared  # empty: the defaults, not in the link
    at.number_input(key="unc_drift_pct").set_value(2.5).run()
    (box,) = [c.value for c in at.code if "?" in c.value]
    assert parse_qs(urlsplit(box).query)["unc_drift_pct"] == ["2.5"]


def test_reset_all_inputs_resets_the_pages_inputs_too():
    at = open_page({**LATE, "unc_volatility_pct": "40", "unc_reasons": ["Resignation", "Death"]})
    assert at.number_input(key="unc_volatility_pct").value == 40
    at.button(key="reset_inputs").click().run()
    assert not at.exception
    # Every input back to its default: empty page inputs (the sidebar's assumptions), one fan, nothing shared.
    assert at.number_input(key="unc_volatility_pct").value is None
    assert at.date_input(key="unc_known_date").value is None
    assert at.multiselect(key="unc_reasons").value == ["without_good_cause"]
    (box,) = [c.value for c in at.code if "http" in c.value or c.value.startswith("?")]
    assert "unc_" not in box
