"""What the diagram needs that the engine's object views leave out.

The engine's views (``cluster.views``) carry a pod's status column and restart
count, and only the name of a Service. To draw a crash's exit reason, the
back-off countdown and a Service's ClusterIP and endpoints, the simulation host
adds these details from the full objects, read at the moment the engine reports
a change. Plain functions of plain objects; no engine import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Obj = dict[str, Any]
SecondsOf = Callable[[str], float]
SERVICE_NAME = "kubernetes.io/service-name"


def pod_details(pod: Obj, seconds_of: SecondsOf) -> Obj:
    """The containers of ``pod``: state, reasons, restarts, last termination."""
    statuses = (pod.get("status") or {}).get("containerStatuses") or []
    return {"containers": [_container(s, seconds_of) for s in statuses]}


def _container(status: Obj, seconds_of: SecondsOf) -> Obj:
    state, last = status.get("state") or {}, status.get("lastState") or {}
    name, detail = next(iter(state.items()), ("waiting", {}))
    ended = last.get("terminated") or {}
    return {
        "name": status.get("name"),
        "ready": bool(status.get("ready")),
        "restarts": status.get("restartCount", 0),
        "state": name,
        "reason": (detail or {}).get("reason"),
        "message": (detail or {}).get("message"),
        "exitCode": (detail or {}).get("exitCode"),
        "lastReason": ended.get("reason"),
        "lastExitCode": ended.get("exitCode"),
        "lastFinished": _seconds(ended.get("finishedAt"), seconds_of),
    }


def _seconds(timestamp: Any, seconds_of: SecondsOf) -> float | None:
    if not isinstance(timestamp, str):
        return None
    try:
        return seconds_of(timestamp)
    except ValueError:
        return None


def service_view(service: Obj, slices: Iterable[Obj]) -> Obj:
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
        conditions = endpoint.get("conditions") or {}
        found.append(
            {
                "ip": (endpoint.get("addresses") or [None])[0],
                "pod": ref.get("name"),
                "uid": ref.get("uid"),
                "node": endpoint.get("nodeName"),
                "ready": conditions.get("ready") is not False,
            }
        )
    return found


def service_of_slice(slice_: Obj) -> str | None:
    """The name of the Service an EndpointSlice belongs to."""
    return ((slice_.get("metadata") or {}).get("labels") or {}).get(SERVICE_NAME)
