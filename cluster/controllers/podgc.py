"""The pod garbage collector (``pkg/controller/podgc/gc_controller.go``).

Every 20 s (``gcCheckPeriod``) it:

- deletes the oldest terminated pods beyond ``--terminated-pod-gc-threshold``
  (12500), evicted ones first;
- force-deletes terminating pods on a NotReady node tainted
  ``node.kubernetes.io/out-of-service``;
- force-deletes pods bound to a node that no longer exists, once the node has
  been missing for the 40 s quarantine and a fresh GET confirms it, marking
  them Failed with a ``DisruptionTarget`` condition (``DeletionByPodGC``,
  ``PodGC: node no longer exists``) first;
- force-deletes terminating pods that were never scheduled.
"""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError
from cluster.apiserver import APIServer
from cluster.clock import Clock, Timer
from cluster.controllers.informers import SharedInformerFactory

Obj = dict[str, Any]
GC_CHECK_PERIOD = 20.0
QUARANTINE_TIME = 40.0
TERMINATED_POD_GC_THRESHOLD = 12500
OUT_OF_SERVICE_TAINT = "node.kubernetes.io/out-of-service"
ORPHANED = {
    "type": "DisruptionTarget",
    "status": "True",
    "reason": "DeletionByPodGC",
    "message": "PodGC: node no longer exists",
}


class PodGCController:
    def __init__(
        self,
        api: APIServer,
        clock: Clock,
        actor: str,
        terminated_pod_threshold: int = TERMINATED_POD_GC_THRESHOLD,
        informers: SharedInformerFactory | None = None,
    ) -> None:
        self.api = api
        self.clock = clock
        self.actor = actor
        self.terminated_pod_threshold = terminated_pod_threshold
        self.informers = informers or SharedInformerFactory(api, actor)
        self.nodes = self.informers.informer("nodes")
        self._quarantine: dict[str, float] = {}  # node name -> ready to check at
        self._timer: Timer | None = None

    def start(self) -> None:
        self.informers.start()
        # wait.Until runs the loop at once, then every period.
        self._timer = self.clock.call_later(0, self._loop)

    def stop(self) -> None:
        if self._timer:
            self._timer.cancel()
            self._timer = None

    def _loop(self) -> None:
        self.gc()
        self._timer = self.clock.call_later(GC_CHECK_PERIOD, self._loop)

    def gc(self) -> None:
        # Pods are listed live: the first pass runs as the manager starts, before
        # the informer has delivered pods written in that same instant, and a
        # missing node's quarantine is counted from the pass that saw its pods.
        pods, nodes = self.api.list("pods"), self.nodes.list()
        if self.terminated_pod_threshold > 0:
            self._gc_terminated(pods)
        self._gc_terminating(pods, {n["metadata"]["name"]: n for n in nodes})
        self._gc_orphaned(pods, {n["metadata"]["name"] for n in nodes})
        self._gc_unscheduled_terminating(pods)

    # -- the four sweeps ---------------------------------------------------------

    def _gc_terminated(self, pods: list[Obj]) -> None:
        terminated = [
            p for p in pods if _phase(p) not in ("Pending", "Running", "Unknown")
        ]
        excess = len(terminated) - self.terminated_pod_threshold
        for pod in sorted(terminated, key=_eviction_then_age)[: max(excess, 0)]:
            self._mark_failed_and_delete(pod)

    def _gc_terminating(self, pods: list[Obj], nodes: dict[str, Obj]) -> None:
        for pod in pods:
            node = nodes.get(pod["spec"].get("nodeName", ""))
            if (
                pod["metadata"].get("deletionTimestamp")
                and node is not None
                and not _ready(node)
                and _out_of_service(node)
            ):
                self._mark_failed_and_delete(pod)

    def _gc_orphaned(self, pods: list[Obj], existing: set[str]) -> None:
        for pod in pods:
            node = pod["spec"].get("nodeName")
            if node and node not in existing:
                self._quarantine.setdefault(node, self.clock.now + QUARANTINE_TIME)
        deleted = self._deleted_nodes(existing)
        for pod in pods:
            if pod["spec"].get("nodeName") in deleted:
                self._mark_failed_and_delete(pod, ORPHANED)

    def _gc_unscheduled_terminating(self, pods: list[Obj]) -> None:
        for pod in pods:
            if pod["metadata"].get("deletionTimestamp") and not pod["spec"].get(
                "nodeName"
            ):
                self._mark_failed_and_delete(pod)

    # -- helpers -------------------------------------------------------------------

    def _deleted_nodes(self, existing: set[str]) -> set[str]:
        """Nodes out of quarantine that a GET confirms are gone."""
        deleted = set()
        for node, ready_at in sorted(self._quarantine.items()):
            if ready_at > self.clock.now:
                continue
            del self._quarantine[node]
            if node not in existing and not self._node_exists(node):
                deleted.add(node)
        return deleted

    def _node_exists(self, name: str) -> bool:
        try:
            self.api.get("nodes", name)
        except StatusError:
            return False
        return True

    def _mark_failed_and_delete(self, pod: Obj, condition: Obj | None = None) -> None:
        meta = pod["metadata"]
        try:
            if _phase(pod) not in ("Succeeded", "Failed"):
                self._mark_failed(pod, condition)
            self.api.delete(
                "pods",
                meta["name"],
                meta.get("namespace"),
                actor=self.actor,
                grace_period_seconds=0,
            )
        except StatusError:
            return  # gone or changed meanwhile; the next pass looks again

    def _mark_failed(self, pod: Obj, condition: Obj | None) -> None:
        status = pod.setdefault("status", {})
        status["phase"] = "Failed"
        if condition is not None:
            _update_condition(status, condition, self.clock.timestamp())
        self.api.update(pod, actor=self.actor, subresource="status")


def _update_condition(status: Obj, condition: Obj, now: str) -> None:
    """``UpdatePodCondition``: keep the transition time if the status is unchanged."""
    fresh = {
        "type": condition["type"],
        "status": condition["status"],
        "lastProbeTime": None,
        "lastTransitionTime": now,
        "reason": condition["reason"],
        "message": condition["message"],
    }
    conditions = status.setdefault("conditions", [])
    for i, old in enumerate(conditions):
        if old["type"] == fresh["type"]:
            if old.get("status") == fresh["status"]:
                fresh["lastTransitionTime"] = old.get("lastTransitionTime", now)
            conditions[i] = fresh
            return
    conditions.append(fresh)


def _phase(pod: Obj) -> str:
    return str((pod.get("status") or {}).get("phase", "Pending"))


def _ready(node: Obj) -> bool:
    return any(
        c.get("type") == "Ready" and c.get("status") == "True"
        for c in (node.get("status") or {}).get("conditions") or []
    )


def _out_of_service(node: Obj) -> bool:
    return any(
        t.get("key") == OUT_OF_SERVICE_TAINT
        for t in node.get("spec", {}).get("taints") or []
    )


def _eviction_then_age(pod: Obj) -> tuple[bool, str, str]:
    evicted = (pod.get("status") or {}).get("reason") == "Evicted"
    meta = pod["metadata"]
    return not evicted, meta.get("creationTimestamp", ""), meta["name"]
