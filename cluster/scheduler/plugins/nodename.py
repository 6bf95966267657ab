"""NodeName: a pod that names a node fits only that node."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluster.scheduler.framework.batch import Rejected, split
from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.interface import Handle
from cluster.scheduler.framework.status import Status, unresolvable
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.plugins import names

NAME = names.NODE_NAME
ERR_REASON = "node(s) didn't match the requested node name"
_MISMATCH = unresolvable(ERR_REASON, plugin=NAME)


class NodeName:
    name = NAME

    def filter(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> Status | None:
        wanted = pod.node_name
        return _MISMATCH if wanted and wanted != node.name else None

    def filter_nodes(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[list[NodeInfo], Rejected]:
        if not pod.node_name:
            return nodes, []
        fits = [n for n in nodes if n.name == pod.node_name]
        return split(nodes, fits, self.filter, state, pod)


def new(args: Mapping[str, Any] | None, handle: Handle) -> NodeName:
    return NodeName()
