"""kubectl expose and kubectl create service|namespace, and describe service."""

from __future__ import annotations

import pytest

from cluster.engine import Cluster

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web, tier: front}
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports: [{containerPort: 80}]
"""


def run(cluster: Cluster, line: str, stdin: str | None = None) -> str:
    return cluster.execute(line, stdin).output


@pytest.fixture
def cluster() -> Cluster:
    cluster = Cluster.sandbox(seed=9)
    run(cluster, "kubectl apply -f -", POD)
    cluster.advance(30)
    return cluster


def test_expose_a_pod(cluster: Cluster) -> None:
    assert (
        run(cluster, "kubectl expose pod web --name=web-svc")
        == "service/web-svc exposed"
    )
    svc = cluster.api.get("services", "web-svc", "default")
    assert svc["metadata"]["labels"] == {"app": "web", "tier": "front"}
    assert svc["spec"]["selector"] == {"app": "web", "tier": "front"}
    assert svc["spec"]["ports"] == [{"port": 80, "protocol": "TCP", "targetPort": 80}]


def test_expose_a_deployment_as_node_port(cluster: Cluster) -> None:
    run(cluster, "kubectl create deployment api --image=nginx:1.27")
    out = run(
        cluster,
        "kubectl expose deployment api --port=8080 --target-port=80 --type=NodePort",
    )
    assert out == "service/api exposed"
    svc = cluster.api.get("services", "api", "default")
    assert svc["spec"]["selector"] == {"app": "api"}
    assert svc["spec"]["type"] == "NodePort"
    assert svc["spec"]["ports"][0]["targetPort"] == 80


@pytest.mark.parametrize(
    ("line", "output"),
    [
        ("kubectl expose node node-1 --port=80", "error: cannot expose a Node"),
        (
            "kubectl expose pod web --port=80",
            'Error from server (AlreadyExists): services "web" already exists',
        ),
    ],
    ids=["not-exposable", "name-taken"],
)
def test_expose_errors(cluster: Cluster, line: str, output: str) -> None:
    run(cluster, "kubectl expose pod web")
    assert run(cluster, line) == output


def test_create_service_clusterip(cluster: Cluster) -> None:
    assert run(cluster, "kubectl create service clusterip my-cs --tcp=5678:8080") == (
        "service/my-cs created"
    )
    svc = cluster.api.get("services", "my-cs", "default")
    assert svc["metadata"]["labels"] == {"app": "my-cs"}
    assert svc["spec"]["selector"] == {"app": "my-cs"}
    assert svc["spec"]["ports"] == [
        {"name": "5678-8080", "port": 5678, "protocol": "TCP", "targetPort": 8080}
    ]


def test_create_service_nodeport_with_a_port(cluster: Cluster) -> None:
    out = run(
        cluster,
        "kubectl create service nodeport my-ns --tcp=5678:8080 --node-port=30080",
    )
    assert out == "service/my-ns created"
    assert "5678:30080/TCP" in run(cluster, "kubectl get svc my-ns")


@pytest.mark.parametrize(
    ("line", "output"),
    [
        (
            "kubectl create service clusterip my-cs",
            "error: at least one tcp port specifier must be provided",
        ),
        (
            "kubectl create service nodeport my-ns --tcp=80 --node-port=80",
            'error: failed to create NodePort service: Service "my-ns" is invalid: '
            "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the "
            "valid range. The range of valid ports is 30000-32767",
        ),
        (
            "kubectl create service clusterip",
            "error: exactly one NAME is required, got 0\nSee 'kubectl create service "
            "clusterip -h' for help and examples",
        ),
        ("kubectl create service clusterip h --clusterip=None", "service/h created"),
    ],
    ids=["no-ports", "bad-node-port", "no-name", "headless"],
)
def test_create_service_cases(cluster: Cluster, line: str, output: str) -> None:
    assert run(cluster, line) == output


def test_describe_service_lists_ready_endpoints(cluster: Cluster) -> None:
    run(cluster, "kubectl expose pod web --type=NodePort")
    node_port = cluster.api.get("services", "web", "default")["spec"]["ports"][0][
        "nodePort"
    ]
    ip = cluster.api.get("pods", "web", "default")["status"]["podIP"]
    lines = run(cluster, "kubectl describe service web").splitlines()
    assert lines[6:] == [
        "Type:                     NodePort",
        "IP Family Policy:         SingleStack",
        "IP Families:              IPv4",
        lines[9],
        lines[10],
        "Port:                     <unset>  80/TCP",
        "TargetPort:               80/TCP",
        f"NodePort:                 <unset>  {node_port}/TCP",
        f"Endpoints:                {ip}:80",
        "Session Affinity:         None",
        "External Traffic Policy:  Cluster",
        "Internal Traffic Policy:  Cluster",
        "Events:                   <none>",
    ]


def test_get_endpoints_warns_that_they_are_deprecated(cluster: Cluster) -> None:
    lines = run(cluster, "kubectl get ep kubernetes").splitlines()
    assert lines[0] == (
        "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 "
        "EndpointSlice"
    )
    assert lines[1].split() == ["NAME", "ENDPOINTS", "AGE"]
    assert lines[2].split()[:2] == ["kubernetes", "192.168.49.2:6443"]
