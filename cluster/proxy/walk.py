"""One new connection through a node's netfilter rules, the way the kernel
walks them: nat PREROUTING (or OUTPUT for the node's own traffic) to a DNAT,
then, if nothing rewrote the destination, the filter table's verdict.

Only the matches kube-proxy uses are understood: addresses, ``tcp``/``udp``
ports, ``addrtype``, ``statistic`` (with the kernel's probability),
``recent`` (the ClientIP affinity lists), ``mark`` and ``conntrack``."""

from __future__ import annotations

import ipaddress
import random
from dataclasses import dataclass, field
from functools import lru_cache

from cluster.proxy import names
from cluster.proxy.save import Parsed, parse
from cluster.proxy.tables import Rule, Ruleset

Recent = dict[str, dict[str, float]]  # list name -> source IP -> last seen
TERMINAL = ("DNAT", "REJECT", "DROP", "ACCEPT")


@dataclass
class Packet:
    src: str
    dst: str
    dport: int
    protocol: str = "tcp"
    src_local: bool = False  # sent by the node itself
    dst_local: bool = False  # addressed to one of the node's own addresses
    mark: int = 0


@dataclass
class Walker:
    rules: Ruleset
    rng: random.Random
    recent: Recent
    now: float
    trace: list[str] = field(default_factory=list)

    def connect(self, packet: Packet) -> tuple[str, str]:
        """("DNAT", "ip:port"), ("REJECT"|"DROP", "") or ("NONE", "")."""
        start = "OUTPUT" if packet.src_local else "PREROUTING"
        verdict = self.chain("nat", start, packet)
        if verdict and verdict[0] == "DNAT":
            return verdict
        if packet.src_local:
            start = "OUTPUT"
        else:
            start = "INPUT" if packet.dst_local else "FORWARD"
        verdict = self.chain("filter", start, packet)
        if verdict and verdict[0] in ("REJECT", "DROP"):
            return verdict
        return ("NONE", "")

    def chain(self, table: str, chain: str, packet: Packet) -> tuple[str, str] | None:
        self.trace.append(chain)
        for rule in self.rules.rules(table, chain):
            parsed = _parsed(rule)
            if not self._matches(parsed, packet):
                continue
            verdict = self._jump(table, parsed.target, packet)
            if verdict is not None:
                return verdict
        return None

    def _jump(
        self, table: str, target: list[str], packet: Packet
    ) -> tuple[str, str] | None:
        name = target[0] if target else ""
        if name == "RETURN":
            return ("RETURN", "")
        if name == "MARK":
            packet.mark |= int(target[-1], 16) if target[1] == "--or-mark" else 0
            return None
        if name in TERMINAL:
            return (name, target[-1] if name == "DNAT" else "")
        if name.startswith(("KUBE-", "CNI-")) or name in self.rules[table].chains:
            verdict = self.chain(table, name, packet)
            return None if verdict and verdict[0] == "RETURN" else verdict
        return None

    def _matches(self, parsed: Parsed, packet: Packet) -> bool:
        for flag, (negate, value) in parsed.general.items():
            if _general(flag, value, packet) == negate:
                return False
        return all(self._match(m, opts, packet) for m, opts in parsed.matches)

    def _match(self, module: str, options: list[str], packet: Packet) -> bool:
        if module in ("tcp", "udp", "sctp"):
            return _port(options, packet)
        if module == "addrtype":
            return _addrtype(options, packet)
        if module == "statistic":
            return self.rng.random() < names.kernel_probability(options[-1])
        if module == "recent":
            return self._recent(options, packet)
        if module == "mark":
            return _mark(options, packet)
        if module == "conntrack":
            return _ctstate(options)
        return True  # comment, nfacct

    def _recent(self, options: list[str], packet: Packet) -> bool:
        seen = self.recent.setdefault(options[options.index("--name") + 1], {})
        if "--set" in options:
            seen[packet.src] = self.now
            return True
        seconds = float(options[options.index("--seconds") + 1])
        last = seen.get(packet.src)
        if last is not None and self.now - last > seconds:
            del seen[packet.src]  # --reap
            return False
        return last is not None  # the DNAT rule's --set refreshes it


@lru_cache(maxsize=4096)
def _parsed(rule: Rule) -> Parsed:
    return parse(rule)


def _general(flag: str, value: str, packet: Packet) -> bool:
    if flag == "-p":
        return value == packet.protocol
    address = packet.src if flag == "-s" else packet.dst
    return ipaddress.ip_address(address) in ipaddress.ip_network(value, strict=False)


def _port(options: list[str], packet: Packet) -> bool:
    if "--dport" not in options:
        return True
    return int(options[options.index("--dport") + 1]) == packet.dport


def _addrtype(options: list[str], packet: Packet) -> bool:
    if "--dst-type" in options:
        return packet.dst_local
    return packet.src_local


def _mark(options: list[str], packet: Packet) -> bool:
    value, _, mask = options[-1].partition("/")
    hit = packet.mark & int(mask or "0xffffffff", 16) == int(value, 16)
    return hit != ("!" in options)


def _ctstate(options: list[str]) -> bool:
    hit = "NEW" in options[-1].split(",")
    return hit != ("!" in options)
