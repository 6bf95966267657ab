"""The DaemonSet controller (``pkg/controller/daemon``).

For every node it decides whether the DaemonSet should run there (node name,
node selector and required affinity, and taints against the template's
tolerations plus the daemon ones); it creates a pod for a node that needs one
and deletes pods that should not run, failed pods and duplicates. Its pods
are scheduled by the default scheduler: each carries a required node affinity
``metadata.name In [<node>]``. A RollingUpdate replaces pods of an older
template at most ``maxUnavailable`` at a time (delete first, then create).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from cluster.api.errors import StatusError
from cluster.api.kinds.daemonset import template_generation
from cluster.clock import Clock
from cluster.controllers import daemonutil, podutil
from cluster.controllers.base import Handler, QueueController
from cluster.controllers.deployment.util import scaled_value
from cluster.controllers.hashing import compute_hash
from cluster.controllers.refmanager import RefManager
from cluster.controllers.replicaset import slow_start_batch

Obj = dict[str, Any]
COMPONENT = "daemonset-controller"
BURST_REPLICAS = 250


class DaemonSetController(QueueController):
    component = COMPONENT
    resource = "daemonsets"
    kind = "DaemonSet"

    def watches(self) -> list[tuple[str, Handler]]:
        return [
            ("daemonsets", self.on_object),
            ("pods", self._on_pod),
            ("nodes", self._on_node),
        ]

    def _on_pod(self, verb: str, pod: Obj) -> None:
        key = self.owner_key(pod)
        if key is not None:
            self.queue.add(key)

    def _on_node(self, verb: str, node: Obj) -> None:
        # Any node change may change where the daemon pods belong.
        self.resync_resource()

    # -- syncDaemonSet ----------------------------------------------------------------

    def sync(self, key: tuple[str, str]) -> None:
        namespace, name = key
        try:
            ds = self.lister("daemonsets").get(name, namespace)
        except StatusError:
            return
        nodes = self.lister("nodes").list()  # by name
        pods = RefManager(self.api, self.actor, ds, "pods").claim(
            self.lister("pods").list(namespace), ds["spec"].get("selector")
        )
        pod_hash = compute_hash(
            ds["spec"]["template"], (ds.get("status") or {}).get("collisionCount")
        )
        if not ds["metadata"].get("deletionTimestamp"):
            self._manage(ds, nodes, pods, pod_hash)
        self._write_status(ds, nodes, pod_hash)

    def _manage(
        self, ds: Obj, nodes: list[Obj], pods: list[Obj], pod_hash: str
    ) -> None:
        by_node = _pods_by_node(pods)
        create: list[str] = []
        delete: list[Obj] = []
        for node in nodes:
            node_name = node["metadata"]["name"]
            run, keep = daemonutil.should_run(node, ds)
            # Pods deleted but not yet finished still hold their node: a new
            # one comes once they are gone (getNodesToDaemonPods).
            present = [p for p in by_node.pop(node_name, []) if not _gone(p)]
            if run and not present:
                create.append(node_name)
                continue
            here = [p for p in present if not p["metadata"].get("deletionTimestamp")]
            delete += self._unwanted(ds, node_name, here, run, keep)
        for gone in by_node.values():
            delete += [p for p in gone if podutil.is_active(p)]
        if ds["spec"]["updateStrategy"].get("type") == "RollingUpdate":
            delete += self._rolling_victims(ds, nodes, pods, pod_hash, delete)
        self._delete(ds, delete)
        self._create(ds, create[:BURST_REPLICAS], pod_hash)

    def _unwanted(
        self, ds: Obj, node_name: str, here: list[Obj], run: bool, keep: bool
    ) -> list[Obj]:
        if not keep:
            return here
        failed = [p for p in here if podutil.phase(p) == "Failed"]
        for pod in failed:
            self.recorder.warning(
                ds,
                "FailedDaemonPod",
                f"Found failed daemon pod {pod['metadata']['namespace']}/"
                f"{pod['metadata']['name']} on node {node_name}, will try to kill it",
            )
        alive = sorted(
            (p for p in here if podutil.phase(p) != "Failed"),
            key=lambda p: (
                p["metadata"].get("creationTimestamp", ""),
                p["metadata"]["name"],
            ),
        )
        return failed + alive[1:]

    def _rolling_victims(
        self,
        ds: Obj,
        nodes: list[Obj],
        pods: list[Obj],
        pod_hash: str,
        doomed: list[Obj],
    ) -> list[Obj]:
        """Old-template pods to delete now: unavailable ones always, available
        ones while the DaemonSet stays within maxUnavailable."""
        desired = [n for n in nodes if daemonutil.should_run(n, ds)[0]]
        rolling = ds["spec"]["updateStrategy"].get("rollingUpdate") or {}
        budget = scaled_value(rolling.get("maxUnavailable", 1), len(desired), True)
        now = self.clock.wall()
        min_ready = ds["spec"].get("minReadySeconds", 0)
        by_node = _pods_by_node(
            [p for p in pods if podutil.is_active(p) and p not in doomed]
        )
        unavailable = 0
        old_available: list[Obj] = []
        old_unavailable: list[Obj] = []
        for node in desired:
            here = by_node.get(node["metadata"]["name"], [])
            available = any(podutil.is_available(p, min_ready, now) for p in here)
            unavailable += 0 if available else 1
            for pod in here:
                if not _updated(pod, pod_hash):
                    (old_available if available else old_unavailable).append(pod)
        room = max(budget - unavailable, 0)
        return old_unavailable + old_available[:room]

    def _delete(self, ds: Obj, pods: list[Obj]) -> None:
        for pod in pods:
            meta = pod["metadata"]
            try:
                self.api.delete(
                    "pods", meta["name"], meta["namespace"], actor=self.actor
                )
            except StatusError:
                continue
            self.recorder.normal(ds, "SuccessfulDelete", f"Deleted pod: {meta['name']}")

    def _create(self, ds: Obj, node_names: list[str], pod_hash: str) -> None:
        generation = template_generation(ds)
        pending = list(node_names)

        def create_one() -> StatusError | None:
            template = daemonutil.pod_template(ds, pending.pop(0), pod_hash, generation)
            return self.create_pod(ds, template)

        try:
            slow_start_batch(len(node_names), create_one)
        except StatusError:
            return

    # -- status ------------------------------------------------------------------------

    def _write_status(self, ds: Obj, nodes: list[Obj], pod_hash: str) -> None:
        fresh = self.api.list("pods", ds["metadata"]["namespace"])
        pods = [
            p
            for p in fresh
            if podutil.owned_by(p, ds) and not p["metadata"].get("deletionTimestamp")
        ]
        status = _status(ds, nodes, _pods_by_node(pods), pod_hash, self.clock)
        min_ready = ds["spec"].get("minReadySeconds", 0)
        if min_ready and status["numberReady"] != status.get("numberAvailable", 0):
            self.enqueue(ds, float(min_ready))
        if status == ds.get("status"):
            return
        ds["status"] = status
        try:
            self.api.update(ds, actor=self.actor, subresource="status")
        except StatusError:
            return


def _pods_by_node(pods: list[Obj]) -> dict[str, list[Obj]]:
    grouped: dict[str, list[Obj]] = defaultdict(list)
    for pod in pods:
        node = daemonutil.target_node(pod)
        if node:
            grouped[node].append(pod)
    return grouped


def _gone(pod: Obj) -> bool:
    """Deleted and finished: no longer counts as the node's daemon pod."""
    deleted = bool(pod["metadata"].get("deletionTimestamp"))
    return deleted and podutil.phase(pod) in podutil.TERMINAL


def _updated(pod: Obj, pod_hash: str) -> bool:
    return (pod["metadata"].get("labels") or {}).get(
        daemonutil.REVISION_HASH
    ) == pod_hash


def _status(
    ds: Obj,
    nodes: list[Obj],
    by_node: dict[str, list[Obj]],
    pod_hash: str,
    clock: Clock,
) -> Obj:
    now, min_ready = clock.wall(), ds["spec"].get("minReadySeconds", 0)
    counts = defaultdict(int)  # type: dict[str, int]
    for node in nodes:
        here = by_node.get(node["metadata"]["name"], [])
        if not daemonutil.should_run(node, ds)[0]:
            counts["numberMisscheduled"] += 1 if here else 0
            continue
        counts["desiredNumberScheduled"] += 1
        if not here:
            continue
        counts["currentNumberScheduled"] += 1
        pod = min(here, key=lambda p: p["metadata"].get("creationTimestamp", ""))
        counts["numberReady"] += 1 if podutil.is_ready(pod) else 0
        counts["numberAvailable"] += (
            1 if podutil.is_available(pod, min_ready, now) else 0
        )
        counts["updatedNumberScheduled"] += 1 if _updated(pod, pod_hash) else 0
    status: Obj = {
        key: counts[key]
        for key in (
            "currentNumberScheduled",
            "numberMisscheduled",
            "desiredNumberScheduled",
            "numberReady",
        )
    }
    unavailable = counts["desiredNumberScheduled"] - counts["numberAvailable"]
    for key, value in (
        ("observedGeneration", ds["metadata"].get("generation", 0)),
        ("updatedNumberScheduled", counts["updatedNumberScheduled"]),
        ("numberAvailable", counts["numberAvailable"]),
        ("numberUnavailable", unavailable),
        ("collisionCount", (ds.get("status") or {}).get("collisionCount", 0)),
    ):
        if value:
            status[key] = value
    return status
