"""kubectl delete (delete.go): messages, grace periods and waiting."""

from __future__ import annotations

import pytest

from cluster.api.errors import StatusError
from cluster.console import CommandResult
from cluster.engine import Cluster
from tests.cluster.workloads import web_and_db

IMMEDIATE = (
    "Warning: Immediate deletion does not wait for confirmation that the "
    "running resource has been terminated. The resource may continue to "
    "run on the cluster indefinitely."
)


@pytest.fixture
def cluster() -> Cluster:
    return web_and_db()


def exists(cluster: Cluster, name: str) -> bool:
    try:
        cluster.api.get("pods", name, "default")
    except StatusError:
        return False
    return True


def test_delete_waits_until_the_pod_is_gone(cluster: Cluster) -> None:
    result = cluster.execute("kubectl delete pod web")
    assert result == CommandResult('pod "web" deleted from default namespace', True)
    assert not exists(cluster, "web")


def test_no_wait_leaves_the_pod_terminating(cluster: Cluster) -> None:
    before = cluster.now
    cluster.execute("kubectl delete pod web --wait=false")
    assert cluster.now == before
    assert "Terminating" in cluster.execute("kubectl get pod web").output


def test_force_deletes_at_once_with_kubectls_warning(cluster: Cluster) -> None:
    result = cluster.execute("kubectl delete pod web --force")
    assert result == CommandResult(
        f'{IMMEDIATE}\npod "web" force deleted from default namespace', True
    )
    assert not exists(cluster, "web")


def test_found_objects_are_deleted_even_when_others_are_missing(
    cluster: Cluster,
) -> None:
    result = cluster.execute("kubectl delete pods web nope")
    assert result == CommandResult(
        'pod "web" deleted from default namespace\n'
        'Error from server (NotFound): pods "nope" not found',
        False,
    )


def test_delete_all_and_nothing_left(cluster: Cluster) -> None:
    assert cluster.execute("kubectl delete pods --all").output == (
        'pod "db" deleted from default namespace\n'
        'pod "web" deleted from default namespace'
    )
    assert cluster.execute("kubectl delete pods --all") == CommandResult(
        "No resources found", True
    )


def test_cluster_scoped_objects_have_no_namespace(cluster: Cluster) -> None:
    assert cluster.execute("kubectl delete node node-3").output == (
        'node "node-3" deleted'
    )


@pytest.mark.parametrize(
    ("line", "output"),
    [
        (
            "kubectl delete pods",
            "error: resource(s) were provided, but no name was specified",
        ),
        (
            "kubectl delete pod web --now --grace-period=5",
            "error: --now and --grace-period cannot be specified together",
        ),
        (
            "kubectl delete pod web --force --grace-period=5",
            "error: --force and --grace-period greater than 0 cannot be specified "
            "together",
        ),
        (
            "kubectl delete pod web -o yaml",
            "error: unexpected -o output mode: yaml. We only support '-o name'",
        ),
    ],
    ids=["no-name", "now-and-grace", "force-and-grace", "output"],
)
def test_errors(cluster: Cluster, line: str, output: str) -> None:
    assert cluster.execute(line) == CommandResult(output, False)
    assert exists(cluster, "web")
