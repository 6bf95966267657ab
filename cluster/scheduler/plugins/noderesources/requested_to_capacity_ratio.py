"""RequestedToCapacityRatio: score by a broken-linear function of each
resource's utilization (``requested_to_capacity_ratio.go``,
``helper/shape_score.go``).

Shape points are (utilization 0..100, score 0..10); scores are scaled by 10
to the scheduler's 0..100. Utilization is ``requested * 100 / capacity``, or
100 when the node has none or too little. Only resources scoring above 0
enter the weighted mean, which is rounded half away from zero.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from cluster.scheduler.framework.status import MAX_NODE_SCORE
from cluster.scheduler.plugins.noderesources.resource_allocation import (
    Column,
    ScoreFunc,
)

MAX_CUSTOM_PRIORITY_SCORE = 10
MAX_UTILIZATION = 100
Shape = list[tuple[int, int]]


def broken_linear(shape: Shape) -> Callable[[int], int]:
    """BuildBrokenLinearFunction, integer math as in Go."""

    def at(p: int) -> int:
        for i, (utilization, score) in enumerate(shape):
            if p <= utilization:
                if i == 0:
                    return shape[0][1]
                u0, s0 = shape[i - 1]
                return s0 + _div((score - s0) * (p - u0), utilization - u0)
        return shape[-1][1]

    return at


def ratio_scorer(weights: list[int], points: Sequence[Mapping[str, Any]]) -> ScoreFunc:
    scale = MAX_NODE_SCORE // MAX_CUSTOM_PRIORITY_SCORE
    shape = [(int(p["utilization"]), int(p["score"]) * scale) for p in points]
    raw = broken_linear(shape)

    def resource_score(requested: int, capacity: int) -> int:
        if capacity == 0 or requested > capacity:
            return raw(MAX_UTILIZATION)
        return raw(requested * MAX_UTILIZATION // capacity)

    def score(columns: list[Column]) -> list[int]:
        rows = zip(*(zip(*column, strict=True) for column in columns), strict=True)
        return [_node_score(row, weights, resource_score) for row in rows]

    return score


def _node_score(
    row: tuple[tuple[int, int], ...],
    weights: list[int],
    resource_score: Callable[[int, int], int],
) -> int:
    total = weight_sum = 0
    for (alloc, requested), weight in zip(row, weights, strict=True):
        if alloc == 0:
            continue
        value = resource_score(requested, alloc)
        if value > 0:
            total += value * weight
            weight_sum += weight
    if weight_sum == 0:
        return 0
    return _round(total / weight_sum)


def _round(value: float) -> int:
    """math.Round: half away from zero."""
    return (
        int(math.floor(value + 0.5)) if value >= 0 else -int(math.floor(-value + 0.5))
    )


def _div(a: int, b: int) -> int:
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b > 0) else -quotient
