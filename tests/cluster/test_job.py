"""The Job controller: pods to completion, the tracking finalizer, failures
with back-off, backoffLimit, parallelism, and the two-step terminal
conditions of v1.35."""

from __future__ import annotations

import pytest

from cluster.controllers.jobutil import BackoffRecord
from tests.cluster import workloads as w


@pytest.mark.parametrize(
    ("failures", "since", "remaining"),
    [
        (0, 0.0, 0.0),
        (1, 0.0, 10.0),
        (1, 4.0, 6.0),
        (2, 0.0, 20.0),
        (3, 0.0, 40.0),
        (6, 0.0, 320.0),
        (7, 0.0, 600.0),  # 640 s capped at MaxJobPodFailureBackOff (10 min)
        (2, 25.0, 0.0),
    ],
)
def test_pod_failure_backoff(failures: int, since: float, remaining: float) -> None:
    assert BackoffRecord(failures, 100.0).remaining(100.0 + since) == remaining


def test_a_success_resets_the_backoff() -> None:
    record = BackoffRecord(3, 50.0).updated(succeeded=[60.0], failed=[55.0, 70.0])
    assert (record.failures, record.last_failure) == (1, 70.0)


def test_the_pi_job_runs_to_completion() -> None:
    c = w.cluster()
    w.create(c, w.job(backoffLimit=4))
    c.advance(0)
    (pod,) = w.pods(c)
    assert pod["metadata"]["finalizers"] == ["batch.kubernetes.io/job-tracking"]
    assert pod["metadata"]["generateName"] == "pi-"
    c.advance(90)
    job = c.api.get("jobs", "pi", "default")
    status = job["status"]
    assert [(x["type"], x["reason"]) for x in status["conditions"]] == [
        ("SuccessCriteriaMet", "CompletionsReached"),
        ("Complete", "CompletionsReached"),
    ]
    assert status["conditions"][1]["message"] == (
        "Reached expected number of succeeded pods"
    )
    assert status["succeeded"] == 1 and "active" not in status
    assert status["ready"] == 0 and status["terminating"] == 0
    assert status["uncountedTerminatedPods"] == {}
    assert status["completionTime"] >= status["startTime"]
    (pod,) = w.pods(c)
    assert "finalizers" not in pod["metadata"]
    name = pod["metadata"]["name"]
    assert w.events(c, "Job", "pi") == [
        ("SuccessfulCreate", f"Created pod: {name}"),
        ("Completed", "Job completed"),
    ]


def test_failed_pods_are_replaced_with_backoff_until_the_limit() -> None:
    c = w.cluster()
    w.create(
        c,
        w.job("fail", command=["sh", "-c", "exit 1"], backoffLimit=2),
    )
    c.advance(600)
    job = c.api.get("jobs", "fail", "default")
    status = job["status"]
    assert status["failed"] == 3
    assert [(x["type"], x["reason"]) for x in status["conditions"]] == [
        ("FailureTarget", "BackoffLimitExceeded"),
        ("Failed", "BackoffLimitExceeded"),
    ]
    events = w.events(c, "Job", "fail")
    assert [r for r, _ in events].count("SuccessfulCreate") == 3
    assert events[-1] == (
        "BackoffLimitExceeded",
        "Job has reached the specified backoff limit",
    )
    created = sorted(
        c.clock.seconds_of(p["metadata"]["creationTimestamp"]) for p in w.pods(c)
    )
    gaps = [b - a for a, b in zip(created, created[1:], strict=False)]
    # Each replacement waits 10 s, then 20 s, after the previous failure.
    assert gaps[0] >= 10 and gaps[1] >= 20
    assert "Failed" in w.run(c, "kubectl get jobs")


def test_parallelism_runs_pods_side_by_side() -> None:
    c = w.cluster()
    w.create(c, w.job("par", completions=4, parallelism=2))
    c.advance(0)
    assert len(w.pods(c)) == 2
    c.advance(200)
    status = c.api.get("jobs", "par", "default")["status"]
    assert status["succeeded"] == 4
    assert len(w.pods(c)) == 4
    assert "par    Complete   4/4" in w.run(c, "kubectl get jobs")


def test_deleting_a_job_with_kubectl_removes_its_pods() -> None:
    c = w.cluster()
    w.create(c, w.job())
    c.advance(90)
    assert (
        w.run(c, "kubectl delete job pi")
        == 'job.batch "pi" deleted from default namespace'
    )
    c.advance(5)
    assert w.pods(c) == []


def test_an_active_deadline_fails_the_job_and_stops_its_pods() -> None:
    c = w.cluster()
    w.create(
        c,
        w.job("slow", command=["sleep", "300"], activeDeadlineSeconds=20),
    )
    c.advance(120)
    status = c.api.get("jobs", "slow", "default")["status"]
    assert [(x["type"], x["reason"]) for x in status["conditions"]] == [
        ("FailureTarget", "DeadlineExceeded"),
        ("Failed", "DeadlineExceeded"),
    ]
    assert status["failed"] == 1 and "active" not in status
    reasons = [r for r, _ in w.events(c, "Job", "slow")]
    assert reasons == ["SuccessfulCreate", "SuccessfulDelete", "DeadlineExceeded"]
    assert w.pods(c) == []
