"""Chain names and probabilities as kube-proxy computes them, against the
vectors in ``pkg/proxy/iptables/proxier_test.go`` (TestCleanupLeftovers'
rules, TestOverallIPTablesRules) and a real cluster's
``default/kubernetes:https``."""

from __future__ import annotations

import pytest

from cluster.proxy import names


@pytest.mark.parametrize(
    ("prefix", "port_name", "chain"),
    [
        ("KUBE-SVC", "ns1/svc1:p80", "KUBE-SVC-XPGD46QRK7WJZT7O"),
        ("KUBE-SVC", "ns2/svc2:p80", "KUBE-SVC-GNZBNJ2PO5MGZ6GT"),
        ("KUBE-EXT", "ns2/svc2:p80", "KUBE-EXT-GNZBNJ2PO5MGZ6GT"),
        ("KUBE-SVC", "ns3/svc3:p80", "KUBE-SVC-X27LE4BHSL4DOUIK"),
        ("KUBE-EXT", "ns4/svc4:p80", "KUBE-EXT-4SW47YFZTEDKD3PK"),
        ("KUBE-FW", "ns5/svc5:p80", "KUBE-FW-NUKIZ6OKUXPJNT4C"),
        ("KUBE-SVC", "default/kubernetes:https", "KUBE-SVC-NPX46M4PTMTKRN6Y"),
    ],
    ids=["svc1", "svc2", "svc2-ext", "svc3", "svc4-ext", "svc5-fw", "kubernetes"],
)
def test_service_chains(prefix: str, port_name: str, chain: str) -> None:
    assert names.service_chain(prefix, port_name, "tcp") == chain


@pytest.mark.parametrize(
    ("port_name", "endpoint", "chain"),
    [
        ("ns1/svc1:p80", "10.180.0.1:80", "KUBE-SEP-SXIVWICOYRO3J4NJ"),
        ("ns2/svc2:p80", "10.180.0.2:80", "KUBE-SEP-RS4RBKLTHTF2IUXJ"),
        ("ns3/svc3:p80", "10.180.0.3:80", "KUBE-SEP-OYPFS5VJICHGATKP"),
        ("ns4/svc4:p80", "10.180.0.4:80", "KUBE-SEP-UKSFD7AGPMPPLUHC"),
        ("ns4/svc4:p80", "10.180.0.5:80", "KUBE-SEP-C6EBXVWJJZMIWKLZ"),
        ("ns5/svc5:p80", "10.180.0.3:80", "KUBE-SEP-I77PXRDZVX7PMWMN"),
    ],
    ids=["svc1", "svc2", "svc3", "svc4-a", "svc4-b", "svc5-same-ip-other-svc"],
)
def test_endpoint_chains(port_name: str, endpoint: str, chain: str) -> None:
    assert names.endpoint_chain(port_name, "tcp", endpoint) == chain


@pytest.mark.parametrize(
    ("n", "written", "saved"),
    [
        (2, "0.5000000000", "0.50000000000"),
        (3, "0.3333333333", "0.33333333349"),
        (4, "0.2500000000", "0.25000000000"),
        (5, "0.2000000000", "0.20000000019"),
        (7, "0.1428571429", "0.14285714272"),
    ],
    ids=["n2", "n3", "n4", "n5", "n7"],
)
def test_probability_written_and_read_back(n: int, written: str, saved: str) -> None:
    assert names.probability(n) == written
    assert names.saved_probability(written) == saved
