"""Services: ClusterIP and NodePort allocation, defaulting, validation and the
update rules of the service registry (``pkg/registry/core/service``)."""

from __future__ import annotations

import ipaddress
import random

import pytest

from cluster.api import allocators
from cluster.api.allocators import AllocationError
from cluster.engine import Cluster

SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: {name}
spec:
{spec}
"""


def apply(cluster: Cluster, name: str, spec: str) -> str:
    text = SERVICE.format(
        name=name, spec="\n".join("  " + s for s in spec.splitlines())
    )
    return cluster.execute("kubectl apply -f -", text).output


def get(cluster: Cluster, name: str) -> dict:
    return cluster.api.get("services", name, "default")


@pytest.fixture
def cluster() -> Cluster:
    return Cluster.sandbox(seed=3)


def test_the_bands_are_sized_as_kube_apiserver_sizes_them() -> None:
    assert allocators.IP_OFFSET == 256  # min(max(16, 2^20/16), 256)
    assert allocators.PORT_OFFSET == 86  # min(max(16, 2768/32), 128)


def test_dynamic_ips_come_from_the_upper_band_of_the_cidr() -> None:
    rng = random.Random(0)
    taken: set[str] = set()
    for _ in range(200):
        taken.add(allocators.allocate_ip(taken, rng))
    low_band_end = ipaddress.IPv4Address("10.96.1.1")
    assert all(ipaddress.IPv4Address(ip) >= low_band_end for ip in taken)
    assert all(ipaddress.IPv4Address(ip) in allocators.SERVICE_CIDR for ip in taken)


def test_dynamic_node_ports_come_from_the_upper_band() -> None:
    rng = random.Random(0)
    taken: set[int] = set()
    for _ in range(100):
        taken.add(allocators.allocate_port(taken, rng))
    assert len(taken) == 100
    assert min(taken) >= 30000 + 86 and max(taken) <= 32767


@pytest.mark.parametrize(
    ("ip", "message"),
    [
        ("10.96.0.1", "provided IP is already allocated"),
        (
            "10.0.0.5",
            "the provided IP (10.0.0.5) is not in the valid range. "
            "The range of valid IPs is 10.96.0.0/12",
        ),
    ],
    ids=["taken", "outside-the-cidr"],
)
def test_requested_cluster_ips_are_checked(ip: str, message: str) -> None:
    with pytest.raises(
        AllocationError,
        match="^"
        + message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")
        + "$",
    ):
        allocators.reserve_ip(ip, {"10.96.0.1"})


def test_a_new_service_gets_the_defaults_and_an_ip(cluster: Cluster) -> None:
    assert apply(cluster, "web", "selector: {app: web}\nports: [{port: 80}]") == (
        "service/web created"
    )
    spec = get(cluster, "web")["spec"]
    assert spec["type"] == "ClusterIP"
    assert spec["sessionAffinity"] == "None"
    assert spec["internalTrafficPolicy"] == "Cluster"
    assert spec["ipFamilies"] == ["IPv4"] and spec["ipFamilyPolicy"] == "SingleStack"
    assert spec["ports"] == [{"port": 80, "protocol": "TCP", "targetPort": 80}]
    assert spec["clusterIPs"] == [spec["clusterIP"]]
    assert ipaddress.IPv4Address(spec["clusterIP"]) in allocators.SERVICE_CIDR
    assert get(cluster, "web")["status"] == {"loadBalancer": {}}


def test_same_seed_same_cluster_ip() -> None:
    ips = []
    for _ in range(2):
        cluster = Cluster.sandbox(seed=11)
        apply(cluster, "web", "ports: [{port: 80}]")
        ips.append(get(cluster, "web")["spec"]["clusterIP"])
    assert ips[0] == ips[1]


def test_a_headless_service_has_no_ip(cluster: Cluster) -> None:
    apply(cluster, "db", "clusterIP: None\nselector: {app: db}\nports: [{port: 5432}]")
    spec = get(cluster, "db")["spec"]
    assert spec["clusterIP"] == "None" and spec["clusterIPs"] == ["None"]
    row = cluster.execute("kubectl get svc db").output.splitlines()[1].split()
    assert row[:5] == ["db", "ClusterIP", "None", "<none>", "5432/TCP"]


def test_a_node_port_service_gets_a_port_and_the_external_policy(
    cluster: Cluster,
) -> None:
    apply(cluster, "web", "type: NodePort\nports: [{port: 80, targetPort: 8080}]")
    spec = get(cluster, "web")["spec"]
    assert 30000 <= spec["ports"][0]["nodePort"] <= 32767
    assert spec["externalTrafficPolicy"] == "Cluster"
    cell = f"80:{spec['ports'][0]['nodePort']}/TCP"
    assert cell in cluster.execute("kubectl get svc web").output


@pytest.mark.parametrize(
    ("spec", "error"),
    [
        (
            "type: NodePort\nports: [{port: 80, nodePort: 80}]",
            'The Service "bad" is invalid: spec.ports[0].nodePort: Invalid value: 80: '
            "provided port is not in the valid range. The range of valid ports is "
            "30000-32767",
        ),
        (
            "ports: [{port: 80}, {port: 81}]",
            'The Service "bad" is invalid: \n* spec.ports[0].name: Required value\n'
            "* spec.ports[1].name: Required value",
        ),
        (
            "ports: [{name: a, port: 80}, {name: a, port: 81}]",
            'The Service "bad" is invalid: spec.ports[1].name: Duplicate value: "a"',
        ),
        (
            "ports: [{port: 0}]",
            'The Service "bad" is invalid: \n'
            "* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, "
            "inclusive\n"
            "* spec.ports[0].targetPort: Invalid value: 0: must be between 1 and "
            "65535, inclusive",
        ),
        (
            "ports: [{port: 80, nodePort: 30080}]",
            'The Service "bad" is invalid: spec.ports[0].nodePort: Forbidden: may not '
            "be used when `type` is 'ClusterIP'",
        ),
        (
            "type: Foo\nports: [{port: 80}]",
            'The Service "bad" is invalid: spec.type: Unsupported value: "Foo": '
            'supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
        ),
        (
            "clusterIP: 10.96.0.1\nports: [{port: 80}]",
            'The Service "bad" is invalid: spec.clusterIPs: Invalid value: '
            '["10.96.0.1"]: failed to allocate IP 10.96.0.1: provided IP is already '
            "allocated",
        ),
        (
            "selector: {app: x}",
            'The Service "bad" is invalid: spec.ports: Required value',
        ),
    ],
    ids=[
        "node-port-out-of-range",
        "unnamed-ports",
        "duplicate-port-name",
        "port-zero",
        "node-port-on-cluster-ip",
        "unknown-type",
        "cluster-ip-taken",
        "no-ports",
    ],
)
def test_invalid_services_get_the_real_errors(
    cluster: Cluster, spec: str, error: str
) -> None:
    assert apply(cluster, "bad", spec) == error
    assert "bad" not in cluster.execute("kubectl get svc").output


def test_a_node_port_cannot_be_taken_twice(cluster: Cluster) -> None:
    apply(cluster, "one", "type: NodePort\nports: [{port: 80, nodePort: 30080}]")
    assert apply(
        cluster, "two", "type: NodePort\nports: [{port: 80, nodePort: 30080}]"
    ) == (
        'The Service "two" is invalid: spec.ports[0].nodePort: Invalid value: 30080: '
        "provided port is already allocated"
    )


def test_the_cluster_ip_may_not_change(cluster: Cluster) -> None:
    apply(cluster, "web", "ports: [{port: 80}]")
    assert apply(cluster, "web", "clusterIP: None\nports: [{port: 80}]") == (
        'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["None"]: '
        "may not change once set"
    )


def test_an_update_keeps_the_allocated_values(cluster: Cluster) -> None:
    apply(cluster, "web", "type: NodePort\nports: [{port: 80}]")
    before = get(cluster, "web")["spec"]
    assert apply(
        cluster, "web", "type: NodePort\nports: [{port: 80}]\nselector: {a: b}"
    ) == ("service/web configured")
    after = get(cluster, "web")["spec"]
    assert after["clusterIP"] == before["clusterIP"]
    assert after["ports"][0]["nodePort"] == before["ports"][0]["nodePort"]


def test_back_to_cluster_ip_drops_the_node_port(cluster: Cluster) -> None:
    apply(cluster, "web", "type: NodePort\nports: [{port: 80}]")
    assert apply(cluster, "web", "type: ClusterIP\nports: [{port: 80}]") == (
        "service/web configured"
    )
    assert "nodePort" not in get(cluster, "web")["spec"]["ports"][0]


def test_a_deleted_service_frees_its_node_port(cluster: Cluster) -> None:
    apply(cluster, "one", "type: NodePort\nports: [{port: 80, nodePort: 30080}]")
    cluster.execute("kubectl delete svc one")
    assert apply(
        cluster, "two", "type: NodePort\nports: [{port: 80, nodePort: 30080}]"
    ) == ("service/two created")
