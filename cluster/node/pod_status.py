"""The status the kubelet computes for a pod (``generateAPIPodStatus``,
``pkg/kubelet/status/generate.go``, ``TerminatePod``).

Pure functions of the pod, what the runtime holds for it and the reason
cache, so they can be tested without a clock. Transition times are the status
manager's job: conditions here carry no ``lastTransitionTime``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cluster.node.runtime import Container, Sandbox

Obj = dict[str, Any]
CONTAINER_CREATING = "ContainerCreating"
UNKNOWN_EXIT = {
    "exitCode": 137,
    "reason": "ContainerStatusUnknown",
    "message": "The container could not be located when the pod was terminated",
}


@dataclass
class RuntimeView:
    """What the kubelet knows about one pod from the runtime and its caches."""

    sandbox: Sandbox | None
    containers: dict[str, Container]
    reasons: dict[str, tuple[str, str]] = field(default_factory=dict)
    host_ip: str = ""


def generate(pod: Obj, view: RuntimeView, stamp: Any, terminal: bool = False) -> Obj:
    """The pod's new status; ``stamp(seconds)`` formats a runtime time."""
    old = pod.get("status") or {}
    statuses = [
        _container_status(c, view, stamp)
        for c in sorted(pod["spec"].get("containers", []), key=lambda c: c["name"])
    ]
    if terminal:
        statuses = [_terminated_unknown(s) for s in statuses]
    phase = _phase(pod, statuses, terminal)
    status: Obj = {
        "phase": phase,
        "conditions": _conditions(pod, view, statuses, phase),
    }
    status.update(_addresses(old, view))
    if old.get("startTime"):
        status["startTime"] = old["startTime"]
    status["containerStatuses"] = statuses
    status["qosClass"] = old.get("qosClass", "BestEffort")
    generation = pod["metadata"].get("generation")
    if generation is not None:
        status["observedGeneration"] = generation
    return status


# -- containers ------------------------------------------------------------------


def _container_status(spec: Obj, view: RuntimeView, stamp: Any) -> Obj:
    record = view.containers.get(spec["name"])
    status: Obj = {
        "name": spec["name"],
        "image": spec["image"],
        "imageID": "",
        "lastState": {},
        "ready": False,
        "restartCount": 0,
        "started": False,
    }
    if record is None or record.state == "CONTAINER_CREATED":
        status["state"] = {"waiting": _waiting(view.reasons.get(spec["name"]))}
        return status
    status.update(
        containerID=f"containerd://{record.id}",
        image=record.image,
        imageID=record.image_ref,
        restartCount=record.attempt,
    )
    if record.state == "CONTAINER_RUNNING":
        status.update(
            ready=True,
            started=True,
            state={"running": {"startedAt": stamp(record.started_at)}},
        )
    else:
        status["state"] = {"terminated": _terminated(record, stamp)}
    return status


def _waiting(reason: tuple[str, str] | None) -> Obj:
    if reason is None:
        return {"reason": CONTAINER_CREATING}
    return {"reason": reason[0], "message": reason[1]}


def _terminated(record: Container, stamp: Any) -> Obj:
    return {
        "containerID": f"containerd://{record.id}",
        "exitCode": record.exit_code or 0,
        "finishedAt": stamp(record.finished_at),
        "reason": record.reason,
        "startedAt": stamp(record.started_at or record.created_at),
    }


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


# -- phase -----------------------------------------------------------------------


def _phase(pod: Obj, statuses: list[Obj], terminal: bool) -> str:
    waiting = running = stopped = succeeded = 0
    for status in statuses:
        state = status["state"]
        if "running" in state:
            running += 1
        elif "terminated" in state:
            stopped += 1
            succeeded += state["terminated"].get("exitCode") == 0
        elif status["lastState"].get("terminated"):
            stopped += 1
        else:
            waiting += 1
    return _phase_of(
        pod["spec"].get("restartPolicy", "Always"),
        waiting,
        running,
        stopped,
        succeeded,
        terminal,
    )


def _phase_of(
    policy: str,
    waiting: int,
    running: int,
    stopped: int,
    succeeded: int,
    terminal: bool,
) -> str:
    if waiting and not terminal:
        return "Pending"
    if running and not terminal:
        return "Running"
    if not stopped:
        return "Failed" if terminal else "Pending"
    all_succeeded = succeeded == stopped
    if terminal or policy == "Never":
        return "Succeeded" if all_succeeded else "Failed"
    if policy == "OnFailure" and all_succeeded:
        return "Succeeded"
    return "Running"


# -- conditions ------------------------------------------------------------------


def _conditions(
    pod: Obj, view: RuntimeView, statuses: list[Obj], phase: str
) -> list[Obj]:
    sandbox = view.sandbox
    has_network = bool(sandbox and sandbox.state == "SANDBOX_READY" and sandbox.ip)
    containers_ready = _containers_ready(pod, statuses, phase)
    ready = {**containers_ready, "type": "Ready"}
    conditions = [
        _condition("PodReadyToStartContainers", has_network),
        _condition("Initialized", True),
        ready,
        containers_ready,
        _condition("PodScheduled", True),
    ]
    generation = pod["metadata"].get("generation")
    if generation is not None:
        for condition in conditions:
            condition["observedGeneration"] = generation
    return conditions


def _containers_ready(pod: Obj, statuses: list[Obj], phase: str) -> Obj:
    if phase in ("Succeeded", "Failed"):
        reason = "PodCompleted" if phase == "Succeeded" else "PodFailed"
        return _condition("ContainersReady", False, reason)
    by_name = {s["name"]: s for s in statuses}
    unready = [
        c["name"]
        for c in pod["spec"].get("containers", [])
        if not by_name.get(c["name"], {}).get("ready")
    ]
    if not unready:
        return _condition("ContainersReady", True)
    # Go's %s of a []string: [a b]
    return _condition(
        "ContainersReady",
        False,
        "ContainersNotReady",
        f"containers with unready status: [{' '.join(unready)}]",
    )


def _condition(type_: str, ok: bool, reason: str = "", message: str = "") -> Obj:
    condition: Obj = {
        "type": type_,
        "status": "True" if ok else "False",
        "lastProbeTime": None,
    }
    if reason:
        condition["reason"] = reason
    if message:
        condition["message"] = message
    return condition


def _addresses(old: Obj, view: RuntimeView) -> Obj:
    found: Obj = {}
    if view.host_ip:
        found.update(hostIP=view.host_ip, hostIPs=[{"ip": view.host_ip}])
    sandbox = view.sandbox
    if sandbox and sandbox.state == "SANDBOX_READY":
        found.update(podIP=sandbox.ip, podIPs=[{"ip": sandbox.ip}])
    elif old.get("podIP"):
        # The runtime forgets a stopped sandbox's IP; the kubelet keeps the
        # last one it reported.
        found.update(podIP=old["podIP"], podIPs=old.get("podIPs", []))
    return found
