"""DefaultPreemption: victims per node, the candidate picked, and the whole
story through the API server (``default_preemption_test.go``,
``preemption_test.go``: TestSelectNodesForPreemption, TestPickOneNodeForPreemption,
TestPodEligibleToPreemptOthers, TestDryRunPreemption)."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.status import unresolvable
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.plugins.defaultpreemption import (
    DefaultPreemption,
    split_by_pdb,
)
from cluster.scheduler.preemption.candidates import Candidate, pick_one
from cluster.scheduler.profile import default_profile
from cluster.scheduler.scheduler import Scheduler

from .builders import make_node, make_pod
from .conftest import ControlPlane
from .plugin_harness import handle_for

Obj = dict[str, Any]


def victim(
    name: str,
    priority: int,
    cpu: str = "1",
    node: str = "node-1",
    start: str = "2026-01-05T09:00:00Z",
    labels: dict[str, str] | None = None,
) -> Obj:
    pod = make_pod(name, cpu=cpu, priority=priority, node_name=node, labels=labels)
    pod["status"] = {"startTime": start}
    return pod


def select_victims(
    pod: Obj, nodes: list[Obj], pods: tuple[Obj, ...], pdbs: list[Obj] | None = None
) -> dict[str, Any]:
    """Node -> ([victim names], PDB violations) or the node's status."""
    sched_handle = handle_for(nodes, pods)
    from cluster.scheduler.framework.runtime import Framework
    from cluster.scheduler.registry import IN_TREE, NOT_YET_IMPLEMENTED

    fw = Framework(default_profile(), IN_TREE, sched_handle, NOT_YET_IMPLEMENTED)
    plugin: DefaultPreemption = fw.plugins["DefaultPreemption"]  # type: ignore[assignment]
    info, state = PodInfo(pod), CycleState()
    fw.run_pre_filter(state, info, sched_handle.node_infos())
    found: dict[str, Any] = {}
    for node in sched_handle.node_infos():
        victims, violations, status = plugin.select_victims_on_node(
            state.clone(), info, node.clone(), pdbs or []
        )
        found[node.name] = (
            status.message() if status else ([v.name for v in victims], violations)
        )
    return found


@pytest.mark.parametrize(
    ("pod", "pods", "expected"),
    [
        # Both low pods must go: 2 cpu needed, 2 cpu held.
        (
            make_pod("p", cpu="2", priority=100),
            (victim("a", 0), victim("b", 0)),
            (["a", "b"], 0),
        ),
        # One is enough: the more important (higher priority) one stays.
        (
            make_pod("p", cpu="1", priority=100),
            (victim("a", 10), victim("b", 5)),
            (["b"], 0),
        ),
        # Same priority: the older pod is more important and stays.
        (
            make_pod("p", cpu="1", priority=100),
            (victim("old", 5, start="2026-01-05T08:00:00Z"), victim("new", 5)),
            (["new"], 0),
        ),
        # Equal or higher priority pods are never victims.
        (
            make_pod("p", cpu="1", priority=100),
            (victim("a", 100), victim("b", 200)),
            "No preemption victims found for incoming pod",
        ),
        # Even without every lower pod the pod does not fit: no help here.
        (
            make_pod("p", cpu="3", priority=100),
            (victim("a", 0), victim("b", 200)),
            "Insufficient cpu",
        ),
    ],
    ids=[
        "all-needed",
        "lowest-priority-goes",
        "youngest-goes",
        "none-lower",
        "removing-all-is-not-enough",
    ],
)
def test_select_victims_on_node(pod: Obj, pods: tuple[Obj, ...], expected: Any) -> None:
    node = make_node("node-1", cpu="2")
    assert select_victims(pod, [node], pods) == {"node-1": expected}


def pdb(min_available: int, allowed: int, app: str = "web") -> Obj:
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": {"name": f"pdb-{app}", "namespace": "default"},
        "spec": {
            "minAvailable": min_available,
            "selector": {"matchLabels": {"app": app}},
        },
        "status": {"disruptionsAllowed": allowed},
    }


def test_pdb_protected_pods_are_reprieved_first() -> None:
    web = {"app": "web"}
    pods = (victim("a", 0, labels=web), victim("b", 0))
    pod = make_pod("p", cpu="1", priority=100)
    # a is protected (no disruptions allowed): b goes, no violation.
    assert select_victims(pod, [make_node("node-1", cpu="2")], pods, [pdb(1, 0)]) == {
        "node-1": (["b"], 0)
    }
    # Both must go: a's eviction violates its budget.
    both = make_pod("p", cpu="2", priority=100)
    assert select_victims(both, [make_node("node-1", cpu="2")], pods, [pdb(1, 0)]) == {
        "node-1": (["a", "b"], 1)
    }


def test_split_by_pdb_counts_down_the_budget() -> None:
    web = {"app": "web"}
    pods = [PodInfo(victim(n, 0, labels=web)) for n in ("a", "b", "c")]
    violating, fine = split_by_pdb(pods, [pdb(1, 2)])
    assert ([p.name for p in violating], [p.name for p in fine]) == (["c"], ["a", "b"])


def cand(
    node: str,
    *priorities: int,
    violations: int = 0,
    start: str = "2026-01-05T09:00:00Z",
) -> Candidate:
    victims = [
        PodInfo(victim(f"{node}-{i}", p, start=start)) for i, p in enumerate(priorities)
    ]
    return Candidate(node, victims, violations)


@pytest.mark.parametrize(
    ("candidates", "picked"),
    [
        ([cand("a", 10, violations=1), cand("b", 100)], "b"),
        ([cand("a", 100), cand("b", 10)], "b"),
        ([cand("a", 10, 10), cand("b", 10, 5)], "b"),
        ([cand("a", 10, 1), cand("b", 10, 5)], "a"),
        ([cand("a", 10, 5), cand("b", 10, 5, -20)], "a"),
        (
            [
                cand("a", 10, start="2026-01-05T09:00:00Z"),
                cand("b", 10, start="2026-01-05T10:00:00Z"),
            ],
            "b",
        ),
        ([cand("a", 10), cand("b", 10)], "a"),
    ],
    ids=[
        "fewest-pdb-violations",
        "lowest-highest-priority",
        "smallest-sum",
        "smallest-sum-same-count",
        "fewest-victims",
        "latest-start",
        "first",
    ],
)
def test_pick_one_node_for_preemption(candidates: list[Candidate], picked: str) -> None:
    best = pick_one(candidates)
    assert best is not None and best.node_name == picked


# -- end to end, through the API server ------------------------------------------


def priority_class(cp: ControlPlane, name: str, value: int, **more: Any) -> None:
    cp.api.create(
        {
            "apiVersion": "scheduling.k8s.io/v1",
            "kind": "PriorityClass",
            "metadata": {"name": name},
            "value": value,
            **more,
        },
        actor="kubectl",
    )


def setup(cp: ControlPlane, nodes: int = 1) -> Scheduler:
    for i in range(1, nodes + 1):
        cp.api.create(make_node(f"node-{i}", cpu="2"), actor="test")
    scheduler = Scheduler(cp.api, cp.clock, cp.stream)
    scheduler.start()
    priority_class(cp, "high", 1000)
    return scheduler


def events(cp: ControlPlane, reason: str) -> list[str]:
    return [e["message"] for e in cp.api.list("events") if e["reason"] == reason]


def high(name: str = "urgent", cpu: str = "2", **spec: Any) -> Obj:
    return make_pod(name, cpu=cpu, spec={"priorityClassName": "high", **spec})


def test_a_high_priority_pod_preempts_and_waits_for_its_victims(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    setup(cp)
    cp.api.create(make_pod("low", cpu="2"), actor="kubectl")
    cp.clock.run_until(1)
    urgent = cp.api.create(high(), actor="kubectl")
    cp.clock.run_until(2)
    low = cp.api.get("pods", "low")
    assert low["metadata"].get("deletionTimestamp")
    target = next(
        c for c in low["status"]["conditions"] if c["type"] == "DisruptionTarget"
    )
    assert (target["status"], target["reason"], target["message"]) == (
        "True",
        "PreemptionByScheduler",
        "default-scheduler: preempting to accommodate a higher priority pod",
    )
    assert events(cp, "Preempted") == [
        f"Preempted by pod {urgent['metadata']['uid']} on node node-1"
    ]
    pod = cp.api.get("pods", "urgent")
    assert pod["status"]["nominatedNodeName"] == "node-1"
    assert pod["spec"].get("nodeName") is None
    assert events(cp, "FailedScheduling") == [
        "0/1 nodes are available: 1 Insufficient cpu."
    ]
    # The kubelet finishes the victim; the nominated pod takes its place.
    cp.api.delete("pods", "low", actor="kubelet", grace_period_seconds=0)
    cp.clock.run_until(3)
    bound = cp.api.get("pods", "urgent")
    assert bound["spec"]["nodeName"] == "node-1"
    assert "nominatedNodeName" not in bound["status"]


def test_nominated_room_is_not_taken_by_a_lower_priority_pod(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    setup(cp)
    cp.api.create(make_pod("low", cpu="2"), actor="kubectl")
    cp.clock.run_until(1)
    cp.api.create(high(), actor="kubectl")
    cp.clock.run_until(2)
    cp.api.create(make_pod("sneaky", cpu="1"), actor="kubectl")
    cp.api.delete("pods", "low", actor="kubelet", grace_period_seconds=0)
    cp.clock.run_until(5)
    assert cp.api.get("pods", "urgent")["spec"]["nodeName"] == "node-1"
    assert cp.api.get("pods", "sneaky")["spec"].get("nodeName") is None


def test_without_lower_priority_pods_preemption_says_why(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    setup(cp, nodes=2)
    cp.api.create(high("big", cpu="3"), actor="kubectl")
    cp.clock.run_until(1)
    assert events(cp, "FailedScheduling") == [
        "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are "
        "available: 2 No preemption victims found for incoming pod."
    ]


def test_preemption_policy_never(control_plane: ControlPlane) -> None:
    cp = control_plane
    setup(cp)
    priority_class(cp, "polite", 1000, preemptionPolicy="Never")
    cp.api.create(make_pod("low", cpu="2"), actor="kubectl")
    cp.clock.run_until(1)
    cp.api.create(
        make_pod("p", cpu="2", spec={"priorityClassName": "polite"}), actor="kubectl"
    )
    cp.clock.run_until(2)
    assert events(cp, "FailedScheduling") == [
        "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due "
        "to preemptionPolicy=Never."
    ]
    assert not cp.api.get("pods", "low")["metadata"].get("deletionTimestamp")


def test_the_fewest_victims_node_is_chosen(control_plane: ControlPlane) -> None:
    cp = control_plane
    setup(cp, nodes=2)
    for name, node, cpu in (
        ("a1", "node-1", "1"),
        ("a2", "node-1", "1"),
        ("b1", "node-2", "2"),
    ):
        cp.api.create(make_pod(name, cpu=cpu, node_name=node), actor="kubectl")
    cp.clock.run_until(1)
    cp.api.create(high(), actor="kubectl")
    cp.clock.run_until(2)
    assert cp.api.get("pods", "urgent")["status"]["nominatedNodeName"] == "node-2"
    assert [
        p["metadata"]["name"]
        for p in cp.api.list("pods")
        if p["metadata"].get("deletionTimestamp")
    ] == ["b1"]


def test_eligibility_waits_for_terminating_victims() -> None:
    handle = handle_for([make_node("node-1")], ())
    plugin = DefaultPreemption({}, handle)
    terminating = victim("v", 0)
    terminating["metadata"]["deletionTimestamp"] = "2026-01-05T09:00:30Z"
    terminating["status"]["conditions"] = [
        {
            "type": "DisruptionTarget",
            "status": "True",
            "reason": "PreemptionByScheduler",
        }
    ]
    handle.cache.add_pod(PodInfo(terminating))
    pod = make_pod("p", priority=100)
    pod["status"] = {"nominatedNodeName": "node-1"}
    ok, message = plugin.eligible_to_preempt_others(PodInfo(pod), None)
    assert (ok, message) == (
        False,
        "not eligible due to a terminating pod on the nominated node.",
    )
    # Unless the nominated node cannot take the pod anyway.
    assert plugin.eligible_to_preempt_others(PodInfo(pod), unresolvable("x"))[0]


def test_candidate_count_share_and_floor() -> None:
    plugin = DefaultPreemption({}, handle_for([], ()))
    assert [plugin.num_candidates(n) for n in (5, 100, 1000, 5000)] == [
        5,
        100,
        100,
        500,
    ]


def test_priority_class_names_resolve_on_create(control_plane: ControlPlane) -> None:
    cp = control_plane
    priority_class(cp, "high", 1000)
    created = cp.api.create(high(), actor="kubectl")
    assert created["spec"]["priority"] == 1000
    from cluster.api.errors import StatusError

    with pytest.raises(StatusError) as raised:
        cp.api.create(make_pod("x", spec={"priorityClassName": "foo"}), actor="kubectl")
    assert raised.value.message == (
        'pods "x" is forbidden: no PriorityClass with name foo was found'
    )
