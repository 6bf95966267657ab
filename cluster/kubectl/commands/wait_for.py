"""What ``kubectl wait --for=...`` waits for (``pkg/cmd/wait``: wait.go's
``conditionFuncFor``, condition.go and json.go of kubectl v1.35).

``delete``, ``create`` (both case-insensitive), ``condition=NAME[=VALUE]``
(VALUE defaults to ``true``; names and values compare case-folded; a
condition older than the object's generation does not count) and
``jsonpath={EXPR}[=VALUE]`` (no VALUE: any value found will do).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cluster.kubectl.errors import KubectlError, go_quote
from cluster.kubectl.gofmt import sprint
from cluster.kubectl.jsonpath.evaluate import ExecError, find_results
from cluster.kubectl.jsonpath.nodes import ListNode
from cluster.kubectl.jsonpath.parser import ParseError, parse
from cluster.kubectl.printers.templates import relaxed_jsonpath

Obj = dict[str, Any]
_JSONPATH_FORMAT = (
    "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 "
    "or --for=jsonpath='{.status.readyReplicas}'"
)
_JSONPATH_VALUE = (
    "jsonpath wait has to have a value after equal sign, like "
    "--for=jsonpath='{.status.readyReplicas}'=3"
)


@dataclass(frozen=True)
class WaitFor:
    """A parsed ``--for``: ``mode`` is delete, create, condition or jsonpath."""

    mode: str
    name: str = ""  # the condition type
    value: str = ""  # the condition status, or the jsonpath value ("" = any)
    path: ListNode | None = None

    def met(self, obj: Obj) -> bool:
        """Whether ``obj`` satisfies a condition or jsonpath wait."""
        if self.mode == "condition":
            return _condition_met(obj, self.name, self.value)
        if self.mode == "jsonpath" and self.path is not None:
            return _jsonpath_met(obj, self.path, self.value)
        return True


def parse_for(text: str) -> WaitFor:
    """``conditionFuncFor``: the wait, or kubectl's error for a bad ``--for``."""
    lowered = text.lower()
    if lowered in ("delete", "create"):
        return WaitFor(lowered)
    if text.startswith("condition="):
        name, equals, value = text[len("condition=") :].partition("=")
        return WaitFor("condition", name, value if equals else "true")
    if text.startswith("jsonpath="):
        return _jsonpath_wait(text[len("jsonpath=") :])
    raise KubectlError(f"unrecognized condition: {go_quote(text)}")


def _jsonpath_wait(text: str) -> WaitFor:
    parts = split_jsonpath_input(text)
    if len(parts) > 2:
        raise KubectlError(_JSONPATH_FORMAT)
    expression = relaxed_jsonpath(parts[0])
    value = ""
    if len(parts) == 2:
        value = parts[1].strip("'\"")
        if not value:
            raise KubectlError(_JSONPATH_VALUE)
    if not expression:
        raise KubectlError("jsonpath expression cannot be empty")
    try:
        return WaitFor("jsonpath", value=value, path=parse(expression))
    except ParseError as exc:
        raise KubectlError(str(exc)) from None


def split_jsonpath_input(text: str) -> list[str]:
    """Split on single ``=``; ``==`` stays inside (``splitJSONPathInput``)."""
    parts, current, i = [], "", 0
    while i < len(text):
        if text[i] == "=" and text[i + 1 : i + 2] == "=":
            current, i = current + "==", i + 2
        elif text[i] == "=":
            parts.append(current)
            current, i = "", i + 1
        else:
            current, i = current + text[i], i + 1
    return [*parts, current]


def _condition_met(obj: Obj, name: str, value: str) -> bool:
    """``checkCondition``: the first condition of that type decides."""
    for condition in (obj.get("status") or {}).get("conditions") or []:
        if not isinstance(condition, dict):
            return False
        kind, status = condition.get("type"), condition.get("status")
        if not isinstance(kind, str) or kind.casefold() != name.casefold():
            continue
        if not isinstance(status, str):
            continue
        if _stale(obj, condition):
            return False
        return status.casefold() == value.casefold()
    return False


def _stale(obj: Obj, condition: Obj) -> bool:
    """A condition observed at an older generation than the object's."""
    generation = (obj.get("metadata") or {}).get("generation")
    observed = condition.get("observedGeneration")
    if observed is None:
        observed = (obj.get("status") or {}).get("observedGeneration")
    return generation is not None and observed is not None and observed < generation


def _jsonpath_met(obj: Obj, path: ListNode, value: str) -> bool:
    """``JSONPathWait.checkCondition``: exactly one value, compared as text."""
    try:
        results = find_results(path, obj)
    except ExecError as exc:
        raise KubectlError(str(exc)) from None
    if not results or not results[0]:
        return False
    if len(results) > 1:
        raise KubectlError("given jsonpath expression matches more than one list")
    if len(results[0]) > 1:
        raise KubectlError("given jsonpath expression matches more than one value")
    if not value:
        return True
    found = results[0][0]
    if isinstance(found, dict | list):
        raise KubectlError(
            "jsonpath leads to a nested object or list which is not supported"
        )
    return sprint(found).strip() == value.strip()
