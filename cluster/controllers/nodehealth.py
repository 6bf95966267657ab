"""What the node lifecycle controller remembers of each node's heartbeats
(``nodeHealthData``) and how it decides a node stopped posting
(``tryUpdateNodeHealth`` in ``pkg/controller/nodelifecycle``).

A heartbeat is a new ``lastHeartbeatTime`` on the Ready condition or a newer
``renewTime`` on the node's Lease; either moves the probe time to *now* (the
controller's clock, not the kubelet's). A node that has not been probed for
the grace period (50 s; 60 s for one that never posted) gets every kubelet
condition set to Unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Obj = dict[str, Any]
GRACE_PERIOD = 50.0  # --node-monitor-grace-period (v1.32+)
STARTUP_GRACE_PERIOD = 60.0  # --node-startup-grace-period
WATCHED_CONDITIONS = ("Ready", "MemoryPressure", "DiskPressure", "PIDPressure")
UNKNOWN_REASON = "NodeStatusUnknown"
UNKNOWN_MESSAGE = "Kubelet stopped posting node status."
NEVER_REASON = "NodeStatusNeverUpdated"
NEVER_MESSAGE = "Kubelet never posted node status."


@dataclass
class Health:
    probe: float
    ready_transition: float
    heartbeat: str | None  # the Ready condition's lastHeartbeatTime seen
    transition: str | None  # and its lastTransitionTime
    lease_renew: str | None = None


def ready_condition(node: Obj) -> Obj | None:
    for condition in node.get("status", {}).get("conditions") or []:
        if condition.get("type") == "Ready":
            return condition
    return None


def observe(health: Health | None, node: Obj, lease: Obj | None, now: float) -> Health:
    """The health record after looking at the node and its lease now."""
    ready = ready_condition(node) or {}
    heartbeat, transition = (
        ready.get("lastHeartbeatTime"),
        ready.get("lastTransitionTime"),
    )
    if health is None or (health.heartbeat is None and heartbeat is not None):
        health = Health(now, now, heartbeat, transition)
    elif heartbeat != health.heartbeat:
        moved = transition != health.transition
        health = Health(
            now,
            now if moved else health.ready_transition,
            heartbeat,
            transition,
            health.lease_renew,
        )
    renew = (lease or {}).get("spec", {}).get("renewTime")
    if renew and (health.lease_renew is None or renew > health.lease_renew):
        health.lease_renew = renew
        health.probe = now
    return health


def grace_period(node: Obj) -> float:
    return GRACE_PERIOD if ready_condition(node) else STARTUP_GRACE_PERIOD


def mark_unknown(node: Obj, now: str) -> bool:
    """Set the kubelet's conditions Unknown; True if the Ready one changed."""
    conditions = node.setdefault("status", {}).setdefault("conditions", [])
    before = dict(ready_condition(node) or {})
    for kind in WATCHED_CONDITIONS:
        found = next((c for c in conditions if c.get("type") == kind), None)
        if found is None:
            conditions.append(_never(kind, node, now))
        elif found.get("status") != "Unknown":
            found.update(
                status="Unknown",
                reason=UNKNOWN_REASON,
                message=UNKNOWN_MESSAGE,
                lastTransitionTime=now,
            )
    return ready_condition(node) != before


def _never(kind: str, node: Obj, now: str) -> Obj:
    return {
        "type": kind,
        "status": "Unknown",
        "lastHeartbeatTime": node["metadata"].get("creationTimestamp"),
        "lastTransitionTime": now,
        "reason": NEVER_REASON,
        "message": NEVER_MESSAGE,
    }
