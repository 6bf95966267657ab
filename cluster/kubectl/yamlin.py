"""Reading manifests as kubectl reads them (apimachinery ``util/yaml`` decoder).

A stream that starts with ``{`` is read as JSON objects; anything else is split
into YAML documents at ``---`` lines and each is parsed as go-yaml v2 parses it
(YAML 1.1 scalars: ``yes``/``y``/``on`` are booleans, timestamps stay strings).
Parse errors carry go-yaml's wording and line numbers, which count from the
start of the document, e.g. ``yaml: line 4: mapping values are not allowed in
this context``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from cluster.kubectl.printers import gojson

_GO_TAG = "tag:pilothouse,go-resolved"
_SEPARATOR = re.compile(r"^---")
_INT = re.compile(
    r"^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$"
)
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_BOOLS = {
    "y": True,
    "Y": True,
    "yes": True,
    "Yes": True,
    "YES": True,
    "true": True,
    "True": True,
    "TRUE": True,
    "on": True,
    "On": True,
    "ON": True,
    "n": False,
    "N": False,
    "no": False,
    "No": False,
    "NO": False,
    "false": False,
    "False": False,
    "FALSE": False,
    "off": False,
    "Off": False,
    "OFF": False,
}
_NULLS = {"", "~", "null", "Null", "NULL"}


class ParseError(Exception):
    """A document that is not YAML or JSON; ``str`` is go-yaml's/Go's message."""


@dataclass(frozen=True)
class Document:
    value: Any  # what the document decodes to, as JSON would hold it
    raw: str  # its JSON text, as kubectl quotes it in decode errors


def documents(text: str) -> tuple[list[Document], ParseError | None]:
    """Every document up to the first unreadable one, and that one's error."""
    if text.lstrip()[:1] == "{":
        docs, error = _json_stream(text)
        if error is None:
            return docs, None
        yaml_docs, yaml_error = _yaml_stream(text)
        return (yaml_docs, None) if yaml_error is None else (docs, error)
    return _yaml_stream(text)


def yaml_to_json(text: str) -> Any:
    """sigs.k8s.io/yaml's ``ToJSON`` of one YAML (or JSON) document, as
    ``kubectl patch -p`` reads its patch; go-yaml's message if it fails."""
    try:
        return _to_json_value(yaml.load(text, Loader=_GoLoader))  # noqa: S506
    except yaml.YAMLError as exc:
        raise ParseError(_go_yaml(exc)) from None


def _json_stream(text: str) -> tuple[list[Document], ParseError | None]:
    decoder = json.JSONDecoder()
    docs: list[Document] = []
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return docs, None
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            return docs, _json_error(exc)
        docs.append(Document(value, text[pos:end].strip()))
        pos = end


def _json_error(exc: json.JSONDecodeError) -> ParseError:
    if exc.pos >= len(exc.doc.rstrip()):
        return ParseError("unexpected EOF")
    char = exc.doc[exc.pos]
    what = {
        "Expecting property name enclosed in double quotes": (
            "looking for beginning of object key string"
        ),
        "Expecting ':' delimiter": "after object key",
        "Expecting ',' delimiter": "after object key:value pair",
        "Expecting value": "looking for beginning of value",
    }.get(exc.msg, "looking for beginning of value")
    return ParseError(
        f"json: offset {exc.pos + 1}: invalid character {_go_char(char)} {what}"
    )


def _go_char(char: str) -> str:
    return "'\\''" if char == "'" else f"'{char}'"


def _yaml_stream(text: str) -> tuple[list[Document], ParseError | None]:
    docs: list[Document] = []
    for chunk in _split(text):
        if isinstance(chunk, ParseError):
            return docs, chunk
        try:
            value = _to_json_value(yaml.load(chunk, Loader=_GoLoader))  # noqa: S506
        except yaml.YAMLError as exc:
            return docs, ParseError(f"error converting YAML to JSON: {_go_yaml(exc)}")
        docs.append(Document(value, gojson.marshal(value)))
    return docs, None


def _split(text: str) -> list[str | ParseError]:
    """The YAMLReader: documents end at lines starting ``---``."""
    chunks: list[str | ParseError] = []
    current: list[str] = []
    for line in text.splitlines(keepends=True):
        if _SEPARATOR.match(line):
            after = line[3:].strip()
            if after and not after.startswith("#"):
                chunks.append(ParseError(f"invalid Yaml document separator: {after}"))
                return chunks
            if current:
                chunks.append("".join(current))
                current = []
            continue
        current.append(line)
    if current:
        chunks.append("".join(current))
    return chunks


def _to_json_value(value: Any) -> Any:
    """sigs.k8s.io/yaml's conversion: keys become strings, as JSON needs."""
    if isinstance(value, dict):
        return {_json_key(k): _to_json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_json_value(v) for v in value]
    return value


def _json_key(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(key)


def _go_yaml(exc: yaml.YAMLError) -> str:
    """go-yaml's ``yaml: line N: problem`` for a PyYAML error."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return f"yaml: {exc}"
    problem = _problem(exc)
    line = 0
    if exc.problem_mark is not None and exc.problem_mark.line:
        line = exc.problem_mark.line + (
            1 if isinstance(exc, yaml.scanner.ScannerError) else 0
        )
    elif exc.context_mark is not None and exc.context_mark.line:
        line = exc.context_mark.line
    return f"yaml: line {line}: {problem}" if line else f"yaml: {problem}"


def _problem(exc: yaml.MarkedYAMLError) -> str:
    problem, context = exc.problem or "", exc.context or ""
    if problem.startswith("mapping values are not allowed"):
        return "mapping values are not allowed in this context"
    if problem.startswith("block sequence entries are not allowed"):
        return "block sequence entries are not allowed in this context"
    if "that cannot start any token" in problem:
        return "found character that cannot start any token"
    if problem.startswith("expected <block end>"):
        return (
            "did not find expected '-' indicator"
            if "block collection" in context
            else "did not find expected key"
        )
    if problem.startswith("expected ',' or ']'"):
        return "did not find expected ',' or ']'"
    if problem.startswith("expected ',' or '}'"):
        return "did not find expected ',' or '}'"
    if problem.startswith("expected the node content"):
        return "did not find expected node content"
    if problem.startswith("expected '<document start>'"):
        return "did not find expected <document start>"
    if problem.startswith("found undefined alias"):
        name = problem.removeprefix("found undefined alias").strip().strip("'")
        return f"unknown anchor '{name}' referenced"
    return problem or "unknown problem parsing YAML content"


def _go_scalar(text: str) -> Any:
    """go-yaml v2's ``resolve`` of a plain scalar when decoding into interface{}."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if text in (".nan", ".NaN", ".NAN"):
        return float("nan")
    if text.lstrip("+-") in (".inf", ".Inf", ".INF"):
        return float("-inf") if text.startswith("-") else float("inf")
    plain = text.replace("_", "")
    if text[:1] in "+-0123456789" and _INT.match(plain):
        return _go_int(plain)
    if text[:1] in "+-0123456789." and _FLOAT.match(plain):
        return float(plain)
    return text


def _go_int(plain: str) -> int:
    sign = -1 if plain.startswith("-") else 1
    body = plain.lstrip("+-")
    prefix = body[:2].lower()
    if prefix in ("0x", "0o", "0b"):
        return sign * int(body[2:], {"0x": 16, "0o": 8, "0b": 2}[prefix])
    if len(body) > 1 and body.startswith("0"):
        return sign * int(body, 8)
    return sign * int(body)


class _GoLoader(yaml.SafeLoader):
    """SafeLoader with go-yaml v2's scalar resolution instead of PyYAML's."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode and implicit[0]:
            return "tag:yaml.org,2002:merge" if value == "<<" else _GO_TAG
        return str(super().resolve(kind, value, implicit))


def _construct_go_scalar(loader: _GoLoader, node: ScalarNode) -> Any:
    return _go_scalar(str(loader.construct_scalar(node)))


_GoLoader.add_constructor(_GO_TAG, _construct_go_scalar)
