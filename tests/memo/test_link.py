"""The link printed on the memo reopens the scenario: opened in the app (AppTest
with the link's query parameters) it shows the memo's figures."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import parse_qsl, urlsplit

from pypdf import PdfReader

from engine.scenario import ChangeInControl, ChangeInControlFacts, Scenario, Termination
from engine.terms import Assumptions
from tests.app import new_app_test, plain
from tests.memo.conftest import MADE_AT, text_of
from ui import format as F

# Hired 1 Mar 2005, exercise $2.50, stock $7.25; a merger on 1 Feb 2006 leaving the
# old shareholders 40% (a Change in Control, §6.3(a)(i)), then a termination without
# Good Cause on 30 Jun 2006; a 3% raise and a $1,200 health premium assumed.
RICH = Scenario(
    hire_date=dt.date(2005, 3, 1), exercise_price=2.5, stock_price=7.25,
    termination=Termination(date=dt.date(2006, 6, 30), reason="without_good_cause"),
    change_in_control=ChangeInControl(date=dt.date(2006, 2, 1), facts=ChangeInControlFacts(
        deal_type="merger", shareholders_retained_pct=40)),
    assumptions=Assumptions(annual_raise_pct=3, monthly_health_premium=1200),
)


def link_in(pdf: bytes) -> str:
    """The link a director clicks (the PDF's link annotation), checked against the
    printed one (which may wrap over lines)."""
    uris = {annot.get_object()["/A"]["/URI"] for page in PdfReader(io.BytesIO(pdf)).pages
            for annot in page.get("/Annots") or [] if "/A" in annot.get_object()}
    (link,) = uris
    assert link in "".join(text_of(pdf).split())
    return link


def metrics(at) -> dict[str, str]:
    return {plain(m.label): m.value for m in at.metric}


def open_link(link: str):
    at = new_app_test(dict(parse_qsl(urlsplit(link).query, keep_blank_values=True))).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_worked_example_link_reopens_the_same_figures(worked_pdf):
    shown = metrics(open_link(link_in(worked_pdf)))
    assert shown["§6.1 lump sum"] == "$125,000"
    assert shown["Vested shares"] == "381,250"
    assert shown["Total to him"] == "$1,357,301.37"
    assert shown["Company's cash cost"] == "$594,801.37"
    assert shown["Option value"] == "$762,500"


def test_a_link_with_a_change_in_control_and_assumptions_round_trips():
    from memo import memo_pdf, prepare

    memo = prepare(RICH, made_at=MADE_AT)
    link = link_in(memo_pdf(RICH, made_at=MADE_AT))
    assert link == memo.link
    shown = metrics(open_link(link))
    o = memo.outcome
    assert shown["Total to him"] == F.money(o.total_value)
    assert shown["Company's cash cost"] == F.money(o.total_cash)
    assert shown["§6.1 lump sum"] == F.money(o.severance_lump_sum) == "$125,000"
    assert shown["Vested shares"] == F.shares(o.vested_shares)
    assert shown["Option value"] == F.money(o.option_intrinsic_value)
    assert shown["Grant-date fair value"] == F.money(o.grant_date_fair_value_total)
