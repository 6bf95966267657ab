"""``kubectl describe`` for Services, Endpoints and EndpointSlices
(describe.go ``describeService``, ``describeEndpoints``, ``describeEndpointSliceV1``).

The Service's ``Endpoints:`` line is built from its EndpointSlices (ready
endpoints only, three at most, then ``+ N more...``), as kubectl does since
v1.33.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cluster.kubectl.describe.events import describe_events, search_events
from cluster.kubectl.describe.writer import (
    PrefixWriter,
    annotations_multiline,
    labels_multiline,
)

Obj = dict[str, Any]
MORE_LIMIT = 3


def describe_service(api: Any, svc: Obj, now: datetime) -> str:
    meta, spec = svc["metadata"], svc.get("spec", {})
    slices = api.list(
        "endpointslices",
        meta["namespace"],
        label_selector=f"kubernetes.io/service-name={meta['name']}",
    )
    w = PrefixWriter()
    _header(w, meta)
    selector = spec.get("selector") or {}
    shown = ",".join(f"{k}={selector[k]}" for k in sorted(selector))
    w.write(0, f"Selector:\t{shown or '<none>'}\n")
    w.write(0, f"Type:\t{spec.get('type', '')}\n")
    _addresses(w, svc)
    for port in spec.get("ports") or []:
        _port(w, port, slices)
    w.write(0, f"Session Affinity:\t{spec.get('sessionAffinity', '')}\n")
    if spec.get("externalTrafficPolicy"):
        w.write(0, f"External Traffic Policy:\t{spec['externalTrafficPolicy']}\n")
    if spec.get("internalTrafficPolicy"):
        w.write(0, f"Internal Traffic Policy:\t{spec['internalTrafficPolicy']}\n")
    if spec.get("healthCheckNodePort"):
        w.write(0, f"HealthCheck NodePort:\t{spec['healthCheckNodePort']}\n")
    _events(w, api, svc, now)
    return w.getvalue()


def _header(w: PrefixWriter, meta: Obj) -> None:
    w.write(0, f"Name:\t{meta['name']}\n")
    w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))


def _addresses(w: PrefixWriter, svc: Obj) -> None:
    spec = svc.get("spec", {})
    if spec.get("ipFamilyPolicy"):
        w.write(0, f"IP Family Policy:\t{spec['ipFamilyPolicy']}\n")
    w.write(0, f"IP Families:\t{','.join(spec.get('ipFamilies') or []) or '<none>'}\n")
    w.write(0, f"IP:\t{spec.get('clusterIP', '')}\n")
    w.write(0, f"IPs:\t{','.join(spec.get('clusterIPs') or []) or '<none>'}\n")
    if spec.get("externalIPs"):
        w.write(0, f"External IPs:\t{','.join(spec['externalIPs'])}\n")
    if spec.get("externalName"):
        w.write(0, f"External Name:\t{spec['externalName']}\n")
    ingress = (svc.get("status", {}).get("loadBalancer") or {}).get("ingress") or []
    if ingress:
        shown = ", ".join(i.get("ip") or i.get("hostname", "") for i in ingress)
        w.write(0, f"LoadBalancer Ingress:\t{shown}\n")


def _port(w: PrefixWriter, port: Obj, slices: list[Obj]) -> None:
    name = port.get("name") or "<unset>"
    protocol = port.get("protocol", "TCP")
    w.write(0, f"Port:\t{name}\t{port.get('port')}/{protocol}\n")
    w.write(0, f"TargetPort:\t{port.get('targetPort')}/{protocol}\n")
    if port.get("nodePort"):
        w.write(0, f"NodePort:\t{name}\t{port['nodePort']}/{protocol}\n")
    w.write(0, f"Endpoints:\t{format_slices(slices, port.get('name', ''))}\n")


def format_slices(slices: list[Obj], port_name: str) -> str:
    """``formatEndpointSlices``: ready ``ip:port`` of the named port."""
    if not slices:
        return "<none>"
    shown: list[str] = []
    count = 0
    for eps in slices:
        for endpoint in eps.get("endpoints") or []:
            if (endpoint.get("conditions") or {}).get("ready") is False:
                continue
            address = endpoint["addresses"][0]
            if not eps.get("ports"):
                shown.append(address)
                count += 1
                continue
            for port in eps["ports"]:
                if port.get("name", "") == port_name:
                    shown.append(f"{address}:{port.get('port')}")
                    count += 1
    text = ",".join(shown[:MORE_LIMIT])
    return f"{text} + {count - MORE_LIMIT} more..." if count > MORE_LIMIT else text


def describe_endpoints(api: Any, ep: Obj, now: datetime) -> str:
    w = PrefixWriter()
    _header(w, ep["metadata"])
    w.write(0, "Subsets:\n")
    for subset in ep.get("subsets") or []:
        ready = ",".join(a["ip"] for a in subset.get("addresses") or [])
        unready = ",".join(a["ip"] for a in subset.get("notReadyAddresses") or [])
        w.write(1, f"Addresses:\t{ready or '<none>'}\n")
        w.write(1, f"NotReadyAddresses:\t{unready or '<none>'}\n")
        if subset.get("ports"):
            w.write(1, "Ports:\n")
            w.write(2, "Name\tPort\tProtocol\n")
            w.write(2, "----\t----\t--------\n")
            for port in subset["ports"]:
                name = port.get("name") or "<unset>"
                protocol = port.get("protocol", "")
                w.write(2, f"{name}\t{port.get('port')}\t{protocol}\n")
        w.write(0, "\n")
    _events(w, api, ep, now)
    return w.getvalue()


def describe_endpointslice(api: Any, eps: Obj, now: datetime) -> str:
    w = PrefixWriter()
    _header(w, eps["metadata"])
    w.write(0, f"AddressType:\t{eps.get('addressType', '')}\n")
    _slice_ports(w, eps.get("ports") or [])
    endpoints = eps.get("endpoints") or []
    if not endpoints:
        w.write(0, "Endpoints: <none>\n")
    else:
        w.write(0, "Endpoints:\n")
        for endpoint in endpoints:
            _slice_endpoint(w, endpoint)
    _events(w, api, eps, now)
    return w.getvalue()


def _slice_ports(w: PrefixWriter, ports: list[Obj]) -> None:
    if not ports:
        w.write(0, "Ports: <unset>\n")
        return
    w.write(0, "Ports:\n")
    w.write(1, "Name\tPort\tProtocol\n")
    w.write(1, "----\t----\t--------\n")
    for port in ports:
        number = port.get("port")
        shown = "<unset>" if number is None else number
        name, protocol = port.get("name") or "<unset>", port.get("protocol", "")
        w.write(1, f"{name}\t{shown}\t{protocol}\n")


def _slice_endpoint(w: PrefixWriter, endpoint: Obj) -> None:
    w.write(
        1, f"- Addresses:\t{', '.join(endpoint.get('addresses') or []) or '<none>'}\n"
    )
    w.write(2, "Conditions:\n")
    ready = (endpoint.get("conditions") or {}).get("ready")
    w.write(3, f"Ready:\t{'<unset>' if ready is None else str(ready).lower()}\n")
    w.write(2, f"Hostname:\t{endpoint.get('hostname', '<unset>')}\n")
    ref = endpoint.get("targetRef")
    if ref:
        w.write(2, f"TargetRef:\t{ref.get('kind')}/{ref.get('name')}\n")
    w.write(2, f"NodeName:\t{endpoint.get('nodeName', '<unset>')}\n")
    w.write(2, f"Zone:\t{endpoint.get('zone', '<unset>')}\n")


def _events(w: PrefixWriter, api: Any, obj: Obj, now: datetime) -> None:
    meta = obj["metadata"]
    events = search_events(
        api, name=meta["name"], namespace=meta.get("namespace", ""), uid=meta.get("uid")
    )
    describe_events(w, events, now)
