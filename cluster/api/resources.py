"""The resource types the API server serves, and how users name them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResourceType:
    kind: str
    plural: str
    singular: str
    short_names: tuple[str, ...]
    namespaced: bool
    api_version: str = "v1"
    # Where etcd keeps the type when it is not ``/registry/<plural>/``
    # (services live under ``services/specs``, endpoints ``services/endpoints``).
    etcd_path: str = ""

    @property
    def group(self) -> str:
        return self.api_version.rpartition("/")[0]

    def key(self, name: str, namespace: str | None) -> str:
        """The etcd key of an object of this type."""
        if self.namespaced:
            return f"/registry/{self.storage}/{namespace}/{name}"
        return f"/registry/{self.storage}/{name}"

    def prefix(self, namespace: str | None = None) -> str:
        if self.namespaced and namespace:
            return f"/registry/{self.storage}/{namespace}/"
        return f"/registry/{self.storage}/"

    @property
    def storage(self) -> str:
        return self.etcd_path or self.plural


POD = ResourceType("Pod", "pods", "pod", ("po",), namespaced=True)
NODE = ResourceType("Node", "nodes", "node", ("no",), namespaced=False)
NAMESPACE = ResourceType(
    "Namespace", "namespaces", "namespace", ("ns",), namespaced=False
)
EVENT = ResourceType("Event", "events", "event", ("ev",), namespaced=True)
SERVICE = ResourceType(
    "Service", "services", "service", ("svc",), True, etcd_path="services/specs"
)
ENDPOINTS = ResourceType(
    "Endpoints", "endpoints", "endpoints", ("ep",), True, etcd_path="services/endpoints"
)
ENDPOINTSLICE = ResourceType(
    "EndpointSlice", "endpointslices", "endpointslice", (), True, "discovery.k8s.io/v1"
)
RESOURCEQUOTA = ResourceType(
    "ResourceQuota", "resourcequotas", "resourcequota", ("quota",), namespaced=True
)
PRIORITYCLASS = ResourceType(
    "PriorityClass",
    "priorityclasses",
    "priorityclass",
    ("pc",),
    False,
    "scheduling.k8s.io/v1",
)
LEASE = ResourceType("Lease", "leases", "lease", (), True, "coordination.k8s.io/v1")
PODDISRUPTIONBUDGET = ResourceType(
    "PodDisruptionBudget",
    "poddisruptionbudgets",
    "poddisruptionbudget",
    ("pdb",),
    True,
    "policy/v1",
)
DEPLOYMENT = ResourceType(
    "Deployment", "deployments", "deployment", ("deploy",), True, "apps/v1"
)
REPLICASET = ResourceType(
    "ReplicaSet", "replicasets", "replicaset", ("rs",), True, "apps/v1"
)
DAEMONSET = ResourceType(
    "DaemonSet", "daemonsets", "daemonset", ("ds",), True, "apps/v1"
)
JOB = ResourceType("Job", "jobs", "job", (), True, "batch/v1")

RESOURCES: tuple[ResourceType, ...] = (
    POD,
    NODE,
    NAMESPACE,
    EVENT,
    SERVICE,
    ENDPOINTS,
    ENDPOINTSLICE,
    RESOURCEQUOTA,
    PRIORITYCLASS,
    LEASE,
    PODDISRUPTIONBUDGET,
    DEPLOYMENT,
    REPLICASET,
    DAEMONSET,
    JOB,
)

_BY_NAME = {
    alias: rt
    for rt in RESOURCES
    for alias in (rt.plural, rt.singular, rt.kind.lower(), *rt.short_names)
}

_BY_STORAGE = {rt.etcd_path: rt.plural for rt in RESOURCES if rt.etcd_path}


def lookup(name: str) -> ResourceType:
    """Find a type by plural, singular, short name or kind; KeyError if unknown."""
    return _BY_NAME[name.lower().partition(".")[0]]


def plural_of_key(key: str) -> str:
    """The plural of the type an etcd key belongs to."""
    parts = key.split("/")
    return _BY_STORAGE.get("/".join(parts[2:4])) or parts[2]


def for_kind(kind: str, api_version: str = "v1") -> ResourceType:
    """The type serving ``kind`` in ``api_version``; KeyError if none does."""
    for rt in RESOURCES:
        if rt.kind == kind and rt.api_version == api_version:
            return rt
    raise KeyError(kind)
