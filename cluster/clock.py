"""Virtual time: an event queue keyed ``(time, priority, seq)`` and seeded randomness.

The engine never reads the wall clock. Everything that happens in a cluster is
a callback scheduled on one ``Clock``; running the queue is the only way time
moves. Real-time playback lives outside the engine (see ``visual.simhost``).
"""

from __future__ import annotations

import heapq
import itertools
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

DEFAULT_EPOCH = datetime(2026, 1, 5, 9, 0, 0, tzinfo=UTC)

# Lower runs first among callbacks due at the same instant.
URGENT = 0
NORMAL = 1


@dataclass(order=True)
class Timer:
    time: float
    priority: int
    seq: int
    callback: Callable[..., Any] = field(compare=False)
    args: tuple[Any, ...] = field(compare=False, default=())
    cancelled: bool = field(compare=False, default=False)

    def cancel(self) -> None:
        self.cancelled = True


class Clock:
    """Simulated seconds since the cluster was created, and what is due when."""

    def __init__(self, seed: int = 0, epoch: datetime = DEFAULT_EPOCH) -> None:
        self.seed = seed
        self.epoch = epoch
        self.now = 0.0
        self._queue: list[Timer] = []
        self._seq = itertools.count()
        self._streams: dict[str, random.Random] = {}

    def call_later(
        self,
        delay: float,
        callback: Callable[..., Any],
        *args: Any,
        priority: int = NORMAL,
    ) -> Timer:
        """Run ``callback(*args)`` ``delay`` simulated seconds from now."""
        due = round(self.now + max(delay, 0.0), 6)
        timer = Timer(due, priority, next(self._seq), callback, args)
        heapq.heappush(self._queue, timer)
        return timer

    def next_time(self) -> float | None:
        """When the next pending callback is due, or None if nothing is."""
        self._drop_cancelled()
        return self._queue[0].time if self._queue else None

    def run_until(self, until: float) -> None:
        """Run every callback due at or before ``until``, then stand at ``until``."""
        while True:
            self._drop_cancelled()
            if not self._queue or self._queue[0].time > until:
                break
            self._run_one()
        self.now = max(self.now, round(until, 6))

    def step(self) -> bool:
        """Run everything due at the next instant; False if the queue is empty."""
        due = self.next_time()
        if due is None:
            return False
        self.run_until(due)
        return True

    def rng(self, stream: str) -> random.Random:
        """A random stream of its own per purpose, so one use never shifts another."""
        if stream not in self._streams:
            self._streams[stream] = random.Random(f"{self.seed}:{stream}")
        return self._streams[stream]

    def new_uid(self) -> str:
        return str(uuid.UUID(int=self.rng("uid").getrandbits(128), version=4))

    def wall(self, at: float | None = None) -> datetime:
        """The simulated calendar time of ``at`` (default: now)."""
        return self.epoch + timedelta(seconds=self.now if at is None else at)

    def timestamp(self, at: float | None = None) -> str:
        """RFC 3339 with whole seconds, as Kubernetes metadata timestamps are."""
        return self.wall(at).strftime("%Y-%m-%dT%H:%M:%SZ")

    def seconds_of(self, timestamp: str) -> float:
        """The inverse of ``timestamp``: simulated seconds since the epoch."""
        parsed = datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        return (parsed - self.epoch).total_seconds()

    def _run_one(self) -> None:
        timer = heapq.heappop(self._queue)
        self.now = timer.time
        timer.callback(*timer.args)

    def _drop_cancelled(self) -> None:
        while self._queue and self._queue[0].cancelled:
            heapq.heappop(self._queue)
