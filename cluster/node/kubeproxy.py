"""kube-proxy on one node.

It keeps an informer-style cache of Services and EndpointSlices and, when
either changes, resyncs its proxier the way kube-proxy's
BoundedFrequencyRunner does: at once if the last sync is at least
``minSyncPeriod`` (1s) old, else when it is, batching the changes between.
In iptables mode (the default) a sync computes the filter and nat tables
real kube-proxy writes (``cluster.proxy.iptables``); in IPVS mode the
virtual servers (``cluster.proxy.ipvs``). Nothing runs while nothing changes.

The kube-proxy the diagram shows (``reports``) tells what it programmed after
each sync: a ``proxyrules`` event with the blocks of the Services that changed
(``cluster.proxy.programmed``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.api import resources
from cluster.api.errors import StatusError
from cluster.apiserver import APIServer
from cluster.clock import Clock, Timer
from cluster.events import EventStream
from cluster.jsoncopy import json_copy
from cluster.proxy import iptables, ipvs, ipvs_rules, programmed
from cluster.proxy.model import ServicePort, service_ports
from cluster.proxy.tables import Ruleset
from cluster.proxy.walk import Recent
from cluster.recorder import EventRecorder

Obj = dict[str, Any]
DEFAULT_MODE = "iptables"
MODES = ("iptables", "ipvs")
WATCHED = ("services", "endpointslices")
MIN_SYNC_PERIOD = 1.0
CLUSTER_CIDR = "10.244.0.0/16"  # --cluster-cidr, the pod network (flannel's)


class KubeProxy:
    def __init__(
        self, api: APIServer, clock: Clock, stream: EventStream, node_name: str
    ) -> None:
        self.api = api
        self.clock = clock
        self.stream = stream
        self.node_name = node_name
        self.id = f"kube-proxy/{node_name}"
        self.mode = DEFAULT_MODE
        self.scheduler = "rr"
        self.running = False
        self.cache: dict[str, dict[tuple[str, str], Obj]] = {}
        self._cancels: list[Callable[[], None]] = []
        self.ports: list[ServicePort] = []
        self.rules = Ruleset()
        self.virtual: list[ipvs.VirtualServer] = []
        self.recent: Recent = {}  # the kernel's ``-m recent`` lists
        self.syncs = 0
        self.last_sync: float | None = None
        self._pending: Timer | None = None
        # Whether this is the kube-proxy the diagram draws; only it reports
        # its rules, so a delta grows with what changed, not with the nodes.
        self.reports = False
        self.reported: programmed.Blocks = {}  # as last reported
        self.recorder = EventRecorder(api, "kube-proxy", host=node_name, actor=self.id)

    def start(self) -> None:
        self.running = True
        for plural in WATCHED:
            if _served(plural):
                self._inform(plural)
        self._queue_sync()

    def stop(self) -> None:
        """The process stops; the rules it programmed stay in the kernel."""
        self.running = False
        for cancel in self._cancels:
            cancel()
        self._cancels.clear()
        if self._pending:
            self._pending.cancel()
            self._pending = None

    # -- mode -----------------------------------------------------------------------

    def set_mode(self, mode: str, scheduler: str = "rr") -> None:
        """Restart with a new proxy mode, as after editing its ConfigMap: the
        old mode's rules are cleaned up and the new ones synced."""
        if (mode, scheduler) == (self.mode, self.scheduler):
            return
        switching = mode != self.mode
        self.mode, self.scheduler = mode, scheduler
        self.virtual, self.recent = [], {}
        if switching and mode == "ipvs":
            self._warn_deprecated()
        self.sync()

    def _warn_deprecated(self) -> None:
        try:
            node = self.api.get("nodes", self.node_name)
        except StatusError:
            return
        self.recorder.warning(node, "IPVSDeprecation", ipvs.DEPRECATION)

    # -- syncing --------------------------------------------------------------------

    def _queue_sync(self) -> None:
        if self._pending is not None or not self.running:
            return
        due = 0.0
        if self.last_sync is not None:
            due = max(0.0, self.last_sync + MIN_SYNC_PERIOD - self.clock.now)
        self._pending = self.clock.call_later(due, self._run_sync)

    def _run_sync(self) -> None:
        self._pending = None
        self.sync()

    def sync(self) -> None:
        """syncProxyRules: rebuild everything from the informer caches."""
        services = self.cache.get("services", {}).values()
        slices = self.cache.get("endpointslices", {}).values()
        self.ports = service_ports(services, slices, self.node_name)
        base = self.ports if self.mode == "iptables" else []
        self.rules = iptables.build(base, CLUSTER_CIDR)
        if self.mode == "ipvs":
            ipvs_rules.add(self.rules, self.ports, CLUSTER_CIDR)
            self._sync_ipvs()
        self.syncs += 1
        self.last_sync = self.clock.now
        if self.reports:
            self._report()

    def _report(self) -> None:
        """Emit the blocks that changed since the last report, if any."""
        uids = {
            key: str(obj["metadata"].get("uid") or "")
            for key, obj in self.cache.get("services", {}).items()
        }
        fresh = programmed.blocks(self.ports, uids, self.rules, self.virtual, self.mode)
        changed = programmed.changes(self.reported, fresh)
        self.reported = fresh
        if changed:
            self.stream.emit("proxyrules", **self.rules_view(), services=changed)

    def rules_view(self) -> Obj:
        """Whose rules these are and how they balance (without the blocks)."""
        scheduler = self.scheduler if self.mode == "ipvs" else None
        return {"node": self.node_name, "mode": self.mode, "scheduler": scheduler}

    def _sync_ipvs(self) -> None:
        old = {vs.key: vs for vs in self.virtual}
        fresh = ipvs.virtual_servers(self.ports, self.node_ip, self.scheduler)
        for vs in fresh:
            _carry(old.get(vs.key), vs)
        self.virtual = fresh

    @property
    def node_ip(self) -> str:
        try:
            node = self.api.get("nodes", self.node_name)
        except StatusError:
            return "127.0.0.1"
        for address in node.get("status", {}).get("addresses") or []:
            if address.get("type") == "InternalIP":
                return str(address["address"])
        return "127.0.0.1"

    @property
    def watching(self) -> list[str]:
        return sorted(self.cache)

    def _inform(self, plural: str) -> None:
        cache = self.cache.setdefault(plural, {})
        for obj in self.api.list(plural):
            cache[_key(obj)] = obj
        self._cancels.append(
            self.api.watch(
                plural,
                lambda verb, obj: self._on_change(cache, verb, obj),
                actor=self.id,
            )
        )

    def _on_change(
        self, cache: dict[tuple[str, str], Obj], verb: str, obj: Obj
    ) -> None:
        if verb == "DELETED":
            cache.pop(_key(obj), None)
        else:
            cache[_key(obj)] = json_copy(obj)
        self._queue_sync()


def _carry(old: ipvs.VirtualServer | None, new: ipvs.VirtualServer) -> None:
    """Keep a virtual server's scheduler state and connections across syncs."""
    if old is None:
        return
    new.next_rr, new.sticky = old.next_rr, old.sticky
    closes = {s.endpoint.address: s.closes for s in old.servers}
    for server in new.servers:
        server.closes = closes.get(server.endpoint.address, [])


def _served(plural: str) -> bool:
    try:
        resources.lookup(plural)
    except KeyError:
        return False
    return True


def _key(obj: Obj) -> tuple[str, str]:
    meta = obj["metadata"]
    return meta.get("namespace") or "", meta["name"]
