"""``rolling.go``: one step of a RollingUpdate per sync.

Scale the new ReplicaSet up as far as maxSurge allows and stop there if it
moved; otherwise scale the old ones down as far as maxUnavailable allows (the
unhealthy replicas first); otherwise, once the rollout is complete, clean up
the history. Scale-up and scale-down never happen in the same sync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cluster.controllers.deployment import progress, sync
from cluster.controllers.deployment import util as du

if TYPE_CHECKING:
    from cluster.controllers.deployment.controller import DeploymentController

Obj = dict[str, Any]


def rollout_rolling(dc: DeploymentController, d: Obj, rs_list: list[Obj]) -> None:
    new_rs, old = sync.all_replica_sets(dc, d, rs_list, create=True)
    all_rss = [*old, new_rs]
    if new_rs is not None and reconcile_new(dc, all_rss, new_rs, d):
        progress.sync_rollout_status(dc, all_rss, new_rs, d)
        return
    if new_rs is not None and reconcile_old(dc, all_rss, du.active(old), new_rs, d):
        progress.sync_rollout_status(dc, all_rss, new_rs, d)
        return
    if du.deployment_complete(d, d.get("status") or {}):
        sync.cleanup(dc, old, d)
    progress.sync_rollout_status(dc, all_rss, new_rs, d)


def reconcile_new(
    dc: DeploymentController, all_rss: list[Obj | None], new_rs: Obj, d: Obj
) -> bool:
    want, have = du.replicas(d), du.replicas(new_rs)
    if have == want:
        return False
    if have > want:
        return sync.scale_rs_and_record_event(dc, new_rs, want, d)[0]
    target = progress.new_rs_new_replicas(d, [rs for rs in all_rss if rs], new_rs)
    return sync.scale_rs_and_record_event(dc, new_rs, target, d)[0]


def reconcile_old(
    dc: DeploymentController,
    all_rss: list[Obj | None],
    old: list[Obj],
    new_rs: Obj,
    d: Obj,
) -> bool:
    if du.spec_count(old) == 0:
        return False
    min_available = du.replicas(d) - du.max_unavailable(d)
    new_unavailable = du.replicas(new_rs) - du.status_count(
        [new_rs], "availableReplicas"
    )
    max_scaled_down = du.spec_count(all_rss) - min_available - new_unavailable
    if max_scaled_down <= 0:
        return False
    old, cleaned = _cleanup_unhealthy(dc, old, d, max_scaled_down)
    scaled = _scale_down_old(dc, [*old, new_rs], old, d)
    return cleaned + scaled > 0


def _cleanup_unhealthy(
    dc: DeploymentController, old: list[Obj], d: Obj, limit: int
) -> tuple[list[Obj], int]:
    """Drop old replicas that are not available anyway, oldest ReplicaSet first."""
    old = sorted(old, key=du.by_creation)
    total = 0
    for i, rs in enumerate(old):
        if total >= limit:
            break
        unhealthy = du.replicas(rs) - (rs.get("status") or {}).get(
            "availableReplicas", 0
        )
        if du.replicas(rs) == 0 or unhealthy == 0:
            continue
        count = min(limit - total, unhealthy)
        _, old[i] = sync.scale_rs_and_record_event(dc, rs, du.replicas(rs) - count, d)
        total += count
    return old, total


def _scale_down_old(
    dc: DeploymentController, all_rss: list[Obj], old: list[Obj], d: Obj
) -> int:
    """Scale old ReplicaSets down while availability stays above the minimum."""
    min_available = du.replicas(d) - du.max_unavailable(d)
    available = du.status_count(all_rss, "availableReplicas")
    if available <= min_available:
        return 0
    to_scale, total = available - min_available, 0
    for rs in sorted(old, key=du.by_creation):
        if total >= to_scale:
            break
        if du.replicas(rs) == 0:
            continue
        count = min(du.replicas(rs), to_scale - total)
        sync.scale_rs_and_record_event(dc, rs, du.replicas(rs) - count, d)
        total += count
    return total
