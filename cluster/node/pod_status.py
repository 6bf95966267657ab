"""The status the kubelet computes for a pod (``generateAPIPodStatus`` and
``convertToAPIContainerStatuses`` in ``pkg/kubelet/kubelet_pods.go``,
``getPhase``, ``pkg/kubelet/status/generate.go``, ``TerminatePod``).

Pure functions of the pod, what the runtime holds for it, the reason cache
and the prober's results, so they can be tested without a clock. Transition
times are the status manager's job: conditions carry no
``lastTransitionTime`` here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cluster.node import pod_conditions
from cluster.node.pod_actions import PodRuntime, is_sidecar, should_restart
from cluster.node.runtime import Container

Obj = dict[str, Any]
CONTAINER_CREATING = "ContainerCreating"
POD_INITIALIZING = "PodInitializing"
UNKNOWN_EXIT = {
    "exitCode": 137,
    "reason": "ContainerStatusUnknown",
    "message": "The container could not be located when the pod was terminated",
}


def _always(kind: str, name: str, container_id: str) -> bool | None:
    return None


@dataclass
class RuntimeView:
    """What the kubelet knows about one pod from the runtime and its caches.

    ``probed(kind, name, container_id)`` is the prober's word on ``started``
    or ``ready``: True/False, or None when the container has no such probe."""

    runtime: PodRuntime
    reasons: dict[str, tuple[str, str]] = field(default_factory=dict)
    host_ip: str = ""
    probed: Callable[[str, str, str], bool | None] = _always


def generate(pod: Obj, view: RuntimeView, stamp: Any, terminal: bool = False) -> Obj:
    """The pod's new status; ``stamp(seconds)`` formats a runtime time."""
    old = pod.get("status") or {}
    spec = pod["spec"]
    has_inits = bool(spec.get("initContainers"))
    default = POD_INITIALIZING if has_inits else CONTAINER_CREATING
    inits = [
        _status(pod, c, view, stamp, default, init=True)
        for c in spec.get("initContainers") or []
    ]
    regular = [
        _status(pod, c, view, stamp, default, init=False)
        for c in spec.get("containers") or []
    ]
    regular.sort(key=lambda s: s["name"])
    if terminal:
        inits = [_terminated_unknown(s) for s in inits]
        regular = [_terminated_unknown(s) for s in regular]
    initialized = _has_initialized(pod, view.runtime)
    phase = get_phase(pod, inits, regular, terminal, initialized)
    status: Obj = {"phase": phase}
    status["conditions"] = pod_conditions.generate(
        pod, view.runtime.sandbox, inits, regular, phase, initialized
    )
    status.update(_addresses(old, view))
    if old.get("startTime"):
        status["startTime"] = old["startTime"]
    if inits:
        status["initContainerStatuses"] = inits
    status["containerStatuses"] = regular
    status["qosClass"] = old.get("qosClass", "BestEffort")
    generation = pod["metadata"].get("generation")
    if generation is not None:
        status["observedGeneration"] = generation
    return status


# -- containers ------------------------------------------------------------------


def _status(
    pod: Obj, spec: Obj, view: RuntimeView, stamp: Any, default: str, init: bool
) -> Obj:
    name = spec["name"]
    instances = [c for c in view.runtime.containers if c.name == name][:2]
    status: Obj = {
        "name": name,
        "image": spec["image"],
        "imageID": "",
        "lastState": {},
        "ready": False,
        "restartCount": 0,
        "started": False,
        "state": {"waiting": {"reason": default}},
    }
    if instances:
        status.update(_converted(instances[0], stamp))
    if len(instances) > 1:
        status["lastState"] = _state(instances[1], stamp)
    _apply_reason(pod, spec, view, status)
    _apply_probes(spec, view, status, init and not is_sidecar(spec))
    return status


def _converted(record: Container, stamp: Any) -> Obj:
    return {
        "containerID": f"containerd://{record.id}",
        "image": record.image,
        "imageID": record.image_ref,
        "restartCount": record.attempt,
        "state": _state(record, stamp),
    }


def _state(record: Container, stamp: Any) -> Obj:
    if record.state == "CONTAINER_RUNNING":
        return {"running": {"startedAt": stamp(record.started_at)}}
    if record.state == "CONTAINER_EXITED":
        return {"terminated": _terminated(record, stamp)}
    return {"waiting": {}}


def _terminated(record: Container, stamp: Any) -> Obj:
    terminated = {
        "containerID": f"containerd://{record.id}",
        "exitCode": record.exit_code or 0,
        "finishedAt": stamp(record.finished_at),
        "reason": record.reason,
        "startedAt": stamp(record.started_at or record.created_at),
    }
    if record.message:
        terminated["message"] = record.message
    return terminated


def _apply_reason(pod: Obj, spec: Obj, view: RuntimeView, status: Obj) -> None:
    """A container to be restarted waits with the reason of its last failure."""
    reason = view.reasons.get(spec["name"])
    if reason is None or not should_restart(spec, pod, view.runtime):
        return
    if "terminated" in status["state"]:
        status["lastState"] = status["state"]
    waiting = {"reason": reason[0]}
    if reason[1]:
        waiting["message"] = reason[1]
    status["state"] = {"waiting": waiting}


def _apply_probes(spec: Obj, view: RuntimeView, status: Obj, plain_init: bool) -> None:
    """``UpdatePodStatus``: started from the startup probe, ready from the
    readiness probe; a plain init container is ready once it exits 0."""
    state = status["state"]
    if plain_init and "terminated" in state:
        status["ready"] = state["terminated"].get("exitCode") == 0
    if "running" not in state:
        return
    cid = status["containerID"].removeprefix("containerd://")
    started = view.probed("startup", spec["name"], cid)
    status["started"] = True if started is None else started
    if status["started"] and not plain_init:
        ready = view.probed("readiness", spec["name"], cid)
        status["ready"] = True if ready is None else ready


def _terminated_unknown(status: Obj) -> Obj:
    """TerminatePod: a container with no terminated state is reported failed."""
    if "terminated" in status["state"]:
        return status
    return {
        **status,
        "ready": False,
        "started": False,
        "state": {"terminated": dict(UNKNOWN_EXIT)},
    }


def _has_initialized(pod: Obj, runtime: PodRuntime) -> bool:
    """A regular container exists: the pod got through its init containers."""
    return any(runtime.find(c["name"]) for c in pod["spec"].get("containers") or [])


# -- phase -----------------------------------------------------------------------


def get_phase(
    pod: Obj, inits: list[Obj], regular: list[Obj], terminal: bool, initialized: bool
) -> str:
    """``getPhase`` (``pkg/kubelet/kubelet_pods.go``)."""
    spec = pod["spec"]
    by_name = {s["name"]: s for s in inits}
    pending_inits, failed_init, pending_sidecars = 0, 0, 0
    counts = {"running": 0, "waiting": 0, "stopped": 0, "succeeded": 0, "unknown": 0}
    for container in spec.get("initContainers") or []:
        status = by_name.get(container["name"])
        if is_sidecar(container):
            pending_sidecars += _count_sidecar(status, counts)
            continue
        pending, failed = _count_init(status)
        pending_inits += pending
        failed_init += failed
    for status in regular:
        _count_regular(status, counts)
    policy = spec.get("restartPolicy", "Always")
    if failed_init and policy == "Never":
        return "Failed"
    if pending_inits or (pending_sidecars and not initialized):
        return "Pending"
    return _phase_of(policy, counts, terminal)


def _count_init(status: Obj | None) -> tuple[int, int]:
    if status is None:
        return 1, 0
    state, last = status["state"], status["lastState"]
    if "running" in state:
        return 1, 0
    if "terminated" in state:
        return 0, int(state["terminated"].get("exitCode") != 0)
    if last.get("terminated"):
        return 0, int(last["terminated"].get("exitCode") != 0)
    return 1, 0


def _count_sidecar(status: Obj | None, counts: dict[str, int]) -> int:
    if status is None:
        counts["unknown"] += 1
        return 1
    state = status["state"]
    if "running" in state:
        counts["running"] += 1
        return int(not status.get("started"))
    if "waiting" in state and not status["lastState"].get("terminated"):
        counts["waiting"] += 1
        return 1
    return 0


def _count_regular(status: Obj, counts: dict[str, int]) -> None:
    state = status["state"]
    if "running" in state:
        counts["running"] += 1
    elif "terminated" in state:
        counts["stopped"] += 1
        counts["succeeded"] += state["terminated"].get("exitCode") == 0
    elif status["lastState"].get("terminated"):
        counts["stopped"] += 1
    else:
        counts["waiting"] += 1


def _phase_of(policy: str, counts: dict[str, int], terminal: bool) -> str:
    running, stopped, unknown = counts["running"], counts["stopped"], counts["unknown"]
    if counts["waiting"]:
        return "Pending"
    if running and not unknown:
        return "Running"
    if running or not stopped or unknown:
        return "Pending"
    all_succeeded = stopped == counts["succeeded"]
    if terminal:
        return "Succeeded" if all_succeeded else "Failed"
    if policy == "Always":
        return "Running"
    if all_succeeded:
        return "Succeeded"
    return "Failed" if policy == "Never" else "Running"


def _addresses(old: Obj, view: RuntimeView) -> Obj:
    found: Obj = {}
    if view.host_ip:
        found.update(hostIP=view.host_ip, hostIPs=[{"ip": view.host_ip}])
    sandbox = view.runtime.sandbox
    if sandbox and sandbox.state == "SANDBOX_READY":
        found.update(podIP=sandbox.ip, podIPs=[{"ip": sandbox.ip}])
    elif old.get("podIP"):
        # The runtime forgets a stopped sandbox's IP; the kubelet keeps the
        # last one it reported.
        found.update(podIP=old["podIP"], podIPs=old.get("podIPs", []))
    return found
