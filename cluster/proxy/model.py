"""What kube-proxy makes of Services and EndpointSlices: one ``ServicePort``
per Service port (``svcPortName`` = ``ns/name[:portName]``) and its
``Endpoint``s, split by traffic policy as ``pkg/proxy/topology.go`` does."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cluster.proxy import names

Obj = dict[str, Any]
SERVICE_NAME = "kubernetes.io/service-name"


@dataclass(frozen=True)
class Endpoint:
    ip: str
    port: int
    node: str | None
    pod: str | None
    ready: bool
    serving: bool
    terminating: bool
    local: bool

    @property
    def address(self) -> str:
        return f"{self.ip}:{self.port}"


@dataclass
class ServicePort:
    namespace: str
    name: str
    port_name: str
    protocol: str  # lowercased, as in chain hashes and rules
    cluster_ip: str
    port: int
    node_port: int = 0
    external_ips: list[str] = field(default_factory=list)
    external_local: bool = False
    internal_local: bool = False
    affinity_seconds: int | None = None
    endpoints: list[Endpoint] = field(default_factory=list)

    @property
    def service(self) -> str:
        return f"{self.namespace}/{self.name}"

    @property
    def svc_port_name(self) -> str:
        return self.service + (f":{self.port_name}" if self.port_name else "")

    def chain(self, prefix: str) -> str:
        return names.service_chain(prefix, self.svc_port_name, self.protocol)

    def sep(self, endpoint: Endpoint) -> str:
        return names.endpoint_chain(self.svc_port_name, self.protocol, endpoint.address)

    @property
    def externally_accessible(self) -> bool:
        return bool(self.node_port or self.external_ips)

    @property
    def external_policy_local(self) -> bool:
        return self.externally_accessible and self.external_local

    def uses_cluster_endpoints(self) -> bool:
        external_cluster = self.externally_accessible and not self.external_local
        return not self.internal_local or external_cluster

    def uses_local_endpoints(self) -> bool:
        return self.internal_local or self.external_policy_local


@dataclass
class Categorized:
    cluster: list[Endpoint]
    local: list[Endpoint]
    has_any: bool

    @property
    def reachable(self) -> list[Endpoint]:
        seen = {e.address: e for e in self.cluster + self.local}
        return sorted(seen.values(), key=lambda e: e.address)


def categorize(sp: ServicePort) -> Categorized:
    """CategorizeEndpoints: ready endpoints, else serving-and-terminating."""
    cluster: list[Endpoint] = []
    if sp.uses_cluster_endpoints():
        cluster = _usable(sp.endpoints)
    has_any = bool(cluster)
    if not sp.uses_local_endpoints():
        return Categorized(cluster, [], has_any)
    has_any = has_any or bool(_usable(sp.endpoints))
    local = _usable([e for e in sp.endpoints if e.local])
    return Categorized(cluster, local, has_any)


def _usable(endpoints: list[Endpoint]) -> list[Endpoint]:
    ready = [e for e in endpoints if e.ready]
    return ready or [e for e in endpoints if e.serving and e.terminating]


# -- from API objects ---------------------------------------------------------------


def service_ports(
    services: Iterable[Obj], slices: Iterable[Obj], node: str
) -> list[ServicePort]:
    """Every proxied Service port, sorted by svcPortName; headless and
    ExternalName Services are skipped (ShouldSkipService)."""
    by_service: dict[tuple[str, str], list[Obj]] = {}
    for eps in slices:
        meta = eps["metadata"]
        owner = (meta.get("labels") or {}).get(SERVICE_NAME)
        if owner and eps.get("addressType") == "IPv4":
            by_service.setdefault((meta.get("namespace", ""), owner), []).append(eps)
    found: list[ServicePort] = []
    for svc in services:
        if _skipped(svc):
            continue
        key = (svc["metadata"].get("namespace", ""), svc["metadata"]["name"])
        for port in svc["spec"].get("ports") or []:
            sp = _service_port(svc, port)
            sp.endpoints = _endpoints(by_service.get(key, []), sp, node)
            found.append(sp)
    return sorted(found, key=lambda sp: (sp.svc_port_name, sp.protocol))


def _skipped(svc: Obj) -> bool:
    spec = svc.get("spec") or {}
    ip = spec.get("clusterIP")
    return not ip or ip == "None" or spec.get("type") == "ExternalName"


def _service_port(svc: Obj, port: Obj) -> ServicePort:
    spec = svc["spec"]
    affinity = None
    if spec.get("sessionAffinity") == "ClientIP":
        config = (spec.get("sessionAffinityConfig") or {}).get("clientIP") or {}
        affinity = int(config.get("timeoutSeconds", 10800))
    return ServicePort(
        namespace=svc["metadata"].get("namespace", ""),
        name=svc["metadata"]["name"],
        port_name=port.get("name") or "",
        protocol=(port.get("protocol") or "TCP").lower(),
        cluster_ip=spec["clusterIP"],
        port=int(port["port"]),
        node_port=int(port.get("nodePort") or 0),
        external_ips=list(spec.get("externalIPs") or []),
        external_local=spec.get("externalTrafficPolicy") == "Local",
        internal_local=spec.get("internalTrafficPolicy") == "Local",
        affinity_seconds=affinity,
    )


def _endpoints(slices: list[Obj], sp: ServicePort, node: str) -> list[Endpoint]:
    found: dict[str, Endpoint] = {}
    for eps in slices:
        number = _slice_port(eps, sp)
        if number is None:
            continue
        for entry in eps.get("endpoints") or []:
            for ep in _from_entry(entry, number, node):
                found.setdefault(ep.address, ep)
    return sorted(found.values(), key=lambda e: e.address)


def _slice_port(eps: Obj, sp: ServicePort) -> int | None:
    for port in eps.get("ports") or []:
        same_proto = (port.get("protocol") or "TCP").lower() == sp.protocol
        if (port.get("name") or "") == sp.port_name and same_proto:
            return int(port["port"]) if port.get("port") is not None else None
    return None


def _from_entry(entry: Obj, port: int, node: str) -> list[Endpoint]:
    cond = entry.get("conditions") or {}
    ready = cond.get("ready") is not False
    serving = cond.get("serving", ready) is not False
    terminating = cond.get("terminating") is True
    where = entry.get("nodeName")
    pod = (entry.get("targetRef") or {}).get("name")
    return [
        Endpoint(ip, port, where, pod, ready, serving, terminating, where == node)
        for ip in (entry.get("addresses") or [])[:1]
    ]
