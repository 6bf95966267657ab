"""The resourcequota controller (``pkg/controller/resourcequota``).

It keeps each quota's ``status``: ``hard`` copied from the spec and ``used``
counted from the objects in the namespace (zero for resources nothing uses).
It recounts a quota when its spec changes, when objects it counts are deleted
or change (a pod finishing frees its CPU and memory), and every five minutes
(``--resource-quota-sync-period``). Admission charges new objects at once;
this controller is what gives the quota back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cluster.api import quota, resources
from cluster.api.errors import StatusError
from cluster.clock import Clock, Timer
from cluster.controllers.workqueue import InstantBatch

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
SYNC_PERIOD = 300.0
# Kinds nobody puts a quota on, and that change too often to follow.
UNWATCHED = {"events", "leases", "endpoints", "endpointslices"}


class ResourceQuotaController:
    def __init__(self, api: APIServer, clock: Clock, actor: str) -> None:
        self.api = api
        self.clock = clock
        self.actor = actor
        self.quotas: dict[str, set[str]] = {}  # namespace -> quota names
        self._batch = InstantBatch(clock, self._sync_namespace)
        self._resync: Timer | None = None
        self._cancels: list[Callable[[], None]] = []

    def start(self) -> None:
        for rq in self.api.list("resourcequotas"):
            self._on_quota("ADDED", rq)
        self._cancels.append(
            self.api.watch("resourcequotas", self._on_quota, actor=self.actor)
        )
        for rt in resources.RESOURCES:
            if rt.namespaced and rt.plural not in UNWATCHED | {"resourcequotas"}:
                self._cancels.append(
                    self.api.watch(rt.plural, self._on_object, actor=self.actor)
                )
        self._resync = self.clock.call_later(SYNC_PERIOD, self._resync_all)

    def stop(self) -> None:
        for cancel in self._cancels:
            cancel()
        self._batch.stop()
        if self._resync:
            self._resync.cancel()

    # -- triggers -----------------------------------------------------------------

    def _on_quota(self, verb: str, rq: Obj) -> None:
        meta = rq["metadata"]
        names = self.quotas.setdefault(meta["namespace"], set())
        if verb == "DELETED":
            names.discard(meta["name"])
            return
        names.add(meta["name"])
        status = rq.get("status") or {}
        if status.get("hard") != rq.get("spec", {}).get("hard") or "used" not in status:
            self._mark(meta["namespace"])

    def _on_object(self, verb: str, obj: Obj) -> None:
        namespace = obj["metadata"].get("namespace", "")
        if self.quotas.get(namespace) and verb != "ADDED":
            self._mark(namespace)

    def _resync_all(self) -> None:
        for namespace, names in sorted(self.quotas.items()):
            if names:
                self._mark(namespace)
        self._resync = self.clock.call_later(SYNC_PERIOD, self._resync_all)

    def _mark(self, namespace: str) -> None:
        self._batch.mark(namespace)

    def _sync_namespace(self, namespace: str) -> None:
        for rq in self.api.list("resourcequotas", namespace):
            self.sync(rq)

    # -- the sync -------------------------------------------------------------------

    def sync(self, rq: Obj) -> None:
        """``syncResourceQuota``: write ``hard`` and a fresh ``used`` if changed."""
        hard = dict(rq.get("spec", {}).get("hard") or {})
        used = quota.as_list(self._usage(rq["metadata"]["namespace"], sorted(hard)))
        status = rq.get("status") or {}
        if status.get("hard") == hard and status.get("used") == used:
            return
        rq["status"] = {"hard": hard, "used": used}
        try:
            self.api.update(rq, actor=self.actor, subresource="status")
        except StatusError:
            self._mark(rq["metadata"]["namespace"])

    def _usage(self, namespace: str, names: list[str]) -> quota.Usage:
        total: quota.Usage = {name: quota.ZERO for name in names}
        for rt in resources.RESOURCES:
            tracked = quota.covered(rt, names) if rt.namespaced else []
            if not tracked:
                continue
            for obj in self.api.list(rt.plural, namespace):
                used = quota.usage(rt, obj)
                total = quota.add(total, {r: used[r] for r in tracked if r in used})
        return total
