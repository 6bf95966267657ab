"""Node manifests: the shorthand of scenario files made into full v1 Nodes.

A scenario may give ``{name: node-1, cpu: "2", memory: 4Gi}`` or a complete
Node manifest; either way the kubelet registers a Node that looks like one a
kubeadm cluster of Kubernetes v1.35 would show.
"""

from __future__ import annotations

import copy
from typing import Any

from cluster import KUBERNETES_VERSION
from cluster.api.quantity import byte_value

Obj = dict[str, Any]

CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane"
CONTROL_PLANE_TAINT = {
    "key": CONTROL_PLANE_LABEL,
    "effect": "NoSchedule",
}
# What kubelet's default hard eviction threshold (memory.available<100Mi)
# takes out of capacity to make allocatable.
EVICTION_RESERVE_KI = 100 * 1024
EPHEMERAL_STORAGE_KI = 61202244
NODE_INFO = {
    "architecture": "amd64",
    "containerRuntimeVersion": "containerd://2.1.4",
    "kernelVersion": "6.8.0-85-generic",
    "kubeletVersion": KUBERNETES_VERSION,
    "operatingSystem": "linux",
    "osImage": "Ubuntu 24.04.3 LTS",
}

SANDBOX_NODES: list[Obj] = [
    {"name": "cp-1", "cpu": "2", "memory": "4Gi", "controlPlane": True},
    {"name": "node-1", "cpu": "2", "memory": "4Gi"},
    {"name": "node-2", "cpu": "2", "memory": "4Gi"},
    {"name": "node-3", "cpu": "2", "memory": "4Gi"},
]


def is_control_plane(node: Obj) -> bool:
    """Whether a Node carries the control-plane role label."""
    return CONTROL_PLANE_LABEL in (node["metadata"].get("labels") or {})


def node_manifest(entry: Obj, index: int) -> Obj:
    """A full Node for a scenario's node entry (shorthand or manifest)."""
    node = copy.deepcopy(entry) if "kind" in entry else _from_shorthand(entry)
    _fill_defaults(node, index)
    return node


def _from_shorthand(entry: Obj) -> Obj:
    name = entry["name"]
    labels = {**_standard_labels(name), **(entry.get("labels") or {})}
    taints = list(entry.get("taints") or [])
    if entry.get("controlPlane"):
        labels[CONTROL_PLANE_LABEL] = ""
        labels["node.kubernetes.io/exclude-from-external-load-balancers"] = ""
        taints.insert(0, dict(CONTROL_PLANE_TAINT))
    memory_ki = byte_value(str(entry.get("memory", "4Gi"))) // 1024
    capacity = {
        "cpu": str(entry.get("cpu", "2")),
        "memory": f"{memory_ki}Ki",
        "pods": str(entry.get("pods", 110)),
        "ephemeral-storage": f"{EPHEMERAL_STORAGE_KI}Ki",
        "hugepages-1Gi": "0",
        "hugepages-2Mi": "0",
    }
    return {
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {"name": name, "labels": labels},
        "spec": {"taints": taints} if taints else {},
        "status": {"capacity": capacity},
    }


def _fill_defaults(node: Obj, index: int) -> None:
    meta = node.setdefault("metadata", {})
    meta["labels"] = {**_standard_labels(meta["name"]), **(meta.get("labels") or {})}
    meta.setdefault(
        "annotations",
        {
            "node.alpha.kubernetes.io/ttl": "0",
            "volumes.kubernetes.io/controller-managed-attach-detach": "true",
        },
    )
    spec = node.setdefault("spec", {})
    spec.setdefault("podCIDR", pod_cidr(index))
    spec.setdefault("podCIDRs", [spec["podCIDR"]])
    status = node.setdefault("status", {})
    capacity = status.setdefault(
        "capacity", {"cpu": "2", "memory": "4194304Ki", "pods": "110"}
    )
    status.setdefault("allocatable", _allocatable(capacity))
    status.setdefault(
        "addresses",
        [
            {"type": "InternalIP", "address": f"192.168.49.{index + 2}"},
            {"type": "Hostname", "address": meta["name"]},
        ],
    )
    status.setdefault("nodeInfo", dict(NODE_INFO))
    status.setdefault("daemonEndpoints", {"kubeletEndpoint": {"Port": 10250}})


def pod_cidr(index: int) -> str:
    """A /24 per node, as kube-controller-manager's range allocator hands them
    out of flannel's usual 10.244.0.0/16, carrying on into 10.245.0.0 and up
    for clusters past 256 nodes."""
    return f"10.{244 + index // 256}.{index % 256}.0/24"


def _allocatable(capacity: Obj) -> Obj:
    allocatable = dict(capacity)
    if "memory" in capacity:
        memory_ki = byte_value(capacity["memory"]) // 1024 - EVICTION_RESERVE_KI
        allocatable["memory"] = f"{memory_ki}Ki"
    if "ephemeral-storage" in capacity:
        # nodefs.available<10% is held back from pods.
        storage = byte_value(capacity["ephemeral-storage"]) * 9 // 10
        allocatable["ephemeral-storage"] = str(storage)
    return allocatable


def _standard_labels(name: str) -> dict[str, str]:
    return {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
    }
