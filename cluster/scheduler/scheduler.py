"""kube-scheduler, the component: it talks to the rest of the cluster only
through the API server, as the real one does.

It watches nodes, pods and the objects its plugins read, keeps its own cache
and scheduling queue, and runs one scheduling cycle at a time on the virtual
clock. A cycle takes ``CYCLE_SECONDS`` of simulated time; the pod is assumed
on its node at once, and the binding goes out when the cycle ends, while the
next cycle starts. Each profile (one per ``schedulerName``) is a framework of
its own; they share the cache, the queue and the round-robin start index.

Outcomes are told three ways: Events through the API (``Scheduled``,
``FailedScheduling``, ``Preempted``), the pod's status (PodScheduled=False,
nominatedNodeName), and a ``schedule`` event on the observation seam.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from cluster.apiserver import APIServer
from cluster.clock import Clock, Timer
from cluster.events import EventStream
from cluster.scheduler import report
from cluster.scheduler.algorithm import ScheduleAlgorithm, ScheduleResult
from cluster.scheduler.cache import Cache
from cluster.scheduler.eventhandlers import EventHandlers
from cluster.scheduler.explain.reflector import Reflector
from cluster.scheduler.framework.runtime import Framework
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.frameworks import build_frameworks
from cluster.scheduler.handle import SchedulerHandle
from cluster.scheduler.listers import Listers
from cluster.scheduler.nominator import Nominator
from cluster.scheduler.profile import DEFAULT_SCHEDULER_NAME, Profile, default_profile
from cluster.scheduler.queue import QueuedPodInfo, SchedulingQueue
from cluster.scheduler.registry import IN_TREE, Factory
from cluster.scheduler.schedule_one import CYCLE_SECONDS, NAME, schedule_one

Obj = dict[str, Any]
__all__ = ["CYCLE_SECONDS", "NAME", "Scheduler"]


class Scheduler(EventHandlers):
    def __init__(
        self,
        api: APIServer,
        clock: Clock,
        stream: EventStream,
        profile: Profile | None = None,
        registry: Mapping[str, Factory] | None = None,
        profiles: Sequence[Profile] | None = None,
        explain: bool = True,
    ) -> None:
        self.api = api
        self.clock = clock
        self.stream = stream
        # Out-of-tree plugins join the in-tree ones, as in kube-scheduler.
        self.registry = {**IN_TREE, **(registry or {})}
        self.cache = Cache()
        self.listers = Listers()
        self.nominator = Nominator()
        self.handle = SchedulerHandle(
            api, self.cache, self.listers, self.nominator, clock.rng("preemption")
        )
        self.frameworks = self.build(profiles or [profile or default_profile()])
        self.queue = SchedulingQueue(clock, self._less, self._pre_enqueue, self._wake)
        self.algorithm = ScheduleAlgorithm(
            self.framework, self.cache, clock.rng("scheduler"), self.nominator
        )
        self._pending: dict[str, Obj] = {}
        self._timer: Timer | None = None
        self._free_at = 0.0
        self._stops: list[Callable[[], None]] = []
        # Explanations on pods, as kube-scheduler-simulator writes them.
        self.reflector: Reflector | None = Reflector(api, NAME) if explain else None

    # -- profiles --------------------------------------------------------------

    def build(self, profiles: Sequence[Profile]) -> dict[str, Framework]:
        """One framework per profile; ValueError if one cannot be built."""
        return build_frameworks(profiles, self.registry, self.handle)

    def configure(
        self, profiles: Sequence[Profile], backoff: tuple[float, float] | None = None
    ) -> None:
        """Switch to new profiles (built first: on error nothing changes);
        pending pods are looked at again under the new ones."""
        self.frameworks = self.build(profiles)
        self.algorithm.framework = self.framework
        if backoff is not None:
            self.queue.backoff = backoff
        for pod in self.api.list("pods"):
            self.on_pod("MODIFIED", pod)

    def configure_from(self, document: Obj) -> list[str]:
        """Apply a KubeSchedulerConfiguration document; the errors
        kube-scheduler would give (and no change) if it is not valid."""
        from cluster.scheduler.config import ConfigError, load, profiles_of

        try:
            config = load(document)
            backoff = (
                float(config.pod_initial_backoff_seconds or 1),
                float(config.pod_max_backoff_seconds or 10),
            )
            self.configure(profiles_of(config), backoff)
        except ConfigError as err:
            return err.errors
        except ValueError as err:
            return [f"initializing profiles: {err}"]
        return []

    @property
    def framework(self) -> Framework:
        """The first profile's framework (the default one, usually)."""
        return next(iter(self.frameworks.values()))

    @property
    def scheduler_name(self) -> str:
        return self.framework.profile_name

    def framework_for(self, pod: PodInfo) -> Framework | None:
        return self.frameworks.get(pod.scheduler_name or DEFAULT_SCHEDULER_NAME)

    def responsible_for(self, scheduler_name: str) -> bool:
        return scheduler_name in self.frameworks

    # -- lifecycle ---------------------------------------------------------------

    def start(self) -> None:
        """List what exists, then watch for changes, as an informer does."""
        for node in self.api.list("nodes"):
            self.on_node("ADDED", node)
        for pod in self.api.list("pods"):
            self.on_pod("ADDED", pod)
        self._stops = [
            self.api.watch("nodes", self.on_node, actor=NAME),
            self.api.watch("pods", self._on_pod_event, actor=NAME),
            *self.listers.start(self.api, NAME),
        ]

    def _on_pod_event(self, verb: str, pod: Obj) -> None:
        self.on_pod(verb, pod)
        if self.reflector is not None:
            meta = pod["metadata"]
            key = f"{meta.get('namespace') or 'default'}/{meta['name']}"
            self.reflector.on_pod(verb, key, pod)

    def stop(self) -> None:
        for stop in self._stops:
            stop()
        if self._timer is not None:
            self._timer.cancel()

    def node_infos(self) -> list[NodeInfo]:
        """The cache's snapshot of nodes, in node-tree order."""
        return self.cache.node_infos()

    @property
    def pending(self) -> dict[str, Obj]:
        """The latest object of every pending pod this scheduler handles."""
        return self._pending

    def latest(self, pod: PodInfo) -> Obj:
        return self._pending.get(pod.key, pod.pod)

    # -- the loop --------------------------------------------------------------

    def _less(self, a: QueuedPodInfo, b: QueuedPodInfo) -> bool:
        # Every profile must have the same QueueSort (validation sees to it).
        return self.framework.less(a, b)

    def _pre_enqueue(self, pod: PodInfo) -> object:
        fw = self.framework_for(pod)
        return fw.run_pre_enqueue(pod) if fw is not None else None

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
        schedule_one(self, qpi)
        if self.queue.has_ready():
            self._wake()

    # -- observation -----------------------------------------------------------

    def explain(self, qpi: QueuedPodInfo, result: ScheduleResult) -> None:
        """An attempt ended (bound or failed): record it on the pod."""
        if self.reflector is not None and result.record is not None:
            pod = qpi.pod_info
            self.reflector.store(pod.key, pod.uid, result.record)

    def emit(
        self,
        qpi: QueuedPodInfo,
        result: ScheduleResult,
        message: str,
        weights: dict[str, int],
    ) -> None:
        """A decision was made (a node, or none): tell the diagram, with the
        Score weights of the profile that ran."""
        record = result.record
        self.stream.emit(
            "schedule",
            pod=qpi.key,
            node=result.suggested_host,
            filtered=report.filtered(record, self.cache.node_infos()) if record else {},
            scores=report.scores(record) if record else {},
            weights=dict(weights),
            message=message,
            attempt=qpi.attempts,
            **report.preemption(result.nominating),
        )
