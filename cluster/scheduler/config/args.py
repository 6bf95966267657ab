"""Plugin args (``pluginConfig[].args``): their known fields and their v1
defaults (``pkg/scheduler/apis/config/v1/defaults.go``)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from cluster.scheduler.plugins import names

Obj = dict[str, Any]
CPU_AND_MEMORY = [{"name": "cpu", "weight": 1}, {"name": "memory", "weight": 1}]

FIELDS: dict[str, set[str]] = {
    names.DEFAULT_PREEMPTION: {
        "minCandidateNodesPercentage",
        "minCandidateNodesAbsolute",
    },
    names.INTER_POD_AFFINITY: {
        "hardPodAffinityWeight",
        "ignorePreferredTermsOfExistingPods",
    },
    names.NODE_AFFINITY: {"addedAffinity"},
    names.NODE_RESOURCES_BALANCED_ALLOCATION: {"resources"},
    names.NODE_RESOURCES_FIT: {
        "ignoredResources",
        "ignoredResourceGroups",
        "scoringStrategy",
    },
    names.POD_TOPOLOGY_SPREAD: {"defaultConstraints", "defaultingType"},
    names.VOLUME_BINDING: {"bindTimeoutSeconds", "shape"},
    names.DYNAMIC_RESOURCES: {"filterTimeout", "bindingTimeout"},
}


def has_args(name: str) -> bool:
    return name in FIELDS


def unknown_fields(name: str, args: Obj) -> list[str]:
    known = FIELDS.get(name)
    if known is None:
        return []
    return [k for k in args if k not in known | {"apiVersion", "kind"}]


def defaulted(name: str, args: Obj | None) -> Obj:
    """The args with v1's defaults filled in (a copy)."""
    out = copy.deepcopy(args or {})
    out.pop("apiVersion", None)
    out.pop("kind", None)
    _DEFAULTS.get(name, lambda a: None)(out)
    return out


def _preemption(args: Obj) -> None:
    args.setdefault("minCandidateNodesPercentage", 10)
    args.setdefault("minCandidateNodesAbsolute", 100)


def _inter_pod_affinity(args: Obj) -> None:
    args.setdefault("hardPodAffinityWeight", 1)


def _balanced(args: Obj) -> None:
    if not args.get("resources"):
        args["resources"] = copy.deepcopy(CPU_AND_MEMORY)
    for resource in args["resources"]:
        resource["weight"] = resource.get("weight") or 1


def _fit(args: Obj) -> None:
    strategy = args.get("scoringStrategy")
    if strategy is None:
        strategy = args["scoringStrategy"] = {"type": "LeastAllocated"}
    if not strategy.get("resources"):
        strategy["resources"] = copy.deepcopy(CPU_AND_MEMORY)
    for resource in strategy["resources"]:
        resource["weight"] = resource.get("weight") or 1


def _spread(args: Obj) -> None:
    args["defaultingType"] = args.get("defaultingType") or "System"


def _volume_binding(args: Obj) -> None:
    args.setdefault("bindTimeoutSeconds", 600)


_DEFAULTS: dict[str, Callable[[Obj], None]] = {
    names.DEFAULT_PREEMPTION: _preemption,
    names.INTER_POD_AFFINITY: _inter_pod_affinity,
    names.NODE_RESOURCES_BALANCED_ALLOCATION: _balanced,
    names.NODE_RESOURCES_FIT: _fit,
    names.POD_TOPOLOGY_SPREAD: _spread,
    names.VOLUME_BINDING: _volume_binding,
}
