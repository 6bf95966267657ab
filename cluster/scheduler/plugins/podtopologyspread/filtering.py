"""PodTopologySpread's PreFilter and Filter (``podtopologyspread/filtering.go``).

PreFilter counts, per DoNotSchedule constraint and per domain, the matching
pods on the nodes that count (all topology keys present, inclusion policies
met), and keeps the two smallest domains. Filter then rejects a node when
``matching in its domain + self-match - global minimum > maxSkew``; the
global minimum is 0 while there are fewer domains than ``minDomains``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cluster.scheduler.framework.status import Status, unresolvable, unschedulable
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.plugins import names
from cluster.scheduler.plugins.podtopologyspread.common import (
    Constraint,
    count_matching,
    node_has_keys,
)

NAME = names.POD_TOPOLOGY_SPREAD
PRE_FILTER_STATE_KEY = "PreFilter" + NAME
ERR_REASON_CONSTRAINTS_NOT_MATCH = (
    "node(s) didn't match pod topology spread constraints"
)
ERR_REASON_NODE_LABEL_NOT_MATCH = (
    ERR_REASON_CONSTRAINTS_NOT_MATCH + " (missing required label)"
)
MAX_INT32 = 2**31 - 1
_SKEWED = unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH, plugin=NAME)
_NO_LABEL = unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH, plugin=NAME)


class CriticalPaths:
    """The two domains with the fewest matching pods; [0] is the minimum."""

    __slots__ = ("values", "nums")

    def __init__(self) -> None:
        self.values = ["", ""]
        self.nums = [MAX_INT32, MAX_INT32]

    @property
    def minimum(self) -> int:
        return self.nums[0]

    def update(self, value: str, num: int) -> None:
        values, nums = self.values, self.nums
        index = 0 if value == values[0] else 1 if value == values[1] else -1
        if index >= 0:
            nums[index] = num
            if nums[0] > nums[1]:
                values.reverse()
                nums.reverse()
        elif num < nums[0]:
            self.values, self.nums = [value, values[0]], [num, nums[0]]
        elif num < nums[1]:
            values[1], nums[1] = value, num

    def copy(self) -> CriticalPaths:
        other = CriticalPaths()
        other.values, other.nums = list(self.values), list(self.nums)
        return other


@dataclass
class PreFilterState:
    constraints: list[Constraint]
    paths: list[CriticalPaths] = field(default_factory=list)
    counts: list[dict[str, int]] = field(default_factory=list)

    def min_match_num(self, index: int, min_domains: int) -> int:
        if len(self.counts[index]) < min_domains:
            return 0
        return self.paths[index].minimum

    def clone(self) -> PreFilterState:
        return PreFilterState(
            self.constraints,
            [p.copy() for p in self.paths],
            [dict(c) for c in self.counts],
        )

    def update_with_pod(
        self, pod: PodInfo, preemptor: PodInfo, node: NodeInfo, delta: int
    ) -> None:
        """AddPod/RemovePod during preemption's dry run."""
        if (
            pod.namespace != preemptor.namespace
            or node.node is None
            or not node_has_keys(node.labels, self.constraints)
        ):
            return
        for i, constraint in enumerate(self.constraints):
            if not constraint.selector.matches(pod.labels) or not constraint.includes(
                preemptor, node
            ):
                continue
            value = node.labels[constraint.topology_key]
            self.counts[i][value] = self.counts[i].get(value, 0) + delta
            self.paths[i].update(value, self.counts[i][value])


def calculate(
    pod: PodInfo, constraints: list[Constraint], nodes: list[NodeInfo]
) -> PreFilterState:
    """calPreFilterState over all nodes."""
    state = PreFilterState(constraints)
    state.counts = [{} for _ in constraints]
    everywhere = [c.includes_all(pod) for c in constraints]
    for node in nodes:
        if not node_has_keys(node.labels, constraints):
            continue
        for i, constraint in enumerate(constraints):
            if not (everywhere[i] or constraint.includes(pod, node)):
                continue
            value = node.labels[constraint.topology_key]
            found = count_matching(node, constraint.selector, pod.namespace)
            state.counts[i][value] = state.counts[i].get(value, 0) + found
    for counts in state.counts:
        paths = CriticalPaths()
        for value, num in counts.items():
            paths.update(value, num)
        state.paths.append(paths)
    return state


def filter_node(state: PreFilterState, pod: PodInfo, node: NodeInfo) -> Status | None:
    for i, constraint in enumerate(state.constraints):
        value = node.labels.get(constraint.topology_key)
        if value is None:
            return _NO_LABEL
        minimum = state.min_match_num(i, constraint.min_domains)
        self_match = 1 if constraint.selector.matches(pod.labels) else 0
        skew = state.counts[i].get(value, 0) + self_match - minimum
        if skew > constraint.max_skew:
            return _SKEWED
    return None
