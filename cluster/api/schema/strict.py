"""Strict decoding: the fields of an object that its kind does not have."""

from __future__ import annotations

import copy
from typing import Any

from cluster.api.schema.kinds import KINDS

Obj = dict[str, Any]


def unknown_fields(obj: Obj) -> list[str]:
    """Paths of unknown fields in the order a decoder meets them (keys sorted,
    as kubectl sends YAML manifests as JSON)."""
    tree = KINDS.get(str(obj.get("kind")))
    return [] if tree is None else _walk(obj, tree, "")


def prune(obj: Obj) -> Obj:
    """A copy without the unknown fields."""
    tree = KINDS.get(str(obj.get("kind")))
    return copy.deepcopy(obj) if tree is None else _prune(obj, tree)


def _walk(value: Any, tree: Any, path: str) -> list[str]:
    if isinstance(tree, list) and isinstance(value, list):
        return [
            p
            for i, item in enumerate(value)
            for p in _walk(item, tree[0], f"{path}[{i}]")
        ]
    if not isinstance(tree, dict) or not isinstance(value, dict):
        return []
    found: list[str] = []
    for key in sorted(value):
        child = f"{path}.{key}" if path else key
        if key not in tree:
            found.append(child)
        else:
            found += _walk(value[key], tree[key], child)
    return found


def _prune(value: Any, tree: Any) -> Any:
    if isinstance(tree, list) and isinstance(value, list):
        return [_prune(item, tree[0]) for item in value]
    if not isinstance(tree, dict) or not isinstance(value, dict):
        return copy.deepcopy(value)
    return {k: _prune(v, tree[k]) for k, v in value.items() if k in tree}
