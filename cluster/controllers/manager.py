"""kube-controller-manager: one process hosting the controllers.

Controllers are registered by name, as ``NewControllerDescriptors`` does, and
all act as ``kube-controller-manager`` on the diagram. They share one
``SharedInformerFactory``: each controller asks it for the informers it needs
and adds its handlers when built; the manager starts the factory once all
are, so each resource is listed and watched once for the whole process, as
``StartControllers`` then ``InformerFactory.Start`` do.
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
from cluster.controllers.informers import SharedInformerFactory
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
    """Every controller is built the same way:
    ``Controller(api, clock, actor, informers)``."""

    def __call__(
        self,
        api: APIServer,
        clock: Clock,
        actor: str,
        *,
        informers: SharedInformerFactory | None = None,
    ) -> Controller: ...


# Registration order is build and start order, which fixes the order of each
# informer's handlers and of the initial queueing, and so the transcript.
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
        self.informers = SharedInformerFactory(api, NAME)
        names = tuple(CONTROLLERS) if enabled is None else enabled
        self.controllers: dict[str, Controller] = {
            name: CONTROLLERS[name](api, clock, NAME, informers=self.informers)
            for name in names
        }

    def start(self) -> None:
        self.running = True
        self.informers.start()
        for controller in self.controllers.values():
            controller.start()

    def stop(self) -> None:
        self.running = False
        for controller in self.controllers.values():
            controller.stop()
        self.informers.stop()
