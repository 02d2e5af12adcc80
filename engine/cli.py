"""``python -m engine evaluate FILE``: a scenario as JSON in, the outcome as JSON out;
``python -m engine memo FILE --out memo.pdf``: the board memo of that scenario
(``--proposals FILE``: the letter against Negotiate's proposals; ``--matrix-date``:
the termination matrix as of that date).

Invalid input exits with status 2 and one clear line on standard error.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from pydantic import ValidationError

from engine.errors import describe_validation_error
from engine.evaluate import evaluate
from engine.io import outcome_to_json, scenario_from_json
from engine.strict import decode_document

EXAMPLE = """example:
  echo '{"hire_date": "2005-07-13", "exercise_price": 3, "stock_price": 5,
         "termination": {"date": "2006-11-15", "reason": "without_good_cause"}}' \\
    | python -m engine evaluate -

input keys: hire_date, exercise_price, stock_price, as_of, termination
({"date", "reason", "good_cause_ground", "notice_date"} or null), change_in_control
({"date", "facts"} or null), assumptions (partial), terms (partial overrides of the
letter's terms). Dates are ISO YYYY-MM-DD. reason is one of without_good_cause,
good_cause, resignation, death, disability.
"""

MAX_INPUT_BYTES = 1_000_000
MAX_OUTPUT_BYTES = 1_000_000  # an outcome is a few tens of kilobytes at --indent 8
MIN_INDENT, MAX_INDENT = 0, 8


class InputError(Exception):
    """Input that is not a scenario; the message is shown as it is."""


def _read(path: str, what: str = "a scenario") -> str:
    try:
        if path == "-" and not hasattr(sys.stdin, "buffer"):  # a text stream (tests, embedding)
            data = sys.stdin.read(MAX_INPUT_BYTES + 1).encode("utf-8", "surrogateescape")
        elif path == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.__class__.__name__}: {getattr(exc, 'strerror', None) or exc}")
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{path}: larger than {MAX_INPUT_BYTES:,} bytes; {what} is a few hundred")
    return decode_document(data)  # bytes that are not UTF-8 are reported with their field


def _indent(text: str) -> int:
    if not re.fullmatch(r"[0-8]", text.strip()):
        raise InputError(f"--indent: must be a whole number from {MIN_INDENT} to {MAX_INDENT}, got {text[:20]!r}")
    return int(text)


def _proposals(path: str, scenario) -> list:
    """The proposals file read for a negotiate memo; every problem names the file."""
    from memo.cli import read_proposals

    try:
        return read_proposals(_read(path, "a proposals file"), scenario)
    except InputError as exc:
        raise InputError(f"--proposals: {exc}") from None
    except ValueError as exc:  # ScenarioInputError: its lines name the proposal, the field and the clause
        raise InputError(f"--proposals {path}: {exc}") from None


def _matrix_date(text: str, scenario):
    """``--matrix-date``: the table's date, on or after the hire date (as the page's box takes it)."""
    from datetime import date

    from analyses.matrix import matrix_date_problems

    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise InputError(f"--matrix-date: expected a date written YYYY-MM-DD, got {text[:20]!r}")
    try:
        on = date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--matrix-date: {text} is not a day of the calendar") from None
    problems = matrix_date_problems(scenario, on)
    if problems:
        raise InputError(f"--matrix-date: {' '.join(problems)}")
    return on


def _memo_kind(args: argparse.Namespace) -> str:
    """The memo's kind: ``--kind``, or negotiate when proposals are given, matrix when a table
    date is, else explorer."""
    if args.matrix_date is not None:
        if args.kind not in (None, "matrix") or args.proposals is not None:
            raise InputError("--matrix-date: only a matrix memo has a table date; leave out "
                             + ("--proposals" if args.proposals is not None else f"--kind {args.kind}"))
        return "matrix"
    if args.proposals is None:
        if args.kind == "negotiate":
            raise InputError("--proposals: a negotiate memo compares the letter with proposals; give their file "
                             "(a JSON list of 1 to 3, e.g. [{\"name\": \"Board draft\", \"terms\": "
                             "{\"severance_lump_sum\": 250000}}])")
        return args.kind or "explorer"
    if args.kind not in (None, "negotiate"):
        raise InputError(f"--proposals: only a negotiate memo compares proposals; leave out --kind {args.kind}")
    if args.proposals == "-" and args.file == "-":
        raise InputError("--proposals: the scenario already comes from standard input; give the proposals a file")
    return "negotiate"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m engine",
        description="Apply the 8 July 2005 Valence offer letter to a scenario and print every figure with its clause.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("evaluate", help="evaluate a scenario JSON file (- for standard input)",
                        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    ev.add_argument("file", help="scenario JSON file, or - for standard input")
    ev.add_argument("--indent", default="2", metavar="N",
                    help=f"JSON indentation, {MIN_INDENT} to {MAX_INDENT} spaces (default 2)")
    memo = sub.add_parser("memo", help="write the board memo (PDF) of a scenario JSON file (- for standard input)",
                          epilog=EXAMPLE.replace("evaluate -", "memo - --out memo.pdf"),
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    memo.add_argument("file", help="scenario JSON file, or - for standard input")
    memo.add_argument("--out", required=True, help="the PDF file to write")
    memo.add_argument("--kind", choices=("explorer", "matrix", "negotiate"), default=None,
                      help="explorer (default): the scenario's figures; matrix: leads with the termination matrix; "
                           "negotiate (the default with --proposals): the letter against the proposals")
    memo.add_argument("--proposals", default=None, metavar="FILE",
                      help="a JSON list of 1 to 3 proposals, as a negotiate memo prints them: "
                           '[{"name": "Board draft", "terms": {"severance_lump_sum": 250000}}]')
    memo.add_argument("--matrix-date", default=None, metavar="YYYY-MM-DD",
                      help="a matrix memo's table date (default: the last day employed, else the as-of date, "
                           "else the first anniversary of hire)")
    memo.add_argument("--base-url", default=None,
                      help="the app's address for the memo's link (default $MEMO_BASE_URL or http://localhost:8501/)")
    args = parser.parse_args(argv)

    try:
        indent = _indent(args.indent) if args.command == "evaluate" else 0
        kind = _memo_kind(args) if args.command == "memo" else None
        scenario = scenario_from_json(_read(args.file))
        if kind == "negotiate":  # rendering stays outside the engine: imported only here
            variants = _proposals(args.proposals, scenario)
        on = _matrix_date(args.matrix_date, scenario) if kind == "matrix" and args.matrix_date is not None else None
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        print("error: " + "; ".join(describe_validation_error(exc)), file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "memo":  # rendering stays outside the engine: imported only here
        from memo.cli import write_memo

        return write_memo(scenario, args.out, kind=kind, base_url=args.base_url,
                          variants=variants if kind == "negotiate" else (), matrix_date=on)
    outcome = evaluate(scenario)
    text = json.dumps(outcome_to_json(outcome), indent=indent) + "\n"
    if len(text.encode("utf-8")) > MAX_OUTPUT_BYTES:
        print(f"error: the outcome would be larger than {MAX_OUTPUT_BYTES:,} bytes; nothing was written", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0


def run() -> None:  # pragma: no cover - entry point
    sys.exit(main())


