"""Label selectors as the scheduler evaluates them (apimachinery's
``labels.Requirement``, ``metav1.LabelSelectorAsSelector``)."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.scheduler.framework.labels import (
    SelectorError,
    label_selector,
    node_selector_requirements,
)

Obj = dict[str, Any]


def expr(key: str, op: str, *values: str) -> Obj:
    return {"key": key, "operator": op, "values": list(values)}


@pytest.mark.parametrize(
    ("selector", "labels", "matches"),
    [
        (None, {"a": "b"}, False),
        ({}, {"a": "b"}, True),
        ({"matchLabels": {"a": "b"}}, {"a": "b", "c": "d"}, True),
        ({"matchLabels": {"a": "b"}}, {"a": "x"}, False),
        ({"matchExpressions": [expr("a", "In", "b", "c")]}, {"a": "c"}, True),
        ({"matchExpressions": [expr("a", "NotIn", "b")]}, {}, True),
        ({"matchExpressions": [expr("a", "NotIn", "b")]}, {"a": "b"}, False),
        ({"matchExpressions": [{"key": "a", "operator": "Exists"}]}, {"a": ""}, True),
        (
            {"matchExpressions": [{"key": "a", "operator": "DoesNotExist"}]},
            {"a": ""},
            False,
        ),
        (
            {"matchLabels": {"a": "b"}, "matchExpressions": [expr("c", "In", "d")]},
            {"a": "b"},
            False,
        ),
    ],
    ids=[
        "nil-selects-nothing",
        "empty-selects-everything",
        "match-labels",
        "match-labels-differ",
        "in",
        "not-in-absent",
        "not-in-present",
        "exists",
        "does-not-exist",
        "labels-and-expressions",
    ],
)
def test_label_selector(
    selector: Obj | None, labels: dict[str, str], matches: bool
) -> None:
    assert label_selector(selector).matches(labels) is matches


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        (expr("a", "Gt", "1"), '"Gt" is not a valid label selector operator'),
        (expr("a", "In"), "for 'in', 'notin' operators, values set can't be empty"),
        (
            expr("a", "Exists", "x"),
            "values set must be empty for exists and does not exist",
        ),
    ],
    ids=["gt-in-pod-selector", "in-without-values", "exists-with-values"],
)
def test_label_selector_errors(expression: Obj, message: str) -> None:
    with pytest.raises(SelectorError, match=message):
        label_selector({"matchExpressions": [expression]})


@pytest.mark.parametrize(
    ("expression", "labels", "matches"),
    [
        (expr("v", "Gt", "5"), {"v": "6"}, True),
        (expr("v", "Gt", "5"), {"v": "5"}, False),
        (expr("v", "Lt", "5"), {"v": "-3"}, True),
        (expr("v", "Lt", "5"), {"v": "abc"}, False),
        (expr("v", "Lt", "5"), {}, False),
    ],
    ids=["gt", "gt-equal", "lt-negative", "lt-not-a-number", "lt-missing"],
)
def test_node_selector_numeric_operators(
    expression: Obj, labels: dict[str, str], matches: bool
) -> None:
    assert node_selector_requirements([expression]).matches(labels) is matches


def test_gt_needs_one_integer() -> None:
    with pytest.raises(SelectorError, match="exactly one value is required"):
        node_selector_requirements([expr("v", "Gt", "1", "2")])
    with pytest.raises(SelectorError, match="the value must be an integer"):
        node_selector_requirements([expr("v", "Gt", "x")])
