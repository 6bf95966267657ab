"""The DaemonSet controller: one pod per eligible node, the daemon
tolerations, the node affinity the scheduler binds by, rolling updates."""

from __future__ import annotations

import pytest

from cluster.controllers import daemonutil
from tests.cluster import workloads as w

NODES = [
    {"name": "cp-1", "cpu": "2", "memory": "4Gi", "controlPlane": True},
    {"name": "node-1", "cpu": "2", "memory": "4Gi", "labels": {"disk": "ssd"}},
    {
        "name": "node-2",
        "cpu": "2",
        "memory": "4Gi",
        "taints": [{"key": "dedicated", "value": "gpu", "effect": "NoSchedule"}],
    },
]


def _node(name: str, taints: list | None = None, labels: dict | None = None) -> dict:
    return {
        "metadata": {"name": name, "labels": labels or {}},
        "spec": {"taints": taints or []},
    }


@pytest.mark.parametrize(
    ("node", "template_spec", "expected"),
    [
        (_node("a"), {}, (True, True)),
        (_node("a", [{"key": "x", "effect": "NoSchedule"}]), {}, (False, True)),
        (_node("a", [{"key": "x", "effect": "NoExecute"}]), {}, (False, False)),
        (
            _node(
                "a",
                [{"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}],
            ),
            {},
            (True, True),
        ),
        (
            _node(
                "a", [{"key": "node.kubernetes.io/not-ready", "effect": "NoExecute"}]
            ),
            {},
            (True, True),
        ),
        (
            _node("a", labels={"disk": "hdd"}),
            {"nodeSelector": {"disk": "ssd"}},
            (False, False),
        ),
        (_node("a"), {"nodeName": "b"}, (False, False)),
    ],
    ids=[
        "plain",
        "untolerated-noschedule",
        "untolerated-noexecute",
        "cordoned",
        "not-ready",
        "node-selector",
        "node-name",
    ],
)
def test_should_run(node: dict, template_spec: dict, expected: tuple) -> None:
    ds = w.daemonset()
    ds["spec"]["template"]["spec"].update(template_spec)
    assert daemonutil.should_run(node, ds) == expected


def test_daemon_tolerations_never_carry_seconds() -> None:
    spec: dict = {
        "tolerations": [
            {
                "key": "node.kubernetes.io/not-ready",
                "operator": "Exists",
                "effect": "NoExecute",
                "tolerationSeconds": 300,
            }
        ]
    }
    daemonutil.add_daemon_tolerations(spec)
    assert spec["tolerations"] == [
        {"key": key, "operator": "Exists", "effect": effect}
        for key, effect in daemonutil.DAEMON_TOLERATIONS
    ]


def test_one_pod_per_eligible_node_bound_by_affinity() -> None:
    c = w.cluster(NODES)
    w.create(c, w.daemonset())
    c.advance(30)
    pods = w.pods(c, app="agent")
    assert sorted(p["spec"]["nodeName"] for p in pods) == ["node-1"]
    (pod,) = pods
    terms = pod["spec"]["affinity"]["nodeAffinity"][
        "requiredDuringSchedulingIgnoredDuringExecution"
    ]["nodeSelectorTerms"]
    assert terms == [
        {
            "matchFields": [
                {"key": "metadata.name", "operator": "In", "values": ["node-1"]}
            ]
        }
    ]
    labels = pod["metadata"]["labels"]
    assert labels["pod-template-generation"] == "1"
    assert "controller-revision-hash" in labels
    status = c.api.get("daemonsets", "agent", "default")["status"]
    assert status == {
        "currentNumberScheduled": 1,
        "numberMisscheduled": 0,
        "desiredNumberScheduled": 1,
        "numberReady": 1,
        "observedGeneration": 1,
        "updatedNumberScheduled": 1,
        "numberAvailable": 1,
    }


def test_tolerating_the_control_plane_adds_it() -> None:
    c = w.cluster(NODES)
    ds = w.daemonset()
    ds["spec"]["template"]["spec"]["tolerations"] = [
        {
            "key": "node-role.kubernetes.io/control-plane",
            "operator": "Exists",
            "effect": "NoSchedule",
        }
    ]
    w.create(c, ds)
    c.advance(30)
    assert sorted(p["spec"]["nodeName"] for p in w.pods(c, app="agent")) == [
        "cp-1",
        "node-1",
    ]
    assert "agent   2         2         2       2            2           <none>" in (
        w.run(c, "kubectl get ds")
    )


def test_a_rolling_update_replaces_one_pod_at_a_time() -> None:
    c = w.cluster()
    w.create(c, w.daemonset())
    c.advance(30)
    ds = c.api.get("daemonsets", "agent", "default")
    ds["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.16.1"
    c.api.update(ds, actor="test")
    c.advance(0)
    deleted = [r for r, _ in w.events(c, "DaemonSet", "agent")].count(
        "SuccessfulDelete"
    )
    assert deleted == 1
    output = w.run(c, "kubectl rollout status ds/agent")
    assert output.splitlines()[-1] == 'daemon set "agent" successfully rolled out'
    images = {
        p["spec"]["containers"][0]["image"]
        for p in w.pods(c, app="agent")
        if not p["metadata"].get("deletionTimestamp")
    }
    assert images == {"nginx:1.16.1"}
