"""Containers that exit: restartPolicy, terminated states, pod phases, the
crash-loop back-off (FIDELITY C.1) and kubectl's RESTARTS column."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.kubectl.podstatus import pod_columns
from cluster.node.backoff import Backoff
from cluster.node.kuberuntime import CRASH_BACKOFF_INITIAL, CRASH_BACKOFF_MAX

from .test_kubelet_harness import NodeHarness, pod_manifest

Obj = dict[str, Any]


def crashing(policy: str = "Always", script: str = "echo boom; exit 1") -> Obj:
    return pod_manifest(
        "crash",
        image="busybox:1.36",
        command=["sh", "-c", script],
        restartPolicy=policy,
    )


def started_times(node: NodeHarness, name: str = "crash") -> list[float]:
    return [t for t, _, reason, _ in node.timeline(name) if reason == "Started"]


def container(node: NodeHarness, name: str = "crash") -> Obj:
    pod = node.pod(name)
    assert pod is not None
    return pod["status"]["containerStatuses"][0]


@pytest.mark.parametrize(
    ("policy", "script", "phase", "status", "restarts"),
    [
        ("Always", "exit 0", "Running", "Completed", True),
        ("Always", "exit 1", "Running", "Error", True),
        ("OnFailure", "exit 0", "Succeeded", "Completed", False),
        ("OnFailure", "exit 1", "Running", "Error", True),
        ("Never", "exit 0", "Succeeded", "Completed", False),
        ("Never", "exit 3", "Failed", "Error", False),
    ],
    ids=[
        "always-ok",
        "always-fail",
        "onfailure-ok",
        "onfailure-fail",
        "never-ok",
        "never-fail",
    ],
)
def test_restart_policy_decides_restarts_and_phase(
    policy: str, script: str, phase: str, status: str, restarts: bool
) -> None:
    node = NodeHarness()
    node.run_pod(crashing(policy, script))
    node.advance(5)
    pod = node.pod("crash")
    assert pod is not None
    assert pod["status"]["phase"] == phase
    assert (container(node)["restartCount"] > 0) == restarts
    assert status in [s for _, s in node.statuses("crash")]


def test_terminated_state_has_exit_code_reason_and_times() -> None:
    node = NodeHarness()
    node.run_pod(crashing("Never", "sleep 3; exit 3"))
    node.advance(10)
    terminated = container(node)["state"]["terminated"]
    assert (terminated["exitCode"], terminated["reason"]) == (3, "Error")
    started = node.clock.seconds_of(terminated["startedAt"])
    finished = node.clock.seconds_of(terminated["finishedAt"])
    assert finished - started in (3, 4)


def test_a_succeeded_pod_stops_its_sandbox_and_keeps_its_ip() -> None:
    node = NodeHarness()
    node.run_pod(crashing("Never", "exit 0"))
    node.advance(10)
    pod = node.pod("crash")
    assert pod is not None and pod["status"]["podIP"] == "10.244.1.2"
    ready = {c["type"]: c for c in pod["status"]["conditions"]}
    assert ready["PodReadyToStartContainers"]["status"] == "False"
    assert ready["Ready"]["reason"] == "PodCompleted"
    runtime = node.kubelets["node-1"].runtime
    assert [s.state for s in runtime.sandboxes.values()] == ["SANDBOX_NOTREADY"]


def test_first_restart_is_immediate_then_10s_doubling() -> None:
    node = NodeHarness()
    node.run_pod(crashing())
    node.advance(700)
    starts = started_times(node)
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert gaps[0] < 1  # no back-off entry yet: the first restart is at once
    # Later restarts wait at least the back-off from the last exit, and the
    # pod worker requeues at the expiry with jitter of up to half the wait.
    for gap, backoff in zip(gaps[1:], (10, 20, 40, 80, 160, 300), strict=False):
        assert backoff <= gap <= backoff * 1.5 + 2


def test_crash_loop_back_off_waiting_message_and_event() -> None:
    node = NodeHarness()
    versions: list[Obj] = []
    node.api.watch("pods", lambda verb, pod: versions.append(pod), actor="t")
    node.run_pod(crashing())
    node.advance(200)
    uid = node.pod("crash")["metadata"]["uid"]  # type: ignore[index]
    events = [m for _, _, r, m in node.timeline("crash") if r == "BackOff"]
    assert (
        events[0]
        == f"Back-off restarting failed container app in pod crash_default({uid})"
    )
    waiting = [
        e["view"]
        for e in node.events
        if e["type"] == "object"
        and e["kind"] == "Pod"
        and e["view"]["status"] == "CrashLoopBackOff"
    ]
    assert waiting, "CrashLoopBackOff is written at the sync that ends a back-off"
    messages = {
        s["state"]["waiting"]["message"]
        for p in versions
        for s in p["status"].get("containerStatuses", [])
        if s["state"].get("waiting", {}).get("reason") == "CrashLoopBackOff"
    }
    assert (
        f"back-off 10s restarting failed container=app pod=crash_default({uid})"
        in messages
    )
    assert (
        f"back-off 20s restarting failed container=app pod=crash_default({uid})"
        in messages
    )


def test_last_state_and_restart_count_follow_each_exit() -> None:
    node = NodeHarness()
    node.run_pod(crashing(script="exit 7"))
    node.advance(60)
    status = container(node)
    assert status["restartCount"] >= 3
    assert status["lastState"]["terminated"]["exitCode"] == 7
    assert status["lastState"]["terminated"]["reason"] == "Error"


def test_restarts_column_shows_when_the_last_one_was() -> None:
    node = NodeHarness()
    node.run_pod(crashing())
    node.advance(60)
    pod = node.pod("crash")
    assert pod is not None
    cols = pod_columns(pod)
    finished = container(node)["lastState"]["terminated"]["finishedAt"]
    assert cols.restarts == container(node)["restartCount"]
    assert cols.last_restart == finished


@pytest.mark.parametrize(
    ("failures", "expected"),
    [(1, 10), (2, 20), (3, 40), (4, 80), (5, 160), (6, 300), (7, 300)],
)
def test_crash_backoff_doubles_to_the_cap(failures: int, expected: float) -> None:
    backoff = Backoff(CRASH_BACKOFF_INITIAL, CRASH_BACKOFF_MAX, expire_after=600)
    for n in range(failures):
        backoff.next_since("c", event_time=n, now=n)
    assert backoff.get("c") == expected


def test_a_container_that_ran_ten_minutes_starts_over_at_10s() -> None:
    backoff = Backoff(CRASH_BACKOFF_INITIAL, CRASH_BACKOFF_MAX, expire_after=600)
    for n in range(5):
        backoff.next_since("c", event_time=n, now=n)
    assert backoff.get("c") == 160
    # It started at 4 and ran until 4 + 601: more than ten minutes.
    assert not backoff.in_backoff_since("c", event_time=605, now=606)
    backoff.next_since("c", event_time=605, now=606)
    assert backoff.get("c") == 10


def test_a_long_running_container_restarts_at_once_after_it_crashes() -> None:
    node = NodeHarness()
    node.run_pod(crashing(script="sleep 700; exit 1"))
    node.advance(2200)
    starts = started_times(node)
    assert len(starts) >= 3
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert all(700 <= gap < 702 for gap in gaps)  # never backed off
