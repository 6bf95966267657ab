"""Filtering many nodes per call: the same verdicts as Filter node by node,
without a Python call per node and plugin where a plugin can decide for a
whole list at once (``filter_nodes``). Go runs Filter in 16 goroutines; this
is the Python counterpart of that speed-up, and changes no result."""

from __future__ import annotations

from collections.abc import Callable

from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.status import Status
from cluster.scheduler.framework.types import NodeInfo, PodInfo

Rejected = list[tuple[NodeInfo, Status]]
BatchFunc = Callable[
    [CycleState, PodInfo, list[NodeInfo]], tuple[list[NodeInfo], Rejected]
]
FilterFunc = Callable[[CycleState, PodInfo, NodeInfo], Status | None]


def one_by_one(filter_: FilterFunc) -> BatchFunc:
    """A batch form for a plugin that only filters node by node."""

    def batch(
        state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[list[NodeInfo], Rejected]:
        passed: list[NodeInfo] = []
        rejected: Rejected = []
        for node in nodes:
            status = filter_(state, pod, node)
            if status is None:
                passed.append(node)
            else:
                rejected.append((node, status))
        return passed, rejected

    return batch


def split(
    nodes: list[NodeInfo],
    fits: list[NodeInfo],
    filter_: FilterFunc,
    state: CycleState,
    pod: PodInfo,
) -> tuple[list[NodeInfo], Rejected]:
    """Given the nodes a quick test passed (in order), ask Filter about the
    others, keeping the nodes' order."""
    if len(fits) == len(nodes):
        return nodes, []
    quick = {id(n) for n in fits}
    passed: list[NodeInfo] = []
    rejected: Rejected = []
    for node in nodes:
        status = None if id(node) in quick else filter_(state, pod, node)
        if status is None:
            passed.append(node)
        else:
            rejected.append((node, status))
    return passed, rejected
