"""What a fresh cluster holds besides nodes: the kubernetes Service and its
endpoints, the system PriorityClasses, and the Priority admission plugin."""

from __future__ import annotations

import pytest

from cluster.engine import Cluster

POD = """\
apiVersion: v1
kind: Pod
metadata: {{name: {name}}}
spec:
  {extra}
  containers: [{{name: app, image: nginx:1.27}}]
"""


def run(cluster: Cluster, line: str, stdin: str | None = None) -> str:
    return cluster.execute(line, stdin).output


@pytest.fixture
def cluster() -> Cluster:
    return Cluster.sandbox(seed=1)


def test_the_kubernetes_service(cluster: Cluster) -> None:
    assert run(cluster, "kubectl get svc").splitlines() == [
        "NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE",
        "kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s",
    ]
    svc = cluster.api.get("services", "kubernetes", "default")
    assert svc["metadata"]["labels"] == {
        "component": "apiserver",
        "provider": "kubernetes",
    }
    assert svc["spec"]["ports"] == [
        {"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}
    ]


def test_the_kubernetes_endpoints_point_at_the_control_plane(cluster: Cluster) -> None:
    assert run(cluster, "kubectl get endpointslices").splitlines() == [
        "NAME         ADDRESSTYPE   PORTS   ENDPOINTS      AGE",
        "kubernetes   IPv4          6443    192.168.49.2   0s",
    ]


def test_services_live_under_specs_in_etcd(cluster: Cluster) -> None:
    assert run(cluster, "etcdctl get /registry/services --prefix --keys-only") == (
        "/registry/services/endpoints/default/kubernetes\n\n"
        "/registry/services/specs/default/kubernetes"
    )


def test_the_system_priority_classes(cluster: Cluster) -> None:
    rows = [line.split() for line in run(cluster, "kubectl get pc").splitlines()]
    assert rows == [
        ["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"],
        [
            "system-cluster-critical",
            "2000000000",
            "false",
            "0s",
            "PreemptLowerPriority",
        ],
        ["system-node-critical", "2000001000", "false", "0s", "PreemptLowerPriority"],
    ]


def test_a_pod_gets_the_value_of_its_priority_class(cluster: Cluster) -> None:
    run(
        cluster,
        "kubectl apply -f -",
        POD.format(name="a", extra="priorityClassName: system-node-critical"),
    )
    spec = cluster.api.get("pods", "a", "default")["spec"]
    assert (spec["priority"], spec["preemptionPolicy"]) == (
        2000001000,
        "PreemptLowerPriority",
    )


def test_an_unknown_priority_class_is_refused(cluster: Cluster) -> None:
    assert run(
        cluster,
        "kubectl apply -f -",
        POD.format(name="a", extra="priorityClassName: high"),
    ) == (
        'Error from server (Forbidden): error when creating "STDIN": pods "a" is '
        "forbidden: no PriorityClass with name high was found"
    )


def test_a_global_default_class_applies_to_pods_without_one(cluster: Cluster) -> None:
    run(
        cluster,
        "kubectl apply -f -",
        "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\n"
        "metadata: {name: normal}\nvalue: 1000\nglobalDefault: true\n",
    )
    run(
        cluster,
        "kubectl apply -f -",
        POD.format(name="a", extra="restartPolicy: Always"),
    )
    spec = cluster.api.get("pods", "a", "default")["spec"]
    assert (spec["priorityClassName"], spec["priority"]) == ("normal", 1000)
