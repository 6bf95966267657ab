"""Strict field validation (``--validate=strict``, kubectl v1.35's default):
the API server's ``strict decoding error`` for unknown fields."""

from __future__ import annotations

import pytest

from cluster.api.schema import prune, unknown_fields
from cluster.engine import Cluster

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  foo: 1
  containers:
  - name: web
    image: nginx:1.27
    imagePullPolicyy: Always
"""
DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: nginx:1.27, requests: {cpu: 1}}
"""

UNKNOWN = [
    ("pod", POD, ["spec.containers[0].imagePullPolicyy", "spec.foo"]),
    ("deployment", DEPLOYMENT, ["spec.template.spec.containers[0].requests"]),
    (
        "top-level",
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\nspce: {}\n",
        ["spce"],
    ),
    (
        "meta",
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: x, label: {a: b}}\n",
        ["metadata.label"],
    ),
    (
        "known",
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n"
        "spec: {ports: [{port: 80, targetPort: 8080}], selector: {a: b}}\n",
        [],
    ),
]


@pytest.mark.parametrize(
    ("manifest", "paths"), [c[1:] for c in UNKNOWN], ids=[c[0] for c in UNKNOWN]
)
def test_unknown_fields(manifest: str, paths: list[str]) -> None:
    import yaml

    assert unknown_fields(yaml.safe_load(manifest)) == paths


def test_prune_drops_only_unknown_fields() -> None:
    import yaml

    pruned = prune(yaml.safe_load(POD))
    assert pruned["spec"] == {"containers": [{"name": "web", "image": "nginx:1.27"}]}


ERRORS = [
    (
        "create",
        "kubectl create -f -",
        POD,
        'Error from server (BadRequest): error when creating "STDIN": Pod in '
        'version "v1" cannot be handled as a Pod: strict decoding error: '
        'unknown field "spec.containers[0].imagePullPolicyy", '
        'unknown field "spec.foo"',
    ),
    (
        "apply-grouped-kind",
        "kubectl apply -f -",
        DEPLOYMENT,
        'Error from server (BadRequest): error when creating "STDIN": Deployment '
        'in version "v1" cannot be handled as a Deployment: strict decoding '
        'error: unknown field "spec.template.spec.containers[0].requests"',
    ),
    (
        "warn",
        "kubectl apply --validate=warn -f -",
        POD,
        'Warning: unknown field "spec.containers[0].imagePullPolicyy"\n'
        'Warning: unknown field "spec.foo"\n'
        "pod/web created",
    ),
    ("ignore", "kubectl apply --validate=false -f -", POD, "pod/web created"),
]


@pytest.mark.parametrize(
    ("line", "stdin", "expected"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS]
)
def test_kubectl_reports(line: str, stdin: str, expected: str) -> None:
    cluster = Cluster.sandbox(seed=1)
    result = cluster.execute(line, stdin)
    assert result.output == expected
    assert result.ok == ("BadRequest" not in expected)


def test_a_refused_manifest_changes_nothing() -> None:
    cluster = Cluster.sandbox(seed=1)
    cluster.execute("kubectl apply -f -", POD)
    assert cluster.execute("kubectl get pods").output == (
        "No resources found in default namespace."
    )


def test_unknown_fields_are_dropped_with_warn() -> None:
    cluster = Cluster.sandbox(seed=1)
    cluster.execute("kubectl apply --validate=warn -f -", POD)
    output = cluster.execute("kubectl get pod web -o jsonpath={.spec.foo}").output
    assert output == ""


def test_patching_in_an_unknown_field_is_invalid() -> None:
    cluster = Cluster.sandbox(seed=1)
    good = POD.replace("  foo: 1\n", "").replace("    imagePullPolicyy: Always\n", "")
    cluster.execute("kubectl apply -f -", good)
    result = cluster.execute(
        "kubectl apply -f -", good.replace("spec:\n", "spec:\n  foo: 1\n")
    )
    assert result.output.startswith(
        'The request is invalid: patch: Invalid value: "map['
    )
    assert result.output.endswith(': strict decoding error: unknown field "spec.foo"')
