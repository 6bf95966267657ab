"""Explanations: each attempt recorded on the pod in kube-scheduler-simulator's
annotations and JSON shapes (``resultstore/store.go``, ``storereflector``),
and the ``schedule`` event drawn from the same record."""

from __future__ import annotations

import json
from typing import Any

from cluster.scheduler.explain.annotations import PREFIX, go_object, go_string
from cluster.scheduler.explain.reflector import (
    TOTAL_ANNOTATION_SIZE_LIMIT,
    with_results,
)
from cluster.scheduler.scheduler import Scheduler

from .builders import make_node, make_pod, taint
from .conftest import ControlPlane

Obj = dict[str, Any]
CP_TAINT = taint("node-role.kubernetes.io/control-plane")


def start(cp: ControlPlane) -> Scheduler:
    cp.api.create(make_node("cp-1", taints=[CP_TAINT]), actor="test")
    cp.api.create(make_node("node-1"), actor="test")
    cp.api.create(make_node("node-2", cpu="1"), actor="test")
    scheduler = Scheduler(cp.api, cp.clock, cp.stream)
    scheduler.start()
    return scheduler


def results_of(cp: ControlPlane, name: str) -> dict[str, Any]:
    found = cp.api.get("pods", name)["metadata"].get("annotations") or {}
    return {
        k.removeprefix(PREFIX): v if k.endswith("selected-node") else json.loads(v)
        for k, v in found.items()
    }


PASSED4 = {
    "NodeName": "passed",
    "NodeResourcesFit": "passed",
    "NodeUnschedulable": "passed",
    "TaintToleration": "passed",
}
TAINTED = {
    "NodeName": "passed",
    "NodeUnschedulable": "passed",
    "TaintToleration": "node(s) had untolerated taint(s)",
}


def test_a_bound_pod_carries_every_result(control_plane: ControlPlane) -> None:
    cp = control_plane
    start(cp)
    cp.api.create(make_pod("web", cpu="500m", memory="512Mi"), actor="kubectl")
    cp.clock.run_until(1)
    found = results_of(cp, "web")
    assert found["filter-result"] == {
        "cp-1": TAINTED,
        "node-1": PASSED4,
        "node-2": PASSED4,
    }
    assert found["prefilter-result-status"] == {
        "InterPodAffinity": "",
        "NodeAffinity": "",
        "NodePorts": "",
        "NodeResourcesFit": "success",
        "PodTopologySpread": "",
    }
    assert found["score-result"]["node-2"] == {
        "ImageLocality": "0",
        "NodeResourcesBalancedAllocation": "81",
        "NodeResourcesFit": "68",
        "TaintToleration": "0",
    }
    assert found["finalscore-result"]["node-2"]["TaintToleration"] == "300"
    assert found["bind-result"] == {"DefaultBinder": "success"}
    assert found["selected-node"] == "node-1"
    (entry,) = found["result-history"]
    assert json.loads(entry[PREFIX + "filter-result"]) == found["filter-result"]
    for key in (
        "reserve-result",
        "permit-result",
        "permit-result-timeout",
        "prebind-result",
        "postfilter-result",
        "prefilter-result",
    ):
        assert found[key] == {}


def test_each_failed_attempt_adds_to_the_history(control_plane: ControlPlane) -> None:
    cp = control_plane
    start(cp)
    cp.api.create(make_pod("big", cpu="3"), actor="kubectl")
    cp.clock.run_until(1)
    found = results_of(cp, "big")
    assert found["filter-result"]["node-1"]["NodeResourcesFit"] == "Insufficient cpu"
    assert found["postfilter-result"] == {"cp-1": {}, "node-1": {}, "node-2": {}}
    assert found["selected-node"] == "" and found["score-result"] == {}
    cp.api.create(make_node("node-3", cpu="4"), actor="test")
    cp.clock.run_until(3)
    found = results_of(cp, "big")
    assert found["selected-node"] == "node-3"
    assert len(found["result-history"]) == 2


def test_preemption_marks_the_nominated_node(control_plane: ControlPlane) -> None:
    cp = control_plane
    start(cp)
    cp.api.create(
        {
            "apiVersion": "scheduling.k8s.io/v1",
            "kind": "PriorityClass",
            "metadata": {"name": "high"},
            "value": 100,
        },
        actor="kubectl",
    )
    cp.api.create(make_pod("low", cpu="1", node_name="node-2"), actor="kubectl")
    cp.api.create(
        make_pod(
            "urgent",
            cpu="1",
            spec={
                "priorityClassName": "high",
                "nodeSelector": {"kubernetes.io/hostname": "node-2"},
            },
        ),
        actor="kubectl",
    )
    cp.clock.run_until(1)
    assert results_of(cp, "urgent")["postfilter-result"]["node-2"] == {
        "DefaultPreemption": "preemption victim"
    }


def test_the_schedule_event_and_the_annotations_agree(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    start(cp)
    cp.api.create(make_pod("web", cpu="500m", memory="512Mi"), actor="kubectl")
    cp.clock.run_until(1)
    (event,) = [e for e in cp.events if e["type"] == "schedule"]
    found = results_of(cp, "web")
    assert event["filtered"] == {
        "cp-1": "TaintToleration: node(s) had untolerated taint(s)"
    }
    for node, row in event["scores"].items():
        assert {k: str(v) for k, v in row.items() if k != "total"} == found[
            "finalscore-result"
        ][node]
        assert row["total"] == sum(
            int(v) for v in found["finalscore-result"][node].values()
        )


def test_recording_does_not_send_the_pod_round_again(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    start(cp)
    cp.api.create(make_pod("big", cpu="3"), actor="kubectl")
    cp.clock.run_until(60)
    assert [e["attempt"] for e in cp.events if e["type"] == "schedule"] == [1]


def test_go_json_escaping_and_key_order() -> None:
    assert go_string("a<b>&c") == '"a\\u003cb\\u003e\\u0026c"'
    assert go_object([("b", "1"), ("a", "2")]) == '{"a":2,"b":1}'


def test_history_is_trimmed_to_fit_the_annotation_limit() -> None:
    big = "x" * (TOTAL_ANNOTATION_SIZE_LIMIT // 3)
    notes: dict[str, str] = {}
    for _ in range(3):
        assert with_results(notes, {PREFIX + "filter-result": big})
    history = json.loads(notes[PREFIX + "result-history"])
    assert len(history) == 1
    assert sum(len(k) + len(v) for k, v in notes.items()) <= TOTAL_ANNOTATION_SIZE_LIMIT
    assert not with_results({}, {PREFIX + "filter-result": "x" * (300 * 1024)})
