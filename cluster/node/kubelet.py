"""The kubelet of one node: registers the Node, watches the pods bound to it
and runs them on containerd until they are Running, or until they are deleted.

It is assembled the way the real kubelet is: pod workers
(``pod_workers.py``) decide when a pod syncs, the runtime manager
(``kuberuntime.py``) does the CRI work, the image manager
(``image_manager.py``) pulls, the status manager (``status_manager.py``)
writes ``pods/status``, the PLEG (``pleg.py``) notices container changes and
``node_status.py`` keeps the Node object current. This class wires them up
and implements the three sync steps the pod workers drive.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from cluster.apiserver import APIServer
from cluster.clock import Clock
from cluster.events import EventStream
from cluster.node import pod_status
from cluster.node.cri import CRIClient
from cluster.node.image_manager import ImageManager
from cluster.node.kuberuntime import ReasonCache, RuntimeManager
from cluster.node.node_status import NodeStatus
from cluster.node.pleg import PLEG
from cluster.node.pod_workers import PodWorkers
from cluster.node.runtime import ContainerRuntime
from cluster.node.status_manager import StatusManager
from cluster.recorder import EventRecorder

Obj = dict[str, Any]


class Kubelet:
    def __init__(
        self,
        api: APIServer,
        clock: Clock,
        stream: EventStream,
        node: Obj,
        runtime: ContainerRuntime,
    ) -> None:
        self.api = api
        self.clock = clock
        self.stream = stream
        self.node_manifest = node
        self.node_name: str = node["metadata"]["name"]
        self.id = f"kubelet/{self.node_name}"
        self.runtime = runtime
        self.running = False
        recorder = EventRecorder(api, "kubelet", host=self.node_name, actor=self.id)
        cri = CRIClient(runtime, stream, self.id)
        self.images = ImageManager(cri, recorder, clock)
        self.runtime_manager = RuntimeManager(cri, self.images, recorder, ReasonCache())
        self.status_manager = StatusManager(api, clock, self.id)
        self.node_status = NodeStatus(api, clock, runtime, node, self.id)
        self.pleg = PLEG(clock, runtime)
        self.pod_workers = PodWorkers(
            clock, self, self.pleg, clock.rng(f"kubelet/{self.node_name}")
        )
        self._cancel_watch: Callable[[], None] | None = None

    def start(self) -> None:
        """Register the Node, then list and watch the pods bound to it."""
        self.running = True
        self.runtime.update_runtime_config(self.node_manifest["spec"]["podCIDR"])
        self.node_status.register()
        self.pleg.start(self.pod_workers.pleg_event)
        selector = f"spec.nodeName={self.node_name}"
        for pod in self.api.list("pods", field_selector=selector):
            self.pod_workers.update_pod(pod)
        self._cancel_watch = self.api.watch(
            "pods", self._on_pod, actor=self.id, field_selector=selector
        )

    def stop(self) -> None:
        """The kubelet process stops; its containers keep running."""
        self.running = False
        if self._cancel_watch:
            self._cancel_watch()
        self.pod_workers.stop()
        self.node_status.stop()
        self.pleg.stop()

    @property
    def host_ip(self) -> str:
        addresses = self.node_manifest.get("status", {}).get("addresses") or []
        return next((a["address"] for a in addresses if a["type"] == "InternalIP"), "")

    # -- the watch ---------------------------------------------------------------

    def _on_pod(self, verb: str, obj: Obj) -> None:
        pod = copy.deepcopy(obj)
        if verb == "DELETED":
            self.pod_workers.remove_pod(pod)
        else:
            self.pod_workers.update_pod(pod)

    # -- PodSyncer: what the pod workers call -------------------------------------

    def sync_pod(
        self, pod: Obj, done: Callable[[bool], None], cancelled: Callable[[], bool]
    ) -> None:
        self._write_status(pod)
        self.runtime_manager.sync_pod(pod, done, cancelled)

    def cancel_sync(self, pod: Obj) -> None:
        self.runtime_manager.cancel(pod)

    def sync_terminating_pod(
        self, pod: Obj, grace: float, done: Callable[[], None]
    ) -> None:
        self.runtime_manager.kill_pod(pod, grace, done)

    def sync_terminated_pod(self, pod: Obj, deleted: bool) -> None:
        if deleted:
            return
        self._write_status(pod, terminal=True)
        self.status_manager.delete_pod(pod)

    def forget_pod(self, pod: Obj) -> None:
        self.runtime_manager.reasons.forget(pod["metadata"]["uid"])
        self.runtime_manager.remove_pod(pod)

    # -- status -------------------------------------------------------------------

    def pod_view(self, pod: Obj) -> pod_status.RuntimeView:
        uid = pod["metadata"]["uid"]
        manager = self.runtime_manager
        reasons = {
            c["name"]: reason
            for c in pod["spec"].get("containers", [])
            if (reason := manager.reasons.get(uid, c["name"]))
        }
        return pod_status.RuntimeView(
            manager.sandbox_of(uid), manager.containers_of(uid), reasons, self.host_ip
        )

    def _write_status(self, pod: Obj, terminal: bool = False) -> None:
        status = pod_status.generate(pod, self.pod_view(pod), self._stamp, terminal)
        self.status_manager.set_pod_status(pod, status)

    def _stamp(self, seconds: float | None) -> str | None:
        return None if seconds is None else self.clock.timestamp(seconds)
