"""The kubelet's pod lifecycle event generator (generic PLEG).

The real one relists the runtime every second and wakes the pod workers of
pods whose containers changed. Here the runtime says when something changed
and the relist happens at the next one-second tick, which is what a relist
loop would have seen, without waking the clock every second for nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from cluster.clock import Clock, Timer
from cluster.node.runtime import ContainerRuntime

RELIST_PERIOD = 1.0


class PLEG:
    """Also the pod cache's clock: a sync sees the runtime as of the last relist,
    so a pod worker that synced at ``t`` waits for the first relist after ``t``
    (``podCache.GetNewerThan``) before it syncs again."""

    def __init__(self, clock: Clock, runtime: ContainerRuntime) -> None:
        self._clock = clock
        self._on_event: Callable[[str], None] = lambda uid: None
        self._epoch = clock.now
        self._dirty: dict[str, None] = {}  # ordered set of pod UIDs
        self._timer: Timer | None = None
        self.running = False
        runtime.subscribe(self._changed)

    def start(self, on_event: Callable[[str], None]) -> None:
        self._on_event = on_event
        self.running = True

    def last_relist(self) -> float:
        """When the relist loop last ran (the age of the pod cache)."""
        return self.next_relist(self._clock.now) - RELIST_PERIOD

    def next_relist(self, after: float) -> float:
        ticks = math.floor((after - self._epoch) / RELIST_PERIOD) + 1
        return self._epoch + ticks * RELIST_PERIOD

    def stop(self) -> None:
        self.running = False
        if self._timer:
            self._timer.cancel()
            self._timer = None

    def _changed(self, pod_uid: str) -> None:
        if not self.running:
            return
        self._dirty[pod_uid] = None
        if self._timer is None:
            delay = self.next_relist(self._clock.now) - self._clock.now
            self._timer = self._clock.call_later(delay, self._relist)

    def _relist(self) -> None:
        self._timer = None
        dirty, self._dirty = list(self._dirty), {}
        for pod_uid in dirty:
            self._on_event(pod_uid)
