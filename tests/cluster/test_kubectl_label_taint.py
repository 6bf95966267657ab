"""kubectl label, annotate and taint: parsing, --overwrite rules, messages."""

from __future__ import annotations

import pytest

from cluster.engine import Cluster

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
  annotations: {owner: ann}
spec:
  containers: [{name: app, image: nginx:1.27}]
"""


def run(cluster: Cluster, line: str) -> str:
    return cluster.execute(line).output


@pytest.fixture
def cluster() -> Cluster:
    cluster = Cluster.sandbox(seed=8)
    cluster.execute("kubectl apply -f -", POD)
    return cluster


def labels(cluster: Cluster) -> dict[str, str]:
    return cluster.api.get("pods", "web", "default")["metadata"]["labels"]


@pytest.mark.parametrize(
    ("line", "output", "after"),
    [
        (
            "kubectl label pod web tier=front",
            "pod/web labeled",
            {"app": "web", "tier": "front"},
        ),
        ("kubectl label pods web app-", "pod/web unlabeled", {}),
        ("kubectl label pod/web app=web", "pod/web not labeled", {"app": "web"}),
        (
            "kubectl label pod web app=api",
            "error: 'app' already has a value (web), and --overwrite is false",
            {"app": "web"},
        ),
        (
            "kubectl label pod web app=api --overwrite",
            "pod/web labeled",
            {"app": "api"},
        ),
        (
            "kubectl label pod web nope-",
            'label "nope" not found.\npod/web not labeled',
            {"app": "web"},
        ),
        (
            "kubectl label pod web a=b=c",
            "error: invalid label spec: a=b=c",
            {"app": "web"},
        ),
        (
            "kubectl label pod web tier=front tier-",
            "error: can not both modify and remove a label in the same command",
            {"app": "web"},
        ),
        (
            "kubectl label pod web",
            "error: at least one label update is required",
            {"app": "web"},
        ),
        (
            "kubectl label pod web x=y pod",
            "error: all resources must be specified before label changes: pod",
            {"app": "web"},
        ),
    ],
    ids=[
        "add",
        "remove",
        "same-value",
        "no-overwrite",
        "overwrite",
        "remove-missing",
        "bad-spec",
        "modify-and-remove",
        "nothing",
        "resources-after-labels",
    ],
)
def test_label(cluster: Cluster, line: str, output: str, after: dict[str, str]) -> None:
    assert run(cluster, line) == output
    assert labels(cluster) == after


def test_label_value_must_be_valid(cluster: Cluster) -> None:
    assert run(cluster, "kubectl label pod web app=-bad").startswith(
        'error: invalid label value: "app=-bad": a valid label must be an empty string'
    )


def test_label_nodes_with_a_selector(cluster: Cluster) -> None:
    out = run(cluster, "kubectl label nodes -l kubernetes.io/os=linux disk=ssd")
    assert out.splitlines() == [
        f"node/{n} labeled" for n in ("cp-1", "node-1", "node-2", "node-3")
    ]


@pytest.mark.parametrize(
    ("line", "output"),
    [
        ("kubectl annotate pod web note=hi", "pod/web annotated"),
        (
            "kubectl annotate pod web owner=bob",
            "error: --overwrite is false but found the following declared "
            "annotation(s): 'owner' already has a value (ann)",
        ),
        ("kubectl annotate pod web owner=bob --overwrite", "pod/web annotated"),
        ("kubectl annotate pod web owner-", "pod/web annotated"),
        (
            "kubectl annotate pod web",
            "error: at least one annotation update is required",
        ),
    ],
    ids=["add", "no-overwrite", "overwrite", "remove", "nothing"],
)
def test_annotate(cluster: Cluster, line: str, output: str) -> None:
    assert run(cluster, line) == output


def taints(cluster: Cluster) -> list[dict[str, str]]:
    return cluster.api.get("nodes", "node-1")["spec"].get("taints", [])


def test_taint_add_and_remove(cluster: Cluster) -> None:
    assert run(cluster, "kubectl taint nodes node-1 dedicated=gpu:NoSchedule") == (
        "node/node-1 tainted"
    )
    assert taints(cluster) == [
        {"key": "dedicated", "value": "gpu", "effect": "NoSchedule"}
    ]
    assert run(cluster, "kubectl taint nodes node-1 dedicated=cpu:NoSchedule") == (
        "error: node node-1 already has dedicated taint(s) with same effect(s) and "
        "--overwrite is false"
    )
    assert run(
        cluster, "kubectl taint node node-1 dedicated=cpu:NoSchedule --overwrite"
    ) == ("node/node-1 modified")
    assert run(cluster, "kubectl taint nodes node-1 dedicated:NoSchedule-") == (
        "node/node-1 untainted"
    )
    assert taints(cluster) == []
    assert run(cluster, "kubectl taint nodes node-1 dedicated-") == (
        'error: taint "dedicated" not found'
    )


def test_new_taints_go_first(cluster: Cluster) -> None:
    run(cluster, "kubectl taint nodes node-1 a=1:NoSchedule")
    run(cluster, "kubectl taint nodes node-1 b=2:NoExecute")
    assert [t["key"] for t in taints(cluster)] == ["b", "a"]


@pytest.mark.parametrize(
    ("line", "output"),
    [
        (
            "kubectl taint nodes node-1 key=value:Sometimes",
            "error: invalid taint effect: Sometimes, unsupported taint effect\n"
            "See 'kubectl taint -h' for help and examples",
        ),
        (
            "kubectl taint pods web a=b:NoSchedule",
            "error: invalid resource type pods, only node types are supported",
        ),
        ("kubectl taint nodes node-1", "error: at least one taint update is required"),
        (
            "kubectl taint nodes a=b:NoSchedule",
            "error: at least one resource name must be specified since 'all' parameter "
            "is not set",
        ),
    ],
    ids=["bad-effect", "not-a-node", "no-change", "no-node"],
)
def test_taint_errors(cluster: Cluster, line: str, output: str) -> None:
    assert run(cluster, line) == output
