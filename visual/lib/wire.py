"""What may cross the channel layer: plain JSON data and nothing else.

The in-memory layer passes any Python object, Redis only what msgpack can
carry, and the browser only JSON. ``plain`` turns a value into the common
subset (tuples become lists) and rejects the rest, so a mistake shows up in
every setup the same way.
"""

from __future__ import annotations

import math
from typing import Any

Plain = None | bool | int | float | str | list["Plain"] | dict[str, "Plain"]


class NotPlain(TypeError):
    """A value that cannot cross the channel layer unchanged."""


def plain(value: Any, where: str = "message") -> Any:
    """A copy of ``value`` made only of dict/list/str/number/bool/None."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return _finite(value, where)
    if isinstance(value, list | tuple):
        return [plain(item, f"{where}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, dict):
        return {_key(k, where): plain(v, f"{where}.{k}") for k, v in value.items()}
    raise NotPlain(f"{where} is a {type(value).__name__}, not plain JSON data")


def _finite(value: float, where: str) -> float:
    # JSON has no NaN or Infinity; browsers reject them in JSON.parse.
    if not math.isfinite(value):
        raise NotPlain(f"{where} is {value}, not a finite number")
    return value


def _key(key: Any, where: str) -> str:
    if not isinstance(key, str):
        raise NotPlain(f"{where} has a {type(key).__name__} key {key!r}")
    return key
