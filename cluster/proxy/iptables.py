"""The rules kube-proxy's iptables proxier writes (``syncProxyRules`` in
``pkg/proxy/iptables/proxier.go``, v1.35), built from ``ServicePort``s."""

from __future__ import annotations

from cluster.proxy import names
from cluster.proxy.model import Categorized, Endpoint, ServicePort, categorize
from cluster.proxy.tables import Ruleset, Table

MASQ_MARK = "0x4000"
MARK_MASQ = "KUBE-MARK-MASQ"
NEW = ("-m", "conntrack", "--ctstate", "NEW")
LB_FIREWALL = "kubernetes load balancer firewall"
# iptablesJumpChains: (table, chain, from builtin, comment, extra args).
JUMPS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("filter", "KUBE-EXTERNAL-SERVICES", "INPUT",
     "kubernetes externally-visible service portals", NEW),
    ("filter", "KUBE-EXTERNAL-SERVICES", "FORWARD",
     "kubernetes externally-visible service portals", NEW),
    ("filter", "KUBE-NODEPORTS", "INPUT", "kubernetes health check service ports", ()),
    ("filter", "KUBE-SERVICES", "FORWARD", "kubernetes service portals", NEW),
    ("filter", "KUBE-SERVICES", "OUTPUT", "kubernetes service portals", NEW),
    ("filter", "KUBE-FORWARD", "FORWARD", "kubernetes forwarding rules", ()),
    ("filter", "KUBE-PROXY-FIREWALL", "INPUT", LB_FIREWALL, NEW),
    ("filter", "KUBE-PROXY-FIREWALL", "OUTPUT", LB_FIREWALL, NEW),
    ("filter", "KUBE-PROXY-FIREWALL", "FORWARD", LB_FIREWALL, NEW),
    ("nat", "KUBE-SERVICES", "OUTPUT", "kubernetes service portals", ()),
    ("nat", "KUBE-SERVICES", "PREROUTING", "kubernetes service portals", ()),
    ("nat", "KUBE-POSTROUTING", "POSTROUTING", "kubernetes postrouting rules", ()),
)  # fmt: skip
LARGE_CLUSTER_ENDPOINTS = 1000  # past this, per-endpoint rules lose their comments
NODEPORTS_LAST = (
    "kubernetes service nodeports; NOTE: this must be the last rule in this chain"
)


def build(ports: list[ServicePort], cluster_cidr: str) -> Ruleset:
    rules = Ruleset()
    _static(rules)
    large = sum(len(sp.endpoints) for sp in ports) > LARGE_CLUSTER_ENDPOINTS
    for sp in ports:
        ServiceRules(rules, sp, cluster_cidr, large).write()
    rules["nat"].add(
        "KUBE-SERVICES", "-m", "comment", "--comment", NODEPORTS_LAST,
        "-m", "addrtype", "--dst-type", "LOCAL", "-j", "KUBE-NODEPORTS",
    )  # fmt: skip
    _forward(rules["filter"])
    return rules


def _static(rules: Ruleset) -> None:
    for table, chain, source, comment, extra in reversed(JUMPS):
        rules[table].add(source, *extra, "-m", "comment", "--comment", comment,
                         "-j", chain)  # fmt: skip
    for name in ("mangle", "filter", "nat"):
        rules[name].chain("KUBE-PROXY-CANARY")
        rules[name].chain("KUBE-KUBELET-CANARY")
    rules["mangle"].chain("KUBE-IPTABLES-HINT")
    _filter_chains(rules["filter"])
    nat = rules["nat"]
    for chain in ("KUBE-SERVICES", "KUBE-NODEPORTS"):
        nat.chain(chain)
    nat.add("KUBE-POSTROUTING", "-m", "mark", "!", "--mark",
            f"{MASQ_MARK}/{MASQ_MARK}", "-j", "RETURN")  # fmt: skip
    nat.add("KUBE-POSTROUTING", "-j", "MARK", "--xor-mark", MASQ_MARK)
    nat.add("KUBE-POSTROUTING", "-m", "comment", "--comment",
            "kubernetes service traffic requiring SNAT", "-j", "MASQUERADE",
            "--random-fully")  # fmt: skip
    nat.add(MARK_MASQ, "-j", "MARK", "--or-mark", MASQ_MARK)


def _filter_chains(table: Table) -> None:
    for chain in ("KUBE-EXTERNAL-SERVICES", "KUBE-NODEPORTS", "KUBE-SERVICES",
                  "KUBE-FORWARD", "KUBE-PROXY-FIREWALL"):  # fmt: skip
        table.chain(chain)
    table.add("INPUT", "-j", "KUBE-FIREWALL")
    table.add("OUTPUT", "-j", "KUBE-FIREWALL")
    table.add("KUBE-FIREWALL", "-m", "comment", "--comment",
              "block incoming localnet connections", "-d", "127.0.0.0/8",
              "!", "-s", "127.0.0.0/8", "-m", "conntrack", "!", "--ctstate",
              "RELATED,ESTABLISHED,DNAT", "-j", "DROP")  # fmt: skip


def _forward(table: Table) -> None:
    table.add("KUBE-FORWARD", "-m", "conntrack", "--ctstate", "INVALID", "-j", "DROP")
    table.add("KUBE-FORWARD", "-m", "comment", "--comment",
              "kubernetes forwarding rules", "-m", "mark", "--mark",
              f"{MASQ_MARK}/{MASQ_MARK}", "-j", "ACCEPT")  # fmt: skip
    table.add("KUBE-FORWARD", "-m", "comment", "--comment",
              "kubernetes forwarding conntrack rule", "-m", "conntrack",
              "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT")  # fmt: skip


class ServiceRules:
    """The nat and filter rules for one service port."""

    def __init__(
        self, rules: Ruleset, sp: ServicePort, cidr: str, large: bool = False
    ) -> None:
        self.nat, self.filter = rules["nat"], rules["filter"]
        self.large = large  # largeClusterMode
        self.sp, self.cidr = sp, cidr
        self.cat: Categorized = categorize(sp)
        self.name = sp.svc_port_name
        self.proto = ("-m", sp.protocol, "-p", sp.protocol)

    # -- which chains carry the traffic ------------------------------------------

    @property
    def internal_chain(self) -> str:
        return self.sp.chain("KUBE-SVL" if self.sp.internal_local else "KUBE-SVC")

    @property
    def has_internal(self) -> bool:
        return bool(self.cat.local) if self.sp.internal_local else self.cat.has_any

    @property
    def has_external(self) -> bool:
        if self.sp.external_policy_local:
            return bool(self.cat.local)
        return self.cat.has_any

    def _filter_verdict(self) -> tuple[str, str]:
        if not self.cat.has_any:
            return f"{self.name} has no endpoints", "REJECT"
        return f"{self.name} has no local endpoints", "DROP"

    # -- writing ----------------------------------------------------------------------

    def write(self) -> None:
        self._cluster_ip()
        self._external_ips()
        self._node_port()
        if self.has_internal:
            self._masquerade_internal()
        if self.cat.has_any and self.sp.externally_accessible:
            self._external_chain()
        if self.cat.cluster and self.sp.uses_cluster_endpoints():
            self._balance(self.sp.chain("KUBE-SVC"), self.cat.cluster)
        if self.cat.local and self.sp.uses_local_endpoints():
            self._balance(self.sp.chain("KUBE-SVL"), self.cat.local)
        for endpoint in self.cat.reachable:
            self._endpoint_chain(endpoint)

    def _vip(self, ip: str, port: int) -> tuple[str, ...]:
        return (*self.proto, "-d", ip, "--dport", str(port))

    def _comment(self, text: str) -> tuple[str, ...]:
        return ("-m", "comment", "--comment", text)

    def _endpoint_comment(self, text: str) -> tuple[str, ...]:
        """appendServiceCommentLocked: none in large cluster mode."""
        return () if self.large else self._comment(text)

    def _to(self, ep: Endpoint) -> tuple[str, ...]:
        return self._endpoint_comment(f"{self.name} -> {ep.address}")

    def _cluster_ip(self) -> None:
        vip = self._vip(self.sp.cluster_ip, self.sp.port)
        if self.has_internal:
            self.nat.add("KUBE-SERVICES", *self._comment(f"{self.name} cluster IP"),
                         *vip, "-j", self.internal_chain)  # fmt: skip
            return
        comment, target = self._filter_verdict()
        self.filter.add("KUBE-SERVICES", *self._comment(comment), *vip, "-j", target)

    def _external_ips(self) -> None:
        for ip in self.sp.external_ips:
            vip = self._vip(ip, self.sp.port)
            if self.cat.has_any:
                self.nat.add("KUBE-SERVICES",
                             *self._comment(f"{self.name} external IP"), *vip,
                             "-j", self.sp.chain("KUBE-EXT"))  # fmt: skip
            if not self.has_external:
                comment, target = self._filter_verdict()
                self.filter.add("KUBE-EXTERNAL-SERVICES", *self._comment(comment),
                                *vip, "-j", target)  # fmt: skip

    def _node_port(self) -> None:
        if not self.sp.node_port:
            return
        dport = ("--dport", str(self.sp.node_port))
        if self.cat.has_any:
            self.nat.add("KUBE-NODEPORTS", *self._comment(self.name), *self.proto,
                         *dport, "-j", self.sp.chain("KUBE-EXT"))  # fmt: skip
        if not self.has_external:
            comment, target = self._filter_verdict()
            self.filter.add("KUBE-EXTERNAL-SERVICES", *self._comment(comment),
                            "-m", "addrtype", "--dst-type", "LOCAL", *self.proto,
                            *dport, "-j", target)  # fmt: skip

    def _masquerade_internal(self) -> None:
        self.nat.add(self.internal_chain, *self._comment(f"{self.name} cluster IP"),
                     *self._vip(self.sp.cluster_ip, self.sp.port),
                     "!", "-s", self.cidr, "-j", MARK_MASQ)  # fmt: skip

    def _external_chain(self) -> None:
        ext, svc, name = self.sp.chain("KUBE-EXT"), self.sp.chain("KUBE-SVC"), self.name
        self.nat.chain(ext)
        if not self.sp.external_policy_local:
            self.nat.add(ext, *self._comment(
                f"masquerade traffic for {name} external destinations"),
                "-j", MARK_MASQ)  # fmt: skip
        else:
            local = ("-m", "addrtype", "--src-type", "LOCAL")
            self.nat.add(ext, *self._comment(
                f"pod traffic for {name} external destinations"),
                "-s", self.cidr, "-j", svc)  # fmt: skip
            self.nat.add(ext, *self._comment(
                f"masquerade LOCAL traffic for {name} external destinations"),
                *local, "-j", MARK_MASQ)  # fmt: skip
            self.nat.add(ext, *self._comment(
                f"route LOCAL traffic for {name} external destinations"),
                *local, "-j", svc)  # fmt: skip
        if self.has_external:
            policy = "KUBE-SVL" if self.sp.external_policy_local else "KUBE-SVC"
            self.nat.add(ext, "-j", self.sp.chain(policy))

    def _balance(self, chain: str, endpoints: list[Endpoint]) -> None:
        """writeServiceToEndpointRules: affinity checks, then the
        ``--probability`` ladder (the last rule always matches)."""
        self.nat.chain(chain)
        if self.sp.affinity_seconds is not None:
            seconds = str(self.sp.affinity_seconds)
            for ep in endpoints:
                sep = self.sp.sep(ep)
                self.nat.add(chain, *self._to(ep), "-m", "recent", "--name", sep,
                             "--rcheck", "--seconds", seconds, "--reap",
                             "-j", sep)  # fmt: skip
        count = len(endpoints)
        for i, ep in enumerate(endpoints):
            odds: tuple[str, ...] = ()
            if i < count - 1:
                odds = ("-m", "statistic", "--mode", "random",
                        "--probability", names.probability(count - i))  # fmt: skip
            self.nat.add(chain, *self._to(ep), *odds, "-j", self.sp.sep(ep))

    def _endpoint_chain(self, ep: Endpoint) -> None:
        sep = self.sp.sep(ep)
        comment = self._endpoint_comment(self.name)
        self.nat.add(sep, *comment, "-s", ep.ip, "-j", MARK_MASQ)
        recent: tuple[str, ...] = ()
        if self.sp.affinity_seconds is not None:
            recent = ("-m", "recent", "--name", sep, "--set")
        self.nat.add(sep, *comment, *recent, *self.proto, "-j", "DNAT",
                     "--to-destination", ep.address)  # fmt: skip
