"""The kubelet's ``generateContainerConfig``: a pod's container as the CRI
ContainerConfig containerd receives — the command, the environment (with
``fieldRef``/``resourceFieldRef`` resolved and the ``kubernetes`` Service
variables), the memory and CPU limits, and the files the kubelet mounts
(``/etc/hosts``, ``/etc/resolv.conf``, the service account token)."""

from __future__ import annotations

from typing import Any

from cluster.api.quantity import QuantityError, byte_value, cpu_millis, parse_quantity
from cluster.node.launch import ContainerConfig

Obj = dict[str, Any]
SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount"
CLUSTER_DNS = "10.96.0.10"
KUBERNETES_SERVICE = (
    ("KUBERNETES_SERVICE_HOST", "10.96.0.1"),
    ("KUBERNETES_SERVICE_PORT", "443"),
    ("KUBERNETES_SERVICE_PORT_HTTPS", "443"),
    ("KUBERNETES_PORT", "tcp://10.96.0.1:443"),
    ("KUBERNETES_PORT_443_TCP", "tcp://10.96.0.1:443"),
    ("KUBERNETES_PORT_443_TCP_PROTO", "tcp"),
    ("KUBERNETES_PORT_443_TCP_PORT", "443"),
    ("KUBERNETES_PORT_443_TCP_ADDR", "10.96.0.1"),
)


def container_config(
    pod: Obj, container: Obj, pod_ip: str, host_ip: str
) -> ContainerConfig:
    limits = (container.get("resources") or {}).get("limits") or {}
    return ContainerConfig(
        name=container["name"],
        image=container["image"],
        command=tuple(container.get("command") or ()),
        args=tuple(container.get("args") or ()),
        env=tuple(environment(pod, container, pod_ip, host_ip).items()),
        memory_limit=_bytes(limits.get("memory")),
        cpu_limit_millis=_millis(limits.get("cpu")),
        mounts=_mounts(pod, container),
        files=tuple(_files(pod, container, pod_ip).items()),
        hostname=pod["metadata"]["name"],
        termination_message_path=container.get(
            "terminationMessagePath", "/dev/termination-log"
        ),
        termination_message_policy=container.get("terminationMessagePolicy", "File"),
        namespace=pod["metadata"].get("namespace", "default"),
    )


def environment(pod: Obj, container: Obj, pod_ip: str, host_ip: str) -> dict[str, str]:
    env: dict[str, str] = {}
    for var in container.get("env") or []:
        source = var.get("valueFrom")
        if source is None:
            env[var["name"]] = str(var.get("value", ""))
        else:
            env[var["name"]] = _value_from(pod, container, source, pod_ip, host_ip)
    if pod["spec"].get("enableServiceLinks", True) is not False:
        for name, value in KUBERNETES_SERVICE:
            env.setdefault(name, value)
    return env


def _value_from(
    pod: Obj, container: Obj, source: Obj, pod_ip: str, host_ip: str
) -> str:
    if "fieldRef" in source:
        return _field(pod, source["fieldRef"].get("fieldPath", ""), pod_ip, host_ip)
    if "resourceFieldRef" in source:
        return _resource(container, source["resourceFieldRef"])
    return ""


def _field(pod: Obj, path: str, pod_ip: str, host_ip: str) -> str:
    meta, spec = pod["metadata"], pod["spec"]
    simple = {
        "metadata.name": meta.get("name", ""),
        "metadata.namespace": meta.get("namespace", "default"),
        "metadata.uid": meta.get("uid", ""),
        "spec.nodeName": spec.get("nodeName", ""),
        "spec.serviceAccountName": spec.get("serviceAccountName", ""),
        "status.podIP": pod_ip,
        "status.podIPs": pod_ip,
        "status.hostIP": host_ip,
        "status.hostIPs": host_ip,
    }
    if path in simple:
        return str(simple[path])
    for kind in ("labels", "annotations"):
        prefix = f"metadata.{kind}['"
        if path.startswith(prefix) and path.endswith("']"):
            return str((meta.get(kind) or {}).get(path[len(prefix) : -2], ""))
    return ""


def _resource(container: Obj, ref: Obj) -> str:
    section, _, name = str(ref.get("resource", "")).partition(".")
    resources = container.get("resources") or {}
    value = (resources.get(section) or {}).get(name)
    if value is None:
        return "0"
    quantity = parse_quantity(str(value)).value
    divisor = parse_quantity(str(ref.get("divisor", "1"))).value or 1
    return str(-(-quantity // divisor))  # rounded up, as the kubelet does


def _mounts(pod: Obj, container: Obj) -> tuple[tuple[str, str], ...]:
    shared = {v["name"] for v in pod["spec"].get("volumes") or [] if "emptyDir" in v}
    return tuple(
        (m["mountPath"], m["name"])
        for m in container.get("volumeMounts") or []
        if m.get("name") in shared
    )


def _files(pod: Obj, container: Obj, pod_ip: str) -> dict[str, str]:
    meta = pod["metadata"]
    namespace = meta.get("namespace", "default")
    files = {
        "/etc/hostname": meta["name"] + "\n",
        "/etc/hosts": _hosts(meta["name"], pod_ip),
        "/etc/resolv.conf": (
            f"search {namespace}.svc.cluster.local svc.cluster.local cluster.local\n"
            f"nameserver {CLUSTER_DNS}\noptions ndots:5\n"
        ),
    }
    if any(m.get("mountPath") == SA_DIR for m in container.get("volumeMounts") or []):
        files[f"{SA_DIR}/namespace"] = namespace
        files[f"{SA_DIR}/token"] = "eyJhbGciOiJSUzI1NiIsImtpZCI6InNpbXVsYXRlZCJ9"
        files[f"{SA_DIR}/ca.crt"] = "-----BEGIN CERTIFICATE-----\n"
    return files


def _hosts(name: str, ip: str) -> str:
    return (
        "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"
        "::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n"
        "fe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n"
        f"{ip}\t{name}\n"
    )


def _bytes(value: Any) -> int | None:
    if value is None:
        return None
    try:
        return byte_value(str(value))
    except (QuantityError, ValueError):
        return None


def _millis(value: Any) -> int | None:
    if value is None:
        return None
    try:
        return cpu_millis(str(value))
    except (QuantityError, ValueError):
        return None
