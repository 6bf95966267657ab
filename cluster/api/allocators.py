"""ClusterIP and NodePort allocation, as kube-apiserver's allocators do it.

Both split their range in two (KEP-3070, KEP-3668): a small lower band kept
for addresses and ports users ask for by number, and the upper band that
dynamic allocation tries first, starting at a random place and walking up
(wrapping round) to the first free value; only a full upper band sends it to
the lower one. The band size is ``min(max(16, size/step), max)``: 256
addresses of 10.96.0.0/12 (step 16, max 256) and 86 ports of 30000-32767
(step 32, max 128). Randomness comes from the cluster's seeded streams.
"""

from __future__ import annotations

import ipaddress
import random
from collections.abc import Iterator

SERVICE_CIDR = ipaddress.IPv4Network("10.96.0.0/12")
NODE_PORT_RANGE = (30000, 32767)
FIRST_IP = SERVICE_CIDR.network_address + 1
IP_COUNT = SERVICE_CIDR.num_addresses - 2  # without network and broadcast
PORT_COUNT = NODE_PORT_RANGE[1] - NODE_PORT_RANGE[0] + 1
ALREADY_ALLOCATED = "provided IP is already allocated"
PORT_ALREADY_ALLOCATED = "provided port is already allocated"


class AllocationError(Exception):
    """A requested value the allocator refuses, worded as the allocator words it."""


def range_offset(size: int, step: int, largest: int, smallest: int = 16) -> int:
    """``calculateRangeOffset``: the statically reserved lower band."""
    if size <= smallest:
        return 0
    return max(smallest, min(size // step, largest))


IP_OFFSET = range_offset(SERVICE_CIDR.num_addresses, 16, 256)
PORT_OFFSET = range_offset(PORT_COUNT, 32, 128)


def allocate_ip(taken: set[str], rng: random.Random) -> str:
    index = _pick(IP_COUNT, IP_OFFSET, {_ip_index(ip) for ip in taken}, rng)
    if index is None:
        raise AllocationError("range is full")
    return str(FIRST_IP + index)


def reserve_ip(ip: str, taken: set[str]) -> None:
    """Check a requested ClusterIP; raise AllocationError if it cannot be had."""
    index = _ip_index(ip)
    if index is None or not 0 <= index < IP_COUNT:
        raise AllocationError(
            f"the provided IP ({ip}) is not in the valid range. "
            f"The range of valid IPs is {SERVICE_CIDR}"
        )
    if ip in taken:
        raise AllocationError(ALREADY_ALLOCATED)


def allocate_port(taken: set[int], rng: random.Random) -> int:
    base = NODE_PORT_RANGE[0]
    index = _pick(PORT_COUNT, PORT_OFFSET, {p - base for p in taken}, rng)
    if index is None:
        raise AllocationError("range is full")
    return base + index


def reserve_port(port: int, taken: set[int]) -> None:
    low, high = NODE_PORT_RANGE
    if not low <= port <= high:
        raise AllocationError(
            "provided port is not in the valid range. "
            f"The range of valid ports is {low}-{high}"
        )
    if port in taken:
        raise AllocationError(PORT_ALREADY_ALLOCATED)


def _pick(
    size: int, offset: int, taken: set[int | None], rng: random.Random
) -> int | None:
    """The first free index from a random start, upper band then lower band."""
    for low, high in ((offset, size), (0, offset)):
        if high <= low:
            continue
        for index in _walk(low, high, rng.randrange(high - low)):
            if index not in taken:
                return index
    return None


def _walk(low: int, high: int, start: int) -> Iterator[int]:
    span = high - low
    for step in range(span):
        yield low + (start + step) % span


def _ip_index(ip: str) -> int | None:
    try:
        address = ipaddress.IPv4Address(ip)
    except ValueError:
        return None
    return int(address) - int(FIRST_IP)
