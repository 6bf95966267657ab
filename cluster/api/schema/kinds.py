"""The field tree of each kind the API server serves, by kind name."""

from __future__ import annotations

from cluster.api.schema.core import (
    LABEL_SELECTOR,
    NODE_SPEC,
    OBJECT_META,
    POD_SPEC,
    POD_TEMPLATE,
    SERVICE_SPEC,
    Tree,
    fields,
)

_ROLLING = fields("maxUnavailable maxSurge")


def _kind(spec: Tree | None = None, names: str = "") -> Tree:
    """apiVersion, kind, metadata, status (not checked), spec and ``names``."""
    tree = fields(f"apiVersion kind status {names}", metadata=OBJECT_META)
    if spec is not None:
        tree["spec"] = spec
    return tree


KINDS: dict[str, Tree] = {
    "Pod": _kind(POD_SPEC),
    "Node": _kind(NODE_SPEC),
    "Namespace": _kind(fields("finalizers")),
    "Service": _kind(SERVICE_SPEC),
    "Deployment": _kind(
        fields(
            "replicas minReadySeconds revisionHistoryLimit paused "
            "progressDeadlineSeconds",
            selector=LABEL_SELECTOR,
            template=POD_TEMPLATE,
            strategy=fields("type", rollingUpdate=_ROLLING),
        )
    ),
    "ReplicaSet": _kind(
        fields(
            "replicas minReadySeconds",
            selector=LABEL_SELECTOR,
            template=POD_TEMPLATE,
        )
    ),
    "DaemonSet": _kind(
        fields(
            "minReadySeconds revisionHistoryLimit",
            selector=LABEL_SELECTOR,
            template=POD_TEMPLATE,
            updateStrategy=fields("type", rollingUpdate=_ROLLING),
        )
    ),
    "Job": _kind(
        fields(
            "parallelism completions activeDeadlineSeconds podFailurePolicy "
            "successPolicy backoffLimit backoffLimitPerIndex maxFailedIndexes "
            "manualSelector ttlSecondsAfterFinished completionMode suspend "
            "podReplacementPolicy managedBy",
            selector=LABEL_SELECTOR,
            template=POD_TEMPLATE,
        )
    ),
    "ResourceQuota": _kind(fields("hard scopes scopeSelector")),
    "PriorityClass": _kind(None, "value globalDefault description preemptionPolicy"),
    "PodDisruptionBudget": _kind(
        fields(
            "minAvailable maxUnavailable unhealthyPodEvictionPolicy",
            selector=LABEL_SELECTOR,
        )
    ),
    "Lease": _kind(
        fields(
            "holderIdentity leaseDurationSeconds acquireTime renewTime "
            "leaseTransitions strategy preferredHolder"
        )
    ),
    "Event": _kind(
        None,
        "involvedObject reason message source firstTimestamp lastTimestamp "
        "count type eventTime series action related reportingComponent "
        "reportingInstance",
    ),
    "Endpoints": _kind(None, "subsets"),
    "EndpointSlice": _kind(None, "addressType endpoints ports"),
}
