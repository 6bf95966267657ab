"""``-o jsonpath=...``, ``jsonpath-file``, ``jsonpath-as-json``,
``custom-columns=...`` and ``custom-columns-file`` (cli-runtime's
``JSONPathPrintFlags`` and kubectl's ``customcolumn.go``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cluster.kubectl.errors import KubectlError, go_quote
from cluster.kubectl.gofmt import go_syntax, sprint
from cluster.kubectl.jsonpath.evaluate import ExecError, execute, find_results
from cluster.kubectl.jsonpath.nodes import ListNode
from cluster.kubectl.jsonpath.parser import ParseError, parse
from cluster.kubectl.printers import gojson
from cluster.kubectl.tabwriter import TABLE, TabWriter

Obj = dict[str, Any]
Printer = Callable[[Obj], str]
TEMPLATE_FORMATS = ("jsonpath", "jsonpath-file", "jsonpath-as-json")
COLUMN_FORMATS = ("custom-columns", "custom-columns-file")
_SPEC_HINT = (
    "unexpected path string, expected a 'name1.name2' or '.name1.name2' or "
    "'{name1.name2}' or '{.name1.name2}'"
)
_TEMPLATE_HINT = (
    "Expected format is one line of space separated headers, one line of "
    "space separated column specs."
)


def split_format(output: str) -> tuple[str, str]:
    """``jsonpath={.a}`` is the format ``jsonpath`` and its argument."""
    name, _, value = output.partition("=")
    return name, value


def read_file(name: str, base_dir: Path | None) -> str | None:
    path = Path(name) if base_dir is None else base_dir / name
    try:
        return path.read_text()
    except OSError:
        return None


def jsonpath_printer(fmt: str, value: str, base_dir: Path | None) -> Printer:
    """The printer for a jsonpath format, or KubectlError as kubectl fails."""
    if not value:
        raise KubectlError("template format specified but no template given")
    if fmt == "jsonpath-file":
        text = read_file(value, base_dir)
        if text is None:
            raise KubectlError(
                f"error reading --template {value}, open {value}: "
                "no such file or directory"
            )
        value = text
    try:
        root = parse(value)
    except ParseError as exc:
        raise KubectlError(f"error parsing jsonpath {value}, {exc}") from None
    return lambda obj: _run_template(root, value, obj, fmt == "jsonpath-as-json")


def _run_template(root: ListNode, template: str, obj: Obj, as_json: bool) -> str:
    try:
        if as_json:
            return "".join(
                gojson.marshal_indent(r) + "\n" for r in find_results(root, obj)
            )
        return execute(root, obj)
    except ExecError as exc:
        raise KubectlError(
            f"error executing jsonpath {go_quote(template)}: Error executing "
            f"template: {exc}. Printing more information for debugging the "
            f"template:\n\ttemplate was:\n\t\t{template}\n\tobject given to "
            f"jsonpath engine was:\n\t\t{go_syntax(obj)}\n\n"
        ) from None


# -- custom columns -----------------------------------------------------------


@dataclass(frozen=True)
class CustomColumn:
    header: str
    spec: str  # a full JSONPath template, ``{.metadata.name}``


def relaxed_jsonpath(expression: str) -> str:
    """``RelaxedJSONPathExpression``: ``metadata.name``, ``.metadata.name``,
    ``{metadata.name}`` and ``{.metadata.name}`` all mean the last."""
    if not expression:
        return expression
    match = re.fullmatch(r"\{\.?([^{}]+)\}|\.?([^{}]+)", expression)
    if match is None:
        raise KubectlError(_SPEC_HINT)
    return "{." + (match.group(1) or match.group(2)) + "}"


def columns_from_spec(spec: str) -> list[CustomColumn]:
    if not spec:
        raise KubectlError(
            "custom-columns format specified but no custom columns given"
        )
    columns = []
    for part in spec.split(","):
        header, colon, path = part.partition(":")
        if not colon:
            raise KubectlError(
                f"unexpected custom-columns spec: {part}, "
                "expected <header>:<json-path-expr>"
            )
        columns.append(CustomColumn(header, relaxed_jsonpath(path)))
    return columns


def columns_from_file(name: str, base_dir: Path | None) -> list[CustomColumn]:
    if not name:
        raise KubectlError(
            "custom-columns format specified but no custom columns given"
        )
    text = read_file(name, base_dir)
    if text is None:
        raise KubectlError(
            f"error reading template {name}, open {name}: no such file or directory"
        )
    lines = text.splitlines()
    if not lines:
        raise KubectlError(f"invalid template, missing header line. {_TEMPLATE_HINT}")
    if len(lines) < 2:
        raise KubectlError(f"invalid template, missing spec line. {_TEMPLATE_HINT}")
    headers, specs = lines[0].split(), lines[1].split()
    if len(headers) != len(specs):
        raise KubectlError(
            f"number of headers ({len(headers)}) and field specifications "
            f"({len(specs)}) don't match"
        )
    return [
        CustomColumn(h, relaxed_jsonpath(s))
        for h, s in zip(headers, specs, strict=True)
    ]


def render_columns(
    columns: list[CustomColumn], objs: list[Obj], no_headers: bool
) -> str:
    """The aligned table: a header line (unless ``--no-headers``), one row
    per object, several values of a cell joined by commas, ``<none>`` if none."""
    try:
        roots = [parse(c.spec) for c in columns]
    except ParseError as exc:
        raise KubectlError(str(exc)) from None
    tw = TabWriter(*TABLE)
    if not no_headers:
        tw.write("\t".join(c.header for c in columns) + "\n")
    for obj in objs:
        tw.write("\t".join(_cell(root, obj) for root in roots) + "\n")
    return tw.getvalue()


def _cell(root: ListNode, obj: Obj) -> str:
    try:
        results = find_results(root, obj)
    except ExecError as exc:
        raise KubectlError(str(exc)) from None
    if not results or not results[0]:
        values = ["<none>"]
    else:
        values = []
    values += [sprint(value) for piece in results for value in piece]
    return ",".join(values)
