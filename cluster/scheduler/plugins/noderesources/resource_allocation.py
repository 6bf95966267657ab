"""The scorer behind NodeResourcesFit's strategies and BalancedAllocation
(``resource_allocation.go``): per configured resource, what each node can
allocate and what it would have requested with this pod on it.

Works a column (one resource across all nodes) at a time, so scoring 400 nodes
costs a few list comprehensions rather than thousands of calls.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from cluster.scheduler.framework.types import NodeInfo, PodInfo, is_scalar_resource

# One resource across the nodes: what each can allocate, what it would hold.
Column = tuple[list[int], list[int]]
# The columns of the configured resources -> one score (0..100) per node.
ScoreFunc = Callable[[list[Column]], list[int]]


class ResourceAllocationScorer:
    def __init__(
        self,
        resources: Sequence[Mapping[str, Any]],
        scorer: ScoreFunc,
        use_requested: bool,
    ) -> None:
        self.names = [str(r["name"]) for r in resources]
        self.weights = [int(r.get("weight") or 1) for r in resources]
        self._scorer = scorer
        # False: count unset cpu/memory requests as 100m/200Mi (non-zero view).
        self._use_requested = use_requested

    def pod_requests(self, pod: PodInfo) -> list[int]:
        non_zero = not self._use_requested
        return [pod.request(name, non_zero) for name in self.names]

    def score_nodes(self, nodes: list[NodeInfo], pod_requests: list[int]) -> list[int]:
        columns = [
            self._column(nodes, name, request)
            for name, request in zip(self.names, pod_requests, strict=True)
        ]
        return self._scorer(columns)

    def _column(self, nodes: list[NodeInfo], name: str, pod_request: int) -> Column:
        """calculateResourceAllocatableRequest for every node. A resource a
        node does not have (allocatable 0) drops out of its score, whatever
        is requested of it."""
        req = pod_request
        if name == "cpu":
            allocs = [n.allocatable.milli_cpu for n in nodes]
            held = (
                [n.requested.milli_cpu + req for n in nodes]
                if self._use_requested
                else [n.non_zero_requested.milli_cpu + req for n in nodes]
            )
        elif name == "memory":
            allocs = [n.allocatable.memory for n in nodes]
            held = (
                [n.requested.memory + req for n in nodes]
                if self._use_requested
                else [n.non_zero_requested.memory + req for n in nodes]
            )
        elif name == "ephemeral-storage":
            allocs = [n.allocatable.ephemeral_storage for n in nodes]
            held = [n.requested.ephemeral_storage + req for n in nodes]
        elif pod_request == 0 or not is_scalar_resource(name):
            # An extended resource the pod does not ask for is not scored.
            return [0] * len(nodes), [0] * len(nodes)
        else:
            allocs = [n.allocatable.scalar.get(name, 0) for n in nodes]
            held = [n.requested.scalar.get(name, 0) + req for n in nodes]
        return allocs, held


ResourceScore = Callable[[int, int], int]  # (requested, allocatable) -> 0..100


def weighted_scorer(resource_score: ResourceScore, weights: list[int]) -> ScoreFunc:
    """LeastAllocated's and MostAllocated's shape: the integer mean of the
    per-resource scores, weighted over the resources the node has."""

    def score(columns: list[Column]) -> list[int]:
        rows = zip(*(zip(*column, strict=True) for column in columns), strict=True)
        return [weighted_node_score(row, weights, resource_score) for row in rows]

    return score


def weighted_node_score(
    row: tuple[tuple[int, int], ...], weights: list[int], resource_score: ResourceScore
) -> int:
    """One node: ``row`` holds (allocatable, requested) per resource."""
    total = weight_sum = 0
    for (alloc, requested), weight in zip(row, weights, strict=True):
        if alloc == 0:
            continue
        total += resource_score(requested, alloc) * weight
        weight_sum += weight
    return total // weight_sum if weight_sum else 0
