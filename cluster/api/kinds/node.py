"""Nodes (core/v1): name and taint rules."""

from __future__ import annotations

from typing import Any

from cluster.api import names
from cluster.api.errors import FieldError, unsupported
from cluster.api.strategy import Strategy
from cluster.api.validation import validate_metadata

Obj = dict[str, Any]
TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"]


def validate(node: Obj) -> list[FieldError]:
    errors = validate_metadata(node, names.dns1123_subdomain, namespaced=False)
    for i, taint in enumerate(node.get("spec", {}).get("taints") or []):
        effect = taint.get("effect")
        if effect not in TAINT_EFFECTS:
            errors.append(
                unsupported(f"spec.taints[{i}].effect", effect, TAINT_EFFECTS)
            )
    return errors


STRATEGY = Strategy(validate=validate)
