"""kubectl's JSONPath dialect (client-go util/jsonpath) and ``-o jsonpath``."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.engine import Cluster, ClusterConfig
from cluster.kubectl.jsonpath.evaluate import ExecError, execute
from cluster.kubectl.jsonpath.parser import ParseError, parse

DATA: dict[str, Any] = {
    "kind": "List",
    "items": [
        {
            "metadata": {"name": "a", "labels": {"app": "web"}},
            "spec": {"replicas": 3, "ready": True},
        },
        {"metadata": {"name": "b"}, "spec": {"replicas": 5, "ready": False}},
    ],
}

CASES = [
    ("field", "{.kind}", "List"),
    ("text-around", "kind={.kind}!", "kind=List!"),
    ("wildcard-items", "{.items[*].metadata.name}", "a b"),
    ("index", "{.items[1].metadata.name}", "b"),
    ("negative-index", "{.items[-1].metadata.name}", "b"),
    ("slice", "{.items[0:1].metadata.name}", "a"),
    ("map-is-json", "{.items[0].metadata.labels}", '{"app":"web"}'),
    ("list-is-json", "{.items[0].metadata.name}{.items[*].spec.replicas}", "a3 5"),
    ("bool", "{.items[0].spec.ready}", "true"),
    ("missing-key", "{.items[*].metadata.labels.app}", "web"),
    ("missing-everywhere", "{.nothing}", ""),
    (
        "range",
        '{range .items[*]}{.metadata.name}{"\\n"}{end}',
        "a\nb\n",
    ),
    (
        "range-with-tabs",
        '{range .items[*]}{.metadata.name}{"\\t"}{.spec.replicas}{"\\n"}{end}',
        "a\t3\nb\t5\n",
    ),
    ("filter-eq", '{.items[?(@.metadata.name=="b")].spec.replicas}', "5"),
    ("filter-gt", "{.items[?(@.spec.replicas>4)].metadata.name}", "b"),
    ("filter-exists", "{.items[?(@.metadata.labels)].metadata.name}", "a"),
    ("filter-bool", "{.items[?(@.spec.ready==true)].metadata.name}", "a"),
    ("recursive", "{..name}", "a b"),
    ("union", "{.items[*]['metadata.name']}", "a b"),
    ("quoted-key", "{.items[0].metadata.labels['app']}", "web"),
    ("dollar-root", "{$.kind}", "List"),
]


@pytest.mark.parametrize(
    ("template", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_templates(template: str, expected: str) -> None:
    assert execute(parse(template), DATA) == expected


PARSE_ERRORS = [
    ("unclosed", "{.items", "unclosed action"),
    ("array", "{.items[0}", "unterminated array"),
    ("index", "{.items[x]}", "invalid array index x"),
    ("filter", '{.a[?(@.x=="y"}', "unterminated filter"),
    ("quote", '{"abc}', "unterminated quoted string"),
    ("recursive", "{....a}", "invalid multiple recursive descent"),
    ("character", "{.a}{#}", "unrecognized character in action: U+0023 '#'"),
]


@pytest.mark.parametrize(
    ("template", "message"),
    [c[1:] for c in PARSE_ERRORS],
    ids=[c[0] for c in PARSE_ERRORS],
)
def test_parse_errors(template: str, message: str) -> None:
    with pytest.raises(ParseError) as info:
        parse(template)
    assert str(info.value) == message


EXEC_ERRORS = [
    ("out-of-bounds", "{.items[5]}", "array index out of bounds: index 5, length 2"),
    ("not-array", "{.kind[0]}", "string is not array or slice"),
    ("end-outside-range", "{end}", "not in range, nothing to end"),
    (
        "incompatible",
        '{.items[?(@.spec.replicas=="3")]}',
        "incompatible types for comparison",
    ),
]


@pytest.mark.parametrize(
    ("template", "message"),
    [c[1:] for c in EXEC_ERRORS],
    ids=[c[0] for c in EXEC_ERRORS],
)
def test_execution_errors(template: str, message: str) -> None:
    with pytest.raises(ExecError) as info:
        execute(parse(template), DATA)
    assert str(info.value) == message


POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: {name}
  labels: {{app: {name}}}
spec:
  containers:
  - name: c
    image: nginx:1.27
"""


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    cluster = Cluster.sandbox(seed=1)
    for name in ("web", "db"):
        cluster.execute("kubectl apply -f -", POD.format(name=name))
    cluster.advance(30)
    return cluster


KUBECTL = [
    ("items", "kubectl get pods -o jsonpath='{.items[*].metadata.name}'", "db web"),
    ("one-object", "kubectl get pod web -o jsonpath='{.metadata.name}'", "web"),
    (
        "range",
        "kubectl get pods -o jsonpath="
        """'{range .items[*]}{.metadata.name}{"\\n"}{end}'""",
        "db\nweb",
    ),
    (
        "filter",
        "kubectl get pods -o jsonpath="
        """'{.items[?(@.metadata.name=="web")].spec.containers[0].image}'""",
        "nginx:1.27",
    ),
    ("list-kind", "kubectl get pods -o jsonpath={.kind}", "List"),
    (
        "sorted",
        "kubectl get pods --sort-by=.metadata.name -o jsonpath={..app}",
        "db web",
    ),
    (
        "no-template",
        "kubectl get pods -o jsonpath",
        "error: template format specified but no template given",
    ),
    (
        "parse-error",
        "kubectl get pods -o jsonpath={.items",
        "error: error parsing jsonpath {.items, unclosed action",
    ),
    (
        "missing-file",
        "kubectl get pods -o jsonpath-file=nope.txt",
        "error: error reading --template nope.txt, open nope.txt: "
        "no such file or directory",
    ),
]


@pytest.mark.parametrize(
    ("line", "expected"), [c[1:] for c in KUBECTL], ids=[c[0] for c in KUBECTL]
)
def test_kubectl_jsonpath(cluster: Cluster, line: str, expected: str) -> None:
    assert cluster.execute(line).output == expected


def test_execution_error_shows_the_template(cluster: Cluster) -> None:
    output = cluster.execute("kubectl get pods -o jsonpath={.items[5]}").output
    assert output.splitlines()[:3] == [
        'error: error executing jsonpath "{.items[5]}": Error executing template: '
        "array index out of bounds: index 5, length 2. Printing more information "
        "for debugging the template:",
        "\ttemplate was:",
        "\t\t{.items[5]}",
    ]
    assert output.splitlines()[4].startswith(
        '\t\tmap[string]interface {}{"apiVersion":'
    )


def test_jsonpath_file(tmp_path: Any) -> None:
    (tmp_path / "names.txt").write_text("{.items[*].metadata.name}")
    cluster = Cluster(ClusterConfig(seed=1, base_dir=tmp_path))
    output = cluster.execute("kubectl get nodes -o jsonpath-file=names.txt").output
    assert output == "cp-1 node-1 node-2 node-3"
