"""kubectl cordon, uncordon and drain, with the eviction API and
PodDisruptionBudgets (``pkg/cmd/drain``, ``pkg/registry/core/pod/storage``)."""

from __future__ import annotations

import pytest

from cluster.api import eviction
from cluster.api.errors import StatusError
from cluster.engine import Cluster

BARE_POD = """\
apiVersion: v1
kind: Pod
metadata: {name: bare}
spec:
  nodeName: node-1
  containers: [{name: app, image: nginx:1.27}]
"""
PDB = """\
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {{name: web-pdb}}
spec:
  {rule}
  selector: {{matchLabels: {{app: web}}}}
"""
DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: nginx:1.27}]
"""


def run(cluster: Cluster, line: str, stdin: str | None = None) -> str:
    return cluster.execute(line, stdin).output


@pytest.fixture
def cluster() -> Cluster:
    """Three web pods of a Deployment, one on each worker (spread by the
    scheduler's default topology constraints)."""
    cluster = Cluster.sandbox(seed=7)
    run(cluster, "kubectl create deployment web --image=nginx:1.27 --replicas=3")
    cluster.advance(30)
    return cluster


def pod_on(cluster: Cluster, node: str) -> str:
    pods = cluster.api.list("pods", "default", field_selector=f"spec.nodeName={node}")
    return str(pods[0]["metadata"]["name"])


def test_cordon_and_uncordon(cluster: Cluster) -> None:
    assert run(cluster, "kubectl cordon node-1") == "node/node-1 cordoned"
    assert run(cluster, "kubectl cordon node-1") == "node/node-1 already cordoned"
    row = run(cluster, "kubectl get node node-1").splitlines()[1].split()
    assert row[1] == "Ready,SchedulingDisabled"
    node = cluster.api.get("nodes", "node-1")
    assert {
        "key": "node.kubernetes.io/unschedulable",
        "effect": "NoSchedule",
    }.items() <= (node["spec"]["taints"][0].items())
    assert run(cluster, "kubectl uncordon node-1") == "node/node-1 uncordoned"
    assert "taints" not in cluster.api.get("nodes", "node-1")["spec"]
    assert run(cluster, "kubectl uncordon node-1") == "node/node-1 already uncordoned"


@pytest.mark.parametrize(
    ("line", "output"),
    [
        (
            "kubectl cordon",
            "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and "
            "examples",
        ),
        ("kubectl cordon nope", 'Error from server (NotFound): nodes "nope" not found'),
    ],
    ids=["no-node", "unknown-node"],
)
def test_cordon_errors(cluster: Cluster, line: str, output: str) -> None:
    assert run(cluster, line) == output


def test_drain_evicts_and_waits(cluster: Cluster) -> None:
    name = pod_on(cluster, "node-1")
    assert run(cluster, "kubectl drain node-1").splitlines() == [
        "node/node-1 cordoned",
        f"evicting pod default/{name}",
        f"pod/{name} evicted",
        "node/node-1 drained",
    ]
    pods = run(cluster, "kubectl get pods -o wide").splitlines()[1:]
    assert name not in "".join(pods)
    assert len(pods) == 3 and not any("node-1" in line for line in pods)


def test_drain_refuses_unmanaged_pods_without_force(cluster: Cluster) -> None:
    run(cluster, "kubectl apply -f -", BARE_POD)
    cluster.advance(10)
    message = (
        "cannot delete cannot delete Pods that declare no controller "
        "(use --force to override): default/bare"
    )
    assert run(cluster, "kubectl drain node-1").splitlines() == [
        "node/node-1 cordoned",
        f'error: unable to drain node "node-1" due to error: {message}, '
        "continuing command...",
        "There are pending nodes to be drained:",
        " node-1",
        message,
    ]
    forced = run(cluster, "kubectl drain node-1 --force").splitlines()
    assert forced[:2] == [
        "node/node-1 already cordoned",
        "Warning: deleting Pods that declare no controller: default/bare",
    ]
    assert forced[-1] == "node/node-1 drained"


def test_drain_and_daemonset_pods(cluster: Cluster) -> None:
    run(cluster, "kubectl apply -f -", DAEMONSET)
    cluster.advance(30)
    refused = run(cluster, "kubectl drain node-2").splitlines()
    assert refused[1].startswith(
        'error: unable to drain node "node-2" due to error: cannot delete '
        "DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/agent-"
    )
    done = run(cluster, "kubectl drain node-2 --ignore-daemonsets").splitlines()
    assert done[1].startswith(
        "Warning: ignoring DaemonSet-managed Pods: kube-system/agent-"
    )
    assert done[-1] == "node/node-2 drained"


def test_a_budget_with_no_room_refuses_the_eviction(cluster: Cluster) -> None:
    run(cluster, "kubectl apply -f -", PDB.format(rule="minAvailable: 3"))
    assert run(cluster, "kubectl get pdb").splitlines()[1].split()[:4] == [
        "web-pdb",
        "3",
        "N/A",
        "0",
    ]
    with pytest.raises(StatusError) as refused:
        eviction.evict(cluster.api, "default", pod_on(cluster, "node-1"), None, "t")
    assert refused.value.code == 429
    assert refused.value.message == (
        "Cannot evict pod as it would violate the pod's disruption budget."
    )
    assert refused.value.details == {
        "causes": [
            {
                "reason": "DisruptionBudget",
                "message": "The disruption budget web-pdb needs 3 healthy pods and "
                "has 3 currently",
            }
        ]
    }


def test_drain_retries_every_five_seconds_while_the_budget_refuses(
    cluster: Cluster,
) -> None:
    run(cluster, "kubectl apply -f -", PDB.format(rule="maxUnavailable: 0"))
    name = pod_on(cluster, "node-1")
    lines = run(cluster, "kubectl drain node-1 --timeout=12s").splitlines()
    refusal = (
        f'error when evicting pods/"{name}" -n "default" (will retry after 5s): '
        "Cannot evict pod as it would violate the pod's disruption budget."
    )
    assert lines[1:7] == [f"evicting pod default/{name}", refusal] * 3
    assert lines[-1] == (
        f'error when evicting pods/"{name}" -n "default": global timeout reached: 12s'
    )


def test_a_budget_with_room_lets_one_go(cluster: Cluster) -> None:
    run(cluster, "kubectl apply -f -", PDB.format(rule="minAvailable: 2"))
    pdb = cluster.api.get("poddisruptionbudgets", "web-pdb", "default")["status"]
    counts = (pdb["currentHealthy"], pdb["desiredHealthy"], pdb["disruptionsAllowed"])
    assert counts == (3, 2, 1)
    assert (
        run(cluster, "kubectl drain node-1").splitlines()[-1] == "node/node-1 drained"
    )
    assert run(cluster, "kubectl describe pdb web-pdb").splitlines()[:9] == [
        "Name:           web-pdb",
        "Namespace:      default",
        "Min available:  2",
        "Selector:       app=web",
        "Status:",
        "    Allowed disruptions:  1",
        "    Current:              3",
        "    Desired:              2",
        "    Total:                3",
    ]
