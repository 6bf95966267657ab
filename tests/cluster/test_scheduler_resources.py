"""NodeResourcesFit (Filter, LeastAllocated Score), BalancedAllocation, and the
pod requests behind them.

Filter cases follow ``noderesources/fit_test.go`` (TestEnoughRequests, on its
node of 10m cpu, 20 bytes, 32 pods, 5 example.com/aaa, 20 bytes of
ephemeral-storage); scores follow ``least_allocated_test.go`` and the v1.35
``balanced_allocation_test.go``. Nodes there give cpu in cores; the ratios are
what matter, so they carry over unchanged.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.podresources import pod_requests
from cluster.scheduler.framework.status import Code
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.plugins.noderesources import (
    balanced_allocation,
    fit,
    least_allocated,
)

from .builders import container, make_node, make_pod, node_info

EXT_A = "example.com/aaa"
EXT_B = "example.com/bbb"
FIT_ARGS = {
    "scoringStrategy": {
        "type": "LeastAllocated",
        "resources": [{"name": "cpu", "weight": 1}, {"name": "memory", "weight": 1}],
    }
}


def usage(cpu_m: int = 0, mem: int = 0) -> dict[str, str]:
    return {"cpu": f"{cpu_m}m", "memory": str(mem)}


def resource_pod(
    *containers: dict[str, str], init: tuple[dict[str, str], ...] = ()
) -> dict[str, Any]:
    return make_pod(
        containers=[container(f"c{i}", requests=r) for i, r in enumerate(containers)],
        init_containers=[container(f"i{i}", requests=r) for i, r in enumerate(init)]
        or None,
    )


def fit_node(*pods: dict[str, Any], pods_allowed: int = 32) -> Any:
    node = make_node(
        "node",
        cpu="10m",
        memory="20",
        pods=pods_allowed,
        extra={EXT_A: "5", "ephemeral-storage": "20", "hugepages-2Mi": "5"},
    )
    return node_info(node, *pods)


def ext(n: int) -> dict[str, str]:
    return {EXT_A: str(n)}


@pytest.mark.parametrize(
    ("pod", "existing", "reasons"),
    [
        (make_pod(containers=[]), resource_pod(usage(10, 20)), []),
        (
            resource_pod(usage(1, 1)),
            resource_pod(usage(10, 20)),
            ["Insufficient cpu", "Insufficient memory"],
        ),
        (
            resource_pod(usage(1, 1), init=(usage(3, 1),)),
            resource_pod(usage(8, 19)),
            ["Insufficient cpu"],
        ),
        (
            resource_pod(usage(1, 1), init=(usage(3, 1), usage(2, 1))),
            resource_pod(usage(8, 19)),
            ["Insufficient cpu"],
        ),
        (
            resource_pod(usage(1, 1), init=(usage(1, 3),)),
            resource_pod(usage(9, 19)),
            ["Insufficient memory"],
        ),
        (
            resource_pod(usage(1, 1), init=(usage(1, 1),)),
            resource_pod(usage(9, 19)),
            [],
        ),
        (
            resource_pod(usage(1, 1), init=(usage(1, 1), usage(1, 1))),
            resource_pod(usage(9, 19)),
            [],
        ),
        (resource_pod(usage(1, 1)), resource_pod(usage(5, 5)), []),
        (resource_pod(usage(2, 1)), resource_pod(usage(9, 5)), ["Insufficient cpu"]),
        (
            resource_pod(usage(1, 2)),
            resource_pod(usage(5, 19)),
            ["Insufficient memory"],
        ),
        (resource_pod(usage(5, 1)), resource_pod(usage(5, 19)), []),
        (
            resource_pod(usage(4, 1), init=(usage(5, 1),)),
            resource_pod(usage(5, 19)),
            [],
        ),
        (resource_pod(ext(1)), resource_pod(), []),
        (
            resource_pod(usage(1, 1) | ext(10)),
            resource_pod(ext(0)),
            [f"Insufficient {EXT_A}"],
        ),
        (
            resource_pod(usage(1, 1) | ext(1)),
            resource_pod(ext(5)),
            [f"Insufficient {EXT_A}"],
        ),
        (
            resource_pod(usage(1, 1) | ext(3), usage(1, 1) | ext(3)),
            resource_pod(ext(2)),
            [f"Insufficient {EXT_A}"],
        ),
        (
            resource_pod(init=(usage(1, 1) | ext(3), usage(1, 1) | ext(3))),
            resource_pod(ext(2)),
            [],
        ),
        (
            resource_pod(usage(1, 1) | {EXT_B: "1"}),
            resource_pod(),
            [f"Insufficient {EXT_B}"],
        ),
        (
            resource_pod({"ephemeral-storage": "25"}),
            resource_pod(),
            ["Insufficient ephemeral-storage"],
        ),
        (
            resource_pod({"hugepages-2Mi": "6"}),
            resource_pod(),
            ["Insufficient hugepages-2Mi"],
        ),
        (
            resource_pod({"kubernetes.io/something": "1"}),
            resource_pod(),
            ["Insufficient kubernetes.io/something"],
        ),
    ],
    ids=[
        "no-requests-always-fits",
        "too-many-resources",
        "init-container-cpu",
        "highest-init-container-cpu",
        "init-container-memory",
        "init-container-is-max-not-sum",
        "several-init-containers-max-not-sum",
        "both-fit",
        "memory-fits-cpu-not",
        "cpu-fits-memory-not",
        "equal-edge",
        "equal-edge-init-container",
        "extended-fits",
        "extended-capacity-enforced",
        "extended-allocatable-enforced",
        "extended-summed-over-containers",
        "extended-init-containers-max",
        "extended-unknown-to-node",
        "ephemeral-storage",
        "hugepages",
        "prefixed-native-resource",
    ],
)
def test_fit_filter(pod: dict, existing: dict, reasons: list[str]) -> None:
    status = _filter(pod, fit_node(existing))
    if not reasons:
        assert status is None
    else:
        assert status is not None
        assert (status.code, list(status.reasons), status.plugin) == (
            Code.UNSCHEDULABLE,
            reasons,
            "NodeResourcesFit",
        )


@pytest.mark.parametrize(
    ("pod", "allowed", "reasons"),
    [
        (make_pod(containers=[]), 1, ["Too many pods"]),
        (resource_pod(usage(20, 1)), 1, ["Too many pods", "Insufficient cpu"]),
        (make_pod(containers=[]), 2, []),
    ],
    ids=["pod-count-full", "pod-count-listed-first", "room-for-one-more"],
)
def test_fit_filter_counts_pods(pod: dict, allowed: int, reasons: list[str]) -> None:
    status = _filter(pod, fit_node(resource_pod(), pods_allowed=allowed))
    assert (list(status.reasons) if status else []) == reasons


def test_fit_filter_skips_ignored_extended_resources() -> None:
    plugin = fit.Fit({**FIT_ARGS, "ignoredResources": [EXT_B]})
    state, pod = CycleState(), PodInfo(resource_pod({EXT_B: "1"}))
    plugin.pre_filter(state, pod, [])
    assert plugin.filter(state, pod, fit_node(resource_pod())) is None


def _filter(pod: dict, node: Any) -> Any:
    plugin, state, info = fit.Fit(FIT_ARGS), CycleState(), PodInfo(pod)
    assert plugin.pre_filter(state, info, [node]) == (None, None)
    return plugin.filter(state, info, node)


def req(cpu: str, memory: str) -> dict[str, str]:
    return {"cpu": cpu, "memory": memory}


def on(node: str, *requests: dict[str, str]) -> dict[str, Any]:
    pod = resource_pod(*requests)
    pod["spec"]["nodeName"] = node
    return pod


CPU_MEM = [{"name": "cpu", "weight": 1}, {"name": "memory", "weight": 1}]
EXT = "example.com/xyz"
CPU_MEM_EXT = [*CPU_MEM, {"name": EXT, "weight": 1}]


@pytest.mark.parametrize(
    ("pod", "nodes", "existing", "resources", "expected"),
    [
        (
            make_pod(containers=[]),
            [("4000", "10000"), ("4000", "10000")],
            [],
            CPU_MEM,
            [100, 100],
        ),
        (
            resource_pod(req("1000", "2000"), req("2000", "3000")),
            [("4000", "10000"), ("6000", "10000")],
            [],
            CPU_MEM,
            [37, 50],
        ),
        (
            make_pod(containers=[]),
            [("4000", "10000"), ("4000", "10000")],
            [on("n1"), on("n1"), on("n2"), on("n2")],
            CPU_MEM,
            [100, 100],
        ),
        (
            make_pod(containers=[]),
            [("10000", "20000"), ("10000", "20000")],
            [
                on("n1", req("3000", "0")),
                on("n1", req("3000", "0")),
                on("n2", req("3000", "0")),
                on("n2", req("3000", "5000")),
            ],
            CPU_MEM,
            [70, 57],
        ),
        (
            resource_pod(req("1000", "2000"), req("2000", "3000")),
            [("10000", "20000"), ("10000", "20000")],
            [on("n1", req("3000", "0")), on("n2", req("3000", "5000"))],
            CPU_MEM,
            [57, 45],
        ),
        (
            resource_pod(req("1000", "2000"), req("2000", "3000")),
            [("10000", "20000"), ("10000", "50000")],
            [on("n1", req("3000", "0")), on("n2", req("3000", "5000"))],
            CPU_MEM,
            [57, 60],
        ),
        (
            resource_pod(req("3000", "0")),
            [("4000", "10000"), ("4000", "10000")],
            [on("n1", req("3000", "0")), on("n2", req("3000", "5000"))],
            CPU_MEM,
            [50, 25],
        ),
        (
            make_pod(containers=[]),
            [None, None],
            [on("n1", req("3000", "0")), on("n2", req("3000", "5000"))],
            CPU_MEM,
            [0, 0],
        ),
        (
            resource_pod(req("1000", "2000"), req("2000", "3000")),
            [("4000", "10000"), ("6000", "10000")],
            [],
            [{"name": "memory", "weight": 2}, {"name": "cpu", "weight": 1}],
            [41, 50],
        ),
        (
            resource_pod(req("1000", "2000"), req("2000", "3000")),
            [("6000", "10000"), ("6000", "10000", "4")],
            [],
            CPU_MEM_EXT,
            [50, 50],
        ),
        (
            resource_pod(req("3000", "5000") | {EXT: "2"}),
            [("6000", "10000", "4"), ("6000", "10000", "10")],
            [],
            CPU_MEM_EXT,
            [50, 60],
        ),
        (
            resource_pod(req("3000", "4000")),
            [("6000", "10000"), ("6000", "10000", "4")],
            [],
            [{"name": EXT, "weight": 2}, *CPU_MEM],
            [55, 55],
        ),
    ],
    ids=[
        "nothing-scheduled-nothing-requested",
        "differently-sized-nodes",
        "no-requests-pods-scheduled",
        "no-requests-pods-with-resources",
        "requests-pods-with-resources",
        "requests-differently-sized-nodes",
        "requests-exceed-capacity",
        "zero-node-resources",
        "weighted-memory",
        "extended-bypassed-when-not-requested",
        "extended-honoured-when-requested",
        "node-without-the-resource",
    ],
)
def test_least_allocated_score(
    pod: dict, nodes: list, existing: list, resources: list, expected: list[int]
) -> None:
    args = {"scoringStrategy": {"type": "LeastAllocated", "resources": resources}}
    infos = _nodes(nodes, existing)
    assert _scores(fit.Fit(args), pod, infos) == expected


def _nodes(sizes: list, existing: list) -> list[Any]:
    infos = []
    for i, size in enumerate(sizes, start=1):
        name = f"n{i}"
        if size is None:
            node = make_node(name, pods=None)
            node["status"] = {}
        else:
            extra = {EXT: size[2]} if len(size) > 2 else None
            node = make_node(name, cpu=size[0], memory=size[1], extra=extra)
        mine = [p for p in existing if p["spec"]["nodeName"] == name]
        infos.append(node_info(node, *mine))
    return infos


def _scores(plugin: Any, pod: dict, nodes: list[Any]) -> Any:
    state, info = CycleState(), PodInfo(pod)
    status = plugin.pre_score(state, info, nodes)
    if status is not None:
        return status.code
    return [plugin.score(state, info, node) for node in nodes]


CPU_AND_MEMORY = [req("1000m", "2000"), req("2000m", "3000")]
CPU_ONLY = [req("1000m", "0"), req("2000m", "0")]
GPU = "nvidia.com/gpu"
CPU_MEM_GPU = [*CPU_MEM, {"name": GPU, "weight": 1}]


def gpu_node(name: str, gpus: str | None) -> dict[str, Any]:
    return make_node(
        name, cpu="3500m", memory="40000", extra={GPU: gpus} if gpus else None
    )


@pytest.mark.parametrize(
    ("pod", "nodes", "existing", "resources", "expected"),
    [
        (
            make_pod(containers=[]),
            [("4", "10000"), ("4", "10000")],
            [],
            CPU_MEM,
            Code.SKIP,
        ),
        (
            resource_pod(*CPU_AND_MEMORY),
            [("4", "10000"), ("6", "10000")],
            [],
            CPU_MEM,
            [87, 100],
        ),
        (
            resource_pod(*CPU_AND_MEMORY),
            [("10", "20000"), ("10", "20000")],
            [on("n1", *CPU_ONLY), on("n2", *CPU_AND_MEMORY)],
            CPU_MEM,
            [82, 95],
        ),
        (
            resource_pod(*CPU_AND_MEMORY),
            [("10", "20000"), ("10", "50000")],
            [on("n1", *CPU_ONLY), on("n2", *CPU_AND_MEMORY)],
            CPU_MEM,
            [82, 80],
        ),
        (
            resource_pod(*CPU_ONLY),
            [("6", "10000"), ("6", "10000")],
            [on("n1", *CPU_ONLY), on("n2", *CPU_AND_MEMORY)],
            CPU_MEM,
            [50, 75],
        ),
    ],
    ids=[
        "best-effort-skipped-at-prescore",
        "differently-sized-nodes",
        "pods-scheduled-with-resources",
        "differently-sized-memory",
        "requested-at-node-capacity",
    ],
)
def test_balanced_allocation_score(
    pod: dict, nodes: list, existing: list, resources: list, expected: Any
) -> None:
    plugin = balanced_allocation.BalancedAllocation({"resources": resources})
    assert _scores(plugin, pod, _nodes(nodes, existing)) == expected


def test_balanced_allocation_counts_a_requested_scalar_resource() -> None:
    plugin = balanced_allocation.BalancedAllocation({"resources": CPU_MEM_GPU})
    with_gpu = on("n1", req("1000m", "2000"), req("2000m", "3000") | {GPU: "3"})
    nodes = [
        node_info(gpu_node("n1", "8"), with_gpu),
        node_info(gpu_node("n2", "8"), on("n2", *CPU_AND_MEMORY)),
    ]
    pod = resource_pod({"memory": "0", GPU: "1"})
    assert _scores(plugin, pod, nodes) == [70, 65]


def test_balanced_allocation_skips_a_scalar_resource_not_requested() -> None:
    plugin = balanced_allocation.BalancedAllocation({"resources": CPU_MEM_GPU})
    nodes = [node_info(gpu_node("n1", "8")), node_info(gpu_node("n2", None))]
    assert _scores(plugin, resource_pod(*CPU_AND_MEMORY), nodes) == [63, 63]


@pytest.mark.parametrize(
    ("pod", "expected", "non_zero"),
    [
        (make_pod(containers=[]), {}, (0, 0)),
        (make_pod(cpu="100m"), {"cpu": 100}, (100, 200 * 1024 * 1024)),
        (
            make_pod(cpu="0", memory="64Mi"),
            {"cpu": 0, "memory": 64 * 1024 * 1024},
            (0, 64 * 1024 * 1024),
        ),
        (
            make_pod(containers=[container("a", "1", "1Gi"), container("b", "500m")]),
            {"cpu": 1500, "memory": 1 << 30},
            (1500, (1 << 30) + 200 * 1024 * 1024),
        ),
        (
            make_pod(cpu="100m", init_containers=[container("init", "2")]),
            {"cpu": 2000},
            (2000, 200 * 1024 * 1024),
        ),
        (
            make_pod(
                cpu="1",
                init_containers=[
                    container("proxy", "2", restart_policy="Always"),
                    container("init", "5"),
                ],
            ),
            {"cpu": 7000},
            (7000, 2 * 200 * 1024 * 1024),
        ),
        (
            make_pod(
                cpu="1",
                init_containers=[
                    container("proxy", "2", restart_policy="Always"),
                    container("init", "2"),
                ],
            ),
            {"cpu": 4000},
            (4000, 2 * 200 * 1024 * 1024),
        ),
    ],
    ids=[
        "no-containers",
        "unset-memory-counts-200Mi",
        "explicit-zero-stays-zero",
        "containers-add-up",
        "init-container-peak-wins",
        "sidecar-adds-to-init-peak",
        "sidecar-runs-alongside",
    ],
)
def test_pod_requests(pod: dict, expected: dict, non_zero: tuple[int, int]) -> None:
    info = PodInfo(pod)
    assert pod_requests(pod) == expected
    assert (info.non0_cpu, info.non0_mem) == non_zero


def test_pod_requests_add_overhead_and_honour_pod_level_requests() -> None:
    pod = make_pod(cpu="1", memory="1Gi")
    pod["spec"]["overhead"] = {"cpu": "250m"}
    pod["spec"]["resources"] = {"requests": {"memory": "2Gi"}}
    assert pod_requests(pod) == {"cpu": 1250, "memory": 2 << 30}


MI = 1024 * 1024


def pod_level(pod: dict[str, Any], **requests: str) -> dict[str, Any]:
    pod["spec"]["resources"] = {"requests": requests}
    return pod


@pytest.mark.parametrize(
    ("pod", "cpu", "memory", "ephemeral", "non_zero"),
    [
        (make_pod(), 0, 0, 0, (100, 200 * MI)),
        (
            make_pod(
                containers=[
                    container("a", "500m", "500Mi"),
                    container("b", "700m", "800Mi"),
                ]
            ),
            1200,
            1300 * MI,
            0,
            (1200, 1300 * MI),
        ),
        (
            pod_level(
                make_pod(
                    cpu="500m",
                    memory="500Mi",
                    init_containers=[container("i", "500m", "500Mi")],
                ),
                cpu="1200m",
                memory="1200Mi",
            ),
            1200,
            1200 * MI,
            0,
            (1200, 1200 * MI),
        ),
        (
            pod_level(
                make_pod(
                    cpu="500m",
                    memory="500Mi",
                    init_containers=[
                        container("s", "500m", "500Mi", restart_policy="Always")
                    ],
                ),
                cpu="1200m",
                memory="1200Mi",
            ),
            1200,
            1200 * MI,
            0,
            (1200, 1200 * MI),
        ),
        (
            pod_level(make_pod(init_containers=[container("i")]), memory="1200Mi"),
            0,
            1200 * MI,
            0,
            (100, 1200 * MI),
        ),
        (
            pod_level(make_pod(init_containers=[container("i")]), cpu="500m"),
            500,
            0,
            0,
            (500, 200 * MI),
        ),
        (
            pod_level(
                make_pod(
                    requests={"ephemeral-storage": "800Mi"},
                    init_containers=[
                        container("i", requests={"ephemeral-storage": "500Mi"})
                    ],
                ),
                cpu="500m",
            ),
            500,
            0,
            800 * MI,
            (500, 200 * MI),
        ),
    ],
    ids=[
        "requestless-container",
        "two-containers",
        "pod-level-over-init-container",
        "pod-level-over-sidecar",
        "pod-level-memory-only",
        "pod-level-cpu-only",
        "pod-level-leaves-other-resources-to-containers",
    ],
)
def test_pod_info_resources(
    pod: dict, cpu: int, memory: int, ephemeral: int, non_zero: tuple[int, int]
) -> None:
    """TestPodInfoCalculateResources in framework/types_test.go."""
    info = PodInfo(pod)
    got = (
        info.requests.milli_cpu,
        info.requests.memory,
        info.requests.ephemeral_storage,
    )
    assert got == (cpu, memory, ephemeral)
    assert (info.non0_cpu, info.non0_mem) == non_zero


def random_columns(seed: int, count: int = 500) -> list[tuple[list[int], list[int]]]:
    rng = random.Random(seed)

    def column() -> tuple[list[int], list[int]]:
        allocs = [rng.choice((0, 1, 7, 4000, 10**9 + 7, 2**37)) for _ in range(count)]
        held = [rng.randrange(0, 2 * a + 2) for a in allocs]
        return allocs, held

    return [column(), column()]


@pytest.mark.parametrize("seed", range(5))
def test_two_resource_fast_paths_match_the_general_formulas(seed: int) -> None:
    columns = random_columns(seed)
    rows = list(zip(*(zip(*c, strict=True) for c in columns), strict=True))
    for weights in ([1, 1], [1, 2], [3, 1]):
        fast = least_allocated.least_resource_scorer(weights)(columns)
        assert fast == [least_allocated.node_score(row, weights) for row in rows]
    general = [
        balanced_allocation.node_score([min(r / a, 1.0) for a, r in row if a])
        for row in rows
    ]
    assert balanced_allocation.balanced_resource_scorer(columns) == general


def test_scoring_many_nodes_matches_scoring_each() -> None:
    rng = random.Random(1)
    nodes = [
        node_info(
            make_node(
                f"n{i}",
                cpu=str(rng.choice((1, 2, 8))),
                memory=rng.choice(("1Gi", "4Gi")),
            ),
            *(
                resource_pod(
                    req(f"{rng.randrange(0, 900)}m", f"{rng.randrange(0, 900)}Mi")
                )
                for _ in range(rng.randrange(0, 4))
            ),
        )
        for i in range(60)
    ]
    pod = PodInfo(resource_pod(req("300m", "200Mi")))
    for plugin in (
        fit.Fit(FIT_ARGS),
        balanced_allocation.BalancedAllocation({"resources": CPU_MEM}),
    ):
        state = CycleState()
        plugin.pre_score(state, pod, nodes)
        assert plugin.score_nodes(state, pod, nodes) == [
            plugin.score(state, pod, node) for node in nodes
        ]
