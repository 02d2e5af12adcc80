"""Memos made once per test session (each takes a few seconds): the worked
example of the README, the app's default scenario, and the matrix and
negotiation memos of the worked example."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from analyses.negotiate import Variant
from engine.scenario import Scenario, Termination
from engine.terms import OfferTerms

MADE_AT = dt.datetime(2026, 1, 2, 9, 30, tzinfo=dt.timezone.utc)
# Hired 13 Jul 2005, exercise $3, stock $5, terminated without Good Cause on 15 Nov 2006.
WORKED_EXAMPLE = Scenario(hire_date=dt.date(2005, 7, 13), exercise_price=3, stock_price=5,
                          termination=Termination(date=dt.date(2006, 11, 15), reason="without_good_cause"))


def text_of(pdf: bytes) -> str:
    """Every page's text, whitespace collapsed (a line break inside a sentence reads as a space)."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def pages_of(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="session")
def worked_memo():
    from memo import prepare

    return prepare(WORKED_EXAMPLE, made_at=MADE_AT)


@pytest.fixture(scope="session")
def worked_pdf(worked_memo) -> bytes:
    from memo import render

    return render(worked_memo)


@pytest.fixture(scope="session")
def default_pdf() -> bytes:
    from memo import memo_pdf

    return memo_pdf(Scenario(), made_at=MADE_AT)


@pytest.fixture(scope="session")
def matrix_pdf() -> bytes:
    from memo import memo_pdf

    return memo_pdf(WORKED_EXAMPLE, kind="matrix", made_at=MADE_AT)


@pytest.fixture(scope="session")
def negotiate_pdf() -> bytes:
    from memo import memo_pdf

    proposal = Variant(name="Double lump sum", terms=OfferTerms(severance_lump_sum=250_000))
    return memo_pdf(WORKED_EXAMPLE, kind="negotiate", variants=[proposal], made_at=MADE_AT)
