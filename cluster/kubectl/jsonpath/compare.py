"""Filter comparisons (``[?(@.x < 3)]``), as Go's template ``eq``/``lt`` funcs."""

from __future__ import annotations

from typing import Any


def _kind(value: Any) -> str:
    for kind, types in (
        ("bool", bool),
        ("int", int),
        ("float", float),
        ("string", str),
    ):
        if isinstance(value, types):
            return kind
    raise _error("invalid type for comparison")


def _error(message: str) -> Exception:
    from cluster.kubectl.jsonpath.evaluate import ExecError

    return ExecError(message)


def _equal(left: Any, right: Any) -> bool:
    if _kind(left) != _kind(right):
        raise _error("incompatible types for comparison")
    return bool(left == right)


def _less(left: Any, right: Any) -> bool:
    kind = _kind(left)
    if kind != _kind(right):
        raise _error("incompatible types for comparison")
    if kind == "bool":
        raise _error("invalid type for comparison")
    return bool(left < right)


def compare(operator: str, left: Any, right: Any) -> bool:
    """Whether ``left operator right`` holds; ExecError as Go's funcs fail."""
    if operator == "==":
        return _equal(left, right)
    if operator == "!=":
        return not _equal(left, right)
    if operator == "<":
        return _less(left, right)
    if operator == "<=":
        return _less(left, right) or _equal(left, right)
    if operator == ">":
        return not (_less(left, right) or _equal(left, right))
    if operator == ">=":
        return not _less(left, right)
    raise _error(f"unrecognized filter operator {operator}")
