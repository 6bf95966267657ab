"""``metav1.LabelSelector`` matching: ``matchLabels`` and ``matchExpressions``,
and the JSON renderings field errors show of selectors and label maps."""

from __future__ import annotations

import json
from typing import Any

Obj = dict[str, Any]
OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")


def matches(selector: Obj | None, labels: dict[str, str] | None) -> bool:
    """Whether the selector selects these labels; an empty one selects all."""
    labels = labels or {}
    selector = selector or {}
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    return all(_expression(e, labels) for e in selector.get("matchExpressions") or [])


def selects(selector: Obj | None, obj: Obj) -> bool:
    """Whether a (non-nil) selector selects the object's labels."""
    if selector is None:
        return False
    return matches(selector, (obj.get("metadata") or {}).get("labels"))


def is_empty(selector: Obj | None) -> bool:
    selector = selector or {}
    return not selector.get("matchLabels") and not selector.get("matchExpressions")


def go_json(value: Any) -> str:
    """``json.Marshal`` of a struct-like value, fields in their given order."""
    return json.dumps(value, separators=(",", ":"))


def json_map(labels: dict[str, str] | None) -> str:
    """``json.Marshal`` of a map: keys sorted."""
    return json.dumps(dict(sorted((labels or {}).items())), separators=(",", ":"))


def json_selector(selector: Obj | None) -> str:
    """A LabelSelector as JSON: ``matchLabels`` then ``matchExpressions``."""
    selector = selector or {}
    out: Obj = {}
    if selector.get("matchLabels"):
        out["matchLabels"] = dict(sorted(selector["matchLabels"].items()))
    if selector.get("matchExpressions"):
        out["matchExpressions"] = [
            {k: e[k] for k in ("key", "operator", "values") if k in e}
            for e in selector["matchExpressions"]
        ]
    return go_json(out)


def format_selector(selector: Obj | None) -> str:
    """``metav1.FormatLabelSelector``: ``app=web,tier in (a,b)``, ``<none>``."""
    if selector is None:
        return "<none>"
    parts = [f"{k}={v}" for k, v in sorted((selector.get("matchLabels") or {}).items())]
    for expr in selector.get("matchExpressions") or []:
        parts.append(_format_expression(expr))
    return ",".join(parts) or "<none>"


def _expression(expr: Obj, labels: dict[str, str]) -> bool:
    key, operator = expr.get("key", ""), expr.get("operator")
    values = expr.get("values") or []
    if operator == "In":
        return labels.get(key) in values
    if operator == "NotIn":
        return labels.get(key) not in values
    if operator == "Exists":
        return key in labels
    if operator == "DoesNotExist":
        return key not in labels
    return False


def _format_expression(expr: Obj) -> str:
    key, operator = expr.get("key", ""), expr.get("operator")
    values = ",".join(sorted(expr.get("values") or []))
    if operator == "Exists":
        return key
    if operator == "DoesNotExist":
        return f"!{key}"
    return f"{key} {operator.lower() if operator else ''} ({values})"


def with_label(selector: Obj, key: str, value: str) -> Obj:
    """``CloneSelectorAndAddLabel``: the selector also requiring ``key=value``."""
    clone = {k: v for k, v in selector.items() if k != "matchLabels"}
    clone["matchLabels"] = {**(selector.get("matchLabels") or {}), key: value}
    return clone
