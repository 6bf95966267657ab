"""The Endpoints controller (``pkg/controller/endpoint``), still run in v1.35.

v1 Endpoints are deprecated (v1.33+) but kept: one object per Service with a
selector, named like the Service, listing ready pods under ``addresses`` and
unready ones under ``notReadyAddresses``; terminating pods are left out.
Addresses sharing the same resolved ports form one subset, sorted by IP.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cluster.api.errors import StatusError
from cluster.clock import Clock
from cluster.controllers import endpointpods
from cluster.controllers.informers import SharedInformerFactory
from cluster.controllers.svcindex import Key, ServicePodIndex

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
RETRY_DELAY = 1.0  # a failed sync is tried again a second later


class EndpointsController:
    def __init__(
        self,
        api: APIServer,
        clock: Clock,
        actor: str,
        informers: SharedInformerFactory | None = None,
    ) -> None:
        self.api = api
        self.clock = clock
        self.actor = actor
        informers = informers or SharedInformerFactory(api, actor)
        self.index = ServicePodIndex(api, clock, actor, self.sync, informers)

    def start(self) -> None:
        self.index.start()

    def stop(self) -> None:
        self.index.stop()

    def sync(self, key: Key) -> None:
        service = self.index.service(key)
        if service is None or not service.get("spec", {}).get("selector"):
            return
        subsets = self._subsets(service)
        try:
            self._write(service, subsets)
        except StatusError:
            self.clock.call_later(RETRY_DELAY, self.index.mark, key)

    def _subsets(self, service: Obj) -> list[Obj]:
        grouped: dict[str, Obj] = {}
        for pod in self.index.selected(service):
            if not endpointpods.include(pod, terminating=False):
                continue
            ports = [_port(p) for p in endpointpods.slice_ports(service, pod)]
            subset = grouped.setdefault(repr(ports), {"ports": ports})
            ready = endpointpods.conditions(service, pod)[0]
            field = "addresses" if ready else "notReadyAddresses"
            subset.setdefault(field, []).append(_address(pod))
        return [_sorted(grouped[k]) for k in sorted(grouped)]

    def _write(self, service: Obj, subsets: list[Obj]) -> None:
        meta = service["metadata"]
        try:
            # Live, not from the cache, for the reason the slices' read is.
            current = self.api.get("endpoints", meta["name"], meta["namespace"])
        except StatusError:
            current = None
        desired = _endpoints(service, subsets, self.clock.timestamp())
        if current is None:
            self.api.create(desired, actor=self.actor)
        elif (current.get("subsets") or []) != subsets or current["metadata"].get(
            "labels"
        ) != desired["metadata"].get("labels"):
            current["subsets"] = subsets
            labels = desired["metadata"].get("labels")
            current["metadata"].pop("labels", None)
            current["metadata"].update({"labels": labels} if labels else {})
            current["metadata"]["annotations"] = desired["metadata"]["annotations"]
            self.api.update(current, actor=self.actor)


def _endpoints(service: Obj, subsets: list[Obj], now: str) -> Obj:
    meta = service["metadata"]
    labels = dict(meta.get("labels") or {})
    if service.get("spec", {}).get("clusterIP") == "None":
        labels[endpointpods.HEADLESS_LABEL] = ""
    out: Obj = {
        "apiVersion": "v1",
        "kind": "Endpoints",
        "metadata": {
            "name": meta["name"],
            "namespace": meta["namespace"],
            "annotations": {endpointpods.TRIGGER_TIME: now},
        },
    }
    if labels:
        out["metadata"]["labels"] = labels
    if subsets:
        out["subsets"] = subsets
    return out


def _port(port: Obj) -> Obj:
    """An EndpointPort leaves out an empty name."""
    return {k: v for k, v in port.items() if k != "name" or v}


def _address(pod: Obj) -> Obj:
    address: Obj = {"ip": endpointpods.pod_ip(pod)}
    if pod["spec"].get("nodeName"):
        address["nodeName"] = pod["spec"]["nodeName"]
    address["targetRef"] = endpointpods.target_ref(pod)
    return address


def _sorted(subset: Obj) -> Obj:
    """``RepackSubsets`` orders addresses by IP, then pod UID."""
    for field in ("addresses", "notReadyAddresses"):
        if field in subset:
            # LessEndpointAddress compares the IPs' text, byte by byte.
            subset[field].sort(key=lambda a: (a["ip"], a["targetRef"]["uid"]))
    return {
        k: subset[k] for k in ("addresses", "notReadyAddresses", "ports") if k in subset
    }


def _ip_key(ip: str) -> tuple[int, ...]:
    return tuple(int(part) for part in ip.split(".") if part.isdigit())
