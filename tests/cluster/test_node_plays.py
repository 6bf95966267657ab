"""The node plays, written from the Kubernetes documentation pages they name,
show what those pages show: the same statuses, restarts, events and
messages, ages and random suffixes aside."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from cluster.__main__ import play
from cluster.scenario import load_scenario

PLAYS = Path(__file__).parent / "plays"
NODE_PLAYS = (
    "liveness-readiness-startup-probes.yaml",
    "assign-memory-resources.yaml",
    "assign-cpu-resources.yaml",
    "quality-of-service.yaml",
    "init-containers.yaml",
    "debug-crashing-pod.yaml",
)


@cache
def transcript(name: str) -> str:
    return play(load_scenario(PLAYS / name))


def outputs(name: str, command: str) -> list[list[str]]:
    """Every output of ``command`` in the play, in order."""
    found: list[list[str]] = []
    current: list[str] | None = None
    for line in transcript(name).splitlines():
        if line.startswith("$ "):
            current = [] if line[2:] == command else None
            if current is not None:
                found.append(current)
        elif current is not None:
            current.append(line)
    return found


def row(lines: list[str]) -> list[str]:
    """The first data row of a table, split into columns."""
    return re.split(r"\s{2,}", lines[1].strip())


def events(lines: list[str]) -> list[tuple[str, str, str]]:
    """(type, reason, message) of a describe's Events table."""
    start = lines.index("Events:") + 3
    found = []
    for line in lines[start:]:
        parts = re.split(r"\s{2,}", line.strip(), maxsplit=4)
        if len(parts) == 5:
            found.append((parts[0], parts[1], parts[4].split(": ", 1)[-1]))
    return found


@pytest.mark.parametrize("name", NODE_PLAYS)
def test_plays_name_their_source_page_and_replay_identically(name: str) -> None:
    assert "https://kubernetes.io/docs/" in (PLAYS / name).read_text()
    assert "Traceback" not in transcript(name)
    assert play(load_scenario(PLAYS / name)) == transcript(name)


# -- Configure Liveness, Readiness and Startup Probes -------------------------------

PROBES = "liveness-readiness-startup-probes.yaml"


def test_exec_liveness_has_not_failed_within_30_seconds() -> None:
    first = outputs(PROBES, "kubectl describe pod liveness-exec")[0]
    assert [reason for _, reason, _ in events(first)] == [
        "Scheduled",
        "Pulling",
        "Pulled",
        "Created",
        "Started",
    ]


def test_exec_liveness_fails_after_35_seconds() -> None:
    later = outputs(PROBES, "kubectl describe pod liveness-exec")[1]
    assert (
        "Warning",
        "Unhealthy",
        "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or "
        "directory",
    ) in events(later)


def test_exec_liveness_restarted_once() -> None:
    got = row(outputs(PROBES, "kubectl get pod liveness-exec")[0])
    assert got[:3] == ["liveness-exec", "1/1", "Running"]
    assert got[3].startswith("1 (")


def test_http_liveness_kills_after_three_500s() -> None:
    described = events(outputs(PROBES, "kubectl describe pod liveness-http")[0])
    assert (
        "Warning",
        "Unhealthy",
        "Liveness probe failed: HTTP probe failed with statuscode: 500",
    ) in described
    assert (
        "Normal",
        "Killing",
        "Container liveness failed liveness probe, will be restarted",
    ) in described


def test_tcp_readiness_after_its_initial_delay() -> None:
    before, after = outputs(PROBES, "kubectl get pod goproxy")[:2]
    assert row(before)[:3] == ["goproxy", "0/1", "Running"]
    assert row(after)[:3] == ["goproxy", "1/1", "Running"]


def test_grpc_liveness_passes() -> None:
    described = outputs(PROBES, "kubectl describe pod etcd-with-grpc")[0]
    assert (
        "    Liveness:       grpc <pod>:2379  delay=10s timeout=1s period=10s "
        "#success=1 #failure=3" in described
    )
    assert not [e for e in events(described) if e[1] == "Unhealthy"]


def test_a_failing_readiness_probe_takes_the_pod_out_until_it_passes() -> None:
    failing, recovered = outputs(PROBES, "kubectl get pod goproxy")[2:4]
    assert row(failing)[:3] == ["goproxy", "0/1", "Running"]
    assert row(recovered)[:4] == ["goproxy", "1/1", "Running", "0"]


# -- Assign Memory Resources -------------------------------------------------------

MEMORY = "assign-memory-resources.yaml"


def test_memory_demo_runs_within_its_limit() -> None:
    assert row(
        outputs(MEMORY, "kubectl get pod memory-demo --namespace=mem-example")[0]
    )[:3] == ["memory-demo", "1/1", "Running"]
    yaml = "\n".join(
        outputs(
            MEMORY, "kubectl get pod memory-demo --output=yaml --namespace=mem-example"
        )[0]
    )
    assert (
        "    resources:\n      limits:\n        memory: 200Mi\n      requests:\n"
        "        memory: 100Mi\n" in yaml
    )


def test_memory_demo_2_is_oom_killed_and_restarted() -> None:
    first, second = outputs(
        MEMORY, "kubectl get pod memory-demo-2 --namespace=mem-example"
    )
    assert row(first)[:3] == ["memory-demo-2", "0/1", "OOMKilled"]
    assert row(second)[2] in ("OOMKilled", "CrashLoopBackOff")
    yaml = "\n".join(
        outputs(
            MEMORY,
            "kubectl get pod memory-demo-2 --output=yaml --namespace=mem-example",
        )[0]
    )
    assert re.search(
        r"    lastState:\n      terminated:\n        containerID: containerd://[0-9a-f]{64}\n"
        r"        exitCode: 137\n        finishedAt: \S+\n        reason: OOMKilled\n",
        yaml,
    )
    described = outputs(
        MEMORY, "kubectl describe pod memory-demo-2 --namespace=mem-example"
    )[0]
    assert "      Reason:       OOMKilled" in described
    assert any(e[1] == "BackOff" for e in events(described))


def test_memory_demo_3_is_too_big_for_any_node() -> None:
    got = outputs(MEMORY, "kubectl get pod memory-demo-3 --namespace=mem-example")[0]
    assert row(got)[:3] == ["memory-demo-3", "0/1", "Pending"]
    described = outputs(
        MEMORY, "kubectl describe pod memory-demo-3 --namespace=mem-example"
    )[0]
    failed = [e for e in events(described) if e[1] == "FailedScheduling"]
    assert failed and "Insufficient memory" in failed[0][2]


# -- Assign CPU Resources ----------------------------------------------------------

CPU = "assign-cpu-resources.yaml"


def test_cpu_demo_runs_and_cpu_demo_2_stays_pending() -> None:
    assert row(outputs(CPU, "kubectl get pod cpu-demo --namespace=cpu-example")[0])[
        :3
    ] == [
        "cpu-demo",
        "1/1",
        "Running",
    ]
    described = outputs(CPU, "kubectl describe pod cpu-demo --namespace=cpu-example")[0]
    assert (
        "    Limits:\n      cpu:  1\n    Requests:\n      cpu:        500m"
        in "\n".join(described)
    )
    pending = outputs(CPU, "kubectl get pod cpu-demo-2 --namespace=cpu-example")[0]
    assert row(pending)[:3] == ["cpu-demo-2", "0/1", "Pending"]
    described = outputs(CPU, "kubectl describe pod cpu-demo-2 --namespace=cpu-example")[
        0
    ]
    assert (
        "Insufficient cpu"
        in next(e for e in events(described) if e[1] == "FailedScheduling")[2]
    )


def test_cpu_demo_is_throttled_to_about_one_cpu() -> None:
    """The docs: "the Pod is using 974 milliCPU, which is slightly less than
    the limit of 1 CPU specified in the Pod configuration"."""
    got = outputs(CPU, "kubectl top pod cpu-demo --namespace=cpu-example")[0]
    assert got[0] == "NAME       CPU(cores)   MEMORY(bytes)   "
    name, cpu, _memory = got[1].split()
    assert name == "cpu-demo" and 900 <= int(cpu.rstrip("m")) <= 1000


# -- Configure Quality of Service ---------------------------------------------------

QOS = "quality-of-service.yaml"


@pytest.mark.parametrize(
    ("pod", "qos"),
    [
        ("qos-demo", "Guaranteed"),
        ("qos-demo-2", "Burstable"),
        ("qos-demo-3", "BestEffort"),
        ("qos-demo-4", "Burstable"),
    ],
)
def test_qos_classes(pod: str, qos: str) -> None:
    yaml = outputs(QOS, f"kubectl get pod {pod} --namespace=qos-example --output=yaml")[
        0
    ]
    assert f"  qosClass: {qos}" in yaml


# -- Init Containers ---------------------------------------------------------------

INIT = "init-containers.yaml"


def test_init_containers_wait_for_their_services() -> None:
    waiting, running = outputs(INIT, "kubectl get -f manifests/init-containers.yaml")
    assert row(waiting)[:3] == ["myapp-pod", "0/1", "Init:0/2"]
    assert row(running)[:3] == ["myapp-pod", "1/1", "Running"]
    logs = outputs(INIT, "kubectl logs myapp-pod -c init-myservice --tail 5")
    assert logs[0][-2:] == [
        "nslookup: can't resolve 'myservice.default.svc.cluster.local'",
        "waiting for myservice",
    ]
    assert logs[1][-2].startswith("Name:      myservice.default.svc.cluster.local")
    assert outputs(INIT, "kubectl logs myapp-pod")[0][-1] == "The app is running!"


def test_the_second_init_container_has_not_started() -> None:
    assert outputs(INIT, "kubectl logs myapp-pod -c init-mydb")[0] == [
        'Error from server (BadRequest): container "init-mydb" in pod "myapp-pod" is '
        "waiting to start: PodInitializing"
    ]


# -- Determine the Reason for Pod Failure / Debug Pods ----------------------------

DEBUG = "debug-crashing-pod.yaml"


def test_the_termination_message_is_kept_in_last_state() -> None:
    yaml = "\n".join(
        outputs(DEBUG, "kubectl get pod termination-demo --output=yaml")[0]
    )
    assert "        message: |\n          Sleep expired\n" in yaml


def test_the_node_shows_the_exits_and_the_back_off() -> None:
    crictl = outputs(DEBUG, "ssh node-1 crictl ps -a")[0]
    assert all("Exited" in line for line in crictl[1:])
    journal = outputs(DEBUG, "ssh node-1 journalctl -u kubelet -n 4")[0]
    assert any("back-off 20s restarting failed container" in line for line in journal)
