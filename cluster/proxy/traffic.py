"""Simulated requests through a node's kube-proxy rules.

A run sends ``rps`` requests a second on the virtual clock, one timer at a
time. Each request starts on its source node: from a pod it goes to the
ClusterIP (nat PREROUTING); from a node it goes to that node's NodePort from
a client outside the cluster, or, for a Service without one, to the
ClusterIP from the node itself (nat OUTPUT). The node's rules pick the
endpoint (iptables probabilities, or the IPVS scheduler) or refuse it; the
result is counted for ``sim traffic-stats`` and reported as a ``traffic``
event (all of them up to ``EMIT_PER_SECOND`` a second, then a sample). Each
event's ``count`` says how many requests with its outcome (endpoint, or error)
it stands for: those since the last event for that outcome. Outcomes still
unreported when a run ends follow, ``1/EMIT_PER_SECOND`` s apart, so the counts
of a run add up to its requests exactly."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cluster.proxy.walk import Packet, Walker

if TYPE_CHECKING:
    from cluster.clock import Clock
    from cluster.events import EventStream
    from cluster.node.kubeproxy import KubeProxy
    from cluster.proxy.model import Endpoint, ServicePort

Obj = dict[str, Any]
EXTERNAL_CLIENT = "192.168.49.1"  # the host beside the nodes, as in kind/minikube
EMIT_PER_SECOND = 20
REFUSED = "connection refused"
TIMED_OUT = "connection timed out"


@dataclass
class Source:
    kind: str  # "pod" or "node"
    name: str
    node: str
    ip: str


@dataclass
class Outcome:
    ok: bool
    endpoint: Endpoint | None = None
    error: str = ""


OutcomeKey = tuple[str | None, str]


def _key(outcome: Outcome) -> OutcomeKey:
    return (outcome.endpoint.address if outcome.endpoint else None, outcome.error)


@dataclass
class Tally:
    """Where one Service's requests went."""

    hits: dict[str, int] = field(default_factory=dict)
    endpoints: dict[str, Endpoint] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        if outcome.ok and outcome.endpoint is not None:
            address = outcome.endpoint.address
            self.endpoints[address] = outcome.endpoint
            self.hits[address] = self.hits.get(address, 0) + 1
        else:
            self.failures[outcome.error] = self.failures.get(outcome.error, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.hits.values()) + sum(self.failures.values())


@dataclass
class TrafficBook:
    tallies: dict[str, Tally] = field(default_factory=dict)

    def tally(self, service: str) -> Tally:
        return self.tallies.setdefault(service, Tally())


def send(proxy: KubeProxy, port: ServicePort, source: Source, rng: Any) -> Outcome:
    """One new connection from ``source`` to ``port`` through ``proxy``."""
    packet = _packet(proxy, port, source)
    if proxy.mode == "ipvs":
        return _via_ipvs(proxy, port, packet)
    walker = Walker(proxy.rules, rng, proxy.recent, proxy.clock.now)
    verdict, target = walker.connect(packet)
    if verdict == "DNAT":
        return Outcome(True, _endpoint(port, target))
    return Outcome(False, error=REFUSED if verdict == "REJECT" else TIMED_OUT)


def _packet(proxy: KubeProxy, port: ServicePort, source: Source) -> Packet:
    proto = port.protocol
    if source.kind == "pod":
        return Packet(source.ip, port.cluster_ip, port.port, proto)
    if port.node_port:
        return Packet(EXTERNAL_CLIENT, source.ip, port.node_port, proto, dst_local=True)
    return Packet(source.ip, port.cluster_ip, port.port, proto, src_local=True)


def _via_ipvs(proxy: KubeProxy, port: ServicePort, packet: Packet) -> Outcome:
    key = (packet.protocol, packet.dst, packet.dport)
    found = [vs for vs in proxy.virtual if vs.key == key]
    if not found:
        return Outcome(False, error=TIMED_OUT)
    server = found[0].pick(packet.src, proxy.clock.now)
    if server is None:
        return Outcome(False, error=REFUSED)  # ip_vs_leave: ICMP port unreachable
    return Outcome(True, server.endpoint)


def _endpoint(port: ServicePort, address: str) -> Endpoint | None:
    return next((e for e in port.endpoints if e.address == address), None)


# -- runs -----------------------------------------------------------------------


@dataclass
class Run:
    """``count`` requests, ``1/rps`` seconds apart, from one source."""

    clock: Clock
    stream: EventStream
    proxy_of: Callable[[str], KubeProxy]
    service: str  # ns/name
    port_name: str
    port_number: int
    source: Source
    rps: float
    count: int
    book: TrafficBook
    sent: int = 0
    # Requests not yet reported, by outcome: the latest of them, and how many.
    unsent: dict[OutcomeKey, tuple[Outcome, int]] = field(default_factory=dict)

    def start(self) -> None:
        self.clock.call_later(0, self._fire)

    def _fire(self) -> None:
        proxy = self.proxy_of(self.source.node)
        port = self._port(proxy)
        if port is None:
            outcome = Outcome(False, error=TIMED_OUT)  # no rules for it (yet)
        else:
            outcome = send(proxy, port, self.source, self.clock.rng("traffic"))
        self.book.tally(self.service).add(outcome)
        key = _key(outcome)
        self.unsent[key] = (outcome, self.unsent.get(key, (outcome, 0))[1] + 1)
        if self._sampled():
            self._report(key)
        self.sent += 1
        if self.sent < self.count:
            self.clock.call_later(1.0 / self.rps, self._fire)
        else:
            for i, left in enumerate(self.unsent, start=1):
                self.clock.call_later(i / EMIT_PER_SECOND, self._report, left)

    def _report(self, key: OutcomeKey) -> None:
        outcome, count = self.unsent.pop(key)
        proxy = self.proxy_of(self.source.node)
        self.stream.emit("traffic", **self._event(proxy, outcome), count=count)

    def _port(self, proxy: KubeProxy) -> ServicePort | None:
        for port in proxy.ports:
            same = port.port_name == self.port_name and port.port == self.port_number
            if port.service == self.service and same:
                return port
        return None

    def _sampled(self) -> bool:
        every = max(1, math.ceil(self.rps / EMIT_PER_SECOND))
        return self.sent % every == 0

    def _event(self, proxy: KubeProxy, outcome: Outcome) -> Obj:
        ep = outcome.endpoint
        return {
            "service": self.service,
            "source": {self.source.kind: self.source.name},
            "node": self.source.node,
            "via": proxy.id,
            "endpoint": ep.address if ep else None,
            "pod": ep.pod if ep else None,
            "target_node": ep.node if ep else None,
            "ok": outcome.ok,
            "error": outcome.error or None,
            "mode": proxy.mode,
        }
