"""Shared builders for test objects: v1 Nodes and Pods shaped as the API
server stores them, with only what a test cares about spelled out.

``make_node`` sets capacity and allocatable alike (no reserve) unless told
otherwise; ``make_pod`` gives one container ``app`` with the requests asked
for. Both return plain dicts, ready for ``api.create`` or for the scheduler's
PodInfo/NodeInfo directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cluster.scheduler.framework.types import NodeInfo

Obj = dict[str, Any]


def make_node(name: str = "node-1", cpu: str | int = "2",
              memory: str = "4Gi", pods: int | None = 110, *,
              labels: dict[str, str] | None = None,
              taints: list[Obj] | None = None, unschedulable: bool = False,
              extra: dict[str, str] | None = None,
              images: list[Obj] | None = None) -> Obj:
    """A Node with ``cpu``/``memory``/``pods`` (and ``extra`` resources) both
    as capacity and allocatable; ``pods=None`` leaves the pods count out."""
    resources: dict[str, str] = {"cpu": str(cpu), "memory": str(memory)}
    if pods is not None:
        resources["pods"] = str(pods)
    resources.update(extra or {})
    spec: Obj = {}
    if taints:
        spec["taints"] = taints
    if unschedulable:
        spec["unschedulable"] = True
    return {"apiVersion": "v1", "kind": "Node",
            "metadata": {"name": name,
                         "labels": {"kubernetes.io/hostname": name, **(labels or {})}},
            "spec": spec,
            "status": {"capacity": dict(resources), "allocatable": dict(resources),
                       **({"images": images} if images else {})}}


def make_pod(name: str = "web", cpu: str | None = None, memory: str | None = None,
             *, namespace: str = "default", requests: dict[str, str] | None = None,
             containers: list[Obj] | None = None,
             init_containers: list[Obj] | None = None,
             tolerations: list[Obj] | None = None, priority: int | None = None,
             node_name: str | None = None, scheduler_name: str | None = None,
             labels: dict[str, str] | None = None, spec: Obj | None = None) -> Obj:
    """A Pod with one container ``app`` requesting ``cpu``/``memory`` (and
    ``requests``), unless ``containers`` is given (``[]`` for none at all);
    ``spec`` adds any other fields (affinity, nodeSelector...)."""
    extra = spec
    spec = {"containers": containers if containers is not None
            else [container("app", cpu, memory, requests)]}
    optional = {"initContainers": init_containers, "tolerations": tolerations,
                "priority": priority, "nodeName": node_name,
                "schedulerName": scheduler_name}
    spec.update({k: v for k, v in optional.items() if v is not None})
    spec.update(extra or {})
    meta: Obj = {"name": name, "namespace": namespace}
    if labels:
        meta["labels"] = labels
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec}


def container(name: str = "app", cpu: str | None = None, memory: str | None = None,
              requests: dict[str, str] | None = None, image: str = "nginx",
              restart_policy: str | None = None, ports: list[Obj] | None = None
              ) -> Obj:
    """A container; ``restart_policy="Always"`` makes an init container a
    sidecar."""
    wanted = {k: v for k, v in (("cpu", cpu), ("memory", memory)) if v is not None}
    wanted.update(requests or {})
    spec: Obj = {"name": name, "image": image}
    if wanted:
        spec["resources"] = {"requests": wanted}
    if restart_policy:
        spec["restartPolicy"] = restart_policy
    if ports:
        spec["ports"] = ports
    return spec


def taint(key: str, value: str = "", effect: str = "NoSchedule") -> Obj:
    out = {"key": key, "effect": effect}
    if value:
        out["value"] = value
    return out


def toleration(key: str = "", value: str = "", effect: str = "",
               operator: str = "") -> Obj:
    fields = {"key": key, "value": value, "effect": effect, "operator": operator}
    return {k: v for k, v in fields.items() if v}


def node_info(node: Obj, *pods: Obj) -> NodeInfo:
    """The scheduler's NodeInfo for ``node`` with ``pods`` counted on it."""
    from cluster.scheduler.framework.types import NodeInfo, PodInfo

    info = NodeInfo(node["metadata"]["name"])
    info.set_node(node)
    for pod in pods:
        info.add_pod(PodInfo(pod))
    return info
