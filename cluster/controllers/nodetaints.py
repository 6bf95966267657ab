"""Taints the node lifecycle controller manages, and its rate limiting
(``nodelifecycle/scheduler/rate_limited_queue.go``, ``controller_utils.go``).

NoSchedule taints mirror node conditions (``not-ready``, ``unreachable``,
the pressure conditions) and ``spec.unschedulable``. NoExecute taints
(``unreachable``, ``not-ready``) are added through a per-zone queue whose
token bucket lets one node through every ``1/qps`` seconds (burst 1):
``--node-eviction-rate`` 0.1 normally, ``--secondary-node-eviction-rate`` 0.01
in a large, partly disrupted zone, none in a small one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Obj = dict[str, Any]
UNREACHABLE = "node.kubernetes.io/unreachable"
NOT_READY = "node.kubernetes.io/not-ready"
UNSCHEDULABLE = "node.kubernetes.io/unschedulable"
EVICTION_QPS = 0.1
SECONDARY_EVICTION_QPS = 0.01
LARGE_CLUSTER_THRESHOLD = 50
UNHEALTHY_ZONE_THRESHOLD = 0.55
ZONE_LABEL = "topology.kubernetes.io/zone"
REGION_LABEL = "topology.kubernetes.io/region"
# node condition -> status -> NoSchedule taint key
CONDITION_TAINTS = {
    "Ready": {"False": NOT_READY, "Unknown": UNREACHABLE},
    "MemoryPressure": {"True": "node.kubernetes.io/memory-pressure"},
    "DiskPressure": {"True": "node.kubernetes.io/disk-pressure"},
    "NetworkUnavailable": {"True": "node.kubernetes.io/network-unavailable"},
    "PIDPressure": {"True": "node.kubernetes.io/pid-pressure"},
}
MANAGED_NO_SCHEDULE = {k for m in CONDITION_TAINTS.values() for k in m.values()}
MANAGED_NO_SCHEDULE.add(UNSCHEDULABLE)


@dataclass
class TokenBucket:
    """``flowcontrol.NewTokenBucketRateLimiter(qps, 1)`` on the virtual clock."""

    qps: float
    tokens: float = 1.0
    last: float = 0.0

    def try_accept(self, now: float) -> bool:
        self._refill(now)
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False

    def next_token(self, now: float) -> float | None:
        """Seconds until a token is there, None if it never will be."""
        self._refill(now)
        if self.tokens >= 1.0:
            return 0.0
        return None if self.qps <= 0 else (1.0 - self.tokens) / self.qps

    def _refill(self, now: float) -> None:
        self.tokens = min(1.0, self.tokens + (now - self.last) * self.qps)
        self.last = now


@dataclass
class ZoneQueue:
    """``RateLimitedTimedQueue``: nodes waiting for their NoExecute taint."""

    bucket: TokenBucket
    nodes: list[str] = field(default_factory=list)

    def add(self, name: str) -> bool:
        if name in self.nodes:
            return False
        self.nodes.append(name)
        return True

    def remove(self, name: str) -> bool:
        if name in self.nodes:
            self.nodes.remove(name)
            return True
        return False


def zone_of(node: Obj) -> str:
    """``GetZoneKey``: region and zone labels joined, or "" for neither."""
    labels = node["metadata"].get("labels") or {}
    region, zone = labels.get(REGION_LABEL, ""), labels.get(ZONE_LABEL, "")
    return f"{region}:\x00:{zone}" if region or zone else ""


def no_schedule_taints(node: Obj) -> list[Obj]:
    """The NoSchedule taints the node's conditions and cordon call for."""
    wanted = []
    for condition in node.get("status", {}).get("conditions") or []:
        key = CONDITION_TAINTS.get(condition.get("type"), {}).get(
            condition.get("status")
        )
        if key:
            wanted.append({"key": key, "effect": "NoSchedule"})
    if node.get("spec", {}).get("unschedulable"):
        wanted.append({"key": UNSCHEDULABLE, "effect": "NoSchedule"})
    return wanted


def has_taint(node: Obj, key: str, effect: str) -> bool:
    return any(
        t.get("key") == key and t.get("effect") == effect
        for t in node.get("spec", {}).get("taints") or []
    )


def swap_taints(node: Obj, add: list[Obj], remove: list[Obj], now: str) -> bool:
    """``SwapNodeControllerTaint`` on a copy: True if the taints changed."""
    taints = list(node.setdefault("spec", {}).get("taints") or [])
    gone = {(t["key"], t["effect"]) for t in remove}
    kept = [t for t in taints if (t.get("key"), t.get("effect")) not in gone]
    for taint in add:
        if not any(
            (t.get("key"), t.get("effect")) == (taint["key"], taint["effect"])
            for t in kept
        ):
            kept.append({**taint, "timeAdded": now})
    if kept == taints:
        return False
    if kept:
        node["spec"]["taints"] = kept
    else:
        node["spec"].pop("taints", None)
    return True


def zone_state(ready: list[bool]) -> str:
    """``ComputeZoneState``: FullDisruption, PartialDisruption or Normal."""
    not_ready = ready.count(False)
    if ready and not_ready == len(ready):
        return "FullDisruption"
    if not_ready > 2 and not_ready / len(ready) >= UNHEALTHY_ZONE_THRESHOLD:
        return "PartialDisruption"
    return "Normal"


def zone_qps(state: str, size: int) -> float:
    if state == "PartialDisruption":
        return SECONDARY_EVICTION_QPS if size > LARGE_CLUSTER_THRESHOLD else 0.0
    return EVICTION_QPS
