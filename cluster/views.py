"""Small JSON-safe summaries of API objects: what the diagram draws of each.

The same summary goes into a snapshot and into every ``object`` event, so the
browser can create an element from either and update it in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.kubectl.podstatus import (
    node_roles,
    node_status,
    pod_ready,
    pod_restart_count,
    pod_status,
)

Obj = dict[str, Any]


def pod_view(pod: Obj) -> Obj:
    meta, spec, status = pod["metadata"], pod.get("spec", {}), pod.get("status", {})
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
    }


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
    "Node": node_view,
    "Event": event_view,
}


def view_of(obj: Obj) -> Obj:
    return VIEWS.get(obj.get("kind", ""), generic_view)(obj)
