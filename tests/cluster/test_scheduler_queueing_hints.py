"""Queueing hints: a parked pod comes back only on events that may help it,
as judged by the plugins that rejected it."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.hints import (
    ALLOCATABLE,
    LABEL,
    NODE_ADD,
    NODE_UPDATE,
    POD_DELETE,
    TAINT,
    ClusterEvent,
    should_move,
)
from cluster.scheduler.scheduler import Scheduler

from .builders import container, make_node, make_pod, taint, toleration
from .conftest import ControlPlane

Obj = dict[str, Any]


def node_event(
    kind: str, new: Obj, old: Obj | None = None, *changes: str
) -> ClusterEvent:
    return ClusterEvent(kind, old, new, frozenset(changes))


SSD = make_node("ssd", labels={"disk": "ssd"})
HDD = make_node("hdd", labels={"disk": "hdd"})
WANTS_SSD = PodInfo(make_pod(spec={"nodeSelector": {"disk": "ssd"}}))
BIG = PodInfo(make_pod(cpu="3"))


@pytest.mark.parametrize(
    ("plugins", "pod", "event", "moves"),
    [
        ({"NodeAffinity"}, WANTS_SSD, node_event(NODE_ADD, SSD), True),
        ({"NodeAffinity"}, WANTS_SSD, node_event(NODE_ADD, HDD), False),
        ({"NodeAffinity"}, WANTS_SSD, node_event(NODE_UPDATE, SSD, HDD, LABEL), True),
        ({"NodeAffinity"}, WANTS_SSD, node_event(NODE_UPDATE, SSD, SSD, TAINT), False),
        ({"NodeResourcesFit"}, BIG, node_event(NODE_ADD, make_node(cpu="4")), True),
        ({"NodeResourcesFit"}, BIG, node_event(NODE_ADD, make_node(cpu="2")), False),
        (
            {"NodeResourcesFit"},
            BIG,
            node_event(
                NODE_UPDATE, make_node(cpu="4"), make_node(cpu="2"), ALLOCATABLE
            ),
            True,
        ),
        (
            {"NodeResourcesFit"},
            BIG,
            ClusterEvent(POD_DELETE, PodInfo(make_pod("gone", node_name="n"))),
            True,
        ),
        (
            {"NodeResourcesFit"},
            BIG,
            ClusterEvent(POD_DELETE, PodInfo(make_pod("gone"))),
            False,
        ),
        (
            {"TaintToleration"},
            BIG,
            node_event(NODE_UPDATE, make_node(), make_node(taints=[taint("x")]), TAINT),
            True,
        ),
        (
            {"TaintToleration"},
            PodInfo(make_pod(tolerations=[toleration("y")])),
            node_event(NODE_ADD, make_node(taints=[taint("x")])),
            False,
        ),
        (
            {"NodeUnschedulable"},
            BIG,
            node_event(NODE_UPDATE, make_node(), make_node(unschedulable=True), TAINT),
            True,
        ),
        (
            {"NodePorts"},
            PodInfo(
                make_pod(
                    containers=[
                        container(ports=[{"containerPort": 80, "hostPort": 80}])
                    ]
                )
            ),
            ClusterEvent(POD_DELETE, PodInfo(make_pod("g", node_name="n"))),
            False,
        ),
        ({"SomeOutOfTreePlugin"}, BIG, node_event(NODE_ADD, HDD), True),
        (
            {"NodeAffinity", "NodeResourcesFit"},
            BIG,
            node_event(NODE_ADD, make_node(cpu="4")),
            True,
        ),
    ],
    ids=[
        "affinity-node-matches",
        "affinity-node-does-not",
        "affinity-label-now-matches",
        "affinity-taint-change-irrelevant",
        "fit-big-enough-node",
        "fit-small-node",
        "fit-allocatable-grew",
        "fit-assigned-pod-deleted",
        "fit-pending-pod-deleted",
        "taint-removed",
        "taint-still-untolerated",
        "uncordoned",
        "ports-deleted-pod-held-none",
        "unknown-plugin-moves-on-everything",
        "any-plugin-may-say-yes",
    ],
)
def test_hints(
    plugins: set[str], pod: PodInfo, event: ClusterEvent, moves: bool
) -> None:
    assert should_move(plugins, pod, event) is moves


def test_a_pod_waiting_for_an_ssd_node_ignores_other_nodes(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    cp.api.create(make_node("hdd-1", labels={"disk": "hdd"}), actor="test")
    Scheduler(cp.api, cp.clock, cp.stream).start()
    cp.api.create(
        make_pod("db", spec={"nodeSelector": {"disk": "ssd"}}), actor="kubectl"
    )
    cp.clock.run_until(20)
    cp.api.create(make_node("hdd-2", labels={"disk": "hdd"}), actor="test")
    cp.clock.run_until(40)
    failures = [e for e in cp.api.list("events") if e["reason"] == "FailedScheduling"]
    assert len(failures) == 1 and failures[0]["count"] == 1
    cp.api.create(make_node("ssd-1", labels={"disk": "ssd"}), actor="test")
    cp.clock.run_until(60)
    assert cp.api.get("pods", "db")["spec"]["nodeName"] == "ssd-1"
