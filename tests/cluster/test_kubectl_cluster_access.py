"""kubectl cluster-info, config view|current-context|get-contexts and auth
can-i: one kubeadm-style kubeconfig, a cluster-admin user, no CoreDNS."""

from __future__ import annotations

import pytest

from cluster.console import CommandResult
from cluster.engine import Cluster

CONFIG = """\
apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://192.168.49.2:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED"""
DUMP = (
    "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'."
)
CORE_DNS = """\
apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
  labels: {k8s-app: kube-dns, kubernetes.io/cluster-service: "true",
           kubernetes.io/name: CoreDNS}
spec:
  selector: {k8s-app: kube-dns}
  ports:
  - {name: dns, port: 53, protocol: UDP}
  - {name: dns-tcp, port: 53, protocol: TCP}
"""


@pytest.fixture
def cluster() -> Cluster:
    return Cluster.sandbox(seed=1)


@pytest.mark.parametrize(
    ("line", "output"),
    [
        pytest.param(
            "kubectl cluster-info",
            "Kubernetes control plane is running at https://192.168.49.2:6443\n\n"
            + DUMP,
            id="cluster-info",
        ),
        pytest.param("kubectl config view", CONFIG, id="view"),
        pytest.param(
            "kubectl config current-context",
            "kubernetes-admin@kubernetes",
            id="current-context",
        ),
        pytest.param(
            "kubectl config get-contexts",
            "CURRENT   NAME                          CLUSTER      AUTHINFO           "
            "NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   "
            "kubernetes-admin   ",
            id="get-contexts",
        ),
        pytest.param(
            "kubectl config get-contexts -o name",
            "kubernetes-admin@kubernetes",
            id="get-contexts-name",
        ),
        pytest.param("kubectl auth can-i create pods", "yes", id="can-i"),
        pytest.param("kubectl auth can-i '*' '*'", "yes", id="can-i-anything"),
        pytest.param(
            "kubectl auth can-i delete deployments.apps/web", "yes", id="can-i-name"
        ),
        pytest.param("kubectl auth can-i get /healthz", "yes", id="can-i-url"),
        pytest.param(
            "kubectl auth can-i list nodes",
            "Warning: resource 'nodes' is not namespace scoped\n\nyes",
            id="cluster-scoped",
        ),
        pytest.param(
            "kubectl auth can-i frob foos",
            "Warning: the server doesn't have a resource type 'foos'\n\n"
            "Warning: verb 'frob' is not a known verb\n\nyes",
            id="unknowns",
        ),
        pytest.param("kubectl auth can-i create pods -q", "", id="quiet"),
        pytest.param(
            "kubectl auth can-i get priorityclasses",
            "Warning: resource 'priorityclasses' is not namespace scoped in group "
            "'scheduling.k8s.io'\n\nyes",
            id="grouped-cluster-scoped",
        ),
        pytest.param(
            "kubectl auth can-i approve certificates.k8s.io",
            "Warning: the server doesn't have a resource type 'certificates' in "
            "group 'k8s.io'\n\nyes",
            id="unknown-grouped",
        ),
        pytest.param(
            "kubectl auth can-i frob nodes -A", "yes", id="all-namespaces-no-checks"
        ),
    ],
)
def test_outputs(cluster: Cluster, line: str, output: str) -> None:
    assert cluster.execute(line) == CommandResult(output, True)


@pytest.mark.parametrize(
    ("line", "output"),
    [
        pytest.param(
            "kubectl auth can-i get",
            "error: you must specify two arguments: verb resource or verb "
            "resource/resourceName.\nSee 'kubectl auth can-i -h' for help and "
            "examples.",
            id="one-arg",
        ),
        pytest.param(
            "kubectl config get-contexts dev",
            "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n"
            "error: context dev not found",
            id="no-context",
        ),
        pytest.param(
            "kubectl config get-contexts -o wide",
            "error: --output wide is not available in kubectl config get-contexts; "
            "resetting to default output format",
            id="get-contexts-output",
        ),
    ],
)
def test_errors(cluster: Cluster, line: str, output: str) -> None:
    assert cluster.execute(line) == CommandResult(output, False)


def test_cluster_info_lists_cluster_services(cluster: Cluster) -> None:
    cluster.execute("kubectl apply -f -", CORE_DNS)
    assert cluster.execute("kubectl cluster-info").output.splitlines()[:2] == [
        "Kubernetes control plane is running at https://192.168.49.2:6443",
        "CoreDNS is running at https://192.168.49.2:6443/api/v1/namespaces/"
        "kube-system/services/kube-dns:dns/proxy",
    ]
