"""The iptables rules kube-proxy keeps in IPVS mode: no per-Service chains,
just ipset matches that mark traffic for masquerading and accept what IPVS
will balance (``pkg/proxy/ipvs/proxier.go`` writeIptablesRules; the text is
as seen in real ``iptables-save`` output)."""

from __future__ import annotations

from cluster.proxy.model import ServicePort
from cluster.proxy.tables import Ruleset

MASQ = "KUBE-MARK-MASQ"
CLUSTER_IP_COMMENT = "Kubernetes service cluster ip + port for masquerade purpose"
NODE_PORT_COMMENT = "Kubernetes nodeport {} port for masquerade purpose"
LOOP_BACK_COMMENT = (
    "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose"
)


def add(rules: Ruleset, ports: list[ServicePort], cluster_cidr: str) -> None:
    """Replace the iptables-mode service rules with the IPVS-mode ones."""
    nat = rules["nat"]
    services = nat.chain("KUBE-SERVICES")
    services.clear()  # IPVS mode has no per-Service rules or nodeports tail
    nat.chains.pop("KUBE-NODEPORTS", None)
    if not ports:
        return
    match = ("-m", "set", "--match-set", "KUBE-CLUSTER-IP", "dst,dst")
    nat.add("KUBE-SERVICES", "!", "-s", cluster_cidr, "-m", "comment", "--comment",
            CLUSTER_IP_COMMENT, *match, "-j", MASQ)  # fmt: skip
    nat.add("KUBE-SERVICES", "-m", "addrtype", "--dst-type", "LOCAL",
            "-j", "KUBE-NODE-PORT")  # fmt: skip
    nat.add("KUBE-SERVICES", *match, "-j", "ACCEPT")
    nat.chain("KUBE-NODE-PORT")
    for proto in sorted({p.protocol for p in ports if p.node_port}):
        upper = proto.upper()
        nat.add("KUBE-NODE-PORT", "-p", proto, "-m", "comment", "--comment",
                NODE_PORT_COMMENT.format(upper), "-m", "set", "--match-set",
                f"KUBE-NODE-PORT-{upper}", "dst", "-j", MASQ)  # fmt: skip
    loop_back = ("-m", "set", "--match-set", "KUBE-LOOP-BACK", "dst,dst,src")
    hairpin = ("-m", "comment", "--comment", LOOP_BACK_COMMENT, *loop_back,
               "-j", "MASQUERADE")  # fmt: skip
    nat.chain("KUBE-POSTROUTING").insert(0, hairpin)  # before the mark's RETURN
