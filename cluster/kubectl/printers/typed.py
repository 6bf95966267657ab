"""Go struct field order for the objects kubectl holds as typed objects (the
Pods, Services, Deployments, Jobs and Namespaces ``kubectl run``, ``create
deployment`` and the like generate): ``encoding/json`` writes struct fields in
declaration order (``kind`` before ``apiVersion``), map keys sorted. The
orders are those of k8s.io/api v0.35 ``core/v1``, ``apps/v1``, ``batch/v1``
and apimachinery's
``ObjectMeta``; fields not listed keep sorted order after the known ones.
"""

from __future__ import annotations

from typing import Any

from cluster.kubectl.printers import gojson


def _object(spec: str = "", status: str = "") -> tuple[tuple[str, str], ...]:
    """A top-level kind: TypeMeta, ObjectMeta, then its spec and status."""
    return (
        ("kind", ""),
        ("apiVersion", ""),
        ("metadata", "ObjectMeta"),
        ("spec", spec),
        ("status", status),
    )


# type -> its fields in declaration order, each with the type of its value
# (a list's items) when that type's order is known here.
_TYPES: dict[str, tuple[tuple[str, str], ...]] = {
    "Pod": _object("PodSpec", "PodStatus"),
    "Service": _object("ServiceSpec", "ServiceStatus"),
    "Deployment": _object("DeploymentSpec"),
    "DeploymentSpec": (
        ("replicas", ""),
        ("selector", "LabelSelector"),
        ("template", "PodTemplateSpec"),
        ("strategy", ""),
        ("minReadySeconds", ""),
        ("revisionHistoryLimit", ""),
        ("paused", ""),
        ("progressDeadlineSeconds", ""),
    ),
    "Job": _object("JobSpec"),
    "JobSpec": tuple(
        (f, {"template": "PodTemplateSpec", "selector": "LabelSelector"}.get(f, ""))
        for f in (
            "parallelism completions activeDeadlineSeconds podFailurePolicy "
            "successPolicy backoffLimit backoffLimitPerIndex maxFailedIndexes "
            "selector manualSelector template ttlSecondsAfterFinished "
            "completionMode suspend podReplacementPolicy managedBy"
        ).split()
    ),
    "Namespace": _object(),
    "PodTemplateSpec": (("metadata", "ObjectMeta"), ("spec", "PodSpec")),
    "LabelSelector": (("matchLabels", ""), ("matchExpressions", "")),
    "ObjectMeta": tuple(
        (f, "")
        for f in (
            "name generateName namespace selfLink uid resourceVersion generation "
            "creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels "
            "annotations ownerReferences finalizers managedFields"
        ).split()
    ),
    "PodSpec": tuple(
        (f, "Container" if f in ("initContainers", "containers") else "")
        for f in (
            "volumes initContainers containers ephemeralContainers restartPolicy "
            "terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy "
            "nodeSelector serviceAccountName serviceAccount "
            "automountServiceAccountToken nodeName hostNetwork hostPID hostIPC "
            "shareProcessNamespace securityContext imagePullSecrets hostname "
            "subdomain affinity schedulerName tolerations hostAliases "
            "priorityClassName priority dnsConfig readinessGates runtimeClassName "
            "enableServiceLinks preemptionPolicy overhead "
            "topologySpreadConstraints setHostnameAsFQDN os hostUsers "
            "schedulingGates resourceClaims resources hostnameOverride workloadRef"
        ).split()
    ),
    "Container": tuple(
        (f, {"ports": "ContainerPort", "env": "EnvVar"}.get(f, ""))
        for f in (
            "name image command args workingDir ports envFrom env resources "
            "resizePolicy restartPolicy restartPolicyRules volumeMounts "
            "volumeDevices livenessProbe readinessProbe startupProbe lifecycle "
            "terminationMessagePath terminationMessagePolicy imagePullPolicy "
            "securityContext stdin stdinOnce tty"
        ).split()
    ),
    "ContainerPort": tuple(
        (f, "") for f in "name hostPort containerPort protocol hostIP".split()
    ),
    "EnvVar": (("name", ""), ("value", ""), ("valueFrom", "")),
    "PodStatus": tuple(
        (f, "")
        for f in (
            "observedGeneration phase conditions message reason nominatedNodeName "
            "hostIP hostIPs podIP podIPs startTime initContainerStatuses "
            "containerStatuses qosClass ephemeralContainerStatuses resize "
            "resourceClaimStatuses extendedResourceClaimStatus allocatedResources "
            "resources"
        ).split()
    ),
    "ServiceSpec": tuple(
        (f, "ServicePort" if f == "ports" else "")
        for f in (
            "ports selector clusterIP clusterIPs type externalIPs sessionAffinity "
            "loadBalancerIP loadBalancerSourceRanges externalName "
            "externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses "
            "sessionAffinityConfig ipFamilies ipFamilyPolicy "
            "allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy "
            "trafficDistribution"
        ).split()
    ),
    "ServicePort": tuple(
        (f, "") for f in "name protocol appProtocol port targetPort nodePort".split()
    ),
    "ServiceStatus": (("loadBalancer", ""), ("conditions", "")),
}


def ordered(obj: dict[str, Any]) -> dict[str, Any]:
    """``obj`` with its keys in the order its Go type encodes them."""
    kind = str(obj.get("kind"))
    return _order(obj, kind) if kind in _TYPES else _sorted(obj)


def marshal(obj: dict[str, Any]) -> str:
    """``json.Marshal`` of the typed object."""
    return gojson.marshal(ordered(obj), sort_keys=False)


def marshal_indent(obj: dict[str, Any]) -> str:
    """``json.MarshalIndent(obj, "", "    ")`` of the typed object."""
    return gojson.marshal_indent(ordered(obj), sort_keys=False)


def _order(value: Any, type_name: str) -> Any:
    if isinstance(value, list):
        return [_order(item, type_name) for item in value]
    if not isinstance(value, dict):
        return value
    fields = _TYPES.get(type_name)
    if fields is None:
        return _sorted(value)
    known = {name for name, _ in fields}
    out = {name: _order(value[name], sub) for name, sub in fields if name in value}
    for key in sorted(value):
        if key not in known:
            out[key] = _sorted(value[key])
    return out


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted(item) for item in value]
    return value
