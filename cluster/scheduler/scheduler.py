"""kube-scheduler, the component: it talks to the rest of the cluster only
through the API server, as the real one does.

It watches nodes and pods, keeps its own cache and scheduling queue, and runs
one scheduling cycle at a time on the virtual clock. A cycle takes
``CYCLE_SECONDS`` of simulated time; the pod is assumed on its node at once,
and the binding (``pods/binding``) goes out when the cycle ends, while the next
cycle starts. Outcomes are told three ways: Events through the API
(``Scheduled``, ``FailedScheduling``), the pod's PodScheduled condition on
failure, and a ``schedule`` event on the observation seam for the diagram.

The default profile lacks DefaultPreemption for now (see ``registry.py``), so,
as real kube-scheduler does when no PostFilter plugin is configured, a
FailedScheduling message ends after the filter reasons, with no
"preemption: ..." part.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cluster.api.errors import StatusError
from cluster.apiserver import APIServer
from cluster.clock import Clock, Timer
from cluster.events import EventStream
from cluster.recorder import EventRecorder
from cluster.scheduler import report
from cluster.scheduler.algorithm import ScheduleAlgorithm, ScheduleResult
from cluster.scheduler.cache import Cache
from cluster.scheduler.eventhandlers import EventHandlers
from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.fit_error import Diagnosis, FitError
from cluster.scheduler.framework.runtime import Framework
from cluster.scheduler.framework.status import Status
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.profile import Profile, default_profile
from cluster.scheduler.queue import QueuedPodInfo, SchedulingQueue
from cluster.scheduler.registry import IN_TREE, NOT_YET_IMPLEMENTED, Factory

Obj = dict[str, Any]
NAME = "kube-scheduler"
# Simulated time one scheduling cycle takes; small, fixed, deterministic.
CYCLE_SECONDS = 0.003


class Scheduler(EventHandlers):
    def __init__(self, api: APIServer, clock: Clock, stream: EventStream,
                 profile: Profile | None = None,
                 registry: Mapping[str, Factory] | None = None) -> None:
        self.api = api
        self.clock = clock
        self.stream = stream
        profile = profile or default_profile()
        self.scheduler_name = profile.scheduler_name
        # Out-of-tree plugins join the in-tree ones, as in kube-scheduler.
        plugins = {**IN_TREE, **(registry or {})}
        self.framework = Framework(profile, plugins, self, NOT_YET_IMPLEMENTED)
        self.cache = Cache()
        self.queue = SchedulingQueue(clock, self.framework.less,
                                     self.framework.run_pre_enqueue, self._wake)
        self.algorithm = ScheduleAlgorithm(self.framework, self.cache,
                                           clock.rng("scheduler"))
        self.recorder = EventRecorder(api, profile.scheduler_name, actor=NAME)
        self._pending: dict[str, Obj] = {}
        self._timer: Timer | None = None
        self._free_at = 0.0
        self._stops: list[Callable[[], None]] = []

    def start(self) -> None:
        """List what exists, then watch for changes, as an informer does."""
        for node in self.api.list("nodes"):
            self.on_node("ADDED", node)
        for pod in self.api.list("pods"):
            self.on_pod("ADDED", pod)
        self._stops = [self.api.watch("nodes", self.on_node, actor=NAME),
                       self.api.watch("pods", self.on_pod, actor=NAME)]

    def stop(self) -> None:
        for stop in self._stops:
            stop()
        if self._timer is not None:
            self._timer.cancel()

    def node_infos(self) -> list[NodeInfo]:
        """The framework handle's snapshot of nodes, in node-tree order."""
        return self.cache.node_infos()

    # -- the loop --------------------------------------------------------------

    def _wake(self) -> None:
        if self._timer is None:
            delay = max(0.0, self._free_at - self.clock.now)
            self._timer = self.clock.call_later(delay, self._cycle)

    def _cycle(self) -> None:
        self._timer = None
        qpi = self.queue.pop()
        if qpi is None:
            return
        self._free_at = self.clock.now + CYCLE_SECONDS
        self._schedule_one(qpi)
        if self.queue.has_ready():
            self._wake()

    def _schedule_one(self, qpi: QueuedPodInfo) -> None:
        pod = qpi.pod_info
        if pod.key not in self._pending or self.cache.is_assumed(pod.key):
            return  # skipPodSchedule: gone, or already on its way to a node
        state = CycleState()
        result = self.algorithm.schedule_pod(state, pod)
        host = result.suggested_host
        if host is None:
            self._post_filter(state, pod, result)
            self._failed(qpi, result, result.message())
            return
        self.cache.assume_pod(pod, host)
        status = self._reserve_and_permit(state, pod, host)
        if status is not None:
            failure = _failure_on(host, pod, status)
            self._failed(qpi, failure, failure.message())
            return
        self._emit(qpi, result, f"Successfully assigned {pod.key} to {host}")
        self.clock.call_later(CYCLE_SECONDS, self._bind, qpi, host, state)

    def _post_filter(self, state: CycleState, pod: PodInfo,
                     result: ScheduleResult) -> None:
        """Preemption's turn, when a PostFilter plugin is configured."""
        if result.fit_error is None or not self.framework.post_filter:
            return
        _found, status = self.framework.run_post_filter(
            state, pod, result.fit_error.diagnosis)
        result.fit_error.diagnosis.post_filter_msg = status.message()

    def _reserve_and_permit(self, state: CycleState, pod: PodInfo,
                            host: str) -> Status | None:
        status = self.framework.run_reserve(state, pod, host) or \
            self.framework.run_permit(state, pod, host)
        if status is not None:
            self.framework.run_unreserve(state, pod, host)
            self.cache.forget_pod(pod.key)
        return status

    # -- binding ---------------------------------------------------------------

    def _bind(self, qpi: QueuedPodInfo, host: str, state: CycleState) -> None:
        pod = qpi.pod_info
        status = self.framework.run_pre_bind(state, pod, host) or \
            self.framework.run_bind(state, pod, host)
        if status is None:
            self.recorder.normal(self._latest(pod), "Scheduled",
                                 f"Successfully assigned {pod.key} to {host}")
            self.framework.run_post_bind(state, pod, host)
            return
        self.framework.run_unreserve(state, pod, host)
        self.cache.forget_pod(pod.key)
        # The room the assumed pod held is free again.
        self.queue.move_all_to_active_or_backoff()
        self._failed(qpi, ScheduleResult(status=status), status.message())

    # -- failure ---------------------------------------------------------------

    def _failed(self, qpi: QueuedPodInfo, result: ScheduleResult,
                message: str) -> None:
        """handleSchedulingFailure: requeue, post the event, set the condition."""
        rejected = result.fit_error is not None or (
            result.status is not None and result.status.is_rejected())
        self._emit(qpi, result, message)
        pod = self._latest(qpi.pod_info)
        if qpi.key in self._pending:
            if pod is not qpi.pod_info.pod:
                qpi.pod_info = PodInfo(pod)
            # The plugins to blame decide how the pod waits: for an event if
            # any rejected it, on backoff alone otherwise.
            qpi.unschedulable_plugins = set(result.diagnosis.unschedulable_plugins) \
                if result.fit_error is not None else set()
            self.queue.add_unschedulable(qpi, rejected)
        self.recorder.warning(pod, "FailedScheduling", report.truncate_message(message))
        reason = "Unschedulable" if rejected else "SchedulerError"
        self._set_condition(qpi.pod_info, reason, message)

    def _set_condition(self, pod: PodInfo, reason: str, message: str) -> None:
        """Patch PodScheduled=False onto the pod as it is now; a pod that is
        gone or already bound is left alone, and the simulation carries on."""
        try:
            current = self.api.get("pods", pod.name, pod.namespace)
            if current["spec"].get("nodeName"):
                return
            updated = report.with_scheduled_condition(
                current, reason, message, self.clock.timestamp())
            if updated is not None:
                self.api.update(updated, actor=NAME, subresource="status")
        except StatusError:
            pass

    def _latest(self, pod: PodInfo) -> Obj:
        return self._pending.get(pod.key, pod.pod)

    # -- observation -----------------------------------------------------------

    def _emit(self, qpi: QueuedPodInfo, result: ScheduleResult, message: str) -> None:
        self.stream.emit(
            "schedule", pod=qpi.key, node=result.suggested_host,
            filtered=report.filtered(result, self.cache.node_infos()),
            scores=report.scores(result), message=message, attempt=qpi.attempts)


def _failure_on(host: str, pod: PodInfo, status: Status) -> ScheduleResult:
    """A Reserve or Permit rejection reads like a FitError over that one node."""
    if not status.is_rejected():
        return ScheduleResult(status=status)
    diagnosis = Diagnosis(node_to_status={host: status})
    diagnosis.add_plugin_status(status)
    return ScheduleResult(fit_error=FitError(pod.key, 1, diagnosis))
