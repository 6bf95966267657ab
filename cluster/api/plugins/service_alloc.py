"""Service ClusterIP and NodePort allocation (``pkg/registry/core/service/storage``).

On create the registry gives a Service its ClusterIP (unless headless or
ExternalName) and a NodePort for each port of a NodePort or LoadBalancer
Service, and records the IP families. On update it keeps what was allocated
when the new object leaves it out (``patchAllocatedValues``), drops NodePorts
on a change to a type without them (``dropTypeDependentFields``) and
allocates what a new type needs. Taken values are read from the stored
Services, so deleting a Service frees its IP and ports. A dry run allocates
nothing: as the real allocators do, it answers with the range's first address
(``10.96.0.0``) and first port, and checks only that a requested value is in
range.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cluster.api import allocators, resources
from cluster.api.allocators import AllocationError
from cluster.api.errors import FieldError, invalid_object
from cluster.api.kinds.service import NODE_PORT_TYPES
from cluster.api.plugins import CREATE, UPDATE, Request

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
IP_STREAM = "service-cluster-ip"
PORT_STREAM = "service-node-port"


def admit(api: APIServer, request: Request) -> None:
    if request.rt is not resources.SERVICE or request.operation not in (
        CREATE,
        UPDATE,
    ):
        return
    spec = request.obj["spec"]
    if request.old is not None:
        old = request.old.get("spec", {})
        if old.get("clusterIP") and spec.get("clusterIP") not in (
            None,
            "",
            old["clusterIP"],
        ):
            return  # validation refuses the change: "may not change once set"
        _patch_allocated(spec, old)
    ips, ports = _taken(api, request)
    if request.dry_run:
        ips, ports = set(), set()
    try:
        _cluster_ip(api, spec, ips, request.dry_run)
        _node_ports(api, spec, ports, request.dry_run)
    except _Refused as refused:
        raise invalid_object("Service", request.name, [refused.error]) from None


class _Refused(Exception):
    def __init__(self, error: FieldError) -> None:
        self.error = error


def _cluster_ip(api: APIServer, spec: Obj, taken: set[str], dry_run: bool) -> None:
    if spec.get("type") == "ExternalName":
        return
    wanted = spec.get("clusterIP") or ""
    if wanted and wanted != "None":
        try:
            allocators.reserve_ip(wanted, taken)
        except AllocationError as exc:
            detail = f"failed to allocate IP {wanted}: {exc}"
            raise _Refused(
                FieldError("spec.clusterIPs", "Invalid value", [wanted], detail)
            ) from None
    elif not wanted and dry_run:
        wanted = str(allocators.SERVICE_CIDR.network_address)
    elif not wanted:
        wanted = allocators.allocate_ip(taken, api.clock.rng(IP_STREAM))
    spec["clusterIP"] = wanted
    spec["clusterIPs"] = [wanted]
    spec.setdefault("ipFamilies", ["IPv4"])
    spec.setdefault("ipFamilyPolicy", "SingleStack")


def _node_ports(api: APIServer, spec: Obj, taken: set[int], dry_run: bool) -> None:
    if spec.get("type") not in NODE_PORT_TYPES:
        return
    for i, port in enumerate(spec.get("ports") or []):
        wanted = port.get("nodePort")
        if wanted:
            try:
                allocators.reserve_port(wanted, taken)
            except AllocationError as exc:
                path = f"spec.ports[{i}].nodePort"
                raise _Refused(
                    FieldError(path, "Invalid value", wanted, str(exc))
                ) from None
        elif dry_run:
            wanted = allocators.NODE_PORT_RANGE[0]
        else:
            wanted = allocators.allocate_port(taken, api.clock.rng(PORT_STREAM))
        port["nodePort"] = wanted
        taken.add(wanted)


def _patch_allocated(spec: Obj, old: Obj) -> None:
    if not spec.get("clusterIP") and old.get("clusterIP"):
        spec["clusterIP"] = old["clusterIP"]
        spec["clusterIPs"] = list(old.get("clusterIPs") or [old["clusterIP"]])
    for key in ("ipFamilies", "ipFamilyPolicy"):
        if key in old:
            spec.setdefault(key, old[key])
    if spec.get("type") in NODE_PORT_TYPES and old.get("type") in NODE_PORT_TYPES:
        _keep_node_ports(spec.get("ports") or [], old.get("ports") or [])
    elif spec.get("type") not in NODE_PORT_TYPES and old.get("type") in NODE_PORT_TYPES:
        _drop_node_ports(spec.get("ports") or [], old.get("ports") or [])


def _keep_node_ports(ports: list[Obj], old_ports: list[Obj]) -> None:
    for port in ports:
        if port.get("nodePort"):
            continue
        for previous in old_ports:
            if (previous.get("port"), previous.get("protocol")) == (
                port.get("port"),
                port.get("protocol"),
            ):
                port["nodePort"] = previous.get("nodePort")


def _drop_node_ports(ports: list[Obj], old_ports: list[Obj]) -> None:
    """Leaving NodePort: ports the user did not change lose their NodePort."""
    previous = {p.get("nodePort") for p in old_ports}
    for port in ports:
        if port.get("nodePort") in previous:
            port.pop("nodePort", None)


def _taken(api: APIServer, request: Request) -> tuple[set[str], set[int]]:
    own = resources.SERVICE.key(request.name, request.namespace)
    ips: set[str] = set()
    ports: set[int] = set()
    for kv in api.store.range(resources.SERVICE.prefix()):
        if kv.key == own:
            continue
        spec = kv.value.get("spec", {})
        ips.update(ip for ip in spec.get("clusterIPs") or [] if ip != "None")
        ports.update(
            p["nodePort"] for p in spec.get("ports") or [] if p.get("nodePort")
        )
    return ips, ports
