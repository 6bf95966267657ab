"""``pkg/controller/deployment/util/deployment_util.go``: fenceposts, replica
counts, revisions, the annotations copied onto ReplicaSets, and conditions."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

Obj = dict[str, Any]
HASH_LABEL = "pod-template-hash"
REVISION = "deployment.kubernetes.io/revision"
REVISION_HISTORY = "deployment.kubernetes.io/revision-history"
DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas"
MAX_REPLICAS = "deployment.kubernetes.io/max-replicas"
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
ROLLBACK_TO = "deprecated.deployment.rollback.to"
SKIPPED_ANNOTATIONS = frozenset(
    {
        LAST_APPLIED,
        REVISION,
        REVISION_HISTORY,
        DESIRED_REPLICAS,
        MAX_REPLICAS,
        ROLLBACK_TO,
    }
)
MAX_REV_HISTORY_CHARS = 2000
# Condition reasons (deployment_util.go).
NEW_RS_REASON = "NewReplicaSetCreated"
FOUND_NEW_RS_REASON = "FoundNewReplicaSet"
RS_UPDATED_REASON = "ReplicaSetUpdated"
NEW_RS_AVAILABLE_REASON = "NewReplicaSetAvailable"
TIMED_OUT_REASON = "ProgressDeadlineExceeded"
PAUSED_REASON = "DeploymentPaused"
RESUMED_REASON = "DeploymentResumed"
FAILED_RS_CREATE_REASON = "ReplicaSetCreateError"
MIN_AVAILABLE = "MinimumReplicasAvailable"
MIN_UNAVAILABLE = "MinimumReplicasUnavailable"


def replicas(obj: Obj | None) -> int:
    return int((obj or {}).get("spec", {}).get("replicas", 1)) if obj else 0


def scaled_value(value: Any, total: int, round_up: bool) -> int:
    """``GetScaledValueFromIntOrPercent``."""
    if isinstance(value, int):
        return value
    percent = int(str(value).rstrip("%"))
    exact = percent * total / 100
    return math.ceil(exact) if round_up else math.floor(exact)


def resolve_fenceposts(d: Obj) -> tuple[int, int]:
    """(maxSurge, maxUnavailable); both resolving to 0 makes unavailable 1."""
    rolling = d["spec"]["strategy"].get("rollingUpdate") or {}
    desired = replicas(d)
    surge = scaled_value(rolling.get("maxSurge", 0), desired, True)
    unavailable = scaled_value(rolling.get("maxUnavailable", 0), desired, False)
    if surge == 0 and unavailable == 0:
        unavailable = 1
    return surge, unavailable


def is_rolling(d: Obj) -> bool:
    return d["spec"]["strategy"].get("type") == "RollingUpdate"


def max_surge(d: Obj) -> int:
    return resolve_fenceposts(d)[0] if is_rolling(d) else 0


def max_unavailable(d: Obj) -> int:
    if not is_rolling(d) or replicas(d) == 0:
        return 0
    return min(resolve_fenceposts(d)[1], replicas(d))


def spec_count(rss: Sequence[Obj | None]) -> int:
    """``GetReplicaCountForReplicaSets``: the sum of ``spec.replicas``."""
    return sum(replicas(rs) for rs in rss if rs)


def status_count(rss: Sequence[Obj | None], field: str) -> int:
    return sum(int((rs.get("status") or {}).get(field, 0)) for rs in rss if rs)


def active(rss: list[Obj]) -> list[Obj]:
    """``FilterActiveReplicaSets``: those with ``spec.replicas`` > 0."""
    return [rs for rs in rss if rs and replicas(rs) > 0]


def revision(obj: Obj | None) -> int:
    text = ((obj or {}).get("metadata", {}).get("annotations") or {}).get(REVISION)
    try:
        return int(text) if text else 0
    except ValueError:
        return 0


def by_creation(rs: Obj) -> tuple[str, str]:
    """``ReplicaSetsByCreationTimestamp``: oldest first, then by name."""
    return (rs["metadata"].get("creationTimestamp", ""), rs["metadata"]["name"])


def equal_ignore_hash(a: Obj, b: Obj) -> bool:
    return _without_hash(a) == _without_hash(b)


def _without_hash(template: Obj) -> Obj:
    """A view for comparing only: shallow copies down to the labels, since
    nothing here writes to it (a deep copy per ReplicaSet per sync was the
    controller's main cost)."""
    metadata = dict(template.get("metadata") or {})
    labels = dict(metadata.get("labels") or {})
    labels.pop(HASH_LABEL, None)
    metadata["labels"] = labels
    return {**template, "metadata": metadata}


def find_new(d: Obj, rss: list[Obj]) -> Obj | None:
    for rs in sorted(rss, key=by_creation):
        if equal_ignore_hash(rs["spec"]["template"], d["spec"]["template"]):
            return rs
    return None


def annotation(obj: Obj, key: str) -> str | None:
    return (obj["metadata"].get("annotations") or {}).get(key)


def set_annotation(obj: Obj, key: str, value: str) -> bool:
    annotations = obj["metadata"].setdefault("annotations", {})
    if annotations.get(key) == value:
        return False
    annotations[key] = value
    return True


def set_replicas_annotations(rs: Obj, desired: int, maximum: int) -> bool:
    changed = set_annotation(rs, DESIRED_REPLICAS, str(desired))
    return set_annotation(rs, MAX_REPLICAS, str(maximum)) or changed


def replicas_annotations_need_update(rs: Obj, desired: int, maximum: int) -> bool:
    return annotation(rs, DESIRED_REPLICAS) != str(desired) or annotation(
        rs, MAX_REPLICAS
    ) != str(maximum)


def copy_annotations(d: Obj, rs: Obj) -> bool:
    """``copyDeploymentAnnotationsToReplicaSet`` (all but the skipped ones)."""
    changed = False
    for key, value in (d["metadata"].get("annotations") or {}).items():
        if key not in SKIPPED_ANNOTATIONS:
            changed = set_annotation(rs, key, value) or changed
    return changed


def set_new_rs_annotations(d: Obj, rs: Obj, new_revision: str, exists: bool) -> bool:
    """``SetNewReplicaSetAnnotations``: copy annotations, raise the revision
    (remembering the old one in revision-history on a rollback), and give a
    new ReplicaSet its desired/max replicas."""
    changed = copy_annotations(d, rs)
    old = annotation(rs, REVISION)
    old_int = int(old) if old and old.isdigit() else 0
    if old_int < int(new_revision):
        changed = set_annotation(rs, REVISION, new_revision) or changed
        if old is not None:
            _append_history(rs, old)
    if not exists:
        total = replicas(d) + max_surge(d)
        changed = set_replicas_annotations(rs, replicas(d), total) or changed
    return changed


def _append_history(rs: Obj, old: str) -> None:
    history = annotation(rs, REVISION_HISTORY) or ""
    revisions = [r for r in history.split(",") if r]
    while revisions and len(",".join([*revisions, old])) > MAX_REV_HISTORY_CHARS:
        revisions.pop(0)
    set_annotation(rs, REVISION_HISTORY, ",".join([*revisions, old]))


def get_condition(status: Obj, type_: str) -> Obj | None:
    for cond in status.get("conditions") or []:
        if cond.get("type") == type_:
            return cond
    return None


def new_condition(type_: str, status: str, reason: str, message: str, now: str) -> Obj:
    return {
        "type": type_,
        "status": status,
        "lastUpdateTime": now,
        "lastTransitionTime": now,
        "reason": reason,
        "message": message,
    }


def set_condition(status: Obj, cond: Obj) -> None:
    """``SetDeploymentCondition``: same status and reason is a no-op; same
    status keeps the transition time; the new one goes last."""
    current = get_condition(status, cond["type"])
    if (
        current
        and current["status"] == cond["status"]
        and current["reason"] == cond["reason"]
    ):
        return
    if current and current["status"] == cond["status"]:
        cond = {**cond, "lastTransitionTime": current["lastTransitionTime"]}
    remove_condition(status, cond["type"])
    status.setdefault("conditions", []).append(cond)


def remove_condition(status: Obj, type_: str) -> None:
    kept = [c for c in status.get("conditions") or [] if c.get("type") != type_]
    if kept:
        status["conditions"] = kept
    else:
        status.pop("conditions", None)


def has_progress_deadline(d: Obj) -> bool:
    deadline = d["spec"].get("progressDeadlineSeconds")
    return deadline is not None and deadline != 2**31 - 1


def deployment_complete(d: Obj, status: Obj) -> bool:
    want = replicas(d)
    return (
        status.get("updatedReplicas", 0) == want
        and status.get("replicas", 0) == want
        and status.get("availableReplicas", 0) == want
        and status.get("observedGeneration", 0) >= d["metadata"].get("generation", 0)
    )


def deployment_progressing(d: Obj, status: Obj) -> bool:
    old = d.get("status") or {}
    old_old = old.get("replicas", 0) - old.get("updatedReplicas", 0)
    new_old = status.get("replicas", 0) - status.get("updatedReplicas", 0)
    return (
        status.get("updatedReplicas", 0) > old.get("updatedReplicas", 0)
        or new_old < old_old
        or status.get("readyReplicas", 0) > old.get("readyReplicas", 0)
        or status.get("availableReplicas", 0) > old.get("availableReplicas", 0)
    )
