"""kubectl apply and create against the simulated cluster (apply.go, create.go)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster.console import CommandResult
from cluster.engine import Cluster, ClusterConfig

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
  - name: web
    image: {image}
"""


@pytest.fixture
def cluster() -> Cluster:
    return Cluster.sandbox(seed=1)


def web(name: str = "web", image: str = "nginx:1.27") -> str:
    return POD.format(name=name, image=image)


def test_create_then_unchanged_then_configured(cluster: Cluster) -> None:
    assert cluster.execute("kubectl apply -f -", web()).output == "pod/web created"
    assert cluster.execute("kubectl apply -f -", web()).output == "pod/web unchanged"
    changed = cluster.execute("kubectl apply -f -", web(image="nginx:1.28"))
    assert changed == CommandResult("pod/web configured", True)
    pod = cluster.api.get("pods", "web", "default")
    assert pod["spec"]["containers"][0]["image"] == "nginx:1.28"


def test_last_applied_configuration_is_kubectls(cluster: Cluster) -> None:
    cluster.execute("kubectl apply -f -", web())
    pod = cluster.api.get("pods", "web", "default")
    assert pod["metadata"]["annotations"] == {
        "kubectl.kubernetes.io/last-applied-configuration": (
            '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},'
            '"name":"web","namespace":"default"},"spec":{"containers":[{"image":'
            '"nginx:1.27","name":"web"}]}}\n'
        )
    }


def test_several_documents(cluster: Cluster) -> None:
    text = web("a") + "---\n" + web("b")
    assert cluster.execute("kubectl apply -f -", text).output == (
        "pod/a created\npod/b created"
    )


def test_create_reports_already_exists_with_its_source(cluster: Cluster) -> None:
    cluster.execute("kubectl create -f -", web())
    result = cluster.execute("kubectl create -f -", web())
    assert result == CommandResult(
        'Error from server (AlreadyExists): error when creating "STDIN": pods "web" '
        "already exists",
        False,
    )


def test_successes_print_before_errors(cluster: Cluster) -> None:
    text = web("a") + "---\napiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n"
    result = cluster.execute("kubectl apply -f -", text)
    assert result == CommandResult(
        'pod/a created\nerror: resource mapping not found for name: "w" namespace: "" '
        'from "STDIN": no matches for kind "Widget" in version "v1"\nensure CRDs are '
        "installed first",
        False,
    )


@pytest.mark.parametrize(
    ("stdin", "output"),
    [
        (
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web: x\n",
            "error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: "
            "mapping values are not allowed in this context",
        ),
        (
            "kind: Pod\nmetadata:\n  name: web\n",
            'error: error validating "STDIN": error validating data: apiVersion not '
            "set; if you choose to ignore these errors, turn validation off with "
            "--validate=false",
        ),
        (
            web("Bad_Name"),
            'The Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": '
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            "characters, '-' or '.', and must start and end with an alphanumeric "
            "character (e.g. 'example.com', regex used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        ),
        ("", "error: no objects passed to apply"),
    ],
    ids=["malformed-yaml", "missing-apiversion", "invalid-name", "empty-input"],
)
def test_bad_input_is_reported_and_changes_nothing(
    cluster: Cluster, stdin: str, output: str
) -> None:
    revision = cluster.store.revision
    assert cluster.execute("kubectl apply -f -", stdin) == CommandResult(output, False)
    assert cluster.store.revision == revision


def test_missing_namespace(cluster: Cluster) -> None:
    result = cluster.execute("kubectl apply -n nowhere -f -", web())
    assert result.output == (
        "Error from server (NotFound): error when creating "
        '"STDIN": namespaces "nowhere" not found'
    )


@pytest.mark.parametrize(
    ("line", "output"),
    [
        ("kubectl apply", "error: must specify one of -f and -k"),
        (
            "kubectl apply pods -f -",
            "error: Unexpected args: [pods]\nSee 'kubectl "
            "apply -h' for help and examples",
        ),
        ("kubectl create", "error: must specify one of -f and -k"),
        ("kubectl apply -f nope.yaml", 'error: the path "nope.yaml" does not exist'),
    ],
    ids=["apply-no-file", "apply-args", "create-no-file", "missing-file"],
)
def test_usage_errors(cluster: Cluster, line: str, output: str) -> None:
    assert cluster.execute(line) == CommandResult(output, False)


def test_files_are_relative_to_the_scenario(tmp_path: Path) -> None:
    (tmp_path / "pod.yaml").write_text(web())
    cluster = Cluster(ClusterConfig(seed=1, base_dir=tmp_path))
    assert cluster.execute("kubectl apply -f pod.yaml").output == "pod/web created"


def test_apply_output_name(cluster: Cluster) -> None:
    assert cluster.execute("kubectl apply -o name -f -", web()).output == "pod/web"


def test_apply_over_create_warns_about_the_missing_annotation(cluster: Cluster) -> None:
    cluster.execute("kubectl create -f -", web())
    assert cluster.execute("kubectl apply -f -", web()).output == (
        "Warning: resource pods/web is missing the "
        "kubectl.kubernetes.io/last-applied-configuration annotation which is "
        "required by kubectl apply. kubectl apply should only be used on resources "
        "created declaratively by either kubectl create --save-config or kubectl "
        "apply. The missing annotation will be patched automatically.\n"
        "pod/web configured"
    )
