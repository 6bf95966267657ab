"""Small JSON-safe summaries of API objects: what the diagram draws of each.

The same summary goes into a snapshot and into every ``object`` event, so the
browser can create an element from either and update it in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cluster.clock import DEFAULT_EPOCH
from cluster.kubectl.podstatus import (
    node_roles,
    node_status,
    pod_ready,
    pod_restart_count,
    pod_status,
)

if TYPE_CHECKING:
    from cluster.store import Store

Obj = dict[str, Any]
SERVICE_NAME = "kubernetes.io/service-name"
SERVICES = "/registry/services/specs/"
SLICES = "/registry/endpointslices/"
PREEMPTED = "PreemptionByScheduler"  # the DisruptionTarget condition's reason


def pod_view(pod: Obj, epoch: datetime = DEFAULT_EPOCH) -> Obj:
    """A pod, with its containers; ``epoch`` is the clock's (simulated 0 s)."""
    meta, spec, status = pod["metadata"], pod.get("spec", {}), pod.get("status", {})
    statuses = status.get("containerStatuses") or []
    return {
        "kind": "Pod",
        "namespace": meta.get("namespace"),
        "name": meta["name"],
        "uid": meta.get("uid"),
        "status": pod_status(pod),
        "phase": status.get("phase", "Pending"),
        "node": spec.get("nodeName") or None,
        "ip": status.get("podIP") or None,
        "ready": pod_ready(pod),
        "restarts": pod_restart_count(pod),
        "images": [c.get("image") for c in spec.get("containers", [])],
        "containers": [container_view(s, epoch) for s in statuses],
        # Preemption: the node a waiting preemptor was nominated to, and
        # whether the scheduler is evicting this pod for one.
        "nominated": status.get("nominatedNodeName") or None,
        "preempted": _preempted(status),
    }


def _preempted(status: Obj) -> bool:
    return any(
        c.get("type") == "DisruptionTarget" and c.get("reason") == PREEMPTED
        for c in status.get("conditions") or []
    )


def container_view(status: Obj, epoch: datetime = DEFAULT_EPOCH) -> Obj:
    """One container: state, reasons, restarts, last termination."""
    state: Obj = status.get("state") or {}
    name, found = next(iter(state.items()), ("waiting", None))
    detail: Obj = found or {}
    ended: Obj = (status.get("lastState") or {}).get("terminated") or {}
    return {
        "name": status.get("name"),
        "ready": bool(status.get("ready")),
        "restarts": status.get("restartCount", 0),
        "state": name,
        "reason": detail.get("reason"),
        "message": detail.get("message"),
        "exitCode": detail.get("exitCode"),
        "lastReason": ended.get("reason"),
        "lastExitCode": ended.get("exitCode"),
        "lastFinished": seconds_since(ended.get("finishedAt"), epoch),
    }


def seconds_since(timestamp: Any, epoch: datetime = DEFAULT_EPOCH) -> float | None:
    """Simulated seconds of an RFC 3339 ``timestamp``; None if there is none."""
    if not isinstance(timestamp, str):
        return None
    try:
        return (datetime.fromisoformat(timestamp) - epoch).total_seconds()
    except ValueError:
        return None


def service_view(service: Obj, slices: Iterable[Obj] = ()) -> Obj:
    """A Service with its ClusterIP, ports and endpoints (from its slices)."""
    meta, spec = service["metadata"], service.get("spec") or {}
    return {
        "kind": "Service",
        "namespace": meta.get("namespace"),
        "name": meta["name"],
        "uid": meta.get("uid"),
        "type": spec.get("type", "ClusterIP"),
        "clusterIP": spec.get("clusterIP"),
        "ports": [_port(p) for p in spec.get("ports") or []],
        "endpoints": [e for s in slices for e in _endpoints(s)],
    }


def _port(port: Obj) -> str:
    target = port.get("targetPort", port.get("port"))
    return f"{port.get('port')}→{target}/{port.get('protocol', 'TCP')}"


def _endpoints(slice_: Obj) -> list[Obj]:
    found = []
    for endpoint in slice_.get("endpoints") or []:
        ref = endpoint.get("targetRef") or {}
        found.append(
            {
                "ip": (endpoint.get("addresses") or [None])[0],
                "pod": ref.get("name"),
                "uid": ref.get("uid"),
                "node": endpoint.get("nodeName"),
                "ready": (endpoint.get("conditions") or {}).get("ready") is not False,
            }
        )
    return found


def service_of_slice(slice_: Obj) -> str | None:
    """The name of the Service an EndpointSlice belongs to."""
    return ((slice_.get("metadata") or {}).get("labels") or {}).get(SERVICE_NAME)


def node_view(node: Obj) -> Obj:
    meta, status = node["metadata"], node.get("status", {})
    capacity = status.get("capacity", {})
    return {
        "kind": "Node",
        "name": meta["name"],
        "uid": meta.get("uid"),
        "status": node_status(node),
        "roles": node_roles(node),
        "cpu": capacity.get("cpu"),
        "memory": capacity.get("memory"),
        "taints": node.get("spec", {}).get("taints") or [],
        "unschedulable": bool(node.get("spec", {}).get("unschedulable")),
    }


def event_view(event: Obj) -> Obj:
    meta, involved = event["metadata"], event.get("involvedObject", {})
    return {
        "kind": "Event",
        "namespace": meta.get("namespace"),
        "name": meta["name"],
        "uid": meta.get("uid"),
        "reason": event.get("reason"),
        "message": event.get("message"),
        "eventType": event.get("type"),
        "object": f"{involved.get('kind', '').lower()}/{involved.get('name')}",
        "source": event.get("source", {}).get("component"),
        "count": event.get("count", 1),
        "lastSeen": event.get("lastTimestamp"),
    }


def generic_view(obj: Obj) -> Obj:
    meta = obj["metadata"]
    return {
        "kind": obj.get("kind"),
        "namespace": meta.get("namespace"),
        "name": meta["name"],
        "uid": meta.get("uid"),
    }


VIEWS: dict[str, Callable[[Obj], Obj]] = {
    "Pod": pod_view,
    "Service": service_view,
    "Node": node_view,
    "Event": event_view,
}


def view_of(obj: Obj) -> Obj:
    """The view of an object that needs nothing but itself (no slices for a
    Service, the default epoch for a pod); ``ObjectViews`` has the rest."""
    return VIEWS.get(obj.get("kind", ""), generic_view)(obj)


class ObjectViews:
    """Views that read more than the object: a Service's endpoints come from
    its EndpointSlices in the store, a container's times from the clock's
    epoch. Built on every write, so each costs one pass over the slices of one
    namespace at most; kube-proxy's rules are not here but in its own
    ``proxyrules`` events (``cluster.proxy.programmed``)."""

    def __init__(self, store: Store, epoch: datetime = DEFAULT_EPOCH) -> None:
        self.store = store
        self.epoch = epoch

    def of(self, obj: Obj) -> Obj:
        kind = obj.get("kind")
        if kind == "Pod":
            return pod_view(obj, self.epoch)
        if kind == "Service":
            meta = obj["metadata"]
            slices = self._slices(meta.get("namespace"), meta["name"])
            return service_view(obj, slices)
        return view_of(obj)

    def services(self) -> list[Obj]:
        """Every Service's view, as a snapshot lists them."""
        return [self.of(kv.value) for kv in self.store.range(SERVICES)]

    def service_of(self, slice_: Obj) -> Obj | None:
        """The Service an EndpointSlice change shows up on, if it exists."""
        name = service_of_slice(slice_)
        namespace = slice_["metadata"].get("namespace")
        kv = self.store.get(f"{SERVICES}{namespace}/{name}") if name else None
        return kv.value if kv is not None else None

    def _slices(self, namespace: str | None, name: str) -> list[Obj]:
        return [
            kv.value
            for kv in self.store.range(f"{SLICES}{namespace}/")
            if service_of_slice(kv.value) == name
        ]
