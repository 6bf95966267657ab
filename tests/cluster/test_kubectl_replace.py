"""kubectl replace (``pkg/cmd/replace/replace.go`` of v1.35): a PUT of each
manifest, ``--force`` (delete, wait, create), and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster.console import CommandResult
from cluster.engine import Cluster, ClusterConfig
from tests.cluster import workloads as w

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: {replicas}
  selector: {{matchLabels: {{app: web}}}}
  template:
    metadata: {{labels: {{app: web}}}}
    spec:
      containers:
      - name: nginx
        image: {image}
"""
POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: box
spec:
  containers:
  - name: box
    image: {image}
"""


def deployment(image: str = "nginx:1.28", replicas: int = 2) -> str:
    return DEPLOYMENT.format(image=image, replicas=replicas)


@pytest.fixture
def c() -> Cluster:
    cluster = w.cluster()
    w.run(cluster, "kubectl apply -f -", deployment("nginx:1.27", 1))
    return cluster


def test_replace_puts_the_whole_object(c: Cluster) -> None:
    assert w.run(c, "kubectl replace -f -", deployment()) == (
        "deployment.apps/web replaced"
    )
    spec = c.api.get("deployments", "web", "default")["spec"]
    assert spec["replicas"] == 2
    assert spec["template"]["spec"]["containers"][0]["image"] == "nginx:1.28"


def test_output_name_and_client_dry_run(c: Cluster) -> None:
    revision = c.store.revision
    assert w.run(c, "kubectl replace --dry-run=client -f -", deployment()) == (
        "deployment.apps/web replaced (dry run)"
    )
    assert c.store.revision == revision
    assert w.run(c, "kubectl replace -o name -f -", deployment()) == (
        "deployment.apps/web"
    )


def test_a_file_is_named_in_errors(tmp_path: Path) -> None:
    (tmp_path / "pod.yaml").write_text(POD.format(image="busybox"))
    cluster = Cluster(ClusterConfig(seed=1, base_dir=tmp_path))
    assert cluster.execute("kubectl replace -f pod.yaml") == CommandResult(
        'Error from server (NotFound): error when replacing "pod.yaml": '
        'pods "box" not found',
        False,
    )


def test_force_deletes_waits_and_creates(c: Cluster) -> None:
    w.run(c, "kubectl apply -f -", POD.format(image="busybox"))
    c.advance(30)
    uid = c.api.get("pods", "box", "default")["metadata"]["uid"]
    assert w.run(c, "kubectl replace --force -f -", POD.format(image="nginx")) == (
        'pod "box" deleted from default namespace\npod/box replaced'
    )
    pod = c.api.get("pods", "box", "default")
    assert pod["metadata"]["uid"] != uid
    assert pod["spec"]["containers"][0]["image"] == "nginx"


def test_force_creates_what_is_missing(c: Cluster) -> None:
    assert w.run(c, "kubectl replace --force -f -", POD.format(image="nginx")) == (
        "pod/box replaced"
    )


@pytest.mark.parametrize(
    ("line", "stdin", "output"),
    [
        ("kubectl replace", None, "error: must specify one of -f and -k"),
        (
            "kubectl replace -f -",
            POD.format(image="busybox"),
            'Error from server (NotFound): error when replacing "STDIN": '
            'pods "box" not found',
        ),
        (
            "kubectl replace -f -",
            deployment().replace("replicas: 2", "replicas: 2\n  replica: 3"),
            'Error from server (BadRequest): error when replacing "STDIN": '
            'Deployment in version "v1" cannot be handled as a Deployment: '
            'strict decoding error: unknown field "spec.replica"',
        ),
        (
            "kubectl replace -f -",
            deployment().replace("replicas: 2", "replicas: -2"),
            'The Deployment "web" is invalid: spec.replicas: Invalid value: -2: '
            "must be greater than or equal to 0",
        ),
        (
            "kubectl replace -f -",
            deployment().replace("name: web\n", 'name: web\n  resourceVersion: "1"\n'),
            'Error from server (Conflict): error when replacing "STDIN": Operation '
            'cannot be fulfilled on deployments.apps "web": the object has been '
            "modified; please apply your changes to the latest version and try again",
        ),
        (
            "kubectl replace --grace-period=5 -f -",
            deployment(),
            "error: --grace-period must have --force specified",
        ),
        (
            "kubectl replace --timeout=5s -f -",
            deployment(),
            "error: --timeout must have --force specified",
        ),
        (
            "kubectl replace --force --dry-run=client -f -",
            deployment(),
            "error: --dry-run can not be used when --force is set",
        ),
        (
            "kubectl replace --validate=maybe -f -",
            deployment(),
            'error: invalid - validate option "maybe"; must be one of: strict (or '
            "true), warn, ignore (or false)",
        ),
    ],
    ids=[
        "no-file",
        "not-found",
        "unknown-field",
        "invalid",
        "stale-version",
        "grace-without-force",
        "timeout-without-force",
        "force-dry-run",
        "bad-validate",
    ],
)
def test_bad_input_is_reported_and_changes_nothing(
    c: Cluster, line: str, stdin: str | None, output: str
) -> None:
    revision = c.store.revision
    assert c.execute(line, stdin) == CommandResult(output, False)
    assert c.store.revision == revision
