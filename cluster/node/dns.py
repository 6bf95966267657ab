"""Cluster DNS as a pod sees it (CoreDNS's ``kubernetes`` plugin): a
Service's name resolves to its ClusterIP, through the pod's search path
(``<ns>.svc.cluster.local svc.cluster.local cluster.local``); a headless
Service's name to the addresses of its ready endpoints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.api.errors import StatusError

DOMAIN = "cluster.local"
SERVICE_NAME = "kubernetes.io/service-name"
Lookup = Callable[[str, str], Any]  # (name, namespace) -> Service or raise
Slices = Callable[[str, str], list[Any]]  # (namespace, service) -> EndpointSlices


def resolver(
    get_service: Lookup, list_slices: Slices | None = None
) -> Callable[[str, str], str | None]:
    """The first address a lookup answers with, or None (NXDOMAIN)."""

    def resolve(name: str, namespace: str) -> str | None:
        found = addresses(name, namespace, get_service, list_slices)
        return found[0] if found else None

    return resolve


def addresses(
    name: str, namespace: str, get_service: Lookup, list_slices: Slices | None = None
) -> list[str]:
    """Every A record for ``name`` as seen from a pod in ``namespace``."""
    for service, ns in candidates(name.rstrip("."), namespace):
        try:
            found = get_service(service, ns)
        except (StatusError, KeyError):
            continue
        address = (found.get("spec") or {}).get("clusterIP")
        if address and address != "None":
            return [str(address)]
        if address == "None" and list_slices is not None:
            return _ready_ips(list_slices(ns, service))
        return []
    return []


def _ready_ips(slices: list[Any]) -> list[str]:
    ips: set[str] = set()
    for eps in slices:
        for endpoint in eps.get("endpoints") or []:
            if (endpoint.get("conditions") or {}).get("ready") is not False:
                ips.update(endpoint.get("addresses") or [])
    return sorted(ips)


def slice_lister(api: Any) -> Slices:
    """EndpointSlices of one Service, through the API (as CoreDNS watches them)."""

    def list_slices(namespace: str, service: str) -> list[Any]:
        selector = f"{SERVICE_NAME}={service}"
        return list(api.list("endpointslices", namespace, label_selector=selector))

    return list_slices


def candidates(name: str, namespace: str) -> list[tuple[str, str]]:
    """(service, namespace) pairs the name can mean, search path first."""
    parts = name.split(".")
    if name.endswith(f".svc.{DOMAIN}") and len(parts) == 5:
        return [(parts[0], parts[1])]
    if len(parts) == 1:
        return [(parts[0], namespace)]
    if len(parts) == 2:
        return [(parts[0], parts[1])]
    if len(parts) == 3 and parts[2] == "svc":
        return [(parts[0], parts[1])]
    return []
