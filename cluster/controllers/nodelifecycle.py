"""The node lifecycle controller (``pkg/controller/nodelifecycle``).

Every five seconds (``--node-monitor-period``) it looks at each node's
heartbeats (``nodehealth``). A node silent for the grace period gets its
conditions set to Unknown, a ``NodeNotReady`` event, and its pods marked not
Ready (each with a ``NodeNotReady`` warning). On node changes it keeps the
condition NoSchedule taints and the cordon taint; on the monitor pass after
a node turned NotReady or Unknown it queues the node, per zone and rate
limited, for the matching NoExecute taint, which the taint eviction
controller acts on. A node Ready again loses its NoExecute taints. When
every node of every zone is down it stops tainting and lifts the taints
("master disruption mode").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cluster.api.errors import StatusError
from cluster.clock import Clock, Timer
from cluster.controllers import nodehealth, nodetaints
from cluster.controllers.informers import Registrations, SharedInformerFactory
from cluster.controllers.nodetaints import (
    NOT_READY,
    UNREACHABLE,
    TokenBucket,
    ZoneQueue,
)
from cluster.recorder import EventRecorder

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
MONITOR_PERIOD = 5.0
LEASE_NAMESPACE = "kube-node-lease"
EXCLUDE_DISRUPTION = "node.kubernetes.io/exclude-disruption"


class NodeLifecycleController:
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
        self.recorder = EventRecorder(api, "node-controller", actor=actor)
        self.informers = informers or SharedInformerFactory(api, actor)
        self.nodes = self.informers.informer("nodes")
        self.leases = self.informers.informer("leases")
        self.pods = self.informers.informer("pods")
        self.known: set[str] = set()
        self.health: dict[str, nodehealth.Health] = {}
        self.zones: dict[str, ZoneQueue] = {}
        self.zone_states: dict[str, str] = {}
        self._timers: dict[str, Timer] = {}
        self.handlers = Registrations(self.informers, [("nodes", self._on_node)])

    def start(self) -> None:
        self.handlers.add()
        self.informers.start()
        # WaitForNamedCacheSync: the first pass runs once the informers have
        # taken in what is already there (nodes registering as we start).
        self.clock.call_later(0, self._later, "monitor", 0, self._monitor)

    def stop(self) -> None:
        self.handlers.remove()
        for timer in self._timers.values():
            timer.cancel()

    def _later(self, name: str, delay: float, callback: Callable[[], None]) -> None:
        old = self._timers.get(name)
        if old is not None and not old.cancelled and old.time <= self.clock.now + delay:
            return
        if old is not None:
            old.cancel()
        self._timers[name] = self.clock.call_later(delay, self._fire, name, callback)

    def _fire(self, name: str, callback: Callable[[], None]) -> None:
        self._timers.pop(name, None)
        callback()

    # -- informers ----------------------------------------------------------------

    def _on_node(self, verb: str, node: Obj) -> None:
        if verb != "DELETED":
            self._no_schedule_pass(node)

    def _node_names(self) -> list[str]:
        return [node["metadata"]["name"] for node in self.nodes.shared()]

    # -- the monitor pass -----------------------------------------------------------

    def _monitor(self) -> None:
        self._later("monitor", MONITOR_PERIOD, self._monitor)
        zones: dict[str, list[bool]] = {}
        names = self._node_names()
        for name in names:
            self._classify(name)
            ready = self._monitor_node(name)
            node = self.nodes.find(name)
            if ready is not None and node is not None and not _excluded(node):
                zones.setdefault(nodetaints.zone_of(node), []).append(ready)
        for name in sorted(self.known - set(names)):
            self.known.discard(name)
            self.health.pop(name, None)
        self._handle_disruption(zones)
        self._taint_pass()

    def _classify(self, name: str) -> None:
        node = self.nodes.get(name)
        zone = nodetaints.zone_of(node)
        if zone not in self.zones:
            self.zones[zone] = ZoneQueue(
                TokenBucket(nodetaints.EVICTION_QPS, last=self.clock.now)
            )
            self.zone_states[zone] = "Initial"
        if name not in self.known:
            self.known.add(name)
            self._node_event(
                node, "RegisteredNode", f"Registered Node {name} in Controller"
            )

    def _monitor_node(self, name: str) -> bool | None:
        """One node's health pass; whether it is Ready afterwards."""
        node = self.nodes.get(name)
        observed = dict(nodehealth.ready_condition(node) or {"status": "Unknown"})
        health = nodehealth.observe(
            self.health.get(name),
            node,
            self.leases.find(name, LEASE_NAMESPACE),
            self.clock.now,
        )
        self.health[name] = health
        current = observed
        if self.clock.now > health.probe + nodehealth.grace_period(node):
            current = self._mark_unknown(node) or observed
        self._taint_based_eviction(node, observed.get("status"))
        if current.get("status") != "True" and observed.get("status") == "True":
            self._status_change(node, "NodeNotReady")
            self._mark_pods_not_ready(name)
        return current.get("status") == "True"

    def _mark_unknown(self, node: Obj) -> Obj | None:
        updated = {**node, "status": _copy_status(node)}
        if not nodehealth.mark_unknown(updated, self.clock.timestamp()):
            return None
        try:
            stored = self.api.update(updated, actor=self.actor, subresource="status")
        except StatusError:
            return None
        self.health[node["metadata"]["name"]].ready_transition = self.clock.now
        return nodehealth.ready_condition(stored)

    # -- NoExecute tainting ---------------------------------------------------------

    def _taint_based_eviction(self, node: Obj, observed: str | None) -> None:
        name, zone = node["metadata"]["name"], nodetaints.zone_of(node)
        queue = self.zones[zone]
        if observed == "False":
            if nodetaints.has_taint(node, UNREACHABLE, "NoExecute"):
                self._swap(node, [_taint(NOT_READY)], [_taint(UNREACHABLE)])
            else:
                if not nodetaints.has_taint(node, NOT_READY, "NoExecute"):
                    queue.remove(name)
                queue.add(name)
        elif observed == "Unknown":
            if nodetaints.has_taint(node, NOT_READY, "NoExecute"):
                self._swap(node, [_taint(UNREACHABLE)], [_taint(NOT_READY)])
            else:
                if not nodetaints.has_taint(node, UNREACHABLE, "NoExecute"):
                    queue.remove(name)
                queue.add(name)
        elif observed == "True":
            self._mark_reachable(node)

    def _mark_reachable(self, node: Obj) -> None:
        self._swap(node, [], [_taint(UNREACHABLE), _taint(NOT_READY)])
        self.zones[nodetaints.zone_of(node)].remove(node["metadata"]["name"])

    def _taint_pass(self) -> None:
        """``doNoExecuteTaintingPass``: taint queued nodes while tokens last."""
        for zone in sorted(self.zones):
            queue = self.zones[zone]
            while queue.nodes and queue.bucket.try_accept(self.clock.now):
                self._taint_no_execute(queue.nodes.pop(0))
            wait = queue.bucket.next_token(self.clock.now) if queue.nodes else None
            if wait is not None:
                self._later("taint", wait, self._taint_pass)

    def _taint_no_execute(self, name: str) -> None:
        node = self.nodes.find(name)
        ready = nodehealth.ready_condition(node or {}) or {}
        status = ready.get("status")
        if node is None or status not in ("False", "Unknown"):
            return
        add, opposite = (
            (NOT_READY, UNREACHABLE) if status == "False" else (UNREACHABLE, NOT_READY)
        )
        self._swap(node, [_taint(add)], [_taint(opposite)])

    def _handle_disruption(self, zones: dict[str, list[bool]]) -> None:
        states = {zone: nodetaints.zone_state(ready) for zone, ready in zones.items()}
        all_full = bool(states) and all(s == "FullDisruption" for s in states.values())
        if all_full:
            for node in self.nodes.list():
                self._mark_reachable(node)
            for zone in states:
                self.zones[zone].bucket.qps = 0.0
        else:
            for zone, state in states.items():
                self.zones[zone].bucket.qps = nodetaints.zone_qps(
                    state, len(zones[zone])
                )
        self.zone_states.update(states)

    # -- NoSchedule tainting -----------------------------------------------------------

    def _no_schedule_pass(self, node: Obj) -> None:
        """``doNoScheduleTaintingPass``: condition and cordon taints."""
        wanted = nodetaints.no_schedule_taints(node)
        have = [
            t
            for t in node.get("spec", {}).get("taints") or []
            if t.get("effect") == "NoSchedule"
            and t.get("key") in nodetaints.MANAGED_NO_SCHEDULE
        ]
        keys = {t["key"] for t in wanted}
        add = [t for t in wanted if not any(h.get("key") == t["key"] for h in have)]
        remove = [
            {"key": h["key"], "effect": "NoSchedule"}
            for h in have
            if h["key"] not in keys
        ]
        if add or remove:
            self._swap(node, add, remove)

    # -- writes -----------------------------------------------------------------------

    def _swap(self, node: Obj, add: list[Obj], remove: list[Obj]) -> None:
        if not _would_change(node, add, remove):
            return  # checked on the cached node first: no GET for a no-op
        try:
            fresh = self.api.get("nodes", node["metadata"]["name"])
        except StatusError:
            return
        if not nodetaints.swap_taints(fresh, add, remove, self.clock.timestamp()):
            return
        try:
            self.api.update(fresh, actor=self.actor)
        except StatusError:
            return  # the next pass tries again

    def _status_change(self, node: Obj, status: str) -> None:
        name = node["metadata"]["name"]
        self._node_event(node, status, f"Node {name} status is now: {status}", raw=True)

    def _node_event(
        self, node: Obj, reason: str, event: str, raw: bool = False
    ) -> None:
        name = node["metadata"]["name"]
        ref = {
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": {"name": name, "uid": node["metadata"].get("uid")},
        }
        message = event if raw else f"Node {name} event: {event}"
        self.recorder.normal(ref, reason, message)

    def _mark_pods_not_ready(self, node_name: str) -> None:
        """``MarkPodsNotReady``: the pods' Ready condition goes False."""
        for pod in self.pods.list(field_selector=f"spec.nodeName={node_name}"):
            ready = next(
                (
                    c
                    for c in pod.get("status", {}).get("conditions") or []
                    if c.get("type") == "Ready"
                ),
                None,
            )
            if ready is None or ready.get("status") == "False":
                continue
            ready.update(status="False", lastTransitionTime=self.clock.timestamp())
            try:
                self.api.update(pod, actor=self.actor, subresource="status")
            except StatusError:
                continue
            self.recorder.warning(pod, "NodeNotReady", "Node is not ready")


def _would_change(node: Obj, add: list[Obj], remove: list[Obj]) -> bool:
    def present(taint: Obj) -> bool:
        return nodetaints.has_taint(node, taint["key"], taint["effect"])

    return any(not present(t) for t in add) or any(present(t) for t in remove)


def _taint(key: str) -> Obj:
    return {"key": key, "effect": "NoExecute"}


def _excluded(node: Obj) -> bool:
    return EXCLUDE_DISRUPTION in (node["metadata"].get("labels") or {})


def _copy_status(node: Obj) -> Obj:
    status = dict(node.get("status") or {})
    status["conditions"] = [dict(c) for c in status.get("conditions") or []]
    return status
