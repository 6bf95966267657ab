"""The informer caches kube-scheduler reads besides pods and nodes: Services,
ReplicaSets, StatefulSets, ReplicationControllers (PodTopologySpread's default
selector), Namespaces (affinity namespaceSelectors) and PodDisruptionBudgets
(preemption).

Each is filled by a list and kept current by a watch through the API server.
A kind the API server does not serve (yet) simply stays empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from cluster.api import resources
from cluster.apiserver import APIServer

Obj = dict[str, Any]
KINDS = (
    "services",
    "replicasets",
    "statefulsets",
    "replicationcontrollers",
    "namespaces",
    "poddisruptionbudgets",
)


class Listers:
    def __init__(self) -> None:
        # plural -> (namespace, name) -> object, as the watch delivered it.
        self._objects: dict[str, dict[tuple[str, str], Obj]] = {k: {} for k in KINDS}

    def start(self, api: APIServer, actor: str) -> list[Callable[[], None]]:
        stops = []
        for plural in KINDS:
            if not _served(plural):
                continue
            for obj in api.list(plural):
                self._on(plural, "ADDED", obj)
            stops.append(api.watch(plural, self._handler(plural), actor=actor))
        return stops

    def get(self, plural: str, namespace: str, name: str) -> Obj | None:
        return self._objects[plural].get((namespace, name))

    def list(self, plural: str, namespace: str | None = None) -> Iterator[Obj]:
        for (ns, _), obj in self._objects[plural].items():
            if namespace is None or ns == namespace:
                yield obj

    def namespace_labels(self, namespace: str) -> dict[str, str]:
        found = self.get("namespaces", "", namespace)
        return (found or {}).get("metadata", {}).get("labels") or {}

    def add(self, plural: str, obj: Obj) -> None:
        """For tests and for callers that build a scheduler by hand."""
        self._on(plural, "ADDED", obj)

    def _handler(self, plural: str) -> Callable[[str, Obj], None]:
        return lambda verb, obj: self._on(plural, verb, obj)

    def _on(self, plural: str, verb: str, obj: Obj) -> None:
        meta = obj["metadata"]
        key = (meta.get("namespace") or "", meta["name"])
        if verb == "DELETED":
            self._objects[plural].pop(key, None)
        else:
            self._objects[plural][key] = obj


def _served(plural: str) -> bool:
    try:
        resources.lookup(plural)
    except KeyError:
        return False
    return True
