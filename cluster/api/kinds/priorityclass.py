"""PriorityClasses (scheduling.k8s.io/v1); the built-in ``system-`` classes."""

from __future__ import annotations

from typing import Any

from cluster.api import names
from cluster.api.errors import FieldError
from cluster.api.strategy import Strategy
from cluster.api.validation import validate_metadata

Obj = dict[str, Any]
SYSTEM_CLASSES = (
    (
        "system-cluster-critical",
        2000000000,
        "Used for system critical pods that must run in the cluster, "
        "but can be moved to another node if necessary.",
    ),
    (
        "system-node-critical",
        2000001000,
        "Used for system critical pods that must not be moved from their current node.",
    ),
)


def default(pc: Obj) -> None:
    pc.setdefault("preemptionPolicy", "PreemptLowerPriority")


def validate(pc: Obj) -> list[FieldError]:
    return validate_metadata(pc, names.dns1123_subdomain, namespaced=False)


def system_classes() -> list[Obj]:
    """The classes kube-apiserver creates at start (``SystemPriorityClasses``)."""
    return [
        {
            "apiVersion": "scheduling.k8s.io/v1",
            "kind": "PriorityClass",
            "metadata": {"name": name},
            "value": value,
            "description": description,
        }
        for name, value, description in SYSTEM_CLASSES
    ]


STRATEGY = Strategy(default=default, validate=validate)
