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
from cluster.controllers.daemonset import DaemonSetController
from cluster.controllers.deployment import DeploymentController
from cluster.controllers.disruption import DisruptionController
from cluster.controllers.endpoints import EndpointsController
from cluster.controllers.endpointslice import EndpointSliceController
from cluster.controllers.garbagecollector import GarbageCollector
from cluster.controllers.job import JobController
from cluster.controllers.namespace import NamespaceController
from cluster.controllers.nodelifecycle import NodeLifecycleController
from cluster.controllers.podgc import PodGCController
from cluster.controllers.replicaset import ReplicaSetController
from cluster.controllers.resourcequota import ResourceQuotaController
from cluster.controllers.tainteviction import TaintEvictionController
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
    "replicaset-controller": lambda api, clock, stream: ReplicaSetController(
        api, clock, actor=NAME
    ),
    "deployment-controller": lambda api, clock, stream: DeploymentController(
        api, clock, actor=NAME
    ),
    "garbage-collector-controller": lambda api, clock, stream: GarbageCollector(
        api, clock, actor=NAME
    ),
    "job-controller": lambda api, clock, stream: JobController(api, clock, actor=NAME),
    "daemonset-controller": lambda api, clock, stream: DaemonSetController(
        api, clock, actor=NAME
    ),
    "endpointslice-controller": lambda api, clock, stream: EndpointSliceController(
        api, clock, actor=NAME
    ),
    "endpoints-controller": lambda api, clock, stream: EndpointsController(
        api, clock, actor=NAME
    ),
    "namespace-controller": lambda api, clock, stream: NamespaceController(
        api, clock, actor=NAME
    ),
    "resourcequota-controller": lambda api, clock, stream: ResourceQuotaController(
        api, clock, actor=NAME
    ),
    "node-lifecycle-controller": lambda api, clock, stream: NodeLifecycleController(
        api, clock, actor=NAME
    ),
    "taint-eviction-controller": lambda api, clock, stream: TaintEvictionController(
        api, clock, actor=NAME
    ),
    "disruption-controller": lambda api, clock, stream: DisruptionController(
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
