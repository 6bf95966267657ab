"""kube-scheduler end to end through a real API server: it sees pods and nodes
only through watches and acts only through API calls."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cluster.api.errors import StatusError
from cluster.scheduler.scheduler import Scheduler

from .builders import make_node, make_pod, taint
from .conftest import ControlPlane

Obj = dict[str, Any]


def start(cp: ControlPlane, *nodes: Obj) -> Scheduler:
    for node in nodes:
        cp.api.create(node, actor="test")
    scheduler = Scheduler(cp.api, cp.clock, cp.stream)
    scheduler.start()
    return scheduler


def control_plane_node() -> Obj:
    return make_node("cp-1", taints=[taint("node-role.kubernetes.io/control-plane")])


def create(cp: ControlPlane, *pods: Obj) -> None:
    for pod in pods:
        cp.api.create(pod, actor="kubectl")


def settle(cp: ControlPlane, seconds: float = 1.0) -> None:
    cp.clock.run_until(cp.clock.now + seconds)


def node_of(cp: ControlPlane, name: str) -> str | None:
    return cp.api.get("pods", name)["spec"].get("nodeName")


def events(cp: ControlPlane, reason: str) -> list[str]:
    return [e["message"] for e in cp.api.list("events") if e["reason"] == reason]


def schedule_events(cp: ControlPlane) -> list[Obj]:
    return [e for e in cp.events if e["type"] == "schedule"]


def scheduled_condition(cp: ControlPlane, name: str) -> Obj:
    conditions = cp.api.get("pods", name)["status"].get("conditions", [])
    return next(c for c in conditions if c["type"] == "PodScheduled")


def test_a_new_pod_is_bound_and_a_scheduled_event_posted(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    start(cp, make_node("node-1"), make_node("node-2"))
    create(cp, make_pod("web", cpu="100m"))
    settle(cp)
    node = node_of(cp, "web")
    assert node in {"node-1", "node-2"}
    assert events(cp, "Scheduled") == [f"Successfully assigned default/web to {node}"]
    assert scheduled_condition(cp, "web")["status"] == "True"
    event = next(e for e in cp.api.list("events") if e["reason"] == "Scheduled")
    assert (event["type"], event["source"]["component"]) == (
        "Normal",
        "default-scheduler",
    )


def test_an_unschedulable_pod_gets_the_fit_error_as_event_and_condition(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    start(cp, control_plane_node(), *(make_node(f"node-{i}") for i in (1, 2, 3)))
    create(cp, make_pod("big", cpu="3"))
    settle(cp)
    message = (
        "0/4 nodes are available: 1 node(s) had untolerated taint(s), "
        "3 Insufficient cpu. preemption: 0/4 nodes are available: "
        "1 Preemption is not helpful for scheduling, "
        "3 No preemption victims found for incoming pod."
    )
    assert node_of(cp, "big") is None
    assert events(cp, "FailedScheduling") == [message]
    condition = scheduled_condition(cp, "big")
    assert (condition["status"], condition["reason"], condition["message"]) == (
        "False",
        "Unschedulable",
        message,
    )


def test_a_pending_pod_lands_when_a_node_that_fits_joins(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    start(cp, make_node("small", cpu="1"))
    create(cp, make_pod("big", cpu="3"))
    settle(cp, 30)
    assert node_of(cp, "big") is None
    cp.api.create(make_node("large", cpu="4"), actor="test")
    settle(cp)
    assert node_of(cp, "big") == "large"
    assert events(cp, "Scheduled") == ["Successfully assigned default/big to large"]
    assert [e["attempt"] for e in schedule_events(cp)] == [1, 2]


def test_deleting_a_scheduled_pod_makes_room_for_a_pending_one(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    start(cp, make_node("node-1"))
    create(cp, make_pod("first", cpu="2"))
    settle(cp)
    create(cp, make_pod("second", cpu="2"))
    settle(cp)
    assert (node_of(cp, "first"), node_of(cp, "second")) == ("node-1", None)
    cp.api.delete("pods", "first", actor="kubectl", grace_period_seconds=0)
    settle(cp)
    assert node_of(cp, "second") == "node-1"


def test_a_finished_pod_no_longer_holds_its_requests(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    start(cp, make_node("node-1"))
    create(cp, make_pod("job", cpu="2"))
    settle(cp)
    create(cp, make_pod("next", cpu="2"))
    settle(cp)
    done = cp.api.get("pods", "job")
    done["status"]["phase"] = "Succeeded"
    cp.api.update(done, actor="kubelet", subresource="status")
    settle(cp)
    assert node_of(cp, "next") == "node-1"


def test_only_its_own_unassigned_pods_are_scheduled(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    start(cp, make_node("node-1"), make_node("node-2"))
    create(
        cp,
        make_pod("other", scheduler_name="my-scheduler"),
        make_pod("pinned", cpu="2", node_name="node-1"),
    )
    settle(cp)
    create(cp, make_pod("web", cpu="1"))
    settle(cp)
    assert node_of(cp, "other") is None
    assert node_of(cp, "web") == "node-2"
    assert [e["pod"] for e in schedule_events(cp)] == ["default/web"]
    assert events(cp, "Scheduled") == ["Successfully assigned default/web to node-2"]


def test_higher_priority_pods_are_scheduled_first(control_plane: ControlPlane) -> None:
    cp = control_plane
    start(cp, make_node("node-1"))
    create(cp, make_pod("low", priority=0), make_pod("high", priority=100))
    settle(cp)
    assert [e["pod"] for e in schedule_events(cp)] == ["default/high", "default/low"]


def test_cordoned_nodes_are_skipped_until_uncordoned(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    start(cp, make_node("node-1", unschedulable=True))
    create(cp, make_pod("web"))
    settle(cp, 5)
    assert events(cp, "FailedScheduling") == [
        "0/1 nodes are available: 1 node(s) were unschedulable. preemption: "
        "0/1 nodes are available: 1 Preemption is not helpful for scheduling."
    ]
    node = cp.api.get("nodes", "node-1")
    node["spec"]["unschedulable"] = False
    cp.api.update(node, actor="kubectl")
    settle(cp)
    assert node_of(cp, "web") == "node-1"


def test_the_schedule_event_shows_filter_and_score_per_node(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    start(cp, control_plane_node(), make_node("node-1"), make_node("node-2"))
    create(cp, make_pod("web", cpu="500m", memory="512Mi"))
    settle(cp)
    (event,) = schedule_events(cp)
    assert json.loads(json.dumps(event)) == event
    assert event["filtered"] == {
        "cp-1": "TaintToleration: node(s) had untolerated taint(s)"
    }
    row = {
        "TaintToleration": 300,
        "NodeResourcesFit": 81,
        "NodeResourcesBalancedAllocation": 93,
        "ImageLocality": 0,
        "total": 474,
    }
    assert event["scores"] == {"node-1": row, "node-2": row}
    assert event["node"] in event["scores"]
    assert event["message"] == f"Successfully assigned default/web to {event['node']}"
    assert event["attempt"] == 1


def test_same_seed_same_placements() -> None:
    def placements(seed: int) -> list[str | None]:
        cp = ControlPlane(seed)
        start(cp, *(make_node(f"node-{i}") for i in range(6)))
        create(cp, *(make_pod(f"p{i}", cpu="100m") for i in range(24)))
        settle(cp)
        return [node_of(cp, f"p{i}") for i in range(24)]

    assert placements(11) == placements(11)
    assert placements(11) != placements(12)


def test_a_pod_bound_by_someone_else_meanwhile_is_left_alone(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    start(cp, make_node("node-1"), make_node("node-2"))
    create(cp, make_pod("web"))
    cp.clock.run_until(0.001)
    chosen = schedule_events(cp)[0]["node"]
    other = "node-2" if chosen == "node-1" else "node-1"
    cp.api.bind("default", "web", other, actor="someone")
    settle(cp)
    assert node_of(cp, "web") == other
    assert events(cp, "FailedScheduling") == [
        'running Bind plugin "DefaultBinder": Operation cannot be fulfilled on '
        f'pods/binding "web": pod web is already assigned to node "{other}"'
    ]
    assert len(schedule_events(cp)) == 2


def test_a_failed_status_write_does_not_stop_the_scheduler(
    control_plane: ControlPlane, monkeypatch: pytest.MonkeyPatch
) -> None:
    cp = control_plane
    start(cp, make_node("node-1", cpu="1"))

    def conflict(obj: Obj, **kwargs: Any) -> Obj:
        raise StatusError(409, "Conflict", "the object has been modified")

    monkeypatch.setattr(cp.api, "update", conflict)
    create(cp, make_pod("big", cpu="2"), make_pod("small", cpu="500m"))
    settle(cp)
    assert node_of(cp, "small") == "node-1"
    assert events(cp, "FailedScheduling") == [
        "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are "
        "available: 1 No preemption victims found for incoming pod."
    ]


def test_with_no_nodes_the_pod_waits_out_its_backoff(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    start(cp)
    create(cp, make_pod("web"))
    settle(cp, 0.5)
    assert events(cp, "FailedScheduling") == ["no nodes available to schedule pods"]
    assert scheduled_condition(cp, "web")["reason"] == "Unschedulable"
    cp.api.create(make_node("node-1"), actor="test")
    settle(cp, 0.4)
    assert node_of(cp, "web") is None  # still backing off: no plugin to blame
    settle(cp, 0.2)
    assert node_of(cp, "web") == "node-1"
