"""MostAllocated: favour the fullest nodes, to bin-pack (``most_allocated.go``).

Per resource ``min(requested, capacity) * 100 / capacity`` (the non-zero view
can ask for more than a node has), then the mean weighted over the resources
the node has; integer division throughout.
"""

from __future__ import annotations

from cluster.scheduler.framework.status import MAX_NODE_SCORE as MAX
from cluster.scheduler.plugins.noderesources.resource_allocation import (
    Column,
    ScoreFunc,
)


def most_resource_scorer(weights: list[int]) -> ScoreFunc:
    def score(columns: list[Column]) -> list[int]:
        rows = zip(*(zip(*column, strict=True) for column in columns), strict=True)
        return [node_score(row, weights) for row in rows]

    return score


def node_score(row: tuple[tuple[int, int], ...], weights: list[int]) -> int:
    """One node: ``row`` holds (allocatable, requested) per resource."""
    total = weight_sum = 0
    for (alloc, requested), weight in zip(row, weights, strict=True):
        if alloc == 0:
            continue
        total += most_requested_score(requested, alloc) * weight
        weight_sum += weight
    return total // weight_sum if weight_sum else 0


def most_requested_score(requested: int, capacity: int) -> int:
    if capacity == 0:
        return 0
    return min(requested, capacity) * MAX // capacity
