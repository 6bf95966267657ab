"""The docs-derived plays in ``plays/`` for Services, quotas and draining:
each runs headless and shows what the page shows (names with random
suffixes, IPs and ages aside)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster.__main__ import play
from cluster.scenario import load_scenario

PLAYS = Path(__file__).parent / "plays"


def transcript(name: str) -> str:
    return play(load_scenario(str(PLAYS / name)))


@pytest.mark.parametrize(
    "name",
    [
        "memory-cpu-quota.yaml",
        "connecting-apps-with-services.yaml",
        "drain-a-node.yaml",
    ],
)
def test_the_plays_are_deterministic(name: str) -> None:
    assert transcript(name) == transcript(name)


def test_memory_and_cpu_quota() -> None:
    out = transcript("memory-cpu-quota.yaml")
    assert "resourcequota/mem-cpu-demo created" in out
    assert (
        'pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, '
        "requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: "
        "requests.memory=1Gi"
    ) in out
    assert (
        "Resource         Used   Hard\n"
        "--------         ----   ----\n"
        "limits.cpu       800m   2\n"
        "limits.memory    800Mi  2Gi\n"
        "requests.cpu     400m   1\n"
        "requests.memory  600Mi  1Gi"
    ) in out
    assert out.rstrip().endswith('namespace "quota-mem-cpu-example" deleted')


def test_connecting_applications_with_services() -> None:
    out = transcript("connecting-apps-with-services.yaml")
    assert "service/my-nginx exposed" in out
    assert "Selector:                 run=my-nginx" in out
    assert "Warning: v1 Endpoints is deprecated in v1.33+" in out
    lines = out.splitlines()
    slices = lines[
        lines.index(
            "$ kubectl get endpointslices -l kubernetes.io/service-name=my-nginx"
        )
        + 2
    ]
    assert slices.split()[1:3] == ["IPv4", "80"]
    assert len(slices.split()[3].split(",")) == 2


def test_safely_drain_a_node() -> None:
    out = transcript("drain-a-node.yaml")
    lines = out.splitlines()
    start = lines.index("$ kubectl drain --ignore-daemonsets node-1")
    assert lines[start + 1] == "node/node-1 cordoned"
    assert lines[start + 2].startswith("evicting pod default/zk-")
    assert "node/node-1 drained" in lines[start + 3 : start + 6]
    assert (
        "(will retry after 5s): Cannot evict pod as it would violate the pod's "
        "disruption budget."
    ) in out
    assert "node-1   Ready,SchedulingDisabled" in out
    assert "global timeout reached: 20s" in out
    assert "Min available:  3" in out
    assert [line.split()[:2] for line in lines[-3:]] == [
        ["node-1", "Ready"],
        ["node-2", "Ready"],
        ["node-3", "Ready"],
    ]
