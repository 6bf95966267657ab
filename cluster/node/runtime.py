"""containerd on one node, as the kubelet sees it through the CRI.

It keeps what ``crictl`` would show — images, pod sandboxes, containers — and
makes every CRI call take the time the real one takes: a sandbox needs the
pause container and a CNI ADD, a container create and start a few tenths of
a second; pulls are the image service's (``image_service.py``). Calls that
take time finish through a callback on the clock; nothing blocks.

State is public (``images``, ``sandboxes``, ``containers``) so ``crictl ps``,
``crictl images`` and the node's ``status.images`` can be rendered from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cluster.clock import Clock
from cluster.node import images
from cluster.node.cni import AddressesExhausted, HostLocalIPAM
from cluster.node.image_service import (
    PULL_BANDWIDTH,
    REGISTRY_ROUND_TRIP,
    CRIError,
    ImageRecord,
    ImageService,
    PullHandle,
    PullResult,
)

__all__ = [
    "PULL_BANDWIDTH",
    "REGISTRY_ROUND_TRIP",
    "CRIError",
    "Container",
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
SIGKILL_EXIT = 137

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
    handles_stop_signal: bool
    stop_seconds: float
    state: str = "CONTAINER_CREATED"
    started_at: float | None = None
    finished_at: float | None = None
    exit_code: int | None = None
    reason: str = ""


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

    def subscribe(self, listener: Listener) -> None:
        """Container lifecycle events, the source of the kubelet's PLEG."""
        self._listeners.append(listener)

    # -- RuntimeService --------------------------------------------------------

    def update_runtime_config(self, pod_cidr: str) -> None:
        """The kubelet hands over the node's pod CIDR for the CNI config."""
        self.ipam = HostLocalIPAM(pod_cidr)

    def run_pod_sandbox(
        self, pod_uid: str, name: str, namespace: str, done: Callable[[Sandbox], None]
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
        sandbox = Sandbox(sandbox_id, pod_uid, name, namespace, ip, self.clock.now)
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
                del self.containers[container.id]
        if sandbox and self.ipam:
            self.ipam.release(sandbox_id)

    def create_container(
        self,
        sandbox_id: str,
        name: str,
        image: str,
        attempt: int,
        command_overridden: bool,
        done: Callable[[Container], None],
    ) -> None:
        record = self.image_status(image)
        if record is None:
            raise CRIError("NotFound", f'failed to get image "{image}"')
        container = self._new_container(
            sandbox_id, name, image, record, attempt, command_overridden
        )
        self.clock.call_later(
            self._took(CREATE_SECONDS), self._created, container, done
        )

    def start_container(
        self, container_id: str, done: Callable[[Container], None]
    ) -> None:
        container = self.containers[container_id]
        self.clock.call_later(self._took(START_SECONDS), self._started, container, done)

    def stop_container(
        self, container_id: str, timeout: float, done: Callable[[Container], None]
    ) -> None:
        """Send the image's stop signal; SIGKILL after ``timeout`` seconds."""
        container = self.containers[container_id]
        if container.state != "CONTAINER_RUNNING":
            self._exit(container, container.exit_code or 0)
            done(container)
            return
        if container.handles_stop_signal:
            delay, code = min(container.stop_seconds, timeout), 0
        else:
            delay, code = timeout, SIGKILL_EXIT
        self.clock.call_later(delay, self._stopped, container, code, done)

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
        name: str,
        image: str,
        record: ImageRecord,
        attempt: int,
        command_overridden: bool,
    ) -> Container:
        behaviour = images.behaviour_of(image)
        sandbox = self.sandboxes[sandbox_id]
        return Container(
            self._new_id(),
            sandbox_id,
            sandbox.pod_uid,
            name,
            images.normalize(image),
            record.id,
            record.repo_digests[0],
            attempt,
            self.clock.now,
            behaviour.handles_stop_signal and not command_overridden,
            behaviour.stop_seconds,
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
        container.state, container.started_at = "CONTAINER_RUNNING", self.clock.now
        self._notify(container.pod_uid)
        done(container)

    def _stopped(
        self, container: Container, code: int, done: Callable[[Container], None]
    ) -> None:
        self._exit(container, code)
        done(container)

    def _exit(self, container: Container, code: int) -> None:
        if container.state == "CONTAINER_EXITED":
            return
        container.state, container.exit_code = "CONTAINER_EXITED", code
        container.finished_at = self.clock.now
        # containerd's CRI names the exit: Completed for 0, Error otherwise.
        container.reason = "Completed" if code == 0 else "Error"
        self._notify(container.pod_uid)

    def _notify(self, pod_uid: str) -> None:
        for listener in list(self._listeners):
            listener(pod_uid)

    def _took(self, span: tuple[float, float]) -> float:
        return round(self.clock.rng(f"containerd/{self.node_name}").uniform(*span), 3)

    def _new_id(self) -> str:
        bits = self.clock.rng(f"containerd-ids/{self.node_name}").getrandbits(256)
        return f"{bits:064x}"
