"""The scheduling queue (``pkg/scheduler/backend/queue``): activeQ, backoffQ
and the unschedulable pods, on the virtual clock.

- activeQ is ordered by the QueueSort plugin (PrioritySort).
- A pod some plugin rejected goes to the unschedulable pods and waits for a
  cluster event that could help (a node added or changed, a scheduled pod
  deleted); then it moves to activeQ, or to backoffQ while its backoff lasts.
- A pod that failed with no plugin to blame (an API error, no nodes at all)
  goes straight to backoffQ and retries when its backoff ends.
- Backoff is 1s doubling up to 10s, counted over unschedulable attempts, or
  over consecutive errors for pods that only hit errors (v1.34+).
- With SchedulerPopFromBackoffQ (beta, on since v1.33) an idle scheduler pops
  a pod from backoffQ rather than waiting, but never one backing off after an
  error: that backoff protects the API server.
- Pods left unschedulable for 5 minutes are flushed back (checked every 30s).
- Which events move a parked pod is up to the plugins that rejected it: their
  queueing hints (``hints.py``) look at the event and say whether it may help.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from cluster.clock import Clock, Timer
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.hints import ClusterEvent, should_move

INITIAL_BACKOFF_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 10.0
MAX_IN_UNSCHEDULABLE_SECONDS = 300.0
FLUSH_UNSCHEDULABLE_PERIOD = 30.0


@dataclass(eq=False)
class QueuedPodInfo:
    pod_info: PodInfo
    # When the pod last entered the queue: PrioritySort's tie-breaker.
    timestamp: float
    seq: int
    attempts: int = 0
    unschedulable_count: int = 0
    consecutive_errors: int = 0
    initial_attempt_timestamp: float | None = None
    unschedulable_plugins: set[str] = field(default_factory=set)
    gated: bool = False

    @property
    def key(self) -> str:
        return self.pod_info.key


@dataclass
class _Backoff:
    qpi: QueuedPodInfo
    expiry: float
    timer: Timer
    # Backing off after an error rather than a rejection.
    after_error: bool


Less = Callable[[QueuedPodInfo, QueuedPodInfo], bool]
PreEnqueue = Callable[[PodInfo], object]


class _Entry:
    """An activeQ heap entry: the QueueSort plugin orders, seq breaks ties so
    the order never depends on heap internals."""

    __slots__ = ("qpi", "less")

    def __init__(self, qpi: QueuedPodInfo, less: Less) -> None:
        self.qpi, self.less = qpi, less

    def __lt__(self, other: _Entry) -> bool:
        a, b = self.qpi, other.qpi
        if self.less(a, b):
            return True
        return not self.less(b, a) and a.seq < b.seq


class SchedulingQueue:
    def __init__(
        self,
        clock: Clock,
        less: Less,
        pre_enqueue: PreEnqueue,
        on_ready: Callable[[], None],
    ) -> None:
        self._clock = clock
        self._less = less
        self._pre_enqueue = pre_enqueue
        self._on_ready = on_ready
        self._seq = itertools.count()
        self._active: list[_Entry] = []
        self._active_keys: dict[str, QueuedPodInfo] = {}
        self._backoff: dict[str, _Backoff] = {}
        self._unschedulable: dict[str, QueuedPodInfo] = {}
        self._flush_timer: Timer | None = None
        # podInitialBackoffSeconds and podMaxBackoffSeconds.
        self.backoff = (INITIAL_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS)
        # The flush ticks every 30s from the queue's start, as a Go ticker
        # would; the timer only exists while pods are parked.
        self._started = clock.now

    # -- what is where ---------------------------------------------------------

    def __contains__(self, key: str) -> bool:
        return (
            key in self._active_keys
            or key in self._backoff
            or key in self._unschedulable
        )

    def has_ready(self) -> bool:
        return bool(self._active_keys) or any(
            not b.after_error for b in self._backoff.values()
        )

    def pending(self) -> Iterator[tuple[str, str]]:
        """(pod key, "active" | "backoff" | "unschedulable"), for inspection."""
        yield from ((k, "active") for k in self._active_keys)
        yield from ((k, "backoff") for k in self._backoff)
        yield from ((k, "unschedulable") for k in self._unschedulable)

    # -- pods arriving, changing, leaving ---------------------------------------

    def add(self, pod: PodInfo) -> None:
        qpi = QueuedPodInfo(pod, self._clock.now, next(self._seq))
        self._enqueue(qpi)

    def update(self, pod: PodInfo) -> None:
        """A pending pod changed (labels, tolerations...): it may fit now."""
        qpi = self._take(pod.key)
        if qpi is None:
            return
        qpi.pod_info = pod
        self._requeue(qpi)

    def delete(self, key: str) -> None:
        self._take(key)

    def pop(self) -> QueuedPodInfo | None:
        if self._active:
            qpi = heapq.heappop(self._active).qpi
            del self._active_keys[qpi.key]
        else:
            popped = self._pop_backoff()
            if popped is None:
                return None
            qpi = popped
        qpi.attempts += 1
        if qpi.initial_attempt_timestamp is None:
            qpi.initial_attempt_timestamp = self._clock.now
        return qpi

    def add_unschedulable(self, qpi: QueuedPodInfo, rejected: bool) -> None:
        """After a failed attempt (``rejected``: Unschedulable rather than an
        error). Pods with rejecting plugins wait for an event; the others are
        retried after backoff."""
        qpi.timestamp = self._clock.now
        if rejected:
            qpi.unschedulable_count += 1
            qpi.consecutive_errors = 0
        else:
            qpi.consecutive_errors += 1
        if qpi.unschedulable_plugins:
            self._park(qpi)
        else:
            self._to_backoff(qpi)

    def move_all_to_active_or_backoff(self, event: ClusterEvent | None = None) -> None:
        """MoveAllToActiveOrBackoffQueue: the parked pods the event may help,
        by the hints of the plugins that rejected them (all, with no event)."""
        for key, qpi in list(self._unschedulable.items()):
            if qpi.gated:
                continue
            if event is None or should_move(
                qpi.unschedulable_plugins, qpi.pod_info, event
            ):
                self._requeue(self._unschedulable.pop(key))

    # -- internals -------------------------------------------------------------

    def _enqueue(self, qpi: QueuedPodInfo) -> None:
        qpi.gated = self._pre_enqueue(qpi.pod_info) is not None
        if qpi.gated:
            self._park(qpi)
        else:
            self._to_active(qpi)

    def _requeue(self, qpi: QueuedPodInfo) -> None:
        if qpi.gated:
            self._enqueue(qpi)
        elif self._backoff_expiry(qpi) > self._clock.now:
            self._to_backoff(qpi)
        else:
            self._to_active(qpi)

    def _to_active(self, qpi: QueuedPodInfo) -> None:
        heapq.heappush(self._active, _Entry(qpi, self._less))
        self._active_keys[qpi.key] = qpi
        self._on_ready()

    def _to_backoff(self, qpi: QueuedPodInfo) -> None:
        expiry = self._backoff_expiry(qpi)
        timer = self._clock.call_later(
            expiry - self._clock.now, self._backoff_done, qpi.key
        )
        after_error = not qpi.unschedulable_plugins
        self._backoff[qpi.key] = _Backoff(qpi, expiry, timer, after_error)
        if not after_error:
            self._on_ready()

    def _backoff_done(self, key: str) -> None:
        entry = self._backoff.pop(key, None)
        if entry is not None:
            self._to_active(entry.qpi)

    def _pop_backoff(self) -> QueuedPodInfo | None:
        """The pod whose backoff ends first, among those not backing off
        after an error."""
        waiting = [b for b in self._backoff.values() if not b.after_error]
        if not waiting:
            return None
        first = min(waiting, key=lambda b: (b.expiry, b.qpi.seq))
        del self._backoff[first.qpi.key]
        first.timer.cancel()
        return first.qpi

    def _park(self, qpi: QueuedPodInfo) -> None:
        self._unschedulable[qpi.key] = qpi
        if self._flush_timer is None:
            self._schedule_flush()

    def _flush_unschedulable(self) -> None:
        """flushUnschedulablePodsLeftover: retry pods parked for too long."""
        self._flush_timer = None
        now = self._clock.now
        for key, qpi in list(self._unschedulable.items()):
            if not qpi.gated and now - qpi.timestamp > MAX_IN_UNSCHEDULABLE_SECONDS:
                self._requeue(self._unschedulable.pop(key))
        if self._unschedulable:
            self._schedule_flush()

    def _schedule_flush(self) -> None:
        since = (self._clock.now - self._started) % FLUSH_UNSCHEDULABLE_PERIOD
        self._flush_timer = self._clock.call_later(
            FLUSH_UNSCHEDULABLE_PERIOD - since, self._flush_unschedulable
        )

    def _take(self, key: str) -> QueuedPodInfo | None:
        if key in self._active_keys:
            qpi = self._active_keys.pop(key)
            self._active = [e for e in self._active if e.qpi is not qpi]
            heapq.heapify(self._active)
            return qpi
        if key in self._backoff:
            entry = self._backoff.pop(key)
            entry.timer.cancel()
            return entry.qpi
        return self._unschedulable.pop(key, None)

    def _backoff_expiry(self, qpi: QueuedPodInfo) -> float:
        return qpi.timestamp + backoff_duration(qpi, *self.backoff)


def backoff_duration(
    qpi: QueuedPodInfo,
    initial: float = INITIAL_BACKOFF_SECONDS,
    maximum: float = MAX_BACKOFF_SECONDS,
) -> float:
    """1s, doubling per failed attempt, at most 10s; errors count on their
    own so an API hiccup does not inherit a long unschedulable backoff."""
    count = qpi.consecutive_errors or qpi.unschedulable_count
    if count == 0:
        return 0.0
    duration = initial
    for _ in range(1, count):
        if duration > maximum - duration:
            return maximum
        duration += duration
    return duration
