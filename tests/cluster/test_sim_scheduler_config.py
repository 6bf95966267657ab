"""``sim scheduler-config``: switching kube-scheduler's configuration live."""

from __future__ import annotations

import pytest

from cluster.engine import Cluster


def pod(name: str) -> str:
    return (
        f"apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n"
        "  containers:\n  - name: c\n    image: nginx:1.27\n"
        "    resources: {requests: {cpu: 300m, memory: 256Mi}}\n"
    )


def nodes_of(cluster: Cluster, names: list[str]) -> list[str]:
    return [cluster.api.get("pods", n)["spec"]["nodeName"] for n in names]


def test_bin_packing_puts_the_next_pods_on_one_node() -> None:
    cluster = Cluster.sandbox(seed=4)
    result = cluster.execute("sim scheduler-config --preset bin-packing")
    assert result.ok, result.output
    names = [f"p{i}" for i in range(3)]
    for name in names:
        cluster.execute("kubectl apply -f -", pod(name))
        cluster.advance(2)
    assert len(set(nodes_of(cluster, names))) == 1


def test_spreading_puts_them_on_different_nodes() -> None:
    cluster = Cluster.sandbox(seed=4)
    assert cluster.execute("sim scheduler-config --preset spreading").ok
    names = [f"p{i}" for i in range(3)]
    for name in names:
        cluster.execute("kubectl apply -f -", pod(name))
        cluster.advance(2)
    assert len(set(nodes_of(cluster, names))) == 3


BAD = [
    (
        "unknown-preset",
        "sim scheduler-config --preset tight",
        None,
        'sim scheduler-config: unknown preset "tight"',
    ),
    ("no-document", "sim scheduler-config", None, "sim scheduler-config: usage:"),
    ("bad-yaml", "sim scheduler-config -f -", "profiles: [", "error parsing STDIN"),
    (
        "unknown-plugin",
        "sim scheduler-config -f -",
        "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n"
        "profiles:\n- schedulerName: default-scheduler\n  plugins:\n    score:\n"
        "      enabled: [{name: NoSuchPlugin}]\n",
        "NoSuchPlugin",
    ),
]


@pytest.mark.parametrize(
    ("line", "stdin", "expected"), [c[1:] for c in BAD], ids=[c[0] for c in BAD]
)
def test_bad_configurations_change_nothing(
    line: str, stdin: str | None, expected: str
) -> None:
    cluster = Cluster.sandbox(seed=4)
    before = cluster.scheduler.frameworks
    result = cluster.execute(line, stdin)
    assert not result.ok
    assert expected in result.output
    assert cluster.scheduler.frameworks is before
