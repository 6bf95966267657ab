"""Per-node and per-pod bookkeeping, as ``pkg/scheduler/framework/types.go``.

A ``NodeInfo`` is kept up to date incrementally from watch events: adding or
removing a pod adds or subtracts its requests, so a scheduling cycle never
walks a node's pods or copies anything.
"""

from __future__ import annotations

from typing import Any

from cluster.scheduler.framework.podresources import (
    Requests,
    non_missing_defaults,
    pod_requests,
    to_units,
)

Obj = dict[str, Any]
_NATIVE = {"cpu": "milli_cpu", "memory": "memory",
           "ephemeral-storage": "ephemeral_storage"}


def is_scalar_resource(name: str) -> bool:
    """IsScalarResourceName: extended, hugepages and attachable-volume names."""
    return "/" in name or name.startswith(("hugepages-", "attachable-volumes-"))


class Resource:
    """cpu in millicores, the rest in whole units; ``scalar`` for the others."""

    __slots__ = ("milli_cpu", "memory", "ephemeral_storage", "allowed_pod_number",
                 "scalar")

    def __init__(self, milli_cpu: int = 0, memory: int = 0) -> None:
        self.milli_cpu = milli_cpu
        self.memory = memory
        self.ephemeral_storage = 0
        self.allowed_pod_number = 0
        self.scalar: dict[str, int] = {}

    @classmethod
    def of(cls, reqs: Requests) -> Resource:
        res = cls(reqs.get("cpu", 0), reqs.get("memory", 0))
        res.ephemeral_storage = reqs.get("ephemeral-storage", 0)
        res.allowed_pod_number = reqs.get("pods", 0)
        res.scalar = {k: v for k, v in reqs.items() if is_scalar_resource(k)}
        return res

    def get(self, name: str) -> int:
        attr = _NATIVE.get(name)
        return getattr(self, attr) if attr else self.scalar.get(name, 0)

    def add(self, other: Resource, sign: int) -> None:
        self.milli_cpu += sign * other.milli_cpu
        self.memory += sign * other.memory
        self.ephemeral_storage += sign * other.ephemeral_storage
        for name, value in other.scalar.items():
            self.scalar[name] = self.scalar.get(name, 0) + sign * value


class PodInfo:
    """A pod plus what the scheduler computes from it once per version."""

    __slots__ = ("pod", "key", "uid", "name", "namespace", "node_name",
                 "priority", "requests", "non0_cpu", "non0_mem", "tolerations")

    def __init__(self, pod: Obj) -> None:
        meta, spec = pod["metadata"], pod.get("spec") or {}
        self.pod = pod
        self.name: str = meta["name"]
        self.namespace: str = meta.get("namespace") or "default"
        self.key = f"{self.namespace}/{self.name}"
        self.uid: str = meta.get("uid", "")
        self.node_name: str = spec.get("nodeName") or ""
        self.priority: int = spec.get("priority") or 0
        self.tolerations: tuple[Obj, ...] = tuple(spec.get("tolerations") or ())
        reqs = pod_requests(pod)
        self.requests = Resource.of(reqs)
        # The non-zero view counts an unset cpu/memory request as 100m/200Mi,
        # so best-effort pods do not all pile onto one node.
        non0 = pod_requests(pod, non_missing_defaults(reqs, pod))
        self.non0_cpu = non0.get("cpu", 0)
        self.non0_mem = non0.get("memory", 0)

    def request(self, name: str, non_zero: bool) -> int:
        """One resource of this pod's request, non-zero defaults optional."""
        if non_zero and name == "cpu":
            return self.non0_cpu
        if non_zero and name == "memory":
            return self.non0_mem
        return self.requests.get(name)


class NodeInfo:
    """A node and the sum of what the pods on it (assumed ones too) request."""

    __slots__ = ("name", "node", "allocatable", "requested",
                 "non_zero_requested", "pods", "taints", "unschedulable", "labels")

    def __init__(self, name: str) -> None:
        self.name = name
        self.node: Obj | None = None
        self.allocatable = Resource()
        self.requested = Resource()
        self.non_zero_requested = Resource()
        self.pods: dict[str, PodInfo] = {}
        self.taints: tuple[Obj, ...] = ()
        self.unschedulable = False
        self.labels: dict[str, str] = {}

    def set_node(self, node: Obj) -> None:
        spec, status = node.get("spec") or {}, node.get("status") or {}
        self.node = node
        self.allocatable = Resource.of(to_units(status.get("allocatable")))
        self.taints = tuple(spec.get("taints") or ())
        self.unschedulable = bool(spec.get("unschedulable"))
        self.labels = node["metadata"].get("labels") or {}

    def add_pod(self, pod: PodInfo) -> None:
        self.pods[pod.key] = pod
        self._update(pod, 1)

    def remove_pod(self, key: str) -> PodInfo | None:
        pod = self.pods.pop(key, None)
        if pod is not None:
            self._update(pod, -1)
        return pod

    def _update(self, pod: PodInfo, sign: int) -> None:
        self.requested.add(pod.requests, sign)
        self.non_zero_requested.milli_cpu += sign * pod.non0_cpu
        self.non_zero_requested.memory += sign * pod.non0_mem
