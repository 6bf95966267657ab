"""``sync.go``: the new ReplicaSet and its revision, scaling (proportional while
a rollout is in flight), history cleanup and the plain status sync."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from cluster.api import labelselector
from cluster.api.errors import StatusError
from cluster.controllers.deployment import progress
from cluster.controllers.deployment import util as du
from cluster.controllers.hashing import compute_hash
from cluster.controllers.podutil import new_controller_ref, owned_by
from cluster.jsoncopy import json_copy

if TYPE_CHECKING:
    from cluster.controllers.deployment.controller import DeploymentController

Obj = dict[str, Any]


def sync_status_only(dc: DeploymentController, d: Obj, rs_list: list[Obj]) -> None:
    new_rs, old = all_replica_sets(dc, d, rs_list, create=False)
    sync_deployment_status(dc, [*old, new_rs], new_rs, d)


def sync(dc: DeploymentController, d: Obj, rs_list: list[Obj]) -> None:
    """Scaling events and paused deployments: scale, maybe clean up, status."""
    new_rs, old = all_replica_sets(dc, d, rs_list, create=False)
    scale(dc, d, new_rs, old)
    if d["spec"].get("paused"):
        cleanup(dc, old, d)
    sync_deployment_status(dc, [*old, new_rs], new_rs, d)


def sync_deployment_status(
    dc: DeploymentController, all_rss: list[Obj | None], new_rs: Obj | None, d: Obj
) -> None:
    status = progress.calculate_status(dc, all_rss, new_rs, d)
    if status != d.get("status"):
        d["status"] = status
        dc.update_status(d)


def check_paused_conditions(dc: DeploymentController, d: Obj) -> None:
    if not du.has_progress_deadline(d):
        return
    status = d.setdefault("status", {})
    cond = du.get_condition(status, "Progressing")
    if cond is not None and cond["reason"] == du.TIMED_OUT_REASON:
        return
    paused_cond = cond is not None and cond["reason"] == du.PAUSED_REASON
    if d["spec"].get("paused") and not paused_cond:
        reason, message = du.PAUSED_REASON, "Deployment is paused"
    elif not d["spec"].get("paused") and paused_cond:
        reason, message = du.RESUMED_REASON, "Deployment is resumed"
    else:
        return
    du.set_condition(
        status, du.new_condition("Progressing", "Unknown", reason, message, dc.now())
    )
    dc.update_status(d)


def is_scaling_event(dc: DeploymentController, d: Obj, rs_list: list[Obj]) -> bool:
    new_rs, old = all_replica_sets(dc, d, rs_list, create=False)
    for rs in du.active([*old, *([new_rs] if new_rs else [])]):
        desired = du.annotation(rs, du.DESIRED_REPLICAS)
        if desired is not None and desired.isdigit() and int(desired) != du.replicas(d):
            return True
    return False


def all_replica_sets(
    dc: DeploymentController, d: Obj, rs_list: list[Obj], create: bool
) -> tuple[Obj | None, list[Obj]]:
    """``getAllReplicaSetsAndSyncRevision``: (new, old) with revisions synced."""
    existing = du.find_new(d, rs_list)
    old = [rs for rs in rs_list if existing is None or rs is not existing]
    return new_replica_set(dc, d, rs_list, old, create), old


def new_replica_set(
    dc: DeploymentController, d: Obj, rs_list: list[Obj], old: list[Obj], create: bool
) -> Obj | None:
    existing = du.find_new(d, rs_list)
    new_revision = str(max((du.revision(rs) for rs in old), default=0) + 1)
    if existing is not None:
        return _sync_existing(dc, d, existing, new_revision)
    if not create:
        return None
    return _create_new(dc, d, old, new_revision)


def _sync_existing(dc: DeploymentController, d: Obj, rs: Obj, new_revision: str) -> Obj:
    rs = json_copy(rs)
    changed = du.set_new_rs_annotations(d, rs, new_revision, exists=True)
    min_ready = d["spec"].get("minReadySeconds", 0)
    if changed or rs["spec"].get("minReadySeconds", 0) != min_ready:
        rs["spec"]["minReadySeconds"] = min_ready
        return dc.update_rs(rs)
    needs_update = du.set_annotation(
        d, du.REVISION, du.annotation(rs, du.REVISION) or ""
    )
    status = d.setdefault("status", {})
    if du.has_progress_deadline(d) and du.get_condition(status, "Progressing") is None:
        message = f'Found new replica set "{rs["metadata"]["name"]}"'
        du.set_condition(
            status,
            du.new_condition(
                "Progressing", "True", du.FOUND_NEW_RS_REASON, message, dc.now()
            ),
        )
        needs_update = True
    if needs_update:
        dc.update_status(d)
    return rs


def _create_new(
    dc: DeploymentController, d: Obj, old: list[Obj], new_revision: str
) -> Obj | None:
    rs = _new_rs_object(d)
    rs["spec"]["replicas"] = progress.new_rs_new_replicas(d, [*old, rs], rs)
    du.set_new_rs_annotations(d, rs, new_revision, exists=False)
    name = rs["metadata"]["name"]
    try:
        created = dc.api.create(rs, actor=dc.actor)
    except StatusError as err:
        if err.reason == "AlreadyExists":
            return _collision(dc, d, name)
        _report_create_failure(dc, d, name, err)
        raise
    count = created["spec"]["replicas"]
    if count > 0:
        dc.recorder.normal(
            d, "ScalingReplicaSet", f"Scaled up replica set {name} from 0 to {count}"
        )
    du.set_annotation(d, du.REVISION, new_revision)
    if du.has_progress_deadline(d):
        message = f'Created new replica set "{name}"'
        du.set_condition(
            d.setdefault("status", {}),
            du.new_condition(
                "Progressing", "True", du.NEW_RS_REASON, message, dc.now()
            ),
        )
    dc.update_status(d)
    return dict(created)


def _new_rs_object(d: Obj) -> Obj:
    template = json_copy(d["spec"]["template"])
    collision = (d.get("status") or {}).get("collisionCount")
    pod_hash = compute_hash(d["spec"]["template"], collision)
    labels = {
        **(template.get("metadata", {}).get("labels") or {}),
        du.HASH_LABEL: pod_hash,
    }
    template.setdefault("metadata", {})["labels"] = labels
    return {
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "metadata": {
            "name": f"{d['metadata']['name']}-{pod_hash}",
            "namespace": d["metadata"]["namespace"],
            "ownerReferences": [new_controller_ref(d)],
            "labels": dict(labels),
        },
        "spec": {
            "replicas": 0,
            "minReadySeconds": d["spec"].get("minReadySeconds", 0),
            "selector": labelselector.with_label(
                d["spec"]["selector"], du.HASH_LABEL, pod_hash
            ),
            "template": template,
        },
    }


def _collision(dc: DeploymentController, d: Obj, name: str) -> Obj | None:
    """The name is taken: ours to reuse if it is our template, else a hash
    collision, counted in ``status.collisionCount`` for a new hash next sync."""
    try:
        rs = dc.api.get("replicasets", name, d["metadata"]["namespace"])
    except StatusError:
        return None
    if owned_by(rs, d) and du.equal_ignore_hash(
        rs["spec"]["template"], d["spec"]["template"]
    ):
        return dict(rs)
    status = d.setdefault("status", {})
    status["collisionCount"] = status.get("collisionCount", 0) + 1
    dc.update_status(d)
    raise StatusError(409, "AlreadyExists", f'replicasets.apps "{name}" already exists')


def _report_create_failure(
    dc: DeploymentController, d: Obj, name: str, err: StatusError
) -> None:
    message = f'Failed to create new replica set "{name}": {err.message}'
    if du.has_progress_deadline(d):
        du.set_condition(
            d.setdefault("status", {}),
            du.new_condition(
                "Progressing", "False", du.FAILED_RS_CREATE_REASON, message, dc.now()
            ),
        )
        try:
            dc.update_status(d)
        except StatusError:
            pass
    dc.recorder.warning(d, du.FAILED_RS_CREATE_REASON, message)


# -- scaling -----------------------------------------------------------------------


def scale(dc: DeploymentController, d: Obj, new_rs: Obj | None, old: list[Obj]) -> None:
    target = _active_or_latest(new_rs, old)
    if target is not None:
        if du.replicas(target) != du.replicas(d):
            scale_rs_and_record_event(dc, target, du.replicas(d), d)
        return
    if _saturated(d, new_rs):
        for rs in du.active(old):
            scale_rs_and_record_event(dc, rs, 0, d)
        return
    if du.is_rolling(d):
        _scale_proportionally(dc, d, du.active([*old, *([new_rs] if new_rs else [])]))


def _active_or_latest(new_rs: Obj | None, old: list[Obj]) -> Obj | None:
    """``FindActiveOrLatest``: the only active ReplicaSet, or the newest when
    none is active; None when several are."""
    if new_rs is None and not old:
        return None
    newest_first = sorted(old, key=du.by_creation, reverse=True)
    active = du.active([*newest_first, *([new_rs] if new_rs else [])])
    if len(active) == 1:
        return active[0]
    if active:
        return None
    return new_rs if new_rs is not None else newest_first[0]


def _saturated(d: Obj, rs: Obj | None) -> bool:
    if rs is None:
        return False
    want = du.replicas(d)
    return (
        du.annotation(rs, du.DESIRED_REPLICAS) == str(want)
        and du.replicas(rs) == want
        and (rs.get("status") or {}).get("availableReplicas", 0) == want
    )


def _scale_proportionally(dc: DeploymentController, d: Obj, rss: list[Obj]) -> None:
    allowed = du.replicas(d) + du.max_surge(d) if du.replicas(d) > 0 else 0
    to_add = allowed - du.spec_count(rss)
    if to_add:
        rss.sort(
            key=functools.cmp_to_key(functools.partial(_by_size, newer=to_add > 0))
        )
    sizes, added = {}, 0
    for rs in rss:
        share = progress.rs_proportion(rs, d, to_add, added) if to_add else 0
        sizes[rs["metadata"]["name"]] = du.replicas(rs) + share
        added += share
    for i, rs in enumerate(rss):
        name = rs["metadata"]["name"]
        if i == 0 and to_add:
            sizes[name] = max(sizes[name] + to_add - added, 0)
        scale_rs(dc, rs, sizes[name], d)


def _by_size(a: Obj, b: Obj, newer: bool) -> int:
    """``ReplicaSetsBySizeNewer`` (scaling up) or ``BySizeOlder`` (down):
    larger first; among equals the newer, or the older, first."""
    if du.replicas(a) != du.replicas(b):
        return du.replicas(b) - du.replicas(a)
    ka, kb = du.by_creation(a), du.by_creation(b)
    if ka == kb:
        return 0
    return (-1 if ka > kb else 1) if newer else (-1 if ka < kb else 1)


def scale_rs_and_record_event(
    dc: DeploymentController, rs: Obj, new_scale: int, d: Obj
) -> tuple[bool, Obj]:
    if du.replicas(rs) == new_scale:
        return False, rs
    return scale_rs(dc, rs, new_scale, d)


def scale_rs(
    dc: DeploymentController, rs: Obj, new_scale: int, d: Obj
) -> tuple[bool, Obj]:
    old_scale = du.replicas(rs)
    total = du.replicas(d) + du.max_surge(d)
    resize = old_scale != new_scale
    if not resize and not du.replicas_annotations_need_update(
        rs, du.replicas(d), total
    ):
        return False, rs
    rs = json_copy(rs)
    rs["spec"]["replicas"] = new_scale
    du.set_replicas_annotations(rs, du.replicas(d), total)
    updated = dc.update_rs(rs)
    if resize:
        direction = "up" if old_scale < new_scale else "down"
        dc.recorder.normal(
            d,
            "ScalingReplicaSet",
            f"Scaled {direction} replica set {rs['metadata']['name']} "
            f"from {old_scale} to {new_scale}",
        )
    return resize, updated


def cleanup(dc: DeploymentController, old: list[Obj], d: Obj) -> None:
    """``cleanupDeployment``: delete the oldest idle ReplicaSets beyond
    ``revisionHistoryLimit``."""
    limit = d["spec"].get("revisionHistoryLimit")
    if limit is None:
        return
    alive = [rs for rs in old if not rs["metadata"].get("deletionTimestamp")]
    diff = len(alive) - limit
    if diff <= 0:
        return
    alive.sort(key=lambda rs: (du.revision(rs), du.by_creation(rs)))
    for rs in alive[:diff]:
        status = rs.get("status") or {}
        if (
            status.get("replicas", 0)
            or du.replicas(rs)
            or rs["metadata"].get("generation", 0) > status.get("observedGeneration", 0)
        ):
            continue
        try:
            dc.api.delete(
                "replicasets",
                rs["metadata"]["name"],
                rs["metadata"]["namespace"],
                actor=dc.actor,
            )
        except StatusError as err:
            if err.code != 404:
                raise
