"""PodTopologySpread: Filter (DoNotSchedule) and Score (ScheduleAnyway),
with the system default constraints.

Scenarios follow ``podtopologyspread/filtering_test.go`` and
``scoring_test.go``: four nodes, node-a and node-b in zone1, node-x and
node-y in zone2, pods labelled ``foo``. Scores are worked out from v1.35's
formula in the comments.
"""

from __future__ import annotations

from typing import Any

import pytest

from .builders import make_node, make_pod, taint
from .plugin_harness import filter_all, score_all

Obj = dict[str, Any]
NAME = "PodTopologySpread"
SKEWED = "node(s) didn't match pod topology spread constraints"
NO_LABEL = SKEWED + " (missing required label)"
ZONE, HOST = "topology.kubernetes.io/zone", "kubernetes.io/hostname"
FOO = {"matchExpressions": [{"key": "foo", "operator": "Exists"}]}


def constraint(
    key: str,
    skew: int = 1,
    when: str = "DoNotSchedule",
    selector: Obj | None = FOO,
    **more: Any,
) -> Obj:
    return {
        "maxSkew": skew,
        "topologyKey": key,
        "whenUnsatisfiable": when,
        "labelSelector": selector,
        **more,
    }


def spread(
    *constraints: Obj, labels: dict[str, str] | None = None, extra: Obj | None = None
) -> Obj:
    return make_pod(
        "p",
        labels={"foo": ""} if labels is None else labels,
        spec={"topologySpreadConstraints": list(constraints), **(extra or {})},
    )


def nodes(
    without_zone: str = "", taints: dict[str, list[Obj]] | None = None
) -> list[Obj]:
    zones = {"node-a": "zone1", "node-b": "zone1", "node-x": "zone2", "node-y": "zone2"}
    return [
        make_node(
            n,
            labels={} if n == without_zone else {ZONE: z},
            taints=(taints or {}).get(n),
        )
        for n, z in zones.items()
    ]


def on(
    node: str,
    count: int,
    namespace: str = "default",
    terminating: bool = False,
    labels: dict[str, str] | None = None,
) -> list[Obj]:
    pods = []
    for i in range(count):
        pod = make_pod(
            f"{node}-{i}",
            node_name=node,
            namespace=namespace,
            labels={"foo": ""} if labels is None else labels,
        )
        if terminating:
            pod["metadata"]["deletionTimestamp"] = "2026-01-05T09:00:00Z"
        pods.append(pod)
    return pods


ALL_FIT = {"node-a": None, "node-b": None, "node-x": None, "node-y": None}
ZONE1_FAILS = {"node-a": SKEWED, "node-b": SKEWED, "node-x": None, "node-y": None}


@pytest.mark.parametrize(
    ("pod", "existing", "node_list", "expected"),
    [
        (spread(constraint(ZONE)), [], nodes(), ALL_FIT),
        # zone1 holds 3, zone2 1: 3 + 1 - 1 = 3 > 1 in zone1; 1 + 1 - 1 = 1 in zone2.
        (
            spread(constraint(ZONE)),
            on("node-a", 2) + on("node-b", 1) + on("node-x", 1),
            nodes(),
            ZONE1_FAILS,
        ),
        (
            spread(constraint(ZONE)),
            on("node-a", 3, namespace="other") + on("node-x", 1),
            nodes(),
            {"node-a": None, "node-b": None, "node-x": SKEWED, "node-y": SKEWED},
        ),
        (spread(constraint(ZONE)), on("node-a", 3, terminating=True), nodes(), ALL_FIT),
        (
            spread(constraint(ZONE)),
            on("node-a", 3, labels={"bar": ""}),
            nodes(),
            ALL_FIT,
        ),
        # node-y has no zone label: it is not a domain, and cannot take the pod.
        (
            spread(constraint(ZONE)),
            on("node-a", 1),
            nodes(without_zone="node-y"),
            {"node-a": SKEWED, "node-b": SKEWED, "node-x": None, "node-y": NO_LABEL},
        ),
        # Fewer domains (2) than minDomains (3): the global minimum counts as 0.
        (
            spread(constraint(ZONE, minDomains=3)),
            on("node-a", 1) + on("node-x", 1),
            nodes(),
            {"node-a": SKEWED, "node-b": SKEWED, "node-x": SKEWED, "node-y": SKEWED},
        ),
        # Per host, one each on a, b, x: only node-y may take the next.
        (
            spread(constraint(HOST)),
            on("node-a", 1) + on("node-b", 1) + on("node-x", 1),
            nodes(),
            {"node-a": SKEWED, "node-b": SKEWED, "node-x": SKEWED, "node-y": None},
        ),
        # The pod does not match its own selector: no self-match.
        (spread(constraint(ZONE), labels={}), on("node-a", 1), nodes(), ALL_FIT),
        # Both constraints must hold: zone says zone2, host says not node-x.
        (
            spread(constraint(ZONE), constraint(HOST)),
            on("node-a", 1) + on("node-x", 1) + on("node-b", 1),
            nodes(),
            {"node-a": SKEWED, "node-b": SKEWED, "node-x": SKEWED, "node-y": None},
        ),
    ],
    ids=[
        "no-pods",
        "zone1-crowded",
        "other-namespace-ignored",
        "terminating-ignored",
        "selector-mismatch-ignored",
        "missing-zone-label",
        "min-domains",
        "hostname-constraint",
        "no-self-match",
        "two-constraints",
    ],
)
def test_filter(
    pod: Obj, existing: list[Obj], node_list: list[Obj], expected: dict[str, str | None]
) -> None:
    assert filter_all(NAME, pod, node_list, tuple(existing)) == expected


def test_node_affinity_policy_honor_leaves_out_nodes_the_pod_cannot_use() -> None:
    # The pod may only go to node-x; with Honor (the default) zone1's crowd
    # is not counted at all. (Keeping the pod off node-a is NodeAffinity's job.)
    selector = {"nodeSelector": {"disk": "ssd"}}
    node_list = [
        make_node("node-a", labels={ZONE: "zone1"}),
        make_node("node-x", labels={ZONE: "zone2", "disk": "ssd"}),
    ]
    existing = tuple(on("node-a", 3) + on("node-x", 1))
    assert filter_all(
        NAME, spread(constraint(ZONE), extra=selector), node_list, existing
    ) == {"node-a": None, "node-x": None}
    ignore = spread(constraint(ZONE, nodeAffinityPolicy="Ignore"), extra=selector)
    assert filter_all(NAME, ignore, node_list, existing) == {
        "node-a": SKEWED,
        "node-x": None,
    }


def test_node_taints_policy_honor_leaves_out_tainted_nodes() -> None:
    tainted = nodes(
        taints={"node-a": [taint("dedicated")], "node-b": [taint("dedicated")]}
    )
    existing = tuple(on("node-x", 2))
    # Ignore (default): zone1 is an empty domain, so zone2 (2 + 1 - 0) fails.
    assert filter_all(NAME, spread(constraint(ZONE)), tainted, existing) == {
        "node-a": None,
        "node-b": None,
        "node-x": SKEWED,
        "node-y": SKEWED,
    }
    honor = spread(constraint(ZONE, nodeTaintsPolicy="Honor"))
    assert filter_all(NAME, honor, tainted, existing) == ALL_FIT


def test_match_label_keys_narrow_the_selector_to_the_pods_revision() -> None:
    pod = spread(
        constraint(ZONE, matchLabelKeys=["rev"]), labels={"foo": "", "rev": "2"}
    )
    old = on("node-a", 3, labels={"foo": "", "rev": "1"})
    assert filter_all(NAME, pod, nodes(), tuple(old)) == ALL_FIT


def test_pods_without_hard_constraints_skip_the_filter() -> None:
    soft = spread(constraint(ZONE, when="ScheduleAnyway"))
    assert set(filter_all(NAME, soft, nodes()).values()) == {"skip"}


SOFT_HOST = constraint(HOST, when="ScheduleAnyway")


@pytest.mark.parametrize(
    ("pod", "existing", "feasible", "expected"),
    [
        # ln(4 + 2) = 1.79 per pod: a 2 pods -> 4, b 1 -> 2, x/y 0.
        # Normalized 100 * (max + min - raw) / max with max 4, min 0.
        (
            spread(SOFT_HOST),
            on("node-a", 2) + on("node-b", 1),
            None,
            {"node-a": 0, "node-b": 50, "node-x": 100, "node-y": 100},
        ),
        # maxSkew 3 adds 2 to every raw score: 6, 4, 2, 2 -> max 6, min 2.
        (
            spread(constraint(HOST, skew=3, when="ScheduleAnyway")),
            on("node-a", 2) + on("node-b", 1),
            None,
            {"node-a": 33, "node-b": 66, "node-x": 100, "node-y": 100},
        ),
        # Zones: 2 domains, ln 4 = 1.386; zone1 3 pods -> 4, zone2 1 -> 1.
        (
            spread(constraint(ZONE, when="ScheduleAnyway")),
            on("node-a", 2) + on("node-b", 1) + on("node-y", 1),
            None,
            {"node-a": 25, "node-b": 25, "node-x": 100, "node-y": 100},
        ),
        # Only b and x feasible: hostname weight ln(2 + 2); a's pods still count
        # nowhere (a is not scored); raw b 1.39 -> 1, x 0.
        (
            spread(SOFT_HOST),
            on("node-a", 3) + on("node-b", 1),
            ["node-b", "node-x"],
            {"node-b": 0, "node-x": 100},
        ),
        (spread(constraint(ZONE)), [], None, "skip"),
    ],
    ids=[
        "hostname",
        "hostname-max-skew-3",
        "zone",
        "some-nodes-feasible",
        "hard-constraints-do-not-score",
    ],
)
def test_score(
    pod: Obj, existing: list[Obj], feasible: list[str] | None, expected: Any
) -> None:
    assert score_all(NAME, pod, nodes(), tuple(existing), feasible=feasible) == expected


def test_nodes_missing_a_key_score_zero() -> None:
    pod = spread(constraint(ZONE, when="ScheduleAnyway"))
    result = score_all(NAME, pod, nodes(without_zone="node-y"), tuple(on("node-a", 1)))
    # zone1 1 pod -> raw round(1 * ln 4) = 1, zone2 0; node-y ignored -> 0.
    assert result == {"node-a": 0, "node-b": 0, "node-x": 100, "node-y": 0}


RS = {
    "apiVersion": "apps/v1",
    "kind": "ReplicaSet",
    "metadata": {"name": "web-1", "namespace": "default"},
    "spec": {"selector": {"matchLabels": {"app": "web"}}},
}
SERVICE = {
    "apiVersion": "v1",
    "kind": "Service",
    "metadata": {"name": "web", "namespace": "default"},
    "spec": {"selector": {"app": "web"}},
}


def owned(name: str, node: str | None = None) -> Obj:
    pod = make_pod(name, labels={"app": "web"}, node_name=node)
    pod["metadata"]["ownerReferences"] = [
        {
            "apiVersion": "apps/v1",
            "kind": "ReplicaSet",
            "name": "web-1",
            "controller": True,
        }
    ]
    return pod


def test_system_defaults_spread_pods_of_a_replica_set() -> None:
    existing = (owned("w0", "node-a"), owned("w1", "node-a"), owned("w2", "node-x"))
    result = score_all(NAME, owned("w3"), nodes(), existing, replicasets=[RS])
    # host (maxSkew 3): ln 6 per pod; zone (maxSkew 5): ln 4 per pod.
    # a: 2*1.79 + 2 + 2*1.39 + 4 = 12.36 -> 12; b: 0 + 2 + 2.77 + 4 -> 9;
    # x: 1.79 + 2 + 1.39 + 4 -> 9; y: 2 + 1.39 + 4 -> 7.
    assert result == {"node-a": 58, "node-b": 83, "node-x": 83, "node-y": 100}


def test_system_defaults_use_services_too_and_skip_unowned_pods() -> None:
    lone = make_pod("lone", labels={"app": "web"})
    assert score_all(NAME, lone, nodes()) == "skip"
    assert isinstance(score_all(NAME, lone, nodes(), services=[SERVICE]), dict)
    assert set(filter_all(NAME, owned("w"), nodes(), replicasets=[RS]).values()) == {
        "skip"
    }
