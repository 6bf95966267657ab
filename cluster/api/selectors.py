"""Label and field selectors as ``kubectl -l`` and ``--field-selector`` take them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from cluster.api.errors import bad_request

Obj = dict[str, Any]
Predicate = Callable[[Obj], bool]

_REQUIREMENT = re.compile(
    r"^\s*(!?)\s*([A-Za-z0-9./_-]+)\s*(?:(==|=|!=)\s*([A-Za-z0-9._-]*)"
    r"|\s+(in|notin)\s*\(([^)]*)\))?\s*$"
)


def parse_label_selector(text: str | None) -> Predicate:
    """Equality- and set-based requirements, ANDed: ``app=web,tier in (a,b),!x``."""
    if not text:
        return lambda obj: True
    tests = [_requirement(part) for part in _split(text)]
    return lambda obj: all(test(_labels(obj)) for test in tests)


FieldRequirement = tuple[str, str, str]  # (path, "=" or "!=", value)


def parse_field_selector(text: str | None) -> list[FieldRequirement]:
    """``spec.nodeName=node-1,status.phase!=Running`` as (path, op, value)s."""
    requirements: list[FieldRequirement] = []
    for part in filter(None, (text or "").split(",")):
        match = re.match(r"^([A-Za-z0-9._]+)(==|=|!=)(.*)$", part.strip())
        if not match:
            raise bad_request(f"invalid selector: '{text}'; can't understand '{part}'")
        path, op, value = match.groups()
        requirements.append((path, "!=" if op == "!=" else "=", value))
    return requirements


def field_value(obj: Obj, path: str) -> str:
    node: Any = obj
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return "" if node is None else str(node)


def fields_match(obj: Obj, fields: list[FieldRequirement]) -> bool:
    return all(
        (field_value(obj, path) == value) == (op == "=") for path, op, value in fields
    )


def _split(text: str) -> list[str]:
    # Commas inside "in (a,b)" do not separate requirements.
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [p for p in parts + [current] if p.strip()]


def _requirement(part: str) -> Callable[[dict[str, str]], bool]:
    match = _REQUIREMENT.match(part)
    if not match:
        raise bad_request(f"unable to parse requirement: {part.strip()}")
    negate, key, op, value, set_op, values = match.groups()
    if negate:
        return lambda labels: key not in labels
    if op in ("=", "=="):
        return lambda labels: labels.get(key) == value
    if op == "!=":
        return lambda labels: labels.get(key) != value
    if set_op:
        members = {v.strip() for v in values.split(",") if v.strip()}
        if set_op == "in":
            return lambda labels: labels.get(key) in members
        return lambda labels: labels.get(key) not in members
    return lambda labels: key in labels


def _labels(obj: Obj) -> dict[str, str]:
    return obj.get("metadata", {}).get("labels") or {}
