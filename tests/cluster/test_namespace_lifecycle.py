"""Namespaces: creation, the Terminating phase, the namespace controller
emptying them, and the NamespaceLifecycle admission plugin."""

from __future__ import annotations

import pytest

from cluster.engine import Cluster

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: team}
spec:
  containers: [{name: web, image: nginx:1.27}]
"""


@pytest.fixture
def cluster() -> Cluster:
    return Cluster.sandbox(seed=2)


def run(cluster: Cluster, line: str, stdin: str | None = None) -> str:
    return cluster.execute(line, stdin).output


def test_a_fresh_cluster_has_the_four_namespaces(cluster: Cluster) -> None:
    names = [line.split()[0] for line in run(cluster, "kubectl get ns").splitlines()]
    assert names == ["NAME", "default", "kube-node-lease", "kube-public", "kube-system"]


def test_create_namespace_prints_created_and_labels_it(cluster: Cluster) -> None:
    assert run(cluster, "kubectl create namespace team") == "namespace/team created"
    ns = cluster.api.get("namespaces", "team")
    assert ns["metadata"]["labels"] == {"kubernetes.io/metadata.name": "team"}
    assert ns["spec"] == {"finalizers": ["kubernetes"]}
    assert run(cluster, "kubectl create ns team") == (
        'Error from server (AlreadyExists): namespaces "team" already exists'
    )


@pytest.mark.parametrize("name", ["default", "kube-system", "kube-public"])
def test_the_system_namespaces_may_not_be_deleted(cluster: Cluster, name: str) -> None:
    assert run(cluster, f"kubectl delete ns {name}") == (
        f'Error from server (Forbidden): namespaces "{name}" is forbidden: this '
        "namespace may not be deleted"
    )


def test_content_in_a_missing_namespace_is_not_found(cluster: Cluster) -> None:
    assert run(cluster, "kubectl apply -f -", POD) == (
        'Error from server (NotFound): error when creating "STDIN": namespaces '
        '"team" not found'
    )


def test_a_terminating_namespace_takes_no_new_content(cluster: Cluster) -> None:
    run(cluster, "kubectl create ns team")
    run(cluster, "kubectl apply -f -", POD)
    cluster.advance(20)
    run(cluster, "kubectl delete ns team --wait=false")
    row = run(cluster, "kubectl get ns team").splitlines()[1].split()
    assert row[:2] == ["team", "Terminating"]
    other = POD.replace("name: web,", "name: late,")
    assert run(cluster, "kubectl apply -f -", other) == (
        'Error from server (Forbidden): error when creating "STDIN": pods "late" is '
        "forbidden: unable to create new content in namespace team because it is "
        "being terminated"
    )


def test_the_controller_reports_what_remains(cluster: Cluster) -> None:
    run(cluster, "kubectl create ns team")
    run(cluster, "kubectl apply -f -", POD)
    cluster.advance(20)
    run(cluster, "kubectl delete ns team --wait=false")
    conditions = {
        c["type"]: c
        for c in cluster.api.get("namespaces", "team")["status"]["conditions"]
    }
    remaining = conditions["NamespaceContentRemaining"]
    assert (remaining["status"], remaining["reason"]) == ("True", "SomeResourcesRemain")
    assert remaining["message"] == (
        "Some resources are remaining: pods. has 1 resource instances"
    )
    assert conditions["NamespaceDeletionContentFailure"]["reason"] == "ContentDeleted"


def test_delete_waits_until_the_namespace_is_gone(cluster: Cluster) -> None:
    run(cluster, "kubectl create ns team")
    run(cluster, "kubectl apply -f -", POD)
    cluster.advance(20)
    start = cluster.now
    assert run(cluster, "kubectl delete namespace team") == 'namespace "team" deleted'
    # The pod's 30 s grace period gives an estimate of 30: the controller
    # comes back 30/2 + 1 = 16 s later and finds the namespace empty.
    assert cluster.now - start == pytest.approx(16, abs=1)
    assert "team" not in run(cluster, "kubectl get ns")
    assert (
        run(cluster, "kubectl get pods -n team")
        == "No resources found in team namespace."
    )


def test_an_empty_namespace_goes_at_once(cluster: Cluster) -> None:
    run(cluster, "kubectl create ns empty")
    start = cluster.now
    assert run(cluster, "kubectl delete ns empty") == 'namespace "empty" deleted'
    assert cluster.now == start
