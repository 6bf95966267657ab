"""Leases (coordination.k8s.io/v1): node heartbeats and leader election."""

from __future__ import annotations

from typing import Any

from cluster.api import names
from cluster.api.errors import FieldError
from cluster.api.strategy import Strategy
from cluster.api.validation import validate_metadata

Obj = dict[str, Any]


def validate(lease: Obj) -> list[FieldError]:
    return validate_metadata(lease, names.dns1123_subdomain, namespaced=True)


STRATEGY = Strategy(validate=validate)
