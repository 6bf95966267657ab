"""One module per API kind, each giving its ``Strategy``; listed here by kind."""

from __future__ import annotations

from cluster.api.kinds import (
    daemonset,
    deployment,
    endpointslice,
    event,
    job,
    lease,
    namespace,
    node,
    pod,
    poddisruptionbudget,
    priorityclass,
    replicaset,
    resourcequota,
    service,
)
from cluster.api.strategy import Strategy

STRATEGIES: dict[str, Strategy] = {
    "Pod": pod.STRATEGY,
    "Node": node.STRATEGY,
    "Namespace": namespace.STRATEGY,
    "Event": event.STRATEGY,
    "Service": service.STRATEGY,
    "EndpointSlice": endpointslice.SLICE_STRATEGY,
    "Endpoints": endpointslice.ENDPOINTS_STRATEGY,
    "ResourceQuota": resourcequota.STRATEGY,
    "PriorityClass": priorityclass.STRATEGY,
    "Lease": lease.STRATEGY,
    "PodDisruptionBudget": poddisruptionbudget.STRATEGY,
    "Deployment": deployment.STRATEGY,
    "ReplicaSet": replicaset.STRATEGY,
    "DaemonSet": daemonset.STRATEGY,
    "Job": job.STRATEGY,
}
