"""kube-controller-manager: one process hosting the controllers.

Controllers are registered by name, as ``NewControllerDescriptors`` does, and
all act as ``kube-controller-manager`` on the diagram. The skeleton hosts the
pod garbage collector; the Deployment, ReplicaSet, EndpointSlice and node
lifecycle controllers join the registry as they are written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from cluster.apiserver import APIServer
from cluster.clock import Clock
from cluster.controllers.podgc import PodGCController
from cluster.events import EventStream

NAME = "kube-controller-manager"


class Controller(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...


Factory = Callable[[APIServer, Clock, EventStream], Controller]

CONTROLLERS: dict[str, Factory] = {
    "pod-garbage-collector-controller": lambda api, clock, stream: PodGCController(
        api, clock, actor=NAME
    ),
}


class ControllerManager:
    def __init__(
        self,
        api: APIServer,
        clock: Clock,
        stream: EventStream,
        enabled: tuple[str, ...] | None = None,
    ) -> None:
        self.api = api
        self.clock = clock
        self.stream = stream
        self.id = NAME
        self.running = False
        names = tuple(CONTROLLERS) if enabled is None else enabled
        self.controllers: dict[str, Controller] = {
            name: CONTROLLERS[name](api, clock, stream) for name in names
        }

    def start(self) -> None:
        self.running = True
        for controller in self.controllers.values():
            controller.start()

    def stop(self) -> None:
        self.running = False
        for controller in self.controllers.values():
            controller.stop()
