"""``kubectl get --sort-by`` (``pkg/cmd/get/sorter.go``).

Objects are ordered by the first value the relaxed JSONPath finds in each:
numbers as numbers, strings as resource quantities when both parse (so
``100m`` sorts before ``1``), else as strings; objects without the field come
first. Tables are sorted one type at a time, other output all together.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cmp_to_key
from typing import Any

from cluster.api.quantity import QuantityError, parse_quantity
from cluster.kubectl.errors import KubectlError
from cluster.kubectl.jsonpath.evaluate import ExecError, find_results
from cluster.kubectl.jsonpath.nodes import ListNode
from cluster.kubectl.jsonpath.parser import ParseError, parse
from cluster.kubectl.printers.templates import relaxed_jsonpath

Obj = dict[str, Any]
_MISSING = object()


def sort_objects(objs: Sequence[Obj], sort_by: str, table: bool) -> list[Obj]:
    """``objs`` in ``--sort-by`` order; KubectlError as kubectl reports."""
    if len(objs) <= (0 if table else 1):
        return list(objs)
    field = _field(sort_by, table)
    root = _parse(field, table)
    keys = [_first_value(root, obj) for obj in objs]
    if all(k is _MISSING for k in keys):
        raise KubectlError(
            f'couldn\'t find any field with path "{field}" in the list of objects'
        )
    pairs = sorted(zip(keys, objs, strict=True), key=cmp_to_key(_cmp))
    return [obj for _, obj in pairs]


def _field(sort_by: str, table: bool) -> str:
    try:
        return relaxed_jsonpath(sort_by)
    except KubectlError:
        if table:
            return sort_by
        raise


def _parse(field: str, table: bool) -> ListNode:
    try:
        return parse(field)
    except ParseError as exc:
        raise KubectlError(f"sorting error: {exc}" if table else str(exc)) from None


def _first_value(root: ListNode, obj: Obj) -> Any:
    try:
        results = find_results(root, obj)
    except ExecError as exc:
        raise KubectlError(str(exc)) from None
    return results[0][0] if results and results[0] else _MISSING


def _cmp(left: tuple[Any, Obj], right: tuple[Any, Obj]) -> int:
    a, b = left[0], right[0]
    if a is _MISSING or b is _MISSING:
        return (a is not _MISSING) - (b is not _MISSING)
    if is_less(a, b):
        return -1
    return 1 if is_less(b, a) else 0


def is_less(a: Any, b: Any) -> bool:
    """``isLess`` for unstructured values of the same kind."""
    if isinstance(a, str) and isinstance(b, str):
        return _string_less(a, b)
    if isinstance(a, list) and isinstance(b, list):
        return all(is_less(x, y) for x, y in zip(a, b, strict=False))
    if _number(a) and _number(b) and type(a) is type(b):
        return bool(a < b)
    if a is None or b is None:
        return a is None and b is not None
    raise KubectlError(f"unsortable type: {type(a).__name__}")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _string_less(a: str, b: str) -> bool:
    try:
        qa, qb = parse_quantity(a), parse_quantity(b)
    except QuantityError:
        return a < b
    return bool(qa.value < qb.value)
