"""Chain names and probabilities as kube-proxy computes them
(``pkg/proxy/iptables/proxier.go``)."""

from __future__ import annotations

import base64
import hashlib

KERNEL_SCALE = 0x80000000  # xt_statistic keeps the probability as a u32 fraction


def port_proto_hash(svc_port_name: str, protocol: str) -> str:
    """base32(sha256(svcPortName + protocol))[:16]."""
    digest = hashlib.sha256((svc_port_name + protocol).encode()).digest()
    return base64.b32encode(digest).decode()[:16]


def service_chain(prefix: str, svc_port_name: str, protocol: str) -> str:
    """KUBE-SVC-/KUBE-SVL-/KUBE-EXT-/KUBE-FW- plus the port's hash."""
    return f"{prefix}-{port_proto_hash(svc_port_name, protocol)}"


def endpoint_chain(svc_port_name: str, protocol: str, endpoint: str) -> str:
    """KUBE-SEP- + base32(sha256(svcPortName + protocol + "ip:port"))[:16]."""
    return "KUBE-SEP-" + port_proto_hash(svc_port_name, protocol + endpoint)


def probability(n: int) -> str:
    """What kube-proxy writes: ``fmt.Sprintf("%0.10f", 1.0/float64(n))``."""
    return f"{1.0 / n:0.10f}"


def kernel_probability(written: str) -> float:
    """The value the kernel keeps (``lround(0x80000000 * p)``) and matches on."""
    return round(KERNEL_SCALE * float(written)) / KERNEL_SCALE


def saved_probability(written: str) -> str:
    """How iptables-save prints it back: ``%.11f`` of the kernel value."""
    return f"{kernel_probability(written):.11f}"
