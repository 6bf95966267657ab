"""Real-time playback around the engine, and rebuilding a cluster from its journal."""

from __future__ import annotations

import random

import pytest

from tests.visual.conftest import NGINX_POD
from visual.simhost.journal import Journal
from visual.simhost.player import Player


def played(seed: int = 0) -> Player:
    """A player that went through a small session at uneven real-time steps."""
    player = Player(Journal(seed=seed), stream="s1")
    wall = random.Random(42)
    player.execute("kubectl apply -f -", NGINX_POD)
    for _ in range(40):
        player.advance(wall.uniform(0.01, 0.3))
    player.control("speed", 5.0)
    player.execute("kubectl apply -f -", NGINX_POD.replace("web", "api"))
    for _ in range(25):
        player.advance(wall.uniform(0.01, 0.3))
    player.execute("kubectl get pod nope")
    player.step()
    return player


def test_replaying_the_journal_rebuilds_the_same_cluster():
    original = played()
    copy = Player(original.sync_journal(), stream="s2")
    before, after = original.snapshot(), copy.snapshot()
    assert after["cluster"] == before["cluster"]
    assert after["console"] == before["console"]
    assert after["events"] == before["events"]
    assert (after["time"], after["paused"], after["speed"]) == (
        before["time"],
        True,
        5.0,
    )


def test_the_journal_holds_each_command_at_its_simulated_time():
    player = Player(Journal(seed=0), stream="s1")
    player.advance(2.0)
    player.execute("kubectl get pods")
    entry = player.journal.entries[-1]
    assert (entry.time, entry.line, entry.stdin) == (2.0, "kubectl get pods", None)


def test_playback_speed_scales_wall_time():
    player = Player(Journal(seed=0), stream="s1")
    player.control("speed", 20.0)
    start = player.time
    player.advance(0.5)
    assert player.time == pytest.approx(start + 10.0)


def test_a_paused_cluster_stands_still():
    player = Player(Journal(seed=0), stream="s1")
    delta = player.control("pause")
    assert delta is not None and delta["events"][-1]["type"] == "playback"
    start = player.time
    assert player.advance(1.0) is None
    assert player.time == start


def test_step_pauses_and_runs_the_next_instant():
    player = Player(Journal(seed=0), stream="s1")
    player.execute("kubectl apply -f -", NGINX_POD)
    due = player.cluster.next_event_time()
    player.step()
    assert player.paused and player.time == due


def test_unchanged_controls_make_no_delta():
    player = Player(Journal(seed=0), stream="s1")
    assert player.control("play") is None
    assert player.control("speed", 1.0) is None


@pytest.mark.parametrize(
    ("action", "speed"), [("speed", 3.0), ("speed", None), ("rewind", None)]
)
def test_bad_controls_are_refused(action, speed):
    player = Player(Journal(seed=0), stream="s1")
    with pytest.raises(ValueError):
        player.control(action, speed)


def test_every_change_is_a_numbered_delta():
    player = Player(Journal(seed=0), stream="s1")
    deltas = [player.execute("kubectl apply -f -", NGINX_POD)]
    deltas += [d for d in (player.advance(0.2) for _ in range(50)) if d]
    assert [d["seq"] for d in deltas] == list(range(1, len(deltas) + 1))
    assert player.since("s1", 0) == deltas
    assert player.since("other", 0) is None
