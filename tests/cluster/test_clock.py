from __future__ import annotations

from cluster.clock import URGENT, Clock


def test_callbacks_run_in_time_then_priority_then_insertion_order() -> None:
    clock, ran = Clock(), []
    clock.call_later(2, ran.append, "late")
    clock.call_later(1, ran.append, "first")
    clock.call_later(1, ran.append, "second")
    clock.call_later(1, ran.append, "urgent", priority=URGENT)
    clock.run_until(5)
    assert ran == ["urgent", "first", "second", "late"]
    assert clock.now == 5


def test_run_until_stops_before_later_callbacks() -> None:
    clock, ran = Clock(), []
    clock.call_later(3, ran.append, "x")
    clock.run_until(2.5)
    assert ran == [] and clock.now == 2.5 and clock.next_time() == 3


def test_cancelled_timers_never_run() -> None:
    clock, ran = Clock(), []
    timer = clock.call_later(1, ran.append, "x")
    timer.cancel()
    assert clock.step() is False and ran == []


def test_random_streams_are_seeded_and_independent() -> None:
    a, b = Clock(seed=7), Clock(seed=7)
    a.rng("other").random()  # consuming one stream must not shift another
    assert a.rng("uid").random() == b.rng("uid").random()
    assert Clock(seed=8).new_uid() != Clock(seed=7).new_uid()


def test_timestamps_are_simulated_calendar_time() -> None:
    clock = Clock()
    clock.run_until(65.7)
    assert clock.timestamp() == "2026-01-05T09:01:05Z"
    assert clock.seconds_of("2026-01-05T09:01:05Z") == 65
