"""The engine facade: snapshot, the event stream, determinism, node faults."""

from __future__ import annotations

import json

from cluster.engine import Cluster

POD = """apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
"""


def run_session(seed: int) -> list[dict]:
    cluster = Cluster.sandbox(seed=seed)
    events: list[dict] = []
    cluster.subscribe(events.append)
    cluster.execute("kubectl apply -f -", POD)
    cluster.advance(20)
    cluster.execute("kubectl delete pod web")
    return events


def test_snapshot_is_json_safe_and_lists_the_sandbox() -> None:
    snapshot = Cluster.sandbox().snapshot()
    assert json.loads(json.dumps(snapshot)) == snapshot
    assert [n["name"] for n in snapshot["nodes"]] == [
        "cp-1",
        "node-1",
        "node-2",
        "node-3",
    ]
    ids = {c["id"] for c in snapshot["components"]}
    assert {
        "kube-apiserver",
        "etcd",
        "kube-scheduler",
        "kube-controller-manager",
        "kubelet/node-1",
        "kube-proxy/node-3",
        "containerd/node-2",
    } <= ids


def test_a_pod_goes_pending_creating_running_through_the_stream() -> None:
    statuses = [
        e["view"]["status"]
        for e in run_session(seed=1)
        if e["type"] == "object" and e["kind"] == "Pod"
    ]
    firsts = list(dict.fromkeys(statuses))
    assert firsts[:3] == ["Pending", "ContainerCreating", "Running"]
    assert "Terminating" in firsts


def test_the_same_seed_and_commands_give_the_same_stream() -> None:
    assert run_session(seed=5) == run_session(seed=5)


def test_every_event_crosses_json_unchanged() -> None:
    events = run_session(seed=2)
    assert json.loads(json.dumps(events)) == events
    assert {"object", "message", "etcd", "schedule", "command"} <= {
        e["type"] for e in events
    }


def test_a_node_going_down_reports_its_agents() -> None:
    cluster = Cluster.sandbox()
    events: list[dict] = []
    cluster.subscribe(events.append)
    cluster.node_down("node-2")
    stopped = {
        e["view"]["id"]: e["view"]["status"] for e in events if e["type"] == "component"
    }
    assert stopped == {
        "kubelet/node-2": "Stopped",
        "kube-proxy/node-2": "Stopped",
        "containerd/node-2": "Running",
    }
    cluster.node_up("node-2")
    assert events[-1]["view"]["status"] == "Running"
