"""Any link opens the page: arbitrary text in every parameter — unicode, 10,000
characters, empty, repeated, unknown names — never raises. Each unreadable
parameter gets one warning naming it; every readable one still applies.

Two levels: ``ui.params.parse_query_params`` on its own (fast, many examples), and
the whole app through Streamlit's AppTest (slow, fewer examples).

Each generated parameter is either *readable* — written from a value the test
chose, so the test knows what it must read as — or *garbage*, built so that no
input could read it (a leading ``¤``, 10,000 digits, ``nan``, an empty value where
one is required), so the test knows it must be named in a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from engine.dates import MAX_DATE, MIN_DATE
from tests.app import new_app_test, plain
from ui import params as P

CORE = list(P.CORE_PARAMS)
CORE_NAMES = [s.name for s in CORE]
PASSTHROUGH_LIMIT = 1_000  # characters (ui/params.py keeps longer pass-through values out of the link)
STREAMLIT_RESERVED = {"embed", "embed_options"}
LONG = 10_000
# Streamlit 1.67 ignores a whole query string longer than this (query_params.py logs a warning).
STREAMLIT_QUERY_LIMIT = 524_288



# --------------------------------------------------------------------------
# What a link holds, and what the test expects of it
# --------------------------------------------------------------------------


@dataclass
class Link:
    query: dict[str, Any] = field(default_factory=dict)
    readable: dict[str, Any] = field(default_factory=dict)  # name: the typed value it must read as
    garbage: set[str] = field(default_factory=set)  # known names that must be named in a warning
    passthrough: dict[str, str] = field(default_factory=dict)  # kept verbatim for other pages
    dropped_passthrough: set[str] = field(default_factory=set)  # too long: named in a warning

    def __repr__(self) -> str:  # a failing example stays readable with 10,000-character values in it
        def short(v: Any) -> Any:
            if isinstance(v, str) and len(v) > 40:
                return f"{v[:12]}…<{len(v):,} chars>"
            return [short(x) for x in v] if isinstance(v, list) else v
        query = {short(k): short(v) for k, v in self.query.items()}
        return (f"Link(query={query!r}, readable={self.readable!r}, garbage={self.garbage!r}, "
                f"passthrough={ {k: short(v) for k, v in self.passthrough.items()}!r}, "
                f"dropped_passthrough={self.dropped_passthrough!r})")

    def too_long_for_streamlit(self) -> bool:
        return len(urlencode(self.query, doseq=True)) > STREAMLIT_QUERY_LIMIT

    def expected_values(self) -> dict[str, Any]:
        return P.normalize({s.name: self.readable.get(s.name, s.default) for s in CORE}, CORE)

    def expected_warned(self) -> set[str]:
        return self.garbage | self.dropped_passthrough


def _float_bounds(s: P.ParamSpec) -> tuple[float, float]:
    lo = s.min_value if s.min_value is not None else -1e6
    hi = s.max_value if s.max_value is not None else 1e6
    return float(lo), float(hi)


def readable_value(s: P.ParamSpec) -> st.SearchStrategy[tuple[str, Any]]:
    """(raw text, the value it must read as) for one input."""
    if s.kind == "date":
        lo, hi = s.min_value or MIN_DATE, s.max_value or MAX_DATE
        dates = st.dates(lo, hi)
        out = st.one_of(dates.map(lambda d: (d.isoformat(), d)),
                        dates.map(lambda d: (f"  {d.isoformat()}\t", d)))  # surrounding blanks are forgiven
    elif s.kind == "float":
        lo, hi = _float_bounds(s)
        numbers = st.floats(lo, hi, allow_nan=False, allow_infinity=False)
        out = st.one_of(numbers.map(lambda x: (repr(x), x)),
                        st.integers(int(max(lo, -1e6)) + 1, int(min(hi, 1e6))).map(lambda n: (str(n), float(n))))
    elif s.kind == "int":
        lo = s.min_value if s.min_value is not None else -10**6
        hi = s.max_value if s.max_value is not None else 10**6
        out = st.integers(lo, hi).map(lambda n: (str(n), n))
    elif s.kind == "choice":
        out = st.sampled_from(s.choices).map(lambda c: ("" if c is None else c, c))
    elif s.kind == "text":  # a §280G pay record by year (engine/pay_records.py), or none
        year, dollars = st.integers(1990, 2100), st.integers(0, 10**9).map(lambda c: f"{c / 100:.2f}")
        entry = (st.builds(lambda y, a, b: f"{y}: {a} + {b}", year, dollars, dollars)
                 if s.name == "w2_box1_by_year" else st.builds(lambda y, a: f"{y}: {a}", year, dollars))
        out = st.one_of(st.just(("", "")), entry.map(lambda t: (t, t)))
    else:  # bool
        out = st.sampled_from([("true", True), ("false", False), ("1", True), ("0", False), ("Yes", True),
                               ("off", False)])
    if s.optional and s.kind != "choice":
        out = st.one_of(out, st.just(("", None)))
    return out


def garbage_value(s: P.ParamSpec) -> st.SearchStrategy[str]:
    """Text no input of this kind can read."""
    options = [
        st.text(max_size=40).map(lambda t: "¤" + t),
        st.sampled_from(["nan", "NaN", "inf", "-Infinity", "1e309", "☃", "<script>alert(1)</script>",
                         "2006-13-01", "' OR 1=1 --", "%00", "\u202e5.00"]),
        st.just("9" * LONG),
        st.just("€" * LONG),
    ]
    if not s.optional and s.kind != "text":  # an empty text input reads as "none given"
        options.append(st.just(""))
    return st.one_of(options)


@st.composite
def links(draw, max_known: int = len(CORE), max_unknown: int = 4) -> Link:
    link = Link()
    chosen = draw(st.lists(st.sampled_from(CORE), unique_by=lambda s: s.name, max_size=max_known))
    for s in chosen:
        shape = draw(st.sampled_from(["readable", "garbage", "repeated-readable-last", "repeated-garbage-last"]))
        earlier = draw(st.lists(st.one_of(st.text(max_size=20), garbage_value(s)), min_size=1, max_size=3))
        if shape.endswith("garbage") or shape == "repeated-garbage-last":
            raw = draw(garbage_value(s))
            link.garbage.add(s.name)
        else:
            raw, value = draw(readable_value(s))
            link.readable[s.name] = value
        link.query[s.name] = [*earlier, raw] if shape.startswith("repeated") else raw

    unknown_names = st.text(max_size=30).filter(
        lambda n: not registered(n) and not P.is_passthrough(n) and n not in STREAMLIT_RESERVED)
    for name in draw(st.lists(unknown_names, unique=True, max_size=max_unknown)):
        link.query[name] = draw(st.one_of(st.text(max_size=50), st.just("x" * LONG),
                                          st.lists(st.text(max_size=10), min_size=2, max_size=3)))
    # Pass-through names (kept for a page that registers them later) that no page registers.
    for name in draw(st.lists(st.sampled_from(["v1_fuzz_note", "v2_fuzz_note", "v10_fuzz_note"]),
                              unique=True, max_size=2)):
        assert P.is_passthrough(name) and not registered(name)
        value = draw(st.one_of(st.text(max_size=30), st.just("y" * (PASSTHROUGH_LIMIT + 1))))
        link.query[name] = value
        if len(value) <= PASSTHROUGH_LIMIT:
            link.passthrough[name] = value
        else:
            link.dropped_passthrough.add(name)
    if draw(st.booleans()):
        link.query["embed"] = draw(st.sampled_from(["true", "¤", ""]))  # Streamlit's own; never ours to read
    return link


def registered(name: str) -> bool:
    """An input of some page: the registry grows as pages run in this process (the
    Negotiate page registers its v1_… inputs), and the app reads the link with all of them."""
    return name in {s.name for s in P.specs()}


def warned_names(warnings: list[str]) -> list[str]:
    """The parameter each link warning names: ``Link parameter NAME (Label): …`` or ``… NAME: …``."""
    names = []
    for w in warnings:
        assert w.startswith("Link parameter "), w
        match = re.match(r"Link parameter (\S+?)(?: \(|:)", w)
        assert match, w
        names.append(match.group(1))
    return names


def assert_each_warning_reads_well(warnings: list[str]) -> None:
    for w in warnings:
        assert len(w) < 400, w  # a long value is quoted cut short, never in full
        assert all(ch.isprintable() for ch in w), repr(w)  # one line, no control characters


# --------------------------------------------------------------------------
# parse_query_params on its own
# --------------------------------------------------------------------------


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(links())
def test_every_readable_parameter_applies_and_every_unreadable_one_is_named(link):
    parsed = P.parse_query_params(link.query, CORE)
    assert parsed.values == link.expected_values()
    names = warned_names(parsed.warnings)
    assert sorted(names) == sorted(link.expected_warned())  # one warning each, no more
    assert_each_warning_reads_well(parsed.warnings)
    for name in link.garbage:
        s = P.spec(name)
        (warning,) = [w for w in parsed.warnings if w.startswith(f"Link parameter {name} (")]
        assert warning.startswith(f"Link parameter {name} ({s.label}")
        assert s.clause in warning  # the clause the input belongs to, e.g. §4 for a price
        assert f"the default, {P.display_value(s, s.default)}, is used" in warning
    assert parsed.passthrough == link.passthrough


def _any_query() -> st.SearchStrategy[dict[str, Any]]:
    names = st.one_of(st.sampled_from(CORE_NAMES), st.text(max_size=40))
    values = st.one_of(st.text(), st.text(min_size=1, max_size=20).map(lambda t: (t * LONG)[:LONG]),
                       st.lists(st.text(max_size=30), max_size=4), st.none(), st.integers(), st.floats())
    return st.dictionaries(names, values, max_size=12)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(_any_query())
def test_parse_query_params_never_raises_and_every_value_fits_its_input(query):
    parsed = P.parse_query_params(query, CORE)
    assert set(parsed.values) == set(CORE_NAMES)
    for s in CORE:
        value = parsed.values[s.name]
        if value is None:
            assert s.optional or s.default is None
            continue
        if s.kind == "date":
            assert isinstance(value, dt.date) and MIN_DATE <= value <= MAX_DATE
        elif s.kind == "float":
            assert isinstance(value, float) and value == value and abs(value) != float("inf")
        elif s.kind == "int":
            assert isinstance(value, int) and not isinstance(value, bool)
        elif s.kind == "choice":
            assert value in s.choices
        elif s.kind == "text":  # a §280G pay record the engine reads (engine/pay_records.py)
            assert isinstance(value, str) and len(value) <= 400
        else:
            assert isinstance(value, bool)
        if s.kind in ("date", "float", "int"):
            assert s.min_value is None or value >= s.min_value
            assert s.max_value is None or value <= s.max_value
    names = warned_names(parsed.warnings)
    assert len(names) == len(set(names))  # at most one warning per parameter
    assert set(names) <= set(query)
    assert_each_warning_reads_well(parsed.warnings)


# --------------------------------------------------------------------------
# The whole app
# --------------------------------------------------------------------------


def link_warnings(at: AppTest) -> list[str]:
    return [w for w in (plain(x.value) for x in at.warning) if w.startswith("Link parameter ")]


def assert_opened(at: AppTest, link: Link, link_read: bool = True) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Offer-letter scenario explorer"]
    warnings = link_warnings(at)
    assert sorted(warned_names(warnings)) == sorted(link.expected_warned())
    assert_each_warning_reads_well(warnings)
    # Every readable parameter is in effect: in the inputs, and in the link written back.
    expected = link.expected_values()
    for name, value in expected.items():
        assert P.from_widget(P.spec(name), at.session_state[name]) == value, name
    if "stock_price" in link.readable:
        assert at.number_input(key="stock_price").value == expected["stock_price"]
    if not link_read:  # Streamlit never handed the link to the app, which so leaves it as it was
        return
    written = {k: v for k, v in at.query_params.items() if k in CORE_NAMES}
    assert written == P.to_query_params(expected, CORE)
    for name, value in link.passthrough.items():
        assert at.query_params.get(name) == value, name
    for name in link.dropped_passthrough:
        assert name not in at.query_params
    # Unknown parameters are not written back.
    for name in link.query:
        if name not in CORE_NAMES and name not in link.passthrough and name not in STREAMLIT_RESERVED:
            assert name not in at.query_params, name


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(links(max_known=8, max_unknown=3))
def test_no_link_breaks_the_app(link):
    at = new_app_test(link.query).run()
    if link.too_long_for_streamlit():
        assert_opened(at, Link(), link_read=False)  # Streamlit dropped the whole link: the defaults, silently
    else:
        assert_opened(at, link)


def test_a_link_longer_than_streamlit_reads_opens_at_the_defaults():
    # Ten parameters of 10,000 "€" each: 900,000 characters once URL-encoded.
    query = {name: "€" * LONG for name in CORE_NAMES[:10]}
    assert Link(query=query).too_long_for_streamlit()
    at = new_app_test({**query, **{"stock_price": "6"}}).run()
    assert_opened(at, Link(), link_read=False)
    # The letter's defaults, not the link's $6: 1,000,000 vested × ($5 − $3) (§4).
    assert {plain(m.label): m.value for m in at.metric}["Option value"] == "$2,000,000"


def test_a_valid_stock_price_among_garbage_still_applies():
    link = Link(
        query={
            "stock_price": "6",
            "reason": "without_good_cause",
            "termination_date": ["garbage", "2006-11-15"],  # repeated: the last one counts
            "exercise_price": "¤3",
            "hire_date": "9" * LONG,
            "volatility_pct": ["60", "nan"],
            "cic_date": "",  # empty: no Change in Control
            "annual_raise_pct": "",  # empty where a number is required
            "": "",
            "☃ unknown": "€" * LONG,
            "v1_fuzz_note": "z" * (PASSTHROUGH_LIMIT + 1),
        },
        readable={"stock_price": 6.0, "reason": "without_good_cause", "termination_date": dt.date(2006, 11, 15),
                  "cic_date": None},
        garbage={"exercise_price", "hire_date", "volatility_pct", "annual_raise_pct"},
        dropped_passthrough={"v1_fuzz_note"},
    )
    at = new_app_test(link.query).run()
    assert_opened(at, link)
    metrics = {plain(m.label): m.value for m in at.metric}
    # Hire 13 Jul 2005, exercise $3 (the defaults stand in), stock $6, terminated without
    # Good Cause on 15 Nov 2006: 381,250 vested (§4), $125,000 lump sum (§6.1(a)).
    assert metrics["Vested shares"] == "381,250"
    assert metrics["Option value"] == "$1,143,750"  # 381,250 × ($6 − $3)
    assert metrics["§6.1 lump sum"] == "$125,000"
    assert at.query_params == {"stock_price": "6", "reason": "without_good_cause", "termination_date": "2006-11-15"}
