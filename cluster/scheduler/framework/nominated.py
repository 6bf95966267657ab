"""RunFilterPluginsWithNominatedPods (``framework/runtime/framework.go``).

Pods nominated to a node (by preemption) with a priority at least the
incoming pod's are counted on the node before filtering, so nobody takes the
room preemption freed for them. If the node passes with them, the filters run
again without them, since some (inter-pod affinity) may pass only with them.
"""

from __future__ import annotations

from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.runtime import Framework
from cluster.scheduler.framework.status import Status
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.nominator import Nominator


def run_filter_with_nominated_pods(
    fw: Framework,
    state: CycleState,
    pod: PodInfo,
    node: NodeInfo,
    nominator: Nominator | None,
) -> Status | None:
    added = _with_nominated_pods(fw, state, pod, node, nominator)
    if added is None:
        return fw.run_filter(state, pod, node)
    status = fw.run_filter(added[0], pod, added[1])
    if status is not None:
        return status
    return fw.run_filter(state, pod, node)


def _with_nominated_pods(
    fw: Framework,
    state: CycleState,
    pod: PodInfo,
    node: NodeInfo,
    nominator: Nominator | None,
) -> tuple[CycleState, NodeInfo] | None:
    """addGENominatedPods: copies of state and node with the nominated pods
    of at least this priority, or None when there are none."""
    if not nominator or not nominator.has_pods_for(node.name):
        return None
    wanted = [
        p
        for p in nominator.pods_for_node(node.name)
        if p.priority >= pod.priority and p.uid != pod.uid
    ]
    if not wanted:
        return None
    state_out, node_out = state.clone(), node.clone()
    for nominated in wanted:
        node_out.add_pod(nominated)
        fw.run_pre_filter_add_pod(state_out, pod, nominated, node_out)
    return state_out, node_out
