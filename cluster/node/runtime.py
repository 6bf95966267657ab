"""containerd on one node, as the kubelet sees it through the CRI.

It keeps what ``crictl`` would show — images, pod sandboxes, containers — and
makes every CRI call take the time the real one takes: a sandbox needs the
pause container and a CNI ADD, a container create and start a few tenths of
a second; pulls are the image service's (``image_service.py``). Calls that
take time finish through a callback on the clock; nothing blocks.

A started container runs its program (``launch.py``, ``programs/``) as a
:class:`~cluster.node.process.Process`; when that exits the container exits
with its code, ``OOMKilled`` if its memory cgroup killed it. Stopping sends
the stop signal, which the program may handle, and SIGKILL at the timeout.

State is public (``images``, ``sandboxes``, ``containers``) so ``crictl ps``,
``crictl images`` and the node's ``status.images`` can be rendered from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cluster.clock import Clock, Timer
from cluster.node import images
from cluster.node.cni import AddressesExhausted, HostLocalIPAM
from cluster.node.fs import Store
from cluster.node.image_service import (
    PULL_BANDWIDTH,
    REGISTRY_ROUND_TRIP,
    CRIError,
    ImageRecord,
    ImageService,
    PullHandle,
    PullResult,
)
from cluster.node.journal import Journal
from cluster.node.launch import (
    ContainerConfig,
    StartError,
    argv_of,
    new_box,
    start_process,
    termination_message,
)
from cluster.node.process import SIGKILL_EXIT, Box, Process

__all__ = [
    "PULL_BANDWIDTH",
    "REGISTRY_ROUND_TRIP",
    "SIGKILL_EXIT",
    "CRIError",
    "Container",
    "ContainerConfig",
    "ContainerRuntime",
    "ImageRecord",
    "PullHandle",
    "PullResult",
    "Sandbox",
]

NAME = "containerd"
VERSION = "2.1.4"
SANDBOX_SECONDS = (0.4, 0.8)  # pause container plus CNI ADD
CREATE_SECONDS = (0.05, 0.15)
START_SECONDS = (0.1, 0.25)
STOP_SANDBOX_SECONDS = (0.05, 0.15)  # CNI DEL plus pause exit
START_ERROR_EXIT = 128

Listener = Callable[[str], None]  # called with the pod UID whose state changed


@dataclass
class Sandbox:
    id: str
    pod_uid: str
    name: str
    namespace: str
    ip: str
    created_at: float
    state: str = "SANDBOX_READY"
    attempt: int = 0
    volumes: dict[str, Store] = field(default_factory=dict)  # emptyDirs


@dataclass
class Container:
    id: str
    sandbox_id: str
    pod_uid: str
    name: str
    image: str  # containerd's name: docker.io/library/nginx:latest
    image_id: str
    image_ref: str  # repo digest, the status' imageID
    attempt: int
    created_at: float
    config: ContainerConfig
    state: str = "CONTAINER_CREATED"
    started_at: float | None = None
    finished_at: float | None = None
    exit_code: int | None = None
    reason: str = ""
    message: str = ""
    box: Box | None = None
    process: Process | None = None
    waiters: list[Callable[[Container], None]] = field(default_factory=list)
    kill_timer: Timer | None = None


class ContainerRuntime:
    def __init__(self, clock: Clock, node_name: str) -> None:
        self.clock = clock
        self.node_name = node_name
        self.id = f"{NAME}/{node_name}"
        self.version = VERSION
        self.image_service = ImageService(clock, node_name)
        self.sandboxes: dict[str, Sandbox] = {}
        self.containers: dict[str, Container] = {}
        self.ipam: HostLocalIPAM | None = None
        self._listeners: list[Listener] = []
        self._memory_listeners: list[Callable[[], None]] = []
        # The machine's systemd journal: it outlives kubelet restarts, as
        # containerd and the containers do.
        self.journal = Journal(clock, node_name, pid=0)
        # Name lookups from pods: the cluster DNS, wired in by the kubelet.
        self.resolver: Callable[[str, str], str | None] | None = None

    def subscribe(self, listener: Listener) -> None:
        """Container lifecycle events, the source of the kubelet's PLEG."""
        self._listeners.append(listener)

    def on_memory_change(self, listener: Callable[[], None]) -> None:
        """Memory usage changed in some container (the eviction manager)."""
        self._memory_listeners.append(listener)

    def memory_usage(self) -> int:
        """The working set of every running container, in bytes."""
        return sum(c.box.memory.total for c in self._running() if c.box)

    # -- RuntimeService: sandboxes -----------------------------------------------

    def update_runtime_config(self, pod_cidr: str) -> None:
        """The kubelet hands over the node's pod CIDR for the CNI config."""
        self.ipam = HostLocalIPAM(pod_cidr)

    def run_pod_sandbox(
        self,
        pod_uid: str,
        name: str,
        namespace: str,
        done: Callable[[Sandbox], None],
        attempt: int = 0,
    ) -> None:
        sandbox_id = self._new_id()
        if self.ipam is None:
            raise RuntimeError("no pod CIDR: update_runtime_config was not called")
        try:
            ip = self.ipam.allocate(sandbox_id)
        except AddressesExhausted as err:
            raise CRIError(
                "Unknown",
                f'failed to setup network for sandbox "{sandbox_id}": plugin '
                f'type="host-local" failed (add): failed to allocate for range 0: '
                f"{err}",
            ) from None
        sandbox = Sandbox(
            sandbox_id, pod_uid, name, namespace, ip, self.clock.now, attempt=attempt
        )
        self.clock.call_later(
            self._took(SANDBOX_SECONDS), self._sandbox_ready, sandbox, done
        )

    def stop_pod_sandbox(self, sandbox_id: str, done: Callable[[], None]) -> None:
        sandbox = self.sandboxes[sandbox_id]
        self.clock.call_later(
            self._took(STOP_SANDBOX_SECONDS), self._sandbox_stopped, sandbox, done
        )

    def remove_pod_sandbox(self, sandbox_id: str) -> None:
        sandbox = self.sandboxes.pop(sandbox_id, None)
        for container in list(self.containers.values()):
            if container.sandbox_id == sandbox_id:
                if container.process is not None:
                    container.process.kill()
                del self.containers[container.id]
        if sandbox and self.ipam:
            self.ipam.release(sandbox_id)

    # -- RuntimeService: containers ----------------------------------------------

    def create_container(
        self,
        sandbox_id: str,
        config: ContainerConfig,
        attempt: int,
        done: Callable[[Container], None],
    ) -> None:
        record = self.image_status(config.image)
        if record is None:
            raise CRIError("NotFound", f'failed to get image "{config.image}"')
        container = self._new_container(sandbox_id, config, record, attempt)
        self.clock.call_later(
            self._took(CREATE_SECONDS), self._created, container, done
        )

    def start_container(
        self, container_id: str, done: Callable[[Container], None]
    ) -> None:
        """Start the process. ``done`` gets the container running, or exited
        with reason ``StartError`` when runc refused to start it."""
        container = self.containers[container_id]
        self.clock.call_later(self._took(START_SECONDS), self._started, container, done)

    def stop_container(
        self, container_id: str, timeout: float, done: Callable[[Container], None]
    ) -> None:
        """Send the stop signal; SIGKILL after ``timeout`` seconds."""
        container = self.containers[container_id]
        process = container.process
        if container.state != "CONTAINER_RUNNING" or process is None:
            self._exit(container, container.exit_code or 0)
            done(container)
            return
        container.waiters.append(done)
        process.terminate()
        if container.kill_timer is None:
            container.kill_timer = self.clock.call_later(
                timeout, process.kill, SIGKILL_EXIT
            )

    def remove_container(self, container_id: str) -> None:
        self.containers.pop(container_id, None)

    def pod_containers(self, pod_uid: str) -> list[Container]:
        return [c for c in self.containers.values() if c.pod_uid == pod_uid]

    def pod_sandboxes(self, pod_uid: str) -> list[Sandbox]:
        return [s for s in self.sandboxes.values() if s.pod_uid == pod_uid]

    # -- ImageService ------------------------------------------------------------

    @property
    def images(self) -> dict[str, ImageRecord]:
        return self.image_service.images

    def image_status(self, image: str) -> ImageRecord | None:
        return self.image_service.image_status(image)

    def pull_image(self, image: str, done: Callable[[PullResult], None]) -> PullHandle:
        return self.image_service.pull_image(image, done)

    def cancel_pull(self, handle: PullHandle) -> None:
        self.image_service.cancel_pull(handle)

    # -- internals -----------------------------------------------------------------

    def _new_container(
        self,
        sandbox_id: str,
        config: ContainerConfig,
        record: ImageRecord,
        attempt: int,
    ) -> Container:
        sandbox = self.sandboxes[sandbox_id]
        return Container(
            self._new_id(),
            sandbox_id,
            sandbox.pod_uid,
            config.name,
            images.normalize(config.image),
            record.id,
            record.repo_digests[0],
            attempt,
            self.clock.now,
            config,
        )

    def _sandbox_ready(self, sandbox: Sandbox, done: Callable[[Sandbox], None]) -> None:
        self.sandboxes[sandbox.id] = sandbox
        self._notify(sandbox.pod_uid)
        done(sandbox)

    def _sandbox_stopped(self, sandbox: Sandbox, done: Callable[[], None]) -> None:
        sandbox.state = "SANDBOX_NOTREADY"
        if self.ipam:
            self.ipam.release(sandbox.id)
        self._notify(sandbox.pod_uid)
        done()

    def _created(self, container: Container, done: Callable[[Container], None]) -> None:
        self.containers[container.id] = container
        self._notify(container.pod_uid)
        done(container)

    def _started(self, container: Container, done: Callable[[Container], None]) -> None:
        sandbox = self.sandboxes.get(container.sandbox_id)
        if container.id not in self.containers or sandbox is None:
            return
        box = new_box(
            self.clock, container.config, sandbox.ip, sandbox.volumes, self.resolver
        )
        box.memory.on_oom = lambda: self._oom_later(container)
        box.memory.on_change = self._memory_changed
        container.box = box
        container.state, container.started_at = "CONTAINER_RUNNING", self.clock.now
        try:
            argv = argv_of(container.config, box.image)
            container.process = start_process(
                box, argv, lambda code: self._exit(container, code)
            )
        except StartError as err:
            self._start_failed(container, str(err))
        self._notify(container.pod_uid)
        done(container)

    def _start_failed(self, container: Container, message: str) -> None:
        container.state, container.exit_code = "CONTAINER_EXITED", START_ERROR_EXIT
        container.finished_at = self.clock.now
        container.reason, container.message = "StartError", message

    def _oom_later(self, container: Container) -> None:
        process = container.process
        if process is not None:
            self.clock.call_later(0, process.kill, SIGKILL_EXIT)

    def _exit(self, container: Container, code: int) -> None:
        if container.state == "CONTAINER_EXITED":
            return
        container.state, container.exit_code = "CONTAINER_EXITED", code
        container.finished_at = self.clock.now
        container.reason = _exit_reason(container.box, code)
        if container.box is not None:
            container.message = termination_message(
                container.box, container.config, code
            )
            container.box.listeners.clear()
            container.box.memory.usage.clear()
            self._memory_changed()
        if container.kill_timer is not None:
            container.kill_timer.cancel()
        self._notify(container.pod_uid)
        waiters, container.waiters = container.waiters, []
        for waiter in waiters:
            waiter(container)

    def _memory_changed(self) -> None:
        for listener in list(self._memory_listeners):
            listener()

    def _running(self) -> list[Container]:
        return [c for c in self.containers.values() if c.state == "CONTAINER_RUNNING"]

    def _notify(self, pod_uid: str) -> None:
        for listener in list(self._listeners):
            listener(pod_uid)

    def _took(self, span: tuple[float, float]) -> float:
        return round(self.clock.rng(f"containerd/{self.node_name}").uniform(*span), 3)

    def _new_id(self) -> str:
        bits = self.clock.rng(f"containerd-ids/{self.node_name}").getrandbits(256)
        return f"{bits:064x}"


def _exit_reason(box: Box | None, code: int) -> str:
    """containerd's CRI names the exit: OOMKilled if the cgroup OOM-killed,
    Completed for 0, Error otherwise."""
    if box is not None and box.memory.oom_killed and code != 0:
        return "OOMKilled"
    return "Completed" if code == 0 else "Error"
