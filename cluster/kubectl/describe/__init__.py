"""``kubectl describe`` output per kind. To add a kind, add a describer to
``DESCRIBERS``: a function of (api, object, now) returning the text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from cluster.kubectl.describe.namespace import describe_namespace
from cluster.kubectl.describe.node import describe_node
from cluster.kubectl.describe.pod import describe_pod
from cluster.kubectl.describe.policy import (
    describe_pdb,
    describe_priorityclass,
    describe_quota,
)
from cluster.kubectl.describe.service import (
    describe_endpoints,
    describe_endpointslice,
    describe_service,
)
from cluster.kubectl.describe.workloads import (
    describe_daemonset,
    describe_deployment,
    describe_job,
    describe_replicaset,
)

Obj = dict[str, Any]
Describer = Callable[[Any, Obj, datetime], str]

DESCRIBERS: dict[str, Describer] = {
    "Pod": describe_pod,
    "Node": describe_node,
    "Namespace": describe_namespace,
    "Deployment": describe_deployment,
    "ReplicaSet": describe_replicaset,
    "DaemonSet": describe_daemonset,
    "Job": describe_job,
    "Service": describe_service,
    "Endpoints": describe_endpoints,
    "EndpointSlice": describe_endpointslice,
    "ResourceQuota": describe_quota,
    "PodDisruptionBudget": describe_pdb,
    "PriorityClass": describe_priorityclass,
}


def describer_for(kind: str) -> Describer | None:
    return DESCRIBERS.get(kind)


__all__ = [
    "DESCRIBERS",
    "describe_namespace",
    "describe_node",
    "describe_pod",
    "describer_for",
]
