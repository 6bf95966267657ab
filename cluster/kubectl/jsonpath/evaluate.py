"""Executing a parsed JSONPath template, as client-go's ``jsonpath.go`` does.

``find_results`` gives one list of values per printed piece; ``execute``
prints them: maps and lists as compact JSON, other values as Go's
``fmt.Fprint`` would, values of one piece separated by a space. Missing
keys give nothing (kubectl turns ``AllowMissingKeys`` on); other problems
raise ``ExecError`` with client-go's wording.
"""

from __future__ import annotations

from typing import Any

from cluster.kubectl.gofmt import format_float
from cluster.kubectl.jsonpath.compare import compare
from cluster.kubectl.jsonpath.nodes import (
    Array,
    Field,
    Filter,
    Identifier,
    ListNode,
    Literal,
    Node,
    Recursive,
    Text,
    Union,
    Wildcard,
)
from cluster.kubectl.printers import gojson


class ExecError(Exception):
    """A failure while walking the data; ``str`` is client-go's message."""


def execute(root: ListNode, data: Any) -> str:
    """The template's output for ``data`` (``JSONPath.Execute``)."""
    return "".join(print_results(r) for r in find_results(root, data))


def print_results(results: list[Any]) -> str:
    return " ".join(_text(value) for value in results)


def find_results(root: ListNode, data: Any) -> list[list[Any]]:
    """Each action's values, ``range`` blocks expanded once per item."""
    results, rest = _block(list(root.nodes), data, nested=False)
    return results


def _block(
    nodes: list[Node], data: Any, nested: bool
) -> tuple[list[list[Any]], list[Node]]:
    """Evaluate nodes up to the ``end`` closing this block; return the
    results and the nodes after it."""
    full: list[list[Any]] = []
    while nodes:
        node = nodes.pop(0)
        if _keyword(node) == "end":
            if not nested:
                raise ExecError("not in range, nothing to end")
            return full, nodes
        results = walk([data], node)
        if _keyword(node) == "range":
            body, nodes = _range_body(nodes)
            for item in results:
                full += _block(list(body), item, nested=True)[0]
            continue
        full.append(results)
    return full, nodes


def _range_body(nodes: list[Node]) -> tuple[list[Node], list[Node]]:
    """The nodes up to the matching ``end`` (included), and those after it."""
    depth = 0
    for i, node in enumerate(nodes):
        word = _keyword(node)
        depth += 1 if word == "range" else -1 if word == "end" else 0
        if depth < 0:
            return nodes[: i + 1], nodes[i + 1 :]
    return nodes, []


def _keyword(node: Node) -> str | None:
    if isinstance(node, ListNode) and node.nodes:
        first = node.nodes[0]
        if isinstance(first, Identifier) and first.name in ("range", "end"):
            return first.name
    return None


def walk(values: list[Any], node: Node) -> list[Any]:
    """The values ``node`` selects from ``values``."""
    if isinstance(node, ListNode):
        for child in node.nodes:
            values = walk(values, child)
        return values
    if isinstance(node, Text):
        return [node.text]
    if isinstance(node, Literal):
        return [node.value for _ in values]
    if isinstance(node, Identifier):
        return _identifier(values, node)
    return _EVALUATORS[type(node)](values, node)


def _identifier(values: list[Any], node: Identifier) -> list[Any]:
    if node.name == "range":
        return values
    if node.name == "end":
        return []
    raise ExecError(f"unrecognized identifier {node.name}")


def _field(values: list[Any], node: Any) -> list[Any]:
    return [
        value[node.name]
        for value in values
        if isinstance(value, dict) and node.name in value
    ]


def _array(values: list[Any], node: Any) -> list[Any]:
    result: list[Any] = []
    for value in values:
        if value is None:
            continue
        if not isinstance(value, list):
            raise ExecError(f"{_go_type(value)} is not array or slice")
        result += _slice(value, node.params)
    return result


def _slice(value: list[Any], params: Any) -> list[Any]:
    start, end, step = params
    length = len(value)
    lo = start.value if start.known else 0
    lo += length if lo < 0 else 0
    hi = end.value if end.known else length
    if hi < 0 or (hi == 0 and end.derived):
        hi += length
    if hi == lo:
        return []
    if lo >= length or lo < 0:
        raise ExecError(f"array index out of bounds: index {lo}, length {length}")
    if hi > length or hi < 0:
        raise ExecError(f"array index out of bounds: index {hi - 1}, length {length}")
    if lo > hi:
        raise ExecError(f"starting index {lo} is greater than ending index {hi}")
    if step.known and step.value <= 0:
        raise ExecError("step must be > 0")
    return value[lo : hi : step.value if step.known else 1]


def _union(values: list[Any], node: Any) -> list[Any]:
    result: list[Any] = []
    for branch in node.branches:
        result += walk(values, branch)
    return result


def _children(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return list(value)
    if isinstance(value, str):
        return list(value.encode())
    return []


def _wildcard(values: list[Any], node: Any) -> list[Any]:
    return [child for value in values for child in _children(value)]


def _recursive(values: list[Any], node: Any) -> list[Any]:
    result: list[Any] = []
    for value in values:
        children = _children(value)
        if children:
            result.append(value)
            result += _recursive(children, node)
    return result


def _filter(values: list[Any], node: Any) -> list[Any]:
    result: list[Any] = []
    for value in values:
        if not isinstance(value, list):
            raise ExecError(
                f"{_go_value(value)} is not array or slice and cannot be filtered"
            )
        result += [item for item in value if _passes(item, node)]
    return result


def _passes(item: Any, node: Filter) -> bool:
    if node.operator == "exists":
        try:
            return bool(walk([item], node.left))
        except ExecError:
            return False
    lefts = walk([item], node.left)
    if len(lefts) != 1:
        raise ExecError("can only compare one element at a time")
    rights = walk([item], node.right)
    if len(rights) != 1:
        raise ExecError("can only compare one element at a time")
    return compare(node.operator, lefts[0], rights[0])


_EVALUATORS: dict[type, Any] = {
    Field: _field,
    Array: _array,
    Union: _union,
    Wildcard: _wildcard,
    Recursive: _recursive,
    Filter: _filter,
}


def _text(value: Any) -> str:
    """A map or list as compact JSON; anything else as ``fmt.Fprint``."""
    if isinstance(value, dict | list):
        return gojson.marshal(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_float(value)
    return str(value)


def _go_type(value: Any) -> str:
    """reflect's type name of an unstructured value."""
    if isinstance(value, dict):
        return "map[string]interface {}"
    names = {bool: "bool", int: "int64", float: "float64", str: "string"}
    return names.get(type(value), "interface {}")


def _go_value(value: Any) -> str:
    from cluster.kubectl.gofmt import sprint

    return "<invalid reflect.Value>" if value is None else sprint(value)
