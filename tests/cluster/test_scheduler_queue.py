"""The scheduling queue: PrioritySort order, backoff, unschedulable pods."""

from __future__ import annotations

import pytest

from cluster.clock import Clock
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.plugins.queuesort import PrioritySort
from cluster.scheduler.queue import QueuedPodInfo, SchedulingQueue, backoff_duration

from .builders import make_pod


def new_queue(clock: Clock) -> SchedulingQueue:
    return SchedulingQueue(clock, PrioritySort().less, lambda pod: None, lambda: None)


def where(queue: SchedulingQueue) -> dict[str, str]:
    return dict(queue.pending())


def fail(queue: SchedulingQueue, *plugins: str, rejected: bool = True) -> QueuedPodInfo:
    """Pop the next pod and put it back as a failed attempt would."""
    qpi = queue.pop()
    assert qpi is not None
    qpi.unschedulable_plugins = set(plugins)
    queue.add_unschedulable(qpi, rejected)
    return qpi


@pytest.mark.parametrize(
    ("failures", "seconds"),
    [
        (0, 0.0),
        (1, 1.0),
        (2, 2.0),
        (3, 4.0),
        (4, 8.0),
        (5, 10.0),
        (9, 10.0),
    ],
    ids=lambda v: str(v),
)
def test_backoff_doubles_from_1s_to_10s(failures: int, seconds: float) -> None:
    qpi = QueuedPodInfo(PodInfo(make_pod()), 0.0, 0, unschedulable_count=failures)
    assert backoff_duration(qpi) == seconds


def test_higher_priority_first_then_first_come() -> None:
    clock = Clock()
    queue = new_queue(clock)
    for name, priority in [("low", 0), ("high", 1000), ("low2", 0)]:
        queue.add(PodInfo(make_pod(name, priority=priority)))
        clock.run_until(clock.now + 1)
    popped = [queue.pop() for _ in range(3)]
    assert [q.key for q in popped if q] == [
        "default/high",
        "default/low",
        "default/low2",
    ]
    assert queue.pop() is None


def test_rejected_pod_waits_for_an_event_then_backs_off() -> None:
    clock = Clock()
    queue = new_queue(clock)
    queue.add(PodInfo(make_pod()))
    qpi = fail(queue, "NodeResourcesFit")
    assert qpi.attempts == 1
    assert where(queue) == {"default/web": "unschedulable"}
    assert not queue.has_ready()
    clock.run_until(0.5)
    queue.move_all_to_active_or_backoff()
    assert where(queue) == {"default/web": "backoff"}
    clock.run_until(1.0)
    assert where(queue) == {"default/web": "active"}


def test_an_idle_scheduler_pops_from_backoff() -> None:
    clock = Clock()
    queue = new_queue(clock)
    queue.add(PodInfo(make_pod()))
    qpi = fail(queue, "NodeResourcesFit")
    queue.move_all_to_active_or_backoff()
    assert where(queue) == {"default/web": "backoff"} and queue.has_ready()
    again = queue.pop()
    assert again is qpi and again.attempts == 2


def test_a_pod_backing_off_after_an_error_waits_it_out() -> None:
    clock = Clock()
    queue = new_queue(clock)
    queue.add(PodInfo(make_pod()))
    fail(queue, rejected=False)
    assert where(queue) == {"default/web": "backoff"}
    assert not queue.has_ready() and queue.pop() is None
    clock.run_until(1.0)
    assert where(queue) == {"default/web": "active"}


def test_a_rejection_no_plugin_owns_is_retried_on_backoff() -> None:
    clock = Clock()
    queue = new_queue(clock)
    queue.add(PodInfo(make_pod()))
    qpi = fail(queue, rejected=True)
    assert (qpi.unschedulable_count, where(queue)) == (1, {"default/web": "backoff"})


def test_pods_parked_for_five_minutes_are_flushed_back() -> None:
    clock = Clock()
    queue = new_queue(clock)
    queue.add(PodInfo(make_pod()))
    fail(queue, "NodeResourcesFit")
    clock.run_until(300)
    assert where(queue) == {"default/web": "unschedulable"}
    clock.run_until(330)
    assert where(queue) == {"default/web": "active"}


def test_a_changed_pending_pod_is_retried_and_a_deleted_one_forgotten() -> None:
    clock = Clock()
    queue = new_queue(clock)
    queue.add(PodInfo(make_pod()))
    fail(queue, "NodeResourcesFit")
    clock.run_until(5)
    queue.update(PodInfo(make_pod(labels={"tier": "web"})))
    assert where(queue) == {"default/web": "active"}
    queue.delete("default/web")
    assert where(queue) == {} and queue.pop() is None
