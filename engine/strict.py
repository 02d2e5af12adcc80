"""Reading a scenario document strictly, before pydantic sees it.

Files reach the command line and the Explorer's upload from other tools, so the
reader accepts only what the schema says, written the way JSON writes it:

* a date is an ISO ``"YYYY-MM-DD"`` string (a Unix timestamp is not a date);
* a number is a JSON number, never ``true``/``false`` and never a quoted string;
* a yes/no is ``true`` or ``false``;
* a key appears once in its object and is one of the schema's keys;
* a number longer than :data:`MAX_NUMBER_CHARS` characters, or too large for a
  float, is not read at all;
* text is UTF-8.

Every problem is one line naming the field (``termination.date``) and, where
one applies, the clause. Pure: no I/O.

Public API
----------
``parse_document(text) -> dict``   the JSON object, checked; raises ScenarioInputError
``parse_list(text, model, what, max_items) -> list[dict]``   a list of ``model`` objects, checked alike
``decode_document(data) -> str``   bytes to text; invalid UTF-8 is reported with its field
``ScenarioInputError``             a ValueError whose ``lines`` are the problems
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel

from engine.errors import _clause_for
from engine.scenario import Scenario

MAX_NUMBER_CHARS = 100  # a scenario's numbers are a few digits; 100 leaves room for any float's repr
MAX_DEPTH = 3  # change_in_control.facts.acquirer_pct is the deepest field
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ScenarioInputError(ValueError):
    """The document is not a scenario; ``lines`` name each field and its problem."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("; ".join(lines))


# --------------------------------------------------------------------------
# Values the JSON parser could not turn into numbers, kept to be reported with their field
# --------------------------------------------------------------------------


class _Unreadable:
    def __init__(self, why: str):
        self.why = why


class _Pairs(dict):
    """An object as written: remembers the keys given more than once."""

    duplicates: list[str]


def _pairs(pairs: list[tuple[str, Any]]) -> _Pairs:
    obj = _Pairs()
    obj.duplicates = []
    for key, value in pairs:
        if key in obj and key not in obj.duplicates:
            obj.duplicates.append(key)
        obj[key] = value
    return obj


def _int(text: str) -> int | _Unreadable:
    if len(text) > MAX_NUMBER_CHARS:
        return _Unreadable(f"the number is too long to read ({len(text):,} characters)")
    return int(text)


def _float(text: str) -> float | _Unreadable:
    if len(text) > MAX_NUMBER_CHARS:
        return _Unreadable(f"the number is too long to read ({len(text):,} characters)")
    value = float(text)
    if not math.isfinite(value):
        return _Unreadable(f"{_show(text)} is too large to read as a number")
    return value


def _constant(name: str) -> _Unreadable:
    return _Unreadable(f"{name} is not a number JSON allows; use a finite number")


# --------------------------------------------------------------------------
# Showing what was given, safely on one line of any terminal
# --------------------------------------------------------------------------


def _show(value: Any, limit: int = 40) -> str:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=True)
    elif isinstance(value, (int, float)):
        text = repr(value)
    elif isinstance(value, dict):
        text = "an object"
    elif isinstance(value, list):
        text = "a list"
    else:
        text = type(value).__name__
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _key(key: str) -> str:
    """A key as it may be shown: printable ASCII as it is, anything else escaped."""
    shown = json.dumps(key, ensure_ascii=True)[1:-1]
    return shown if len(shown) <= 40 else shown[:39] + "…"


def _line(path: list[str], problem: str, root: type[BaseModel] = Scenario) -> str:
    field = ".".join(_key(p) for p in path) or "scenario"
    clause = _clause_for(path, root)
    return " ".join(f"{field}: {problem}{f' ({clause})' if clause else ''}".split())


# --------------------------------------------------------------------------
# The schema, read from the models
# --------------------------------------------------------------------------


def _kind(annotation: Any) -> tuple[str, Any, bool]:
    """(kind, detail, nullable) for a field's annotation."""
    nullable = False
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(annotation))
        annotation = args[0] if len(args) == 1 else annotation
        origin = typing.get_origin(annotation)
    if origin is Literal:
        return "choice", typing.get_args(annotation), nullable
    if annotation is bool:
        return "bool", None, nullable
    if annotation is int:
        return "int", None, nullable
    if annotation is float:
        return "float", None, nullable
    if annotation is dt.date:
        return "date", None, nullable
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation, nullable
    return "other", None, nullable


def _check_value(path: list[str], value: Any, kind: str, detail: Any, nullable: bool, out: list[str],
                 root: type[BaseModel] = Scenario) -> None:
    if isinstance(value, _Unreadable):
        out.append(_line(path, value.why, root))
        return
    if value is None:
        if not nullable:
            out.append(_line(path, "null is not allowed here; leave the key out for the letter's default", root))
        return
    if kind == "date":
        if isinstance(value, bool) or not isinstance(value, str):
            hint = " (a Unix timestamp is not a date)" if isinstance(value, (int, float)) and not isinstance(value, bool) else ""
            out.append(_line(path, f"a date is written as a \"YYYY-MM-DD\" string, got {_show(value)}{hint}", root))
        elif not _ISO_DATE.fullmatch(value):
            out.append(_line(path, f"a date is written as \"YYYY-MM-DD\", got {_show(value)}", root))
        return
    if kind in ("int", "float"):
        whole = " whole" if kind == "int" else ""
        if isinstance(value, bool):
            out.append(_line(path, f"expected a{whole} number, got {_show(value)} (a yes/no is not a number)", root))
        elif not isinstance(value, (int, float)):
            out.append(_line(path, f"expected a{whole} number written without quotes, got {_show(value)}", root))
        return
    if kind == "bool":
        if not isinstance(value, bool):
            out.append(_line(path, f"expected true or false, got {_show(value)}", root))
        return
    if kind == "choice":
        if not isinstance(value, str):
            choices = ", ".join(str(c) for c in detail)
            out.append(_line(path, f"expected one of {choices}, got {_show(value)}", root))
        return
    if kind == "model":
        if not isinstance(value, dict):
            out.append(_line(path, f"expected an object with keys such as {', '.join(list(detail.model_fields)[:3])}, "
                                   f"got {_show(value)}", root))
            return
        _check_object(path, value, detail, out, root)


def _check_object(path: list[str], obj: dict, model: type[BaseModel], out: list[str],
                  root: type[BaseModel] = Scenario) -> None:
    for key in getattr(obj, "duplicates", ()):
        out.append(_line([*path, key], "given more than once; a key may appear once in its object", root))
    fields = model.model_fields
    for key, value in obj.items():
        if key not in fields:
            field = ".".join(_key(p) for p in [*path, key])
            out.append(f"{field}: unknown key; the keys {'in ' + '.'.join(path) if path else ('of a scenario' if root is Scenario else 'here')} are "
                       f"{', '.join(fields)}")
            continue
        kind, detail, nullable = _kind(fields[key].annotation)
        _check_value([*path, key], value, kind, detail, nullable, out, root)


def _strings_not_utf8(path: list[str], value: Any, out: list[str], depth: int = 0) -> None:
    """Text decoded with surrogateescape keeps each byte that is not UTF-8 as a lone
    surrogate: report the field that holds one."""
    if depth > MAX_DEPTH + 2:
        return
    if isinstance(value, str):
        if any("\udc80" <= ch <= "\udcff" for ch in value):
            out.append(_line(path, "the text is not UTF-8"))
    elif isinstance(value, dict):
        for key, item in value.items():
            if any("\udc80" <= ch <= "\udcff" for ch in key):
                out.append(_line([*path, key], "the key is not UTF-8 text"))
            else:
                _strings_not_utf8([*path, key], item, out, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _strings_not_utf8(path, item, out, depth + 1)


# --------------------------------------------------------------------------
# Deep nesting: name the field it starts under
# --------------------------------------------------------------------------

# A string, or one left open at the end of the text (the error is inside it: its
# braces and commas are characters, not structure), or a structural character.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*(?:"|\\?\Z)|[{}\[\]:,]', re.DOTALL)


def _path_in(text: str, max_depth: int | None = None) -> list[str]:
    """The keys leading to the end of ``text`` (a prefix of a document), or with
    ``max_depth`` to the first point nested deeper than that."""
    stack: list[str | None] = []  # the key each open container was the value of
    last_string: str | None = None
    key: str | None = None
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token.startswith('"'):
            last_string = token
        elif token == ":":
            try:
                key = json.loads(last_string) if last_string else None
            except ValueError:
                key = None
        elif token in "{[":
            stack.append(key)
            key = None
            if max_depth is not None and len(stack) > max_depth:
                break
        elif token in "}]":
            if stack:
                stack.pop()
            key = None
        elif token == ",":
            key = None
    keys = [k for k in stack if k is not None]
    if key is not None and max_depth is None:
        keys.append(key)
    return keys[: MAX_DEPTH]


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def decode_document(data: bytes) -> str:
    """UTF-8 (a leading byte-order mark allowed); bytes that are not UTF-8 are kept
    as lone surrogates for :func:`parse_document` to report with their field."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", "surrogateescape")


def _load(text: str, what: str) -> Any:
    """The JSON document, numbers and keys read strictly; raises ScenarioInputError."""
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_int=_int, parse_float=_float,
                          parse_constant=_constant)
    except json.JSONDecodeError as exc:
        path = _path_in(text[: exc.pos])
        where = f"line {exc.lineno}, column {exc.colno}"
        if any("\udc80" <= ch <= "\udcff" for ch in text[max(exc.pos - 1, 0): exc.pos + 1]):
            problem = f"the file is not UTF-8 text ({where})"
        else:
            problem = f"not valid JSON: {exc.msg.removesuffix(' at')} at {where}"
        raise ScenarioInputError([_line(path, problem) if path else problem]) from None
    except RecursionError:
        path = _path_in(text, max_depth=MAX_DEPTH + 1)
        problem = f"nested too deeply; {what} is at most {MAX_DEPTH} objects deep"
        raise ScenarioInputError([_line(path, problem) if path or what == "a scenario" else problem]) from None


def parse_document(text: str) -> dict:
    """The scenario document as a dict, checked against the schema; raises
    :class:`ScenarioInputError` listing every problem found."""
    data = _load(text, "a scenario")
    if not isinstance(data, dict):
        raise ScenarioInputError([f"not a scenario: expected a JSON object with keys such as hire_date, got {_show(data)}"])
    problems: list[str] = []
    _strings_not_utf8([], data, problems)
    if problems:
        raise ScenarioInputError(problems)
    _check_object([], data, Scenario, problems)
    if problems:
        raise ScenarioInputError(problems)
    return data


def parse_list(text: str, model: type[BaseModel], what: str, max_items: int) -> list[dict]:
    """A JSON list of 1 to ``max_items`` objects of ``model`` (e.g. Negotiate's proposals),
    each checked as strictly as a scenario; every problem names the item (``proposal 2:``)."""
    data = _load(text, f"a {what}")
    if not isinstance(data, list) or not 1 <= len(data) <= max_items:
        got = f"{len(data)} items" if isinstance(data, list) else _show(data)
        raise ScenarioInputError([f"{what}s: expected a JSON list of 1 to {max_items} {what}s (objects with keys such as "
                                  f"{', '.join(list(model.model_fields)[:3])}), got {got}"])
    problems: list[str] = []
    for number, item in enumerate(data, start=1):
        found: list[str] = []
        if not isinstance(item, dict):
            found.append(f"expected an object with keys such as {', '.join(list(model.model_fields)[:3])}, "
                         f"got {_show(item)}")
        else:
            _strings_not_utf8([], item, found)
            _check_object([], item, model, found, model)
        problems += [f"{what} {number}: {line}" for line in found]
    if problems:
        raise ScenarioInputError(problems)
    return data
