"""A whole simulated cluster behind one facade: the control plane, the nodes,
and the console, all on one virtual clock.

This is what the headless player, the tests and the web side's simulation host
hold. It has no idea that browsers exist: it reports through ``subscribe``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cluster.apiserver import APIServer
from cluster.bootstrap import create_system_objects
from cluster.clock import Clock
from cluster.console import CommandResult, ConsoleContext, run_line
from cluster.consolewatch import WatchSession
from cluster.controllers.manager import ControllerManager
from cluster.events import EventStream, Listener
from cluster.metricsserver import MetricsServer
from cluster.node.kubelet import Kubelet
from cluster.node.kubeproxy import KubeProxy
from cluster.node.runtime import ContainerRuntime
from cluster.nodes import SANDBOX_NODES, is_control_plane, node_manifest
from cluster.proxy.programmed import shown_node
from cluster.proxy.traffic import TrafficBook
from cluster.scheduler.scheduler import Scheduler
from cluster.store import Store
from cluster.views import view_of

if TYPE_CHECKING:
    from cluster.scenario import Scenario

__all__ = ["Cluster", "ClusterConfig", "CommandResult"]

Obj = dict[str, Any]
CONTROL_PLANE = ("kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager")
NODE_AGENTS = ("kubelet", "kube-proxy", "containerd")


@dataclass
class ClusterConfig:
    seed: int = 0
    nodes: Sequence[Obj] = field(default_factory=lambda: list(SANDBOX_NODES))
    base_dir: Path | None = None
    # A KubeSchedulerConfiguration (the scenario's schedulerConfig).
    scheduler_config: Obj | None = None
    # Host caps on objects per resource plural and in "total"; None: defaults.
    limits: Mapping[str, int] | None = None
    # The docs' tasks assume metrics-server is installed; False: kubectl top
    # says "Metrics API not available", as on a bare kubeadm cluster.
    metrics_server: bool = True


class Cluster:
    def __init__(self, config: ClusterConfig) -> None:
        self.seed = config.seed
        self.clock = Clock(config.seed)
        self.stream = EventStream(self.clock)
        self.store = Store(self.stream)
        self.api = APIServer(self.clock, self.store, self.stream, config.limits)
        manifests = [node_manifest(n, i) for i, n in enumerate(config.nodes)]
        create_system_objects(self.api, _apiserver_address(manifests))
        self.scheduler = Scheduler(self.api, self.clock, self.stream)
        if config.scheduler_config is not None:
            errors = self.scheduler.configure_from(config.scheduler_config)
            if errors:
                raise ValueError(f"schedulerConfig: {errors[0]}")
        self.controller_manager = ControllerManager(self.api, self.clock, self.stream)
        self.kubelets: dict[str, Kubelet] = {}
        self.proxies: dict[str, KubeProxy] = {}
        self.traffic = TrafficBook()  # where ``sim traffic`` requests went
        self._start(manifests)
        self._console = ConsoleContext(
            self.api, self.store, self.clock, self.stream, self.advance, config.base_dir
        )
        self._console.nodes = self
        if config.metrics_server:
            self._console.metrics = MetricsServer(self.clock, self.kubelets)
        self.clock.run_until(0)

    # -- construction --------------------------------------------------------

    @classmethod
    def sandbox(cls, seed: int = 0, limits: Mapping[str, int] | None = None) -> Cluster:
        """One control-plane node and three workers, running."""
        return cls(ClusterConfig(seed=seed, limits=limits))

    @classmethod
    def from_scenario(
        cls,
        scenario: Scenario,
        seed: int | None = None,
        limits: Mapping[str, int] | None = None,
    ) -> Cluster:
        return cls(
            ClusterConfig(
                seed=scenario.seed if seed is None else seed,
                nodes=scenario.nodes or list(SANDBOX_NODES),
                base_dir=scenario.base_dir,
                scheduler_config=scenario.scheduler_config,
                limits=limits,
            )
        )

    @classmethod
    def from_scenario_text(
        cls,
        text: str,
        base_dir: Path | None = None,
        seed: int | None = None,
        limits: Mapping[str, int] | None = None,
    ) -> Cluster:
        from cluster.scenario import parse_scenario

        scenario = parse_scenario(text, "<scenario>", base_dir)
        return cls.from_scenario(scenario, seed, limits)

    def configure_scheduler(self, config: Obj) -> list[str]:
        """Give kube-scheduler a new KubeSchedulerConfiguration. Returns the
        errors kube-scheduler would report; with any, nothing changes."""
        return self.scheduler.configure_from(config)

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
        """Run one console command at the current simulated time. Typing it
        ends any running ``-w`` session, as Ctrl-C does in a terminal."""
        self.stop_watches()
        result = run_line(line, stdin, self._console)
        self.clock.run_until(self.clock.now)
        return result

    def stop_watches(self) -> list[WatchSession]:
        """Stop the console's running watch sessions (``kubectl get -w``);
        returns them, with every line each printed after its command."""
        return self._console.watches.stop()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        return self.stream.subscribe(listener)

    def snapshot(self) -> Obj:
        """Everything the diagram draws, as JSON-safe data."""
        return {
            "time": self.clock.now,
            "revision": self.store.revision,
            "components": self.components(),
            "nodes": [view_of(n) for n in self.api.list("nodes")],
            "pods": [self.api.views.of(p) for p in self.api.list("pods")],
            "services": self.api.views.services(),
            "proxy": self.programmed_rules(),
        }

    def programmed_rules(self) -> Obj:
        """The shown kube-proxy's latest rules, as its ``proxyrules`` events
        report them: ``node``, ``mode``, ``scheduler`` and ``services``
        ({Service uid: blocks}); empty before it first synced."""
        proxy = self.proxies.get(self.shown_proxy)
        if proxy is None:
            return {}
        return {**proxy.rules_view(), "services": proxy.reported}

    def components(self) -> list[Obj]:
        control_node = self._control_plane_node()
        found = [
            {"id": name, "name": name, "node": control_node, "status": "Running"}
            for name in CONTROL_PLANE
        ]
        for node in self.kubelets:
            found += self._node_agents(node)
        return found

    def _node_agents(self, node: str) -> list[Obj]:
        running = {
            "kubelet": self.kubelets[node].running,
            "kube-proxy": self.proxies[node].running,
            # A node that stops answering keeps its containers running.
            "containerd": True,
        }
        return [
            {
                "id": f"{agent}/{node}",
                "name": agent,
                "node": node,
                "status": "Running" if running[agent] else "Stopped",
            }
            for agent in NODE_AGENTS
        ]

    def _report_agents(self, node: str) -> None:
        for view in self._node_agents(node):
            self.stream.emit("component", view=view)

    # -- node failure ------------------------------------------------------------

    def node_down(self, name: str) -> None:
        """The node stops answering: its kubelet and kube-proxy stop (heartbeats
        and leases with them) while its containers keep running."""
        kubelet = self.kubelets[name]
        if kubelet.running:
            kubelet.stop()
            self.proxies[name].stop()
            self._report_agents(name)

    def node_up(self, name: str) -> None:
        """The node comes back: a fresh kubelet and kube-proxy start on it and
        find the containers that kept running, as after a restart."""
        old = self.kubelets[name]
        if old.running:
            return
        self.kubelets[name] = Kubelet(
            self.api, self.clock, self.stream, old.node_manifest, old.runtime
        )
        proxy = KubeProxy(self.api, self.clock, self.stream, name)
        old_proxy = self.proxies[name]
        proxy.mode, proxy.scheduler = old_proxy.mode, old_proxy.scheduler
        proxy.reports, proxy.reported = old_proxy.reports, old_proxy.reported
        self.proxies[name] = proxy
        self.kubelets[name].start()
        self.proxies[name].start()
        self._report_agents(name)

    # -- internals -------------------------------------------------------------

    def _start(self, manifests: Sequence[Obj]) -> None:
        self.shown_proxy = shown_node(manifests)
        self.scheduler.start()
        self.controller_manager.start()
        for manifest in manifests:
            name = manifest["metadata"]["name"]
            runtime = ContainerRuntime(self.clock, name)
            self.kubelets[name] = Kubelet(
                self.api, self.clock, self.stream, manifest, runtime
            )
            self.proxies[name] = KubeProxy(self.api, self.clock, self.stream, name)
            self.proxies[name].reports = name == self.shown_proxy
            self.kubelets[name].start()
            self.proxies[name].start()

    def _control_plane_node(self) -> str | None:
        for kubelet in self.kubelets.values():
            if is_control_plane(kubelet.node_manifest):
                return kubelet.node_name
        return None


def _apiserver_address(manifests: Sequence[Obj]) -> str:
    """The control plane node's InternalIP: where kube-apiserver listens."""
    control = [m for m in manifests if is_control_plane(m)]
    for manifest in control or list(manifests):
        for address in manifest.get("status", {}).get("addresses") or []:
            if address.get("type") == "InternalIP":
                return str(address["address"])
    return "192.168.49.2"
