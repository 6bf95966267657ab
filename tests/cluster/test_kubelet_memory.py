"""Memory limits: a container using more than its limit is OOM-killed (exit
137, reason OOMKilled) and restarted per its policy; QoS is shown."""

from __future__ import annotations

from typing import Any

import pytest

from .box_harness import run
from .test_kubelet_harness import NodeHarness

Obj = dict[str, Any]
MiB = 1024 * 1024


def stress_pod(vm_bytes: str, limit: str, policy: str = "Always") -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "memory-demo"},
        "spec": {
            "restartPolicy": policy,
            "containers": [
                {
                    "name": "memory-demo-ctr",
                    "image": "polinux/stress",
                    "resources": {
                        "requests": {"memory": "50Mi"},
                        "limits": {"memory": limit},
                    },
                    "command": ["stress"],
                    "args": ["--vm", "1", "--vm-bytes", vm_bytes, "--vm-hang", "1"],
                }
            ],
        },
    }


@pytest.mark.parametrize(
    ("vm_bytes", "limit_mib", "killed"),
    [
        ("150M", 200, False),
        ("250M", 100, True),
        ("99M", 100, False),
        ("100M", 100, True),
    ],
    ids=["under", "over", "just-under", "baseline-tips-it-over"],
)
def test_stress_allocates_against_the_limit(
    vm_bytes: str, limit_mib: int, killed: bool
) -> None:
    ran = run(
        ["stress", "--vm", "1", "--vm-bytes", vm_bytes, "--vm-hang", "1"],
        "polinux/stress",
        memory_limit=limit_mib * MiB,
    )
    assert (ran.code == 137) == killed
    assert ran.box.memory.oom_killed == killed
    assert ran.stream("stdout")[0] == (
        "stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd"
    )


def test_the_docs_oom_example_is_oom_killed_and_restarted() -> None:
    node = NodeHarness()
    node.run_pod(stress_pod("250M", "100Mi"))
    node.advance(30)
    pod = node.pod("memory-demo")
    assert pod is not None
    status = pod["status"]["containerStatuses"][0]
    assert status["lastState"]["terminated"]["reason"] == "OOMKilled"
    assert status["lastState"]["terminated"]["exitCode"] == 137
    assert status["restartCount"] >= 1
    assert "OOMKilled" in [s for _, s in node.statuses("memory-demo")]
    assert pod["status"]["qosClass"] == "Burstable"


def test_within_the_limit_it_keeps_running_and_counts_on_the_node() -> None:
    node = NodeHarness()
    node.run_pod(stress_pod("150M", "200Mi"))
    node.advance(30)
    pod = node.pod("memory-demo")
    assert pod is not None and pod["status"]["phase"] == "Running"
    runtime = node.kubelets["node-1"].runtime
    assert 150 * MiB < runtime.memory_usage() < 160 * MiB


def test_a_group_oom_kill_takes_the_shell_with_it() -> None:
    ran = run(
        ["sh", "-c", "stress --vm 1 --vm-bytes 64M; echo survived"],
        "polinux/stress",
        memory_limit=32 * MiB,
    )
    assert ran.code == 137 and "survived" not in ran.output
