"""kube-proxy's IPVS mode (deprecated in v1.35): one virtual server per
ClusterIP:port, NodePort (on the node's address) and external IP, with the
usable endpoints as real servers, and the kernel's rr/lc/sh schedulers."""

from __future__ import annotations

from dataclasses import dataclass, field

from cluster.proxy.model import Endpoint, ServicePort, categorize

SCHEDULERS = ("rr", "lc", "sh")
DEPRECATION = (
    "The ipvs proxier is now deprecated and may be removed in a future release. "
    "Please use 'nftables' instead."
)
ACTIVE_SECONDS = 0.5  # how long a simulated request keeps its connection open
INACTIVE_SECONDS = 120.0  # then TIME_WAIT, counted as InActConn
HEADER = (
    "IP Virtual Server version 1.2.1 (size=4096)\n"
    "Prot LocalAddress:Port Scheduler Flags\n"
    "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn"
)


@dataclass
class RealServer:
    endpoint: Endpoint
    closes: list[float] = field(default_factory=list)  # when each conn ends

    def counts(self, now: float) -> tuple[int, int]:
        self.closes = [t for t in self.closes if t + INACTIVE_SECONDS > now]
        active = sum(1 for t in self.closes if t > now)
        return active, len(self.closes) - active


@dataclass
class VirtualServer:
    protocol: str
    address: str
    port: int
    service: ServicePort
    scheduler: str
    servers: list[RealServer] = field(default_factory=list)
    next_rr: int = 0
    sticky: dict[str, tuple[str, float]] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.protocol, self.address, self.port)

    def pick(self, client: str, now: float) -> RealServer | None:
        if not self.servers:
            return None
        server = self._persistent(client, now) or self._schedule(client, now)
        server.closes.append(now + ACTIVE_SECONDS)
        if self.service.affinity_seconds is not None:
            self.sticky[client] = (server.endpoint.address, now)
        return server

    def _persistent(self, client: str, now: float) -> RealServer | None:
        timeout = self.service.affinity_seconds
        entry = self.sticky.get(client)
        if timeout is None or entry is None or now - entry[1] > timeout:
            return None
        return next((s for s in self.servers if s.endpoint.address == entry[0]), None)

    def _schedule(self, client: str, now: float) -> RealServer:
        if self.scheduler == "lc":
            return min(self.servers, key=lambda s: _overhead(s, now))
        if self.scheduler == "sh":
            return self.servers[source_hash(client) % len(self.servers)]
        server = self.servers[self.next_rr % len(self.servers)]
        self.next_rr = (self.next_rr + 1) % len(self.servers)
        return server

    def render(self, now: float) -> list[str]:
        flags = ""
        if self.service.affinity_seconds is not None:
            flags = f" persistent {self.service.affinity_seconds}"
        lines = [f"{self.protocol.upper()}  {self.address}:{self.port} "
                 f"{self.scheduler}{flags}"]  # fmt: skip
        for server in sorted(self.servers, key=lambda s: _ip_key(s.endpoint)):
            active, inactive = server.counts(now)
            lines.append(f"  -> {server.endpoint.address:<28} {'Masq':<7} {1:<6} "
                         f"{active:<10} {inactive:<10}")  # fmt: skip
        return lines


def _overhead(server: RealServer, now: float) -> int:
    """ip_vs_lc: (ActiveConn << 8) + InActConn; the first lowest wins."""
    active, inactive = server.counts(now)
    return (active << 8) + inactive


def source_hash(client: str) -> int:
    """ip_vs_sh: hash_32 of the source address into 256 buckets, which are
    dealt out to the real servers in turn."""
    value = _ip_int(client)
    return ((value * 0x61C88647) & 0xFFFFFFFF) >> 24


def _ip_int(ip: str) -> int:
    a, b, c, d = (int(x) for x in ip.split("."))
    return (a << 24) | (b << 16) | (c << 8) | d


def _ip_key(ep: Endpoint) -> tuple[int, int]:
    return (_ip_int(ep.ip), ep.port)


def virtual_servers(
    ports: list[ServicePort], node_ip: str, scheduler: str
) -> list[VirtualServer]:
    found: list[VirtualServer] = []
    for sp in ports:
        cat = categorize(sp)
        internal = cat.local if sp.internal_local else cat.cluster
        external = cat.local if sp.external_policy_local else cat.cluster
        addresses = [(sp.cluster_ip, sp.port, internal)]
        addresses += [(ip, sp.port, external) for ip in sp.external_ips]
        if sp.node_port:
            addresses.append((node_ip, sp.node_port, external))
        for address, port, endpoints in addresses:
            servers = [RealServer(e) for e in endpoints]
            found.append(VirtualServer(sp.protocol, address, port, sp, scheduler,
                                       servers))  # fmt: skip
    return found


def render(servers: list[VirtualServer], now: float) -> str:
    lines = [HEADER]
    for vs in sorted(servers, key=lambda v: (v.protocol, _ip_int(v.address), v.port)):
        lines += vs.render(now)
    return "\n".join(lines)
