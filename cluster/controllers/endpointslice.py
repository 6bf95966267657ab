"""The EndpointSlice controller (``pkg/controller/endpointslice``).

For every Service with a selector it keeps EndpointSlices listing the
selected pods that have an IP and are not finished: ``ready`` (pod Ready and
not terminating), ``serving`` (pod Ready) and ``terminating`` (being
deleted), with node, zone and a reference to the pod. Pods whose resolved
ports differ go to different slices; a slice holds at most 100 endpoints
(``--max-endpoints-per-slice``). Endpoints stay in the slice they are in;
new ones fill slices with room, then new slices named ``<service>-<random>``.
A Service with no endpoints keeps one empty placeholder slice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cluster.api.errors import StatusError
from cluster.clock import Clock
from cluster.controllers import endpointpods
from cluster.controllers.endpointpods import CONTROLLER_NAME, MANAGED_BY, SERVICE_NAME
from cluster.controllers.informers import Registrations, SharedInformerFactory
from cluster.controllers.svcindex import Key, ServicePodIndex

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
RETRY_DELAY = 1.0  # a failed sync is tried again a second later
MAX_ENDPOINTS_PER_SLICE = 100
ZONE_LABEL = "topology.kubernetes.io/zone"
Group = tuple[list[Obj], list[Obj]]  # (ports, endpoints)
_CONTENT = ("addressType", "endpoints", "ports")


class EndpointSliceController:
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
        self.informers = informers or SharedInformerFactory(api, actor)
        self.nodes = self.informers.informer("nodes")
        self.handlers = Registrations(self.informers, [("nodes", self._on_node)])
        self.index = ServicePodIndex(api, clock, actor, self.sync, self.informers)
        self.zones: dict[str, str] = {}

    def start(self) -> None:
        self.handlers.add()
        self.informers.start()
        for node in self.nodes.list():
            self._on_node("ADDED", node)
        self.index.start()

    def stop(self) -> None:
        self.index.stop()
        self.handlers.remove()

    def sync(self, key: Key) -> None:
        service = self.index.service(key)
        if service is None or not service.get("spec", {}).get("selector"):
            return  # owned slices go with the Service (garbage collector)
        groups = self._desired(service)
        current = self._owned(key)
        try:
            self._reconcile(service, groups, current)
        except StatusError:
            self.clock.call_later(RETRY_DELAY, self.index.mark, key)

    # -- desired state ---------------------------------------------------------

    def _desired(self, service: Obj) -> dict[str, Group]:
        groups: dict[str, Group] = {}
        for pod in self.index.selected(service):
            if not endpointpods.include(pod, terminating=True):
                continue
            ports = endpointpods.slice_ports(service, pod)
            group = groups.setdefault(_ports_key(ports), (ports, []))
            group[1].append(self._endpoint(service, pod))
        return groups

    def _endpoint(self, service: Obj, pod: Obj) -> Obj:
        ready, serving, terminating = endpointpods.conditions(service, pod)
        endpoint: Obj = {
            "addresses": [endpointpods.pod_ip(pod)],
            "conditions": {
                "ready": ready,
                "serving": serving,
                "terminating": terminating,
            },
            "targetRef": endpointpods.target_ref(pod),
        }
        node = pod["spec"].get("nodeName")
        if node:
            endpoint["nodeName"] = node
            if self.zones.get(node):
                endpoint["zone"] = self.zones[node]
        hostname = endpointpods.hostname(service, pod)
        if hostname:
            endpoint["hostname"] = hostname
        return endpoint

    def _owned(self, key: Key) -> list[Obj]:
        selector = f"{SERVICE_NAME}={key[1]},{MANAGED_BY}={CONTROLLER_NAME}"
        # Live, not from the cache: a second sync in the same instant must see
        # the slices the first wrote (the Go controller's EndpointSliceTracker).
        return self.api.list("endpointslices", key[0], label_selector=selector)

    # -- reconciling --------------------------------------------------------------

    def _reconcile(
        self, service: Obj, groups: dict[str, Group], slices: list[Obj]
    ) -> None:
        if not groups:
            groups = {_ports_key([]): ([], [])}  # the placeholder slice
        by_ports: dict[str, list[Obj]] = {}
        for eps in slices:
            by_ports.setdefault(_ports_key(eps.get("ports") or []), []).append(eps)
        for ports_key, (ports, endpoints) in sorted(groups.items()):
            existing = by_ports.pop(ports_key, [])
            self._reconcile_group(service, ports, endpoints, existing)
        for stale in (eps for group in by_ports.values() for eps in group):
            self._delete(stale)

    def _reconcile_group(
        self, service: Obj, ports: list[Obj], endpoints: list[Obj], slices: list[Obj]
    ) -> None:
        wanted = {_address(e): e for e in endpoints}
        contents = [_keep(eps, wanted) for eps in slices]
        changed = [
            _content(eps)["endpoints"] != kept
            for eps, kept in zip(slices, contents, strict=True)
        ]
        rest = [wanted[a] for a in sorted(wanted)]
        for first in (True, False):
            for kept, dirty in zip(contents, changed, strict=True):
                if dirty == first and rest:
                    room = MAX_ENDPOINTS_PER_SLICE - len(kept)
                    kept += rest[:room]
                    rest = rest[room:]
        for eps, kept in zip(slices, contents, strict=True):
            if kept or not endpoints:
                self._apply(service, ports, kept, eps)
            else:
                self._delete(eps)
        chunks = [
            rest[i : i + MAX_ENDPOINTS_PER_SLICE]
            for i in range(0, len(rest), MAX_ENDPOINTS_PER_SLICE)
        ]
        for chunk in chunks or ([] if slices else [[]]):
            self._apply(service, ports, chunk, None)

    def _apply(
        self, service: Obj, ports: list[Obj], endpoints: list[Obj], current: Obj | None
    ) -> None:
        desired = endpointpods.new_slice(
            service, ports, endpoints, self.clock.timestamp()
        )
        if current is None:
            self.api.create(desired, actor=self.actor)
            return
        labels = desired["metadata"]["labels"]
        if (
            _content(current) == _content(desired)
            and current["metadata"].get("labels") == labels
        ):
            return
        meta = dict(current["metadata"], labels=labels)
        meta["annotations"] = desired["metadata"]["annotations"]
        updated = {k: v for k, v in current.items() if k not in ("endpoints", "ports")}
        updated.update({k: v for k, v in desired.items() if k in _CONTENT})
        self.api.update({**updated, "metadata": meta}, actor=self.actor)

    def _delete(self, eps: Obj) -> None:
        meta = eps["metadata"]
        self.api.delete(
            "endpointslices", meta["name"], meta["namespace"], actor=self.actor
        )

    def _on_node(self, verb: str, node: Obj) -> None:
        name = node["metadata"]["name"]
        zone = (node["metadata"].get("labels") or {}).get(ZONE_LABEL, "")
        if verb == "DELETED":
            self.zones.pop(name, None)
        elif self.zones.get(name) != zone:
            self.zones[name] = zone
            self.index.mark_all()


def _ports_key(ports: list[Obj]) -> str:
    return ";".join(
        f"{p.get('name')}/{p.get('port')}/{p.get('protocol')}" for p in ports
    )


def _address(endpoint: Obj) -> str:
    return str(endpoint["addresses"][0])


def _keep(eps: Obj, wanted: dict[str, Obj]) -> list[Obj]:
    """The slice's endpoints that are still wanted, with their fresh state."""
    listed = [_address(e) for e in eps.get("endpoints") or []]
    return [wanted.pop(a) for a in listed if a in wanted]


def _content(eps: Obj) -> Obj:
    return {
        "addressType": eps.get("addressType"),
        "endpoints": eps.get("endpoints") or [],
        "ports": eps.get("ports") or [],
    }
