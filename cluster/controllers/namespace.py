"""The namespace controller (``pkg/controller/namespace``).

When a namespace is marked for deletion (phase ``Terminating``) it deletes
everything in it, records how that went in the five deletion conditions, and
comes back after ``estimate/2 + 1`` seconds while content remains (the
estimate being the longest grace period of the pods still running). Once the
namespace is empty it removes the ``kubernetes`` finalizer through the
``finalize`` subresource, and the namespace is gone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cluster.api import resources
from cluster.api.errors import StatusError
from cluster.clock import Clock
from cluster.controllers.informers import Registrations, SharedInformerFactory

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
FINALIZER = "kubernetes"
CONDITIONS = (
    (
        "NamespaceDeletionDiscoveryFailure",
        "ResourcesDiscovered",
        "All resources successfully discovered",
    ),
    (
        "NamespaceDeletionGroupVersionParsingFailure",
        "ParsedGroupVersions",
        "All legacy kube types successfully parsed",
    ),
    (
        "NamespaceDeletionContentFailure",
        "ContentDeleted",
        "All content successfully deleted, may be waiting on finalization",
    ),
    ("NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"),
    (
        "NamespaceFinalizersRemaining",
        "ContentHasNoFinalizers",
        "All content-preserving finalizers finished",
    ),
)


class NamespaceController:
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
        self._queued: set[str] = set()
        self.informers = informers or SharedInformerFactory(api, actor)
        self.namespaces = self.informers.informer("namespaces")
        self.handlers = Registrations(
            self.informers, [("namespaces", self._on_namespace)]
        )

    def start(self) -> None:
        self.handlers.add()
        self.informers.start()
        for ns in self.namespaces.list():
            self._on_namespace("ADDED", ns)

    def stop(self) -> None:
        self.handlers.remove()

    def _on_namespace(self, verb: str, ns: Obj) -> None:
        if verb != "DELETED" and ns["metadata"].get("deletionTimestamp"):
            self._queue(ns["metadata"]["name"], 0)

    def _queue(self, name: str, delay: float) -> None:
        if delay or name not in self._queued:
            self._queued.add(name)
            self.clock.call_later(delay, self._sync, name)

    def _sync(self, name: str) -> None:
        self._queued.discard(name)
        try:
            # The deleter's live GET: the cache may not hold our last write.
            ns = self.api.get("namespaces", name)
        except StatusError:
            return
        if not ns["metadata"].get("deletionTimestamp"):
            return
        estimate, remaining = self._delete_content(name)
        self._record(ns, remaining)
        if remaining:
            self._queue(name, estimate // 2 + 1)
            return
        self._finalize(ns)

    def _delete_content(self, namespace: str) -> tuple[int, dict[str, int]]:
        estimate = _grace_estimate(self.api.list("pods", namespace))
        remaining: dict[str, int] = {}
        for rt in resources.RESOURCES:
            if not rt.namespaced:
                continue
            for obj in self.api.list(rt.plural, namespace):
                self._delete(rt, obj)
            left = len(self.api.list(rt.plural, namespace))
            if left:
                remaining[f"{rt.plural}.{rt.group}"] = left
        return estimate, remaining

    def _delete(self, rt: resources.ResourceType, obj: Obj) -> None:
        meta = obj["metadata"]
        if meta.get("deletionTimestamp"):
            return
        try:
            self.api.delete(
                rt.plural, meta["name"], meta["namespace"], actor=self.actor
            )
        except StatusError:
            return

    def _record(self, ns: Obj, remaining: dict[str, int]) -> None:
        status = ns.setdefault("status", {})
        if not _set_conditions(status, _conditions(remaining), self.clock.timestamp()):
            return
        try:
            self.api.update(ns, actor=self.actor, subresource="status")
        except StatusError:
            return

    def _finalize(self, ns: Obj) -> None:
        name = ns["metadata"]["name"]
        finalizers = [f for f in ns["spec"].get("finalizers") or [] if f != FINALIZER]
        try:
            ns = self.api.get("namespaces", name)
            ns["spec"]["finalizers"] = finalizers
            self.api.update(ns, actor=self.actor, subresource="finalize")
            if not finalizers:
                self.api.delete("namespaces", name, actor=self.actor)
        except StatusError:
            self._queue(name, 1)


def _grace_estimate(pods: list[Obj]) -> int:
    """``estimateGracefulTerminationForPods``: the longest grace still running."""
    graces = [
        int(p["spec"].get("terminationGracePeriodSeconds") or 0)
        for p in pods
        if p.get("status", {}).get("phase") not in ("Succeeded", "Failed")
    ]
    return max(graces, default=0)


def _conditions(remaining: dict[str, int]) -> dict[str, tuple[str, str, str]]:
    """Type -> (status, reason, message) for this pass."""
    found = {kind: ("False", reason, message) for kind, reason, message in CONDITIONS}
    if remaining:
        listed = sorted(f"{r} has {n} resource instances" for r, n in remaining.items())
        found["NamespaceContentRemaining"] = (
            "True",
            "SomeResourcesRemain",
            f"Some resources are remaining: {', '.join(listed)}",
        )
    return found


def _set_conditions(
    status: Obj, wanted: dict[str, tuple[str, str, str]], now: str
) -> bool:
    """``updateConditions``: add or change conditions; True if any changed."""
    conditions = status.setdefault("conditions", [])
    changed = False
    for kind, _, _ in CONDITIONS:
        state, reason, message = wanted[kind]
        old = next((c for c in conditions if c.get("type") == kind), None)
        fresh = {"type": kind, "status": state, "reason": reason, "message": message}
        if old is None:
            conditions.append({**fresh, "lastTransitionTime": now})
            changed = True
        elif any(old.get(k) != fresh[k] for k in ("status", "reason", "message")):
            if old.get("status") != state:
                old["lastTransitionTime"] = now
            old.update(fresh)
            changed = True
    return changed
