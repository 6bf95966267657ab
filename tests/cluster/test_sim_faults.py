"""``sim`` faults: each changes only an input, and the components react; a bad
command changes nothing and says why in one line."""

from __future__ import annotations

import pytest

from cluster.engine import Cluster

WEB = """apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  nodeName: node-1
  containers:
  - name: nginx
    image: "nginx:1.27"
    readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}
    livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 5}
  - {name: side, image: "busybox:1.36", command: [sleep, "3600"]}
"""


@pytest.fixture
def cluster() -> Cluster:
    cluster = Cluster.sandbox()
    assert cluster.execute("kubectl apply -f -", WEB).ok
    cluster.advance(20)
    return cluster


def container(cluster: Cluster, name: str) -> dict:
    pod = cluster.api.get("pods", "web", "default")
    return next(c for c in pod["status"]["containerStatuses"] if c["name"] == name)


def ready(cluster: Cluster) -> str:
    pod = cluster.api.get("pods", "web", "default")
    return next(
        c["status"] for c in pod["status"]["conditions"] if c["type"] == "Ready"
    )


def test_crash_exits_the_process_and_the_kubelet_restarts_it(cluster: Cluster) -> None:
    result = cluster.execute("sim crash pod/web -c side --exit-code 3")
    assert result.output == 'container "side" of pod/web exited with code 3'
    cluster.advance(5)
    side = container(cluster, "side")
    assert side["restartCount"] == 1
    assert side["lastState"]["terminated"]["exitCode"] == 3
    assert side["lastState"]["terminated"]["reason"] == "Error"
    assert container(cluster, "nginx")["restartCount"] == 0


def test_crash_defaults_to_the_first_container_and_exit_code_1(
    cluster: Cluster,
) -> None:
    assert cluster.execute("sim crash pod/web").output == (
        'container "nginx" of pod/web exited with code 1'
    )


def test_failing_readiness_takes_the_pod_out_and_back(cluster: Cluster) -> None:
    assert ready(cluster) == "True"
    result = cluster.execute("sim fail-probe pod/web readiness --for 30s")
    assert result.output == "pod/web now fails its readiness probe for 30s"
    cluster.advance(20)
    assert ready(cluster) == "False"
    messages = {
        e["message"] for e in cluster.api.list("events") if e["reason"] == "Unhealthy"
    }
    assert messages == {
        "Readiness probe failed: HTTP probe failed with statuscode: 503"
    }
    cluster.advance(30)
    assert ready(cluster) == "True"
    assert container(cluster, "nginx")["restartCount"] == 0


def test_failing_liveness_restarts_the_container(cluster: Cluster) -> None:
    cluster.execute("sim fail-probe pod/web liveness --for 20s")
    cluster.advance(30)
    assert container(cluster, "nginx")["restartCount"] == 1
    kills = [
        e["message"] for e in cluster.api.list("events") if e["reason"] == "Killing"
    ]
    assert kills == ["Container nginx failed liveness probe, will be restarted"]


def test_node_down_and_up(cluster: Cluster) -> None:
    assert cluster.execute("sim node-down node-1").ok
    assert not cluster.kubelets["node-1"].running
    cluster.advance(70)
    nodes = cluster.execute("kubectl get nodes").output
    assert "node-1   NotReady" in nodes
    # The containers keep running on the machine.
    assert "Running" in cluster.execute("ssh node-1 crictl ps").output
    assert cluster.execute("sim node-up node-1").ok
    cluster.advance(20)
    assert "node-1   Ready" in cluster.execute("kubectl get nodes").output


@pytest.mark.parametrize(
    ("line", "output"),
    [
        (
            "sim",
            "sim: missing command (sim runs: crash, fail-probe, node-down, node-up, "
            "proxy-mode, scheduler-config, traffic, traffic-stats)",
        ),
        (
            "sim explode",
            'sim: unknown command "explode" (sim runs: crash, fail-probe, '
            "node-down, node-up, proxy-mode, scheduler-config, traffic, "
            "traffic-stats)",
        ),
        (
            "sim crash pod/nope",
            'sim crash: pods "nope" not found in namespace "default"',
        ),
        ("sim crash web", 'sim crash: expected pod/NAME, got "web"'),
        ("sim crash pod/web -c nope", 'sim crash: pod/web has no container "nope"'),
        (
            "sim crash pod/web --exit-code 300",
            'sim crash: --exit-code must be 0 to 255, got "300"',
        ),
        ("sim crash pod/web --frob", "sim crash: unknown flag: --frob"),
        ("sim node-down node-9", 'sim node-down: node "node-9" not found'),
        ("sim node-up node-1", 'sim node-up: node "node-1" is already up'),
        (
            "sim fail-probe pod/web",
            "sim fail-probe: usage: sim fail-probe pod/NAME "
            "readiness|liveness|startup [--for 60s]",
        ),
        (
            "sim fail-probe pod/web startup",
            "sim fail-probe: pod/web has no startup probe",
        ),
        (
            "sim fail-probe pod/web readiness --for soon",
            'sim fail-probe: --for: time: invalid duration "soon"',
        ),
    ],
    ids=[
        "missing",
        "unknown",
        "no-pod",
        "not-pod-ref",
        "no-container",
        "bad-code",
        "bad-flag",
        "no-node",
        "already-up",
        "usage",
        "no-probe",
        "bad-duration",
    ],
)
def test_bad_commands_change_nothing(cluster: Cluster, line: str, output: str) -> None:
    before = cluster.store.revision
    result = cluster.execute(line)
    assert (result.output, result.ok) == (output, False)
    assert cluster.store.revision == before


def test_failing_probes_are_streamed_as_ticks_against_the_threshold(
    cluster: Cluster,
) -> None:
    events: list[dict] = []
    cluster.subscribe(events.append)
    cluster.execute("sim fail-probe pod/web readiness --for 30s")
    cluster.advance(60)
    probes = [e for e in events if e["type"] == "probe"]
    assert probes and {e["probe"] for e in probes} == {"readiness"}
    first = probes[0]
    assert (first["pod"], first["container"], first["ok"]) == (
        "default/web", "nginx", False,
    )  # fmt: skip
    assert first["uid"] and first["threshold"] == 3
    failures = [e["failures"] for e in probes if not e["ok"]]
    assert failures[:3] == [1, 2, 3]
    assert probes[-1]["ok"] and probes[-1]["failures"] == 0
