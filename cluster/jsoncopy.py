"""Copying API objects: they are JSON data (dicts, lists, strings, numbers,
booleans, None), so a copy need only rebuild the dicts and lists. Strings are
shared, as copy.deepcopy shares them; this is several times faster than
deepcopy, which must handle any Python object."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def json_copy(value: T) -> T:
    kind = type(value)
    if kind is dict:
        return {k: json_copy(v) for k, v in value.items()}  # type: ignore[attr-defined, return-value]
    if kind is list:
        return [json_copy(v) for v in value]  # type: ignore[attr-defined, return-value]
    return value
