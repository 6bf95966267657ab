"""The endpoint controllers' view of Services and Pods.

It reads both kinds from the process's shared informers and, when a Pod or
Service changes, marks the Services it concerns as dirty. Dirty Services are
synced together once the current instant's events are handled, as a
workqueue drains.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cluster.api import labelselector
from cluster.clock import Clock
from cluster.controllers.informers import (
    EventHandler,
    Registrations,
    SharedInformerFactory,
)
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
    def __init__(
        self,
        api: APIServer,
        clock: Clock,
        actor: str,
        sync: Sync,
        informers: SharedInformerFactory,
    ) -> None:
        self.api = api
        self.clock = clock
        self.actor = actor
        self.informers = informers
        self.services = informers.informer("services")
        self.pods = informers.informer("pods")
        self._batch = InstantBatch(clock, sync)
        pod_handler = EventHandler(
            on_add=lambda pod: self._on_pod(None, pod),
            on_update=self._on_pod,
            on_delete=lambda pod: self._on_pod(None, pod),
        )
        self.handlers = Registrations(
            informers,
            [
                ("services", lambda verb, svc: self.mark(key_of(svc))),
                ("pods", pod_handler),
            ],
        )

    def start(self) -> None:
        self.handlers.add()
        self.informers.start()
        self.mark_all()

    def stop(self) -> None:
        self.handlers.remove()
        self._batch.stop()

    def service(self, key: Key) -> Obj | None:
        return self.services.find(key[1], key[0])

    def selected(self, service: Obj) -> list[Obj]:
        """The Service's pods, by name (an empty selector selects none)."""
        selector = service.get("spec", {}).get("selector")
        if not selector:
            return []
        text = labelselector.format_selector({"matchLabels": selector})
        namespace = service["metadata"]["namespace"]
        return self.pods.shared(namespace, label_selector=text)

    def mark(self, key: Key) -> None:
        self._batch.mark(key)

    def mark_all(self) -> None:
        for svc in self.services.shared():
            self.mark(key_of(svc))

    def _on_pod(self, old: Obj | None, pod: Obj) -> None:
        for svc in self.services.shared(pod["metadata"]["namespace"]):
            if selects(svc, pod) or (old is not None and selects(svc, old)):
                self.mark(key_of(svc))
