"""kubectl's derived columns for pods and nodes (``printers.go``: printPod, printNode).

Shared by the printers and the diagram, so what the page shows as a pod's
status is exactly what ``kubectl get pods`` prints.
"""

from __future__ import annotations

from typing import Any

Obj = dict[str, Any]


def pod_status(pod: Obj) -> str:
    """The STATUS column of ``kubectl get pods``."""
    status = pod.get("status", {})
    reason = status.get("reason") or status.get("phase") or "Pending"
    if _scheduling_gated(status):
        reason = "SchedulingGated"
    init_reason, initializing = _init_status(pod)
    if initializing:
        reason = init_reason
    else:
        reason = _containers_status(pod, reason)
    meta = pod.get("metadata", {})
    if meta.get("deletionTimestamp"):
        if status.get("reason") == "NodeLost":
            return "Unknown"
        if reason not in ("Completed", "Succeeded", "Failed"):
            return "Terminating"
    return reason


def pod_ready(pod: Obj) -> str:
    """The READY column: ready containers (and started sidecars) / total."""
    statuses = pod.get("status", {}).get("containerStatuses") or []
    sidecars = _sidecar_names(pod)
    total = len(pod.get("spec", {}).get("containers", [])) + len(sidecars)
    ready = sum(1 for s in statuses if s.get("ready"))
    ready += sum(
        1
        for s in pod.get("status", {}).get("initContainerStatuses") or []
        if s.get("name") in sidecars and s.get("ready")
    )
    return f"{ready}/{total}"


def pod_restart_count(pod: Obj) -> int:
    status = pod.get("status", {})
    sidecars = _sidecar_names(pod)
    count = sum(s.get("restartCount", 0) for s in status.get("containerStatuses") or [])
    return count + sum(
        s.get("restartCount", 0)
        for s in status.get("initContainerStatuses") or []
        if s.get("name") in sidecars
    )


def last_termination(pod: Obj) -> str | None:
    """The newest ``lastState.terminated.finishedAt`` among the pod's containers."""
    statuses = (pod.get("status", {}).get("containerStatuses") or []) + (
        pod.get("status", {}).get("initContainerStatuses") or []
    )
    finished = [
        s.get("lastState", {}).get("terminated", {}).get("finishedAt") for s in statuses
    ]
    stamps = [f for f in finished if f]
    return max(stamps) if stamps else None


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


def _scheduling_gated(status: Obj) -> bool:
    return any(
        c.get("type") == "PodScheduled" and c.get("reason") == "SchedulingGated"
        for c in status.get("conditions") or []
    )


def _sidecar_names(pod: Obj) -> set[str]:
    return {
        c["name"]
        for c in pod.get("spec", {}).get("initContainers") or []
        if c.get("restartPolicy") == "Always"
    }


def _init_status(pod: Obj) -> tuple[str, bool]:
    """kubectl's walk over init containers: (reason, still initializing)."""
    inits = pod.get("spec", {}).get("initContainers") or []
    sidecars = _sidecar_names(pod)
    for i, status in enumerate(
        pod.get("status", {}).get("initContainerStatuses") or []
    ):
        state = status.get("state", {})
        terminated = state.get("terminated")
        if terminated and terminated.get("exitCode") == 0:
            continue
        if status.get("name") in sidecars and status.get("started"):
            continue
        if terminated:
            return "Init:" + (terminated.get("reason") or _exit(terminated)), True
        waiting = state.get("waiting") or {}
        if waiting.get("reason") and waiting["reason"] != "PodInitializing":
            return f"Init:{waiting['reason']}", True
        return f"Init:{i}/{len(inits)}", True
    return "", False


def _containers_status(pod: Obj, reason: str) -> str:
    has_running = False
    for status in reversed(pod.get("status", {}).get("containerStatuses") or []):
        state = status.get("state", {})
        waiting, terminated = state.get("waiting"), state.get("terminated")
        if waiting and waiting.get("reason"):
            reason = waiting["reason"]
        elif terminated and terminated.get("reason"):
            reason = terminated["reason"]
        elif terminated:
            reason = _exit(terminated)
        elif state.get("running") is not None and status.get("ready"):
            has_running = True
    if reason == "Completed" and has_running:
        return "Running" if _pod_ready(pod) else "NotReady"
    return reason


def _pod_ready(pod: Obj) -> bool:
    return any(
        c.get("type") == "Ready" and c.get("status") == "True"
        for c in pod.get("status", {}).get("conditions") or []
    )


def _exit(terminated: Obj) -> str:
    if terminated.get("signal"):
        return f"Signal:{terminated['signal']}"
    return f"ExitCode:{terminated.get('exitCode', 0)}"
