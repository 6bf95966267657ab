"""kubectl's derived columns for pods and nodes (``printers.go``: printPod, printNode).

Shared by the printers and the diagram, so what the page shows as a pod's
status is exactly what ``kubectl get pods`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Obj = dict[str, Any]
TERMINAL_PHASES = ("Succeeded", "Failed")


@dataclass
class PodColumns:
    """READY, STATUS and RESTARTS as printPod computes them in one walk."""

    ready: int
    total: int
    status: str
    restarts: int
    last_restart: str | None  # newest lastState.terminated.finishedAt counted


def pod_columns(pod: Obj) -> PodColumns:
    spec, status = pod.get("spec", {}), pod.get("status", {})
    sidecars = _sidecar_names(pod)
    cols = PodColumns(
        0,
        len(spec.get("containers") or []) + len(sidecars),
        _phase_reason(status),
        0,
        None,
    )
    initializing = _walk_init_containers(pod, sidecars, cols)
    if not initializing or _condition_true(status, "Initialized"):
        _walk_containers(pod, sidecars, cols)
    meta = pod.get("metadata", {})
    if meta.get("deletionTimestamp"):
        if status.get("reason") == "NodeLost":
            cols.status = "Unknown"
        elif status.get("phase") not in TERMINAL_PHASES:
            cols.status = "Terminating"
    return cols


def pod_status(pod: Obj) -> str:
    """The STATUS column of ``kubectl get pods``."""
    return pod_columns(pod).status


def pod_ready(pod: Obj) -> str:
    """The READY column: ready running containers (and started sidecars) / total."""
    cols = pod_columns(pod)
    return f"{cols.ready}/{cols.total}"


def pod_restart_count(pod: Obj) -> int:
    return pod_columns(pod).restarts


def last_termination(pod: Obj) -> str | None:
    """When the last counted restart happened (for ``3 (45s ago)``)."""
    return pod_columns(pod).last_restart


def node_status(node: Obj) -> str:
    """The STATUS column of ``kubectl get nodes``."""
    conditions = node.get("status", {}).get("conditions") or []
    ready = next((c for c in conditions if c.get("type") == "Ready"), None)
    text = (
        "Unknown"
        if ready is None
        else ("Ready" if ready.get("status") == "True" else "NotReady")
    )
    if node.get("spec", {}).get("unschedulable"):
        text += ",SchedulingDisabled"
    return text


def node_roles(node: Obj) -> list[str]:
    labels = node.get("metadata", {}).get("labels") or {}
    roles = {
        key.removeprefix("node-role.kubernetes.io/")
        for key in labels
        if key.startswith("node-role.kubernetes.io/")
    }
    if labels.get("kubernetes.io/role"):
        roles.add(labels["kubernetes.io/role"])
    return sorted(r for r in roles if r)


def _phase_reason(status: Obj) -> str:
    reason = status.get("reason") or status.get("phase") or ""
    if any(
        c.get("type") == "PodScheduled" and c.get("reason") == "SchedulingGated"
        for c in status.get("conditions") or []
    ):
        reason = "SchedulingGated"
    return reason


def _walk_init_containers(pod: Obj, sidecars: set[str], cols: PodColumns) -> bool:
    """Count init restarts and find an init status; True while initializing."""
    inits = pod.get("spec", {}).get("initContainers") or []
    sidecar_restarts, sidecar_last = 0, None
    for i, status in enumerate(
        pod.get("status", {}).get("initContainerStatuses") or []
    ):
        finished = _last_finished(status)
        cols.restarts += status.get("restartCount", 0)
        cols.last_restart = _newest(cols.last_restart, finished)
        if status.get("name") in sidecars:
            sidecar_restarts += status.get("restartCount", 0)
            sidecar_last = _newest(sidecar_last, finished)
        state = status.get("state") or {}
        terminated, waiting = state.get("terminated"), state.get("waiting") or {}
        if terminated is not None and terminated.get("exitCode") == 0:
            continue
        if status.get("name") in sidecars and status.get("started"):
            cols.ready += 1 if status.get("ready") else 0
            continue
        if terminated is not None:
            cols.status = "Init:" + (terminated.get("reason") or _exit(terminated))
        elif waiting.get("reason") and waiting["reason"] != "PodInitializing":
            cols.status = "Init:" + waiting["reason"]
        else:
            cols.status = f"Init:{i}/{len(inits)}"
        return True
    # Once initialized, only sidecars' restarts count toward RESTARTS.
    cols.restarts, cols.last_restart = sidecar_restarts, sidecar_last
    return False


def _walk_containers(pod: Obj, sidecars: set[str], cols: PodColumns) -> None:
    has_running = False
    for status in reversed(pod.get("status", {}).get("containerStatuses") or []):
        cols.restarts += status.get("restartCount", 0)
        cols.last_restart = _newest(cols.last_restart, _last_finished(status))
        state = status.get("state") or {}
        waiting, terminated = state.get("waiting") or {}, state.get("terminated")
        if waiting.get("reason"):
            cols.status = waiting["reason"]
        elif terminated is not None:
            cols.status = terminated.get("reason") or _exit(terminated)
        elif status.get("ready") and state.get("running") is not None:
            has_running = True
            cols.ready += 1
    if cols.status == "Completed" and has_running:
        ready = _condition_true(pod.get("status", {}), "Ready")
        cols.status = "Running" if ready else "NotReady"


def _condition_true(status: Obj, type_: str) -> bool:
    return any(
        c.get("type") == type_ and c.get("status") == "True"
        for c in status.get("conditions") or []
    )


def _sidecar_names(pod: Obj) -> set[str]:
    return {
        c["name"]
        for c in pod.get("spec", {}).get("initContainers") or []
        if c.get("restartPolicy") == "Always"
    }


def _last_finished(status: Obj) -> str | None:
    terminated = (status.get("lastState") or {}).get("terminated") or {}
    return terminated.get("finishedAt")


def _newest(a: str | None, b: str | None) -> str | None:
    # RFC 3339 UTC timestamps of one format sort as strings.
    return max(filter(None, (a, b)), default=None)


def _exit(terminated: Obj) -> str:
    if terminated.get("signal"):
        return f"Signal:{terminated['signal']}"
    return f"ExitCode:{terminated.get('exitCode', 0)}"
