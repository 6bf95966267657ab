"""``deployment_controller.go``: watches, the work queue and ``syncDeployment``.

A Deployment is synced when it changes, when a ReplicaSet it owns (or an
orphan its selector matches) changes, and, for Recreate, when its last old
pod is deleted. The sync claims the ReplicaSets, then takes one path:
deleting (status only), paused or scaling (``sync``), or a rollout by the
strategy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.api import labelselector
from cluster.api.errors import StatusError
from cluster.apiserver import APIServer
from cluster.clock import Clock
from cluster.controllers import podutil
from cluster.controllers.deployment import recreate, rolling, sync
from cluster.controllers.refmanager import RefManager
from cluster.controllers.workqueue import WorkQueue
from cluster.recorder import EventRecorder

Obj = dict[str, Any]
COMPONENT = "deployment-controller"
SELECTING_ALL = (
    "This deployment is selecting all pods. A non-empty selector is required."
)


class DeploymentController:
    def __init__(self, api: APIServer, clock: Clock, actor: str) -> None:
        self.api = api
        self.clock = clock
        self.actor = actor
        self.recorder = EventRecorder(api, COMPONENT, actor=actor)
        self.queue = WorkQueue(clock, self.sync)
        self._cancels: list[Callable[[], None]] = []

    def start(self) -> None:
        self.queue.running = True
        self._cancels = [
            self.api.watch("deployments", self._on_deployment, actor=self.actor),
            self.api.watch("replicasets", self._on_rs, actor=self.actor),
            self.api.watch("pods", self._on_pod, actor=self.actor),
        ]
        for d in self.api.list("deployments"):
            self.queue.add(podutil.key_of(d))

    def stop(self) -> None:
        for cancel in self._cancels:
            cancel()
        self.queue.stop()

    def now(self) -> str:
        return self.clock.timestamp()

    # -- event handlers ------------------------------------------------------------

    def _on_deployment(self, verb: str, d: Obj) -> None:
        self.queue.add(podutil.key_of(d))

    def _on_rs(self, verb: str, rs: Obj) -> None:
        ref = podutil.controller_ref(rs)
        namespace = rs["metadata"].get("namespace") or "default"
        if ref is not None:
            if ref.get("kind") == "Deployment":
                self.queue.add((namespace, ref["name"]))
            return
        if verb != "DELETED":
            for d in self.api.list("deployments", namespace):
                if labelselector.selects(d["spec"].get("selector"), rs):
                    self.queue.add(podutil.key_of(d))

    def _on_pod(self, verb: str, pod: Obj) -> None:
        """``deletePod``: a Recreate rollout waits for its old pods to go."""
        if verb != "DELETED":
            return
        ref = podutil.controller_ref(pod)
        if ref is None or ref.get("kind") != "ReplicaSet":
            return
        namespace = pod["metadata"].get("namespace") or "default"
        try:
            rs = self.api.get("replicasets", ref["name"], namespace)
        except StatusError:
            return
        owner = podutil.controller_ref(rs)
        if owner is not None and owner.get("kind") == "Deployment":
            self.queue.add((namespace, owner["name"]))

    # -- syncDeployment ----------------------------------------------------------------

    def sync(self, key: tuple[str, str]) -> None:
        namespace, name = key
        try:
            d = self.api.get("deployments", name, namespace)
        except StatusError:
            return
        if labelselector.is_empty(d["spec"].get("selector")):
            self._selecting_all(d)
            return
        rs_list = self.replica_sets_for(d)
        if d["metadata"].get("deletionTimestamp"):
            sync.sync_status_only(self, d, rs_list)
            return
        sync.check_paused_conditions(self, d)
        if d["spec"].get("paused") or sync.is_scaling_event(self, d, rs_list):
            sync.sync(self, d, rs_list)
        elif d["spec"]["strategy"].get("type") == "Recreate":
            recreate.rollout_recreate(self, d, rs_list, self.pod_map(d, rs_list))
        else:
            rolling.rollout_rolling(self, d, rs_list)

    def _selecting_all(self, d: Obj) -> None:
        self.recorder.warning(d, "SelectingAll", SELECTING_ALL)
        status = d.setdefault("status", {})
        generation = d["metadata"].get("generation", 0)
        if status.get("observedGeneration", 0) < generation:
            status["observedGeneration"] = generation
            self.update_status(d)

    def replica_sets_for(self, d: Obj) -> list[Obj]:
        """``getReplicaSetsForDeployment``: claim by selector."""
        namespace = d["metadata"]["namespace"]
        manager = RefManager(self.api, self.actor, d, "replicasets")
        return manager.claim(
            self.api.list("replicasets", namespace), d["spec"].get("selector")
        )

    def pod_map(self, d: Obj, rs_list: list[Obj]) -> dict[str, list[Obj]]:
        """``getPodMapForDeployment``: the selected pods by owning ReplicaSet UID."""
        uids = {rs["metadata"]["uid"]: [] for rs in rs_list}  # type: dict[str, list[Obj]]
        selector = d["spec"].get("selector")
        for pod in self.api.list("pods", d["metadata"]["namespace"]):
            ref = podutil.controller_ref(pod)
            if ref and ref.get("uid") in uids and labelselector.selects(selector, pod):
                uids[ref["uid"]].append(pod)
        return uids

    # -- writes ----------------------------------------------------------------------

    def update_status(self, d: Obj) -> Obj:
        updated = self.api.update(d, actor=self.actor, subresource="status")
        d["metadata"]["resourceVersion"] = updated["metadata"]["resourceVersion"]
        return updated

    def update_rs(self, rs: Obj) -> Obj:
        return dict(self.api.update(rs, actor=self.actor))
