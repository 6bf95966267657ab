"""``kubectl logs`` and ``kubectl exec``: served by the pod's kubelet from what
the container's processes wrote and from processes started in it."""

from __future__ import annotations

import pytest

from cluster.engine import Cluster

PODS = """apiVersion: v1
kind: Pod
metadata: {name: counter}
spec:
  containers:
  - name: count
    image: busybox:1.28
    args:
    - /bin/sh
    - -c
    - 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - {name: nginx, image: "nginx:1.27"}
  - name: tools
    image: "busybox:1.36"
    command: [sh, -c, "echo ready > /tmp/state; sleep 3600"]
---
apiVersion: v1
kind: Pod
metadata: {name: stuck}
spec:
  containers:
  - {name: app, image: "nginx:9.9"}
"""


@pytest.fixture
def cluster() -> Cluster:
    cluster = Cluster.sandbox()
    assert cluster.execute("kubectl apply -f -", PODS).ok
    cluster.advance(10)
    return cluster


def test_logs_show_what_the_process_wrote(cluster: Cluster) -> None:
    lines = cluster.execute("kubectl logs counter").output.splitlines()
    assert lines[0] == "0: Mon Jan  5 09:00:01 UTC 2026" or lines[0].startswith("0: ")
    assert len(lines) >= 7
    assert cluster.execute("kubectl logs counter --tail 2").output.count("\n") == 1


def test_logs_timestamps_are_rfc3339_nano(cluster: Cluster) -> None:
    first = cluster.execute("kubectl logs counter --timestamps --tail 1").output
    stamp, _, text = first.partition(" ")
    assert stamp.startswith("2026-01-05T09:00:") and stamp.endswith("Z")
    assert len(stamp.split(".")[1]) == 10  # nine digits and the Z


def test_previous_logs_after_a_restart(cluster: Cluster) -> None:
    missing = cluster.execute("kubectl logs counter -p")
    assert missing.output == (
        'Error from server (BadRequest): previous terminated container "count" in pod '
        '"counter" not found'
    )
    cluster.execute("sim crash pod/counter")
    cluster.advance(3)
    previous = cluster.execute("kubectl logs counter --previous").output.splitlines()
    current = cluster.execute("kubectl logs counter").output.splitlines()
    assert previous[0].startswith("0: ") and current[0].startswith("0: ")
    assert len(previous) > len(current)


def test_logs_default_to_the_first_container_and_say_so(cluster: Cluster) -> None:
    output = cluster.execute("kubectl logs web").output.splitlines()
    assert output[0] == 'Defaulted container "nginx" out of: nginx, tools'
    assert output[1].startswith("/docker-entrypoint.sh: ")


@pytest.mark.parametrize(
    ("line", "output"),
    [
        ("kubectl logs nope", 'Error from server (NotFound): pods "nope" not found'),
        (
            "kubectl logs web -c nope",
            "Error from server (BadRequest): container nope is not valid for pod web",
        ),
        (
            "kubectl logs stuck",
            'Error from server (BadRequest): container "app" in pod "stuck" is '
            "waiting to start: ",
        ),
    ],
    ids=["no-pod", "no-container", "image-pull"],
)
def test_logs_refusals(cluster: Cluster, line: str, output: str) -> None:
    cluster.advance(20)
    result = cluster.execute(line)
    assert result.output.startswith(output) and not result.ok
    if "waiting to start" in output:
        assert result.output.endswith(
            ("image can't be pulled", "trying and failing to pull image")
        )


def test_exec_runs_in_the_container(cluster: Cluster) -> None:
    result = cluster.execute("kubectl exec web -c tools -- cat /tmp/state")
    assert (result.output, result.ok) == ("ready", True)


def test_exec_takes_the_time_its_command_takes(cluster: Cluster) -> None:
    before = cluster.now
    assert cluster.execute("kubectl exec web -c tools -- sleep 5").ok
    assert 5 <= cluster.now - before <= 6


def test_exec_reports_a_non_zero_exit(cluster: Cluster) -> None:
    result = cluster.execute("kubectl exec web -c tools -- sh -c 'echo no; exit 4'")
    assert (result.output, result.ok) == (
        "no\ncommand terminated with exit code 4",
        False,
    )


def test_exec_into_an_image_without_the_program(cluster: Cluster) -> None:
    result = cluster.execute("kubectl exec web -c nginx -- ps")
    assert result.output.startswith(
        "error: Internal error occurred: error executing command in container: failed "
        'to exec in container: failed to start exec "'
    )
    assert result.output.endswith(
        "OCI runtime exec failed: exec failed: unable to start container process: "
        'exec: "ps": executable file not found in $PATH: unknown'
    )


def test_exec_changes_are_seen_by_probes_and_the_app(cluster: Cluster) -> None:
    assert cluster.execute("kubectl exec web -c tools -- rm /tmp/state").ok
    result = cluster.execute("kubectl exec web -c tools -- cat /tmp/state")
    assert result.output == (
        "cat: can't open '/tmp/state': No such file or directory\n"
        "command terminated with exit code 1"
    )
