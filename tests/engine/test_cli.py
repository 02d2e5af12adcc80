"""``python -m engine evaluate FILE``: a scenario as JSON in, every figure with
its clause as JSON out. Invalid input exits with status 2 and one clear line on
standard error, never a traceback (STYLE.md: a thin shell round a pure core).
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import Assumptions, ChangeInControlFacts, OfferTerms
from engine.cli import main

REPO = Path(__file__).resolve().parents[2]

WORKED_EXAMPLE = {
    "hire_date": "2005-07-13",
    "exercise_price": 3,
    "stock_price": 5,
    "termination": {"date": "2006-11-15", "reason": "without_good_cause"},
}


def python_m_engine(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "engine", *args],
        input=stdin, capture_output=True, text=True, cwd=REPO, timeout=60,
    )


def assert_worked_example(out: dict) -> None:
    # READING.md: terminated without Good Cause on 15 Nov 2006
    assert out["vested_shares"] == 381_250
    assert out["forfeited_shares"] == 618_750
    assert out["severance_lump_sum"] == 125_000
    assert out["severance_payment_date"] == "2006-11-20"
    assert out["health_continuation_months"] == 6
    # 491 days × 250,000 / 365 = 336,301.37
    assert out["salary_earned"] == pytest.approx(336_301.37, abs=0.005)
    assert out["option_exercise_deadline"] == "2007-02-13"
    assert all(item["clause"].startswith("§") for item in out["line_items"])


def assert_one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert is_one_line(result.stderr), result.stderr
    assert result.stderr.startswith("error: ")
    return result.stderr.rstrip("\n")


def is_one_line(text: str) -> bool:
    # A line as a terminal or a log reader sees it: ended by the one "\n", no "\r".
    return text.endswith("\n") and text.count("\n") == 1 and "\r" not in text


# --- Subprocess runs

def test_evaluate_reads_a_scenario_file_and_prints_the_outcome_as_json(tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(WORKED_EXAMPLE), encoding="utf-8")
    result = python_m_engine("evaluate", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert_worked_example(json.loads(result.stdout))


def test_evaluate_reads_a_scenario_from_standard_input():
    result = python_m_engine("evaluate", "-", stdin=json.dumps(WORKED_EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert_worked_example(json.loads(result.stdout))


def test_an_empty_object_is_the_letter_as_written_with_its_defaults():
    result = python_m_engine("evaluate", "-", stdin="{}")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["as_of"] == "2009-07-13"  # hire 13 Jul 2005 + 48 months, full vesting
    assert out["vested_shares"] == 1_000_000
    assert out["signing_buyout"] == 127_500


@pytest.mark.parametrize("args", [["--help"], ["evaluate", "--help"]])
def test_help_explains_the_command_and_exits_0(args):
    result = python_m_engine(*args)
    assert result.returncode == 0
    assert "evaluate" in result.stdout
    assert "Traceback" not in result.stderr


def test_the_evaluate_help_lists_the_input_keys_with_an_example():
    out = python_m_engine("evaluate", "--help").stdout
    for key in ("hire_date", "exercise_price", "stock_price", "termination", "change_in_control", "without_good_cause"):
        assert key in out


@pytest.mark.parametrize(
    "stdin, expected",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2, 3]", "not a scenario"),
        ('{"stock_price": NaN}', "NaN"),
        ('{"assumptions": {"annual_raise_pct": -5}}', "§3"),
        ('{"termination": {"date": "2005-07-12", "reason": "without_good_cause"}}', "termination.date"),
        ('{"change_in_control": {"date": "2005-07-12"}}', "§6.1"),
        ('{"termination": {"date": "2006-02-28", "reason": "resignation", "notice_date": "2006-03-01"}}', "§10"),
        ('{"hire_date": "2101-01-01"}', "hire_date"),
        ('{"unknown": 1}', "unknown key"),
        ("", "not valid JSON"),
    ],
    ids=["bad-json", "list", "nan", "negative-raise", "before-hire", "cic-before-hire", "short-notice-date",
         "year-2101", "unknown-key", "empty"],
)
def test_invalid_input_exits_2_with_one_line_on_stderr_and_no_traceback(stdin, expected):
    line = assert_one_line_error(python_m_engine("evaluate", "-", stdin=stdin))
    assert expected in line


def test_a_missing_file_exits_2_with_one_line(tmp_path):
    line = assert_one_line_error(python_m_engine("evaluate", str(tmp_path / "nope.json")))
    assert "nope.json" in line


def test_a_file_that_is_not_utf8_exits_2_with_one_line(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"hire_date": "2005-07-13", "x": "\xe9"}')
    assert_one_line_error(python_m_engine("evaluate", str(path)))


def test_several_problems_are_reported_on_the_one_line():
    line = assert_one_line_error(
        python_m_engine("evaluate", "-", stdin='{"stock_price": 0, "exercise_price": -1}')
    )
    assert "stock_price" in line and "exercise_price" in line


def test_a_vanishingly_small_volatility_is_rejected_or_valued_not_a_traceback():
    result = python_m_engine("evaluate", "-", stdin='{"assumptions": {"volatility_pct": 1e-322}}')
    assert result.returncode in (0, 2)
    assert "Traceback" not in result.stderr


def test_an_unknown_key_with_a_newline_in_it_still_gives_one_line():
    assert_one_line_error(python_m_engine("evaluate", "-", stdin='{"stock\\nprice": 5}'))


# --- In-process fuzz of engine.cli.main

def run_main(text: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "stdin", io.StringIO(text))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["evaluate", "-"])
    return code, out.getvalue(), err.getvalue()


def assert_clean(text: str) -> None:
    code, out, err = run_main(text)
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err
    if code == 0:
        assert err == ""
        json.loads(out)
    else:
        assert out == ""
        assert is_one_line(err) and err.startswith("error: "), err


json_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=15,
)

iso_dates = st.dates().map(lambda d: d.isoformat())
plausible_dates = st.one_of(iso_dates, st.dates(date(1985, 1, 1), date(2110, 12, 31)).map(str))
numbers = st.one_of(st.integers(-10**6, 10**10), st.floats(allow_nan=False, allow_infinity=False))
anything = st.one_of(json_values, plausible_dates, numbers)


def real_keys(keys, values):
    return st.dictionaries(st.sampled_from(sorted(keys)), values, max_size=len(keys))


termination_docs = real_keys(
    ["date", "reason", "good_cause_ground", "notice_date"],
    st.one_of(plausible_dates, st.sampled_from(
        ["without_good_cause", "good_cause", "resignation", "death", "disability", "conviction", "neglect", "policy"]
    ), anything),
)
facts_docs = real_keys(
    list(ChangeInControlFacts.model_fields),
    st.one_of(st.sampled_from(["merger", "asset_sale", "acquisition", "liquidation"]), numbers, st.booleans(), anything),
)
cic_docs = real_keys(["date", "facts"], st.one_of(plausible_dates, facts_docs, anything))
terms_docs = real_keys(list(OfferTerms.model_fields), st.one_of(numbers, plausible_dates, anything))
assumption_docs = real_keys(
    list(Assumptions.model_fields),
    st.one_of(numbers, st.sampled_from(["none", "single_trigger", "double_trigger", "forfeit", "accelerate"]), anything),
)
scenario_docs = st.fixed_dictionaries(
    {},
    optional={
        "hire_date": st.one_of(plausible_dates, anything),
        "exercise_price": st.one_of(numbers, anything),
        "stock_price": st.one_of(numbers, anything),
        "as_of": st.one_of(plausible_dates, anything),
        "termination": st.one_of(termination_docs, st.none(), anything),
        "change_in_control": st.one_of(cic_docs, st.none(), anything),
        "terms": st.one_of(terms_docs, anything),
        "assumptions": st.one_of(assumption_docs, anything),
    },
)

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(doc=json_values)
def test_any_json_document_gives_exit_0_or_2_and_never_an_exception(doc):
    assert_clean(json.dumps(doc))


@FUZZ
@given(doc=scenario_docs)
def test_any_document_with_the_real_keys_gives_exit_0_or_2_and_never_an_exception(doc):
    assert_clean(json.dumps(doc))


@FUZZ
@given(text=st.text(max_size=200))
def test_any_text_on_standard_input_gives_exit_0_or_2_and_never_an_exception(text):
    assert_clean(text)


def test_deeply_nested_json_is_refused_in_one_line():
    assert_clean("[" * 100_000 + "]" * 100_000)


def test_input_over_a_megabyte_is_refused_in_one_line():
    code, out, err = run_main('{"x": "' + "a" * 1_100_000 + '"}')
    assert code == 2 and "larger than" in err
