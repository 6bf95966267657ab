"""JSON as Go's ``encoding/json`` writes kubectl's objects.

kubectl handles objects as unstructured maps, so keys come out sorted; like Go
it escapes ``<``, ``>``, ``&``, U+2028 and U+2029, and prints whole floats as
integers (a JSON number ``1.0`` decodes to the float64 1 and encodes as ``1``).
"""

from __future__ import annotations

import json
import math
from typing import Any

_GO_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def marshal_indent(obj: Any, sort_keys: bool = True) -> str:
    """``json.MarshalIndent(obj, "", "    ")``, without the trailing newline;
    ``sort_keys=False`` keeps the dicts' order (a typed object's field order)."""
    return _escape(
        json.dumps(go_numbers(obj), indent=4, sort_keys=sort_keys, ensure_ascii=False)
    )


def marshal(obj: Any, sort_keys: bool = True) -> str:
    """``json.Marshal(obj)``: compact, keys sorted (or in the dicts' order)."""
    return _escape(
        json.dumps(
            go_numbers(obj),
            separators=(",", ":"),
            sort_keys=sort_keys,
            ensure_ascii=False,
        )
    )


def go_numbers(obj: Any) -> Any:
    """Whole floats as ints, recursively, as a Go JSON round trip leaves them."""
    if isinstance(obj, dict):
        return {key: go_numbers(value) for key, value in obj.items()}
    if isinstance(obj, list):
        return [go_numbers(value) for value in obj]
    if isinstance(obj, float) and math.isfinite(obj) and obj.is_integer():
        return int(obj)
    return obj


def _escape(text: str) -> str:
    # These characters only ever occur inside JSON strings, so a plain
    # replacement cannot touch the JSON structure.
    for char, escaped in _GO_ESCAPES.items():
        text = text.replace(char, escaped)
    return text
