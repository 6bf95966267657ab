"""MostAllocated: favour the fullest nodes, to bin-pack (``most_allocated.go``).

Per resource ``min(requested, capacity) * 100 / capacity`` (the non-zero view
can ask for more than a node has), then the mean weighted over the resources
the node has; integer division throughout.
"""

from __future__ import annotations

from cluster.scheduler.framework.status import MAX_NODE_SCORE as MAX
from cluster.scheduler.plugins.noderesources.resource_allocation import (
    ScoreFunc,
    weighted_node_score,
    weighted_scorer,
)


def most_resource_scorer(weights: list[int]) -> ScoreFunc:
    return weighted_scorer(most_requested_score, weights)


def node_score(row: tuple[tuple[int, int], ...], weights: list[int]) -> int:
    """One node: ``row`` holds (allocatable, requested) per resource."""
    return weighted_node_score(row, weights, most_requested_score)


def most_requested_score(requested: int, capacity: int) -> int:
    if capacity == 0:
        return 0
    return min(requested, capacity) * MAX // capacity
