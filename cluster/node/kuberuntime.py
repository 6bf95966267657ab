"""The kubelet's runtime manager (``pkg/kubelet/kuberuntime``): SyncPod,
KillPod and killContainer.

SyncPod (``pod_sync.py``) makes the runtime match the pod as
``computePodActions`` (``pod_actions.py``) decides: a sandbox, init
containers in order, sidecars, containers restarted per ``restartPolicy``
with the crash-loop back-off, containers killed for failed probes.

killContainer posts ``Killing``, runs the ``preStop`` hook inside the grace
period, then stops the container with what is left (at least
``minimumGracePeriodInSeconds``). KillPod kills the regular containers in
parallel, then the sidecars, then stops the sandbox.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cluster.clock import Clock
from cluster.node.backoff import Backoff
from cluster.node.cri import CRIClient
from cluster.node.hooks import run_hook
from cluster.node.image_manager import ImageManager
from cluster.node.journal import Journal
from cluster.node.pod_actions import PodRuntime, ProbeResult, is_sidecar
from cluster.node.runtime import Container, Sandbox
from cluster.recorder import EventRecorder

Obj = dict[str, Any]
# pkg/kubelet/kuberuntime: minimumGracePeriodInSeconds.
MINIMUM_GRACE_PERIOD = 2
# pkg/kubelet/kubelet.go: initialCrashLoopBackOff, MaxCrashLoopBackOff, and
# the HasExpiredFunc that forgets a container that ran for ten minutes.
CRASH_BACKOFF_INITIAL = 10.0
CRASH_BACKOFF_MAX = 300.0
CRASH_BACKOFF_RESET = 600.0


@dataclass(frozen=True)
class SyncResult:
    """What a SyncPod tells the pod worker: ``backoff_until`` is the earliest
    crash-loop back-off expiry (a BackoffError) when one held a start back."""

    ok: bool
    backoff_until: float | None = None


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
        clock: Clock,
    ) -> None:
        self._cri = cri
        self._images = image_manager
        self._recorder = recorder
        self.reasons = reasons
        self.clock = clock
        self.backoff = Backoff(
            CRASH_BACKOFF_INITIAL, CRASH_BACKOFF_MAX, expire_after=CRASH_BACKOFF_RESET
        )
        self.probe_result: ProbeResult = lambda kind, cid: None
        # Reports what the kubelet decided to the observation seam (set by
        # the kubelet): the diagram counts a back-off down from it.
        self.observe: Callable[..., None] = lambda type_, **data: None
        self.host_ip = ""
        self.journal: Journal | None = None

    # -- views of the runtime ------------------------------------------------------

    def view(self, uid: str) -> PodRuntime:
        """A snapshot of the pod in the runtime, like the PLEG's pod cache:
        later changes to the containers do not show in it."""
        containers = sorted(
            (copy.copy(c) for c in self._cri.runtime.pod_containers(uid)),
            key=lambda c: (c.created_at, c.attempt),
            reverse=True,
        )
        sandbox = self.sandbox_of(uid)
        return PodRuntime(copy.copy(sandbox) if sandbox else None, containers)

    def sandbox_of(self, uid: str) -> Sandbox | None:
        """The pod's newest sandbox, ready or not."""
        sandboxes = self._cri.runtime.pod_sandboxes(uid)
        return max(sandboxes, key=lambda s: s.created_at) if sandboxes else None

    def containers_of(self, uid: str) -> dict[str, Container]:
        """The newest container per name."""
        newest: dict[str, Container] = {}
        for container in self.view(uid).containers:
            newest.setdefault(container.name, container)
        return newest

    # -- SyncPod -------------------------------------------------------------------

    def sync_pod(
        self,
        pod: Obj,
        done: Callable[[SyncResult], None],
        cancelled: Callable[[], bool],
    ) -> None:
        from cluster.node.pod_sync import PodSync

        PodSync(self, pod, done, cancelled).run()

    def cancel(self, pod: Obj) -> None:
        """Cancel the pod's running SyncPod, as cancelling its context does."""
        self._images.cancel(pod["metadata"]["uid"])

    def prune(self, uid: str, name: str) -> None:
        """Container GC: keep one dead instance per container (MaxPerPodContainer)."""
        dead = [
            c
            for c in self.view(uid).containers
            if c.name == name and c.state == "CONTAINER_EXITED"
        ]
        for container in dead[1:]:
            self._cri.runtime.remove_container(container.id)

    # -- killing -------------------------------------------------------------------

    def kill_pod(self, pod: Obj, grace: float, done: Callable[[], None]) -> None:
        """Regular containers first, then sidecars, then the sandbox."""
        sidecars = {
            c["name"] for c in pod["spec"].get("initContainers") or [] if is_sidecar(c)
        }
        running = [c for c in self.containers_of(_uid(pod)).values() if _running(c)]
        first = [c for c in running if c.name not in sidecars]
        last = [c for c in running if c.name in sidecars]
        self.kill_all(
            pod,
            first,
            grace,
            lambda: self.kill_all(
                pod, last, grace, lambda: self._stop_sandbox(pod, done)
            ),
        )

    def kill_all(
        self,
        pod: Obj,
        containers: list[Container],
        grace: float,
        done: Callable[[], None],
    ) -> None:
        pending = {c.id for c in containers}
        if not pending:
            done()
            return
        for container in containers:
            self.kill_container(
                pod, container, grace, "", lambda c: _one_done(pending, c, done)
            )

    def kill_container(
        self,
        pod: Obj,
        container: Container,
        grace: float,
        message: str,
        done: Callable[[Container], None],
    ) -> None:
        spec = _spec_of(pod, container.name)
        self.event(
            pod,
            container.name,
            "Killing",
            message or f"Stopping container {container.name}",
        )
        hook = ((spec or {}).get("lifecycle") or {}).get("preStop")
        if not hook or grace <= 0 or spec is None:
            self._stop(pod, container, grace, done)
            return
        started = self.clock.now
        run_hook(
            self.clock,
            hook,
            container,
            spec,
            _full_name(pod),
            grace,
            lambda error: self._after_pre_stop(
                pod, container, grace, started, error, done
            ),
        )

    def _after_pre_stop(
        self,
        pod: Obj,
        container: Container,
        grace: float,
        started: float,
        error: str,
        done: Callable[[Container], None],
    ) -> None:
        if error:
            self.event(pod, container.name, "FailedPreStopHook", error, warning=True)
        self._stop(pod, container, grace - (self.clock.now - started), done)

    def _stop(
        self,
        pod: Obj,
        container: Container,
        grace: float,
        done: Callable[[Container], None],
    ) -> None:
        timeout = max(grace, MINIMUM_GRACE_PERIOD)
        self._cri.stop_container(pod, container, timeout, done)

    def _stop_sandbox(self, pod: Obj, done: Callable[[], None]) -> None:
        sandbox = self.sandbox_of(_uid(pod))
        if sandbox is None or sandbox.state != "SANDBOX_READY":
            done()
            return
        self._cri.stop_pod_sandbox(pod, sandbox, done)

    def remove_pod(self, pod: Obj) -> None:
        """Garbage-collect the pod's sandboxes and containers from the runtime."""
        for sandbox in self._cri.runtime.pod_sandboxes(_uid(pod)):
            self._cri.remove_pod_sandbox(pod, sandbox)

    # -- helpers -------------------------------------------------------------------

    def pod_event(
        self, pod: Obj, reason: str, message: str, warning: bool = False
    ) -> None:
        record = self._recorder.warning if warning else self._recorder.normal
        record(pod, reason, message)

    def event(
        self, pod: Obj, container: str, reason: str, message: str, warning: bool = False
    ) -> None:
        record = self._recorder.warning if warning else self._recorder.normal
        record(pod, reason, message, field_path=field_path(pod, container))

    @property
    def cri(self) -> CRIClient:
        return self._cri

    @property
    def images(self) -> ImageManager:
        return self._images


def field_path(pod: Obj, name: str) -> str:
    inits = {c["name"] for c in pod["spec"].get("initContainers") or []}
    section = "initContainers" if name in inits else "containers"
    return f"spec.{section}{{{name}}}"


def _spec_of(pod: Obj, name: str) -> Obj | None:
    spec = pod["spec"]
    for container in (spec.get("initContainers") or []) + (
        spec.get("containers") or []
    ):
        if container["name"] == name:
            return container
    return None


def _running(container: Container) -> bool:
    return container.state == "CONTAINER_RUNNING"


def _one_done(
    pending: set[str], container: Container, done: Callable[[], None]
) -> None:
    pending.discard(container.id)
    if not pending:
        done()


def _uid(pod: Obj) -> str:
    return str(pod["metadata"]["uid"])


def _full_name(pod: Obj) -> str:
    """``format.Pod``: ``name_namespace(uid)``."""
    meta = pod["metadata"]
    return f"{meta['name']}_{meta.get('namespace', 'default')}({meta['uid']})"
