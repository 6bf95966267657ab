"""The framework pieces: FitError's message, numFeasibleNodesToFind,
DefaultNormalizeScore, host selection and the default profile's expansion.

FitError cases are TestFitError_Error from ``framework/types_test.go``.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from cluster.scheduler.algorithm import num_feasible_nodes_to_find, select_host
from cluster.scheduler.cache import Cache
from cluster.scheduler.framework.fit_error import Diagnosis, FitError
from cluster.scheduler.framework.runtime import Framework, ScoreTable
from cluster.scheduler.framework.status import Status, unresolvable, unschedulable
from cluster.scheduler.handle import SchedulerHandle
from cluster.scheduler.plugins.helper import default_normalize_score
from cluster.scheduler.profile import PluginSpec, Profile, default_profile
from cluster.scheduler.registry import IN_TREE, NOT_YET_IMPLEMENTED

from .builders import make_node, node_info

F1 = "Node(s) failed Filter plugin FalseFilter-1"
F2 = "Node(s) failed Filter plugin FalseFilter-2"
PRE = "Node(s) failed PreFilter plugin FalsePreFilter"
POST = "Error running PostFilter plugin FailedPostFilter"


def diagnosis(
    statuses: dict[str, Status],
    pre: str = "",
    post: str = "",
    absent: Status | None = None,
) -> Diagnosis:
    return Diagnosis(
        node_to_status=statuses,
        pre_filter_msg=pre,
        post_filter_msg=post,
        absent_nodes_status=absent,
    )


def each(reason: str, *names: str) -> dict[str, Status]:
    return {name: unschedulable(reason) for name in names}


@pytest.mark.parametrize(
    ("nodes", "diag", "message"),
    [
        (
            3,
            diagnosis(each(PRE, "n1", "n2", "n3"), pre=PRE),
            f"0/3 nodes are available: {PRE}.",
        ),
        (
            3,
            diagnosis(each(PRE, "n1", "n2", "n3"), pre=PRE, post=POST),
            f"0/3 nodes are available: {PRE}. {POST}",
        ),
        (3, diagnosis(each(F1, "n1", "n2", "n3")), f"0/3 nodes are available: 3 {F1}."),
        (
            3,
            diagnosis(each(F1, "n1", "n2", "n3"), post=POST),
            f"0/3 nodes are available: 3 {F1}. {POST}",
        ),
        (
            3,
            diagnosis({**each(F1, "n1", "n2"), **each(F2, "n3")}),
            f"0/3 nodes are available: 1 {F2}, 2 {F1}.",
        ),
        (
            3,
            diagnosis({**each(F1, "n1", "n2"), **each(F2, "n3")}, post=POST),
            f"0/3 nodes are available: 1 {F2}, 2 {F1}. {POST}",
        ),
        (
            1,
            diagnosis(each("Node failed Permit plugin Permit-1", "n1")),
            "0/1 nodes are available: 1 Node failed Permit plugin Permit-1.",
        ),
        (
            4,
            diagnosis(
                {
                    "cp-1": unresolvable("node(s) had untolerated taint(s)"),
                    **each("Insufficient cpu", "node-1", "node-2", "node-3"),
                }
            ),
            "0/4 nodes are available: 1 node(s) had untolerated taint(s), "
            "3 Insufficient cpu.",
        ),
        (
            12,
            diagnosis(
                {
                    **each("Insufficient memory", *map(str, range(10))),
                    **each("Insufficient cpu", "a", "b"),
                }
            ),
            "0/12 nodes are available: 10 Insufficient memory, 2 Insufficient cpu.",
        ),
        (
            2,
            diagnosis(
                {
                    "n1": unschedulable("Insufficient cpu", "Insufficient memory"),
                    "n2": unschedulable("Insufficient cpu"),
                }
            ),
            "0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.",
        ),
        (
            3,
            diagnosis(each(F1, "n1"), absent=unresolvable("didn't satisfy X")),
            f"0/3 nodes are available: 1 {F1}, 2 didn't satisfy X.",
        ),
    ],
    ids=[
        "prefilter-failed",
        "prefilter-and-postfilter-failed",
        "one-filter",
        "one-filter-with-postfilter",
        "two-filters",
        "two-filters-with-postfilter",
        "permit-failed",
        "v135-taint-and-cpu",
        "sorted-as-strings-count-included",
        "every-reason-of-a-node-counts",
        "absent-nodes-share-a-status",
    ],
)
def test_fit_error_message(nodes: int, diag: Diagnosis, message: str) -> None:
    assert FitError("default/web", nodes, diag).message() == message


@pytest.mark.parametrize(
    ("nodes", "percentage", "expected"),
    [
        (0, None, 0),
        (50, None, 50),
        (99, None, 99),
        (100, None, 100),
        (500, None, 230),
        (1000, None, 420),
        (5000, None, 500),
        (6000, None, 300),
        (1000, 30, 300),
        (1000, 100, 1000),
        (1000, 5, 100),
        (150, 10, 100),
    ],
    ids=lambda v: str(v),
)
def test_num_feasible_nodes_to_find(
    nodes: int, percentage: int | None, expected: int
) -> None:
    assert num_feasible_nodes_to_find(percentage, nodes) == expected


@pytest.mark.parametrize(
    ("scores", "reverse", "expected"),
    [
        ([10, 5, 0], False, [100, 50, 0]),
        ([10, 5, 0], True, [0, 50, 100]),
        ([1, 2, 3], False, [33, 66, 100]),
        ([0, 0, 0], False, [0, 0, 0]),
        ([0, 0, 0], True, [100, 100, 100]),
        ([], True, []),
    ],
    ids=[
        "scaled",
        "reversed",
        "integer-division",
        "all-zero",
        "all-zero-reversed",
        "no-nodes",
    ],
)
def test_default_normalize_score(
    scores: list[int], reverse: bool, expected: list[int]
) -> None:
    default_normalize_score(100, reverse, scores)
    assert scores == expected


def table(*totals: int) -> ScoreTable:
    nodes = [node_info(make_node(f"n{i}")) for i in range(len(totals))]
    return ScoreTable(nodes, [], [], list(totals))


def test_select_host_takes_the_highest_total() -> None:
    assert select_host(table(5, 30, 10), random.Random(1)) == "n1"


def test_select_host_breaks_ties_uniformly_and_reproducibly() -> None:
    tied = table(5, 10, 10, 10, 3)
    picks = Counter(select_host(tied, random.Random(seed)) for seed in range(3000))
    assert set(picks) == {"n1", "n2", "n3"}
    assert all(850 < count < 1150 for count in picks.values())
    first, second = random.Random(7), random.Random(7)
    assert [select_host(tied, first) for _ in range(20)] == [
        select_host(tied, second) for _ in range(20)
    ]


def default_framework(profile: Profile | None = None) -> Framework:
    handle = SchedulerHandle(None, Cache())
    return Framework(profile or default_profile(), IN_TREE, handle, NOT_YET_IMPLEMENTED)


def names(plugins: list) -> list[str]:
    return [p.name for p in plugins]


def test_default_profile_expands_to_the_extension_points() -> None:
    fw = default_framework()
    # ExpandedPluginsV1, less the volume plugins and DynamicResources.
    assert names(fw.pre_enqueue) == ["SchedulingGates"]
    assert names(fw.queue_sort) == ["PrioritySort"]
    assert names(fw.pre_filter) == [
        "NodeAffinity",
        "NodePorts",
        "NodeResourcesFit",
        "PodTopologySpread",
        "InterPodAffinity",
    ]
    assert names(fw.filter) == [
        "NodeUnschedulable",
        "NodeName",
        "TaintToleration",
        "NodeAffinity",
        "NodePorts",
        "NodeResourcesFit",
        "PodTopologySpread",
        "InterPodAffinity",
    ]
    assert names(fw.post_filter) == ["DefaultPreemption"]
    assert names(fw.pre_score) == [
        "TaintToleration",
        "NodeAffinity",
        "NodeResourcesFit",
        "PodTopologySpread",
        "InterPodAffinity",
        "NodeResourcesBalancedAllocation",
    ]
    assert [(p.name, fw.weights[p.name]) for p in fw.score] == [
        ("TaintToleration", 3),
        ("NodeAffinity", 2),
        ("NodeResourcesFit", 1),
        ("PodTopologySpread", 2),
        ("InterPodAffinity", 2),
        ("NodeResourcesBalancedAllocation", 1),
        ("ImageLocality", 1),
    ]
    assert names(fw.bind) == ["DefaultBinder"]


def test_default_profile_lists_every_v135_plugin_with_its_weight() -> None:
    weights = {p.name: p.weight for p in default_profile().plugins if p.weight}
    assert weights == {
        "TaintToleration": 3,
        "NodeAffinity": 2,
        "NodeResourcesFit": 1,
        "PodTopologySpread": 2,
        "InterPodAffinity": 2,
        "NodeResourcesBalancedAllocation": 1,
        "ImageLocality": 1,
    }
    assert len(default_profile().plugins) == 19


@pytest.mark.parametrize(
    ("plugins", "error"),
    [
        (
            (
                PluginSpec("PrioritySort"),
                PluginSpec("Nope"),
                PluginSpec("DefaultBinder"),
            ),
            'PreFilterPlugin "Nope" does not exist',
        ),
        (
            (PluginSpec("PrioritySort"),),
            "at least one bind plugin is needed for profile with scheduler name "
            '"default-scheduler"',
        ),
        (
            (PluginSpec("DefaultBinder"),),
            "only one queue sort plugin required for profile with scheduler name "
            '"default-scheduler", but got 0',
        ),
    ],
    ids=["unknown-plugin", "no-binder", "no-queue-sort"],
)
def test_profile_errors(plugins: tuple, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        default_framework(Profile(plugins=plugins))
