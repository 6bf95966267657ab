"""The garbage collector (``pkg/controller/garbagecollector``).

It watches every kind, keeps the graph of ownerReferences (owner UID to
dependent UIDs) and acts on three kinds of work:

- ``delete``, ``attemptToDeleteItem``: an object whose owners are all gone
  is deleted (Background, or as its own GC finalizer says); one with a live
  owner stays, losing only its references to owners that are gone or
  deleting in the foreground; one whose owner waits in the foreground and
  that has dependents of its own is deleted in the foreground too.
- ``dependents``, ``processDeletingDependentsItem``: an owner deleted with
  ``propagationPolicy: Foreground`` keeps its ``foregroundDeletion`` finalizer
  until no dependent with ``blockOwnerDeletion`` is left.
- ``orphan``, ``orphanDependents``: an owner deleted with
  ``propagationPolicy: Orphan`` has its references removed from every
  dependent, then loses its ``orphan`` finalizer.

The graph is fed by the process's shared informers, one per kind. Reads of
owners go to the API server (``isDangling`` does a live GET), so a
missing owner is never confused with one the graph has not seen yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cluster.api import deletion, resources
from cluster.api.errors import StatusError
from cluster.api.resources import ResourceType
from cluster.apiserver import APIServer
from cluster.clock import Clock
from cluster.controllers.informers import Registrations, SharedInformerFactory
from cluster.controllers.workqueue import WorkQueue

Obj = dict[str, Any]
# Events own nothing and nothing owns them in practice; watching them would
# only add traffic. Namespaces are the namespace controller's.
UNWATCHED = frozenset({"Event", "Namespace"})


@dataclass
class Item:
    """A node of the graph: who an object is and whom it names as owners."""

    uid: str
    rt: ResourceType
    name: str
    namespace: str | None
    owners: list[Obj]


class GarbageCollector:
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
        self.items: dict[str, Item] = {}
        self.dependents: dict[str, set[str]] = defaultdict(set)
        self.queue = WorkQueue(clock, self._process)
        self.informers = informers or SharedInformerFactory(api, actor)
        self.handlers = Registrations(
            self.informers, [(rt.plural, self._handler(rt)) for rt in _watched()]
        )

    def start(self) -> None:
        self.queue.running = True
        self.handlers.add()
        self.informers.start()
        for rt in _watched():
            for obj in self.informers.informer(rt.plural).shared():
                self._observe(rt, obj)

    def stop(self) -> None:
        self.handlers.remove()
        self.queue.stop()

    # -- the graph ------------------------------------------------------------------

    def _handler(self, rt: ResourceType) -> Callable[[str, Obj], None]:
        def handle(verb: str, obj: Obj) -> None:
            if verb == "DELETED":
                self._forget(obj)
            else:
                self._observe(rt, obj)

        return handle

    def _observe(self, rt: ResourceType, obj: Obj) -> None:
        meta = obj["metadata"]
        uid = meta["uid"]
        before = self.items.get(uid)
        owners = [dict(r) for r in meta.get("ownerReferences") or []]
        self._unlink(before)
        self.items[uid] = Item(uid, rt, meta["name"], meta.get("namespace"), owners)
        for ref in owners:
            self.dependents[ref["uid"]].add(uid)
            if ref["uid"] not in self.items:
                self.queue.add(("delete", uid))
        self._removed_owners(before, owners)
        self._deleting(obj)

    def _forget(self, obj: Obj) -> None:
        uid = obj["metadata"]["uid"]
        item = self.items.pop(uid, None)
        self._unlink(item)
        for dependent in sorted(self.dependents.get(uid, ())):
            self.queue.add(("delete", dependent))
        for ref in item.owners if item else []:
            self.queue.add(("dependents", ref["uid"]))

    def _unlink(self, item: Item | None) -> None:
        if item is None:
            return
        for ref in item.owners:
            self.dependents[ref["uid"]].discard(item.uid)

    def _removed_owners(self, before: Item | None, owners: list[Obj]) -> None:
        """An owner waiting in the foreground may be unblocked by a dependent
        that dropped its reference."""
        kept = {ref["uid"] for ref in owners}
        for ref in before.owners if before else []:
            if ref["uid"] not in kept:
                self.queue.add(("dependents", ref["uid"]))

    def _deleting(self, obj: Obj) -> None:
        meta = obj["metadata"]
        if not meta.get("deletionTimestamp"):
            return
        finalizers = meta.get("finalizers") or []
        if deletion.FINALIZER_FOREGROUND in finalizers:
            self.queue.add(("dependents", meta["uid"]))
        if deletion.FINALIZER_ORPHAN in finalizers:
            self.queue.add(("orphan", meta["uid"]))

    # -- work -------------------------------------------------------------------------

    def _process(self, key: tuple[str, str]) -> None:
        action, uid = key
        item = self.items.get(uid)
        if item is None:
            return
        latest = self._latest(item)
        if latest is None:
            return
        if action == "delete":
            self._attempt_to_delete(item, latest)
        elif action == "dependents":
            self._deleting_dependents(item, latest)
        else:
            self._orphan_dependents(item, latest)

    def _attempt_to_delete(self, item: Item, obj: Obj) -> None:
        meta = obj["metadata"]
        finalizers = meta.get("finalizers") or []
        if meta.get("deletionTimestamp"):
            if deletion.FINALIZER_FOREGROUND in finalizers:
                self._deleting_dependents(item, obj)
            return
        solid, dangling, waiting = self._classify(
            item, meta.get("ownerReferences") or []
        )
        if solid:
            if dangling or waiting:
                self._drop_owner_refs(obj, {r["uid"] for r in dangling + waiting})
            return
        if not dangling and not waiting:
            return
        if waiting and self.dependents.get(item.uid):
            self._delete(item, deletion.FOREGROUND)
        elif deletion.FINALIZER_ORPHAN in finalizers:
            self._delete(item, deletion.ORPHAN)
        elif deletion.FINALIZER_FOREGROUND in finalizers:
            self._delete(item, deletion.FOREGROUND)
        else:
            self._delete(item, deletion.BACKGROUND)

    def _classify(
        self, item: Item, refs: list[Obj]
    ) -> tuple[list[Obj], list[Obj], list[Obj]]:
        """(solid, dangling, waitingForDependentsDeletion) owner references."""
        solid: list[Obj] = []
        dangling: list[Obj] = []
        waiting: list[Obj] = []
        for ref in refs:
            owner = self._owner(ref, item.namespace)
            if owner is None:
                dangling.append(ref)
            elif _waits_for_dependents(owner):
                waiting.append(ref)
            else:
                solid.append(ref)
        return solid, dangling, waiting

    def _owner(self, ref: Obj, namespace: str | None) -> Obj | None:
        """The live owner, or None if it is gone (``isDangling``). An owner of
        a kind this cluster does not serve is taken to exist."""
        try:
            rt = resources.for_kind(ref.get("kind", ""), ref.get("apiVersion", ""))
        except KeyError:
            return {"metadata": {}}
        try:
            owner = self.api.get(
                rt.plural, ref["name"], namespace if rt.namespaced else None
            )
        except StatusError:
            return None
        return owner if owner["metadata"].get("uid") == ref.get("uid") else None

    def _deleting_dependents(self, item: Item, obj: Obj) -> None:
        if not _waits_for_dependents(obj):
            return
        blocking = self._blocking_dependents(item.uid)
        if not blocking:
            self._remove_finalizer(obj, deletion.FINALIZER_FOREGROUND)
            return
        for uid in blocking:
            self.queue.add(("delete", uid))

    def _blocking_dependents(self, uid: str) -> list[str]:
        blocking = []
        for dep_uid in sorted(self.dependents.get(uid, ())):
            dep = self.items.get(dep_uid)
            refs = dep.owners if dep else []
            if any(r["uid"] == uid and r.get("blockOwnerDeletion") for r in refs):
                blocking.append(dep_uid)
        return blocking

    def _orphan_dependents(self, item: Item, obj: Obj) -> None:
        meta = obj["metadata"]
        if deletion.FINALIZER_ORPHAN not in (meta.get("finalizers") or []):
            return
        for dep_uid in sorted(self.dependents.get(item.uid, ())):
            dep = self.items.get(dep_uid)
            latest = self._latest(dep) if dep else None
            if latest is not None:
                self._drop_owner_refs(latest, {item.uid})
        self._remove_finalizer(obj, deletion.FINALIZER_ORPHAN)

    # -- API calls -------------------------------------------------------------------

    def _latest(self, item: Item) -> Obj | None:
        try:
            obj = self.api.get(item.rt.plural, item.name, item.namespace)
        except StatusError:
            return None
        return obj if obj["metadata"].get("uid") == item.uid else None

    def _delete(self, item: Item, policy: str) -> None:
        try:
            self.api.delete(
                item.rt.plural,
                item.name,
                item.namespace,
                actor=self.actor,
                propagation_policy=policy,
            )
        except StatusError as err:
            if err.code != 404:
                raise

    def _drop_owner_refs(self, obj: Obj, uids: set[str]) -> None:
        meta = obj["metadata"]
        kept = [
            r for r in meta.get("ownerReferences") or [] if r.get("uid") not in uids
        ]
        if kept:
            meta["ownerReferences"] = kept
        else:
            meta.pop("ownerReferences", None)
        self.api.update(obj, actor=self.actor)

    def _remove_finalizer(self, obj: Obj, finalizer: str) -> None:
        meta = obj["metadata"]
        meta["finalizers"] = [f for f in meta.get("finalizers") or [] if f != finalizer]
        if not meta["finalizers"]:
            meta.pop("finalizers")
        self.api.update(obj, actor=self.actor)


def _waits_for_dependents(obj: Obj) -> bool:
    meta = obj["metadata"]
    return bool(meta.get("deletionTimestamp")) and deletion.FINALIZER_FOREGROUND in (
        meta.get("finalizers") or []
    )


def _watched() -> list[ResourceType]:
    return [rt for rt in resources.RESOURCES if rt.kind not in UNWATCHED]
