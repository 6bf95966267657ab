"""metrics-server: the Metrics API (``metrics.k8s.io``) ``kubectl top`` reads.

A kubeadm cluster has no metrics-server until someone installs it, and then
``kubectl top`` prints ``error: Metrics API not available``. The docs' tasks
that use ``kubectl top`` list it as a prerequisite, so the sandbox has it
installed (``ClusterConfig(metrics_server=False)`` models a cluster without
it). Like the control plane components, it runs outside the API objects of
this sandbox (kube-system holds no pods here), so it is not drawn as a
Deployment; its own small footprint is counted in the node overhead.

How the numbers come about, as on a real cluster:

- metrics-server scrapes every kubelet's resource metrics every
  ``RESOLUTION`` seconds (``--metric-resolution=15s``). CPU is a rate
  between two scrapes, so a container has metrics only once it has run
  through a whole window; before that the pod has none (``kubectl top pod``
  answers ``NotFound``, or ``metrics not available yet``).
- The values are those of the window that ended at the last scrape. A
  container's CPU demand (what its processes would burn, see
  ``cluster.node.process.Box.cpu_millis``) is capped by its CPU limit: the
  CFS quota throttles it, so ``vish/stress -cpus 2`` under a 1-CPU limit
  shows just under 1000m. Rates wobble a little, deterministically per seed.
- Memory is the working set the process model tracks.
- A node's usage is its containers' plus the system's (OS, kubelet,
  containerd; on the control plane also etcd and the control plane).
  A node whose kubelet does not answer has no metrics.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cluster.api.quantity import byte_value, cpu_millis
from cluster.nodes import is_control_plane

if TYPE_CHECKING:
    from cluster.clock import Clock
    from cluster.node.kubelet import Kubelet
    from cluster.node.runtime import Container

Obj = dict[str, Any]
RESOLUTION = 15.0
MI = 1024 * 1024
# (CPU millicores, memory bytes) the system uses besides pods, and a spread.
SYSTEM_WORKER = ((30, 15), (380 * MI, 40 * MI))
SYSTEM_CONTROL_PLANE = ((170, 40), (880 * MI, 60 * MI))


@dataclass(frozen=True)
class Usage:
    cpu_millis: int
    memory_bytes: int

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.cpu_millis + other.cpu_millis, self.memory_bytes + other.memory_bytes
        )


@dataclass(frozen=True)
class ContainerMetrics:
    name: str
    usage: Usage


@dataclass(frozen=True)
class PodMetrics:
    namespace: str
    name: str
    containers: tuple[ContainerMetrics, ...]

    @property
    def usage(self) -> Usage:
        return sum((c.usage for c in self.containers), Usage(0, 0))


class MetricsServer:
    """Answers the Metrics API from what the kubelets' containers do."""

    def __init__(self, clock: Clock, kubelets: Mapping[str, Kubelet]) -> None:
        self.clock = clock
        self.kubelets = kubelets

    @property
    def last_scrape(self) -> float:
        return math.floor(self.clock.now / RESOLUTION + 1e-9) * RESOLUTION

    def pod_metrics(self, pod: Obj) -> PodMetrics | None:
        """The pod's metrics, or None if metrics-server has none for it."""
        kubelet = self._kubelet(pod.get("spec", {}).get("nodeName"))
        if kubelet is None:
            return None
        window_start = self.last_scrape - RESOLUTION
        found = [
            ContainerMetrics(c.name, self._container(kubelet, c))
            for c in kubelet.runtime.pod_containers(pod["metadata"]["uid"])
            if _running(c) and (c.started_at or 0) <= window_start
        ]
        meta = pod["metadata"]
        if not found:
            return None
        return PodMetrics(meta.get("namespace", "default"), meta["name"], tuple(found))

    def node_metrics(self, name: str) -> Usage | None:
        kubelet = self._kubelet(name)
        if kubelet is None or self.last_scrape < RESOLUTION:
            return None
        containers = [c for c in kubelet.runtime.containers.values() if _running(c)]
        usage = sum((self._container(kubelet, c) for c in containers), Usage(0, 0))
        total = usage + self._system(kubelet)
        capacity = _capacity_millis(kubelet)
        return Usage(min(total.cpu_millis, capacity), total.memory_bytes)

    # -- internals -----------------------------------------------------------

    def _kubelet(self, node: str | None) -> Kubelet | None:
        kubelet = self.kubelets.get(node or "")
        return kubelet if kubelet is not None and kubelet.running else None

    def _container(self, kubelet: Kubelet, container: Container) -> Usage:
        box = container.box
        assert box is not None
        limit = container.config.cpu_limit_millis or _capacity_millis(kubelet)
        cap = min(limit, _capacity_millis(kubelet))
        rng = self._rng(container.id)
        return Usage(_cpu(box.cpu_millis, cap, rng), box.memory.total)

    def _system(self, kubelet: Kubelet) -> Usage:
        control_plane = is_control_plane(kubelet.node_manifest)
        base = SYSTEM_CONTROL_PLANE if control_plane else SYSTEM_WORKER
        rng = self._rng(kubelet.node_name)
        (cpu, cpu_spread), (memory, memory_spread) = base
        return Usage(
            cpu + rng.randint(-cpu_spread, cpu_spread),
            memory + rng.randint(-memory_spread, memory_spread),
        )

    def _rng(self, key: str) -> random.Random:
        """Randomness fixed per seed, key and scrape window."""
        return random.Random(f"{self.clock.seed}:metrics:{key}:{self.last_scrape}")


def _cpu(demand: int, cap: int, rng: random.Random) -> int:
    """The average over a window: an idle process rounds to 0m or 1m, a busy
    one gets a little less than it asks, a throttled one a little less than
    its quota (the kernel's CFS periods are never quite full)."""
    if demand <= 0:
        return 1 if rng.random() < 0.3 else 0
    if demand > cap:
        return int(cap * rng.uniform(0.96, 0.995))
    return int(demand * rng.uniform(0.97, 0.998))


def _running(container: Container) -> bool:
    return container.state == "CONTAINER_RUNNING" and container.box is not None


def _capacity_millis(kubelet: Kubelet) -> int:
    capacity = kubelet.node_manifest.get("status", {}).get("capacity") or {}
    return cpu_millis(str(capacity.get("cpu", "2")))


def allocatable(node: Obj) -> Usage:
    """What ``CPU(%)`` and ``MEMORY(%)`` are measured against."""
    status = node.get("status", {})
    return _resources(status.get("allocatable") or status.get("capacity") or {})


def capacity(node: Obj) -> Usage:
    return _resources(node.get("status", {}).get("capacity") or {})


def _resources(found: Obj) -> Usage:
    return Usage(
        cpu_millis(str(found.get("cpu", "0"))),
        byte_value(str(found.get("memory", "0"))),
    )
