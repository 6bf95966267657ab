"""kubectl get against the simulated cluster: tables, -o formats and errors."""

from __future__ import annotations

import json

import pytest

from cluster.console import CommandResult
from cluster.engine import Cluster
from tests.cluster.workloads import web_and_db


@pytest.fixture
def cluster() -> Cluster:
    return web_and_db()


def run(cluster: Cluster, line: str) -> str:
    return cluster.execute(line).output


def test_pods_table(cluster: Cluster) -> None:
    assert run(cluster, "kubectl get pods") == (
        "NAME   READY   STATUS    RESTARTS   AGE\n"
        "db     1/1     Running   0          60s\n"
        "web    1/1     Running   0          60s"
    )


def test_named_and_missing_pods(cluster: Cluster) -> None:
    assert cluster.execute("kubectl get pods web nope") == CommandResult(
        "NAME   READY   STATUS    RESTARTS   AGE\n"
        "web    1/1     Running   0          60s\n"
        'Error from server (NotFound): pods "nope" not found',
        False,
    )


def test_nodes_are_listed_in_name_order(cluster: Cluster) -> None:
    names = [line.split()[0] for line in run(cluster, "kubectl get no").splitlines()]
    assert names == ["NAME", "cp-1", "node-1", "node-2", "node-3"]


def test_two_types_get_kind_prefixes_and_separate_tables(cluster: Cluster) -> None:
    output = run(cluster, "kubectl get pods,namespaces")
    tables = output.split("\n\n")
    assert tables[0].splitlines()[1].startswith("pod/db ")
    assert tables[1].splitlines()[0].split() == ["NAME", "STATUS", "AGE"]
    assert tables[1].splitlines()[1].startswith("namespace/default ")


def test_the_all_category_lists_the_workload_types_served(cluster: Cluster) -> None:
    tables = run(cluster, "kubectl get all").split("\n\n")
    assert [t.splitlines()[1].split()[0] for t in tables] == [
        "pod/db",
        "service/kubernetes",
    ]


def test_all_namespaces_adds_the_namespace_column(cluster: Cluster) -> None:
    assert run(cluster, "kubectl get pods -A").splitlines()[0].split()[:2] == [
        "NAMESPACE",
        "NAME",
    ]


@pytest.mark.parametrize(
    ("line", "output"),
    [
        (
            "kubectl get pods -n kube-public",
            "No resources found in kube-public namespace.",
        ),
        ("kubectl get events -A -l nothing=here", "No resources found"),
    ],
    ids=["namespace", "all-namespaces"],
)
def test_nothing_found(cluster: Cluster, line: str, output: str) -> None:
    assert cluster.execute(line) == CommandResult(output, True)


def test_name_output(cluster: Cluster) -> None:
    assert run(cluster, "kubectl get pods -o name") == "pod/db\npod/web"


def test_json_of_one_object_and_of_a_list(cluster: Cluster) -> None:
    one = json.loads(run(cluster, "kubectl get pod web -o json"))
    assert one["kind"] == "Pod"
    assert run(cluster, "kubectl get pod web -o json").startswith(
        '{\n    "apiVersion": "v1",\n    "kind": "Pod",'
    )
    listed = json.loads(run(cluster, "kubectl get pods -o json"))
    assert (listed["kind"], listed["metadata"], len(listed["items"])) == (
        "List",
        {"resourceVersion": ""},
        2,
    )


def test_yaml_of_an_empty_list(cluster: Cluster) -> None:
    assert run(cluster, "kubectl get pods -n kube-public -o yaml") == (
        'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""'
    )


@pytest.mark.parametrize(
    ("line", "output"),
    [
        ("kubectl get foo", 'error: the server doesn\'t have a resource type "foo"'),
        (
            "kubectl get pod web -A",
            "error: a resource cannot be retrieved by name across all namespaces",
        ),
        (
            "kubectl get pods -o table",
            'error: unable to match a printer suitable for the output format "table", '
            "allowed formats are: custom-columns,custom-columns-file,go-template,"
            "go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,"
            "name,template,templatefile,wide,yaml",
        ),
        (
            "kubectl get pod/web pods",
            "error: there is no need to specify a resource "
            "type as a separate argument when passing arguments in resource/name form "
            "(e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get "
            "resource resource/<resource_name>'",
        ),
        (
            "kubectl get",
            'You must specify the type of resource to get. Use "kubectl api-resources" '
            "for a complete list of supported resources.\n\nerror: Required resource "
            'not specified.\nUse "kubectl explain <resource>" for a detailed '
            "description of that resource (e.g. kubectl explain pods).\nSee 'kubectl "
            "get -h' for help and examples",
        ),
        (
            "kubectl get pod nope -o yaml",
            'Error from server (NotFound): pods "nope" not found',
        ),
    ],
    ids=[
        "unknown-type",
        "name-across-namespaces",
        "unknown-format",
        "mixed-argument-forms",
        "no-type",
        "single-missing-yaml",
    ],
)
def test_errors(cluster: Cluster, line: str, output: str) -> None:
    assert cluster.execute(line) == CommandResult(output, False)
