"""PodTopologySpread's PreScore, Score and NormalizeScore
(``podtopologyspread/scoring.go``).

Only ScheduleAnyway constraints score. A node's raw score is
``round(sum over constraints of matching pods in its domain * ln(domains + 2)
+ maxSkew - 1)``; fewer pods is better, so NormalizeScore turns it around:
``100 * (max + min - raw) / max``. Nodes lacking a topology key score 0 (with
the system defaults a missing zone label is tolerated, for hostname
spreading's sake).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from cluster.scheduler.framework.labels import Selector
from cluster.scheduler.framework.status import MAX_NODE_SCORE
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.plugins.podtopologyspread.common import (
    LABEL_HOSTNAME,
    Constraint,
    count_matching,
    node_has_keys,
)

MAX_INT64 = 2**63 - 1


@dataclass
class PreScoreState:
    constraints: list[Constraint]
    ignored: set[str] = field(default_factory=set)
    # Per constraint: domain -> matching pods (hostname counted in Score).
    counts: list[dict[str, int]] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)


def init_state(
    constraints: list[Constraint], filtered: list[NodeInfo], require_all: bool
) -> PreScoreState:
    """initPreScoreState: the domains of the feasible nodes, and each
    constraint's weight ln(number of domains + 2)."""
    state = PreScoreState(constraints, counts=[{} for _ in constraints])
    for node in filtered:
        if require_all and not node_has_keys(node.labels, constraints):
            state.ignored.add(node.name)
            continue
        for i, constraint in enumerate(constraints):
            if constraint.topology_key != LABEL_HOSTNAME:
                state.counts[i].setdefault(
                    node.labels.get(constraint.topology_key, ""), 0
                )
    for i, constraint in enumerate(constraints):
        size = len(state.counts[i])
        if constraint.topology_key == LABEL_HOSTNAME:
            size = len(filtered) - len(state.ignored)
        state.weights.append(math.log(size + 2))
    return state


def count_all(
    state: PreScoreState,
    pod: PodInfo,
    nodes_for: Callable[[Selector], list[NodeInfo]],
    require_all: bool,
) -> None:
    """Count matching pods per domain over the cluster's nodes. Only nodes
    holding a pod the selector may match can add anything, so only those are
    visited (``nodes_for``); the sums are those of a walk over every node."""
    for i, constraint in enumerate(state.constraints):
        counts = state.counts[i]
        if not counts:
            continue  # hostname: counted node by node in Score
        everywhere = constraint.includes_all(pod)
        for node in nodes_for(constraint.selector):
            if require_all and not node_has_keys(node.labels, state.constraints):
                continue
            value = node.labels.get(constraint.topology_key, "")
            if value not in counts or not (
                everywhere or constraint.includes(pod, node)
            ):
                continue
            counts[value] += count_matching(node, constraint.selector, pod.namespace)


def score_node(state: PreScoreState, pod: PodInfo, node: NodeInfo) -> int:
    if node.name in state.ignored:
        return 0
    total = 0.0
    for i, constraint in enumerate(state.constraints):
        value = node.labels.get(constraint.topology_key)
        if value is None:
            continue
        if constraint.topology_key == LABEL_HOSTNAME:
            count = count_matching(node, constraint.selector, pod.namespace)
        else:
            count = state.counts[i][value]
        total += count * state.weights[i] + (constraint.max_skew - 1)
    return _round(total)


def normalize(state: PreScoreState, nodes: list[NodeInfo], scores: list[int]) -> None:
    valid = [
        s for n, s in zip(nodes, scores, strict=True) if n.name not in state.ignored
    ]
    low, high = min(valid, default=MAX_INT64), max([0, *valid])
    for i, node in enumerate(nodes):
        if node.name in state.ignored:
            scores[i] = 0
        elif high == 0:
            scores[i] = MAX_NODE_SCORE
        else:
            scores[i] = MAX_NODE_SCORE * (high + low - scores[i]) // high


def _round(value: float) -> int:
    """math.Round: half away from zero (scores are never negative)."""
    return int(math.floor(value + 0.5))
