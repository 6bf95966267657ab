"""``kubectl describe node`` (describe.go describeNode and describeNodeResource)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from cluster.api.errors import StatusError
from cluster.api.quantity import Quantity, QuantityError, parse_quantity
from cluster.kubectl.describe.events import describe_events, search_events
from cluster.kubectl.describe.writer import (
    PrefixWriter,
    annotations_multiline,
    format_quantity,
    labels_multiline,
    quantity,
    taints_multiline,
)
from cluster.kubectl.podstatus import node_roles
from cluster.kubectl.timefmt import rfc1123z, since

Obj = dict[str, Any]
Resources = dict[str, Quantity]
NODE_LEASE_NAMESPACE = "kube-node-lease"
_SYSTEM_INFO = (
    ("Machine ID", "machineID"),
    ("System UUID", "systemUUID"),
    ("Boot ID", "bootID"),
    ("Kernel Version", "kernelVersion"),
    ("OS Image", "osImage"),
    ("Operating System", "operatingSystem"),
    ("Architecture", "architecture"),
    ("Container Runtime Version", "containerRuntimeVersion"),
    ("Kubelet Version", "kubeletVersion"),
    ("Kube-Proxy Version", "kubeProxyVersion"),
)


def describe_node(api: Any, node: Obj, now: datetime) -> str:
    meta = node["metadata"]
    pods = [
        p
        for p in api.list("pods")
        if p.get("spec", {}).get("nodeName") == meta["name"]
        and p.get("status", {}).get("phase") not in ("Succeeded", "Failed")
    ]
    # Controllers report node events by uid, the kubelet by name (describe.go).
    events = search_events(
        api, name=meta["name"], namespace="", kind="Node", uid=meta.get("uid")
    ) + search_events(
        api, name=meta["name"], namespace="", kind="Node", uid=meta["name"]
    )
    w = PrefixWriter()
    _header(w, api, node)
    _conditions(w, node)
    _addresses_and_capacity(w, node)
    _system_info(w, node)
    _pods(w, node, pods, now)
    describe_events(w, events, now)
    return w.getvalue()


def _header(w: PrefixWriter, api: Any, node: Obj) -> None:
    meta, spec = node["metadata"], node.get("spec", {})
    w.write(0, f"Name:\t{meta['name']}\n")
    w.write(0, f"Roles:\t{','.join(node_roles(node)) or '<none>'}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    w.write(0, f"CreationTimestamp:\t{rfc1123z(meta.get('creationTimestamp'))}\n")
    taints_multiline(w, "Taints", spec.get("taints"))
    w.write(0, f"Unschedulable:\t{'true' if spec.get('unschedulable') else 'false'}\n")
    _lease(w, api, meta["name"])


def _lease(w: PrefixWriter, api: Any, name: str) -> None:
    try:
        lease = api.get("leases", name, NODE_LEASE_NAMESPACE)
    except (KeyError, StatusError):
        # A cluster without the node's Lease: kubectl reports the failed get.
        w.write(
            0,
            f'Lease:\tFailed to get lease: leases.coordination.k8s.io "{name}"'
            " not found\n",
        )
        return
    spec = lease.get("spec", {})
    w.write(0, "Lease:\n")
    w.write(1, f"HolderIdentity:\t{spec.get('holderIdentity') or '<unset>'}\n")
    for title, key in (("AcquireTime", "acquireTime"), ("RenewTime", "renewTime")):
        value = rfc1123z(spec[key]) if spec.get(key) else "<unset>"
        w.write(1, f"{title}:\t{value}\n")


def _conditions(w: PrefixWriter, node: Obj) -> None:
    conditions = node.get("status", {}).get("conditions") or []
    if not conditions:
        return
    w.write(
        0,
        "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime"
        "\tReason\tMessage\n",
    )
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
    for c in conditions:
        w.write(
            1,
            f"{c.get('type')} \t{c.get('status')} \t"
            f"{rfc1123z(c.get('lastHeartbeatTime'))} \t"
            f"{rfc1123z(c.get('lastTransitionTime'))} \t"
            f"{c.get('reason', '')} \t{c.get('message', '')}\n",
        )


def _addresses_and_capacity(w: PrefixWriter, node: Obj) -> None:
    status = node.get("status", {})
    w.write(0, "Addresses:\n")
    for address in status.get("addresses") or []:
        w.write(1, f"{address.get('type')}:\t{address.get('address')}\n")
    for title, key in (("Capacity", "capacity"), ("Allocatable", "allocatable")):
        values = status.get(key) or {}
        if values:
            w.write(0, f"{title}:\n")
            for name in sorted(values):
                w.write(0, f"  {name}:\t{quantity(values[name])}\n")


def _system_info(w: PrefixWriter, node: Obj) -> None:
    info = node.get("status", {}).get("nodeInfo", {})
    w.write(0, "System Info:\n")
    for title, key in _SYSTEM_INFO:
        w.write(0, f"  {title}:\t{info.get(key, '')}\n")
    spec = node.get("spec", {})
    if spec.get("podCIDR"):
        w.write(0, f"PodCIDR:\t{spec['podCIDR']}\n")
    if spec.get("podCIDRs"):
        w.write(0, f"PodCIDRs:\t{','.join(spec['podCIDRs'])}\n")
    if spec.get("providerID"):
        w.write(0, f"ProviderID:\t{spec['providerID']}\n")


def _pods(w: PrefixWriter, node: Obj, pods: list[Obj], now: datetime) -> None:
    status = node.get("status", {})
    allocatable = status.get("allocatable") or status.get("capacity") or {}
    w.write(0, f"Non-terminated Pods:\t({len(pods)} in total)\n")
    w.write(
        1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\t"
        "Memory Limits\tAge\n",
    )
    w.write(
        1,
        "---------\t----\t\t------------\t----------\t---------------\t"
        "-------------\t---\n",
    )
    for pod in pods:
        requests, limits = pod_requests_and_limits(pod)
        cells = [
            _share(requests, "cpu", allocatable),
            _share(limits, "cpu", allocatable),
            _share(requests, "memory", allocatable),
            _share(limits, "memory", allocatable),
        ]
        meta = pod["metadata"]
        w.write(
            1,
            f"{meta.get('namespace', '')}\t{meta['name']}\t\t"
            f"{chr(9).join(cells)}\t"
            f"{since(meta.get('creationTimestamp'), now)}\n",
        )
    _allocated(w, pods, allocatable)


def _allocated(w: PrefixWriter, pods: list[Obj], allocatable: Obj) -> None:
    w.write(
        0,
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e.,"
        " overcommitted.)\n",
    )
    w.write(1, "Resource\tRequests\tLimits\n")
    w.write(1, "--------\t--------\t------\n")
    requests: Resources = {}
    limits: Resources = {}
    for pod in pods:
        pod_requests, pod_limits = pod_requests_and_limits(pod)
        _add_all(requests, pod_requests)
        _add_all(limits, pod_limits)
    for name in ("cpu", "memory", "ephemeral-storage"):
        w.write(
            1,
            f"{name}\t{_share(requests, name, allocatable)}\t"
            f"{_share(limits, name, allocatable)}\n",
        )
    for name in sorted(n for n in allocatable if n.startswith("hugepages-")):
        w.write(
            1,
            f"{name}\t{_share(requests, name, allocatable)}\t"
            f"{_share(limits, name, allocatable)}\n",
        )


def _share(used: Resources, name: str, allocatable: Obj) -> str:
    """``500m (25%)``: the amount and its truncated share of allocatable."""
    amount = used.get(name, Quantity(Decimal(0), "DecimalSI"))
    total = _parse(allocatable.get(name))
    if name == "cpu":
        part, whole = amount.milli(), total.milli()
    else:
        part, whole = amount.whole(), total.whole()
    percent = int(part / whole * 100) if whole else 0
    return f"{format_quantity(amount)} ({percent}%)"


def pod_requests_and_limits(pod: Obj) -> tuple[Resources, Resources]:
    """kubectl's ``PodRequestsAndLimits``: containers and sidecars summed, the
    largest init container step, plus the pod overhead."""
    return _pod_total(pod, "requests"), _pod_total(pod, "limits")


def _pod_total(pod: Obj, key: str) -> Resources:
    spec = pod.get("spec", {})
    total: Resources = {}
    for container in spec.get("containers") or []:
        _add_all(total, _container(container, key))
    sidecars: Resources = {}
    init_peak: Resources = {}
    for container in spec.get("initContainers") or []:
        values = _container(container, key)
        if container.get("restartPolicy") == "Always":
            _add_all(total, values)
            _add_all(sidecars, values)
            step = dict(sidecars)
        else:
            step = {}
            _add_all(step, values)
            _add_all(step, sidecars)
        _max_all(init_peak, step)
    _max_all(total, init_peak)
    _add_all(total, {k: _parse(v) for k, v in (spec.get("overhead") or {}).items()})
    return total


def _container(container: Obj, key: str) -> Resources:
    values = (container.get("resources") or {}).get(key) or {}
    return {name: _parse(value) for name, value in values.items()}


def _parse(value: Any) -> Quantity:
    try:
        return parse_quantity(value if value is not None else "0")
    except QuantityError:
        return Quantity(Decimal(0), "DecimalSI")


def _add_all(into: Resources, values: Resources) -> None:
    for name, value in values.items():
        if name in into:
            # Quantity.Add keeps the format of the quantity added to.
            into[name] = Quantity(into[name].value + value.value, into[name].format)
        else:
            into[name] = value


def _max_all(into: Resources, values: Resources) -> None:
    for name, value in values.items():
        if name not in into or value.value > into[name].value:
            into[name] = value
