"""Admission on the node and node-pressure eviction: the kubelet refuses a
pod that does not fit (OutOfcpu, OutOfmemory, OutOfpods) and evicts pods when
memory.available falls below 100Mi."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.engine import Cluster
from cluster.node.pod_admission import admit

Obj = dict[str, Any]
ALLOCATABLE = {"cpu": "2", "memory": "4Gi", "pods": "3"}


def pod(cpu: str | None = None, memory: str | None = None, name: str = "p") -> Obj:
    requests = {k: v for k, v in (("cpu", cpu), ("memory", memory)) if v}
    container: Obj = {"name": "app", "image": "nginx"}
    if requests:
        container["resources"] = {"requests": requests}
    return {"metadata": {"name": name}, "spec": {"containers": [container]}}


@pytest.mark.parametrize(
    ("new", "active", "expected"),
    [
        (pod(cpu="1"), [pod(cpu="500m")], None),
        (
            pod(cpu="3"),
            [],
            (
                "OutOfcpu",
                "Node didn't have enough resource: cpu, "
                "requested: 3000, used: 0, capacity: 2000",
            ),
        ),
        (
            pod(cpu="1"),
            [pod(cpu="1500m")],
            (
                "OutOfcpu",
                "Node didn't have enough "
                "resource: cpu, requested: 1000, used: "
                "1500, capacity: 2000",
            ),
        ),
        (
            pod(memory="5Gi"),
            [],
            (
                "OutOfmemory",
                "Node didn't have enough resource: "
                "memory, requested: 5368709120, used: 0, capacity: "
                "4294967296",
            ),
        ),
        (
            pod(),
            [pod(), pod(), pod()],
            (
                "OutOfpods",
                "Node didn't have enough "
                "resource: pods, requested: 1, used: 3, "
                "capacity: 3",
            ),
        ),
        (pod(), [pod(cpu="2")], None),
    ],
    ids=["fits", "cpu", "cpu-with-others", "memory", "pods", "best-effort-fits"],
)
def test_admission(
    new: Obj, active: list[Obj], expected: tuple[str, str] | None
) -> None:
    assert admit(new, ALLOCATABLE, active) == expected


def apply(cluster: Cluster, manifest: str) -> None:
    assert cluster.execute("kubectl apply -f -", manifest).ok


def test_a_pod_placed_by_hand_that_does_not_fit_is_rejected() -> None:
    cluster = Cluster.sandbox()
    apply(
        cluster,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  nodeName: node-1\n"
        "  containers:\n  - {name: app, image: nginx, resources: {requests: "
        "{cpu: '3'}}}\n",
    )
    cluster.advance(10)
    assert cluster.execute("kubectl get pod big").output.splitlines()[1].split()[
        :3
    ] == [
        "big",
        "0/1",
        "OutOfcpu",
    ]
    status = cluster.api.get("pods", "big", "default")["status"]
    assert status["phase"] == "Failed"
    assert status["message"] == (
        "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, "
        "used: 0, capacity: 2000"
    )
    events = cluster.execute("kubectl get events").output.splitlines()
    assert any(
        line.split()[1:4] == ["Warning", "OutOfcpu", "pod/big"] for line in events
    )
    runtime = cluster.kubelets["node-1"].runtime
    assert runtime.sandboxes == {}  # never run


def test_deleting_a_rejected_pod_removes_it() -> None:
    cluster = Cluster.sandbox()
    apply(
        cluster,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  nodeName: node-1\n"
        "  containers:\n  - {name: app, image: nginx, resources: {requests: "
        "{memory: 8Gi}}}\n",
    )
    cluster.advance(5)
    assert cluster.execute("kubectl delete pod big").output.startswith(
        'pod "big" deleted'
    )
    assert not cluster.api.list("pods")


HOG = """apiVersion: v1
kind: Pod
metadata: {name: hog}
spec:
  nodeName: node-2
  containers:
  - name: stress
    image: polinux/stress
    command: [stress]
    args: [--vm, "1", --vm-bytes, 4000M, --vm-hang, "1"]
---
apiVersion: v1
kind: Pod
metadata: {name: calm}
spec:
  nodeName: node-2
  containers:
  - {name: web, image: nginx, resources: {requests: {memory: 100Mi}}}
"""


def test_memory_pressure_evicts_the_pod_over_its_request() -> None:
    cluster = Cluster.sandbox()
    apply(cluster, HOG)
    cluster.advance(30)
    hog = cluster.api.get("pods", "hog", "default")
    assert (hog["status"]["phase"], hog["status"]["reason"]) == ("Failed", "Evicted")
    message = hog["status"]["message"]
    assert message.startswith(
        "The node was low on resource: memory. Threshold quantity: 100Mi, available: "
    )
    assert "Container stress was using 4096700Ki," in message
    assert message.endswith("request is 0, has larger consumption of memory. ")
    disruption = next(
        c for c in hog["status"]["conditions"] if c["type"] == "DisruptionTarget"
    )
    assert disruption["reason"] == "TerminationByKubelet"
    calm = cluster.api.get("pods", "calm", "default")
    assert calm["status"]["phase"] == "Running"
    node_events = [
        e["reason"]
        for e in cluster.api.list("events")
        if e["involvedObject"]["kind"] == "Node"
    ]
    assert "EvictionThresholdMet" in node_events


def test_memory_pressure_shows_on_the_node_while_it_lasts() -> None:
    cluster = Cluster.sandbox()
    kubelet = cluster.kubelets["node-2"]
    seen: list[bool] = []
    original = kubelet._memory_pressure
    kubelet.eviction.on_pressure = lambda p: (seen.append(p), original(p))  # type: ignore[func-returns-value]
    apply(cluster, HOG)
    cluster.advance(60)
    assert seen == [True, False]
    assert kubelet.eviction.under_pressure is False


def test_an_idle_node_schedules_no_eviction_rounds() -> None:
    cluster = Cluster.sandbox()
    cluster.advance(600)
    assert all(k.eviction._timer is None for k in cluster.kubelets.values())
