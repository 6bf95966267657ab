"""``ssh NODE CMD``: crictl, journalctl and systemctl show the node's own view."""

from __future__ import annotations

import re

import pytest

from cluster.engine import Cluster
from cluster.node.crictl import human_duration, human_size, table

WEB = """apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  nodeName: node-1
  containers:
  - {name: nginx, image: "nginx:1.27"}
  - {name: crash, image: "busybox:1.36", command: [sh, -c, "exit 1"]}
"""


@pytest.fixture
def cluster() -> Cluster:
    cluster = Cluster.sandbox()
    assert cluster.execute("kubectl apply -f -", WEB).ok
    cluster.advance(30)
    return cluster


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.4, "Less than a second"),
        (1, "1 second"),
        (42, "42 seconds"),
        (61, "About a minute"),
        (600, "10 minutes"),
        (3600, "About an hour"),
        (7 * 3600, "7 hours"),
        (72 * 3600, "3 days"),
    ],
)
def test_created_reads_like_docker(seconds: float, text: str) -> None:
    assert human_duration(seconds) == text


@pytest.mark.parametrize(
    ("size", "text"),
    [(320448, "320kB"), (72223946, "72.2MB"), (2222260, "2.22MB"), (999, "999B")],
)
def test_sizes_use_three_significant_digits(size: int, text: str) -> None:
    assert human_size(size) == text


def test_tabwriter_pads_to_twenty_plus_three() -> None:
    assert table([["A", "B"], ["a-long-container-name", "x"]]) == (
        "A                       B\na-long-container-name   x"
    )


def test_crictl_ps_lists_running_containers(cluster: Cluster) -> None:
    lines = cluster.execute("ssh node-1 crictl ps").output.splitlines()
    assert lines[0].split() == [
        "CONTAINER",
        "IMAGE",
        "CREATED",
        "STATE",
        "NAME",
        "ATTEMPT",
        "POD",
        "ID",
        "POD",
        "NAMESPACE",
    ]
    assert len(lines) == 2
    fields = re.split(r"\s{3,}", lines[1])
    assert re.fullmatch(r"[0-9a-f]{13}", fields[0])
    assert fields[3:5] == ["Running", "nginx"]
    assert fields[-2:] == ["web", "default"]


def test_crictl_ps_a_also_shows_exited_attempts(cluster: Cluster) -> None:
    output = cluster.execute("ssh node-1 crictl ps -a").output
    exited = [line for line in output.splitlines() if "Exited" in line]
    assert exited and all(" crash " in line for line in exited)
    # GC keeps one dead instance beside the newest.
    assert len(exited) <= 2


def test_crictl_images(cluster: Cluster) -> None:
    lines = cluster.execute("ssh node-1 sudo crictl images")
    rows = [line.split() for line in lines.output.splitlines()]
    assert rows[0] == ["IMAGE", "TAG", "IMAGE", "ID", "SIZE"]
    assert ["docker.io/library/nginx", "1.27"] == rows[2][:2]
    assert rows[2][3] == "68.9MB"
    assert rows[-1][:2] == ["registry.k8s.io/pause", "3.10.1"]


def test_journalctl_shows_what_the_kubelet_did(cluster: Cluster) -> None:
    journal = cluster.execute("ssh node-1 journalctl -u kubelet --no-pager").output
    lines = journal.splitlines()
    assert lines[0] == (
        "Jan 05 09:00:00 node-1 systemd[1]: Started kubelet.service - kubelet: The "
        "Kubernetes Node Agent."
    )
    assert re.fullmatch(
        r"Jan 05 09:00:00 node-1 kubelet\[(\d+)\]: I0105 09:00:00\.000000 +\1 "
        r'kubelet\.go:\d+\] "SyncLoop ADD" source="api" pods=\["default/web"\]',
        next(line for line in lines if "SyncLoop ADD" in line),
    )
    errors = [line for line in lines if '"Error syncing pod, skipping"' in line]
    assert errors and ": E0105 " in errors[0]
    assert (
        'err="failed to \\"StartContainer\\" for \\"crash\\" with CrashLoopBackOff'
        in (errors[0])
    )


def test_journalctl_n_limits_lines(cluster: Cluster) -> None:
    assert (
        len(
            cluster.execute("ssh node-1 journalctl -u kubelet -n 3").output.splitlines()
        )
        == 3
    )


def test_systemctl_status_follows_the_kubelet(cluster: Cluster) -> None:
    assert (
        "Active: active (running)"
        in cluster.execute("ssh node-1 systemctl status kubelet").output
    )
    cluster.execute("sim node-down node-1")
    result = cluster.execute("ssh node-1 systemctl status kubelet")
    assert "Active: failed (Result: signal)" in result.output and not result.ok


@pytest.mark.parametrize(
    ("line", "output"),
    [
        (
            "ssh node-9 crictl ps",
            "ssh: Could not resolve hostname node-9: Name or service not known",
        ),
        ("ssh node-1 frobnicate", "bash: line 1: frobnicate: command not found"),
        ("ssh node-1 crictl frob", "FATA[0000] no help topic for 'frob'"),
    ],
    ids=["unknown-node", "unknown-command", "unknown-crictl-command"],
)
def test_bad_ssh_commands(cluster: Cluster, line: str, output: str) -> None:
    result = cluster.execute(line)
    assert (result.output, result.ok) == (output, False)
