"""kubectl wait (pkg/cmd/wait, v1.35): conditions, jsonpath, delete, create,
timeouts and the errors for a bad --for, with simulated time advancing."""

from __future__ import annotations

import pytest

from cluster.console import CommandResult
from cluster.engine import Cluster
from cluster.kubectl.commands.wait_for import split_jsonpath_input

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: {name}
  labels: {{app: web}}
spec:
  containers:
  - name: web
    image: nginx:1.27
"""
TIMED_OUT = "error: timed out waiting for the condition on pods/web"


@pytest.fixture
def cluster() -> Cluster:
    cluster = Cluster.sandbox(seed=1)
    cluster.execute("kubectl apply -f -", POD.format(name="web"))
    return cluster


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("kubectl wait --for=condition=Ready pod/web", id="condition"),
        pytest.param("kubectl wait --for=condition=ready pod/web", id="case-folded"),
        pytest.param("kubectl wait --for=condition=Ready=True pod web", id="name-form"),
        pytest.param(
            "kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web",
            id="jsonpath",
        ),
        pytest.param(
            "kubectl wait --for=jsonpath=.status.podIP pod/web", id="jsonpath-any"
        ),
        pytest.param(
            "kubectl wait --for=jsonpath="
            "'{.status.conditions[?(@.type==\"Ready\")].status}'=True pod/web",
            id="jsonpath-filter",
        ),
        pytest.param("kubectl wait --for=condition=Ready pods -l app=web", id="label"),
        pytest.param("kubectl wait --for=condition=Ready pods --all", id="all"),
    ],
)
def test_wait_runs_the_simulation_until_the_pod_is_ready(
    cluster: Cluster, line: str
) -> None:
    assert cluster.execute(line) == CommandResult("pod/web condition met", True)
    assert cluster.now > 0
    assert cluster.api.get("pods", "web", "default")["status"]["phase"] == "Running"


@pytest.mark.parametrize(
    ("line", "output", "seconds"),
    [
        pytest.param(
            "kubectl wait --for=condition=Ready=maybe pod/web", TIMED_OUT, 30, id="30s"
        ),
        pytest.param(
            "kubectl wait --for=condition=Nope pod/web --timeout=5s",
            TIMED_OUT,
            5,
            id="timeout",
        ),
        pytest.param(
            "kubectl wait --for=condition=Ready pod/web --timeout=0",
            "error: condition not met for pods/web",
            0,
            id="zero-checks-once",
        ),
        pytest.param(
            "kubectl wait --for=create pod/db --timeout=2s",
            "error: timed out waiting for the condition",
            2,
            id="create",
        ),
    ],
)
def test_timeouts(cluster: Cluster, line: str, output: str, seconds: float) -> None:
    assert cluster.execute(line) == CommandResult(output, False)
    assert cluster.now == seconds


@pytest.mark.parametrize(
    ("line", "output"),
    [
        pytest.param("kubectl wait pod/web", 'unrecognized condition: ""', id="none"),
        pytest.param(
            "kubectl wait --for=Ready pod/web",
            'unrecognized condition: "Ready"',
            id="unknown",
        ),
        pytest.param(
            "kubectl wait --for=jsonpath= pod/web",
            "jsonpath expression cannot be empty",
            id="empty-jsonpath",
        ),
        pytest.param(
            "kubectl wait --for=jsonpath={.status.phase}= pod/web",
            "jsonpath wait has to have a value after equal sign, like "
            "--for=jsonpath='{.status.readyReplicas}'=3",
            id="empty-value",
        ),
        pytest.param(
            "kubectl wait --for=jsonpath={.a}=1=2 pod/web",
            "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 "
            "or --for=jsonpath='{.status.readyReplicas}'",
            id="two-values",
        ),
        pytest.param(
            "kubectl wait --for=condition=Ready pods",
            "resource(s) were provided, but no name was specified",
            id="type-only",
        ),
        pytest.param(
            "kubectl wait --for=condition=Ready pods -l app=nope",
            "no matching resources found",
            id="no-match",
        ),
        pytest.param(
            "kubectl wait --for=condition=Ready pod/web -l app=web",
            "name cannot be provided when a selector is specified",
            id="name-and-selector",
        ),
        pytest.param(
            "kubectl wait --for=condition=Ready pod/web -o wide",
            'unable to match a printer suitable for the output format "wide", '
            "allowed formats are: go-template,go-template-file,json,jsonpath,"
            "jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,yaml",
            id="output",
        ),
    ],
)
def test_bad_requests(cluster: Cluster, line: str, output: str) -> None:
    assert cluster.execute(line) == CommandResult(f"error: {output}", False)
    assert cluster.now == 0


@pytest.mark.parametrize(
    ("line", "output"),
    [
        pytest.param(
            "kubectl wait --for=jsonpath={.status.conditions[*].type}=x pod/web",
            "given jsonpath expression matches more than one value",
            id="many-values",
        ),
        pytest.param(
            "kubectl wait --for=jsonpath={.spec}=x pod/web",
            "jsonpath leads to a nested object or list which is not supported",
            id="nested",
        ),
    ],
)
def test_jsonpath_results_kubectl_cannot_compare(
    cluster: Cluster, line: str, output: str
) -> None:
    cluster.advance(20)
    assert cluster.execute(line) == CommandResult(f"error: {output}", False)


def test_missing_pod_is_a_server_error(cluster: Cluster) -> None:
    result = cluster.execute("kubectl wait --for=condition=Ready pod/web pod/nope")
    assert result == CommandResult(
        'pod/web condition met\nError from server (NotFound): pods "nope" not found',
        False,
    )


def test_wait_for_delete(cluster: Cluster) -> None:
    cluster.advance(20)
    cluster.execute("kubectl delete pod web --wait=false")
    result = cluster.execute("kubectl wait --for=delete pod/web --timeout=60s")
    assert result == CommandResult("pod/web condition met", True)
    assert cluster.execute("kubectl get pods").output == (
        "No resources found in default namespace."
    )


def test_wait_for_delete_of_nothing_says_nothing(cluster: Cluster) -> None:
    assert cluster.execute("kubectl wait --for=delete pod/nope") == CommandResult(
        "", True
    )


def test_wait_for_delete_times_out_on_a_live_pod(cluster: Cluster) -> None:
    result = cluster.execute("kubectl wait --for=delete pod/web --timeout=10s")
    assert result == CommandResult(TIMED_OUT, False)


def test_wait_for_create_sees_an_existing_pod(cluster: Cluster) -> None:
    result = cluster.execute("kubectl wait --for=create pod/web -o name")
    assert result == CommandResult("pod/web", True)


def test_wait_for_create_by_label_waits_for_a_match(cluster: Cluster) -> None:
    result = cluster.execute("kubectl wait --for=create pods -l app=nope --timeout=2s")
    assert result == CommandResult("error: timed out waiting for the condition", False)


def test_deployment_available() -> None:
    cluster = Cluster.sandbox(seed=2)
    cluster.execute("kubectl create deployment web --image=nginx --replicas=2")
    result = cluster.execute(
        "kubectl wait --for=condition=Available deployment/web --timeout=120s"
    )
    assert result == CommandResult("deployment.apps/web condition met", True)


def test_a_week_is_an_hour_of_simulated_time(cluster: Cluster) -> None:
    result = cluster.execute("kubectl wait --for=condition=Nope pod/web --timeout=-1s")
    assert result == CommandResult(TIMED_OUT, False)
    assert cluster.now == 3600


def test_timeout_is_shared_by_every_object(cluster: Cluster) -> None:
    cluster.execute("kubectl apply -f -", POD.format(name="db"))
    result = cluster.execute(
        "kubectl wait --for=condition=Nope pod/web pod/db --timeout=4s"
    )
    assert result.output == (
        "timed out waiting for the condition on pods/web\n"
        "timed out waiting for the condition on pods/db"
    )
    assert cluster.now == 4


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        pytest.param("{.a}=3", ["{.a}", "3"], id="one"),
        pytest.param("{.a[?(@.b==1)]}=x", ["{.a[?(@.b==1)]}", "x"], id="double"),
        pytest.param(
            "a.b.c====d.e.f===g.h.i===",
            ["a.b.c====d.e.f==", "g.h.i==", ""],
            id="kubectl-doc",
        ),
    ],
)
def test_split_jsonpath_input(text: str, parts: list[str]) -> None:
    assert split_jsonpath_input(text) == parts
