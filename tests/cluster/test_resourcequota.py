"""ResourceQuota: the admission plugin's charges and refusals, and the
resourcequota controller's recounts."""

from __future__ import annotations

import pytest

from cluster.api import quota
from cluster.api.resources import DEPLOYMENT, POD, SERVICE, ResourceType
from cluster.engine import Cluster

QUOTA = """\
apiVersion: v1
kind: ResourceQuota
metadata: {{name: q}}
spec:
  hard: {{{hard}}}
"""
POD_YAML = """\
apiVersion: v1
kind: Pod
metadata: {{name: {name}}}
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources: {resources}
"""
LIMITED = "{requests: {cpu: 400m, memory: 600Mi}, limits: {cpu: 800m, memory: 800Mi}}"


def run(cluster: Cluster, line: str, stdin: str | None = None) -> str:
    return cluster.execute(line, stdin).output


def add_pod(cluster: Cluster, name: str, resources: str = "{}") -> str:
    return run(
        cluster, "kubectl apply -f -", POD_YAML.format(name=name, resources=resources)
    )


@pytest.fixture
def cluster() -> Cluster:
    return Cluster.sandbox(seed=4)


def used(cluster: Cluster) -> dict[str, str]:
    return cluster.api.get("resourcequotas", "q", "default")["status"]["used"]


@pytest.mark.parametrize(
    ("rt", "obj", "names", "expected"),
    [
        (
            POD,
            {"spec": {"containers": [{}]}},
            ["pods", "count/pods"],
            {"pods", "count/pods"},
        ),
        (
            SERVICE,
            {"spec": {"type": "NodePort", "ports": [{}, {}]}},
            ["services.nodeports"],
            {"services.nodeports"},
        ),
        (
            DEPLOYMENT,
            {},
            ["count/deployments.apps", "pods"],
            {"count/deployments.apps"},
        ),
    ],
    ids=["pod", "node-port-service", "deployment"],
)
def test_what_quota_counts(
    rt: ResourceType, obj: dict, names: list[str], expected: set[str]
) -> None:
    assert set(quota.covered(rt, names)) == expected
    assert expected <= set(quota.usage(rt, obj))


def test_the_controller_fills_the_status(cluster: Cluster) -> None:
    run(
        cluster, "kubectl apply -f -", QUOTA.format(hard="pods: '2', requests.cpu: '1'")
    )
    rq = cluster.api.get("resourcequotas", "q", "default")
    assert rq["status"] == {
        "hard": {"pods": "2", "requests.cpu": "1"},
        "used": {"pods": "0", "requests.cpu": "0"},
    }
    assert run(cluster, "kubectl get quota").splitlines() == [
        "NAME   REQUEST                        LIMIT   AGE",
        "q      pods: 0/2, requests.cpu: 0/1           0s",
    ]


def test_pods_are_counted_and_refused_past_the_limit(cluster: Cluster) -> None:
    run(cluster, "kubectl apply -f -", QUOTA.format(hard="pods: '2'"))
    assert add_pod(cluster, "a") == "pod/a created"
    assert add_pod(cluster, "b") == "pod/b created"
    assert used(cluster) == {"pods": "2"}
    assert add_pod(cluster, "c") == (
        'Error from server (Forbidden): error when creating "STDIN": pods "c" is '
        "forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2"
    )


def test_deleting_a_pod_gives_the_quota_back(cluster: Cluster) -> None:
    run(cluster, "kubectl apply -f -", QUOTA.format(hard="pods: '1'"))
    add_pod(cluster, "a")
    cluster.advance(20)
    run(cluster, "kubectl delete pod a")
    assert used(cluster) == {"pods": "0"}
    assert add_pod(cluster, "b") == "pod/b created"


def test_compute_quota_needs_requests_and_limits(cluster: Cluster) -> None:
    run(
        cluster,
        "kubectl apply -f -",
        QUOTA.format(hard="requests.cpu: '1', limits.memory: 1Gi"),
    )
    assert add_pod(cluster, "a") == (
        'Error from server (Forbidden): error when creating "STDIN": pods "a" is '
        "forbidden: failed quota: q: must specify limits.memory for: app; "
        "requests.cpu for: app"
    )


def test_compute_quota_sums_requests(cluster: Cluster) -> None:
    run(
        cluster,
        "kubectl apply -f -",
        QUOTA.format(
            hard="requests.cpu: '1', requests.memory: 1Gi, "
            "limits.cpu: '2', limits.memory: 2Gi"
        ),
    )
    assert add_pod(cluster, "a", LIMITED) == "pod/a created"
    assert used(cluster) == {
        "limits.cpu": "800m",
        "limits.memory": "800Mi",
        "requests.cpu": "400m",
        "requests.memory": "600Mi",
    }
    bigger = "{requests: {cpu: 400m, memory: 700Mi}, limits: {cpu: 800m, memory: 1Gi}}"
    assert add_pod(cluster, "b", bigger) == (
        'Error from server (Forbidden): error when creating "STDIN": pods "b" is '
        "forbidden: exceeded quota: q, requested: requests.memory=700Mi, used: "
        "requests.memory=600Mi, limited: requests.memory=1Gi"
    )


def test_object_counts_and_node_ports(cluster: Cluster) -> None:
    run(
        cluster,
        "kubectl apply -f -",
        QUOTA.format(hard="services.nodeports: '0', count/services: '3'"),
    )
    assert run(cluster, "kubectl create service nodeport web --tcp=80") == (
        'error: failed to create NodePort service: services "web" is forbidden: '
        "exceeded quota: q, requested: services.nodeports=1, used: "
        "services.nodeports=0, limited: services.nodeports=0"
    )
    assert run(cluster, "kubectl create service clusterip web --tcp=80") == (
        "service/web created"
    )
    assert used(cluster) == {"count/services": "2", "services.nodeports": "0"}


def test_describe_quota(cluster: Cluster) -> None:
    run(
        cluster,
        "kubectl apply -f -",
        QUOTA.format(hard="pods: '2', requests.memory: 1Gi"),
    )
    add_pod(cluster, "a", "{requests: {memory: 600Mi}}")
    assert run(cluster, "kubectl describe quota q") == (
        "Name:            q\n"
        "Namespace:       default\n"
        "Resource         Used   Hard\n"
        "--------         ----   ----\n"
        "pods             1      2\n"
        "requests.memory  600Mi  1Gi"
    )
