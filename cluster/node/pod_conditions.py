"""The kubelet's pod conditions (``pkg/kubelet/status/generate.go``):
PodReadyToStartContainers, Initialized, Ready and ContainersReady.

A container that is not ready (a failing readiness probe) makes
ContainersReady and Ready False, which is what takes the pod out of its
Services' EndpointSlices.
"""

from __future__ import annotations

from typing import Any

from cluster.node.pod_actions import is_sidecar
from cluster.node.runtime import Sandbox

Obj = dict[str, Any]


def generate(
    pod: Obj,
    sandbox: Sandbox | None,
    inits: list[Obj],
    regular: list[Obj],
    phase: str,
    initialized: bool,
) -> list[Obj]:
    has_network = bool(sandbox and sandbox.state == "SANDBOX_READY" and sandbox.ip)
    containers_ready = _containers_ready(pod, inits, regular, phase)
    ready = {**containers_ready, "type": "Ready"}
    conditions = [
        condition("PodReadyToStartContainers", has_network),
        _initialized(pod, inits, phase, initialized),
        ready,
        containers_ready,
        condition("PodScheduled", True),
    ]
    generation = pod["metadata"].get("generation")
    if generation is not None:
        for item in conditions:
            item["observedGeneration"] = generation
    return conditions


def _initialized(pod: Obj, inits: list[Obj], phase: str, initialized: bool) -> Obj:
    by_name = {s["name"]: s for s in inits}
    unknown, incomplete = [], []
    for container in pod["spec"].get("initContainers") or []:
        status = by_name.get(container["name"])
        if status is None:
            unknown.append(container["name"])
        elif is_sidecar(container):
            if not status.get("started"):
                incomplete.append(container["name"])
        elif _not_succeeded(status):
            incomplete.append(container["name"])
    if phase == "Succeeded" and not unknown:
        return condition("Initialized", True, "PodCompleted")
    if initialized:
        return condition("Initialized", True)
    message = _join(unknown, incomplete, "incomplete")
    if message:
        return condition("Initialized", False, "ContainersNotInitialized", message)
    return condition("Initialized", True)


def _not_succeeded(status: Obj) -> bool:
    terminated = status["state"].get("terminated")
    return terminated is None or terminated.get("exitCode") != 0


def _containers_ready(
    pod: Obj, inits: list[Obj], regular: list[Obj], phase: str
) -> Obj:
    if phase in ("Succeeded", "Failed"):
        reason = "PodCompleted" if phase == "Succeeded" else "PodFailed"
        return condition("ContainersReady", False, reason)
    by_name = {s["name"]: s for s in inits + regular}
    specs = [c for c in pod["spec"].get("initContainers") or [] if is_sidecar(c)]
    specs += pod["spec"].get("containers") or []
    unknown = [c["name"] for c in specs if c["name"] not in by_name]
    unready = [
        c["name"]
        for c in specs
        if c["name"] in by_name and not by_name[c["name"]]["ready"]
    ]
    message = _join(unknown, unready, "unready")
    if message:
        return condition("ContainersReady", False, "ContainersNotReady", message)
    return condition("ContainersReady", True)


def _join(unknown: list[str], bad: list[str], word: str) -> str:
    # Go's %s of a []string: [a b]
    parts = []
    if unknown:
        parts.append(f"containers with unknown status: [{' '.join(unknown)}]")
    if bad:
        parts.append(f"containers with {word} status: [{' '.join(bad)}]")
    return ", ".join(parts)


def condition(type_: str, ok: bool, reason: str = "", message: str = "") -> Obj:
    item: Obj = {
        "type": type_,
        "status": "True" if ok else "False",
        "lastProbeTime": None,
    }
    if reason:
        item["reason"] = reason
    if message:
        item["message"] = message
    return item
