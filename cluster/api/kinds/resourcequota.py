"""ResourceQuotas (core/v1): ``spec.hard`` amounts; status is the controller's."""

from __future__ import annotations

from typing import Any

from cluster.api import names
from cluster.api.errors import FieldError, invalid
from cluster.api.quantity import QuantityError, canonical_text, parse_quantity
from cluster.api.strategy import Strategy
from cluster.api.validation import validate_metadata

Obj = dict[str, Any]


def default(rq: Obj) -> None:
    hard = rq.setdefault("spec", {}).get("hard") or {}
    for name, value in hard.items():
        try:
            hard[name] = canonical_text(value)
        except QuantityError:
            continue  # validation reports it


def validate(rq: Obj) -> list[FieldError]:
    errors = validate_metadata(rq, names.dns1123_subdomain, namespaced=True)
    for name, value in (rq.get("spec", {}).get("hard") or {}).items():
        errors += _amount(f"spec.hard[{name}]", value)
    return errors


def prepare_for_create(rq: Obj) -> None:
    rq["status"] = {}


def _amount(path: str, value: Any) -> list[FieldError]:
    try:
        amount = parse_quantity(value)
    except QuantityError as exc:
        return [invalid(path, value, str(exc))]
    if amount.value < 0:
        return [invalid(path, str(value), "must be greater than or equal to 0")]
    return []


STRATEGY = Strategy(
    default=default, validate=validate, prepare_for_create=prepare_for_create
)
