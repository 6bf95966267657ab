"""A whole simulated cluster behind one facade: the control plane, the nodes,
and the console, all on one virtual clock.

This is what the headless player, the tests and the web side's simulation host
hold. It has no idea that browsers exist: it reports through ``subscribe``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cluster.apiserver import APIServer
from cluster.clock import Clock
from cluster.console import CommandResult, ConsoleContext, run_line
from cluster.controllers.manager import ControllerManager
from cluster.events import EventStream, Listener
from cluster.node.kubelet import Kubelet
from cluster.node.kubeproxy import KubeProxy
from cluster.node.runtime import ContainerRuntime
from cluster.nodes import SANDBOX_NODES, node_manifest
from cluster.scheduler.scheduler import Scheduler
from cluster.store import Store
from cluster.views import view_of

if TYPE_CHECKING:
    from cluster.scenario import Scenario

__all__ = ["Cluster", "ClusterConfig", "CommandResult"]

Obj = dict[str, Any]
SYSTEM_NAMESPACES = ("default", "kube-node-lease", "kube-public", "kube-system")
CONTROL_PLANE = ("kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager")
NODE_AGENTS = ("kubelet", "kube-proxy", "containerd")


@dataclass
class ClusterConfig:
    seed: int = 0
    nodes: Sequence[Obj] = field(default_factory=lambda: list(SANDBOX_NODES))
    base_dir: Path | None = None


class Cluster:
    def __init__(self, config: ClusterConfig) -> None:
        self.seed = config.seed
        self.clock = Clock(config.seed)
        self.stream = EventStream(self.clock)
        self.store = Store(self.stream)
        self.api = APIServer(self.clock, self.store, self.stream)
        self._bootstrap_namespaces()
        self.scheduler = Scheduler(self.api, self.clock, self.stream)
        self.controller_manager = ControllerManager(self.api, self.clock, self.stream)
        self.kubelets: dict[str, Kubelet] = {}
        self.proxies: dict[str, KubeProxy] = {}
        self._start(config.nodes)
        self._console = ConsoleContext(
            self.api, self.store, self.clock, self.stream, self.advance, config.base_dir
        )
        self.clock.run_until(0)

    # -- construction --------------------------------------------------------

    @classmethod
    def sandbox(cls, seed: int = 0) -> Cluster:
        """One control-plane node and three workers, running."""
        return cls(ClusterConfig(seed=seed))

    @classmethod
    def from_scenario(cls, scenario: Scenario, seed: int | None = None) -> Cluster:
        return cls(
            ClusterConfig(
                seed=scenario.seed if seed is None else seed,
                nodes=scenario.nodes or list(SANDBOX_NODES),
                base_dir=scenario.base_dir,
            )
        )

    @classmethod
    def from_scenario_text(
        cls, text: str, base_dir: Path | None = None, seed: int | None = None
    ) -> Cluster:
        from cluster.scenario import parse_scenario

        return cls.from_scenario(parse_scenario(text, "<scenario>", base_dir), seed)

    # -- time ----------------------------------------------------------------

    @property
    def now(self) -> float:
        return self.clock.now

    def advance(self, seconds: float) -> None:
        self.clock.run_until(self.clock.now + seconds)

    def run_until(self, until: float) -> None:
        self.clock.run_until(until)

    def next_event_time(self) -> float | None:
        return self.clock.next_time()

    def step(self) -> bool:
        return self.clock.step()

    # -- console and observation ----------------------------------------------

    def execute(self, line: str, stdin: str | None = None) -> CommandResult:
        """Run one console command at the current simulated time."""
        return run_line(line, stdin, self._console)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        return self.stream.subscribe(listener)

    def snapshot(self) -> Obj:
        """Everything the diagram draws, as JSON-safe data."""
        return {
            "time": self.clock.now,
            "revision": self.store.revision,
            "components": self.components(),
            "nodes": [view_of(n) for n in self.api.list("nodes")],
            "pods": [view_of(p) for p in self.api.list("pods")],
        }

    def components(self) -> list[Obj]:
        control_node = self._control_plane_node()
        found = [
            {"id": name, "name": name, "node": control_node, "status": "Running"}
            for name in CONTROL_PLANE
        ]
        for node, kubelet in self.kubelets.items():
            found += [
                {
                    "id": f"{agent}/{node}",
                    "name": agent,
                    "node": node,
                    "status": "Running" if kubelet.running else "Stopped",
                }
                for agent in NODE_AGENTS
            ]
        return found

    # -- internals -------------------------------------------------------------

    def _bootstrap_namespaces(self) -> None:
        for name in SYSTEM_NAMESPACES:
            self.api.create(
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}},
                actor="kube-apiserver",
            )

    def _start(self, nodes: Sequence[Obj]) -> None:
        self.scheduler.start()
        self.controller_manager.start()
        for index, entry in enumerate(nodes):
            manifest = node_manifest(entry, index)
            name = manifest["metadata"]["name"]
            runtime = ContainerRuntime(self.clock, name)
            self.kubelets[name] = Kubelet(
                self.api, self.clock, self.stream, manifest, runtime
            )
            self.proxies[name] = KubeProxy(self.api, self.clock, self.stream, name)
            self.kubelets[name].start()
            self.proxies[name].start()

    def _control_plane_node(self) -> str | None:
        for kubelet in self.kubelets.values():
            labels = kubelet.node_manifest["metadata"].get("labels", {})
            if "node-role.kubernetes.io/control-plane" in labels:
                return kubelet.node_name
        return None
