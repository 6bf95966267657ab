"""Deletion with finalizers, as the generic registry store does it.

A DELETE with ``propagationPolicy: Foreground`` or ``Orphan`` does not remove
the object: it adds the ``foregroundDeletion`` or ``orphan`` finalizer and
stamps ``deletionTimestamp`` (``deletionGracePeriodSeconds: 0``); the garbage
collector does its part and takes the finalizer out. Any object whose
finalizers are not all gone stays, marked, until an update removes the last
one; then the API server deletes it (``shouldDeleteDuringUpdate``).
"""

from __future__ import annotations

from typing import Any

from cluster.api.defaults import DEFAULT_TERMINATION_GRACE_PERIOD

Obj = dict[str, Any]
FOREGROUND = "Foreground"
BACKGROUND = "Background"
ORPHAN = "Orphan"
POLICIES = (FOREGROUND, BACKGROUND, ORPHAN)
FINALIZER_FOREGROUND = "foregroundDeletion"
FINALIZER_ORPHAN = "orphan"


def add_gc_finalizers(obj: Obj, policy: str) -> bool:
    """``deletionFinalizersForGarbageCollection``; True if the finalizers changed."""
    meta = obj["metadata"]
    finalizers = list(meta.get("finalizers") or [])
    wanted = {FOREGROUND: FINALIZER_FOREGROUND, ORPHAN: FINALIZER_ORPHAN}.get(policy)
    unwanted = {FINALIZER_FOREGROUND, FINALIZER_ORPHAN} - {wanted}
    kept = [f for f in finalizers if f not in unwanted]
    if wanted and wanted not in kept:
        kept.append(wanted)
    if kept == finalizers:
        return False
    if kept:
        meta["finalizers"] = kept
    else:
        meta.pop("finalizers", None)
    return True


def has_finalizers(obj: Obj) -> bool:
    return bool(obj["metadata"].get("finalizers"))


def mark_deleting(obj: Obj, now: str) -> None:
    """Stamp an object that finalizers keep: deletion starts now, no grace."""
    meta = obj["metadata"]
    meta.setdefault("deletionTimestamp", now)
    meta["deletionGracePeriodSeconds"] = 0


def finished(obj: Obj) -> bool:
    """An update left a deleted object with nothing to wait for: remove it."""
    meta = obj["metadata"]
    return (
        bool(meta.get("deletionTimestamp"))
        and not meta.get("finalizers")
        and meta.get("deletionGracePeriodSeconds") == 0
    )


def gc_finalizers(obj: Obj, policy: str | None, default: str) -> None:
    """A DELETE without a policy keeps the GC finalizers the object has."""
    present = set(obj["metadata"].get("finalizers") or [])
    if policy is None and present & {
        FINALIZER_FOREGROUND,
        FINALIZER_ORPHAN,
    }:
        return
    add_gc_finalizers(obj, policy or default)


def grace_period(obj: Obj, requested: int | None) -> int:
    """Seconds a DELETE gives the object: only a bound, unfinished pod waits."""
    if obj.get("kind") != "Pod" or not obj.get("spec", {}).get("nodeName"):
        return 0
    if obj.get("status", {}).get("phase") in ("Succeeded", "Failed"):
        return 0
    if requested is not None:
        return max(requested, 0)
    return int(
        obj["spec"].get(
            "terminationGracePeriodSeconds", DEFAULT_TERMINATION_GRACE_PERIOD
        )
    )
