"""``kubectl version`` and ``kubectl api-resources``."""

from __future__ import annotations

import pytest

from cluster.engine import Cluster


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    return Cluster.sandbox(seed=1)


CASES = [
    (
        "version",
        "kubectl version",
        "Client Version: v1.35.0\nKustomize Version: v5.7.1\nServer Version: v1.35.0",
    ),
    (
        "version-client",
        "kubectl version --client",
        "Client Version: v1.35.0\nKustomize Version: v5.7.1",
    ),
    (
        "cluster-scoped-names",
        "kubectl api-resources --namespaced=false -o name",
        "namespaces\nnodes\npriorityclasses.scheduling.k8s.io",
    ),
    (
        "apps-group",
        "kubectl api-resources --api-group=apps --no-headers",
        "daemonsets    ds       apps/v1   true   DaemonSet\n"
        "deployments   deploy   apps/v1   true   Deployment\n"
        "replicasets   rs       apps/v1   true   ReplicaSet",
    ),
]


@pytest.mark.parametrize(
    ("line", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_output(cluster: Cluster, line: str, expected: str) -> None:
    assert cluster.execute(line).output == expected


def test_api_resources_header_and_core_first(cluster: Cluster) -> None:
    lines = cluster.execute("kubectl api-resources").output.splitlines()
    assert lines[0].split() == [
        "NAME",
        "SHORTNAMES",
        "APIVERSION",
        "NAMESPACED",
        "KIND",
    ]
    assert lines[1].split() == ["endpoints", "ep", "v1", "true", "Endpoints"]
