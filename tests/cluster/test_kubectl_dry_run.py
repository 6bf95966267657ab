"""``--dry-run=client`` and ``--dry-run=server`` on every command that takes
them: what kubectl v1.35 prints, and that nothing is stored, no revision is
used and nothing reaches the event stream."""

from __future__ import annotations

import pytest

from cluster.console import CommandResult
from cluster.engine import Cluster
from tests.cluster import workloads as w
from tests.cluster.conftest import ControlPlane

# What kubectl v1.35 prints for the idioms that generate YAML to edit: the
# typed objects' empty structs, and no creationTimestamp (omitzero since 1.34).
DEPLOYMENT_YAML = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}"""
EXPOSED_YAML = """\
apiVersion: v1
kind: Service
metadata:
  labels:
    app: web
  name: web
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: web
status:
  loadBalancer: {}"""
JOB_YAML = """\
apiVersion: batch/v1
kind: Job
metadata:
  name: pi
  namespace: batch
spec:
  template:
    metadata: {}
    spec:
      containers:
      - command:
        - perl
        - -v
        image: perl:5.34
        name: pi
        resources: {}
      restartPolicy: Never
status: {}"""
SERVICE_YAML = """\
apiVersion: v1
kind: Service
metadata:
  labels:
    app: db
  name: db
spec:
  ports:
  - name: 5432-5433
    port: 5432
    protocol: TCP
    targetPort: 5433
  selector:
    app: db
  type: ClusterIP
status:
  loadBalancer: {}"""
NAMESPACE_YAML = """\
apiVersion: v1
kind: Namespace
metadata:
  name: team
spec: {}
status: {}"""
INVALID_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: broken
spec:
  containers:
  - name: app
    image: ""
"""
WEB = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx}]
"""
# Events a dry run must not cause: stored objects, etcd writes, diagram hops.
WRITES = ("object", "etcd", "message")


@pytest.fixture
def c() -> Cluster:
    cluster = w.cluster()
    w.run(cluster, "kubectl create deployment web --image=nginx --port=8080")
    cluster.advance(30)
    return cluster


def _unwritten(c: Cluster, line: str, stdin: str | None = None) -> CommandResult:
    """Run ``line`` and check it stored nothing and told the stream nothing."""
    seen: list[dict] = []
    stop = c.stream.subscribe(seen.append)
    revision = c.store.revision
    result = c.execute(line, stdin)
    stop()
    assert c.store.revision == revision
    assert [e["type"] for e in seen if e["type"] in WRITES] == []
    return result


def test_create_deployment_yaml_is_kubectls(c: Cluster) -> None:
    line = "kubectl create deployment web --image=nginx --dry-run=client -o yaml"
    assert _unwritten(c, line).output == DEPLOYMENT_YAML


def test_create_job_keeps_an_enforced_namespace(c: Cluster) -> None:
    line = (
        "kubectl create job pi -n batch --image=perl:5.34 --dry-run=client -o yaml "
        "-- perl -v"
    )
    assert _unwritten(c, line).output == JOB_YAML


def test_create_service_and_namespace_yaml(c: Cluster) -> None:
    service = "kubectl create service clusterip db --tcp=5432:5433 --dry-run=client"
    assert _unwritten(c, service + " -o yaml").output == SERVICE_YAML
    namespace = "kubectl create namespace team --dry-run=client -o yaml"
    assert _unwritten(c, namespace).output == NAMESPACE_YAML


def test_expose_yaml_is_the_generated_service(c: Cluster) -> None:
    line = "kubectl expose deployment web --port=80 --target-port=8080"
    assert _unwritten(c, line + " --dry-run=client -o yaml").output == EXPOSED_YAML


def test_client_json_keeps_the_go_field_order(c: Cluster) -> None:
    line = "kubectl create deployment api --image=nginx --dry-run=client -o json"
    lines = _unwritten(c, line).output.splitlines()
    assert lines[:3] == [
        "{",
        '    "kind": "Deployment",',
        '    "apiVersion": "apps/v1",',
    ]
    assert lines[-4:] == ['        "strategy": {}', "    },", '    "status": {}', "}"]


LINES = [
    (
        "kubectl create deployment api --image=nginx --dry-run",
        "deployment.apps/api created (dry run)",
    ),
    (
        "kubectl create deployment api --image=nginx --dry-run=server",
        "deployment.apps/api created (server dry run)",
    ),
    (
        "kubectl create deployment api --image=nginx --dry-run=client -o name",
        "deployment.apps/api",
    ),
    (
        "kubectl create job pi --image=perl --dry-run=server",
        "job.batch/pi created (server dry run)",
    ),
    (
        "kubectl create namespace team --dry-run=server",
        "namespace/team created (server dry run)",
    ),
    (
        "kubectl create service nodeport db --tcp=5432 --dry-run=server",
        "service/db created (server dry run)",
    ),
    (
        "kubectl expose deployment web --port=80 --dry-run=client",
        "service/web exposed (dry run)",
    ),
    (
        "kubectl expose deployment web --port=80 --dry-run=server",
        "service/web exposed (server dry run)",
    ),
    (
        "kubectl run box --image=busybox --dry-run=server",
        "pod/box created (server dry run)",
    ),
    (
        "kubectl scale deployment web --replicas=5 --dry-run=client",
        "deployment.apps/web scaled (dry run)",
    ),
    (
        "kubectl scale deployment web --replicas=5 --dry-run=server",
        "deployment.apps/web scaled (server dry run)",
    ),
    # Client-side, scale checks no precondition: it sends nothing.
    (
        "kubectl scale deployment web --replicas=5 --current-replicas=3 "
        "--dry-run=client",
        "deployment.apps/web scaled (dry run)",
    ),
    (
        "kubectl label deployment web tier=front --dry-run=client",
        "deployment.apps/web labeled (dry run)",
    ),
    (
        "kubectl label deployment web tier=front --dry-run=server",
        "deployment.apps/web labeled (server dry run)",
    ),
    (
        "kubectl label deployment web app- --dry-run=client",
        "deployment.apps/web unlabeled (dry run)",
    ),
    (
        "kubectl annotate deployment web note=hi --dry-run=server",
        "deployment.apps/web annotated (server dry run)",
    ),
    (
        "kubectl set image deployment/web nginx=nginx:1.27 --dry-run=client",
        "deployment.apps/web image updated (dry run)",
    ),
    (
        "kubectl set image deployment/web nginx=nginx:1.27 --dry-run=server",
        "deployment.apps/web image updated (server dry run)",
    ),
    # taint.go and patch.go set the operation after the dry-run suffix.
    (
        "kubectl taint nodes node-1 team=a:NoSchedule --dry-run=server",
        "node/node-1 tainted",
    ),
    (
        'kubectl patch deployment web -p \'{"spec":{"replicas":4}}\' --dry-run=server',
        "deployment.apps/web patched",
    ),
    ("kubectl cordon node-1 --dry-run=client", "node/node-1 cordoned (dry run)"),
    ("kubectl cordon node-1 --dry-run=server", "node/node-1 cordoned (server dry run)"),
    (
        "kubectl uncordon node-1 --dry-run=server",
        "node/node-1 already uncordoned (server dry run)",
    ),
    (
        "kubectl replace --dry-run=server -f -",
        "deployment.apps/web replaced (server dry run)",
    ),
    ("kubectl apply --dry-run=client -f -", "deployment.apps/web configured (dry run)"),
    # A server dry run still meets the server's objections.
    (
        "kubectl create --dry-run=server -f -",
        'Error from server (AlreadyExists): error when creating "STDIN": '
        'deployments.apps "web" already exists',
    ),
    (
        "kubectl create deployment web --image=nginx --dry-run=server",
        'error: failed to create deployment: deployments.apps "web" already exists',
    ),
    (
        "kubectl delete deployment web --dry-run=client",
        'deployment.apps "web" deleted from default namespace (dry run)',
    ),
    (
        "kubectl delete deployment web --dry-run=server",
        'deployment.apps "web" deleted from default namespace (server dry run)',
    ),
]


@pytest.mark.parametrize(
    ("line", "expected"), LINES, ids=[line[8:] for line, _ in LINES]
)
def test_dry_runs_print_kubectls_line_and_change_nothing(
    c: Cluster, line: str, expected: str
) -> None:
    before = c.api.get("deployments", "web", "default")
    result = _unwritten(c, line, WEB if " -f -" in line else None)
    assert result == CommandResult(
        expected, not expected.startswith(("error", "Error"))
    )
    assert c.api.get("deployments", "web", "default") == before


def test_rollout_undo_dry_runs(c: Cluster) -> None:
    w.run(c, "kubectl set image deployment/web nginx=nginx:1.27")
    c.advance(60)
    line = "kubectl rollout undo deployment/web"
    server = _unwritten(c, line + " --dry-run=server")
    assert server == CommandResult(
        "deployment.apps/web rolled back (server dry run)", True
    )
    # Client-side, kubectl describes the template it would roll back to.
    client = _unwritten(c, line + " --dry-run=client").output.splitlines()
    assert client[0] == "deployment.apps/web Pod Template:"
    assert "    Image:\tnginx" in client
    assert client[-1] == " (dry run)"
    image = c.api.get("deployments", "web", "default")["spec"]["template"]["spec"]
    assert image["containers"][0]["image"] == "nginx:1.27"


def test_server_dry_run_of_an_invalid_object_is_refused_by_the_server(
    c: Cluster,
) -> None:
    result = _unwritten(c, "kubectl apply --dry-run=server -f -", INVALID_POD)
    assert result == CommandResult(
        'The Pod "broken" is invalid: spec.containers[0].image: Required value', False
    )
    # Client-side, kubectl sends nothing, so nothing checks the image.
    result = _unwritten(c, "kubectl apply --dry-run=client -f -", INVALID_POD)
    assert result == CommandResult("pod/broken created (dry run)", True)


def test_server_dry_run_delete_leaves_the_pod(c: Cluster) -> None:
    (pod,) = w.pods(c, app="web")
    name = pod["metadata"]["name"]
    result = _unwritten(c, f"kubectl delete pod {name} --dry-run=server")
    assert result == CommandResult(
        f'pod "{name}" deleted from default namespace (server dry run)', True
    )
    c.advance(60)
    live = c.api.get("pods", name, "default")
    assert "deletionTimestamp" not in live["metadata"]
    assert live["status"]["phase"] == "Running"


def test_client_dry_run_delete_does_not_look_the_object_up(c: Cluster) -> None:
    result = _unwritten(c, "kubectl delete pod ghost --dry-run=client")
    assert result == CommandResult(
        'pod "ghost" deleted from default namespace (dry run)', True
    )


def test_server_dry_run_answers_with_the_defaulted_object(c: Cluster) -> None:
    line = "kubectl create service nodeport db --tcp=5432 --dry-run=server -o yaml"
    output = _unwritten(c, line).output
    # The allocators' dry run: the range's first address and port.
    assert "  clusterIP: 10.96.0.0\n" in output
    assert "    nodePort: 30000\n" in output
    assert "  sessionAffinity: None\n" in output
    assert "resourceVersion" not in output


def test_server_dry_run_reports_admission_errors(c: Cluster) -> None:
    result = _unwritten(c, "kubectl delete namespace default --dry-run=server")
    assert result == CommandResult(
        'Error from server (Forbidden): namespaces "default" is forbidden: '
        "this namespace may not be deleted",
        False,
    )


@pytest.mark.parametrize(
    ("strategy", "suffix"), [("client", "dry run"), ("server", "server dry run")]
)
def test_drain_dry_runs_evict_nothing(c: Cluster, strategy: str, suffix: str) -> None:
    (pod,) = w.pods(c, app="web")
    node, name = pod["spec"]["nodeName"], pod["metadata"]["name"]
    result = _unwritten(c, f"kubectl drain {node} --dry-run={strategy}")
    assert result == CommandResult(
        f"node/{node} cordoned ({suffix})\n"
        f"evicting pod default/{name} ({suffix})\n"
        f"node/{node} drained ({suffix})",
        True,
    )
    assert not c.api.get("nodes", node).get("spec", {}).get("unschedulable")
    assert w.pods(c, app="web") == [pod]


def test_dry_runs_leave_later_names_and_addresses_as_they_were() -> None:
    """The random streams a create draws from are put back after a dry run."""

    def build(dry_runs: bool) -> list[str]:
        cluster = w.cluster()
        lines = ["kubectl run a --image=nginx", "kubectl expose pod a --port=80"]
        if dry_runs:
            for line in lines:
                _unwritten(cluster, line + " --dry-run=server")
        for line in lines:
            w.run(cluster, line)
        pod = cluster.api.get("pods", "a", "default")
        service = cluster.api.get("services", "a", "default")
        return [
            pod["metadata"]["uid"],
            pod["spec"]["volumes"][0]["name"],
            service["spec"]["clusterIP"],
        ]

    assert build(dry_runs=True) == build(dry_runs=False)


def test_api_server_dry_run_create(control_plane: ControlPlane) -> None:
    api = control_plane.api
    revision = control_plane.store.revision
    control_plane.events.clear()
    namespace = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x"}}
    answer = api.create(namespace, actor="test", dry_run=True)
    assert answer["metadata"]["uid"]
    assert "resourceVersion" not in answer["metadata"]
    assert answer["status"] == {"phase": "Active"}
    assert control_plane.store.revision == revision
    assert control_plane.events == []
    assert api.list("namespaces") == [api.get("namespaces", "default")]


def test_server_dry_run_checks_quota_but_charges_nothing() -> None:
    cluster = Cluster.sandbox(seed=4)
    quota = "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q}\n"
    w.run(cluster, "kubectl apply -f -", quota + "spec: {hard: {pods: '1'}}")
    used = cluster.api.get("resourcequotas", "q", "default")["status"]["used"]
    dry_run = _unwritten(cluster, "kubectl run a --image=nginx --dry-run=server")
    assert dry_run == CommandResult("pod/a created (server dry run)", True)
    assert cluster.api.get("resourcequotas", "q", "default")["status"]["used"] == used
    w.run(cluster, "kubectl run a --image=nginx")
    refused = _unwritten(cluster, "kubectl run b --image=nginx --dry-run=server")
    assert refused == CommandResult(
        'Error from server (Forbidden): pods "b" is forbidden: exceeded quota: q, '
        "requested: pods=1, used: pods=1, limited: pods=1",
        False,
    )
