"""The shape the workload controllers share with their Go originals.

In kube-controller-manager each of these controllers is a set of informers
whose event handlers put ``namespace/name`` keys of one kind on a workqueue,
and a worker that syncs a key at a time. ``QueueController`` is that shape:
a subclass names its kind, declares its watches as (resource, handler)
pairs and writes ``sync``; starting, stopping and the initial list are here.
The handlers go on the process's shared informers and reads go to their
caches (``lister``), as the Go controllers' listers do.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar

from cluster.api import labelselector
from cluster.api.errors import StatusError
from cluster.clock import Clock
from cluster.controllers import podutil
from cluster.controllers.informers import (
    Handler,
    Informer,
    Registrations,
    SharedInformerFactory,
)
from cluster.controllers.workqueue import WorkQueue
from cluster.recorder import EventRecorder

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
Key = tuple[str, str]  # (namespace, name)


class QueueController(ABC):
    component: ClassVar[str]  # the Events' source, e.g. "replicaset-controller"
    resource: ClassVar[str]  # the plural whose keys the queue holds
    kind: ClassVar[str]  # that resource's kind, as controller refs name it

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
        self.recorder = EventRecorder(api, self.component, actor=actor)
        self.queue = WorkQueue(clock, self.sync)
        # Alone (in a test) a controller brings a factory of its own.
        self.informers = informers or SharedInformerFactory(api, actor)
        self.handlers = Registrations(self.informers, self.watches())

    @abstractmethod
    def watches(self) -> list[tuple[str, Handler]]:
        """The (resource, handler) pairs to watch, in the order they start."""

    @abstractmethod
    def sync(self, key: Key) -> None:
        """Bring the object named by ``key`` to its desired state."""

    def start(self) -> None:
        # Under the manager the informers are started already, once every
        # controller was built; a controller run alone starts its own. Then
        # queue what already exists, as an informer's first list does.
        self.queue.running = True
        self.handlers.add()
        self.informers.start()
        self.resync_resource()

    def stop(self) -> None:
        self.handlers.remove()
        self.queue.stop()

    def lister(self, plural: str) -> Informer:
        """The shared cache of a resource."""
        return self.informers.informer(plural)

    def resync_resource(self) -> None:
        """Queue every object of the controller's kind."""
        for obj in self.lister(self.resource).shared():
            self.enqueue(obj)

    def enqueue(self, obj: Obj, delay: float = 0.0) -> None:
        self.queue.add(podutil.key_of(obj), delay)

    def on_object(self, verb: str, obj: Obj) -> None:
        """The handler for the controller's own kind: any change syncs it."""
        self.enqueue(obj)

    def owner_key(self, obj: Obj) -> Key | None:
        """The key of the object's controller, when it is of this kind."""
        ref = podutil.controller_ref(obj)
        if ref is None or ref.get("kind") != self.kind:
            return None
        return obj["metadata"].get("namespace") or "default", ref["name"]

    def enqueue_owner_or_adopters(self, verb: str, obj: Obj) -> None:
        """A dependent changed: sync its controller, or, for an orphan, every
        object whose selector matches it (``getPodReplicaSets`` and kin), as
        one of them may adopt it."""
        if podutil.controller_ref(obj) is not None:
            key = self.owner_key(obj)
            if key is not None:
                self.queue.add(key)
            return
        if verb == "DELETED":
            return
        namespace = obj["metadata"].get("namespace") or "default"
        for owner in self.lister(self.resource).shared(namespace):
            if labelselector.selects(owner["spec"].get("selector"), obj):
                self.enqueue(owner)

    # -- PodControl --------------------------------------------------------------

    def create_pod(self, owner: Obj, template: Obj) -> StatusError | None:
        """``CreatePods``: a pod from the template, controlled by ``owner``,
        and an Event either way. The error is returned, for slow start."""
        pod = podutil.template_pod(template, owner, podutil.pod_prefix(owner))
        try:
            created = self.api.create(pod, actor=self.actor)
        except StatusError as err:
            message = f"Error creating: {err.message}"
            self.recorder.warning(owner, "FailedCreate", message)
            return err
        name = created["metadata"]["name"]
        self.recorder.normal(owner, "SuccessfulCreate", f"Created pod: {name}")
        return None

    def delete_pod(self, owner: Obj, pod: Obj) -> StatusError | None:
        """``DeletePod``, with its Event; a pod already gone is not worth a
        warning, but is still returned as the error it is."""
        meta = pod["metadata"]
        try:
            self.api.delete("pods", meta["name"], meta["namespace"], actor=self.actor)
        except StatusError as err:
            if err.code != 404:
                message = f"Error deleting: {err.message}"
                self.recorder.warning(owner, "FailedDelete", message)
            return err
        self.recorder.normal(owner, "SuccessfulDelete", f"Deleted pod: {meta['name']}")
        return None
