"""Go's ``fmt`` verbs for JSON-like values, as kubectl prints them.

``sprint`` is ``fmt.Sprint`` (``map[a:b]``, ``[x y]``, ``<nil>``), which
custom columns and the JSONPath printer use for scalars; ``go_syntax`` is
``%#v`` (``map[string]interface {}{"a":"b"}``), which JSONPath execution
errors use to show the object they were given.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from cluster.kubectl.errors import go_quote


def sprint(value: Any) -> str:
    """``fmt.Sprint(value)`` of an unstructured value."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, dict):
        pairs = (f"{key}:{sprint(value[key])}" for key in sorted(value))
        return "map[" + " ".join(pairs) + "]"
    if isinstance(value, list):
        return "[" + " ".join(sprint(item) for item in value) + "]"
    return str(value)


def format_float(value: float) -> str:
    """``%v`` of a float64 (strconv ``%g``, shortest): ``1e+06``, ``0.5``."""
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if math.isnan(value):
        return "NaN"
    exp = int(f"{value:e}".partition("e")[2])
    if value != 0 and (exp < -4 or exp >= 6):
        digits = _shortest_mantissa(value)
        return f"{digits}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
    text = format(Decimal(repr(value)), "f")
    return text[:-2] if text.endswith(".0") else text


def _shortest_mantissa(value: float) -> str:
    text = f"{value:.17e}"
    for precision in range(17):
        candidate = f"{value:.{precision}e}"
        if float(candidate) == value:
            text = candidate
            break
    return text.partition("e")[0]


def go_syntax(value: Any) -> str:
    """``fmt.Sprintf("%#v", value)`` inside an ``interface{}``."""
    if value is None:
        return "interface {}(nil)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, dict):
        pairs = (f"{go_quote(k)}:{go_syntax(value[k])}" for k in sorted(value))
        return "map[string]interface {}{" + ", ".join(pairs) + "}"
    if isinstance(value, list):
        items = ", ".join(go_syntax(item) for item in value)
        return "[]interface {}{" + items + "}"
    return str(value)
