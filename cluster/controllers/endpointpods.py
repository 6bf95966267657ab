"""What the endpoint controllers share: which pods count, and how a pod
becomes an endpoint (``pkg/controller/util/endpoint``, ``endpointslice/utils.go``)."""

from __future__ import annotations

from typing import Any

Obj = dict[str, Any]
TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time"
HEADLESS_LABEL = "service.kubernetes.io/headless"
SERVICE_NAME = "kubernetes.io/service-name"
MANAGED_BY = "endpointslice.kubernetes.io/managed-by"
CONTROLLER_NAME = "endpointslice-controller.k8s.io"


def include(pod: Obj, terminating: bool) -> bool:
    """``ShouldPodBeInEndpoints``: has an IP, not finished, maybe not terminating."""
    status = pod.get("status", {})
    if status.get("phase") in ("Succeeded", "Failed") or not pod_ip(pod):
        return False
    return terminating or not pod["metadata"].get("deletionTimestamp")


def pod_ip(pod: Obj) -> str:
    status = pod.get("status", {})
    ips = status.get("podIPs") or []
    return str(ips[0].get("ip") if ips else status.get("podIP") or "")


def pod_ready(pod: Obj) -> bool:
    return any(
        c.get("type") == "Ready" and c.get("status") == "True"
        for c in pod.get("status", {}).get("conditions") or []
    )


def conditions(service: Obj, pod: Obj) -> tuple[bool, bool, bool]:
    """(ready, serving, terminating) of the pod's endpoint."""
    publish = bool(service.get("spec", {}).get("publishNotReadyAddresses"))
    serving = publish or pod_ready(pod)
    terminating = bool(pod["metadata"].get("deletionTimestamp"))
    return serving and (publish or not terminating), serving, terminating


def target_ref(pod: Obj) -> Obj:
    meta = pod["metadata"]
    return {
        "kind": "Pod",
        "name": meta["name"],
        "namespace": meta["namespace"],
        "uid": meta.get("uid"),
    }


def hostname(service: Obj, pod: Obj) -> str:
    """``ShouldSetHostname``: the pod names the Service as its subdomain."""
    spec = pod.get("spec", {})
    if spec.get("hostname") and spec.get("subdomain") == service["metadata"]["name"]:
        return str(spec["hostname"])
    return ""


def find_port(pod: Obj, port: Obj) -> int | None:
    """``FindPort``: a number, or the container port of that name and protocol."""
    target = port.get("targetPort", port.get("port"))
    if isinstance(target, int):
        return target
    if isinstance(target, str) and target.isdigit():
        return int(target)
    for container in pod.get("spec", {}).get("containers") or []:
        for cp in container.get("ports") or []:
            if cp.get("name") == target and cp.get("protocol", "TCP") == port.get(
                "protocol", "TCP"
            ):
                return int(cp["containerPort"])
    return None


def slice_ports(service: Obj, pod: Obj) -> list[Obj]:
    """The Service's ports resolved on the pod; unresolved ones are left out."""
    ports = []
    for port in service.get("spec", {}).get("ports") or []:
        number = find_port(pod, port)
        if number is None:
            continue
        entry = {
            "name": port.get("name", ""),
            "port": number,
            "protocol": port.get("protocol", "TCP"),
        }
        if port.get("appProtocol"):
            entry["appProtocol"] = port["appProtocol"]
        ports.append(entry)
    return ports


def owner_reference(service: Obj) -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "name": service["metadata"]["name"],
        "uid": service["metadata"].get("uid"),
        "controller": True,
        "blockOwnerDeletion": True,
    }


def slice_labels(service: Obj) -> dict[str, str]:
    labels = {
        k: v
        for k, v in (service["metadata"].get("labels") or {}).items()
        if k not in (SERVICE_NAME, MANAGED_BY)
    }
    labels[SERVICE_NAME] = service["metadata"]["name"]
    labels[MANAGED_BY] = CONTROLLER_NAME
    if service.get("spec", {}).get("clusterIP") == "None":
        labels[HEADLESS_LABEL] = ""
    return labels


def new_slice(service: Obj, ports: list[Obj], endpoints: list[Obj], now: str) -> Obj:
    meta = service["metadata"]
    return {
        "apiVersion": "discovery.k8s.io/v1",
        "kind": "EndpointSlice",
        "metadata": {
            "generateName": f"{meta['name']}-",
            "namespace": meta["namespace"],
            "labels": slice_labels(service),
            "annotations": {TRIGGER_TIME: now},
            "ownerReferences": [owner_reference(service)],
        },
        "addressType": "IPv4",
        # An empty list is stored as null; empty ports are left out.
        "endpoints": endpoints or None,
        **({"ports": ports} if ports else {}),
    }
