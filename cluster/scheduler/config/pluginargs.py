"""Plugin args validation (``apis/config/validation/validation_pluginargs.go``).

Each validator takes the args' field path ("" when a plugin checks its own
args at construction) and returns field.Error lines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.scheduler.framework.labels import SelectorError
from cluster.scheduler.framework.nodeaffinity import NodeSelector, PreferredTerms
from cluster.scheduler.plugins import names

Obj = dict[str, Any]
Validator = Callable[[str, Obj], list[str]]
STRATEGY_TYPES = ("LeastAllocated", "MostAllocated", "RequestedToCapacityRatio")


def _p(path: str, child: str) -> str:
    return f"{path}.{child}" if path else child


def _invalid(path: str, value: Any, detail: str) -> str:
    from cluster.scheduler.config.validation import invalid

    return invalid(path, value, detail)


def aggregate(errors: list[str]) -> str:
    """utilerrors.Aggregate's Error(): one as is, several in brackets."""
    return errors[0] if len(errors) == 1 else "[" + ", ".join(errors) + "]"


def default_preemption(path: str, args: Obj) -> list[str]:
    percentage = int(args.get("minCandidateNodesPercentage", 0))
    absolute = int(args.get("minCandidateNodesAbsolute", 0))
    p_path = _p(path, "minCandidateNodesPercentage")
    a_path = _p(path, "minCandidateNodesAbsolute")
    errors = []
    if not 0 <= percentage <= 100:
        errors.append(_invalid(p_path, percentage, "not in valid range [0, 100]"))
    if absolute < 0:
        errors.append(_invalid(a_path, absolute, "not in valid range [0, inf)"))
    if percentage == 0 and absolute == 0:
        errors += [
            _invalid(
                p_path,
                0,
                "cannot be zero at the same time as minCandidateNodesAbsolute",
            ),
            _invalid(
                a_path,
                0,
                "cannot be zero at the same time as minCandidateNodesPercentage",
            ),
        ]
    return errors


def inter_pod_affinity(path: str, args: Obj) -> list[str]:
    weight = int(args.get("hardPodAffinityWeight", 0))
    if not 0 <= weight <= 100:
        return [
            _invalid(
                _p(path, "hardPodAffinityWeight"), weight, "not in valid range [0, 100]"
            )
        ]
    return []


def node_affinity(path: str, args: Obj) -> list[str]:
    added = args.get("addedAffinity") or {}
    required = added.get("requiredDuringSchedulingIgnoredDuringExecution")
    preferred = added.get("preferredDuringSchedulingIgnoredDuringExecution")
    try:
        problems = (NodeSelector(required).errors() if required else []) + (
            PreferredTerms(preferred).errors() if preferred else []
        )
    except SelectorError as err:
        problems = [str(err)]
    return problems


def balanced_allocation(path: str, args: Obj) -> list[str]:
    errors, seen = [], set()
    for i, resource in enumerate(args.get("resources") or []):
        where = _p(path, f"resources[{i}]")
        if resource.get("name") in seen:
            errors.append(f'{where}.name: Duplicate value: "{resource.get("name")}"')
        seen.add(resource.get("name"))
        if resource.get("weight") != 1:
            errors.append(
                _invalid(f"{where}.weight", resource.get("weight"), "must be 1")
            )
    return errors


def node_resources_fit(path: str, args: Obj) -> list[str]:
    strategy = args.get("scoringStrategy")
    if strategy is None:
        return []
    where = _p(path, "scoringStrategy")
    errors = []
    if strategy.get("type") not in STRATEGY_TYPES:
        supported = ", ".join(f'"{t}"' for t in STRATEGY_TYPES)
        errors.append(
            f'{where}.type: Unsupported value: "{strategy.get("type")}": '
            f"supported values: {supported}"
        )
    for i, resource in enumerate(strategy.get("resources") or []):
        weight = int(resource.get("weight") or 0)
        if not 0 < weight <= 100:
            errors.append(
                _invalid(
                    f"{where}.resources[{i}].weight",
                    weight,
                    f"resource weight of {resource.get('name')} "
                    "not in valid range (0, 100]",
                )
            )
    ratio = strategy.get("requestedToCapacityRatio")
    if ratio is not None or strategy.get("type") == "RequestedToCapacityRatio":
        errors += function_shape(f"{where}.shape", (ratio or {}).get("shape") or [])
    return errors


def function_shape(path: str, shape: list[Obj]) -> list[str]:
    if not shape:
        return [f"{path}: Required value: at least one point must be specified"]
    errors = []
    for i in range(1, len(shape)):
        if shape[i - 1].get("utilization", 0) >= shape[i].get("utilization", 0):
            errors.append(
                _invalid(
                    f"{path}[{i}].utilization",
                    shape[i].get("utilization"),
                    "values must be sorted in increasing order",
                )
            )
            break
    for i, point in enumerate(shape):
        if not 0 <= int(point.get("utilization", 0)) <= 100:
            errors.append(
                _invalid(
                    f"{path}[{i}].utilization",
                    point.get("utilization"),
                    "not in valid range [0, 100]",
                )
            )
        if not 0 <= int(point.get("score", 0)) <= 10:
            errors.append(
                _invalid(
                    f"{path}[{i}].score",
                    point.get("score"),
                    "not in valid range [0, 10]",
                )
            )
    return errors


def pod_topology_spread(path: str, args: Obj) -> list[str]:
    kind = args.get("defaultingType")
    constraints = args.get("defaultConstraints") or []
    where = _p(path, "defaultingType")
    if kind not in ("System", "List"):
        return [
            f'{where}: Unsupported value: "{kind}": supported values: "System", "List"'
        ]
    if kind == "System" and constraints:
        return [_invalid(where, kind, "when .defaultConstraints are not empty")]
    return []


VALIDATORS: dict[str, Validator] = {
    names.DEFAULT_PREEMPTION: default_preemption,
    names.INTER_POD_AFFINITY: inter_pod_affinity,
    names.NODE_AFFINITY: node_affinity,
    names.NODE_RESOURCES_BALANCED_ALLOCATION: balanced_allocation,
    names.POD_TOPOLOGY_SPREAD: pod_topology_spread,
    # NodeResourcesFit is missing on purpose: validation.go keys its validator
    # as "NodeResourcesFitArgs", so only the plugin checks its args, at start.
}
