"""Admission on the node (``pkg/kubelet/lifecycle/predicate.go``): a pod
bound to the node must fit beside the pods already admitted there, or the
kubelet rejects it: ``OutOfcpu``, ``OutOfmemory``, ``OutOfpods`` with
``Node didn't have enough resource: cpu, requested: 3000, used: 500,
capacity: 2000``. A scheduled pod always fits; one whose ``nodeName`` was
set by hand may not.
"""

from __future__ import annotations

from typing import Any

from cluster.scheduler.framework.podresources import pod_requests, to_units

Obj = dict[str, Any]
REJECTED = "Pod was rejected: "


def admit(pod: Obj, allocatable: Obj, active: list[Obj]) -> tuple[str, str] | None:
    """None if the pod fits, else (reason, message) for the first shortfall."""
    capacity = to_units(allocatable)
    pods = capacity.get("pods", 110)
    if len(active) + 1 > pods:
        return "OutOfpods", _message("pods", 1, len(active), pods)
    wanted = pod_requests(pod)
    used: dict[str, int] = {}
    for other in active:
        for name, value in pod_requests(other).items():
            used[name] = used.get(name, 0) + value
    for name in ("cpu", "memory", "ephemeral-storage", *sorted(wanted)):
        requested = wanted.get(name, 0)
        if not requested:
            continue
        have = capacity.get(name, 0)
        if requested + used.get(name, 0) > have:
            return f"OutOf{name}", _message(name, requested, used.get(name, 0), have)
    return None


def _message(name: str, requested: int, used: int, capacity: int) -> str:
    return (
        f"Node didn't have enough resource: {name}, requested: {requested}, "
        f"used: {used}, capacity: {capacity}"
    )
