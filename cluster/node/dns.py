"""Cluster DNS as a pod sees it (CoreDNS's ``kubernetes`` plugin): a
Service's name resolves to its ClusterIP, through the pod's search path
(``<ns>.svc.cluster.local svc.cluster.local cluster.local``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.api.errors import StatusError

DOMAIN = "cluster.local"
Lookup = Callable[[str, str], Any]  # (name, namespace) -> Service or raise


def resolver(get_service: Lookup) -> Callable[[str, str], str | None]:
    def resolve(name: str, namespace: str) -> str | None:
        for service, ns in candidates(name.rstrip("."), namespace):
            try:
                found = get_service(service, ns)
            except (StatusError, KeyError):
                continue
            address = (found.get("spec") or {}).get("clusterIP")
            if address and address != "None":
                return str(address)
        return None

    return resolve


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
