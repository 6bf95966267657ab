"""The rules kube-proxy's iptables proxier writes, in iptables-restore form,
against the lines ``pkg/proxy/iptables/proxier_test.go`` expects (same
names, addresses and cluster CIDR as its fixtures), and as iptables-save
prints them back."""

from __future__ import annotations

import pytest

from cluster.proxy import iptables
from cluster.proxy.model import Endpoint, ServicePort
from cluster.proxy.save import rule_line
from cluster.proxy.tables import Ruleset

CIDR = "10.0.0.0/8"
SVC1 = "KUBE-SVC-XPGD46QRK7WJZT7O"


def ep(ip: str, node: str = "node-2", ready: bool = True, **kw: bool) -> Endpoint:
    local = node == "node-1"
    serving = kw.get("serving", ready)
    return Endpoint(ip, 80, node, None, ready, serving, kw.get("terminating", False),
                    local)  # fmt: skip


def port(ns: str, ips: list[str], **kw: object) -> ServicePort:
    number = ns.removeprefix("ns")
    sp = ServicePort(ns, f"svc{number}", "p80", "tcp", f"172.30.0.4{number}", 80)
    for key, value in kw.items():
        setattr(sp, key, value)
    if "endpoints" not in kw:
        sp.endpoints = [ep(ip) for ip in ips]
    return sp


def restore(rules: Ruleset, table: str = "nat") -> list[str]:
    """What kube-proxy hands iptables-restore (comments with spaces quoted)."""
    out = []
    for chain, chain_rules in rules[table].chains.items():
        for rule in chain_rules:
            words = [f'"{w}"' if " " in w else w for w in rule]
            out.append(" ".join(["-A", chain, *words]))
    return out


def test_three_endpoints() -> None:
    sp = port("ns1", ["10.180.0.1", "10.180.0.2", "10.180.0.3"])
    lines = restore(iptables.build([sp], CIDR))
    sep1, sep3 = sp.sep(sp.endpoints[0]), sp.sep(sp.endpoints[2])
    assert sep1 == "KUBE-SEP-SXIVWICOYRO3J4NJ"
    expected = [
        '-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp'
        f" -d 172.30.0.41 --dport 80 -j {SVC1}",
        f'-A {SVC1} -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp'
        " -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ",
        f'-A {SVC1} -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80"'
        f" -m statistic --mode random --probability 0.3333333333 -j {sep1}",
        f'-A {SVC1} -m comment --comment "ns1/svc1:p80 -> 10.180.0.2:80"'
        " -m statistic --mode random --probability 0.5000000000"
        f" -j {sp.sep(sp.endpoints[1])}",
        f'-A {SVC1} -m comment --comment "ns1/svc1:p80 -> 10.180.0.3:80" -j {sep3}',
        f"-A {sep1} -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ",
        f"-A {sep1} -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT"
        " --to-destination 10.180.0.1:80",
    ]
    for line in expected:
        assert line in lines


def test_saved_form_of_the_balancing_rules() -> None:
    sp = port("ns1", ["10.180.0.1", "10.180.0.2", "10.180.0.3"])
    rules = iptables.build([sp], CIDR)
    saved = [rule_line(SVC1, r) for r in rules.rules("nat", SVC1)]
    assert saved[0] == (
        f"-A {SVC1} ! -s 10.0.0.0/8 -d 172.30.0.41/32 -p tcp -m comment --comment "
        '"ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ'
    )
    assert "--probability 0.33333333349 -j KUBE-SEP-SXIVWICOYRO3J4NJ" in saved[1]
    assert "--probability 0.50000000000" in saved[2]
    assert "statistic" not in saved[3]


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        (
            False,
            [
                "-A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp"
                " --dport 3001 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT",
                '-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "masquerade'
                ' traffic for ns2/svc2:p80 external destinations" -j KUBE-MARK-MASQ',
                "-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -j KUBE-SVC-GNZBNJ2PO5MGZ6GT",
            ],
        ),
        (
            True,
            [
                '-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "pod traffic for'
                ' ns2/svc2:p80 external destinations" -s 10.0.0.0/8'
                " -j KUBE-SVC-GNZBNJ2PO5MGZ6GT",
                '-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "masquerade LOCAL'
                ' traffic for ns2/svc2:p80 external destinations" -m addrtype'
                " --src-type LOCAL -j KUBE-MARK-MASQ",
                '-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "route LOCAL'
                ' traffic for ns2/svc2:p80 external destinations" -m addrtype'
                " --src-type LOCAL -j KUBE-SVC-GNZBNJ2PO5MGZ6GT",
            ],
        ),
    ],
    ids=["cluster-policy", "local-policy-no-local-endpoints"],
)
def test_node_port(local: bool, expected: list[str]) -> None:
    sp = port("ns2", ["10.180.0.2"], node_port=3001, external_local=local)
    rules = iptables.build([sp], CIDR)
    lines = restore(rules)
    for line in expected:
        assert line in lines
    dropped = (
        '-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local'
        ' endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 3001 -j DROP'
    )
    assert (dropped in restore(rules, "filter")) == local


def test_session_affinity() -> None:
    sp = port("ns1", ["10.180.0.1", "10.180.0.2"], affinity_seconds=10800)
    rules = iptables.build([sp], CIDR)
    sep1 = sp.sep(sp.endpoints[0])
    lines = restore(rules)
    assert (
        f'-A {SVC1} -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m recent'
        f" --name {sep1} --rcheck --seconds 10800 --reap -j {sep1}"
    ) in lines
    assert (
        f"-A {sep1} -m comment --comment ns1/svc1:p80 -m recent --name {sep1} --set"
        " -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80"
    ) in lines
    saved = rule_line(sep1, rules.rules("nat", sep1)[1])
    assert f"-m recent --set --name {sep1} --mask 255.255.255.255 --rsource" in saved


@pytest.mark.parametrize(
    ("endpoints", "kw", "expected"),
    [
        (
            [],
            {},
            '-A KUBE-SERVICES -m comment --comment "ns6/svc6:p80 has no endpoints"'
            " -m tcp -p tcp -d 172.30.0.46 --dport 80 -j REJECT",
        ),
        (
            [ep("10.180.0.6", ready=False)],
            {},
            '-A KUBE-SERVICES -m comment --comment "ns6/svc6:p80 has no endpoints"'
            " -m tcp -p tcp -d 172.30.0.46 --dport 80 -j REJECT",
        ),
        (
            [ep("10.180.0.6", node="node-2")],
            {"internal_local": True},
            '-A KUBE-SERVICES -m comment --comment "ns6/svc6:p80 has no local'
            ' endpoints" -m tcp -p tcp -d 172.30.0.46 --dport 80 -j DROP',
        ),
    ],
    ids=["no-endpoints", "only-unready", "internal-local-none-here"],
)
def test_filter_verdicts(endpoints: list[Endpoint], kw: dict, expected: str) -> None:
    sp = port("ns6", [], endpoints=endpoints, **kw)
    rules = iptables.build([sp], CIDR)
    assert expected in restore(rules, "filter")
    assert not [c for c in rules["nat"].chains if c.startswith("KUBE-SVC-")]


def test_terminating_endpoints_are_the_fallback() -> None:
    gone = ep("10.180.0.7", ready=False, serving=True, terminating=True)
    sp = port("ns7", [], endpoints=[gone])
    lines = restore(iptables.build([sp], CIDR))
    assert any("--to-destination 10.180.0.7:80" in line for line in lines)


def test_large_cluster_mode_drops_endpoint_comments() -> None:
    ips = [f"10.181.{i // 250}.{i % 250 + 1}" for i in range(1001)]
    sp = port("ns1", ips)
    rules = iptables.build([sp], CIDR)
    sep = sp.sep(sp.endpoints[0])
    assert rules.rules("nat", sep)[0] == ("-s", ips[0], "-j", "KUBE-MARK-MASQ")
    assert "comment" not in rules.rules("nat", SVC1)[1]
    assert "comment" in rules.rules("nat", "KUBE-SERVICES")[0]
