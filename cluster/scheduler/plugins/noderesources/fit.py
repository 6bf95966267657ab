"""NodeResourcesFit: Filter rejects nodes without room for the pod's requests
(counting pods against ``allocatable.pods`` too); Score ranks the rest by the
configured strategy, LeastAllocated by default (``fit.go``).

Filter compares the pod's actual requests with allocatable minus what the
node's pods request; Score uses the non-zero view (unset cpu/memory count as
100m/200Mi) so empty-request pods still spread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluster.scheduler.framework.batch import Rejected, split
from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.interface import Handle, PreFilterResult
from cluster.scheduler.framework.status import Status, unschedulable
from cluster.scheduler.framework.types import NodeInfo, PodInfo, Resource
from cluster.scheduler.plugins import names
from cluster.scheduler.plugins.noderesources.least_allocated import (
    least_resource_scorer,
)
from cluster.scheduler.plugins.noderesources.most_allocated import (
    most_resource_scorer,
)
from cluster.scheduler.plugins.noderesources.requested_to_capacity_ratio import (
    ratio_scorer,
)
from cluster.scheduler.plugins.noderesources.resource_allocation import (
    ResourceAllocationScorer,
    ScoreFunc,
)

NAME = names.NODE_RESOURCES_FIT
PRE_FILTER_STATE_KEY = "PreFilter" + NAME
PRE_SCORE_STATE_KEY = "PreScore" + NAME
LEAST_ALLOCATED = "LeastAllocated"
MOST_ALLOCATED = "MostAllocated"
REQUESTED_TO_CAPACITY_RATIO = "RequestedToCapacityRatio"
STRATEGY_TYPES = (LEAST_ALLOCATED, MOST_ALLOCATED, REQUESTED_TO_CAPACITY_RATIO)


def strategy_scorer(strategy: Mapping[str, Any], weights: list[int]) -> ScoreFunc:
    kind = strategy["type"]
    if kind == MOST_ALLOCATED:
        return most_resource_scorer(weights)
    if kind == REQUESTED_TO_CAPACITY_RATIO:
        # Validation insists on a shape of at least one point.
        return ratio_scorer(weights, strategy["requestedToCapacityRatio"]["shape"])
    return least_resource_scorer(weights)


class Fit:
    name = NAME

    def __init__(self, args: Mapping[str, Any]) -> None:
        strategy = args["scoringStrategy"]
        weights = [int(r.get("weight") or 1) for r in strategy["resources"]]
        scorer = strategy_scorer(strategy, weights)
        self._scorer = ResourceAllocationScorer(
            strategy["resources"], scorer, use_requested=False
        )
        self._ignored = frozenset(args.get("ignoredResources") or ())

    def pre_filter(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[PreFilterResult | None, Status | None]:
        state.write(PRE_FILTER_STATE_KEY, pod.requests)
        return None, None

    def filter(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> Status | None:
        request = state.read(PRE_FILTER_STATE_KEY)
        alloc, used = node.allocatable, node.requested
        # A quick yes for the common case; fits_request has the last word.
        if (
            len(node.pods) < alloc.allowed_pod_number
            and not request.scalar
            and request.milli_cpu <= alloc.milli_cpu - used.milli_cpu
            and request.memory <= alloc.memory - used.memory
            and request.ephemeral_storage
            <= alloc.ephemeral_storage - used.ephemeral_storage
        ):
            return None
        reasons = fits_request(request, node, self._ignored)
        return unschedulable(*reasons, plugin=NAME) if reasons else None

    def filter_nodes(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[list[NodeInfo], Rejected]:
        request = state.read(PRE_FILTER_STATE_KEY)
        if request.scalar:
            return split(nodes, [], self.filter, state, pod)
        cpu, mem, eph = request.milli_cpu, request.memory, request.ephemeral_storage
        # NodeInfo.free: (cpu, memory, ephemeral-storage, pods) left.
        fits = [
            n
            for n in nodes
            if cpu <= (f := n.free)[0] and mem <= f[1] and eph <= f[2] and f[3] > 0
        ]
        return split(nodes, fits, self.filter, state, pod)

    def pre_score(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> Status | None:
        state.write(PRE_SCORE_STATE_KEY, self._scorer.pod_requests(pod))
        return None

    def score(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> int:
        return self.score_nodes(state, pod, [node])[0]

    def score_nodes(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> list[int]:
        return self._scorer.score_nodes(nodes, state.read(PRE_SCORE_STATE_KEY))


def fits_request(
    request: Resource, node: NodeInfo, ignored: frozenset[str] = frozenset()
) -> list[str]:
    """The reasons the node cannot take the request, in the order of fit.go."""
    reasons = []
    alloc, used = node.allocatable, node.requested
    if len(node.pods) + 1 > alloc.allowed_pod_number:
        reasons.append("Too many pods")
    if request.milli_cpu > 0 and request.milli_cpu > alloc.milli_cpu - used.milli_cpu:
        reasons.append("Insufficient cpu")
    if request.memory > 0 and request.memory > alloc.memory - used.memory:
        reasons.append("Insufficient memory")
    if (
        request.ephemeral_storage > 0
        and request.ephemeral_storage > alloc.ephemeral_storage - used.ephemeral_storage
    ):
        reasons.append("Insufficient ephemeral-storage")
    for name, quantity in request.scalar.items():
        if (
            quantity
            and name not in ignored
            and quantity > alloc.scalar.get(name, 0) - used.scalar.get(name, 0)
        ):
            reasons.append(f"Insufficient {name}")
    return reasons


def new(args: Mapping[str, Any] | None, handle: Handle) -> Fit:
    if not args:
        raise ValueError(f"{NAME} needs its args (scoringStrategy)")
    from cluster.scheduler.config.pluginargs import aggregate, node_resources_fit

    # NewFit validates its own args (the config validator misses them).
    errors = node_resources_fit("", dict(args))
    if errors:
        raise ValueError(aggregate(errors))
    return Fit(args)
