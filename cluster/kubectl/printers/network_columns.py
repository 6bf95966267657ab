"""``kubectl get`` columns for Services, Endpoints and EndpointSlices
(``printService``, ``printEndpoints``, ``printEndpointSlice`` in printers.go)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cluster.kubectl.printers.columns import AGE, NAME, Column

Obj = dict[str, Any]
MORE_LIMIT = 3  # printers.go shows three entries, then "+ N more..."


def service_external_ip(svc: Obj, now: datetime) -> str:
    spec = svc.get("spec", {})
    external = spec.get("externalIPs") or []
    kind = spec.get("type")
    if kind in ("ClusterIP", "NodePort"):
        return ",".join(external) or "<none>"
    if kind == "LoadBalancer":
        ingress = (svc.get("status", {}).get("loadBalancer") or {}).get("ingress") or []
        found = sorted({i.get("ip") or i.get("hostname") for i in ingress} - {None})
        return ",".join([*found, *external]) or "<pending>"
    if kind == "ExternalName":
        return str(spec.get("externalName", ""))
    return "<unknown>"


def service_ports(svc: Obj, now: datetime) -> str:
    """``80/TCP``, or ``80:30080/TCP`` with a NodePort; ``<none>`` if none."""
    pieces = []
    for port in svc.get("spec", {}).get("ports") or []:
        node_port = f":{port['nodePort']}" if port.get("nodePort") else ""
        pieces.append(f"{port.get('port')}{node_port}/{port.get('protocol', 'TCP')}")
    return ",".join(pieces) or "<none>"


def _cluster_ip(svc: Obj, now: datetime) -> str:
    ips = svc.get("spec", {}).get("clusterIPs") or []
    return ips[0] if ips else "<none>"


def _selector(svc: Obj, now: datetime) -> str:
    selector = svc.get("spec", {}).get("selector") or {}
    return ",".join(f"{k}={selector[k]}" for k in sorted(selector)) or "<none>"


SERVICE_COLUMNS: tuple[Column, ...] = (
    NAME,
    Column("TYPE", lambda s, now: str(s.get("spec", {}).get("type", ""))),
    Column("CLUSTER-IP", _cluster_ip),
    Column("EXTERNAL-IP", service_external_ip),
    Column("PORT(S)", service_ports),
    AGE,
    Column("SELECTOR", _selector, wide=True),
)


def format_endpoints(ep: Obj, now: datetime) -> str:
    """``formatEndpoints``: ``ip:port`` of ready addresses, at most three."""
    subsets = ep.get("subsets") or []
    if not subsets:
        return "<none>"
    shown: list[str] = []
    count = 0
    for subset in subsets:
        addresses = [a.get("ip", "") for a in subset.get("addresses") or []]
        for port in subset.get("ports") or [None]:
            count += len(addresses)
            suffix = f":{port.get('port')}" if port else ""
            shown += [ip + suffix for ip in addresses]
    return _with_more(shown, count, empty="")


def _with_more(items: list[str], count: int, empty: str = "<unset>") -> str:
    """``listWithMoreString``: three, then ``+ N more...``."""
    text = ",".join(items[:MORE_LIMIT])
    if count > MORE_LIMIT:
        return f"{text} + {count - MORE_LIMIT} more..."
    return text or empty


def _slice_ports(eps: Obj, now: datetime) -> str:
    ports = eps.get("ports") or []
    shown = [str(p.get("port") or p.get("name") or "*") for p in ports]
    return _with_more(shown, len(shown))


def _slice_endpoints(eps: Obj, now: datetime) -> str:
    addresses = [a for e in eps.get("endpoints") or [] for a in e.get("addresses", [])]
    return _with_more(addresses, len(addresses))


ENDPOINTS_COLUMNS: tuple[Column, ...] = (
    NAME,
    Column("ENDPOINTS", format_endpoints),
    AGE,
)
ENDPOINTSLICE_COLUMNS: tuple[Column, ...] = (
    NAME,
    Column("ADDRESSTYPE", lambda e, now: str(e.get("addressType", ""))),
    Column("PORTS", _slice_ports),
    Column("ENDPOINTS", _slice_endpoints),
    AGE,
)
