"""``kubectl top pod|node``: kubectl's columns, metrics-server's window, CPU
limits throttling what a container can use."""

from __future__ import annotations

import re

import pytest

from cluster.engine import Cluster, ClusterConfig
from cluster.metricsserver import RESOLUTION

STRESS = """apiVersion: v1
kind: Pod
metadata: {name: %(name)s}
spec:
  containers:
  - name: ctr
    image: vish/stress
    args: ["-cpus", "%(cpus)s"]
    resources:
      limits: {cpu: "%(limit)s"}
      requests: {cpu: 100m}
"""


def stress(cluster: Cluster, name: str, cpus: int, limit: str) -> None:
    manifest = STRESS % {"name": name, "cpus": cpus, "limit": limit}
    assert cluster.execute("kubectl apply -f -", manifest).ok


def rows(output: str) -> list[list[str]]:
    return [line.split() for line in output.splitlines()]


@pytest.fixture
def cluster() -> Cluster:
    return Cluster.sandbox(seed=3)


def test_pod_columns_and_trailing_padding(cluster: Cluster) -> None:
    stress(cluster, "web", 1, "2")
    cluster.advance(40)
    lines = cluster.execute("kubectl top pod").output.splitlines()
    assert lines[0] == "NAME   CPU(cores)   MEMORY(bytes)   "
    assert re.fullmatch(r"web    \d+m +\d+Mi +", lines[1])


@pytest.mark.parametrize(
    ("cpus", "limit", "low", "high"),
    [
        pytest.param(2, "1", 950, 1000, id="two-cpus-under-a-one-cpu-limit"),
        pytest.param(1, "2", 960, 1000, id="one-cpu-under-a-two-cpu-limit"),
        pytest.param(2, "500m", 475, 500, id="half-a-cpu-limit"),
    ],
)
def test_cpu_is_capped_by_the_limit(
    cluster: Cluster, cpus: int, limit: str, low: int, high: int
) -> None:
    stress(cluster, "hog", cpus, limit)
    cluster.advance(40)
    cpu = rows(cluster.execute("kubectl top pod hog").output)[1][1]
    assert low <= int(cpu.rstrip("m")) <= high


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        pytest.param(
            "kubectl top pod web",
            'Error from server (NotFound): podmetrics.metrics.k8s.io "default/web" '
            "not found",
            id="named-pod",
        ),
        pytest.param("kubectl top pod", "error: metrics not available yet", id="list"),
    ],
)
def test_a_fresh_pod_has_no_metrics_yet(
    cluster: Cluster, command: str, expected: str
) -> None:
    stress(cluster, "web", 1, "1")
    cluster.advance(5)
    result = cluster.execute(command)
    assert (result.output, result.ok) == (expected, False)


def test_metrics_appear_after_a_whole_window(cluster: Cluster) -> None:
    stress(cluster, "web", 1, "1")
    cluster.advance(2 * RESOLUTION + 5)
    assert cluster.execute("kubectl top pod web").ok


def test_an_old_pod_without_metrics_is_reported(cluster: Cluster) -> None:
    manifest = STRESS % {"name": "big", "cpus": 1, "limit": "1"}
    manifest = manifest.replace("requests: {cpu: 100m}", "requests: {cpu: '100'}")
    manifest = manifest.replace('limits: {cpu: "1"}', "limits: {cpu: '100'}")
    assert cluster.execute("kubectl apply -f -", manifest).ok
    cluster.advance(150)
    output = cluster.execute("kubectl top pod").output
    assert output == "error: Metrics not available for pod default/big, age: 2m30s"


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        pytest.param(
            "kubectl top pod --sort-by=name",
            "error: --sort-by accepts only cpu or memory",
            id="sort-by",
        ),
        pytest.param(
            "kubectl top pod web -l app=web",
            "error: only one of NAME or selector can be provided",
            id="name-and-selector",
        ),
        pytest.param(
            "kubectl top node cp-1 -l a=b",
            "error: only one of NAME or --selector can be provided",
            id="node-name-and-selector",
        ),
        pytest.param(
            "kubectl top pod a b",
            "error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and "
            "examples",
            id="two-names",
        ),
        pytest.param(
            "kubectl top node nope",
            'Error from server (NotFound): nodemetrics.metrics.k8s.io "nope" not found',
            id="unknown-node",
        ),
        pytest.param(
            "kubectl top pod -n empty",
            "No resources found in empty namespace.",
            id="no-pods",
        ),
    ],
)
def test_errors(cluster: Cluster, command: str, expected: str) -> None:
    cluster.advance(20)
    assert cluster.execute(command).output == expected


def test_without_metrics_server() -> None:
    cluster = Cluster(ClusterConfig(metrics_server=False))
    cluster.advance(60)
    for command in ("kubectl top pod", "kubectl top node"):
        assert cluster.execute(command).output == "error: Metrics API not available"


def test_containers_all_namespaces_sum_and_sort(cluster: Cluster) -> None:
    stress(cluster, "small", 1, "200m")
    stress(cluster, "large", 1, "1")
    cluster.advance(40)
    got = rows(cluster.execute("kubectl top pod -A --containers --sum").output)
    assert got[0] == ["NAMESPACE", "POD", "NAME", "CPU(cores)", "MEMORY(bytes)"]
    assert [r[1] for r in got[1:3]] == ["large", "small"]
    assert got[3] == ["________", "________"]
    total = int(got[1][3][:-1]) + int(got[2][3][:-1])
    assert got[4] == [f"{total}m", "1Mi"]  # 2 x 700Ki, summed before rounding
    by_cpu = rows(cluster.execute("kubectl top pod --sort-by=cpu").output)
    assert [r[0] for r in by_cpu[1:]] == ["large", "small"]


def test_node_columns_percentages_and_overhead(cluster: Cluster) -> None:
    stress(cluster, "hog", 2, "1")
    cluster.advance(40)
    lines = cluster.execute("kubectl top node").output.splitlines()
    assert lines[0] == ("NAME     CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ")
    table = {r[0]: r[1:] for r in rows("\n".join(lines[1:]))}
    assert list(table) == ["cp-1", "node-1", "node-2", "node-3"]
    busy = max(table, key=lambda n: int(table[n][0][:-1]))
    cpu = int(table[busy][0][:-1])
    assert 950 < cpu < 1100 and table[busy][1] == f"{cpu * 100 // 2000}%"
    assert all(int(v[2][:-2]) > 200 for v in table.values())  # system memory


def test_a_node_that_does_not_answer_is_unknown(cluster: Cluster) -> None:
    cluster.advance(20)
    cluster.execute("sim node-down node-1")
    lines = cluster.execute("kubectl top node").output.splitlines()
    assert lines[-1].split() == ["node-1", *["<unknown>"] * 4]


def test_a_fresh_cluster_has_no_node_metrics_yet(cluster: Cluster) -> None:
    assert cluster.execute("kubectl top node").output == (
        "error: metrics not available yet"
    )


def test_same_seed_same_numbers() -> None:
    outputs = []
    for _ in range(2):
        cluster = Cluster.sandbox(seed=9)
        stress(cluster, "web", 1, "1")
        cluster.advance(40)
        outputs.append(cluster.execute("kubectl top node").output)
    assert outputs[0] == outputs[1]
