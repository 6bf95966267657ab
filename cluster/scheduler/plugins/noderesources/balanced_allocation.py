"""NodeResourcesBalancedAllocation: favour nodes whose resources would be used
evenly (``balanced_allocation.go`` as of v1.35).

Uses actual requests, not the non-zero view. Score is ``(1 - std) * 100``
truncated, over the fractions ``min(requested / allocatable, 1)`` of the
resources the node has; with two resources std is ``|f1 - f2| / 2``.
Best-effort pods (no requests at all) are skipped at PreScore so they do not
all land on the node that happens to be most balanced (issue #129138).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.interface import Handle
from cluster.scheduler.framework.status import MAX_NODE_SCORE, SKIP, Status
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.plugins import names
from cluster.scheduler.plugins.noderesources.resource_allocation import (
    Column,
    ResourceAllocationScorer,
)

NAME = names.NODE_RESOURCES_BALANCED_ALLOCATION
PRE_SCORE_STATE_KEY = "PreScore" + NAME


class BalancedAllocation:
    name = NAME

    def __init__(self, args: Mapping[str, Any]) -> None:
        self._scorer = ResourceAllocationScorer(
            args["resources"], balanced_resource_scorer, use_requested=True
        )

    def pre_score(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> Status | None:
        requests = self._scorer.pod_requests(pod)
        if not any(requests):
            return SKIP
        state.write(PRE_SCORE_STATE_KEY, requests)
        return None

    def score(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> int:
        return self.score_nodes(state, pod, [node])[0]

    def score_nodes(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> list[int]:
        return self._scorer.score_nodes(nodes, state.read(PRE_SCORE_STATE_KEY))


def balanced_resource_scorer(columns: list[Column]) -> list[int]:
    if len(columns) == 2:
        return _two_resources(*columns)
    fractions = [_fractions(allocs, requested) for allocs, requested in columns]
    return [
        node_score([f for f in per_node if f is not None])
        for per_node in zip(*fractions, strict=True)
    ]


def _two_resources(first: Column, second: Column) -> list[int]:
    """cpu and memory, the default: std is half the difference of the two
    fractions; ``r / a if r < a else 1.0`` is ``min(r / a, 1)``. A node with
    fewer than two of the resources has std 0."""
    return [
        int(
            (
                1
                - abs(
                    ((r1 / a1 if r1 < a1 else 1.0) - (r2 / a2 if r2 < a2 else 1.0)) / 2
                )
            )
            * MAX_NODE_SCORE
        )
        if a1 and a2
        else MAX_NODE_SCORE
        for a1, r1, a2, r2 in zip(*first, *second, strict=True)
    ]


def _fractions(allocs: list[int], requested: list[int]) -> list[float | None]:
    """min(requested / allocatable, 1) per node; None where there is none."""
    return [
        min(r / a, 1.0) if a else None for a, r in zip(allocs, requested, strict=True)
    ]


def node_score(fractions: list[float]) -> int:
    """(1 - std) * 100, truncated as int64() truncates. With fewer than two
    resources std is 0; with two it is half their difference."""
    std = 0.0
    if len(fractions) == 2:
        std = abs((fractions[0] - fractions[1]) / 2)
    elif len(fractions) > 2:
        std = _std(fractions)
    return int((1 - std) * MAX_NODE_SCORE)


def _std(fractions: list[float]) -> float:
    # Summed left to right with plain products, as the Go loop does, so the
    # float result (and its truncation) matches bit for bit.
    total = 0.0
    for fraction in fractions:
        total += fraction
    mean = total / len(fractions)
    squares = 0.0
    for fraction in fractions:
        squares = squares + (fraction - mean) * (fraction - mean)
    return math.sqrt(squares / len(fractions))


def new(args: Mapping[str, Any] | None, handle: Handle) -> BalancedAllocation:
    if not args:
        raise ValueError(f"{NAME} needs its args (resources)")
    return BalancedAllocation(args)
