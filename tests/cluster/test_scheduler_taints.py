"""TaintToleration, NodeUnschedulable and NodeName, case by case.

Cases follow ``tainttoleration/taint_toleration_test.go`` and
``nodeunschedulable/node_unschedulable_test.go``, with v1.35's reason text.
"""

from __future__ import annotations

import pytest

from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.status import Code
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.plugins import nodename, nodeunschedulable, tainttoleration

from .builders import make_node, make_pod, node_info, taint, toleration

UNTOLERATED = "node(s) had untolerated taint(s)"


def pod_tolerating(*tolerations: dict) -> PodInfo:
    return PodInfo(make_pod("pod1", tolerations=list(tolerations)))


@pytest.mark.parametrize(
    ("tolerations", "taints", "fits"),
    [
        ([], [taint("dedicated", "user1")], False),
        (
            [toleration("dedicated", "user1", "NoSchedule")],
            [taint("dedicated", "user1")],
            True,
        ),
        (
            [toleration("dedicated", "user2", "NoSchedule", "Equal")],
            [taint("dedicated", "user1")],
            False,
        ),
        (
            [toleration("foo", effect="NoSchedule", operator="Exists")],
            [taint("foo", "bar")],
            True,
        ),
        (
            [
                toleration("dedicated", "user2", "NoSchedule", "Equal"),
                toleration("foo", effect="NoSchedule", operator="Exists"),
            ],
            [taint("dedicated", "user2"), taint("foo", "bar")],
            True,
        ),
        (
            [toleration("foo", "bar", "PreferNoSchedule", "Equal")],
            [taint("foo", "bar")],
            False,
        ),
        ([toleration("foo", "bar", operator="Equal")], [taint("foo", "bar")], True),
        (
            [toleration("dedicated", "user2", "NoSchedule", "Equal")],
            [taint("dedicated", "user1", "PreferNoSchedule")],
            True,
        ),
        ([], [taint("dedicated", "user1", "PreferNoSchedule")], True),
        ([], [taint("node.kubernetes.io/unreachable", effect="NoExecute")], False),
        ([toleration(operator="Exists")], [taint("anything", "x", "NoExecute")], True),
        (
            [
                toleration(
                    "node-role.kubernetes.io/control-plane",
                    operator="Exists",
                    effect="NoSchedule",
                )
            ],
            [taint("node-role.kubernetes.io/control-plane")],
            True,
        ),
    ],
    ids=[
        "no-tolerations-vs-taint",
        "dedicated-user1-tolerated",
        "dedicated-user2-vs-user1",
        "exists-tolerates-any-value",
        "all-of-several-taints-tolerated",
        "effect-mismatch-not-tolerated",
        "empty-effect-tolerates-noschedule",
        "prefer-noschedule-never-filters",
        "prefer-noschedule-without-tolerations",
        "noexecute-filters-too",
        "empty-key-exists-tolerates-everything",
        "control-plane-toleration",
    ],
)
def test_taint_toleration_filter(tolerations: list, taints: list, fits: bool) -> None:
    node = node_info(make_node("nodeA", taints=taints))
    status = tainttoleration.TaintToleration().filter(
        CycleState(), pod_tolerating(*tolerations), node
    )
    if fits:
        assert status is None
    else:
        assert status is not None
        assert (status.code, status.reasons, status.plugin) == (
            Code.UNSCHEDULABLE_AND_UNRESOLVABLE,
            (UNTOLERATED,),
            "TaintToleration",
        )


def prefer(key: str, value: str) -> dict:
    return taint(key, value, "PreferNoSchedule")


@pytest.mark.parametrize(
    ("tolerations", "node_taints", "expected"),
    [
        (
            [toleration("foo", "bar", "PreferNoSchedule", "Equal")],
            [[prefer("foo", "bar")], [prefer("foo", "blah")]],
            [100, 0],
        ),
        (
            [
                toleration("cpu-type", "arm64", "PreferNoSchedule", "Equal"),
                toleration("disk-type", "ssd", "PreferNoSchedule", "Equal"),
            ],
            [
                [],
                [prefer("cpu-type", "arm64")],
                [prefer("cpu-type", "arm64"), prefer("disk-type", "ssd")],
            ],
            [100, 100, 100],
        ),
        (
            [toleration("foo", "bar", "PreferNoSchedule", "Equal")],
            [
                [],
                [prefer("cpu-type", "arm64")],
                [prefer("cpu-type", "arm64"), prefer("disk-type", "ssd")],
            ],
            [100, 50, 0],
        ),
        (
            [
                toleration("cpu-type", "arm64", "NoSchedule", "Equal"),
                toleration("disk-type", "ssd", "NoSchedule", "Equal"),
            ],
            [
                [],
                [taint("cpu-type", "arm64")],
                [prefer("cpu-type", "arm64"), prefer("disk-type", "ssd")],
            ],
            [100, 100, 0],
        ),
        ([], [[], [prefer("cpu-type", "arm64")]], [100, 0]),
    ],
    ids=[
        "tolerated-beats-intolerable",
        "tolerable-taint-count-does-not-matter",
        "more-intolerable-taints-lower-score",
        "only-prefer-noschedule-counts",
        "no-tolerations-prefers-untainted",
    ],
)
def test_taint_toleration_score(
    tolerations: list, node_taints: list, expected: list[int]
) -> None:
    plugin, state = tainttoleration.TaintToleration(), CycleState()
    pod = pod_tolerating(*tolerations)
    nodes = [
        node_info(make_node(f"node{i}", taints=t)) for i, t in enumerate(node_taints)
    ]
    assert plugin.pre_score(state, pod, nodes) is None
    scores = [plugin.score(state, pod, n) for n in nodes]
    plugin.normalize_score(state, pod, nodes, scores)
    assert scores == expected


CORDON = toleration(
    "node.kubernetes.io/unschedulable", effect="NoSchedule", operator="Exists"
)


@pytest.mark.parametrize(
    ("unschedulable", "tolerations", "fits"),
    [
        (False, [], True),
        (True, [], False),
        (True, [CORDON], True),
        (
            True,
            [
                toleration(
                    "node.kubernetes.io/unschedulable",
                    effect="NoExecute",
                    operator="Exists",
                )
            ],
            False,
        ),
    ],
    ids=["schedulable", "cordoned", "cordoned-but-tolerated", "wrong-effect"],
)
def test_node_unschedulable_filter(
    unschedulable: bool, tolerations: list, fits: bool
) -> None:
    node = node_info(make_node(unschedulable=unschedulable))
    status = nodeunschedulable.NodeUnschedulable().filter(
        CycleState(), pod_tolerating(*tolerations), node
    )
    assert (status is None) == fits
    if status is not None:
        assert status.reasons == ("node(s) were unschedulable",)
        assert status.code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE


@pytest.mark.parametrize(
    ("wanted", "fits"),
    [
        (None, True),
        ("node-1", True),
        ("node-2", False),
    ],
    ids=["no-node-name", "same-node", "other-node"],
)
def test_node_name_filter(wanted: str | None, fits: bool) -> None:
    pod = PodInfo(make_pod(node_name=wanted))
    status = nodename.NodeName().filter(
        CycleState(), pod, node_info(make_node("node-1"))
    )
    assert (status is None) == fits
    if status is not None:
        assert status.reasons == ("node(s) didn't match the requested node name",)
