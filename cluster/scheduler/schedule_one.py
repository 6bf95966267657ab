"""One pod through the scheduling and binding cycles, and what happens when
it fails (``pkg/scheduler/schedule_one.go``: scheduleOne, bindingCycle,
handleSchedulingFailure).

The scheduling cycle ends with the pod assumed on its node; the binding
(``pods/binding``) goes out a cycle later. A failure requeues the pod, posts
a FailedScheduling event, and patches PodScheduled=False (and the
nominatedNodeName preemption chose) onto the pod.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cluster.api.errors import StatusError
from cluster.scheduler import report
from cluster.scheduler.algorithm import ScheduleResult
from cluster.scheduler.explain.record import (
    AttemptRecord,
    note_points,
    note_post_filter,
    record_attempt,
)
from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.fit_error import Diagnosis, FitError
from cluster.scheduler.framework.interface import PostFilterResult
from cluster.scheduler.framework.runtime import Framework
from cluster.scheduler.framework.status import Status
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.queue import QueuedPodInfo

if TYPE_CHECKING:
    from cluster.scheduler.scheduler import Scheduler

Obj = dict[str, Any]
NAME = "kube-scheduler"
# Simulated time one scheduling cycle takes; small, fixed, deterministic.
CYCLE_SECONDS = 0.003
# Where the attempt's record waits in the cycle state for Reserve/Permit.
RECORD_KEY = "kube-scheduler-simulator/record"


def schedule_one(sched: Scheduler, qpi: QueuedPodInfo) -> None:
    pod = qpi.pod_info
    fw = sched.framework_for(pod)
    if fw is None or pod.key not in sched.pending or sched.cache.is_assumed(pod.key):
        return  # skipPodSchedule: gone, already on its way, or not ours
    state = CycleState()
    result = sched.algorithm.schedule_pod(state, pod, fw)
    host = result.suggested_host
    if host is None:
        post_filter(sched, fw, state, pod, result)
        result.record = record_attempt(pod.key, state, result)
        note_post_filter(result.record, result)
        failed(sched, fw, qpi, state, result)
        return
    result.record = record = record_attempt(pod.key, state, result)
    record.selected_node = host
    state.write(RECORD_KEY, record)
    sched.cache.assume_pod(pod, host)
    status = reserve_and_permit(sched, fw, state, pod, host)
    if status is not None:
        failed(sched, fw, qpi, state, failure_on(host, pod, status, result))
        return
    record.message = f"Successfully assigned {pod.key} to {host}"
    sched.emit(qpi, result, record.message, fw.weights)
    sched.clock.call_later(CYCLE_SECONDS, bind, sched, fw, qpi, host, state, result)


def post_filter(
    sched: Scheduler,
    fw: Framework,
    state: CycleState,
    pod: PodInfo,
    result: ScheduleResult,
) -> None:
    """Preemption's turn; without a PostFilter plugin a pod's stale
    nomination is cleared."""
    if result.fit_error is None:
        return
    if not fw.post_filter:
        result.nominating = PostFilterResult("")
        return
    latest = PodInfo(sched.latest(pod))
    found, status = fw.run_post_filter(state, latest, result.fit_error.diagnosis)
    result.fit_error.diagnosis.post_filter_msg = status.message()
    result.nominating = found
    result.post_filter_plugin = status.plugin


def reserve_and_permit(
    sched: Scheduler, fw: Framework, state: CycleState, pod: PodInfo, host: str
) -> Status | None:
    record = state.read(RECORD_KEY) if state.has(RECORD_KEY) else None
    status = fw.run_reserve(state, pod, host)
    _note(record, "reserve", fw.reserve, status)
    if status is None:
        status = fw.run_permit(state, pod, host)
        _note(record, "permit", fw.permit, status)
    if status is not None:
        fw.run_unreserve(state, pod, host)
        sched.cache.forget_pod(pod.key)
    return status


def bind(
    sched: Scheduler,
    fw: Framework,
    qpi: QueuedPodInfo,
    host: str,
    state: CycleState,
    result: ScheduleResult,
) -> None:
    pod = qpi.pod_info
    status = fw.run_pre_bind(state, pod, host)
    _note(result.record, "pre_bind", fw.pre_bind, status)
    if status is None:
        status = fw.run_bind(state, pod, host)
        _note(result.record, "bind", fw.bind[:1], status)
    if status is None:
        sched.explain(qpi, result)
        sched.handle.recorder(fw.profile_name).normal(
            sched.latest(pod), "Scheduled", f"Successfully assigned {pod.key} to {host}"
        )
        fw.run_post_bind(state, pod, host)
        return
    fw.run_unreserve(state, pod, host)
    sched.cache.forget_pod(pod.key)
    # The room the assumed pod held is free again.
    sched.queue.move_all_to_active_or_backoff()
    result.status, result.fit_error, result.suggested_host = status, None, None
    failed(sched, fw, qpi, state, result)


def failed(
    sched: Scheduler,
    fw: Framework,
    qpi: QueuedPodInfo,
    state: CycleState,
    result: ScheduleResult,
) -> None:
    """handleSchedulingFailure: requeue, nominate, post the event, set the
    condition."""
    message = result.message()
    rejected = result.fit_error is not None or (
        result.status is not None and result.status.is_rejected()
    )
    if result.record is not None:
        result.record.message = message
    sched.emit(qpi, result, message, fw.weights)
    sched.explain(qpi, result)
    pod = sched.latest(qpi.pod_info)
    if qpi.key in sched.pending:
        if pod is not qpi.pod_info.pod:
            qpi.pod_info = PodInfo(pod)
        _nominate(sched, qpi.pod_info, result.nominating)
        # The plugins to blame decide how the pod waits: for an event if
        # any rejected it, on backoff alone otherwise.
        qpi.unschedulable_plugins = (
            set(result.diagnosis.unschedulable_plugins)
            if result.fit_error is not None
            else set()
        )
        sched.queue.add_unschedulable(qpi, rejected)
    sched.handle.recorder(fw.profile_name).warning(
        pod, "FailedScheduling", report.truncate_message(message)
    )
    reason = "Unschedulable" if rejected else "SchedulerError"
    write_status(sched, qpi.pod_info, reason, message, result.nominating)


def _nominate(
    sched: Scheduler, pod: PodInfo, nominating: PostFilterResult | None
) -> None:
    """AddNominatedPod: None changes nothing; a name (even "") overrides."""
    if nominating is None:
        return
    if nominating.nominated_node_name:
        sched.nominator.add(pod, nominating.nominated_node_name)
    else:
        sched.nominator.delete(pod.key)


def write_status(
    sched: Scheduler,
    pod: PodInfo,
    reason: str,
    message: str,
    nominating: PostFilterResult | None,
) -> None:
    """updatePod: PodScheduled=False and, when preemption decided one, the
    nominatedNodeName, in one status write; a pod that is gone or already
    bound is left alone, and the simulation carries on."""
    try:
        current = sched.api.get("pods", pod.name, pod.namespace)
        if current["spec"].get("nodeName"):
            return
        changed = (
            report.with_scheduled_condition(
                current, reason, message, sched.clock.timestamp()
            )
            is not None
        )
        changed = report.with_nominated_node(current, nominating) or changed
        if changed:
            sched.api.update(current, actor=NAME, subresource="status")
    except StatusError:
        pass


def _note(
    record: AttemptRecord | None, point: str, plugins: list[Any], status: Status | None
) -> None:
    """Record an extension point's outcome: "success" for the plugins that
    ran, the message of the one that failed."""
    if record is None:
        return
    names = [p.name for p in plugins]
    if status is not None and status.plugin in names:
        names = names[: names.index(status.plugin) + 1]
    note_points(record, point, names, status.message() if status else "")


def failure_on(
    host: str, pod: PodInfo, status: Status, result: ScheduleResult
) -> ScheduleResult:
    """A Reserve or Permit rejection reads like a FitError over that one node."""
    result.suggested_host = None
    if not status.is_rejected():
        result.status = status
        return result
    diagnosis = Diagnosis(node_to_status={host: status})
    diagnosis.add_plugin_status(status)
    result.diagnosis = diagnosis
    result.fit_error = FitError(pod.key, 1, diagnosis)
    return result
