"""NodePorts: a pod asking for host ports fits only nodes where no pod holds
the same (protocol, port) on the same IP or 0.0.0.0 (``nodeports/node_ports.go``).

Pods without host ports skip the plugin at PreFilter. A conflict is plain
Unschedulable: preempting the pod holding the port would free it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.hostports import fits
from cluster.scheduler.framework.interface import Handle, PreFilterResult
from cluster.scheduler.framework.status import SKIP, Status, unschedulable
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.plugins import names

NAME = names.NODE_PORTS
PRE_FILTER_STATE_KEY = "PreFilter" + NAME
ERR_REASON = "node(s) didn't have free ports for the requested pod ports"
_TAKEN = unschedulable(ERR_REASON, plugin=NAME)


class NodePorts:
    name = NAME

    def pre_filter(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[PreFilterResult | None, Status | None]:
        if not pod.host_ports:
            return None, SKIP
        state.write(PRE_FILTER_STATE_KEY, pod.host_ports)
        return None, None

    def filter(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> Status | None:
        wanted = state.read(PRE_FILTER_STATE_KEY)
        return None if fits(wanted, node.used_ports) else _TAKEN


def new(args: Mapping[str, Any] | None, handle: Handle) -> NodePorts:
    return NodePorts()
