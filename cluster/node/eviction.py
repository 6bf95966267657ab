"""The kubelet's eviction manager (``pkg/kubelet/eviction``), for memory.

Every ``evictionMonitoringPeriod`` (10 s) it compares ``memory.available``
(capacity minus the containers' working set) with the hard threshold
``memory.available<100Mi``. Below it the node reports MemoryPressure and
the manager evicts one pod per round: first pods using more memory than
they request, then by priority, then by how far over their request they
are. Rounds run only while something changed or pressure lasts, so an idle
node costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.api.quantity import byte_value, canonical_text
from cluster.clock import Clock, Timer
from cluster.node.runtime import ContainerRuntime

Obj = dict[str, Any]
MONITORING_PERIOD = 10.0
THRESHOLD = 100 * 1024 * 1024
THRESHOLD_TEXT = "100Mi"


class EvictionManager:
    def __init__(
        self,
        clock: Clock,
        runtime: ContainerRuntime,
        capacity: int,
        active_pods: Callable[[], list[Obj]],
        evict: Callable[[Obj, str], None],
        on_pressure: Callable[[bool], None],
    ) -> None:
        self.clock = clock
        self.runtime = runtime
        self.capacity = capacity
        self.active_pods = active_pods
        self.evict = evict
        self.on_pressure = on_pressure
        self.under_pressure = False
        self._timer: Timer | None = None
        self.running = False
        runtime.on_memory_change(self._changed)

    def start(self) -> None:
        self.running = True
        if self.runtime.memory_usage():  # a restarted kubelet finds containers
            self._changed()

    def stop(self) -> None:
        self.running = False
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def available(self) -> int:
        return self.capacity - self.runtime.memory_usage()

    def _changed(self) -> None:
        if self.running and self._timer is None:
            now = self.clock.now
            due = (int(now // MONITORING_PERIOD) + 1) * MONITORING_PERIOD
            self._timer = self.clock.call_later(due - now, self._synchronize)

    def _synchronize(self) -> None:
        self._timer = None
        available = self.available()
        pressure = available < THRESHOLD
        if pressure != self.under_pressure:
            self.under_pressure = pressure
            self.on_pressure(pressure)
        if not pressure:
            return
        ranked = rank(self.active_pods(), self.runtime)
        if ranked:
            pod = ranked[0]
            self.evict(pod, eviction_message(pod, available, self.runtime))
        self._timer = self.clock.call_later(MONITORING_PERIOD, self._synchronize)


def usage_of(pod: Obj, runtime: ContainerRuntime) -> dict[str, int]:
    found: dict[str, int] = {}
    for container in runtime.pod_containers(pod["metadata"]["uid"]):
        if container.box is not None and container.state == "CONTAINER_RUNNING":
            found[container.name] = container.box.memory.total
    return found


def _request(container: Obj) -> int:
    value = ((container.get("resources") or {}).get("requests") or {}).get("memory")
    return byte_value(value) if value is not None else 0


def rank(pods: list[Obj], runtime: ContainerRuntime) -> list[Obj]:
    """``rankMemoryPressure``: exceeds requests, then priority, then excess."""

    def key(pod: Obj) -> tuple[bool, int, int]:
        usage = sum(usage_of(pod, runtime).values())
        request = sum(_request(c) for c in pod["spec"]["containers"])
        return (usage <= request, pod["spec"].get("priority", 0), request - usage)

    return sorted(pods, key=key)


def eviction_message(pod: Obj, available: int, runtime: ContainerRuntime) -> str:
    """``evictionMessage``: the node's shortfall and the containers over request."""
    text = (
        f"The node was low on resource: memory. Threshold quantity: {THRESHOLD_TEXT}, "
        f"available: {_kib(available)}. "
    )
    usage = usage_of(pod, runtime)
    for container in pod["spec"]["containers"]:
        used = usage.get(container["name"], 0)
        request = _request(container)
        if used > request:
            text += (
                f"Container {container['name']} was using {_kib(used)}, request "
                f"is {_kib(request)}, has larger consumption of memory. "
            )
    return text


def _kib(value: int) -> str:
    """A memory Quantity's String(): ``92464Ki``, ``50Mi``, ``0``."""
    return canonical_text(f"{max(value, 0) // 1024}Ki") if value >= 1024 else "0"
