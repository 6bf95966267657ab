"""``recreate.go``: scale every old ReplicaSet to zero, wait until none of
their pods is left running, then create and scale up the new one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cluster.controllers import podutil
from cluster.controllers.deployment import progress, sync
from cluster.controllers.deployment import util as du

if TYPE_CHECKING:
    from cluster.controllers.deployment.controller import DeploymentController

Obj = dict[str, Any]


def rollout_recreate(
    dc: DeploymentController,
    d: Obj,
    rs_list: list[Obj],
    pod_map: dict[str, list[Obj]],
) -> None:
    new_rs, old = sync.all_replica_sets(dc, d, rs_list, create=False)
    all_rss: list[Obj | None] = [*old, new_rs]
    scaled_down = False
    for rs in du.active(old):
        scaled_down = sync.scale_rs_and_record_event(dc, rs, 0, d)[0] or scaled_down
    if scaled_down or _old_pods_running(new_rs, old, pod_map):
        progress.sync_rollout_status(dc, all_rss, new_rs, d)
        return
    if new_rs is None:
        new_rs, old = sync.all_replica_sets(dc, d, rs_list, create=True)
        all_rss = [*old, new_rs]
    if new_rs is not None and du.replicas(new_rs) != du.replicas(d):
        sync.scale_rs_and_record_event(dc, new_rs, du.replicas(d), d)
    if du.deployment_complete(d, d.get("status") or {}):
        sync.cleanup(dc, old, d)
    progress.sync_rollout_status(dc, all_rss, new_rs, d)


def _old_pods_running(
    new_rs: Obj | None, old: list[Obj], pod_map: dict[str, list[Obj]]
) -> bool:
    """``oldPodsRunning``: any old pod not Succeeded or Failed, terminating
    ones included."""
    if du.status_count(old, "replicas") > 0:
        return True
    new_uid = new_rs["metadata"]["uid"] if new_rs else None
    return any(
        podutil.phase(pod) not in podutil.TERMINAL
        for uid, pods in pod_map.items()
        if uid != new_uid
        for pod in pods
    )
