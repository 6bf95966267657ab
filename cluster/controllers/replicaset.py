"""The ReplicaSet controller (``pkg/controller/replicaset/replica_set.go``).

Each sync claims the active pods the selector matches, creates or deletes
pods to reach ``spec.replicas`` and writes the status. Creations go in
slow-start batches (1, 2, 4, ...; at most ``burstReplicas`` = 500 a sync) and
stop at the first batch with a failure; deletions take the pods
``getPodsToDelete`` ranks first (``rank.py``). Every pod created or deleted
gets a ``SuccessfulCreate`` / ``SuccessfulDelete`` Event from
``replicaset-controller``. Status lags one sync behind, as the real one does:
it counts the pods that existed when the sync began.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.api import labelselector
from cluster.api.errors import StatusError
from cluster.clock import Clock
from cluster.controllers import podutil, rank
from cluster.controllers.base import Handler, QueueController
from cluster.controllers.refmanager import RefManager

Obj = dict[str, Any]
COMPONENT = "replicaset-controller"
BURST_REPLICAS = 500
SLOW_START_INITIAL_BATCH_SIZE = 1


def slow_start_batch(count: int, create: Callable[[], StatusError | None]) -> int:
    """Run ``create`` ``count`` times in doubling batches; stop after a batch
    with errors. Returns the number of successes and raises the first error."""
    remaining, successes = count, 0
    batch = min(remaining, SLOW_START_INITIAL_BATCH_SIZE)
    while batch > 0:
        errors = [e for e in (create() for _ in range(batch)) if e is not None]
        successes += batch - len(errors)
        if errors:
            raise errors[0]
        remaining -= batch
        batch = min(2 * batch, remaining)
    return successes


class ReplicaSetController(QueueController):
    component = COMPONENT
    resource = "replicasets"
    kind = "ReplicaSet"

    def watches(self) -> list[tuple[str, Handler]]:
        return [
            ("replicasets", self.on_object),
            ("pods", self.enqueue_owner_or_adopters),
        ]

    # -- sync ----------------------------------------------------------------------

    def sync(self, key: tuple[str, str]) -> None:
        namespace, name = key
        try:
            rs = self.lister("replicasets").get(name, namespace)
        except StatusError:
            return
        selector = rs["spec"].get("selector")
        # Read-only, as the real lister's: claiming writes copies.
        pods = self.lister("pods").shared(namespace)
        manager = RefManager(self.api, self.actor, rs, "pods")
        active = manager.claim([p for p in pods if podutil.is_active(p)], selector)
        terminating = [
            p
            for p in pods
            if podutil.is_terminating(p)
            and podutil.owned_by(p, rs)
            and labelselector.selects(selector, p)
        ]
        error = None
        if not rs["metadata"].get("deletionTimestamp"):
            error = self.manage_replicas(rs, active)
        self._write_status(rs, active, terminating, error)

    def manage_replicas(self, rs: Obj, active: list[Obj]) -> StatusError | None:
        diff = len(active) - rs["spec"].get("replicas", 1)
        try:
            if diff < 0:
                slow_start_batch(
                    min(-diff, BURST_REPLICAS),
                    lambda: self.create_pod(rs, rs["spec"]["template"]),
                )
            elif diff > 0:
                self._delete(rs, active, min(diff, BURST_REPLICAS))
        except StatusError as err:
            return err
        return None

    def _delete(self, rs: Obj, active: list[Obj], diff: int) -> None:
        related = self._related_pods(rs)
        now = self.clock.wall()
        failed = None
        for pod in rank.pods_to_delete(active, related, diff, now):
            err = self.delete_pod(rs, pod)
            if err is not None and err.code != 404:
                failed = failed or err
        if failed is not None:
            raise failed

    def _related_pods(self, rs: Obj) -> list[Obj]:
        """``getIndirectlyRelatedPods``: the pods of every ReplicaSet with the
        same controlling owner (a Deployment's old and new ReplicaSets)."""
        namespace = rs["metadata"]["namespace"]
        owner = podutil.controller_ref(rs)
        siblings = [
            other
            for other in self.lister("replicasets").list(namespace)
            if owner is not None
            and (podutil.controller_ref(other) or {}).get("uid") == owner.get("uid")
        ] or [rs]
        uids = {s["metadata"]["uid"] for s in siblings}
        return [
            p
            for p in self.lister("pods").shared(namespace)
            if (podutil.controller_ref(p) or {}).get("uid") in uids
        ]

    # -- status --------------------------------------------------------------------

    def _write_status(
        self,
        rs: Obj,
        active: list[Obj],
        terminating: list[Obj],
        error: StatusError | None,
    ) -> None:
        status = calculate_status(rs, active, terminating, error, self.clock)
        if status == rs.get("status"):
            self._requeue_for_availability(rs)
            return
        rs["status"] = status
        try:
            updated = self.api.update(rs, actor=self.actor, subresource="status")
        except StatusError:
            return
        self._requeue_for_availability(updated)

    def _requeue_for_availability(self, rs: Obj) -> None:
        """Pods become available ``minReadySeconds`` after they are ready."""
        spec, status = rs["spec"], rs.get("status") or {}
        wanted = spec.get("replicas", 1)
        min_ready = spec.get("minReadySeconds", 0)
        if (
            min_ready > 0
            and status.get("readyReplicas", 0) == wanted
            and status.get("availableReplicas", 0) != wanted
        ):
            self.enqueue(rs, float(min_ready))


def calculate_status(
    rs: Obj,
    active: list[Obj],
    terminating: list[Obj],
    error: StatusError | None,
    clock: Clock,
) -> Obj:
    template_labels = rs["spec"]["template"].get("metadata", {}).get("labels") or {}
    now = clock.wall()
    min_ready = rs["spec"].get("minReadySeconds", 0)
    labeled = sum(
        1
        for p in active
        if labelselector.matches(
            {"matchLabels": template_labels}, p["metadata"].get("labels")
        )
    )
    ready = [p for p in active if podutil.is_ready(p)]
    available = [p for p in ready if podutil.is_available(p, min_ready, now)]
    status: Obj = {"replicas": len(active)}
    for key, value in (
        ("fullyLabeledReplicas", labeled),
        ("readyReplicas", len(ready)),
        ("availableReplicas", len(available)),
        ("observedGeneration", rs["metadata"].get("generation", 0)),
    ):
        if value:
            status[key] = value
    status["terminatingReplicas"] = len(terminating)
    conditions = _failure_conditions(rs, active, error, clock)
    if conditions:
        status["conditions"] = conditions
    return status


def _failure_conditions(
    rs: Obj, active: list[Obj], error: StatusError | None, clock: Clock
) -> list[Obj]:
    """The ``ReplicaFailure`` condition: set on a failed create or delete,
    removed by the next sync that manages replicas without error."""
    conditions = list((rs.get("status") or {}).get("conditions") or [])
    existing = [c for c in conditions if c.get("type") == "ReplicaFailure"]
    if error is not None and not existing:
        diff = len(active) - rs["spec"].get("replicas", 1)
        reason = "FailedCreate" if diff < 0 else "FailedDelete" if diff > 0 else ""
        conditions.append(
            {
                "type": "ReplicaFailure",
                "status": "True",
                "lastTransitionTime": clock.timestamp(),
                "reason": reason,
                "message": error.message,
            }
        )
    elif error is None and existing:
        conditions = [c for c in conditions if c.get("type") != "ReplicaFailure"]
    return conditions
