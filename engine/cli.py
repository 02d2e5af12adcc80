"""``python -m engine evaluate FILE``: a scenario as JSON in, the outcome as JSON out.

Invalid input exits with status 2 and one clear line on standard error.
"""

from __future__ import annotations

import argparse
import json
import sys

from pydantic import ValidationError

from engine.errors import describe_validation_error
from engine.evaluate import evaluate
from engine.io import outcome_to_json, scenario_from_json

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


class InputError(Exception):
    """Input that is not a scenario; the message is shown as it is."""


def _read(path: str) -> str:
    try:
        if path == "-":
            text = sys.stdin.read(MAX_INPUT_BYTES + 1)
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read(MAX_INPUT_BYTES + 1)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc.__class__.__name__}: {getattr(exc, 'strerror', None) or exc}")
    if len(text) > MAX_INPUT_BYTES:
        raise InputError(f"{path}: larger than {MAX_INPUT_BYTES:,} bytes; a scenario is a few hundred")
    return text


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
    ev.add_argument("--indent", type=int, default=2, help="JSON indentation (default 2)")
    memo = sub.add_parser("memo", help="write the board memo (PDF) of a scenario JSON file (- for standard input)",
                          epilog=EXAMPLE.replace("evaluate -", "memo - --out memo.pdf"),
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    memo.add_argument("file", help="scenario JSON file, or - for standard input")
    memo.add_argument("--out", required=True, help="the PDF file to write")
    memo.add_argument("--kind", choices=("explorer", "matrix"), default="explorer",
                      help="explorer (default): the scenario's figures; matrix: leads with the termination matrix")
    memo.add_argument("--base-url", default=None,
                      help="the app's address for the memo's link (default $MEMO_BASE_URL or http://localhost:8501/)")
    args = parser.parse_args(argv)

    try:
        scenario = scenario_from_json(_read(args.file))
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

        return write_memo(scenario, args.out, kind=args.kind, base_url=args.base_url)
    outcome = evaluate(scenario)
    sys.stdout.write(json.dumps(outcome_to_json(outcome), indent=args.indent) + "\n")
    return 0


def run() -> None:  # pragma: no cover - entry point
    sys.exit(main())


