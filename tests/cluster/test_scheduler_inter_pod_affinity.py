"""InterPodAffinity: required and preferred affinity and anti-affinity.

Scenarios follow ``interpodaffinity/filtering_test.go`` (TestRequiredAffinity
SingleNode/MultipleNodes) and ``scoring_test.go`` (TestPreferredAffinity,
TestPreferredAffinityWithHardPodAffinitySymmetricWeight): nodes in regions
and zones, pods labelled service=securityscan and the like.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from .builders import make_node, make_pod
from .plugin_harness import filter_all, score_all

Obj = dict[str, Any]
NAME = "InterPodAffinity"
AFFINITY = "node(s) didn't match pod affinity rules"
ANTI = "node(s) didn't match pod anti-affinity rules"
EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules"
SEC = {"service": "securityscan"}
REGION, ZONE = "region", "zone"


def term(key: str, labels: dict[str, str] | None = None, **more: Any) -> Obj:
    selector = {
        "matchExpressions": [
            {"key": k, "operator": "In", "values": [v]}
            for k, v in (labels or SEC).items()
        ]
    }
    return {"labelSelector": selector, "topologyKey": key, **more}


def affinity(
    required: Sequence[Obj] = (),
    anti: Sequence[Obj] = (),
    preferred: Sequence[tuple[int, Obj]] = (),
    anti_preferred: Sequence[tuple[int, Obj]] = (),
) -> Obj:
    out: Obj = {}
    if required or preferred:
        out["podAffinity"] = _section(required, preferred)
    if anti or anti_preferred:
        out["podAntiAffinity"] = _section(anti, anti_preferred)
    return {"affinity": out}


def _section(required: Sequence[Obj], preferred: Sequence[tuple[int, Obj]]) -> Obj:
    section: Obj = {}
    if required:
        section["requiredDuringSchedulingIgnoredDuringExecution"] = list(required)
    if preferred:
        section["preferredDuringSchedulingIgnoredDuringExecution"] = [
            {"weight": w, "podAffinityTerm": t} for w, t in preferred
        ]
    return section


def pod(
    name: str = "p",
    labels: dict[str, str] | None = None,
    node: str | None = None,
    spec: Obj | None = None,
    namespace: str = "default",
) -> Obj:
    return make_pod(name, labels=labels, node_name=node, spec=spec, namespace=namespace)


def region_nodes() -> list[Obj]:
    return [
        make_node("m1", labels={REGION: "r1", ZONE: "z11"}),
        make_node("m2", labels={REGION: "r1", ZONE: "z12"}),
        make_node("m3", labels={REGION: "r2", ZONE: "z21"}),
    ]


@pytest.mark.parametrize(
    ("incoming", "existing", "expected"),
    [
        # Affinity to service=securityscan in the same region: m1, m2.
        (
            pod(spec=affinity([term(REGION)])),
            [pod("s", SEC, "m1")],
            {"m1": None, "m2": None, "m3": AFFINITY},
        ),
        # No such pod anywhere, and the pod does not match itself: nowhere.
        (
            pod(spec=affinity([term(REGION)])),
            [],
            {"m1": AFFINITY, "m2": AFFINITY, "m3": AFFINITY},
        ),
        # The first of a group with affinity to itself may go anywhere.
        (
            pod(labels=SEC, spec=affinity([term(REGION)])),
            [],
            {"m1": None, "m2": None, "m3": None},
        ),
        # ... but not to a node lacking the topology key.
        (
            pod(labels=SEC, spec=affinity([term("rack")])),
            [],
            {"m1": AFFINITY, "m2": AFFINITY, "m3": AFFINITY},
        ),
        # A matching pod in another namespace does not count by default...
        (
            pod(spec=affinity([term(REGION)])),
            [pod("s", SEC, "m1", namespace="other")],
            {"m1": AFFINITY, "m2": AFFINITY, "m3": AFFINITY},
        ),
        # ... unless the term names that namespace.
        (
            pod(spec=affinity([term(REGION, namespaces=["other"])])),
            [pod("s", SEC, "m1", namespace="other")],
            {"m1": None, "m2": None, "m3": AFFINITY},
        ),
        # Anti-affinity per zone: keep out of z11 only.
        (
            pod(spec=affinity(anti=[term(ZONE)])),
            [pod("s", SEC, "m1")],
            {"m1": ANTI, "m2": None, "m3": None},
        ),
        # Anti-affinity per region: r1 is out.
        (
            pod(spec=affinity(anti=[term(REGION)])),
            [pod("s", SEC, "m1")],
            {"m1": ANTI, "m2": ANTI, "m3": None},
        ),
        # The existing pod's anti-affinity keeps the incoming one out of its zone.
        (
            pod(labels=SEC),
            [pod("s", {"x": "y"}, "m2", spec=affinity(anti=[term(ZONE)]))],
            {"m1": None, "m2": EXISTING, "m3": None},
        ),
        # Affinity and anti-affinity together: same region, other zone.
        (
            pod(spec=affinity([term(REGION)], anti=[term(ZONE)])),
            [pod("s", SEC, "m1")],
            {"m1": ANTI, "m2": None, "m3": AFFINITY},
        ),
        # Both affinity terms must match the same pod.
        (
            pod(spec=affinity([term(REGION), term(REGION, {"tier": "db"})])),
            [pod("s", SEC, "m1"), pod("d", {"tier": "db"}, "m2")],
            {"m1": AFFINITY, "m2": AFFINITY, "m3": AFFINITY},
        ),
    ],
    ids=[
        "affinity-same-region",
        "affinity-nothing-matches",
        "self-affinity-first-pod",
        "self-affinity-needs-topology-key",
        "other-namespace",
        "named-namespace",
        "anti-affinity-zone",
        "anti-affinity-region",
        "existing-anti-affinity",
        "affinity-and-anti-affinity",
        "all-terms-one-pod",
    ],
)
def test_filter(
    incoming: Obj, existing: list[Obj], expected: dict[str, str | None]
) -> None:
    assert filter_all(NAME, incoming, region_nodes(), tuple(existing)) == expected


def test_pods_without_required_terms_and_no_anti_affinity_around_skip() -> None:
    assert set(filter_all(NAME, pod(), region_nodes()).values()) == {"skip"}


def test_namespace_selector_picks_namespaces_by_label() -> None:
    prod = {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": "prod", "labels": {"env": "prod"}},
    }
    spec = affinity([term(REGION, namespaceSelector={"matchLabels": {"env": "prod"}})])
    existing = (pod("s", SEC, "m3", namespace="prod"),)
    assert filter_all(
        NAME, pod(spec=spec), region_nodes(), existing, namespaces=[prod]
    ) == {"m1": AFFINITY, "m2": AFFINITY, "m3": None}


def test_an_unparsable_selector_is_unresolvable() -> None:
    bad = {
        "labelSelector": {
            "matchExpressions": [{"key": "a", "operator": "Bogus", "values": ["b"]}]
        },
        "topologyKey": ZONE,
    }
    result = filter_all(NAME, pod(spec=affinity([bad])), region_nodes())
    assert result["m1"] == (
        'PreFilter: parsing pod: "Bogus" is not a valid label selector operator'
    )


@pytest.mark.parametrize(
    ("incoming", "existing", "expected"),
    [
        (pod(), [pod("s", SEC, "m1")], "skip"),
        # Preferred affinity (weight 5) to securityscan per region: r1 nodes 5.
        (
            pod(spec=affinity(preferred=[(5, term(REGION))])),
            [pod("s", SEC, "m1")],
            {"m1": 100, "m2": 100, "m3": 0},
        ),
        # The pod in z11 matches both terms: m1 5 + 5, m2 5 (region), m3 0.
        (
            pod(spec=affinity(preferred=[(5, term(REGION)), (5, term(ZONE))])),
            [pod("s", SEC, "m1")],
            {"m1": 100, "m2": 50, "m3": 0},
        ),
        # Preferred anti-affinity: m1 -5, the others 0 -> 0, 100, 100.
        (
            pod(spec=affinity(anti_preferred=[(5, term(ZONE))])),
            [pod("s", SEC, "m1")],
            {"m1": 0, "m2": 100, "m3": 100},
        ),
        # An existing pod's required affinity term that matches the incoming pod
        # counts hardPodAffinityWeight (1) for its region.
        (
            pod(labels=SEC),
            [pod("s", {"x": "y"}, "m3", spec=affinity([term(REGION)]))],
            {"m1": 0, "m2": 0, "m3": 100},
        ),
        # An existing pod's preferred anti-affinity pushes the incoming pod away.
        (
            pod(labels=SEC),
            [
                pod(
                    "s",
                    {"x": "y"},
                    "m2",
                    spec=affinity(anti_preferred=[(10, term(REGION))]),
                )
            ],
            {"m1": 0, "m2": 0, "m3": 100},
        ),
    ],
    ids=[
        "no-terms-anywhere",
        "preferred-affinity",
        "two-terms",
        "preferred-anti",
        "hard-pod-affinity-weight",
        "existing-preferred-anti",
    ],
)
def test_score(incoming: Obj, existing: list[Obj], expected: Any) -> None:
    assert score_all(NAME, incoming, region_nodes(), tuple(existing)) == expected


def test_hard_pod_affinity_weight_zero_ignores_required_terms() -> None:
    existing = (pod("s", {"x": "y"}, "m3", spec=affinity([term(REGION)])),)
    assert (
        score_all(
            NAME,
            pod(labels=SEC),
            region_nodes(),
            existing,
            args={"hardPodAffinityWeight": 0},
        )
        == "skip"
    )


def test_scores_between_min_and_max_are_stretched_and_truncated() -> None:
    # m1: +5 +3 = 8, m2: +5, m3: 0 -> 100, 62 (62.5 truncated), 0.
    spec = affinity(preferred=[(5, term(REGION)), (3, term(ZONE))])
    result = score_all(NAME, pod(spec=spec), region_nodes(), (pod("s", SEC, "m1"),))
    assert result == {"m1": 100, "m2": 62, "m3": 0}
