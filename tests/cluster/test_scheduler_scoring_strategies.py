"""NodeResourcesFit's MostAllocated and RequestedToCapacityRatio strategies
(``most_allocated_test.go``, ``requested_to_capacity_ratio_test.go`` and
``helper/shape_score_test.go``' TestBrokenLinearFunction)."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.scheduler.plugins.noderesources.requested_to_capacity_ratio import (
    broken_linear,
)

from .builders import make_node, make_pod
from .plugin_harness import score_all

Obj = dict[str, Any]


def fit_args(
    kind: str,
    cpu_weight: int = 1,
    mem_weight: int = 1,
    shape: list[tuple[int, int]] | None = None,
) -> Obj:
    strategy: Obj = {
        "type": kind,
        "resources": [
            {"name": "cpu", "weight": cpu_weight},
            {"name": "memory", "weight": mem_weight},
        ],
    }
    if shape is not None:
        strategy["requestedToCapacityRatio"] = {
            "shape": [{"utilization": u, "score": s} for u, s in shape]
        }
    return {"scoringStrategy": strategy}


def scores(args: Obj, pod: Obj, *busy: Obj) -> dict[str, int] | str:
    nodes = [
        make_node("n1", cpu="4", memory="10Gi"),
        make_node("n2", cpu="4", memory="10Gi"),
    ]
    return score_all("NodeResourcesFit", pod, nodes, busy, args=args)


BUSY = make_pod("busy", cpu="1", memory="2Gi", node_name="n1")
POD = make_pod(cpu="2", memory="5Gi")


@pytest.mark.parametrize(
    ("args", "pods", "expected"),
    [
        (fit_args("MostAllocated"), (), {"n1": 50, "n2": 50}),
        # n1: cpu 3/4 = 75, memory 7/10 = 70 -> 72; n2 50.
        (fit_args("MostAllocated"), (BUSY,), {"n1": 72, "n2": 50}),
        (fit_args("MostAllocated", cpu_weight=2), (BUSY,), {"n1": 73, "n2": 50}),
        (
            fit_args("MostAllocated"),
            (make_pod("big", cpu="6", memory="20Gi", node_name="n1"),),
            {"n1": 100, "n2": 50},
        ),
        (fit_args("LeastAllocated"), (BUSY,), {"n1": 27, "n2": 50}),
        (
            fit_args("RequestedToCapacityRatio", shape=[(0, 0), (100, 10)]),
            (BUSY,),
            {"n1": 73, "n2": 50},
        ),
        (
            fit_args("RequestedToCapacityRatio", shape=[(0, 10), (100, 0)]),
            (BUSY,),
            {"n1": 28, "n2": 50},
        ),
    ],
    ids=[
        "most-empty",
        "most-busier-node-wins",
        "most-weighted",
        "most-overcommitted-caps-at-100",
        "least-for-contrast",
        "ratio-bin-packing",
        "ratio-spreading",
    ],
)
def test_strategies(args: Obj, pods: tuple[Obj, ...], expected: dict[str, int]) -> None:
    assert scores(args, POD, *pods) == expected


def test_best_effort_pods_count_as_100m_and_200mi() -> None:
    # 100m of 4 cores = 2, 200Mi of 10Gi = 1 -> (2 + 1) / 2 = 1.
    assert scores(fit_args("MostAllocated"), make_pod()) == {"n1": 1, "n2": 1}


def test_ratio_ignores_resources_scoring_zero() -> None:
    # Memory at 20% scores 0 on this shape and drops out of the mean.
    shape = [(0, 0), (50, 0), (100, 10)]
    pod = make_pod(cpu="3", memory="2Gi")
    assert scores(fit_args("RequestedToCapacityRatio", shape=shape), pod) == {
        "n1": 50,
        "n2": 50,
    }


@pytest.mark.parametrize(
    ("shape", "points"),
    [
        (
            [(10, 1), (90, 9)],
            {
                -10: 1,
                0: 1,
                9: 1,
                10: 1,
                15: 1,
                20: 2,
                89: 8,
                90: 9,
                99: 9,
                100: 9,
                110: 9,
            },
        ),
        (
            [(0, 2), (40, 10), (100, 0)],
            {-10: 2, 0: 2, 20: 6, 30: 8, 40: 10, 50: 9, 70: 5, 100: 0, 110: 0},
        ),
    ],
    ids=["rising", "rising-then-falling-truncates-toward-zero"],
)
def test_broken_linear_function(
    shape: list[tuple[int, int]], points: dict[int, int]
) -> None:
    at = broken_linear(shape)
    assert {p: at(p) for p in points} == points
