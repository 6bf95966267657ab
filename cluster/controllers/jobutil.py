"""Helpers of the Job controller: pod classification, conditions and the
pod-failure back-off (``backoff_utils.go``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cluster.clock import Clock
from cluster.controllers import podutil

Obj = dict[str, Any]
FINALIZER = "batch.kubernetes.io/job-tracking"
DEFAULT_POD_FAILURE_BACKOFF = 10.0
MAX_POD_FAILURE_BACKOFF = 600.0
BACKOFF_LIMIT_EXCEEDED = (
    "BackoffLimitExceeded",
    "Job has reached the specified backoff limit",
)
DEADLINE_EXCEEDED = (
    "DeadlineExceeded",
    "Job was active longer than specified deadline",
)
COMPLETIONS_REACHED = (
    "CompletionsReached",
    "Reached expected number of succeeded pods",
)
INTERIM = {"Failed": "FailureTarget", "Complete": "SuccessCriteriaMet"}


@dataclass
class BackoffRecord:
    """Failures since the last success and when the last one finished."""

    failures: int = 0
    last_failure: float | None = None

    def remaining(self, now: float) -> float:
        """``getRemainingTime``: 10 s doubling per failure, capped at 10 min."""
        if self.failures == 0 or self.last_failure is None:
            return 0.0
        delay = DEFAULT_POD_FAILURE_BACKOFF
        for _ in range(1, self.failures):
            delay *= 2
            if delay >= MAX_POD_FAILURE_BACKOFF:
                delay = MAX_POD_FAILURE_BACKOFF
                break
        return max(delay - (now - self.last_failure), 0.0)

    def updated(self, succeeded: list[float], failed: list[float]) -> BackoffRecord:
        """``newBackoffRecord`` from the finish times of newly finished pods."""
        if not succeeded:
            if not failed:
                return self
            return BackoffRecord(self.failures + len(failed), max(failed))
        last_success = max(succeeded)
        later = sorted(t for t in failed if t > last_success)
        return BackoffRecord(len(later), later[-1] if later else None)


def tracked(pod: Obj) -> bool:
    return FINALIZER in (pod["metadata"].get("finalizers") or [])


def is_failed(pod: Obj, job: Obj) -> bool:
    """``isPodFailed``: Failed, or (unless only failed pods are replaced)
    deleted before it succeeded."""
    if podutil.phase(pod) == "Failed":
        return True
    if _only_replace_failed(job):
        return False
    deleted = bool(pod["metadata"].get("deletionTimestamp"))
    return deleted and podutil.phase(pod) != "Succeeded"


def _only_replace_failed(job: Obj) -> bool:
    spec = job["spec"]
    return spec.get("podReplacementPolicy") == "Failed" or bool(
        spec.get("podFailurePolicy")
    )


def finish_time(pod: Obj, clock: Clock) -> float:
    """``getFinishedTime``: the Ready=False transition of a finished pod, else
    the last container to finish, else the deletion time, else now."""
    ready = podutil.condition(pod, "Ready")
    if (
        podutil.phase(pod) in podutil.TERMINAL
        and ready
        and ready.get("status") == "False"
    ):
        return clock.seconds_of(ready["lastTransitionTime"])
    finished = [
        s["state"]["terminated"]["finishedAt"]
        for s in (pod.get("status") or {}).get("containerStatuses") or []
        if (s.get("state") or {}).get("terminated", {}).get("finishedAt")
    ]
    if finished:
        return max(clock.seconds_of(f) for f in finished)
    deleted = pod["metadata"].get("deletionTimestamp")
    return clock.seconds_of(deleted) if deleted else clock.now


def restarts_on_failure(job: Obj, pods: list[Obj]) -> bool:
    """``pastBackoffLimitOnFailure``: with OnFailure the restarts of the
    running pods' containers count against backoffLimit."""
    spec = job["spec"]
    if spec["template"]["spec"].get("restartPolicy") != "OnFailure":
        return False
    total = 0
    for pod in pods:
        if podutil.phase(pod) in ("Running", "Pending"):
            status = pod.get("status") or {}
            for key in ("initContainerStatuses", "containerStatuses"):
                total += sum(s.get("restartCount", 0) for s in status.get(key) or [])
    limit = spec.get("backoffLimit", 6)
    return total > 0 if limit == 0 else total >= limit


def condition(type_: str, reason: str, message: str, now: str) -> Obj:
    return {
        "type": type_,
        "status": "True",
        "lastProbeTime": now,
        "lastTransitionTime": now,
        "reason": reason,
        "message": message,
    }


def has_condition(job: Obj, type_: str) -> Obj | None:
    for cond in (job.get("status") or {}).get("conditions") or []:
        if cond.get("type") == type_ and cond.get("status") == "True":
            return dict(cond)
    return None


def finished(job: Obj) -> bool:
    return bool(has_condition(job, "Complete") or has_condition(job, "Failed"))
