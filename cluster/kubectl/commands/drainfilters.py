"""Which pods ``kubectl drain`` evicts (``staging/.../kubectl/pkg/drain/filters.go``).

The filters run in order and the first that says "do not delete" decides;
otherwise the last one's word stands (so a later "okay" hides an earlier
warning, as in kubectl). Errors and warnings are grouped by message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl.command import Invocation

Obj = dict[str, Any]
DAEMONSET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)"
DAEMONSET_WARNING = "ignoring DaemonSet-managed Pods"
LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)"
LOCAL_STORAGE_WARNING = "deleting Pods with local storage"
UNMANAGED_FATAL = (
    "cannot delete Pods that declare no controller (use --force to override)"
)
UNMANAGED_WARNING = "deleting Pods that declare no controller"
MIRROR_ANNOTATION = "kubernetes.io/config.mirror"


@dataclass(frozen=True)
class Verdict:
    delete: bool
    reason: str = "Okay"  # Okay | Skip | Warning | Error
    message: str = ""


OKAY = Verdict(True)
SKIP = Verdict(False, "Skip")


def verdict(inv: Invocation, pod: Obj) -> Verdict:
    result = OKAY
    for check in (_daemonset, _mirror, _local_storage, _unreplicated):
        result = check(inv, pod)
        if not result.delete:
            break
    return result


def grouped(pods: list[tuple[Obj, Verdict]], reason: str) -> dict[str, list[str]]:
    """Pods (``ns/name``) by message, for the verdicts of one reason."""
    groups: dict[str, list[str]] = {}
    for pod, found in pods:
        if found.reason == reason:
            meta = pod["metadata"]
            message = found.message or "unexpected error"
            groups.setdefault(message, []).append(f"{meta['namespace']}/{meta['name']}")
    return groups


def _terminal(pod: Obj) -> bool:
    return pod.get("status", {}).get("phase") in ("Succeeded", "Failed")


def _controller(pod: Obj) -> Obj | None:
    refs = pod["metadata"].get("ownerReferences") or []
    return next((r for r in refs if r.get("controller")), None)


def _daemonset(inv: Invocation, pod: Obj) -> Verdict:
    ref = _controller(pod)
    if ref is None or (ref.get("kind"), ref.get("apiVersion")) != (
        "DaemonSet",
        "apps/v1",
    ):
        return OKAY
    if _terminal(pod):
        return OKAY
    try:
        inv.ctx.api.get("daemonsets", ref["name"], pod["metadata"]["namespace"])
    except (KeyError, StatusError) as exc:
        message = exc.message if isinstance(exc, StatusError) else str(exc)
        if isinstance(exc, StatusError) and exc.code == 404 and inv.opt("force"):
            return Verdict(True, "Warning", message)
        return Verdict(False, "Error", message)
    if not inv.opt("ignore-daemonsets"):
        return Verdict(False, "Error", DAEMONSET_FATAL)
    return Verdict(False, "Warning", DAEMONSET_WARNING)


def _mirror(inv: Invocation, pod: Obj) -> Verdict:
    if MIRROR_ANNOTATION in (pod["metadata"].get("annotations") or {}):
        return SKIP
    return OKAY


def _local_storage(inv: Invocation, pod: Obj) -> Verdict:
    volumes = pod.get("spec", {}).get("volumes") or []
    if not any("emptyDir" in v for v in volumes) or _terminal(pod):
        return OKAY
    if not inv.opt("delete-emptydir-data"):
        return Verdict(False, "Error", LOCAL_STORAGE_FATAL)
    return Verdict(True, "Warning", LOCAL_STORAGE_WARNING)


def _unreplicated(inv: Invocation, pod: Obj) -> Verdict:
    if _terminal(pod) or _controller(pod) is not None:
        return OKAY
    if inv.opt("force"):
        return Verdict(True, "Warning", UNMANAGED_WARNING)
    return Verdict(False, "Error", UNMANAGED_FATAL)
