"""Host ports: which a pod wants, which a node's pods hold
(``util.GetHostPorts``, ``framework.HostPortInfo``).

An empty or unparsable host IP means 0.0.0.0 and an empty protocol TCP. A
port wanted on 0.0.0.0 conflicts with that (protocol, port) on any IP; a port
on a specific IP conflicts with the same IP or 0.0.0.0.
"""

from __future__ import annotations

import ipaddress
from collections import Counter
from typing import Any

Obj = dict[str, Any]
HostPort = tuple[str, str, int]  # (ip, protocol, port), sanitized
BIND_ALL = "0.0.0.0"


def host_ports(spec: Obj) -> tuple[HostPort, ...]:
    """Ports with a hostPort of the containers and the sidecars (init
    containers with restartPolicy Always), sidecars first."""
    sidecars = [
        c
        for c in spec.get("initContainers") or ()
        if c.get("restartPolicy") == "Always"
    ]
    found = []
    for container in (*sidecars, *(spec.get("containers") or ())):
        for port in container.get("ports") or ():
            if int(port.get("hostPort") or 0) > 0:
                found.append(
                    sanitize(
                        port.get("hostIP") or "",
                        port.get("protocol") or "",
                        int(port["hostPort"]),
                    )
                )
    return tuple(found)


def sanitize(ip: str, protocol: str, port: int) -> HostPort:
    return (ip if _valid_ip(ip) else BIND_ALL), (protocol or "TCP"), port


class HostPortInfo:
    """IP -> (protocol, port) counts, kept per node as pods come and go."""

    __slots__ = ("_by_ip",)

    def __init__(self) -> None:
        self._by_ip: dict[str, Counter[tuple[str, int]]] = {}

    def __bool__(self) -> bool:
        return bool(self._by_ip)

    def add(self, ports: tuple[HostPort, ...], sign: int = 1) -> None:
        for ip, protocol, port in ports:
            counts = self._by_ip.setdefault(ip, Counter())
            counts[(protocol, port)] += sign
            if counts[(protocol, port)] <= 0:
                del counts[(protocol, port)]
            if not counts:
                del self._by_ip[ip]

    def conflicts(self, ip: str, protocol: str, port: int) -> bool:
        pair = (protocol, port)
        if ip == BIND_ALL:
            return any(pair in counts for counts in self._by_ip.values())
        return any(pair in self._by_ip.get(key, ()) for key in (BIND_ALL, ip))

    def copy(self) -> HostPortInfo:
        other = HostPortInfo()
        other._by_ip = {ip: Counter(c) for ip, c in self._by_ip.items()}
        return other


def fits(wanted: tuple[HostPort, ...], used: HostPortInfo) -> bool:
    return not used or not any(used.conflicts(*p) for p in wanted)


def _valid_ip(ip: str) -> bool:
    try:
        ipaddress.ip_address(ip)
    except ValueError:
        return False
    return True
