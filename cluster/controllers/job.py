"""The Job controller (``pkg/controller/job/job_controller.go``), for
NonIndexed Jobs.

Pods carry the ``batch.kubernetes.io/job-tracking`` finalizer from creation;
a finished one is counted in the Job's status, then loses the finalizer. The
controller keeps ``parallelism`` pods running (never more than the remaining
completions), replaces failed ones after the pod-failure back-off (10 s
doubling, capped at 10 min, from the last failure), and fails the Job when
``failed`` exceeds ``backoffLimit`` (with OnFailure: when the running pods'
restarts reach it) or ``activeDeadlineSeconds`` passes. As in v1.35 the
terminal condition comes in two steps: ``SuccessCriteriaMet`` or
``FailureTarget`` first, then ``Complete`` or ``Failed`` once no pod is
terminating. Pod changes reach a Job's sync batched by one second
(``syncJobBatchPeriod``).
"""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError
from cluster.apiserver import APIServer
from cluster.clock import Clock
from cluster.controllers import jobutil, podutil
from cluster.controllers.base import Handler, QueueController
from cluster.controllers.informers import SharedInformerFactory
from cluster.controllers.jobutil import BackoffRecord
from cluster.controllers.refmanager import RefManager
from cluster.controllers.replicaset import slow_start_batch

Obj = dict[str, Any]
COMPONENT = "job-controller"
SYNC_JOB_BATCH_PERIOD = 1.0
MAX_POD_CREATE_DELETE_PER_SYNC = 500


class JobController(QueueController):
    component = COMPONENT
    resource = "jobs"
    kind = "Job"

    def __init__(
        self,
        api: APIServer,
        clock: Clock,
        actor: str,
        informers: SharedInformerFactory | None = None,
    ) -> None:
        super().__init__(api, clock, actor, informers)
        self.backoff: dict[str, BackoffRecord] = {}

    def watches(self) -> list[tuple[str, Handler]]:
        return [("jobs", self._on_job), ("pods", self._on_pod)]

    # -- event handlers ------------------------------------------------------------

    def _on_job(self, verb: str, job: Obj) -> None:
        if verb == "DELETED":
            self.backoff.pop(job["metadata"]["uid"], None)
        self.enqueue(job)

    def _on_pod(self, verb: str, pod: Obj) -> None:
        ref = podutil.controller_ref(pod)
        if ref is None or ref.get("kind") != "Job":
            return
        namespace = pod["metadata"].get("namespace") or "default"
        if verb != "DELETED" and jobutil.tracked(pod) and self._orphaned(pod, ref):
            self._untrack([pod])
            return
        self.queue.add((namespace, ref["name"]), SYNC_JOB_BATCH_PERIOD)

    def _orphaned(self, pod: Obj, ref: Obj) -> bool:
        try:
            job = self.lister("jobs").get(ref["name"], pod["metadata"].get("namespace"))
        except StatusError:
            return True
        return job["metadata"].get("uid") != ref.get("uid")

    # -- syncJob ---------------------------------------------------------------------

    def sync(self, key: tuple[str, str]) -> None:
        namespace, name = key
        try:
            job = self.lister("jobs").get(name, namespace)
        except StatusError:
            return
        pods = RefManager(self.api, self.actor, job, "pods").claim(
            self.lister("pods").list(namespace), job["spec"].get("selector")
        )
        if jobutil.finished(job):
            self._untrack([p for p in pods if jobutil.tracked(p)])
            return
        _Sync(self, job, pods).run()

    # -- pods ------------------------------------------------------------------------

    def create_pods(self, job: Obj, count: int) -> int:
        template = job["spec"]["template"]
        finalizers = template.setdefault("metadata", {}).setdefault("finalizers", [])
        if jobutil.FINALIZER not in finalizers:
            finalizers.append(jobutil.FINALIZER)
        return slow_start_batch(count, lambda: self.create_pod(job, template))

    def delete_pods(self, job: Obj, pods: list[Obj]) -> int:
        return sum(self.delete_pod(job, pod) is None for pod in pods)

    def _untrack(self, pods: list[Obj]) -> None:
        """Remove the tracking finalizer, once the pods are counted."""
        for pod in pods:
            meta = pod["metadata"]
            try:
                fresh = self.api.get("pods", meta["name"], meta.get("namespace"))
            except StatusError:
                continue
            kept = [
                f
                for f in fresh["metadata"].get("finalizers") or []
                if f != jobutil.FINALIZER
            ]
            if kept:
                fresh["metadata"]["finalizers"] = kept
            else:
                fresh["metadata"].pop("finalizers", None)
            try:
                self.api.update(fresh, actor=self.actor)
            except StatusError:
                continue


class _Sync:
    """One ``syncJob``: count, decide, act, then write the status."""

    def __init__(self, jc: JobController, job: Obj, pods: list[Obj]) -> None:
        self.jc = jc
        self.job = job
        self.spec = job["spec"]
        self.status: Obj = dict(job.get("status") or {})
        self.pods = pods
        self.created = 0
        self.active = [p for p in pods if podutil.is_active(p)]
        self.terminating = sum(1 for p in pods if podutil.is_terminating(p))
        self.new_succeeded = [
            p for p in pods if jobutil.tracked(p) and podutil.phase(p) == "Succeeded"
        ]
        self.new_failed = [
            p
            for p in pods
            if jobutil.tracked(p)
            and p not in self.new_succeeded
            and jobutil.is_failed(p, job)
        ]

    @property
    def key(self) -> tuple[str, str]:
        return podutil.key_of(self.job)

    def run(self) -> None:
        now = self.jc.clock.timestamp()
        self.status.setdefault("startTime", now)
        succeeded = self.status.get("succeeded", 0) + len(self.new_succeeded)
        failed = self.status.get("failed", 0) + len(self.new_failed)
        record = self._backoff_record()
        finish = self._interim() or self._failure(failed)
        if finish is not None and finish[0] == "Failed":
            failed += self._fail_active()
        elif finish is None:
            self._manage(succeeded, record)
            finish = self._completion(succeeded)
        self._write(succeeded, failed, finish, now)
        self.jc.backoff[self.job["metadata"]["uid"]] = record

    def _backoff_record(self) -> BackoffRecord:
        clock = self.jc.clock
        record = self.jc.backoff.get(self.job["metadata"]["uid"], BackoffRecord())
        return record.updated(
            [jobutil.finish_time(p, clock) for p in self.new_succeeded],
            [jobutil.finish_time(p, clock) for p in self.new_failed],
        )

    def _interim(self) -> tuple[str, str, str] | None:
        """A Job already at FailureTarget or SuccessCriteriaMet finishes so."""
        for final, interim in jobutil.INTERIM.items():
            cond = jobutil.has_condition(self.job, interim)
            if cond is not None:
                return final, cond.get("reason", ""), cond.get("message", "")
        return None

    def _failure(self, failed: int) -> tuple[str, str, str] | None:
        if failed > self.spec.get("backoffLimit", 6) or jobutil.restarts_on_failure(
            self.job, self.pods
        ):
            return ("Failed", *jobutil.BACKOFF_LIMIT_EXCEEDED)
        deadline = self.spec.get("activeDeadlineSeconds")
        if deadline is None:
            return None
        elapsed = self.jc.clock.now - self.jc.clock.seconds_of(self.status["startTime"])
        if elapsed >= deadline:
            return ("Failed", *jobutil.DEADLINE_EXCEEDED)
        self.jc.queue.add(self.key, deadline - elapsed)
        return None

    def _fail_active(self) -> int:
        """A failed Job deletes its running pods; they count as failed."""
        deleted = self.jc.delete_pods(self.job, self.active)
        counted = [
            p for p in self.active if jobutil.tracked(p) and p not in self.new_failed
        ]
        self.new_failed += counted
        self.terminating += deleted
        self.active = []
        return len(counted)

    def _manage(self, succeeded: int, record: BackoffRecord) -> None:
        """``manageJob``: delete surplus pods, create missing ones after back-off."""
        want = self._want_active(succeeded)
        surplus = len(self.active) - want
        if surplus > 0:
            victims = self.active[-min(surplus, MAX_POD_CREATE_DELETE_PER_SYNC) :]
            self.jc.delete_pods(self.job, victims)
            self.active = [p for p in self.active if p not in victims]
            return
        missing = min(want - len(self.active), MAX_POD_CREATE_DELETE_PER_SYNC)
        if missing <= 0:
            return
        remaining = record.remaining(self.jc.clock.now)
        if remaining > 0:
            self.jc.queue.add(self.key, remaining)
            return
        try:
            self.created = self.jc.create_pods(self.job, missing)
        except StatusError:
            self.created = 0

    def _want_active(self, succeeded: int) -> int:
        parallelism = self.spec.get("parallelism", 1)
        completions = self.spec.get("completions")
        if completions is None:
            return len(self.active) if succeeded > 0 else parallelism
        return max(min(completions - succeeded, parallelism), 0)

    def _completion(self, succeeded: int) -> tuple[str, str, str] | None:
        active = len(self.active) + self.created
        completions = self.spec.get("completions")
        done = succeeded > 0 if completions is None else succeeded >= completions
        return (
            ("Complete", *jobutil.COMPLETIONS_REACHED) if done and active == 0 else None
        )

    # -- status ------------------------------------------------------------------------

    def _write(
        self, succeeded: int, failed: int, finish: tuple[str, str, str] | None, now: str
    ) -> None:
        status = self._counters(succeeded, failed, finish is not None)
        final_added = finish is not None and self._conditions(status, finish, now)
        changed = status != (self.job.get("status") or {})
        if changed:
            self.job["status"] = status
            self.jc.api.update(self.job, actor=self.jc.actor, subresource="status")
        self.jc._untrack(self.new_succeeded + self.new_failed)
        if final_added and finish is not None:
            self._record_finished(finish)

    def _counters(self, succeeded: int, failed: int, finishing: bool) -> Obj:
        status = {
            k: v
            for k, v in self.status.items()
            if k in ("startTime", "completionTime", "conditions")
        }
        active = 0 if finishing else len(self.active) + self.created
        ready = 0 if finishing else sum(1 for p in self.active if podutil.is_ready(p))
        for key, value in (
            ("active", active),
            ("succeeded", succeeded),
            ("failed", failed),
        ):
            if value:
                status[key] = value
        status["ready"] = ready
        status["terminating"] = self.terminating
        status["uncountedTerminatedPods"] = {}
        return status

    def _conditions(self, status: Obj, finish: tuple[str, str, str], now: str) -> bool:
        """Add the interim condition, and the final one when nothing is left
        terminating; True if the final one was added now."""
        final, reason, message = finish
        conditions = list(status.get("conditions") or [])
        types = {c.get("type") for c in conditions}
        interim = jobutil.INTERIM[final]
        if interim not in types:
            conditions.append(jobutil.condition(interim, reason, message, now))
        added = False
        if final not in types and self.terminating == 0:
            conditions.append(jobutil.condition(final, reason, message, now))
            if final == "Complete":
                status["completionTime"] = now
            added = True
        status["conditions"] = conditions
        return added

    def _record_finished(self, finish: tuple[str, str, str]) -> None:
        final, reason, message = finish
        if final == "Complete":
            self.jc.recorder.normal(self.job, "Completed", "Job completed")
        else:
            self.jc.recorder.warning(self.job, reason, message)
