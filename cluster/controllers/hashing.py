"""``controller.ComputeHash`` and ``rand.SafeEncodeString``.

The real hash is FNV-32a over ``spew``'s ``%#v`` dump of the Go
``PodTemplateSpec`` (plus the collision count, little-endian, when set); the
number's decimal digits are then mapped onto apimachinery's consonant-and-digit
alphabet. We hash a canonical JSON rendering instead of the Go dump, so the
values have the real shape and stability (same template, same hash) but are
not the ones a real cluster computes for the same template.
"""

from __future__ import annotations

import json
import struct
from typing import Any

ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789"
_FNV_OFFSET = 0x811C9DC5
_FNV_PRIME = 0x01000193


def fnv32a(data: bytes) -> int:
    value = _FNV_OFFSET
    for byte in data:
        value = ((value ^ byte) * _FNV_PRIME) & 0xFFFFFFFF
    return value


def safe_encode(text: str) -> str:
    """``SafeEncodeString``: each character to ``alphanums[ord(c) % 27]``."""
    return "".join(ALPHANUMS[ord(c) % len(ALPHANUMS)] for c in text)


def compute_hash(template: dict[str, Any], collision_count: int | None = None) -> str:
    data = json.dumps(template, sort_keys=True, separators=(",", ":")).encode()
    if collision_count is not None:
        data += struct.pack("<I", collision_count & 0xFFFFFFFF) + bytes(4)
    return safe_encode(str(fnv32a(data)))
