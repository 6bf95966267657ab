"""NodeUnschedulable: cordoned nodes (``spec.unschedulable``) take no new pods,
unless the pod tolerates the ``node.kubernetes.io/unschedulable`` taint."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluster.scheduler.framework.batch import Rejected, split
from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.interface import Handle
from cluster.scheduler.framework.status import Status, unresolvable
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.plugins import names
from cluster.scheduler.plugins.helper import tolerations_tolerate_taint

NAME = names.NODE_UNSCHEDULABLE
ERR_REASON_UNKNOWN_CONDITION = "node(s) had unknown conditions"
ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable"
TAINT_NODE_UNSCHEDULABLE = {
    "key": "node.kubernetes.io/unschedulable",
    "effect": "NoSchedule",
}
_UNKNOWN = unresolvable(ERR_REASON_UNKNOWN_CONDITION, plugin=NAME)
_CORDONED = unresolvable(ERR_REASON_UNSCHEDULABLE, plugin=NAME)


class NodeUnschedulable:
    name = NAME

    def filter(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> Status | None:
        if not node.unschedulable:
            return None if node.node is not None else _UNKNOWN
        # A pod that tolerates the cordon taint also tolerates the flag.
        if tolerations_tolerate_taint(pod.tolerations, TAINT_NODE_UNSCHEDULABLE):
            return None
        return _CORDONED

    def filter_nodes(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[list[NodeInfo], Rejected]:
        fits = [n for n in nodes if not n.unschedulable and n.node is not None]
        return split(nodes, fits, self.filter, state, pod)


def new(args: Mapping[str, Any] | None, handle: Handle) -> NodeUnschedulable:
    return NodeUnschedulable()
