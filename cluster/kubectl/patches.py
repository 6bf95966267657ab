"""The three patch types of ``kubectl patch`` and ``kubectl run --overrides``.

``merge_patch`` is RFC 7386 as evanphx/json-patch applies it, ``json_patch``
is RFC 6902 with that library's error texts, and ``strategic_merge`` is
apimachinery's strategic merge patch: the merge of client-side apply
(``cluster.kubectl.merge``), after the check that every item of a list with a
merge key names its key.
"""

from __future__ import annotations

import copy
from typing import Any

from cluster.kubectl.gofmt import sprint
from cluster.kubectl.merge import DIRECTIVE, ORDER, Path, apply_patch, merge_key

Obj = dict[str, Any]
PATCH_TYPES = ("json", "merge", "strategic")  # sorted, as kubectl lists them


class PatchError(Exception):
    """A patch that cannot be applied; ``str`` is the library's message."""


class BadJSONPatch(PatchError):
    """evanphx/json-patch's ``ErrBadJSONPatch``."""

    def __init__(self) -> None:
        super().__init__("Invalid JSON Patch")


def go_json_type(value: Any) -> str:
    """The JSON type name Go's ``UnmarshalTypeError`` reports."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return "string"


def go_json_syntax_error(exc: ValueError, text: str) -> str:
    """Go's ``json.Unmarshal`` SyntaxError text for what Python rejected."""
    pos = getattr(exc, "pos", len(text))
    if pos >= len(text.rstrip()):
        return "unexpected end of JSON input"
    char = text[pos]
    shown = "'\\''" if char == "'" else f"'{char}'"
    msg = getattr(exc, "msg", "")
    what = {
        "Expecting property name enclosed in double quotes": (
            "looking for beginning of object key string"
        ),
        "Expecting ':' delimiter": "after object key",
        "Expecting ',' delimiter": "after object key:value pair",
    }.get(msg, "looking for beginning of value")
    return f"invalid character {shown} {what}"


# -- RFC 7386 merge patch -----------------------------------------------------


def merge_patch(doc: Any, patch: Any) -> Any:
    """``jsonpatch.MergePatch(doc, patch)``."""
    if patch is None:
        raise BadJSONPatch()
    if not isinstance(patch, dict):
        return _prune_nulls(patch)
    if not isinstance(doc, dict):
        return _prune_nulls(patch)
    return _merge_docs(copy.deepcopy(doc), patch)


def _merge_docs(doc: Obj, patch: Obj) -> Obj:
    for key, value in patch.items():
        if value is None:
            doc.pop(key, None)
        elif isinstance(value, dict) and isinstance(doc.get(key), dict):
            doc[key] = _merge_docs(doc[key], value)
        else:
            doc[key] = _prune_nulls(copy.deepcopy(value))
    return doc


def _prune_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _prune_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_prune_nulls(v) for v in value]
    return value


# -- RFC 6902 JSON patch ------------------------------------------------------


def json_patch_decode_error(patch: Any) -> str | None:
    """Why the API server cannot decode ``patch`` as a list of operations
    (its strict ``[]jsonPatchOp`` decoding), or None."""
    if patch is None:
        return None
    if not isinstance(patch, list):
        return (
            f"json: cannot unmarshal {go_json_type(patch)} into Go value of type "
            "[]handlers.jsonPatchOp"
        )
    for op in patch:
        if op is not None and not isinstance(op, dict):
            return (
                f"json: cannot unmarshal {go_json_type(op)} into Go value of type "
                "handlers.jsonPatchOp"
            )
        for field in ("op", "path", "from"):
            value = (op or {}).get(field)
            if value is not None and not isinstance(value, str):
                return (
                    f"json: cannot unmarshal {go_json_type(value)} into Go struct "
                    f"field jsonPatchOp.{field} of type string"
                )
    return None


def json_patch(doc: Any, operations: list[Any]) -> Any:
    """Apply the operations in order to a copy of ``doc``."""
    result = copy.deepcopy(doc)
    for op in operations or []:
        result = _operation(result, op or {})
    return result


def _operation(doc: Any, op: Obj) -> Any:
    kind = str(op["op"]) if isinstance(op.get("op"), str) else "unknown"
    handler = _OPERATIONS.get(kind)
    if handler is None:
        raise PatchError(f"Unexpected kind: {kind}")
    if not isinstance(op.get("path"), str):
        raise PatchError("operation missing path field: missing value")
    return handler(doc, op)


def _pointer(path: str) -> list[str]:
    parts = path.split("/")[1:] if path else []
    return [p.replace("~1", "/").replace("~0", "~") for p in parts]


def _container(doc: Any, path: str) -> tuple[Any, str] | None:
    """The object or array holding the last key of ``path``, and that key."""
    parts = _pointer(path)
    if not parts:
        return None
    node = doc
    for part in parts[:-1]:
        node = _child(node, part)
        if node is None:
            return None
    if not isinstance(node, dict | list):
        return None
    return node, parts[-1]


def _child(node: Any, key: str) -> Any:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and key.isdigit() and int(key) < len(node):
        return node[int(key)]
    return None


def _index(key: str, size: int) -> int:
    if not key.lstrip("-").isdigit():
        raise PatchError(f"value was not a proper array index: '{key}'")
    index = int(key)
    if index < 0 or index > size:
        raise PatchError(
            f"Unable to access invalid index: {index}: invalid index referenced"
        )
    return index


def _value(op: Obj) -> Any:
    if "value" not in op:
        raise PatchError("operation, missing value field: missing value")
    return copy.deepcopy(op["value"])


def _add(doc: Any, op: Obj) -> Any:
    path = op["path"]
    value = _value(op)
    if not _pointer(path):
        return value
    found = _container(doc, path)
    if found is None:
        raise PatchError(
            f'add operation does not apply: doc is missing path: "{path}": '
            "missing value"
        )
    node, key = found
    try:
        if isinstance(node, dict):
            node[key] = value
        elif key == "-":
            node.append(value)
        else:
            node.insert(_index(key, len(node)), value)
    except PatchError as exc:
        raise PatchError(f"error in add for path: '{path}': {exc}") from None
    return doc


def _remove(doc: Any, op: Obj) -> Any:
    path = op["path"]
    found = _container(doc, path)
    if found is None:
        raise PatchError(
            f'remove operation does not apply: doc is missing path: "{path}": '
            "missing value"
        )
    node, key = found
    try:
        _delete(node, key)
    except PatchError as exc:
        raise PatchError(f"error in remove for path: '{path}': {exc}") from None
    return doc


def _delete(node: Any, key: str) -> Any:
    if isinstance(node, dict):
        if key not in node:
            raise PatchError(f"Unable to remove nonexistent key: {key}: missing value")
        return node.pop(key)
    index = _index(key, len(node) - 1)
    return node.pop(index)


def _replace(doc: Any, op: Obj) -> Any:
    path = op["path"]
    value = _value(op)
    if not _pointer(path):
        return value
    found = _container(doc, path)
    if found is None:
        raise PatchError(
            f"replace operation does not apply: doc is missing path: {path}: "
            "missing value"
        )
    node, key = found
    if _child(node, key) is None and not (isinstance(node, dict) and key in node):
        raise PatchError(
            f"replace operation does not apply: doc is missing key: {path}: "
            "missing value"
        )
    node[int(key) if isinstance(node, list) else key] = value
    return doc


def _move(doc: Any, op: Obj) -> Any:
    value = _take(doc, op, "move")
    return _add(doc, {"path": op["path"], "value": value})


def _copy(doc: Any, op: Obj) -> Any:
    found = _container(doc, _from(op, "copy"))
    if found is None or _child(*found) is None:
        raise PatchError(
            f"copy operation does not apply: doc is missing from path: "
            f"{op['from']}: missing value"
        )
    return _add(doc, {"path": op["path"], "value": _child(*found)})


def _from(op: Obj, name: str) -> str:
    if not isinstance(op.get("from"), str):
        raise PatchError(f"{name} operation failed to decode from: missing value")
    return str(op["from"])


def _take(doc: Any, op: Obj, name: str) -> Any:
    source = _from(op, name)
    found = _container(doc, source)
    if found is None:
        raise PatchError(
            f"{name} operation does not apply: doc is missing from path: "
            f"{source}: missing value"
        )
    try:
        return _delete(*found)
    except PatchError as exc:
        raise PatchError(f"error in {name} for path: '{source}': {exc}") from None


def _test(doc: Any, op: Obj) -> Any:
    path = op["path"]
    parts = _pointer(path)
    node = doc
    for part in parts:
        node = _child(node, part)
    if node != op.get("value"):
        raise PatchError(f"testing value {path} failed: test failed")
    return doc


_OPERATIONS = {
    "add": _add,
    "remove": _remove,
    "replace": _replace,
    "move": _move,
    "copy": _copy,
    "test": _test,
}


# -- strategic merge patch ----------------------------------------------------


def strategic_merge(doc: Obj, patch: Obj) -> Obj:
    """``StrategicMergeMapPatch`` for the built-in kinds."""
    _check_merge_keys(patch, ())
    return apply_patch(doc, patch)


def _check_merge_keys(patch: Any, path: Path) -> None:
    """``mergepatch.ErrNoMergeKey`` for a list item without its merge key."""
    if not isinstance(patch, dict):
        return
    for key, value in patch.items():
        if key.startswith(ORDER) or key == DIRECTIVE:
            continue
        if isinstance(value, dict):
            _check_merge_keys(value, (*path, key))
        elif isinstance(value, list):
            _check_items(value, (*path, key))


def _check_items(items: list[Any], path: Path) -> None:
    mkey = merge_key(path)
    for item in items:
        if not isinstance(item, dict):
            continue
        if mkey and mkey not in item and DIRECTIVE not in item:
            raise PatchError(
                f"map: {sprint(item)} does not contain declared merge key: {mkey}"
            )
        _check_merge_keys(item, path)
