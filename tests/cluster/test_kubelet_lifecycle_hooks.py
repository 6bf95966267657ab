"""Graceful termination with lifecycle hooks: preStop runs inside the grace
period, SIGKILL comes at its end; postStart runs after the start."""

from __future__ import annotations

from typing import Any

from .test_kubelet_harness import NodeHarness
from .test_kubelet_termination import deleted_at

Obj = dict[str, Any]


def hooked(lifecycle: Obj, grace: int = 30, image: str = "nginx", **extra: Any) -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web"},
        "spec": {
            "terminationGracePeriodSeconds": grace,
            "containers": [
                {"name": "app", "image": image, "lifecycle": lifecycle, **extra}
            ],
        },
    }


def delete_after_start(node: NodeHarness, manifest: Obj) -> float:
    node.run_pod(manifest)
    node.advance(30)
    node.api.delete("pods", "web", "default", actor="kubectl")
    return node.clock.now


def test_a_pre_stop_sleep_holds_termination() -> None:
    node = NodeHarness()
    asked = delete_after_start(node, hooked({"preStop": {"sleep": {"seconds": 5}}}))
    node.advance(30)
    assert 5 <= deleted_at(node, "web") - asked < 6


def test_a_pre_stop_exec_runs_in_the_container() -> None:
    node = NodeHarness()
    hook = {"preStop": {"exec": {"command": ["sh", "-c", "sleep 3; nginx -s quit"]}}}
    asked = delete_after_start(node, hooked(hook))
    node.advance(30)
    assert 3 <= deleted_at(node, "web") - asked < 4


def test_a_pre_stop_that_outlasts_the_grace_period_ends_in_sigkill() -> None:
    node = NodeHarness()
    hook = {"preStop": {"exec": {"command": ["sleep", "60"]}}}
    manifest = hooked(hook, grace=10, image="busybox:1.36", command=["sleep", "1h"])
    asked = delete_after_start(node, manifest)
    node.advance(30)
    # The hook used the grace period; the stop still gets the 2 s minimum,
    # and sleep as PID 1 ignores SIGTERM, so SIGKILL ends it.
    assert 12 <= deleted_at(node, "web") - asked < 13


def test_a_failing_pre_stop_hook_is_reported() -> None:
    node = NodeHarness()
    hook = {"preStop": {"exec": {"command": ["sh", "-c", "exit 1"]}}}
    delete_after_start(node, hooked(hook))
    node.advance(30)
    failed = [m for _, _, r, m in node.timeline("web") if r == "FailedPreStopHook"]
    assert failed and failed[0].startswith(
        'Exec lifecycle hook ([sh -c exit 1]) for Container "app" in Pod "web_default('
    )


def test_post_start_runs_after_the_start() -> None:
    node = NodeHarness()
    hook = {
        "postStart": {
            "exec": {"command": ["sh", "-c", "echo hello > /usr/share/message"]}
        }
    }
    node.run_pod(hooked(hook))
    node.advance(30)
    container = next(iter(node.kubelets["node-1"].runtime.containers.values()))
    assert container.box is not None
    assert container.box.fs.read("/usr/share/message") == "hello\n"


def test_a_failing_post_start_kills_the_container() -> None:
    node = NodeHarness()
    hook = {"postStart": {"exec": {"command": ["sh", "-c", "exit 2"]}}}
    node.run_pod(hooked(hook))
    node.advance(30)
    reasons = node.reasons("web")
    assert "FailedPostStartHook" in reasons
    kills = [m for _, _, r, m in node.timeline("web") if r == "Killing"]
    assert kills[0] == "FailedPostStartHook"
