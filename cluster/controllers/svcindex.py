"""An informer-style cache of Services and Pods for the endpoint controllers.

It lists and watches both kinds, keeps the API server's stored objects
(read-only; never modified here) and, when a Pod or Service changes, marks
the Services it concerns as dirty. Dirty Services are synced together once
the current instant's events are handled, as a workqueue drains.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cluster.clock import Clock
from cluster.controllers.workqueue import InstantBatch

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
Key = tuple[str, str]  # (namespace, name)
Sync = Callable[[Key], None]


def key_of(obj: Obj) -> Key:
    meta = obj["metadata"]
    return meta.get("namespace") or "", meta["name"]


def selects(service: Obj, pod: Obj) -> bool:
    """A Service's map selector matches the pod's labels (an empty one never)."""
    selector = service.get("spec", {}).get("selector") or {}
    labels = pod["metadata"].get("labels") or {}
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


class ServicePodIndex:
    def __init__(self, api: APIServer, clock: Clock, actor: str, sync: Sync) -> None:
        self.api = api
        self.clock = clock
        self.actor = actor
        self.services: dict[str, dict[str, Obj]] = {}  # namespace -> name -> svc
        self.pods: dict[str, dict[str, Obj]] = {}  # namespace -> name -> pod
        self._batch = InstantBatch(clock, sync)
        self._cancels: list[Callable[[], None]] = []

    def start(self) -> None:
        for pod in self.api.list("pods"):
            self.pods.setdefault(pod["metadata"]["namespace"], {})[
                pod["metadata"]["name"]
            ] = pod
        for svc in self.api.list("services"):
            self._on_service("ADDED", svc)
        self._cancels = [
            self.api.watch("services", self._on_service, actor=self.actor),
            self.api.watch("pods", self._on_pod, actor=self.actor),
        ]

    def stop(self) -> None:
        for cancel in self._cancels:
            cancel()
        self._cancels.clear()
        self._batch.stop()

    def service(self, key: Key) -> Obj | None:
        return self.services.get(key[0], {}).get(key[1])

    def selected(self, service: Obj) -> list[Obj]:
        """The Service's pods, by name."""
        namespace = service["metadata"]["namespace"]
        found = self.pods.get(namespace, {})
        return [found[name] for name in sorted(found) if selects(service, found[name])]

    def mark(self, key: Key) -> None:
        self._batch.mark(key)

    def _on_service(self, verb: str, svc: Obj) -> None:
        namespace, name = key = key_of(svc)
        services = self.services.setdefault(namespace, {})
        if verb == "DELETED":
            services.pop(name, None)
        else:
            services[name] = svc
        self.mark(key)

    def _on_pod(self, verb: str, pod: Obj) -> None:
        namespace, name = key_of(pod)
        pods = self.pods.setdefault(namespace, {})
        old = pods.get(name)
        if verb == "DELETED":
            pods.pop(name, None)
        else:
            pods[name] = pod
        for svc_name, svc in self.services.get(namespace, {}).items():
            if selects(svc, pod) or (old is not None and selects(svc, old)):
                self.mark((namespace, svc_name))
