"""Node heartbeats and the node lifecycle and taint eviction controllers:
a node whose kubelet stops goes Unknown after the 50 s grace period, is
tainted, and its pods are evicted once their 300 s tolerations run out."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.controllers import nodetaints
from cluster.controllers.nodehealth import Health, observe
from cluster.controllers.tainteviction import _matching_tolerations, _min_toleration
from cluster.engine import Cluster

Obj = dict[str, Any]
POD = """\
apiVersion: v1
kind: Pod
metadata: {{name: {name}}}
spec:
  nodeName: {node}
  containers: [{{name: app, image: nginx:1.27}}]
"""


def run(cluster: Cluster, line: str, stdin: str | None = None) -> str:
    return cluster.execute(line, stdin).output


def node(cluster: Cluster, name: str) -> Obj:
    return cluster.api.get("nodes", name)


def ready(cluster: Cluster, name: str) -> Obj:
    return next(
        c for c in node(cluster, name)["status"]["conditions"] if c["type"] == "Ready"
    )


def taints(cluster: Cluster, name: str) -> list[str]:
    return sorted(
        f"{t['key']}:{t['effect']}"
        for t in node(cluster, name)["spec"].get("taints", [])
    )


@pytest.fixture
def cluster() -> Cluster:
    cluster = Cluster.sandbox(seed=5)
    run(cluster, "kubectl apply -f -", POD.format(name="web", node="node-1"))
    cluster.advance(30)
    return cluster


def test_each_kubelet_renews_its_lease_every_ten_seconds(cluster: Cluster) -> None:
    lease = cluster.api.get("leases", "node-1", "kube-node-lease")
    assert lease["spec"]["holderIdentity"] == "node-1"
    assert lease["spec"]["leaseDurationSeconds"] == 40
    assert lease["metadata"]["ownerReferences"][0]["kind"] == "Node"
    renewals = []
    cluster.subscribe(
        lambda e: (
            renewals.append(e["time"])
            if e["type"] == "object" and e["kind"] == "Lease" and e["name"] == "node-1"
            else None
        )
    )
    cluster.advance(60)
    gaps = [b - a for a, b in zip(renewals, renewals[1:], strict=False)]
    assert len(renewals) in (5, 6) and all(10 <= g <= 10.4 for g in gaps)


def test_an_idle_node_writes_its_status_only_every_five_minutes(
    cluster: Cluster,
) -> None:
    writes = []
    cluster.subscribe(
        lambda e: (
            writes.append(e["time"])
            if e["type"] == "object" and e["kind"] == "Node" and e["name"] == "node-2"
            else None
        )
    )
    cluster.advance(600)
    assert len(writes) == 2


def test_a_silent_node_goes_unknown_after_the_grace_period(cluster: Cluster) -> None:
    cluster.node_down("node-1")
    # The last lease renewal (t≈20) was seen by the t=25 pass: the first pass
    # past 25 + 50 s marks the node, the one after adds the NoExecute taint.
    cluster.advance(45)
    assert ready(cluster, "node-1")["status"] == "True"
    cluster.advance(7)
    condition = ready(cluster, "node-1")
    assert condition["status"] == "Unknown"
    assert condition["reason"] == "NodeStatusUnknown"
    assert condition["message"] == "Kubelet stopped posting node status."
    assert "NotReady" in run(cluster, "kubectl get node node-1")
    assert taints(cluster, "node-1") == ["node.kubernetes.io/unreachable:NoSchedule"]
    cluster.advance(5)
    assert taints(cluster, "node-1") == [
        "node.kubernetes.io/unreachable:NoExecute",
        "node.kubernetes.io/unreachable:NoSchedule",
    ]


def test_the_node_and_its_pods_get_not_ready_events(cluster: Cluster) -> None:
    cluster.node_down("node-1")
    cluster.advance(70)
    events = run(cluster, "kubectl get events --field-selector reason=NodeNotReady")
    assert "node/node-1   Node node-1 status is now: NodeNotReady" in events
    assert "pod/web       Node is not ready" in events
    pod = cluster.api.get("pods", "web", "default")
    pod_ready = next(c for c in pod["status"]["conditions"] if c["type"] == "Ready")
    assert pod_ready["status"] == "False"


def test_pods_are_evicted_when_their_tolerations_run_out(cluster: Cluster) -> None:
    cluster.node_down("node-1")
    cluster.advance(350)  # tainted at t=85: 300 s later is t=385
    assert not cluster.api.get("pods", "web", "default")["metadata"].get(
        "deletionTimestamp"
    )
    cluster.advance(10)
    pod = cluster.api.get("pods", "web", "default")
    assert pod["metadata"]["deletionTimestamp"]
    target = next(
        c for c in pod["status"]["conditions"] if c["type"] == "DisruptionTarget"
    )
    assert (target["reason"], target["message"]) == (
        "DeletionByTaintManager",
        "Taint manager: deleting due to NoExecute taint",
    )
    assert "Marking for deletion Pod default/web" in run(cluster, "kubectl get events")
    assert "Terminating" in run(cluster, "kubectl get pod web")


def test_a_node_back_up_loses_its_taints_and_finishes_its_pods(
    cluster: Cluster,
) -> None:
    cluster.node_down("node-1")
    cluster.advance(400)
    cluster.node_up("node-1")
    cluster.advance(15)
    assert ready(cluster, "node-1")["status"] == "True"
    assert taints(cluster, "node-1") == []
    assert (
        run(cluster, "kubectl get pods") == "No resources found in default namespace."
    )


@pytest.mark.parametrize(
    ("taint", "tolerations", "expected"),
    [
        (
            "unreachable",
            [
                {
                    "key": "node.kubernetes.io/unreachable",
                    "operator": "Exists",
                    "effect": "NoExecute",
                    "tolerationSeconds": 300,
                }
            ],
            300.0,
        ),
        ("unreachable", [{"operator": "Exists"}], None),
        ("unreachable", [{"key": "other", "operator": "Exists"}], "evict now"),
        (
            "unreachable",
            [
                {
                    "key": "node.kubernetes.io/unreachable",
                    "operator": "Exists",
                    "tolerationSeconds": -5,
                }
            ],
            0.0,
        ),
    ],
    ids=[
        "default-toleration",
        "tolerates-everything",
        "not-tolerated",
        "negative-seconds",
    ],
)
def test_toleration_times(taint: str, tolerations: list[Obj], expected: object) -> None:
    taints_ = [{"key": f"node.kubernetes.io/{taint}", "effect": "NoExecute"}]
    used = _matching_tolerations(taints_, tolerations)
    assert (_min_toleration(used) if used is not None else "evict now") == expected


def test_a_lease_renewal_counts_as_a_heartbeat() -> None:
    node_ = {"status": {"conditions": [{"type": "Ready", "lastHeartbeatTime": "a"}]}}
    lease = {"spec": {"renewTime": "2026-01-05T09:00:10.000000Z"}}
    first = observe(None, node_, lease, 0.0)
    later = {"spec": {"renewTime": "2026-01-05T09:00:20.000000Z"}}
    assert observe(Health(**vars(first)), node_, later, 20.0).probe == 20.0
    assert observe(Health(**vars(first)), node_, lease, 30.0).probe == 0.0


@pytest.mark.parametrize(
    ("ready", "state"),
    [
        ([True, True, True, True], "Normal"),
        ([False, True, True, True], "Normal"),
        ([False, False, False, True], "PartialDisruption"),
        ([False, False, False, False], "FullDisruption"),
    ],
    ids=["healthy", "one-down", "three-of-four", "all-down"],
)
def test_zone_states(ready: list[bool], state: str) -> None:
    assert nodetaints.zone_state(ready) == state


def test_the_eviction_rate_lets_one_node_through_every_ten_seconds() -> None:
    bucket = nodetaints.TokenBucket(nodetaints.EVICTION_QPS)
    assert bucket.try_accept(0.0) and not bucket.try_accept(5.0)
    assert bucket.next_token(5.0) == pytest.approx(5.0)
    assert bucket.try_accept(10.0)


def test_all_nodes_down_stops_tainting() -> None:
    cluster = Cluster.sandbox(seed=6)
    for name in ("cp-1", "node-1", "node-2", "node-3"):
        cluster.node_down(name)
    cluster.advance(120)
    assert all(
        "NoExecute" not in " ".join(taints(cluster, n)) for n in ("node-1", "node-2")
    )
