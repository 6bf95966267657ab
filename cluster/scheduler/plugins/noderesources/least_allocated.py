"""LeastAllocated: favour nodes with more room left (``least_allocated.go``).

Per resource ``(capacity - requested) * 100 / capacity``, 0 when overcommitted,
then the mean weighted over the resources the node has; integer division
throughout, as in Go.
"""

from __future__ import annotations

from cluster.scheduler.framework.status import MAX_NODE_SCORE as MAX
from cluster.scheduler.plugins.noderesources.resource_allocation import (
    Column,
    ScoreFunc,
    weighted_node_score,
    weighted_scorer,
)


def least_resource_scorer(weights: list[int]) -> ScoreFunc:
    if len(weights) == 2:
        return _two_resources(*weights)
    return weighted_scorer(least_requested_score, weights)


def node_score(row: tuple[tuple[int, int], ...], weights: list[int]) -> int:
    """One node: ``row`` holds (allocatable, requested) per resource."""
    return weighted_node_score(row, weights, least_requested_score)


def least_requested_score(requested: int, capacity: int) -> int:
    if capacity == 0 or requested > capacity:
        return 0
    return (capacity - requested) * MAX // capacity


def _two_resources(w1: int, w2: int) -> ScoreFunc:
    """cpu and memory, the default: node_score in one expression per node,
    since this runs for every feasible node of every cycle."""
    weights = [w1, w2]

    def score(columns: list[Column]) -> list[int]:
        (allocs1, req1), (allocs2, req2) = columns
        return [
            (
                ((a1 - r1) * MAX // a1 if r1 <= a1 else 0) * w1
                + ((a2 - r2) * MAX // a2 if r2 <= a2 else 0) * w2
            )
            // (w1 + w2)
            if a1 and a2
            else node_score(((a1, r1), (a2, r2)), weights)
            for a1, r1, a2, r2 in zip(allocs1, req1, allocs2, req2, strict=True)
        ]

    return score
