"""kube-controller-manager: one process hosting the controllers.

Controllers are registered by name, as ``NewControllerDescriptors`` does, and
all act as ``kube-controller-manager`` on the diagram. The skeleton hosts the
pod garbage collector; the Deployment, ReplicaSet, EndpointSlice and node
lifecycle controllers join the registry as they are written.
"""

from __future__ import annotations

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


class ControllerClass(Protocol):
    """Every controller is built the same way: ``Controller(api, clock, actor)``."""

    def __call__(self, api: APIServer, clock: Clock, actor: str) -> Controller: ...


# Registration order is start order, which fixes the order of the watches and
# of the initial lists, and so the transcript.
CONTROLLERS: dict[str, ControllerClass] = {
    "pod-garbage-collector-controller": PodGCController,
    "replicaset-controller": ReplicaSetController,
    "deployment-controller": DeploymentController,
    "garbage-collector-controller": GarbageCollector,
    "job-controller": JobController,
    "daemonset-controller": DaemonSetController,
    "endpointslice-controller": EndpointSliceController,
    "endpoints-controller": EndpointsController,
    "namespace-controller": NamespaceController,
    "resourcequota-controller": ResourceQuotaController,
    "node-lifecycle-controller": NodeLifecycleController,
    "taint-eviction-controller": TaintEvictionController,
    "disruption-controller": DisruptionController,
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
            name: CONTROLLERS[name](api, clock, NAME) for name in names
        }

    def start(self) -> None:
        self.running = True
        for controller in self.controllers.values():
            controller.start()

    def stop(self) -> None:
        self.running = False
        for controller in self.controllers.values():
            controller.stop()
