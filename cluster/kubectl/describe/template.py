"""``DescribePodTemplate`` (describe.go): the ``Pod Template:`` block of the
workload describers and of ``kubectl rollout history --revision``."""

from __future__ import annotations

from typing import Any

from cluster.kubectl.describe.container import describe_containers
from cluster.kubectl.describe.writer import (
    PrefixWriter,
    annotations_multiline,
    labels_multiline,
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
    describe_containers(w, label, containers, [], None, space="  ")


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
