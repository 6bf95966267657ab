"""The three-way strategic merge patch of client-side ``kubectl apply``.

``three_way(original, modified, current)`` is apimachinery's
``CreateThreeWayMergePatch``: fields in the last applied configuration that the
new manifest dropped are deleted (``null``), and fields whose new value
differs from the live object are set; everything else that lives only on the
server (defaults, status, fields other tools set) is left alone. Lists whose
Kubernetes type declares a merge key (containers by ``name``, container ports
by ``containerPort``...) are merged item by item; other lists are replaced.
An empty patch is what makes kubectl say ``unchanged``.

``apply_patch`` also serves ``kubectl patch``: it honours the directives people
write by hand, ``$patch: delete`` and ``$patch: replace`` on a map and a
``{$patch: replace}`` item that replaces a whole list.
"""

from __future__ import annotations

import copy
from typing import Any

Obj = dict[str, Any]
Path = tuple[str, ...]

# patchMergeKey of list fields (k8s.io/api types), by field name; the port
# lists are told apart by their parent field.
_MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "ephemeralContainers": "name",
    "env": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "volumeDevices": "devicePath",
    "imagePullSecrets": "name",
    "hostAliases": "ip",
    "ownerReferences": "uid",
    "conditions": "type",
    "resourceClaims": "name",
}
DIRECTIVE = "$patch"
# A list item that makes a strategic merge patch replace the whole list.
_REPLACE_LIST = {DIRECTIVE: "replace"}
ORDER = "$setElementOrder/"


def merge_key(path: Path) -> str | None:
    """The merge key of the list at ``path``, or None for a replaced list."""
    if not path:
        return None
    if path[-1] == "ports":
        return (
            "containerPort"
            if len(path) > 1
            and path[-2] in ("containers", "initContainers", "ephemeralContainers")
            else "port"
        )
    return _MERGE_KEYS.get(path[-1])


def three_way(original: Obj | None, modified: Obj, current: Obj) -> Obj:
    patch = _delta(current, modified, ())
    deletions = _deletions(original or {}, modified, ())
    return _combine(patch, deletions, ())


def apply_patch(current: Obj, patch: Obj) -> Obj:
    """The object the server stores after applying ``patch`` to ``current``."""
    return _apply_map(copy.deepcopy(current), patch, ())


# -- computing the patch -------------------------------------------------------


def _delta(current: Obj, modified: Obj, path: Path) -> Obj:
    """Changes that turn ``current`` into ``modified``, ignoring deletions."""
    patch: Obj = {}
    for key, new in modified.items():
        old = current.get(key, _MISSING)
        if isinstance(new, dict) and isinstance(old, dict):
            sub = _delta(old, new, (*path, key))
            if sub:
                patch[key] = sub
        elif (
            isinstance(new, list) and isinstance(old, list) and merge_key((*path, key))
        ):
            _list_delta(patch, key, old, new, (*path, key))
        elif old is _MISSING or old != new:
            patch[key] = copy.deepcopy(new)
    return patch


def _list_delta(
    patch: Obj, key: str, old: list[Any], new: list[Any], path: Path
) -> None:
    mkey = merge_key(path) or ""
    by_key = {_key_of(item, mkey): item for item in old}
    items = []
    for item in new:
        current = by_key.get(_key_of(item, mkey))
        if not isinstance(item, dict) or not isinstance(current, dict):
            items.append(copy.deepcopy(item))
            continue
        sub = _delta(current, item, path)
        if sub:
            items.append({mkey: item.get(mkey), **sub})
    if items:
        patch[key] = items
        patch[ORDER + key] = [{mkey: _key_of(i, mkey)} for i in new]


def _deletions(original: Obj, modified: Obj, path: Path) -> Obj:
    """Fields the last applied configuration had and the new manifest lacks."""
    patch: Obj = {}
    for key, old in original.items():
        if key not in modified:
            patch[key] = None
        elif isinstance(old, dict) and isinstance(modified[key], dict):
            sub = _deletions(old, modified[key], (*path, key))
            if sub:
                patch[key] = sub
        elif (
            isinstance(old, list)
            and isinstance(modified[key], list)
            and merge_key((*path, key))
        ):
            removed = _removed_items(old, modified[key], (*path, key))
            if removed:
                patch[key] = removed
    return patch


def _removed_items(old: list[Any], new: list[Any], path: Path) -> list[Obj]:
    """``$patch: delete`` for items gone by merge key; nested deletions for
    items kept."""
    mkey = merge_key(path) or ""
    kept = {_key_of(item, mkey): item for item in new}
    changes: list[Obj] = []
    for item in old:
        key = _key_of(item, mkey)
        if key not in kept:
            changes.append({mkey: key, DIRECTIVE: "delete"})
        elif isinstance(item, dict) and isinstance(kept[key], dict):
            sub = _deletions(item, kept[key], path)
            if sub:
                changes.append({mkey: key, **sub})
    return changes


def _combine(patch: Obj, deletions: Obj, path: Path) -> Obj:
    for key, value in deletions.items():
        if key not in patch:
            patch[key] = value
        elif isinstance(value, dict) and isinstance(patch[key], dict):
            patch[key] = _combine(patch[key], value, (*path, key))
        elif isinstance(value, list) and isinstance(patch[key], list):
            patch[key] = _combine_items(patch[key], value, (*path, key))
    return patch


def _combine_items(changes: list[Any], deletions: list[Any], path: Path) -> list[Any]:
    """One patch entry per merge key, as the strategic merge patch has."""
    mkey = merge_key(path) or ""
    combined = list(changes)
    for deletion in deletions:
        key = _key_of(deletion, mkey)
        index = next(
            (i for i, c in enumerate(combined) if _key_of(c, mkey) == key), None
        )
        if index is None or not isinstance(combined[index], dict):
            combined.append(deletion)
        else:
            combined[index] = _combine(combined[index], deletion, path)
    return combined


def _key_of(item: Any, mkey: str) -> Any:
    return item.get(mkey) if isinstance(item, dict) else item


# -- applying the patch --------------------------------------------------------


def _apply_map(target: Obj, patch: Obj, path: Path) -> Obj:
    for key, value in patch.items():
        if key.startswith(ORDER):
            continue
        directive = value.get(DIRECTIVE) if isinstance(value, dict) else None
        if value is None or directive == "delete":
            target.pop(key, None)
        elif directive == "replace":
            target[key] = _strip_directives(copy.deepcopy(value))
        elif isinstance(value, list) and _REPLACE_LIST in value:
            target[key] = _strip_directives([v for v in value if v != _REPLACE_LIST])
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            target[key] = _apply_map(target[key], value, (*path, key))
        elif (
            isinstance(value, list)
            and isinstance(target.get(key), list)
            and merge_key((*path, key))
        ):
            target[key] = _apply_list(
                target[key], value, (*path, key), patch.get(ORDER + key)
            )
        else:
            target[key] = _strip_directives(copy.deepcopy(value))
    return target


def _apply_list(
    target: list[Any], patch: list[Any], path: Path, order: list[Any] | None
) -> list[Any]:
    mkey = merge_key(path) or ""
    items = list(target)
    for change in patch:
        key = _key_of(change, mkey)
        index = next(
            (i for i, item in enumerate(items) if _key_of(item, mkey) == key), None
        )
        if isinstance(change, dict) and change.get(DIRECTIVE) == "delete":
            if index is not None:
                items.pop(index)
        elif index is not None and isinstance(items[index], dict):
            items[index] = _apply_map(items[index], change, path)
        else:
            items.append(_strip_directives(copy.deepcopy(change)))
    return _ordered(items, order, mkey)


def _ordered(items: list[Any], order: list[Any] | None, mkey: str) -> list[Any]:
    """Items named in ``$setElementOrder`` first, in that order."""
    if not order:
        return items
    wanted = [_key_of(o, mkey) for o in order]
    first = sorted(
        (i for i in items if _key_of(i, mkey) in wanted),
        key=lambda i: wanted.index(_key_of(i, mkey)),
    )
    return first + [i for i in items if _key_of(i, mkey) not in wanted]


def _strip_directives(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _strip_directives(v)
            for k, v in value.items()
            if k != DIRECTIVE and not k.startswith(ORDER) and v is not None
        }
    if isinstance(value, list):
        return [_strip_directives(v) for v in value]
    return value


class _Missing:
    pass


_MISSING = _Missing()
