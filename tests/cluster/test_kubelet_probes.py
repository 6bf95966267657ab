"""Liveness, readiness and startup probes: when they run, what they report,
and what the kubelet does with the results (FIDELITY C.4)."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.kubectl.podstatus import pod_columns

from .test_kubelet_harness import NodeHarness

Obj = dict[str, Any]


def probed_pod(container: Obj, name: str = "web") -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name},
        "spec": {"containers": [{"name": "app", **container}]},
    }


def unhealthy(node: NodeHarness, name: str = "web") -> list[str]:
    return [m for _, _, r, m in node.timeline(name) if r == "Unhealthy"]


NGINX = {"image": "nginx"}
AGNHOST = {
    "image": "registry.k8s.io/e2e-test-images/agnhost:2.40",
    "args": ["liveness"],
}


@pytest.mark.parametrize(
    ("container", "probe", "message"),
    [
        (
            NGINX,
            {"httpGet": {"path": "/missing", "port": 80}},
            "Readiness probe failed: HTTP probe failed with statuscode: 404",
        ),
        (
            NGINX,
            {"httpGet": {"path": "/", "port": 8080}},
            'Readiness probe failed: Get "http://10.244.1.2:8080/": dial tcp '
            "10.244.1.2:8080: connect: connection refused",
        ),
        (
            NGINX,
            {"tcpSocket": {"port": 81}},
            "Readiness probe failed: dial tcp 10.244.1.2:81: connect: "
            "connection refused",
        ),
        (
            NGINX,
            {"exec": {"command": ["cat", "/tmp/ready"]}},
            "Readiness probe failed: cat: /tmp/ready: No such file or directory\n",
        ),
        (
            {"image": "busybox:1.36", "command": ["sleep", "3600"]},
            {"exec": {"command": ["cat", "/tmp/ready"]}},
            "Readiness probe failed: cat: can't open '/tmp/ready': No such file or "
            "directory\n",
        ),
        (
            {"image": "busybox:1.36", "command": ["sleep", "3600"]},
            {"exec": {"command": ["sleep", "5"]}},
            'Readiness probe failed: command "sleep 5" timed out',
        ),
        (
            NGINX,
            {"grpc": {"port": 2379}},
            "Readiness probe failed: timeout: failed to connect service "
            '"10.244.1.2:2379" within 1s: context deadline exceeded',
        ),
    ],
    ids=[
        "http-404",
        "http-refused",
        "tcp-refused",
        "exec-gnu-cat",
        "exec-busybox-cat",
        "exec-timeout",
        "grpc-refused",
    ],
)
def test_failed_readiness_probes_say_why(
    container: Obj, probe: Obj, message: str
) -> None:
    node = NodeHarness()
    node.run_pod(probed_pod({**container, "readinessProbe": probe}))
    node.advance(30)
    assert unhealthy(node)[0] == message
    pod = node.pod("web")
    assert pod is not None
    assert (pod_columns(pod).ready, pod_columns(pod).status) == (0, "Running")
    ready = next(c for c in pod["status"]["conditions"] if c["type"] == "Ready")
    assert (ready["status"], ready["reason"]) == ("False", "ContainersNotReady")


@pytest.mark.parametrize(
    ("container", "probe"),
    [
        (NGINX, {"httpGet": {"path": "/", "port": 80}}),
        (NGINX, {"tcpSocket": {"port": 80}}),
        ({"image": "redis"}, {"tcpSocket": {"port": 6379}}),
        (
            {
                "image": "registry.k8s.io/etcd:3.5.1-0",
                "command": [
                    "/usr/local/bin/etcd",
                    "--listen-client-urls",
                    "http://0.0.0.0:2379",
                ],
            },
            {"grpc": {"port": 2379}},
        ),
        (
            {
                "image": "busybox:1.36",
                "command": ["sh", "-c", "touch /tmp/ok; sleep 600"],
            },
            {"exec": {"command": ["cat", "/tmp/ok"]}},
        ),
        (
            {**NGINX, "ports": [{"name": "web", "containerPort": 80}]},
            {"httpGet": {"path": "/", "port": "web"}},
        ),
    ],
    ids=["http", "tcp", "redis-tcp", "grpc", "exec", "named-port"],
)
def test_passing_readiness_probes_make_the_pod_ready(
    container: Obj, probe: Obj
) -> None:
    node = NodeHarness()
    node.run_pod(probed_pod({**container, "readinessProbe": probe}))
    node.advance(30)
    pod = node.pod("web")
    assert pod is not None and unhealthy(node) == []
    assert pod_columns(pod).ready == 1
    ready = next(c for c in pod["status"]["conditions"] if c["type"] == "Ready")
    assert ready["status"] == "True"


def test_readiness_waits_for_the_initial_delay() -> None:
    node = NodeHarness()
    probe = {"httpGet": {"path": "/", "port": 80}, "initialDelaySeconds": 20}
    node.run_pod(probed_pod({**NGINX, "readinessProbe": probe}))
    node.advance(15)
    assert pod_columns(node.pod("web")).ready == 0  # type: ignore[arg-type]
    node.advance(20)
    assert pod_columns(node.pod("web")).ready == 1  # type: ignore[arg-type]


def test_the_docs_http_liveness_example_restarts_after_three_500s() -> None:
    node = NodeHarness()
    probe = {
        "httpGet": {"path": "/healthz", "port": 8080},
        "initialDelaySeconds": 3,
        "periodSeconds": 3,
    }
    node.run_pod(probed_pod({**AGNHOST, "livenessProbe": probe}, "liveness-http"))
    node.advance(25)
    timeline = [(r, m) for _, _, r, m in node.timeline("liveness-http")]
    failures = [m for r, m in timeline if r == "Unhealthy"]
    assert (
        failures[:3]
        == ["Liveness probe failed: HTTP probe failed with statuscode: 500"] * 3
    )
    killing = [m for r, m in timeline if r == "Killing"]
    assert killing == ["Container app failed liveness probe, will be restarted"]
    assert timeline.index(("Killing", killing[0])) > timeline.index(
        ("Unhealthy", failures[2])
    )
    pod = node.pod("liveness-http")
    assert pod is not None
    assert pod["status"]["containerStatuses"][0]["restartCount"] == 1
    # agnhost is a Go program: SIGTERM as PID 1 makes it exit with status 2.
    assert (
        pod["status"]["containerStatuses"][0]["lastState"]["terminated"]["exitCode"]
        == 2
    )


def test_failure_threshold_counts_consecutive_failures() -> None:
    node = NodeHarness()
    probe = {
        "exec": {"command": ["cat", "/tmp/healthy"]},
        "periodSeconds": 5,
        "failureThreshold": 5,
    }
    node.run_pod(
        probed_pod(
            {
                "image": "busybox:1.36",
                "command": ["sleep", "3600"],
                "livenessProbe": probe,
            }
        )
    )
    node.advance(22)
    assert len(unhealthy(node)) == 4 and "Killing" not in node.reasons("web")
    node.advance(5)
    assert "Killing" in node.reasons("web")


def test_startup_probe_holds_liveness_until_it_succeeds() -> None:
    node = NodeHarness()
    command = ["sh", "-c", "sleep 20 && exec nginx -g 'daemon off;'"]
    http = {"httpGet": {"path": "/", "port": 80}}
    node.run_pod(
        probed_pod(
            {
                **NGINX,
                "command": command,
                "startupProbe": {**http, "failureThreshold": 30, "periodSeconds": 2},
                "livenessProbe": {**http, "failureThreshold": 1},
            }
        )
    )
    node.advance(60)
    messages = unhealthy(node)
    assert messages and all(m.startswith("Startup probe failed: ") for m in messages)
    pod = node.pod("web")
    assert pod is not None
    status = pod["status"]["containerStatuses"][0]
    assert (status["started"], status["ready"], status["restartCount"]) == (
        True,
        True,
        0,
    )


def test_a_startup_probe_that_never_succeeds_restarts_the_container() -> None:
    node = NodeHarness()
    probe = {"tcpSocket": {"port": 80}, "failureThreshold": 3, "periodSeconds": 2}
    node.run_pod(
        probed_pod(
            {
                "image": "busybox:1.36",
                "command": ["sleep", "3600"],
                "startupProbe": probe,
            }
        )
    )
    node.advance(40)
    assert "Container app failed startup probe, will be restarted" in [
        m for _, _, r, m in node.timeline("web") if r == "Killing"
    ]


def test_liveness_with_restart_policy_never_kills_the_pod_without_restarting() -> None:
    # Nothing is left to run, so computePodActions kills the whole pod, and
    # KillPod's containers get the plain "Stopping container" message.
    node = NodeHarness()
    probe = {"exec": {"command": ["false"]}, "periodSeconds": 2}
    pod = probed_pod(
        {"image": "busybox:1.36", "command": ["sleep", "3600"], "livenessProbe": probe}
    )
    pod["spec"].update(restartPolicy="Never", terminationGracePeriodSeconds=1)
    node.run_pod(pod)
    node.advance(30)
    assert [m for _, _, r, m in node.timeline("web") if r == "Killing"] == [
        "Stopping container app"
    ]
    final = node.pod("web")
    assert final is not None and final["status"]["phase"] == "Failed"
    assert final["status"]["containerStatuses"][0]["restartCount"] == 0


def test_nginx_logs_the_kubelets_probe_requests() -> None:
    node = NodeHarness()
    node.run_pod(
        probed_pod({**NGINX, "readinessProbe": {"httpGet": {"path": "/", "port": 80}}})
    )
    node.advance(12)
    kubelet = node.kubelets["node-1"]
    container = next(iter(kubelet.runtime.containers.values()))
    assert container.box is not None
    access = [line.text for line in container.box.log if "GET / HTTP/1.1" in line.text]
    assert access[0].startswith("10.244.1.1 - - [05/Jan/2026:09:00:")
    assert access[0].endswith('] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.35" "-"')
