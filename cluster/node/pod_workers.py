"""The kubelet's pod workers (``pkg/kubelet/pod_workers.go``).

One worker per pod serializes its syncs: an update that arrives while a sync
runs waits for it to finish. After a sync the worker requeues itself
(``completeWork``) — at a crash-loop back-off's expiry when one held a
container back (a BackoffError), 10 to 15 s after another error
(``backOffPeriod``), 60 to 90 s after a success (``--sync-frequency``), all
with jitter 0.5 and never later than the resync — and PLEG and probe events
wake it early. A pod that gets a deletionTimestamp, or whose phase became
Succeeded or Failed, moves to terminating (kill its containers), then to
terminated (final status; the API delete if it is being deleted).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from cluster.clock import Clock, Timer
from cluster.node.pleg import PLEG

Obj = dict[str, Any]
BACKOFF_PERIOD = 10.0
RESYNC_INTERVAL = 60.0
JITTER_FACTOR = 0.5


@dataclass(frozen=True)
class SyncOutcome:
    ok: bool = True
    backoff_until: float | None = None  # the earliest back-off expiry
    terminal: bool = False  # the pod reached Succeeded or Failed


class PodSyncer(Protocol):
    def sync_pod(
        self,
        pod: Obj,
        done: Callable[[SyncOutcome], None],
        cancelled: Callable[[], bool],
    ) -> None: ...

    def sync_terminating_pod(
        self, pod: Obj, grace: float, done: Callable[[], None]
    ) -> None: ...

    def sync_terminated_pod(self, pod: Obj, deleted: bool) -> None: ...

    def cancel_sync(self, pod: Obj) -> None: ...

    def forget_pod(self, pod: Obj) -> None: ...


class _Worker:
    def __init__(self, owner: PodWorkers, pod: Obj) -> None:
        self.owner = owner
        self.pod = pod
        self.working = False
        self.pending = False
        self.terminating = False
        self.finished = False
        self.deleted = False  # gone from the API before we finished
        self.grace = 0.0
        self.synced_at: float | None = None
        self.timer: Timer | None = None

    def schedule(self, delay: float) -> None:
        if self.timer:
            self.timer.cancel()
        self.timer = self.owner.clock.call_later(delay, self.run)

    def terminate(self, grace: float) -> None:
        self.terminating, self.grace = True, grace
        if self.working:
            self.owner.syncer.cancel_sync(self.pod)
        self.schedule(0)

    def run(self) -> None:
        self.timer = None
        if self.finished or not self.owner.running:
            return
        if self.working:
            self.pending = True
            return
        if self._cache_is_stale():
            return
        self.working = True
        syncer = self.owner.syncer
        if self.terminating:
            syncer.sync_terminating_pod(self.pod, self.grace, self._terminated)
        else:
            syncer.sync_pod(self.pod, self._synced, lambda: self.terminating)

    def _cache_is_stale(self) -> bool:
        """Wait for a pod cache newer than the last sync, as GetNewerThan does."""
        pleg = self.owner.pleg
        if self.synced_at is None or pleg.last_relist() > self.synced_at:
            return False
        self.schedule(pleg.next_relist(self.synced_at) - self.owner.clock.now)
        return True

    def _synced(self, outcome: SyncOutcome) -> None:
        self.working, self.synced_at = False, self.owner.clock.now
        if outcome.terminal and not self.terminating:
            self.terminating, self.grace = True, _grace_of(self.pod)
        if self.pending or self.terminating:
            self.pending = False
            self.schedule(0)
            return
        self.schedule(_jitter(self.owner.rng, self._requeue_after(outcome)))

    def _requeue_after(self, outcome: SyncOutcome) -> float:
        if outcome.ok:
            return RESYNC_INTERVAL
        if outcome.backoff_until is None:
            return BACKOFF_PERIOD
        wait = outcome.backoff_until - self.owner.clock.now
        return min(max(wait, 0.0), RESYNC_INTERVAL)

    def _terminated(self) -> None:
        self.working, self.finished = False, True
        self.owner.syncer.sync_terminated_pod(self.pod, self.deleted)
        if self.deleted:
            self.owner.drop(self)


class PodWorkers:
    def __init__(
        self, clock: Clock, syncer: PodSyncer, pleg: PLEG, rng: random.Random
    ) -> None:
        self.clock = clock
        self.syncer = syncer
        self.pleg = pleg
        self.rng = rng
        self.running = True
        self._workers: dict[str, _Worker] = {}

    def update_pod(self, pod: Obj) -> None:
        """A pod bound to this node was added or changed."""
        uid = pod["metadata"]["uid"]
        worker = self._workers.get(uid)
        if worker is None:
            worker = self._workers[uid] = _Worker(self, pod)
            worker.schedule(0)
        if worker.finished:
            worker.pod = pod
            if pod["metadata"].get("deletionTimestamp"):
                self.syncer.sync_terminated_pod(pod, False)
            return
        worker.pod = pod
        if pod["metadata"].get("deletionTimestamp") and not worker.terminating:
            worker.terminate(_grace_of(pod))

    def reject(self, pod: Obj) -> None:
        """A pod the kubelet refused to admit: known, finished, never run."""
        worker = self._workers.get(pod["metadata"]["uid"])
        if worker is None:
            worker = self._workers[pod["metadata"]["uid"]] = _Worker(self, pod)
        worker.finished = True

    def kill(self, pod_uid: str, grace: float) -> None:
        """``killPodNow``: terminate the pod with this grace period."""
        worker = self._workers.get(pod_uid)
        if worker is not None and not worker.finished:
            worker.terminating = False
            worker.terminate(grace)

    def active_pods(self) -> list[Obj]:
        return [w.pod for w in self._workers.values() if not w.finished]

    def remove_pod(self, pod: Obj) -> None:
        """The pod left the API: finish it if that was not our own delete."""
        worker = self._workers.get(pod["metadata"]["uid"])
        if worker is None:
            return
        if worker.finished:
            self.drop(worker)
            return
        worker.deleted = True
        if not worker.terminating:
            worker.terminate(_grace_of(pod))

    def pleg_event(self, pod_uid: str) -> None:
        worker = self._workers.get(pod_uid)
        if worker is not None and not worker.finished:
            worker.schedule(0)

    def drop(self, worker: _Worker) -> None:
        if worker.timer:
            worker.timer.cancel()
        self._workers.pop(worker.pod["metadata"]["uid"], None)
        self.syncer.forget_pod(worker.pod)

    def stop(self) -> None:
        self.running = False
        for worker in self._workers.values():
            if worker.timer:
                worker.timer.cancel()

    def __contains__(self, pod_uid: str) -> bool:
        return pod_uid in self._workers


def _grace_of(pod: Obj) -> float:
    meta, spec = pod["metadata"], pod.get("spec", {})
    grace = meta.get("deletionGracePeriodSeconds")
    if grace is None:
        grace = spec.get("terminationGracePeriodSeconds", 30)
    return float(grace)


def _jitter(rng: random.Random, period: float) -> float:
    """``wait.Jitter(period, 0.5)``: period plus up to half of it."""
    return period + rng.random() * JITTER_FACTOR * period
