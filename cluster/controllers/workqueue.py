"""client-go's workqueue, on the virtual clock.

A key added while it waits is not added twice (``Add`` deduplicates) and the
earliest due time wins (``AddAfter``). A sync that fails with an API error is
retried with client-go's ``DefaultControllerRateLimiter``: the longer of a
per-item back-off (5 ms doubling to 1000 s, forgotten after a success) and a
token bucket shared by the queue (10 per second, bursts of 100). The bucket is
what keeps a Deployment waiting for its pods from resyncing every 5 ms.

``InstantBatch`` is the lighter form the endpoint, disruption and quota
controllers use: the keys marked during one instant, synced once after it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from cluster.api.errors import StatusError
from cluster.clock import Clock, Timer

BASE_DELAY = 0.005
MAX_DELAY = 1000.0
BUCKET_QPS = 10.0
BUCKET_BURST = 100

# What a batch holds: a namespace, or a (namespace, name) key; both sort.
K = TypeVar("K", str, tuple[str, str])


class WorkQueue:
    def __init__(self, clock: Clock, handler: Callable[[Any], None]) -> None:
        self._clock = clock
        self._handler = handler
        self._pending: dict[Hashable, Timer] = {}
        self._failures: dict[Hashable, int] = {}
        self._bucket = TokenBucket(clock, BUCKET_QPS, BUCKET_BURST)
        self.running = True

    def add(self, key: Hashable, delay: float = 0.0) -> None:
        if not self.running:
            return
        due = round(self._clock.now + max(delay, 0.0), 6)
        timer = self._pending.get(key)
        if timer is not None and not timer.cancelled and timer.time <= due:
            return
        if timer is not None:
            timer.cancel()
        self._pending[key] = self._clock.call_later(delay, self._process, key)

    def add_rate_limited(self, key: Hashable) -> None:
        failures = self._failures.get(key, 0)
        self._failures[key] = failures + 1
        backoff = min(BASE_DELAY * 2**failures, MAX_DELAY)
        self.add(key, max(backoff, self._bucket.reserve()))

    def stop(self) -> None:
        self.running = False
        for timer in self._pending.values():
            timer.cancel()
        self._pending.clear()

    def _process(self, key: Hashable) -> None:
        self._pending.pop(key, None)
        if not self.running:
            return
        try:
            self._handler(key)
        except StatusError:
            self.add_rate_limited(key)
            return
        self._failures.pop(key, None)


class TokenBucket:
    """``rate.Limiter`` as the bucket limiter uses it: each reservation takes a
    token, and the delay is how long until that token has refilled."""

    def __init__(self, clock: Clock, qps: float, burst: int) -> None:
        self._clock = clock
        self._qps = qps
        self._burst = float(burst)
        self._tokens = float(burst)
        self._last = clock.now

    def reserve(self) -> float:
        now = self._clock.now
        elapsed = max(now - self._last, 0.0)
        self._tokens = min(self._burst, self._tokens + elapsed * self._qps) - 1
        self._last = now
        return max(-self._tokens / self._qps, 0.0)


class InstantBatch(Generic[K]):
    """Keys marked while the current instant's events are handled, synced
    together (sorted, each once) when they are done, as an informer's
    handlers fill a queue that a worker then drains."""

    def __init__(self, clock: Clock, sync: Callable[[K], None]) -> None:
        self._clock = clock
        self._sync: Callable[[K], None] = sync
        self._dirty: set[K] = set()
        self._timer: Timer | None = None

    def mark(self, key: K) -> None:
        self._dirty.add(key)
        if self._timer is None:
            self._timer = self._clock.call_later(0, self._drain)

    def stop(self) -> None:
        if self._timer:
            self._timer.cancel()
            self._timer = None

    def _drain(self) -> None:
        self._timer = None
        dirty, self._dirty = sorted(self._dirty), set()
        for key in dirty:
            self._sync(key)
