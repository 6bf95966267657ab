"""``progress.go`` and the status arithmetic: ``calculateStatus``, the
Progressing condition against ``progressDeadlineSeconds``, the resync of a
stuck rollout, and the replica counts a scale-up may reach."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cluster.controllers.deployment import util as du
from cluster.controllers.podutil import key_of
from cluster.jsoncopy import json_copy

if TYPE_CHECKING:
    from cluster.controllers.deployment.controller import DeploymentController

Obj = dict[str, Any]


def calculate_status(
    dc: DeploymentController, all_rss: list[Obj | None], new_rs: Obj | None, d: Obj
) -> Obj:
    rss = [rs for rs in all_rss if rs]
    available = du.status_count(rss, "availableReplicas")
    unavailable = max(du.spec_count(rss) - available, 0)
    status: Obj = {}
    for key, value in (
        ("observedGeneration", d["metadata"].get("generation", 0)),
        ("replicas", du.status_count(rss, "replicas")),
        ("updatedReplicas", du.status_count([new_rs], "replicas")),
        ("readyReplicas", du.status_count(rss, "readyReplicas")),
        ("availableReplicas", available),
        ("unavailableReplicas", unavailable),
        ("collisionCount", (d.get("status") or {}).get("collisionCount", 0)),
    ):
        if value:
            status[key] = value
    status["terminatingReplicas"] = du.status_count(rss, "terminatingReplicas")
    conditions = json_copy((d.get("status") or {}).get("conditions") or [])
    if conditions:
        status["conditions"] = conditions
    du.set_condition(status, _availability(dc, d, available))
    return status


def _availability(dc: DeploymentController, d: Obj, available: int) -> Obj:
    if available >= du.replicas(d) - du.max_unavailable(d):
        return du.new_condition(
            "Available",
            "True",
            du.MIN_AVAILABLE,
            "Deployment has minimum availability.",
            dc.now(),
        )
    return du.new_condition(
        "Available",
        "False",
        du.MIN_UNAVAILABLE,
        "Deployment does not have minimum availability.",
        dc.now(),
    )


def sync_rollout_status(
    dc: DeploymentController, all_rss: list[Obj | None], new_rs: Obj | None, d: Obj
) -> None:
    status = calculate_status(dc, all_rss, new_rs, d)
    if not du.has_progress_deadline(d):
        du.remove_condition(status, "Progressing")
    current = du.get_condition(d.get("status") or {}, "Progressing")
    complete_before = (
        status.get("replicas", 0) == status.get("updatedReplicas", 0)
        and current is not None
        and current["reason"] == du.NEW_RS_AVAILABLE_REASON
    )
    if du.has_progress_deadline(d) and not complete_before:
        _progressing(dc, d, status, new_rs, current)
    if status == d.get("status"):
        _requeue_stuck(dc, d, status)
        return
    d["status"] = status
    dc.update_status(d)


def _progressing(
    dc: DeploymentController,
    d: Obj,
    status: Obj,
    new_rs: Obj | None,
    current: Obj | None,
) -> None:
    subject = (
        f'ReplicaSet "{new_rs["metadata"]["name"]}"'
        if new_rs
        else f'Deployment "{d["metadata"]["name"]}"'
    )
    if du.deployment_complete(d, status):
        du.set_condition(
            status,
            du.new_condition(
                "Progressing",
                "True",
                du.NEW_RS_AVAILABLE_REASON,
                f"{subject} has successfully progressed.",
                dc.now(),
            ),
        )
    elif du.deployment_progressing(d, status):
        cond = du.new_condition(
            "Progressing",
            "True",
            du.RS_UPDATED_REASON,
            f"{subject} is progressing.",
            dc.now(),
        )
        if current is not None:
            if current["status"] == "True":
                cond["lastTransitionTime"] = current["lastTransitionTime"]
            du.remove_condition(status, "Progressing")
        du.set_condition(status, cond)
    elif timed_out(dc, d, status):
        du.set_condition(
            status,
            du.new_condition(
                "Progressing",
                "False",
                du.TIMED_OUT_REASON,
                f"{subject} has timed out progressing.",
                dc.now(),
            ),
        )


def timed_out(dc: DeploymentController, d: Obj, status: Obj) -> bool:
    """``DeploymentTimedOut``: no progress for ``progressDeadlineSeconds``
    since the Progressing condition was last updated."""
    cond = du.get_condition(status, "Progressing")
    if not du.has_progress_deadline(d) or cond is None:
        return False
    if cond["reason"] in (du.NEW_RS_AVAILABLE_REASON, du.TIMED_OUT_REASON):
        return cond["reason"] == du.TIMED_OUT_REASON
    updated = dc.clock.seconds_of(cond["lastUpdateTime"])
    return updated + d["spec"]["progressDeadlineSeconds"] < dc.clock.now


def _requeue_stuck(dc: DeploymentController, d: Obj, status: Obj) -> None:
    """``requeueStuckDeployment``: check again when the deadline passes."""
    current = du.get_condition(d.get("status") or {}, "Progressing")
    if not du.has_progress_deadline(d) or current is None:
        return
    if du.deployment_complete(d, status) or current["reason"] == du.TIMED_OUT_REASON:
        return
    after = (
        dc.clock.seconds_of(current["lastUpdateTime"])
        + d["spec"]["progressDeadlineSeconds"]
        - dc.clock.now
    )
    if after < 1:
        dc.queue.add_rate_limited(key_of(d))
    else:
        # A second more, against skew between the deadline and the resync.
        dc.queue.add(key_of(d), after + 1)


def new_rs_new_replicas(d: Obj, all_rss: list[Obj], new_rs: Obj) -> int:
    """``NewRSNewReplicas``: as many as maxSurge allows, up to ``replicas``."""
    if d["spec"]["strategy"].get("type") == "Recreate":
        return du.replicas(d)
    surge = du.scaled_value(
        (d["spec"]["strategy"].get("rollingUpdate") or {}).get("maxSurge", 0),
        du.replicas(d),
        True,
    )
    current = du.spec_count(all_rss)
    max_total = du.replicas(d) + surge
    if current >= max_total:
        return du.replicas(new_rs)
    up = min(max_total - current, du.replicas(d) - du.replicas(new_rs))
    return du.replicas(new_rs) + up


def rs_proportion(rs: Obj, d: Obj, to_add: int, added: int) -> int:
    """``GetReplicaSetProportion``: this ReplicaSet's share of a resize."""
    if du.replicas(rs) == 0 or to_add == 0 or to_add == added:
        return 0
    fraction = _fraction(rs, d)
    allowed = to_add - added
    return min(fraction, allowed) if to_add > 0 else max(fraction, allowed)


def _fraction(rs: Obj, d: Obj) -> int:
    if du.replicas(d) == 0:
        return -du.replicas(rs)
    new_max = du.replicas(d) + du.max_surge(d)
    text = du.annotation(rs, du.MAX_REPLICAS)
    before = int(text) if text and text.isdigit() else 0
    if before == 0:
        before = du.replicas(rs)
    exact = du.replicas(rs) * new_max / before
    return _round_half_away(exact) - du.replicas(rs)


def _round_half_away(value: float) -> int:
    """Go's ``math.Round``: halves away from zero."""
    whole = int(abs(value) + 0.5)
    return whole if value >= 0 else -whole
