"""NodeAffinity: nodeSelector, required and preferred node affinity.

Filter cases follow ``nodeaffinity/node_affinity_test.go`` (TestNodeAffinity),
scores TestNodeAffinityPriority; messages are the plugin's constants.
"""

from __future__ import annotations

from typing import Any

import pytest

from .builders import make_node, make_pod
from .plugin_harness import filter_all, score_all

Obj = dict[str, Any]
NAME = "NodeAffinity"
MISMATCH = "node(s) didn't match Pod's node affinity/selector"


def expr(key: str, op: str, *values: str) -> Obj:
    out: Obj = {"key": key, "operator": op}
    if values:
        out["values"] = list(values)
    return out


def required(*terms: list[Obj] | Obj) -> Obj:
    """Required node affinity: each term a list of expressions, or a dict."""
    built = [t if isinstance(t, dict) else {"matchExpressions": t} for t in terms]
    return {
        "affinity": {
            "nodeAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": {
                    "nodeSelectorTerms": built
                }
            }
        }
    }


def fields(*names: str) -> Obj:
    return {"matchFields": [expr("metadata.name", "In", *names)]}


@pytest.mark.parametrize(
    ("spec", "labels", "fits"),
    [
        ({"nodeSelector": {"foo": "bar"}}, {}, False),
        ({"nodeSelector": {"foo": "bar"}}, {"foo": "bar"}, True),
        ({"nodeSelector": {"foo": "bar"}}, {"foo": "bar", "baz": "blah"}, True),
        ({"nodeSelector": {"foo": "bar", "baz": "blah"}}, {"foo": "bar"}, False),
        (required([expr("foo", "In", "bar", "value2")]), {"foo": "bar"}, True),
        (
            required([expr("kernel-version", "Gt", "0204")]),
            {"kernel-version": "0206"},
            True,
        ),
        (
            required([expr("kernel-version", "Gt", "0204")]),
            {"kernel-version": "v6"},
            False,
        ),
        (
            required([expr("mem-type", "NotIn", "DDR", "DDR2")]),
            {"mem-type": "DDR3"},
            True,
        ),
        (required([expr("GPU", "Exists")]), {"GPU": "NVIDIA-GRID-K1"}, True),
        (required([expr("foo", "In", "value1", "value2")]), {"foo": "bar"}, False),
        (required(), {"foo": "bar"}, False),
        (required([]), {"foo": "bar"}, False),
        (
            required([expr("GPU", "Exists"), expr("GPU", "NotIn", "AMD", "INTER")]),
            {"GPU": "NVIDIA-GRID-K1"},
            True,
        ),
        (
            required([expr("GPU", "Exists"), expr("GPU", "In", "AMD", "INTER")]),
            {"GPU": "NVIDIA-GRID-K1"},
            False,
        ),
        (
            required(
                [expr("foo", "In", "bar", "value2")], [expr("diffkey", "In", "wrong")]
            ),
            {"foo": "bar"},
            True,
        ),
        (
            {**required([expr("foo", "Exists")]), "nodeSelector": {"foo": "bar"}},
            {"foo": "bar"},
            True,
        ),
        (
            {**required([expr("foo", "Exists")]), "nodeSelector": {"foo": "bar"}},
            {"foo": "barrrrrr"},
            False,
        ),
        (
            required([expr("foo", "Bogus", "bar")], [expr("foo", "Exists")]),
            {"foo": "bar"},
            True,
        ),
    ],
    ids=[
        "missing-labels",
        "same-labels",
        "node-labels-superset",
        "node-labels-subset",
        "in",
        "gt",
        "gt-not-a-number",
        "not-in",
        "exists",
        "in-no-match",
        "nil-terms",
        "empty-term-matches-nothing",
        "expressions-anded",
        "expressions-anded-no-match",
        "terms-ored",
        "selector-and-affinity",
        "selector-and-affinity-selector-fails",
        "unparsable-term-never-matches",
    ],
)
def test_filter(spec: Obj, labels: dict[str, str], fits: bool) -> None:
    result = filter_all(NAME, make_pod(spec=spec), [make_node("node-1", labels=labels)])
    assert result == {"node-1": None if fits else MISMATCH}


def test_pods_without_selector_or_affinity_skip_the_plugin() -> None:
    assert filter_all(NAME, make_pod(), [make_node()]) == {"node-1": "skip"}


def test_match_fields_on_the_node_name() -> None:
    nodes = [make_node("node-1"), make_node("node-2")]
    assert filter_all(NAME, make_pod(spec=required(fields("node-1"))), nodes) == {
        "node-1": None,
        "node-2": MISMATCH,
    }


def test_terms_pinning_no_node_conflict() -> None:
    spec = required(
        {
            "matchFields": [
                expr("metadata.name", "In", "node-1"),
                expr("metadata.name", "In", "node-2"),
            ]
        }
    )
    assert filter_all(NAME, make_pod(spec=spec), [make_node("node-1")]) == {
        "node-1": "PreFilter: pod affinity terms conflict"
    }


def test_pinned_names_narrow_the_candidates() -> None:
    from cluster.scheduler.framework.cycle_state import CycleState
    from cluster.scheduler.framework.types import PodInfo
    from cluster.scheduler.plugins.nodeaffinity import NodeAffinity

    pod = PodInfo(make_pod(spec=required(fields("node-1", "node-3"), fields("node-2"))))
    result, status = NodeAffinity({}).pre_filter(CycleState(), pod, [])
    assert status is None and result is not None
    assert result.node_names == {"node-1", "node-2", "node-3"}


def test_added_affinity_applies_to_every_pod() -> None:
    args = {
        "addedAffinity": {
            "requiredDuringSchedulingIgnoredDuringExecution": {
                "nodeSelectorTerms": [{"matchExpressions": [expr("zone", "In", "foo")]}]
            }
        }
    }
    nodes = [
        make_node("a", labels={"zone": "foo"}),
        make_node("b", labels={"zone": "bar"}),
    ]
    assert filter_all(NAME, make_pod(), nodes, args=args) == {
        "a": None,
        "b": "node(s) didn't match scheduler-enforced node affinity",
    }


def preferred(*terms: tuple[int, list[Obj]]) -> Obj:
    return {
        "affinity": {
            "nodeAffinity": {
                "preferredDuringSchedulingIgnoredDuringExecution": [
                    {"weight": w, "preference": {"matchExpressions": e}}
                    for w, e in terms
                ]
            }
        }
    }


LABEL1 = {"foo": "bar"}
LABEL2 = {"key": "value"}
LABEL5 = {"foo": "bar", "key": "value", "az": "az1"}
AFFINITY1 = preferred((2, [expr("foo", "In", "bar")]))
AFFINITY2 = preferred(
    (2, [expr("foo", "In", "bar")]),
    (4, [expr("key", "In", "value")]),
    (
        5,
        [expr("foo", "In", "bar"), expr("key", "In", "value"), expr("az", "In", "az1")],
    ),
)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ({}, "skip"),
        (preferred((2, [expr("foo", "In", "nope")])), {"m1": 0, "m2": 0, "m3": 0}),
        (AFFINITY1, {"m1": 100, "m2": 0, "m3": 0}),
        (AFFINITY2, {"m1": 18, "m5": 100, "m2": 36}),
    ],
    ids=["no-preferences", "no-node-matches", "one-node-matches", "weights-summed"],
)
def test_score(spec: Obj, expected: Any) -> None:
    labels = {"m1": LABEL1, "m2": LABEL2, "m3": {"az": "az1"}}
    if "m5" in (expected if isinstance(expected, dict) else {}):
        labels = {"m1": LABEL1, "m5": LABEL5, "m2": LABEL2}
    nodes = [make_node(n, labels=lab) for n, lab in labels.items()]
    assert score_all(NAME, make_pod(spec=spec), nodes) == expected
