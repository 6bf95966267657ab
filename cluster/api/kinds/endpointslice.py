"""EndpointSlices (discovery.k8s.io/v1) and the legacy v1 Endpoints."""

from __future__ import annotations

from typing import Any

from cluster.api import names
from cluster.api.errors import FieldError, unsupported
from cluster.api.strategy import Strategy
from cluster.api.validation import validate_metadata

Obj = dict[str, Any]
ADDRESS_TYPES = ["FQDN", "IPv4", "IPv6"]
MAX_ENDPOINTS = 1000  # the API's limit; the controller stops at 100 per slice


def validate_slice(eps: Obj) -> list[FieldError]:
    errors = validate_metadata(eps, names.dns1123_subdomain, namespaced=True)
    if eps.get("addressType") not in ADDRESS_TYPES:
        errors.append(unsupported("addressType", eps.get("addressType"), ADDRESS_TYPES))
    if len(eps.get("endpoints") or []) > MAX_ENDPOINTS:
        errors.append(
            FieldError(
                "endpoints",
                "Too many",
                detail=f"must have at most {MAX_ENDPOINTS} items",
            )
        )
    return errors


def validate_endpoints(ep: Obj) -> list[FieldError]:
    return validate_metadata(ep, names.dns1123_subdomain, namespaced=True)


def prepare_slice(eps: Obj) -> None:
    eps["metadata"]["generation"] = 1


SLICE_STRATEGY = Strategy(validate=validate_slice, prepare_for_create=prepare_slice)
ENDPOINTS_STRATEGY = Strategy(validate=validate_endpoints)
