"""One scheduling attempt through the default profile (schedule_one.go):
which node, which reasons, which nodes were examined."""

from __future__ import annotations

import random
from typing import Any

from cluster.scheduler.algorithm import ScheduleAlgorithm, ScheduleResult
from cluster.scheduler.cache import Cache
from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.runtime import Framework
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.handle import SchedulerHandle
from cluster.scheduler.profile import default_profile
from cluster.scheduler.registry import IN_TREE, NOT_YET_IMPLEMENTED

from .builders import make_node, make_pod, taint

CONTROL_PLANE = taint("node-role.kubernetes.io/control-plane")


def algorithm(
    nodes: list[dict], pods: tuple[dict, ...] = (), seed: int = 0
) -> ScheduleAlgorithm:
    cache = Cache()
    for node in nodes:
        cache.add_node(node)
    for pod in pods:
        cache.add_pod(PodInfo(pod))
    handle = SchedulerHandle(None, cache)
    framework = Framework(default_profile(), IN_TREE, handle, NOT_YET_IMPLEMENTED)
    return ScheduleAlgorithm(framework, cache, random.Random(seed))


def schedule(algo: ScheduleAlgorithm, pod: dict) -> ScheduleResult:
    return algo.schedule_pod(CycleState(), PodInfo(pod))


def sandbox() -> list[dict]:
    return [
        make_node("cp-1", taints=[CONTROL_PLANE]),
        *(make_node(f"node-{i}") for i in (1, 2, 3)),
    ]


def test_fit_error_names_the_first_failing_plugin_per_node() -> None:
    result = schedule(algorithm(sandbox()), make_pod(cpu="3"))
    assert result.suggested_host is None
    assert result.message() == (
        "0/4 nodes are available: 1 node(s) had untolerated "
        "taint(s), 3 Insufficient cpu."
    )
    assert {n: s.plugin for n, s in result.diagnosis.node_to_status.items()} == {
        "cp-1": "TaintToleration",
        "node-1": "NodeResourcesFit",
        "node-2": "NodeResourcesFit",
        "node-3": "NodeResourcesFit",
    }
    assert result.diagnosis.unschedulable_plugins == {
        "TaintToleration",
        "NodeResourcesFit",
    }


def test_a_cordoned_node_reports_only_the_cordon() -> None:
    nodes = [
        make_node("a", unschedulable=True, taints=[CONTROL_PLANE]),
        make_node("b", cpu="1", memory="1Gi"),
    ]
    result = schedule(algorithm(nodes), make_pod(cpu="2", memory="2Gi"))
    assert result.message() == (
        "0/2 nodes are available: 1 Insufficient cpu, "
        "1 Insufficient memory, 1 node(s) were unschedulable."
    )


def test_one_feasible_node_is_chosen_without_scoring() -> None:
    result = schedule(algorithm(sandbox()), make_pod(cpu="1", node_name=None))
    assert result.suggested_host in {"node-1", "node-2", "node-3"}
    assert result.scores is not None and len(result.scores.nodes) == 3
    alone = schedule(algorithm(sandbox()[:2]), make_pod(cpu="1"))
    assert (alone.suggested_host, alone.scores) == ("node-1", None)


def test_scores_are_weighted_and_the_roomiest_node_wins() -> None:
    busy = make_pod("busy", cpu="1500m", memory="3Gi", node_name="node-1")
    result = schedule(
        algorithm(sandbox(), (busy,)), make_pod(cpu="500m", memory="512Mi")
    )
    assert result.scores is not None
    rows = {
        n.name: dict(
            zip(
                result.scores.plugins,
                (c[i] for c in result.scores.columns),
                strict=True,
            )
        )
        for i, n in enumerate(result.scores.nodes)
    }
    assert rows["node-2"] == {
        "TaintToleration": 300,
        "NodeResourcesFit": 81,
        "NodeResourcesBalancedAllocation": 93,
        "ImageLocality": 0,
    }
    assert rows["node-1"]["NodeResourcesFit"] < rows["node-2"]["NodeResourcesFit"]
    assert result.suggested_host in {"node-2", "node-3"}


def test_best_effort_pods_skip_balanced_allocation() -> None:
    result = schedule(algorithm(sandbox()), make_pod())
    assert result.scores is not None
    assert result.scores.plugins == [
        "TaintToleration",
        "NodeResourcesFit",
        "ImageLocality",
    ]


def test_search_stops_at_enough_feasible_nodes_and_resumes_round_robin() -> None:
    algo = algorithm([make_node(f"n{i:03}") for i in range(200)])
    first = schedule(algo, make_pod(cpu="100m"))
    assert (first.evaluated_nodes, len(first.feasible)) == (100, 100)
    assert algo.next_start_node_index == 100
    second = schedule(algo, make_pod(cpu="100m"))
    assert second.feasible[0].name == "n100"
    assert algo.next_start_node_index == 0


def test_rejected_nodes_count_as_examined() -> None:
    nodes = [make_node(f"n{i:03}", cpu="1" if i < 50 else "4") for i in range(200)]
    algo = algorithm(nodes)
    result = schedule(algo, make_pod(cpu="2"))
    assert (result.evaluated_nodes, len(result.feasible)) == (150, 100)
    assert len(result.diagnosis.node_to_status) == 50
    assert algo.next_start_node_index == 150


def test_nodes_are_listed_round_robin_across_zones() -> None:
    def zoned(name: str, zone: str) -> dict[str, Any]:
        return make_node(name, labels={"topology.kubernetes.io/zone": zone})

    algo = algorithm(
        [
            zoned("a1", "a"),
            zoned("a2", "a"),
            zoned("a3", "a"),
            zoned("b1", "b"),
            zoned("c1", "c"),
            zoned("c2", "c"),
        ]
    )
    assert [n.name for n in algo.cache.node_infos()] == [
        "a1",
        "b1",
        "c1",
        "a2",
        "c2",
        "a3",
    ]


def test_same_seed_same_choices() -> None:
    def choices(seed: int) -> list[str | None]:
        algo = algorithm([make_node(f"n{i}") for i in range(8)], seed=seed)
        return [schedule(algo, make_pod(f"p{i}")).suggested_host for i in range(30)]

    assert choices(3) == choices(3)
    assert choices(3) != choices(4)


def test_no_nodes_at_all() -> None:
    result = schedule(algorithm([]), make_pod())
    assert result.fit_error is None
    assert result.message() == "no nodes available to schedule pods"
