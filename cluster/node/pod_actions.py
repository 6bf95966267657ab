"""``computePodActions`` (``pkg/kubelet/kuberuntime/kuberuntime_manager.go``):
what one SyncPod must do to make the runtime match the pod.

Pure functions of the pod, the runtime's containers for it (newest first per
name) and the probe results, so each rule can be tested as a table: which
sandbox to create, which init container or sidecar comes next, which
containers to (re)start per ``restartPolicy``, and which running containers
to kill because a liveness or startup probe failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cluster.node.runtime import Container, Sandbox

Obj = dict[str, Any]
ProbeResult = Callable[[str, str], str | None]  # (kind, container id) -> result


@dataclass(frozen=True)
class Kill:
    name: str
    message: str  # the Killing event's message
    reason: str = ""  # LivenessProbe | StartupProbe | ""


@dataclass
class Actions:
    kill_pod: bool = False
    create_sandbox: bool = False
    sandbox_attempt: int = 0
    sandbox_changed: bool = False
    init_to_start: list[int] = field(default_factory=list)
    to_start: list[int] = field(default_factory=list)
    to_kill: dict[str, Kill] = field(default_factory=dict)  # container id -> why


@dataclass
class PodRuntime:
    """The runtime's view of one pod: its newest sandbox and its containers."""

    sandbox: Sandbox | None
    containers: list[Container]  # newest first

    def find(self, name: str) -> Container | None:
        return next((c for c in self.containers if c.name == name), None)

    def exited(self, name: str) -> Container | None:
        """The newest exited instance (doBackOff's start point)."""
        return next(
            (
                c
                for c in self.containers
                if c.name == name and c.state == "CONTAINER_EXITED"
            ),
            None,
        )


def is_sidecar(container: Obj) -> bool:
    return container.get("restartPolicy") == "Always"


def restart_on_failure(pod: Obj) -> bool:
    return pod["spec"].get("restartPolicy", "Always") != "Never"


def should_restart(container: Obj, pod: Obj, view: PodRuntime) -> bool:
    """``ShouldContainerBeRestarted``."""
    if pod["metadata"].get("deletionTimestamp"):
        return False
    status = view.find(container["name"])
    if status is None or status.state in ("CONTAINER_CREATED", "CONTAINER_UNKNOWN"):
        return True
    if status.state == "CONTAINER_RUNNING":
        return False
    policy = pod["spec"].get("restartPolicy", "Always")
    if policy == "Never":
        return False
    return not (policy == "OnFailure" and status.exit_code == 0)


def compute(pod: Obj, view: PodRuntime, probe: ProbeResult) -> Actions:
    spec = pod["spec"]
    sandbox = view.sandbox
    if sandbox is None or sandbox.state != "SANDBOX_READY":
        return _new_sandbox(pod, view)
    actions = Actions()
    if not _init_actions(pod, view, probe, actions) or actions.kill_pod:
        return actions
    keep = 0
    for index, container in enumerate(spec.get("containers") or []):
        status = view.find(container["name"])
        if status is None or status.state != "CONTAINER_RUNNING":
            if should_restart(container, pod, view):
                actions.to_start.append(index)
            continue
        kill = _probe_kill(container, status, probe, restart_on_failure(pod))
        if kill is None:
            keep += 1
            continue
        if restart_on_failure(pod):
            actions.to_start.append(index)
        actions.to_kill[status.id] = kill
    if keep == 0 and not actions.to_start:
        actions.kill_pod = True
        actions.init_to_start = []
    return actions


def _new_sandbox(pod: Obj, view: PodRuntime) -> Actions:
    spec = pod["spec"]
    attempt = 0 if view.sandbox is None else view.sandbox.attempt + 1
    actions = Actions(
        kill_pod=True,
        create_sandbox=True,
        sandbox_attempt=attempt,
        sandbox_changed=view.sandbox is not None,
    )
    if not restart_on_failure(pod) and view.sandbox is not None and view.containers:
        actions.create_sandbox = False
        return actions
    to_start = [
        i
        for i, c in enumerate(spec.get("containers") or [])
        if not (spec.get("restartPolicy") == "OnFailure" and _succeeded(c, view))
    ]
    if not to_start and _any_regular_created(pod, view):
        actions.create_sandbox = False
        return actions
    if spec.get("initContainers"):
        actions.init_to_start = [0]
        return actions
    actions.to_start = to_start
    return actions


def _succeeded(container: Obj, view: PodRuntime) -> bool:
    status = view.find(container["name"])
    return (
        status is not None
        and status.state == "CONTAINER_EXITED"
        and (status.exit_code == 0)
    )


def _any_regular_created(pod: Obj, view: PodRuntime) -> bool:
    return any(view.find(c["name"]) for c in pod["spec"].get("containers") or [])


def _probe_kill(
    container: Obj, status: Container, probe: ProbeResult, restart: bool
) -> Kill | None:
    name = container["name"]
    if probe("liveness", status.id) == "Failure":
        return Kill(
            name,
            _restart_note(f"Container {name} failed liveness probe", restart),
            "LivenessProbe",
        )
    if probe("startup", status.id) == "Failure":
        return Kill(
            name,
            _restart_note(f"Container {name} failed startup probe", restart),
            "StartupProbe",
        )
    return None


def _restart_note(message: str, restart: bool) -> str:
    return f"{message}, will be restarted" if restart else message


# -- init containers and sidecars ----------------------------------------------


def _init_actions(
    pod: Obj, view: PodRuntime, probe: ProbeResult, actions: Actions
) -> bool:
    """``computeInitContainerActions``: True once the pod is initialized."""
    inits = pod["spec"].get("initContainers") or []
    if not inits:
        return True
    initialized = _regular_started(pod, view)
    previously = initialized
    for i in range(len(inits) - 1, -1, -1):
        container = inits[i]
        status = view.find(container["name"])
        if status is None:
            if previously and is_sidecar(container):
                actions.init_to_start.append(i)
            continue
        if previously and not is_sidecar(container):
            continue
        done, stop = _init_step(pod, inits, i, status, probe, actions, previously)
        initialized = initialized or done
        if stop:
            return False
        previously = True
    if not previously:
        actions.init_to_start.append(0)
    actions.init_to_start.reverse()
    return initialized


def _init_step(
    pod: Obj,
    inits: list[Obj],
    i: int,
    status: Container,
    probe: ProbeResult,
    actions: Actions,
    previously: bool,
) -> tuple[bool, bool]:
    """One init container's rule: (pod now initialized, stop: pod is failed)."""
    container = inits[i]
    last = i == len(inits) - 1
    if status.state == "CONTAINER_CREATED":
        actions.init_to_start.append(i)
    elif status.state == "CONTAINER_RUNNING" and is_sidecar(container):
        return _sidecar_running(container, status, i, last, probe, actions, previously)
    elif status.state == "CONTAINER_EXITED":
        if is_sidecar(container):
            actions.init_to_start.append(i)
        elif status.exit_code != 0:
            if not restart_on_failure(pod):
                actions.kill_pod = True
                actions.init_to_start = []
                return False, True
            actions.init_to_start.append(i)
        elif last:
            return True, False
        else:
            actions.init_to_start.append(i + 1)
    return False, False


def _sidecar_running(
    container: Obj,
    status: Container,
    i: int,
    last: bool,
    probe: ProbeResult,
    actions: Actions,
    previously: bool,
) -> tuple[bool, bool]:
    name = container["name"]
    if container.get("startupProbe"):
        startup = probe("startup", status.id)
        if startup == "Failure":
            actions.to_kill[status.id] = Kill(
                name, f"Init container {name} failed startup probe", "StartupProbe"
            )
            actions.init_to_start.append(i)
        if startup != "Success":
            return False, False
    initialized = last
    if not last and not previously:
        actions.init_to_start.append(i + 1)
    if container.get("livenessProbe") and probe("liveness", status.id) == "Failure":
        actions.to_kill[status.id] = Kill(
            name, f"Init container {name} failed liveness probe", "LivenessProbe"
        )
        actions.init_to_start.append(i)
    return initialized, False


def _regular_started(pod: Obj, view: PodRuntime) -> bool:
    for container in pod["spec"].get("containers") or []:
        status = view.find(container["name"])
        if status is not None and status.state in (
            "CONTAINER_CREATED",
            "CONTAINER_RUNNING",
        ):
            return True
    return False
