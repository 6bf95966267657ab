"""The kubelet's runtime manager (``pkg/kubelet/kuberuntime``): SyncPod and KillPod.

SyncPod makes the runtime match the pod spec: a sandbox (pause container,
network, IP), then for each container in order the image, ``CreateContainer``
and ``StartContainer``, posting ``Created``/``Started`` events. A container
that cannot start gets ``Warning Failed "Error: <reason>"`` and its reason is
remembered for the next status; the other containers still start.

KillPod stops the running containers in parallel (``Killing``: ``Stopping
container <name>``) with the pod's grace period, then stops the sandbox.

Restarting exited containers (CrashLoopBackOff) and init containers are
issue 5: this skeleton starts each regular container once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.node.cri import CRIClient
from cluster.node.image_manager import ImageManager, ImageResult
from cluster.node.runtime import Container, CRIError, Sandbox
from cluster.recorder import EventRecorder

Obj = dict[str, Any]
# pkg/kubelet/kuberuntime: minimumGracePeriodInSeconds.
MINIMUM_GRACE_PERIOD = 2


class ReasonCache:
    """Why each container last failed to start: its next waiting reason."""

    def __init__(self) -> None:
        self._reasons: dict[tuple[str, str], tuple[str, str]] = {}

    def update(self, uid: str, name: str, reason: str, message: str) -> None:
        self._reasons[(uid, name)] = (reason, message)

    def get(self, uid: str, name: str) -> tuple[str, str] | None:
        return self._reasons.get((uid, name))

    def remove(self, uid: str, name: str) -> None:
        self._reasons.pop((uid, name), None)

    def forget(self, uid: str) -> None:
        for key in [k for k in self._reasons if k[0] == uid]:
            del self._reasons[key]


class RuntimeManager:
    def __init__(
        self,
        cri: CRIClient,
        image_manager: ImageManager,
        recorder: EventRecorder,
        reasons: ReasonCache,
    ) -> None:
        self._cri = cri
        self._images = image_manager
        self._recorder = recorder
        self.reasons = reasons

    # -- views of the runtime ------------------------------------------------------

    def sandbox_of(self, uid: str) -> Sandbox | None:
        """The pod's newest sandbox, ready or not."""
        sandboxes = self._cri.runtime.pod_sandboxes(uid)
        return max(sandboxes, key=lambda s: s.created_at) if sandboxes else None

    def containers_of(self, uid: str) -> dict[str, Container]:
        """The newest container per name."""
        newest: dict[str, Container] = {}
        for container in self._cri.runtime.pod_containers(uid):
            if (
                container.name not in newest
                or container.attempt >= newest[container.name].attempt
            ):
                newest[container.name] = container
        return newest

    # -- SyncPod ---------------------------------------------------------------------

    def sync_pod(
        self, pod: Obj, done: Callable[[bool], None], cancelled: Callable[[], bool]
    ) -> None:
        """Start what is missing; ``done(ok)`` when every container started."""
        sync = _PodSync(self, pod, done, cancelled)
        sandbox = self.sandbox_of(pod["metadata"]["uid"])
        if sandbox is not None and sandbox.state == "SANDBOX_READY":
            sync.start_containers(sandbox)
            return
        try:
            self._cri.run_pod_sandbox(pod, sync.start_containers)
        except CRIError as err:
            message = f"Failed to create pod sandbox: {err}"
            self._recorder.warning(pod, "FailedCreatePodSandBox", message)
            done(False)

    def cancel(self, pod: Obj) -> None:
        """Cancel the pod's running SyncPod, as cancelling its context does."""
        self._images.cancel(pod["metadata"]["uid"])

    # -- KillPod ---------------------------------------------------------------------

    def kill_pod(self, pod: Obj, grace: float, done: Callable[[], None]) -> None:
        uid = pod["metadata"]["uid"]
        running = [
            c
            for c in self.containers_of(uid).values()
            if c.state == "CONTAINER_RUNNING"
        ]
        timeout = max(grace, MINIMUM_GRACE_PERIOD)
        pending = {c.id for c in running}
        if not pending:
            self._stop_sandbox(pod, done)
            return
        for container in running:
            self.event(
                pod, container.name, "Killing", f"Stopping container {container.name}"
            )
            self._cri.stop_container(
                pod,
                container,
                timeout,
                lambda c: self._one_stopped(pod, pending, c, done),
            )

    def _one_stopped(
        self,
        pod: Obj,
        pending: set[str],
        container: Container,
        done: Callable[[], None],
    ) -> None:
        pending.discard(container.id)
        if not pending:
            self._stop_sandbox(pod, done)

    def _stop_sandbox(self, pod: Obj, done: Callable[[], None]) -> None:
        sandbox = self.sandbox_of(pod["metadata"]["uid"])
        if sandbox is None or sandbox.state != "SANDBOX_READY":
            done()
            return
        self._cri.stop_pod_sandbox(pod, sandbox, done)

    def remove_pod(self, pod: Obj) -> None:
        """Garbage-collect the pod's sandboxes and containers from the runtime."""
        for sandbox in self._cri.runtime.pod_sandboxes(pod["metadata"]["uid"]):
            self._cri.remove_pod_sandbox(pod, sandbox)

    def event(
        self, pod: Obj, container: str, reason: str, message: str, warning: bool = False
    ) -> None:
        record = self._recorder.warning if warning else self._recorder.normal
        record(pod, reason, message, field_path=f"spec.containers{{{container}}}")

    @property
    def cri(self) -> CRIClient:
        return self._cri

    @property
    def images(self) -> ImageManager:
        return self._images


class _PodSync:
    """One SyncPod run: the pod's missing containers, started one after another."""

    def __init__(
        self,
        manager: RuntimeManager,
        pod: Obj,
        done: Callable[[bool], None],
        cancelled: Callable[[], bool],
    ) -> None:
        self.m = manager
        self.pod = pod
        self.uid = pod["metadata"]["uid"]
        self.done = done
        self.cancelled = cancelled
        self.ok = True
        self.todo: list[Obj] = []
        self.sandbox: Sandbox | None = None

    def start_containers(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        existing = self.m.containers_of(self.uid)
        self.todo = [
            c
            for c in self.pod["spec"].get("containers", [])
            if c["name"] not in existing
        ]
        self._next()

    def _next(self) -> None:
        if self.cancelled() or not self.todo:
            self.done(self.ok and not self.cancelled())
            return
        container = self.todo.pop(0)
        self.m.images.ensure_image_exists(
            self.pod, container, lambda result: self._image_ready(container, result)
        )

    def _image_ready(self, container: Obj, result: ImageResult) -> None:
        if not result.ok:
            self._failed(container, result.reason, result.message)
            return
        if self.cancelled() or self.sandbox is None:
            self._next()
            return
        self.m.cri.create_container(
            self.pod, self.sandbox, container, 0, lambda c: self._created(container, c)
        )

    def _created(self, spec: Obj, created: Container) -> None:
        self.m.event(self.pod, spec["name"], "Created", "Container created")
        self.m.cri.start_container(self.pod, created, lambda c: self._started(spec))

    def _started(self, spec: Obj) -> None:
        self.m.event(self.pod, spec["name"], "Started", "Container started")
        self.m.reasons.remove(self.uid, spec["name"])
        self._next()

    def _failed(self, container: Obj, reason: str, message: str) -> None:
        self.m.event(
            self.pod, container["name"], "Failed", f"Error: {reason}", warning=True
        )
        self.m.reasons.update(self.uid, container["name"], reason, message)
        self.ok = False
        self._next()
