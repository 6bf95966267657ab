"""``DescribePodTemplate`` (describe.go): the ``Pod Template:`` block of the
workload describers and of ``kubectl rollout history --revision``."""

from __future__ import annotations

from typing import Any

from cluster.kubectl.describe.pod import describe_probe
from cluster.kubectl.describe.writer import (
    PrefixWriter,
    annotations_multiline,
    labels_multiline,
    resource_lines,
    tolerations_multiline,
)

Obj = dict[str, Any]


def describe_pod_template(w: PrefixWriter, template: Obj | None) -> None:
    w.write(0, "Pod Template:\n")
    if template is None:
        w.write(1, "<unset>")
        return
    meta, spec = template.get("metadata") or {}, template.get("spec") or {}
    labels_multiline(w, "  Labels", meta.get("labels"))
    if meta.get("annotations"):
        annotations_multiline(w, "  Annotations", meta["annotations"])
    if spec.get("serviceAccountName"):
        w.write(1, f"Service Account:\t{spec['serviceAccountName']}\n")
    if spec.get("initContainers"):
        _containers(w, "Init Containers", spec["initContainers"])
    _containers(w, "Containers", spec.get("containers") or [])
    _volumes(w, spec.get("volumes") or [])
    if spec.get("priorityClassName"):
        w.write(1, f"Priority Class Name:\t{spec['priorityClassName']}\n")
    labels_multiline(w, "  Node-Selectors", spec.get("nodeSelector"))
    tolerations_multiline(w, "  Tolerations", spec.get("tolerations"))


def _containers(w: PrefixWriter, label: str, containers: list[Obj]) -> None:
    w.write(0, f"  {label}:{'' if containers else ' <none>'}\n")
    for container in containers:
        w.write(1, f" {container.get('name')}:\n")
        w.write(2, f"Image:\t{container.get('image', '')}\n")
        ports = container.get("ports") or []
        _ports(w, "Port", [_port(p, p.get("containerPort", 0)) for p in ports])
        _ports(w, "Host Port", [_port(p, p.get("hostPort", 0)) for p in ports])
        _command(w, container)
        resource_lines(w, 2, container.get("resources"))
        for title, key in (
            ("Liveness", "livenessProbe"),
            ("Readiness", "readinessProbe"),
            ("Startup", "startupProbe"),
        ):
            if container.get(key):
                w.write(2, f"{title}:\t{describe_probe(container[key])}\n")
        _environment(w, container.get("env") or [])
        _mounts(w, container.get("volumeMounts") or [])


def _port(port: Obj, number: int) -> str:
    text = f"{number}/{port.get('protocol', 'TCP')}"
    return f"{text} ({port['name']})" if port.get("name") else text


def _ports(w: PrefixWriter, title: str, ports: list[str]) -> None:
    text = ", ".join(ports)
    if "," in text:
        w.write(2, f"{title}s:\t{text}\n")
    else:
        w.write(2, f"{title}:\t{text or '<none>'}\n")


def _command(w: PrefixWriter, container: Obj) -> None:
    for title, key in (("Command", "command"), ("Args", "args")):
        if container.get(key):
            w.write(2, f"{title}:\n")
            for item in container[key]:
                for part in str(item).split("\n"):
                    w.write(3, f"{part}\n")


def _environment(w: PrefixWriter, env: list[Obj]) -> None:
    """``describeContainerEnvVars`` without a resolver (no pod to read)."""
    w.write(2, f"Environment:{'' if env else chr(9) + '<none>'}\n")
    for var in env:
        source = var.get("valueFrom")
        if source is None:
            for i, part in enumerate(str(var.get("value", "")).split("\n")):
                w.write(3, f"{var['name']}:\t{part}\n" if i == 0 else f"\t{part}\n")
        elif source.get("fieldRef"):
            ref = source["fieldRef"]
            w.write(
                3,
                f"{var['name']}:\t ({ref.get('apiVersion', '')}:"
                f"{ref.get('fieldPath', '')})\n",
            )
        else:
            w.write(3, f"{var['name']}:\t{_env_ref(source)}\n")


def _env_ref(source: Obj) -> str:
    if source.get("resourceFieldRef"):
        return f" ({source['resourceFieldRef'].get('resource', '')})"
    for key, phrase in (
        ("secretKeyRef", "in secret"),
        ("configMapKeyRef", "of config map"),
    ):
        if source.get(key):
            ref = source[key]
            optional = "true" if ref.get("optional") else "false"
            return (
                f"<set to the key '{ref.get('key')}' {phrase} '{ref.get('name')}'>"
                f"\tOptional: {optional}"
            )
    return ""


def _mounts(w: PrefixWriter, mounts: list[Obj]) -> None:
    ordered = sorted(mounts, key=lambda m: m.get("mountPath", ""))
    w.write(2, f"Mounts:{'' if ordered else chr(9) + '<none>'}\n")
    for mount in ordered:
        flags = ["ro" if mount.get("readOnly") else "rw"]
        if mount.get("subPath"):
            flags.append(f'path="{mount["subPath"]}"')
        w.write(
            3,
            f"{mount.get('mountPath')} from {mount.get('name')} ({','.join(flags)})\n",
        )


def _volumes(w: PrefixWriter, volumes: list[Obj]) -> None:
    if not volumes:
        w.write(0, "  Volumes:\t<none>\n")
        return
    w.write(0, "  Volumes:\n")
    for volume in volumes:
        w.write(1, f" {volume.get('name')}:\n")
        kind = next((k for k in volume if k != "name"), "")
        w.write(2, f"Type:\t{_VOLUME_TYPES.get(kind, kind)}\n")


_VOLUME_TYPES = {
    "emptyDir": "EmptyDir (a temporary directory that shares a pod's lifetime)",
    "hostPath": "HostPath (bare host directory volume)",
    "configMap": "ConfigMap (a volume populated by a ConfigMap)",
    "secret": "Secret (a volume populated by a Secret)",
    "persistentVolumeClaim": (
        "PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the "
        "same namespace)"
    ),
    "projected": (
        "Projected (a volume that contains injected data from multiple sources)"
    ),
}
