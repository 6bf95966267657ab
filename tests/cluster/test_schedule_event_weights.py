"""The ``schedule`` event names the Score weights of the profile that ran and,
after a preemption, the nominated node and its victims."""

from __future__ import annotations

import json
from typing import Any

from cluster.scheduler.scheduler import Scheduler

from .builders import make_node, make_pod
from .conftest import ControlPlane

Obj = dict[str, Any]
# The default profile's Score plugins and weights (default_plugins.go).
DEFAULT_SCORE_WEIGHTS = {
    "TaintToleration": 3,
    "NodeAffinity": 2,
    "NodeResourcesFit": 1,
    "PodTopologySpread": 2,
    "InterPodAffinity": 2,
    "NodeResourcesBalancedAllocation": 1,
    "ImageLocality": 1,
}


def start(cp: ControlPlane, nodes: int = 1) -> None:
    for i in range(1, nodes + 1):
        cp.api.create(make_node(f"node-{i}", cpu="2"), actor="test")
    Scheduler(cp.api, cp.clock, cp.stream).start()
    cp.api.create(
        {
            "apiVersion": "scheduling.k8s.io/v1",
            "kind": "PriorityClass",
            "metadata": {"name": "high"},
            "value": 1000,
        },
        actor="kubectl",
    )


def schedule_events(cp: ControlPlane, pod: str) -> list[Obj]:
    key = f"default/{pod}"
    return [e for e in cp.events if e["type"] == "schedule" and e["pod"] == key]


def test_a_bound_pod_names_the_default_weights(control_plane: ControlPlane) -> None:
    cp = control_plane
    start(cp, nodes=2)
    cp.api.create(make_pod("web", cpu="100m"), actor="kubectl")
    cp.clock.run_until(2)
    (event,) = schedule_events(cp, "web")
    assert event["weights"] == DEFAULT_SCORE_WEIGHTS
    assert json.loads(json.dumps(event)) == event
    assert "victims" not in event and "nominatedNode" not in event


def test_a_preemption_names_its_node_and_victims(control_plane: ControlPlane) -> None:
    cp = control_plane
    start(cp, nodes=2)
    for name, node, cpu in (("a1", "node-1", "1"), ("a2", "node-1", "1"),
                            ("b1", "node-2", "2")):  # fmt: skip
        cp.api.create(make_pod(name, cpu=cpu, node_name=node), actor="kubectl")
    cp.clock.run_until(1)
    urgent = make_pod("urgent", cpu="2", spec={"priorityClassName": "high"})
    cp.api.create(urgent, actor="kubectl")
    cp.clock.run_until(2)
    first = schedule_events(cp, "urgent")[0]
    assert first["node"] is None
    assert (first["nominatedNode"], first["victims"]) == ("node-2", ["default/b1"])
    assert first["weights"] == DEFAULT_SCORE_WEIGHTS


def test_no_victims_found_adds_nothing(control_plane: ControlPlane) -> None:
    cp = control_plane
    start(cp)
    big = make_pod("big", cpu="3", spec={"priorityClassName": "high"})
    cp.api.create(big, actor="kubectl")
    cp.clock.run_until(1)
    (event,) = schedule_events(cp, "big")
    assert "victims" not in event and "nominatedNode" not in event
