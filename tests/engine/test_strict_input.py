"""Strict input on the command line and in uploads (issue 14): files come from
other tools, so a scenario is read only as the schema writes it — ISO dates,
numbers that are numbers, each key once and known — and every problem is one
line naming the field and, where one applies, the clause.

In process through ``engine.cli.main`` (the same reader as the Explorer's upload,
``engine.io.scenario_from_json``), plus a hypothesis run over broken documents.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import cli
from engine.io import ScenarioInputError, scenario_from_json
from engine.strict import MAX_NUMBER_CHARS
from ui.state import scenario_from_upload

WORKED = {
    "hire_date": "2005-07-13",
    "exercise_price": 3,
    "stock_price": 5,
    "termination": {"date": "2006-11-15", "reason": "without_good_cause"},
}


def run_cli(data: bytes | str, *args: str) -> tuple[int, str, str]:
    """``python -m engine evaluate FILE [args]`` in process, the document written to a file as bytes."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, path = tempfile.mkstemp(suffix=".json")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["evaluate", path, *args])
    finally:
        os.unlink(path)
    return code, out.getvalue(), err.getvalue()


def one_error_line(data: bytes | str, *args: str) -> str:
    code, out, err = run_cli(data, *args)
    assert code == 2, (code, err, out[:200])
    assert out == ""
    assert err.startswith("error: ") and err.endswith("\n") and err.count("\n") == 1 and "\r" not in err, err
    assert "Traceback" not in err
    return err.removeprefix("error: ").rstrip("\n")


# --------------------------------------------------------------------------
# Each rule, with the line a board member's assistant would read
# --------------------------------------------------------------------------


def test_a_unix_timestamp_is_not_a_date():
    # 1121212800 is 2005-07-13 00:00 UTC as a Unix timestamp; pydantic alone would accept it.
    line = one_error_line('{"hire_date": 1121212800}')
    assert line == ('hire_date: a date is written as a "YYYY-MM-DD" string, got 1121212800 '
                    "(a Unix timestamp is not a date) (§4)")


@pytest.mark.parametrize("value", ['"2006-11-15T00:00:00"', '"20061115"', '"15/11/2006"', '"2006-11-15 "'])
def test_a_date_is_only_yyyy_mm_dd(value):
    line = one_error_line('{"termination": {"date": %s, "reason": "death"}}' % value)
    assert line.startswith('termination.date: a date is written as "YYYY-MM-DD", got ')
    assert line.endswith("(§3, §6.1)")


def test_an_impossible_date_names_its_field():
    line = one_error_line('{"change_in_control": {"date": "2006-02-30"}}')
    assert line.startswith("change_in_control.date:") and "§6.3" in line


@pytest.mark.parametrize(("doc", "field", "clause"), [
    ('{"stock_price": true}', "stock_price", "§4"),
    ('{"terms": {"option_shares": false}}', "terms.option_shares", "§4"),
    ('{"assumptions": {"annual_raise_pct": true}}', "assumptions.annual_raise_pct", "§3"),
    ('{"change_in_control": {"date": "2006-01-01", "facts": {"deal_type": "acquisition", "acquirer_pct": true}}}',
     "change_in_control.facts.acquirer_pct", "§6.3(b)"),
])
def test_a_boolean_is_never_a_number(doc, field, clause):
    line = one_error_line(doc)
    assert line.startswith(f"{field}: expected a")
    assert "(a yes/no is not a number)" in line and line.endswith(f"({clause})")


def test_a_quoted_number_is_not_a_number():
    assert one_error_line('{"exercise_price": "3"}') == 'exercise_price: expected a number written without quotes, got "3" (§4)'


def test_a_yes_no_is_true_or_false():
    line = one_error_line('{"change_in_control": {"date": "2006-01-01", "facts": {"deal_type": "asset_sale", '
                          '"all_or_substantially_all_assets": 1}}}')
    assert line == "change_in_control.facts.all_or_substantially_all_assets: expected true or false, got 1 (§6.3(a)(ii))"


def test_a_duplicate_key_is_rejected_with_its_field():
    # json.loads would silently keep the last 7; a board member's file meant one price.
    line = one_error_line('{"stock_price": 5, "termination": {"date": "2006-11-15", "reason": "death", "date": "2007-01-01"}, '
                          '"stock_price": 7}')
    assert "stock_price: given more than once" in line
    assert "termination.date: given more than once; a key may appear once in its object (§3, §6.1)" in line


def test_an_unknown_key_is_rejected_with_its_name():
    line = one_error_line('{"termination": {"date": "2006-11-15", "reason": "death", "severance": 1}}')
    assert line.startswith("termination.severance: unknown key; the keys in termination are date, reason, ")


def test_an_unknown_key_that_is_not_printable_is_shown_escaped():
    line = one_error_line('{"stock\\u0085price": 5}')
    assert line.startswith("stock\\u0085price: unknown key")


def test_a_number_too_long_to_read_is_reported_with_its_field():
    digits = "1" * (MAX_NUMBER_CHARS + 1)
    assert one_error_line('{"terms": {"option_shares": %s}}' % digits) == (
        f"terms.option_shares: the number is too long to read ({MAX_NUMBER_CHARS + 1} characters) (§4)")
    # Python refuses ints of more than 4,300 digits with a bare ValueError: still the field.
    assert one_error_line('{"stock_price": %s}' % ("9" * 5000)).startswith("stock_price: the number is too long to read (5,000")


def test_a_number_too_large_for_a_float_is_reported_with_its_field():
    assert one_error_line('{"assumptions": {"volatility_pct": 1e400}}') == (
        'assumptions.volatility_pct: "1e400" is too large to read as a number (§4 (valuation))')


def test_nan_names_its_field():
    assert one_error_line('{"stock_price": NaN}') == "stock_price: NaN is not a number JSON allows; use a finite number (§4)"


def test_deep_nesting_names_the_field_it_starts_under():
    line = one_error_line('{"assumptions": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert line.startswith("assumptions: nested too deeply")


def test_invalid_utf8_names_its_field():
    line = one_error_line(b'{"termination": {"date": "2006-11-15", "reason": "d\xe9ath"}}')
    assert line == "termination.reason: the text is not UTF-8 (§6.1, §6.2, §10)"


def test_invalid_utf8_outside_a_string_says_where():
    line = one_error_line(b'{"stock_price": 5\xff}')
    assert line == "stock_price: the file is not UTF-8 text (line 1, column 18) (§4)"


def test_a_byte_order_mark_is_allowed():
    code, out, _ = run_cli(b"\xef\xbb\xbf" + json.dumps(WORKED).encode())
    assert code == 0 and json.loads(out)["severance_lump_sum"] == 125_000


def test_every_problem_is_on_the_one_line():
    line = one_error_line('{"hire_date": 0, "stock_price": false, "bonus": 1}')
    assert line.count("; ") >= 2
    assert "hire_date:" in line and "stock_price:" in line and "bonus: unknown key" in line


def test_the_upload_reads_as_strictly_as_the_command_line():
    scenario, problems = scenario_from_upload(b'{"stock_price": 5, "stock_price": true}')
    assert scenario is None
    assert problems == ["stock_price: given more than once; a key may appear once in its object (§4); "
                        "stock_price: expected a number, got true (a yes/no is not a number) (§4)"]
    with pytest.raises(ScenarioInputError) as info:
        scenario_from_json('{"hire_date": 1121212800}')
    assert info.value.lines[0].startswith("hire_date:")


def test_a_well_formed_scenario_still_reads_the_same():
    # READING.md worked example: 381,250 vested; $125,000 lump sum (§6.1(a)).
    code, out, err = run_cli(json.dumps(WORKED))
    assert (code, err) == (0, "")
    figures = json.loads(out)
    assert figures["vested_shares"] == 381_250 and figures["severance_lump_sum"] == 125_000


# --------------------------------------------------------------------------
# as_of with a termination: ignored with a flag, never a rejection
# --------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(as_of=st.dates())
def test_as_of_with_a_termination_is_ignored_with_a_flag_never_rejected(as_of):
    doc = {**WORKED, "as_of": as_of.isoformat()}
    code, out, err = run_cli(json.dumps(doc))
    assert (code, err) == (0, "")
    figures = json.loads(out)
    assert figures["as_of"] == "2006-11-15"  # the last day, whatever as_of said
    assert figures["vested_shares"] == 381_250
    codes = [f["code"] for f in figures["flags"]]
    assert ("as_of_ignored" in codes) == (as_of.isoformat() != "2006-11-15")


def test_as_of_without_a_termination_is_still_checked():
    assert one_error_line('{"as_of": "2005-07-01"}') == "as_of: 2005-07-01 is before the hire date 2005-07-13 (§3, §4)"


# --------------------------------------------------------------------------
# --indent and the sizes
# --------------------------------------------------------------------------


@pytest.mark.parametrize("indent", ["0", "8"])
def test_indent_from_0_to_8(indent):
    code, out, _ = run_cli(json.dumps(WORKED), "--indent", indent)
    assert code == 0
    assert out.splitlines()[1].startswith(" " * int(indent) + '"')


@pytest.mark.parametrize("indent", ["9", "-1", "100000000", "two", "1.5", ""])
def test_indent_outside_0_to_8_is_one_clear_line(indent):
    line = one_error_line(json.dumps(WORKED), "--indent", indent)
    assert line.startswith("--indent: must be a whole number from 0 to 8")


def test_output_over_the_bound_is_refused_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(cli, "MAX_OUTPUT_BYTES", 1_000)
    line = one_error_line(json.dumps(WORKED))
    assert line == "the outcome would be larger than 1,000 bytes; nothing was written"


def test_input_over_the_bound_is_refused_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(cli, "MAX_INPUT_BYTES", 100)
    line = one_error_line(json.dumps({**WORKED, "as_of": "2006-01-01"}))
    assert "larger than 100 bytes" in line


def test_the_worst_case_output_is_well_within_the_bound():
    code, out, _ = run_cli(json.dumps({**WORKED, "change_in_control": {"date": "2006-01-01"}}), "--indent", "8")
    assert code == 0 and len(out.encode()) < cli.MAX_OUTPUT_BYTES / 10


# --------------------------------------------------------------------------
# Hypothesis: broken documents give exit 0, or exit 2 with one line naming the field
# --------------------------------------------------------------------------

# Every leaf field of a full scenario, with a valid value.
BASE: dict = {
    "hire_date": "2005-07-13",
    "exercise_price": 3,
    "stock_price": 5,
    "as_of": "2006-01-01",
    "termination": {"date": "2006-11-15", "reason": "good_cause", "good_cause_ground": "neglect",
                    "notice_date": "2006-10-01"},
    "change_in_control": {"date": "2007-01-01", "facts": {"deal_type": "acquisition", "acquirer_pct": 60,
                                                           "shareholders_retained_pct": 40,
                                                           "all_or_substantially_all_assets": True,
                                                           "acquirer_is_berg": False}},
    "terms": {"base_salary": 250000, "option_shares": 1000000, "first_adjustment_date": "2006-07-13"},
    "assumptions": {"annual_raise_pct": 3, "volatility_pct": 60, "unvested_at_termination": "forfeit"},
}


def _leaves(obj: dict, prefix: tuple = ()) -> list[tuple[str, ...]]:
    paths = []
    for key, value in obj.items():
        paths.append((*prefix, key))
        if isinstance(value, dict):
            paths.extend(_leaves(value, (*prefix, key)))
    return paths


PATHS = _leaves(BASE)

BAD_VALUES = st.one_of(
    st.sampled_from([b"true", b"false", b"null", b"[]", b"{}", b'"x"', b'""', b'"5"', b'"2006-11-15T00:00:00"']),
    st.integers(-2**63, 2**63).map(lambda n: str(n).encode()),  # timestamps among them
    st.floats(allow_nan=False, allow_infinity=False).map(lambda f: repr(f).encode()),
    st.sampled_from([b"1e400", b"-1e400", b"1e-400", b"5e-324", b"NaN", b"Infinity", b"-Infinity"]),
    st.integers(MAX_NUMBER_CHARS - 2, 6000).map(lambda n: b"9" * n),  # huge numbers
    st.integers(1, 6000).map(lambda n: b"0." + b"0" * n + b"1"),  # tiny numbers
    st.integers(2, 50_000).map(lambda n: b"[" * n + b"]" * n),  # deep nesting
    st.integers(2, 2_000).map(lambda n: b'{"a": ' * n + b"1" + b"}" * n),
    st.binary(min_size=1, max_size=6).map(lambda b: b'"' + b.replace(b'"', b"").replace(b"\\", b"") + b'\xff"'),  # not UTF-8
    st.binary(min_size=1, max_size=8).filter(lambda b: b"\xc0" in b or b"\xff" in b or b"\x80" in b).map(
        lambda b: b'"' + b.replace(b'"', b"").replace(b"\\", b"") + b'"'),
)


def _render(obj, path: tuple, raw: bytes, duplicate: bool) -> bytes:
    """``obj`` as JSON, with the value at ``path`` replaced by the raw bytes (and, for a
    duplicate, that key written twice: once valid, once with the raw value)."""
    parts = []
    for key, value in obj.items():
        name = json.dumps(key).encode()
        if path and key == path[0] and len(path) == 1:
            if duplicate:
                parts.append(name + b": " + json.dumps(value).encode())
            parts.append(name + b": " + raw)
        elif path and key == path[0] and isinstance(value, dict):
            parts.append(name + b": " + _render(value, path[1:], raw, duplicate))
        else:
            parts.append(name + b": " + json.dumps(value).encode())
    return b"{" + b", ".join(parts) + b"}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(path=st.sampled_from(PATHS), raw=BAD_VALUES, duplicate=st.booleans(), unknown=st.booleans())
def test_a_broken_field_gives_exit_0_or_one_line_naming_the_field(path, raw, duplicate, unknown):
    if unknown:  # an unknown key beside the field, with the broken value
        path = (*path[:-1], "not_a_key")
        parent = BASE
        for key in path[:-1]:
            parent = parent[key]
        if not isinstance(parent, dict):
            return
        doc = _render(_with(BASE, path), path, raw, duplicate)
    else:
        doc = _render(BASE, path, raw, duplicate)
    code, out, err = run_cli(doc)
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err
    if code == 0:
        assert err == "" and json.loads(out)["line_items"]
        return
    assert out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and err.endswith("\n") and "\r" not in err, err
    field = ".".join(path)
    # The line names the broken field, or (a value the schema allows that breaks a
    # cross-field rule) another field it conflicts with; never just "invalid".
    named = [p for p in {field, *(".".join(p) for p in PATHS)} if p + ":" in err or p + " " in err]
    assert field in err or (named and not unknown and not duplicate), (field, err)


def _with(base: dict, path: tuple) -> dict:
    """A copy of base with a placeholder at ``path`` (so _render finds the key)."""
    copy = json.loads(json.dumps(base))
    parent = copy
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = 0
    return copy


def test_the_hypothesis_document_base_is_valid():
    code, out, err = run_cli(json.dumps(BASE))
    assert (code, err) == (0, ""), err


@pytest.mark.parametrize("raw, where", [
    (b'"}\x00\xff"', "column 17"),  # a control character after a brace, inside the string
    (b'"a, ]\x01"', "column 20"),  # a comma and a bracket inside the string before it
])
def test_a_control_character_inside_a_value_names_its_field(raw, where):
    """JSON forbids a raw control character inside a string; the error names the field even
    when braces, brackets or commas sit inside that string before it (found by the fuzz test
    above: ``{"hire_date": "}\\x00…`` was read as closing the document and named nothing)."""
    code, out, err = run_cli(_render(BASE, ("hire_date",), raw, False))
    assert (code, out) == (2, "")
    assert err.startswith("error: hire_date") and "not valid JSON: Invalid control character" in err, err
    assert where in err, err
