"""Per-pod bookkeeping and resources, as ``pkg/scheduler/framework/types.go``.

A ``PodInfo`` holds what the scheduler computes from a pod once per version:
requests, host ports, parsed affinity terms. ``NodeInfo`` (``nodeinfo.py``)
keeps the sums over a node's pods up to date incrementally, so a scheduling
cycle never walks a node's pods or copies anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cluster.scheduler.framework.hostports import HostPort, HostPortInfo, host_ports
from cluster.scheduler.framework.labels import SelectorError
from cluster.scheduler.framework.podaffinity import (
    NO_TERMS,
    PodAffinityTerms,
    parse_terms,
)
from cluster.scheduler.framework.podresources import (
    Requests,
    non_missing_defaults,
    pod_requests,
    to_units,
)

Obj = dict[str, Any]
_NATIVE = {
    "cpu": "milli_cpu",
    "memory": "memory",
    "ephemeral-storage": "ephemeral_storage",
}


def is_scalar_resource(name: str) -> bool:
    """IsScalarResourceName: extended, hugepages and attachable-volume names."""
    return "/" in name or name.startswith(("hugepages-", "attachable-volumes-"))


class Resource:
    """cpu in millicores, the rest in whole units; ``scalar`` for the others."""

    __slots__ = (
        "milli_cpu",
        "memory",
        "ephemeral_storage",
        "allowed_pod_number",
        "scalar",
    )

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

    def copy(self) -> Resource:
        other = Resource(self.milli_cpu, self.memory)
        other.ephemeral_storage = self.ephemeral_storage
        other.allowed_pod_number = self.allowed_pod_number
        other.scalar = dict(self.scalar)
        return other

    def add(self, other: Resource, sign: int) -> None:
        self.milli_cpu += sign * other.milli_cpu
        self.memory += sign * other.memory
        self.ephemeral_storage += sign * other.ephemeral_storage
        for name, value in other.scalar.items():
            self.scalar[name] = self.scalar.get(name, 0) + sign * value


class PodInfo:
    """A pod plus what the scheduler computes from it once per version."""

    __slots__ = (
        "pod",
        "key",
        "uid",
        "name",
        "namespace",
        "node_name",
        "labels",
        "priority",
        "requests",
        "non0_cpu",
        "non0_mem",
        "tolerations",
        "host_ports",
        "affinity",
        "parse_error",
        "terminating",
        "scheduler_name",
        "_required_node_affinity",
    )

    def __init__(self, pod: Obj) -> None:
        meta, spec = pod["metadata"], pod.get("spec") or {}
        self.pod = pod
        self.name: str = meta["name"]
        self.namespace: str = meta.get("namespace") or "default"
        self.key = f"{self.namespace}/{self.name}"
        self.uid: str = meta.get("uid", "")
        self.labels: dict[str, str] = meta.get("labels") or {}
        self.terminating = bool(meta.get("deletionTimestamp"))
        self.node_name: str = spec.get("nodeName") or ""
        self.scheduler_name: str = spec.get("schedulerName") or ""
        self.priority: int = spec.get("priority") or 0
        self.tolerations: tuple[Obj, ...] = tuple(spec.get("tolerations") or ())
        self.host_ports: tuple[HostPort, ...] = host_ports(spec)
        self._parse_affinity(spec.get("affinity"))
        self._required_node_affinity: Any = None
        self._resources(pod)

    def _resources(self, pod: Obj) -> None:
        reqs = pod_requests(pod)
        self.requests = Resource.of(reqs)
        # The non-zero view counts an unset cpu/memory request as 100m/200Mi,
        # so best-effort pods do not all pile onto one node.
        non0 = pod_requests(pod, non_missing_defaults(reqs, pod))
        self.non0_cpu = non0.get("cpu", 0)
        self.non0_mem = non0.get("memory", 0)

    def _parse_affinity(self, affinity: Obj | None) -> None:
        self.parse_error = ""
        self.affinity: PodAffinityTerms = NO_TERMS
        if not affinity:
            return
        try:
            self.affinity = parse_terms(affinity, self.namespace, self.labels)
        except SelectorError as err:
            # NewPodInfo fails; PreFilter reports "parsing pod: ...".
            self.parse_error = str(err)

    @property
    def spec(self) -> Obj:
        return self.pod.get("spec") or {}

    @property
    def status(self) -> Obj:
        return self.pod.get("status") or {}

    @property
    def required_node_affinity(self) -> Any:
        """GetRequiredNodeAffinity(pod), parsed on first use."""
        if self._required_node_affinity is None:
            from cluster.scheduler.framework.nodeaffinity import RequiredNodeAffinity

            self._required_node_affinity = RequiredNodeAffinity(self.spec)
        return self._required_node_affinity

    def request(self, name: str, non_zero: bool) -> int:
        """One resource of this pod's request, non-zero defaults optional."""
        if non_zero and name == "cpu":
            return self.non0_cpu
        if non_zero and name == "memory":
            return self.non0_mem
        return self.requests.get(name)


class ImageState:
    """ImageStateSummary: an image's size and the nodes holding it, shared by
    every NodeInfo that has it, so ``num_nodes`` is always cluster-wide."""

    __slots__ = ("size", "nodes")

    def __init__(self, size: int) -> None:
        self.size = size
        self.nodes: set[str] = set()

    @property
    def num_nodes(self) -> int:
        return len(self.nodes)


class NodeInfo:
    """A node and the sum of what the pods on it (assumed ones too) request."""

    __slots__ = (
        "name",
        "node",
        "allocatable",
        "requested",
        "non_zero_requested",
        "pods",
        "taints",
        "unschedulable",
        "labels",
        "used_ports",
        "pods_with_affinity",
        "pods_with_required_anti_affinity",
        "image_states",
        "_by_label",
        "free",
    )

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
        self.used_ports = HostPortInfo()
        self.pods_with_affinity: dict[str, PodInfo] = {}
        self.pods_with_required_anti_affinity: dict[str, PodInfo] = {}
        self.image_states: dict[str, ImageState] = {}
        # (cpu, memory, ephemeral-storage, pods) still free on the node.
        self.free = (0, 0, 0, 0)
        # (label key, value) -> the pods carrying it, for selector counting.
        self._by_label: dict[tuple[str, str], dict[str, PodInfo]] = {}

    def set_node(self, node: Obj) -> None:
        spec, status = node.get("spec") or {}, node.get("status") or {}
        self.node = node
        self.allocatable = Resource.of(to_units(status.get("allocatable")))
        self.taints = tuple(spec.get("taints") or ())
        self.unschedulable = bool(spec.get("unschedulable"))
        self.labels = node["metadata"].get("labels") or {}
        self._refresh_free()

    def _refresh_free(self) -> None:
        """Room left, kept for NodeResourcesFit's quick test of many nodes."""
        alloc, used = self.allocatable, self.requested
        self.free = (
            alloc.milli_cpu - used.milli_cpu,
            alloc.memory - used.memory,
            alloc.ephemeral_storage - used.ephemeral_storage,
            alloc.allowed_pod_number - len(self.pods),
        )

    def add_pod(self, pod: PodInfo) -> None:
        self.pods[pod.key] = pod
        self._update(pod, 1)

    def remove_pod(self, key: str) -> PodInfo | None:
        pod = self.pods.pop(key, None)
        if pod is not None:
            self._update(pod, -1)
        return pod

    def pods_labelled(self, key: str, value: str) -> Iterable[PodInfo]:
        """The pods whose label ``key`` is ``value``."""
        found = self._by_label.get((key, value))
        return found.values() if found else ()

    def clone(self) -> NodeInfo:
        """NodeInfo.Snapshot(): a copy preemption may change freely."""
        other = NodeInfo(self.name)
        other.node, other.taints, other.labels = self.node, self.taints, self.labels
        other.unschedulable = self.unschedulable
        other.allocatable = self.allocatable
        other.image_states = self.image_states
        for pod in self.pods.values():
            other.add_pod(pod)
        other._refresh_free()
        return other

    def _update(self, pod: PodInfo, sign: int) -> None:
        self.requested.add(pod.requests, sign)
        self._refresh_free()
        self.non_zero_requested.milli_cpu += sign * pod.non0_cpu
        self.non_zero_requested.memory += sign * pod.non0_mem
        if pod.host_ports:
            self.used_ports.add(pod.host_ports, sign)
        if pod.affinity.any:
            self._index(self.pods_with_affinity, pod, sign)
        if pod.affinity.required_anti_affinity:
            self._index(self.pods_with_required_anti_affinity, pod, sign)
        for pair in pod.labels.items():
            self._index(self._by_label.setdefault(pair, {}), pod, sign)
            if not self._by_label[pair]:
                del self._by_label[pair]

    @staticmethod
    def _index(index: dict[str, PodInfo], pod: PodInfo, sign: int) -> None:
        if sign > 0:
            index[pod.key] = pod
        else:
            index.pop(pod.key, None)
