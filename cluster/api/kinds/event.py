"""Events (core/v1)."""

from __future__ import annotations

from typing import Any

from cluster.api import names
from cluster.api.errors import FieldError
from cluster.api.strategy import Strategy
from cluster.api.validation import validate_metadata

Obj = dict[str, Any]


def validate(event: Obj) -> list[FieldError]:
    return validate_metadata(event, names.dns1123_subdomain, namespaced=True)


STRATEGY = Strategy(validate=validate)
