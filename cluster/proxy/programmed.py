"""What one kube-proxy programmed, per Service, as the diagram draws it.

After each sync the kube-proxy of the node the diagram shows reports, for
every Service whose rules changed, how it balances each port: in iptables mode
its ``KUBE-SVC``/``KUBE-SVL`` chain and each endpoint's ``--probability``
(None on the last rule, which takes the rest); in IPVS mode the ClusterIP
virtual server, its scheduler and the real servers with their weights. The
blocks are read from the rules the proxier built, not computed again, so they
show what the kernel holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cluster.nodes import is_control_plane
from cluster.proxy.iptables import ServiceRules
from cluster.proxy.ipvs import VirtualServer
from cluster.proxy.model import ServicePort
from cluster.proxy.tables import Ruleset

Obj = dict[str, Any]
Blocks = dict[str, list[Obj]]  # Service uid → one block per port
IPVS_WEIGHT = 1  # kube-proxy gives every real server weight 1


def shown_node(nodes: Iterable[Obj]) -> str:
    """The node whose kube-proxy the diagram shows: the first worker by name
    (a control-plane node's kube-proxy balances the same, but students look
    at workers), else the first node."""
    nodes = list(nodes)  # read twice
    names = sorted(n["metadata"]["name"] for n in nodes)
    workers = [n["metadata"]["name"] for n in nodes if not is_control_plane(n)]
    return min(workers) if workers else (names[0] if names else "")


def blocks(
    ports: list[ServicePort],
    uids: Mapping[tuple[str, str], str],
    rules: Ruleset,
    virtual: list[VirtualServer],
    mode: str,
) -> Blocks:
    """Each proxied Service's blocks, keyed by uid (``uids`` maps
    (namespace, name) to it); Services without a uid are left out."""
    found: Blocks = {}
    by_port = {(vs.service.svc_port_name, vs.address): vs for vs in virtual}
    for sp in ports:
        uid = uids.get((sp.namespace, sp.name))
        if not uid:
            continue
        if mode == "ipvs":
            block = _ipvs_block(sp, by_port.get((sp.svc_port_name, sp.cluster_ip)))
        else:
            block = _iptables_block(sp, rules)
        found.setdefault(uid, []).append(block)
    return found


def _ipvs_block(sp: ServicePort, vs: VirtualServer | None) -> Obj:
    servers = vs.servers if vs is not None else []
    return {
        "port": sp.svc_port_name,
        "mode": "ipvs",
        "chain": None,
        "virtual": f"{sp.cluster_ip}:{sp.port}",
        "scheduler": vs.scheduler if vs is not None else None,
        "endpoints": [
            {"address": s.endpoint.address, "probability": None, "weight": IPVS_WEIGHT}
            for s in servers
        ],
    }


def _iptables_block(sp: ServicePort, rules: Ruleset) -> Obj:
    # A throwaway writer names the chains and endpoints; nothing is written.
    writer = ServiceRules(Ruleset(), sp, "")
    chain = writer.internal_chain
    address = {sp.sep(e): e.address for e in writer.cat.reachable}
    endpoints = []
    for rule in rules.rules("nat", chain):
        if "--rcheck" in rule or "-j" not in rule:
            continue  # session affinity checks come before the ladder
        target = rule[rule.index("-j") + 1]
        if target not in address:
            continue
        odds = None  # the last rule has no --probability: it takes the rest
        if "--probability" in rule:
            odds = rule[rule.index("--probability") + 1]
        endpoints.append({"address": address[target], "probability": odds})
    return {
        "port": sp.svc_port_name,
        "mode": "iptables",
        "chain": chain,
        "virtual": f"{sp.cluster_ip}:{sp.port}",
        "scheduler": None,
        "endpoints": endpoints,
    }


def changes(old: Blocks, new: Blocks) -> dict[str, list[Obj] | None]:
    """The Services whose blocks differ; None for one no longer programmed."""
    changed: dict[str, list[Obj] | None] = {
        uid: ports for uid, ports in new.items() if old.get(uid) != ports
    }
    for uid in old.keys() - new.keys():
        changed[uid] = None
    return dict(sorted(changed.items()))
