"""The resourcequota controller (``pkg/controller/resourcequota``).

It keeps each quota's ``status``: ``hard`` copied from the spec and ``used``
counted from the objects in the namespace (zero for resources nothing uses).
It recounts a quota when its spec changes, when objects it counts are deleted
or change (a pod finishing frees its CPU and memory), and every five minutes
(``--resource-quota-sync-period``). Admission charges new objects at once;
this controller is what gives the quota back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cluster.api import quota, resources
from cluster.api.errors import StatusError
from cluster.clock import Clock, Timer
from cluster.controllers.informers import Handler, Registrations, SharedInformerFactory
from cluster.controllers.workqueue import InstantBatch

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
SYNC_PERIOD = 300.0
# Kinds nobody puts a quota on, and that change too often to follow.
UNWATCHED = {"events", "leases", "endpoints", "endpointslices"}


class ResourceQuotaController:
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
        self._batch = InstantBatch(clock, self._sync_namespace)
        self._resync: Timer | None = None
        self.informers = informers or SharedInformerFactory(api, actor)
        self.resourcequotas = self.informers.informer("resourcequotas")
        watches = self._watches()
        self._watched = {plural for plural, _ in watches}
        self.handlers = Registrations(self.informers, watches)

    def _watches(self) -> list[tuple[str, Handler]]:
        watches: list[tuple[str, Handler]] = [("resourcequotas", self._on_quota)]
        for rt in resources.RESOURCES:
            if rt.namespaced and rt.plural not in UNWATCHED | {"resourcequotas"}:
                watches.append((rt.plural, self._on_object))
        return watches

    def start(self) -> None:
        self.handlers.add()
        self.informers.start()
        for rq in self.resourcequotas.list():
            self._on_quota("ADDED", rq)
        self._resync = self.clock.call_later(SYNC_PERIOD, self._resync_all)

    def stop(self) -> None:
        self.handlers.remove()
        self._batch.stop()
        if self._resync:
            self._resync.cancel()

    # -- triggers -----------------------------------------------------------------

    def _on_quota(self, verb: str, rq: Obj) -> None:
        meta = rq["metadata"]
        if verb == "DELETED":
            return
        status = rq.get("status") or {}
        if status.get("hard") != rq.get("spec", {}).get("hard") or "used" not in status:
            self._mark(meta["namespace"])

    def _on_object(self, verb: str, obj: Obj) -> None:
        namespace = obj["metadata"].get("namespace", "")
        if verb != "ADDED" and self.resourcequotas.shared(namespace):
            self._mark(namespace)

    def _resync_all(self) -> None:
        for rq in self.resourcequotas.shared():
            self._mark(rq["metadata"]["namespace"])
        self._resync = self.clock.call_later(SYNC_PERIOD, self._resync_all)

    def _mark(self, namespace: str) -> None:
        self._batch.mark(namespace)

    def _sync_namespace(self, namespace: str) -> None:
        for rq in self.resourcequotas.list(namespace):
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
            for obj in self._objects(rt, namespace):
                used = quota.usage(rt, obj)
                total = quota.add(total, {r: used[r] for r in tracked if r in used})
        return total

    def _objects(self, rt: resources.ResourceType, namespace: str) -> list[Obj]:
        # The kinds left unwatched have no handler here to keep a count
        # fresh; an object-count quota on them is counted live.
        if rt.plural in self._watched:
            return self.informers.informer(rt.plural).shared(namespace)
        return self.api.list(rt.plural, namespace)
