"""``ssh NODE iptables-save`` and ``ssh NODE ipvsadm -Ln``: the kernel's view
of what the node's kube-proxy programmed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cluster.proxy import ipvs
from cluster.proxy.save import save
from cluster.proxy.tables import TABLE_ORDER

if TYPE_CHECKING:
    from cluster.node.kubeproxy import KubeProxy


def iptables_save(proxy: KubeProxy, args: list[str]) -> tuple[str, bool]:
    tables: tuple[str, ...] = TABLE_ORDER
    for i, arg in enumerate(args):
        if arg in ("-t", "--table") and i + 1 < len(args):
            tables = (args[i + 1],)
        elif arg.startswith("--table="):
            tables = (arg.split("=", 1)[1],)
    if any(t not in TABLE_ORDER for t in tables):
        return f"iptables-save: Table '{tables[0]}' does not exist", False
    return save(proxy.rules, proxy.clock.wall(), tables), True


def ipvsadm(proxy: KubeProxy, args: list[str]) -> tuple[str, bool]:
    flags = "".join(a.lstrip("-") for a in args if a.startswith("-"))
    if not args or not set(flags) <= set("Lln") or "L" not in flags.upper():
        return "this simulated node answers only: ipvsadm -Ln", False
    return ipvs.render(proxy.virtual, proxy.clock.now), True
