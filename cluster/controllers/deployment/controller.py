"""``deployment_controller.go``: watches, the work queue and ``syncDeployment``.

A Deployment is synced when it changes, when a ReplicaSet it owns (or an
orphan its selector matches) changes, and, for Recreate, when its last old
pod is deleted. The sync claims the ReplicaSets, then takes one path:
deleting (status only), paused or scaling (``sync``), or a rollout by the
strategy.
"""

from __future__ import annotations

from typing import Any

from cluster.api import labelselector
from cluster.api.errors import StatusError
from cluster.controllers import podutil
from cluster.controllers.base import Handler, QueueController
from cluster.controllers.deployment import recreate, rolling, sync
from cluster.controllers.refmanager import RefManager

Obj = dict[str, Any]
COMPONENT = "deployment-controller"
SELECTING_ALL = (
    "This deployment is selecting all pods. A non-empty selector is required."
)


class DeploymentController(QueueController):
    component = COMPONENT
    resource = "deployments"
    kind = "Deployment"

    def watches(self) -> list[tuple[str, Handler]]:
        return [
            ("deployments", self.on_object),
            ("replicasets", self.enqueue_owner_or_adopters),
            ("pods", self._on_pod),
        ]

    def now(self) -> str:
        return self.clock.timestamp()

    # -- event handlers ------------------------------------------------------------

    def _on_pod(self, verb: str, pod: Obj) -> None:
        """``deletePod``: a Recreate rollout waits for its old pods to go."""
        if verb != "DELETED":
            return
        ref = podutil.controller_ref(pod)
        if ref is None or ref.get("kind") != "ReplicaSet":
            return
        namespace = pod["metadata"].get("namespace") or "default"
        try:
            rs = self.lister("replicasets").get(ref["name"], namespace)
        except StatusError:
            return
        key = self.owner_key(rs)
        if key is not None:
            self.queue.add(key)

    # -- syncDeployment ----------------------------------------------------------------

    def sync(self, key: tuple[str, str]) -> None:
        namespace, name = key
        try:
            d = self.lister("deployments").get(name, namespace)
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
            self.lister("replicasets").list(namespace), d["spec"].get("selector")
        )

    def pod_map(self, d: Obj, rs_list: list[Obj]) -> dict[str, list[Obj]]:
        """``getPodMapForDeployment``: the selected pods by owning ReplicaSet UID."""
        uids = {rs["metadata"]["uid"]: [] for rs in rs_list}  # type: dict[str, list[Obj]]
        selector = d["spec"].get("selector")
        for pod in self.lister("pods").list(d["metadata"]["namespace"]):
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
