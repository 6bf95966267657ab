"""PodDisruptionBudgets (policy/v1); status belongs to the disruption controller."""

from __future__ import annotations

from typing import Any

from cluster.api import names
from cluster.api.errors import FieldError, invalid
from cluster.api.strategy import Strategy
from cluster.api.validation import validate_metadata

Obj = dict[str, Any]
_PERCENT = (
    "a valid percent string must be a numeric string followed by an ending '%' "
    "(e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"
)


def validate(pdb: Obj) -> list[FieldError]:
    errors = validate_metadata(pdb, names.dns1123_subdomain, namespaced=True)
    spec = pdb.get("spec", {})
    if "minAvailable" in spec and "maxUnavailable" in spec:
        errors.append(
            invalid("spec", spec, "minAvailable and maxUnavailable cannot be both set")
        )
    for key in ("minAvailable", "maxUnavailable"):
        errors += _int_or_percent(f"spec.{key}", spec.get(key))
    return errors


def prepare_for_create(pdb: Obj) -> None:
    pdb["metadata"]["generation"] = 1
    pdb["status"] = {
        "currentHealthy": 0,
        "desiredHealthy": 0,
        "disruptionsAllowed": 0,
        "expectedPods": 0,
    }


def _int_or_percent(path: str, value: Any) -> list[FieldError]:
    if value is None:
        return []
    if isinstance(value, int) and value < 0:
        return [invalid(path, value, "must be greater than or equal to 0")]
    if isinstance(value, str) and not _percent(value):
        return [invalid(path, value, _PERCENT)]
    return []


def _percent(value: str) -> bool:
    return value.endswith("%") and value[:-1].isdigit()


STRATEGY = Strategy(
    validate=validate, prepare_for_create=prepare_for_create, tracks_generation=True
)
