"""SchedulingGates: gated pods wait outside the activeQ, the API server marks
them SchedulingGated on create, and gates may only be removed."""

from __future__ import annotations

import pytest

from cluster.api.errors import StatusError
from cluster.scheduler.framework.status import Code
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.plugins.schedulinggates import SchedulingGates
from cluster.scheduler.scheduler import Scheduler

from .builders import make_node, make_pod
from .conftest import ControlPlane


def gated(*names: str) -> dict:
    return make_pod("gated", spec={"schedulingGates": [{"name": n} for n in names]})


def test_pre_enqueue_lists_the_gates() -> None:
    status = SchedulingGates().pre_enqueue(PodInfo(gated("example.com/a", "b")))
    assert status is not None
    assert (status.code, status.message()) == (
        Code.UNSCHEDULABLE_AND_UNRESOLVABLE,
        "waiting for scheduling gates: [example.com/a b]",
    )
    assert SchedulingGates().pre_enqueue(PodInfo(make_pod())) is None


def test_the_api_server_marks_gated_pods(control_plane: ControlPlane) -> None:
    created = control_plane.api.create(gated("x"), actor="kubectl")
    (condition,) = created["status"]["conditions"]
    assert condition == {
        "type": "PodScheduled",
        "status": "False",
        "lastProbeTime": None,
        "lastTransitionTime": created["metadata"]["creationTimestamp"],
        "reason": "SchedulingGated",
        "message": "Scheduling is blocked due to non-empty scheduling gates",
    }


def test_gates_may_be_removed_not_added(control_plane: ControlPlane) -> None:
    api = control_plane.api
    pod = api.create(gated("a"), actor="kubectl")
    pod["spec"]["schedulingGates"].append({"name": "b"})
    with pytest.raises(StatusError) as raised:
        api.update(pod, actor="kubectl")
    assert (
        "spec.schedulingGates[1].name: Forbidden: only deletion is allowed, "
        "but found new scheduling gate 'b'" in raised.value.message
    )


def test_a_gated_pod_is_scheduled_once_its_gates_are_gone(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    cp.api.create(make_node("node-1"), actor="test")
    Scheduler(cp.api, cp.clock, cp.stream).start()
    cp.api.create(gated("a"), actor="kubectl")
    cp.clock.run_until(30)
    pod = cp.api.get("pods", "gated")
    assert pod["spec"].get("nodeName") is None
    assert not [e for e in cp.api.list("events") if e["reason"] == "FailedScheduling"]
    pod["spec"]["schedulingGates"] = []
    cp.api.update(pod, actor="kubectl")
    cp.clock.run_until(31)
    assert cp.api.get("pods", "gated")["spec"]["nodeName"] == "node-1"
