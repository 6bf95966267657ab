"""The kubectl reference plays (wait, events, explain, config, cluster-info,
auth can-i), written from the kubernetes.io pages they name, print what
those commands print against a real v1.35 cluster."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from cluster.__main__ import play
from cluster.scenario import load_scenario

PLAYS = Path(__file__).parent / "plays"
WAIT = "kubectl-wait-reference.yaml"
EVENTS = "kubectl-events-explain-reference.yaml"
ACCESS = "kubectl-cluster-access-reference.yaml"


@cache
def outputs(name: str) -> dict[str, str]:
    """Each step's output, keyed by its command (the last run wins)."""
    found: dict[str, list[str]] = {}
    lines: list[str] = []
    for line in play(load_scenario(PLAYS / name)).splitlines():
        if line.startswith("$ "):
            lines = found.setdefault(line[2:], [])
            lines.clear()
        else:
            lines.append(line)
    return {command: "\n".join(out) for command, out in found.items()}


@pytest.mark.parametrize("name", [WAIT, EVENTS, ACCESS])
def test_plays_name_their_source_pages(name: str) -> None:
    assert "https://kubernetes.io/docs/reference/kubectl/" in (PLAYS / name).read_text()


@pytest.mark.parametrize(
    ("command", "output"),
    [
        pytest.param(
            "kubectl wait --for=condition=Ready pod/busybox1",
            'Error from server (NotFound): pods "busybox1" not found',
            id="gone-at-the-end",
        ),
        pytest.param(
            "kubectl wait --for=condition=Ready=false pod/busybox1 --timeout=5s",
            "error: timed out waiting for the condition on pods/busybox1",
            id="timeout",
        ),
        pytest.param(
            "kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1",
            "pod/busybox1 condition met",
            id="jsonpath",
        ),
        pytest.param(
            'kubectl wait --for=\'jsonpath={.status.conditions[?(@.type=="Ready")]'
            ".status}=True' pod/busybox1",
            "pod/busybox1 condition met",
            id="jsonpath-filter",
        ),
        pytest.param(
            "kubectl wait --for=delete pod/busybox1 --timeout=60s",
            "pod/busybox1 condition met",
            id="delete",
        ),
        pytest.param(
            "kubectl get pods", "No resources found in default namespace.", id="get"
        ),
    ],
)
def test_wait_reference(command: str, output: str) -> None:
    assert outputs(WAIT)[command] == output


def test_events_reference() -> None:
    out = outputs(EVENTS)
    warnings = out["kubectl events --types=Warning"].splitlines()
    assert warnings[0].split() == [
        "LAST",
        "SEEN",
        "TYPE",
        "REASON",
        "OBJECT",
        "MESSAGE",
    ]
    assert all(" Warning   Failed   Pod/web-pod " in line for line in warnings[1:])
    assert "(x" in warnings[1] and "over" in warnings[1]
    every = out["kubectl events --all-namespaces --types=Warning"].splitlines()
    assert every[0].startswith("NAMESPACE   LAST SEEN")
    selected = out[
        "kubectl get events --field-selector involvedObject.name=web-pod,type=Warning"
    ]
    assert {line.split()[3] for line in selected.splitlines()[1:]} == {"pod/web-pod"}


def test_explain_reference() -> None:
    out = outputs(EVENTS)
    assert out["kubectl explain pods"].startswith("KIND:       Pod\nVERSION:    v1\n")
    assert out["kubectl explain deployments --api-version=apps/v1"].startswith(
        "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nDESCRIPTION:\n"
    )
    assert (
        "FIELD: containers <[]Container>" in out["kubectl explain pods.spec.containers"]
    )
    assert out["kubectl explain pods.spec.container"].endswith(
        'error: field "container" does not exist'
    )


def test_cluster_access_reference() -> None:
    out = outputs(ACCESS)
    assert out["kubectl config current-context"] == "kubernetes-admin@kubernetes"
    assert out["kubectl cluster-info"].splitlines()[0] == (
        "Kubernetes control plane is running at https://192.168.49.2:6443"
    )
    assert "CoreDNS" not in out["kubectl cluster-info"]
    for command in (
        "kubectl auth can-i create pods --all-namespaces",
        "kubectl auth can-i list deployments.apps",
        "kubectl auth can-i '*' '*'",
        "kubectl auth can-i get /logs/",
    ):
        assert out[command] == "yes", command
