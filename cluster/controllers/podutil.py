"""Pod and owner helpers the workload controllers share (``controller_utils.go``,
``podutil``): which pods are active, ready or available, and controller refs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cluster.jsoncopy import json_copy
from cluster.kubectl.timefmt import parse_timestamp

Obj = dict[str, Any]
TERMINAL = ("Succeeded", "Failed")


def is_active(pod: Obj) -> bool:
    """``IsPodActive``: not finished and not being deleted."""
    return phase(pod) not in TERMINAL and not pod["metadata"].get("deletionTimestamp")


def is_terminating(pod: Obj) -> bool:
    """``FilterTerminatingPods``: being deleted but not yet finished."""
    return bool(pod["metadata"].get("deletionTimestamp")) and phase(pod) not in TERMINAL


def phase(pod: Obj) -> str:
    return str((pod.get("status") or {}).get("phase") or "Pending")


def condition(obj: Obj, type_: str) -> Obj | None:
    for cond in (obj.get("status") or {}).get("conditions") or []:
        if cond.get("type") == type_:
            return dict(cond)
    return None


def is_ready(pod: Obj) -> bool:
    cond = condition(pod, "Ready")
    return cond is not None and cond.get("status") == "True"


def ready_since(pod: Obj) -> datetime | None:
    cond = condition(pod, "Ready")
    stamp = cond.get("lastTransitionTime") if cond else None
    return parse_timestamp(stamp) if stamp else None


def is_available(pod: Obj, min_ready_seconds: int, now: datetime) -> bool:
    """``IsPodAvailable``: ready for at least ``minReadySeconds``."""
    if not is_ready(pod):
        return False
    if not min_ready_seconds:
        return True
    since = ready_since(pod)
    return since is not None and (now - since).total_seconds() > min_ready_seconds


def controller_ref(obj: Obj) -> Obj | None:
    for ref in obj["metadata"].get("ownerReferences") or []:
        if ref.get("controller"):
            return dict(ref)
    return None


def owned_by(obj: Obj, owner: Obj) -> bool:
    ref = controller_ref(obj)
    return ref is not None and ref.get("uid") == owner["metadata"].get("uid")


def new_controller_ref(owner: Obj) -> Obj:
    """``metav1.NewControllerRef``: controller and blockOwnerDeletion set."""
    meta = owner["metadata"]
    return {
        "apiVersion": owner["apiVersion"],
        "kind": owner["kind"],
        "name": meta["name"],
        "uid": meta["uid"],
        "controller": True,
        "blockOwnerDeletion": True,
    }


def key_of(obj: Obj) -> tuple[str, str]:
    meta = obj["metadata"]
    return (meta.get("namespace") or "default", meta["name"])


def restarts(pod: Obj) -> int:
    statuses = (pod.get("status") or {}).get("containerStatuses") or []
    return max((s.get("restartCount", 0) for s in statuses), default=0)


def pod_prefix(owner: Obj) -> str:
    """``getPodsPrefix``: ``<name>-`` for generated pod names."""
    return f"{owner['metadata']['name']}-"


def template_pod(template: Obj, owner: Obj, prefix: str) -> Obj:
    """``GetPodFromTemplate``: labels, annotations, finalizers and spec from
    the template, ``generateName`` from the owner, the controller ref set."""
    meta = template.get("metadata") or {}
    pod_meta: Obj = {
        "generateName": prefix,
        "namespace": owner["metadata"].get("namespace"),
        "ownerReferences": [new_controller_ref(owner)],
    }
    for key in ("labels", "annotations", "finalizers"):
        if meta.get(key):
            pod_meta[key] = json_copy(meta[key])
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": pod_meta,
        "spec": json_copy(template.get("spec") or {}),
    }
