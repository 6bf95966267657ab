"""The timeline: going back to an earlier moment and playing the session again."""

from __future__ import annotations

from tests.visual.conftest import NGINX_POD
from visual.simhost.journal import Journal
from visual.simhost.player import Player


def session() -> Player:
    """Two pods created 30 s apart, then a minute of running, at 10x."""
    player = Player(Journal(seed=3), stream="s1")
    player.control("speed", 10.0)
    player.advance(1.0)
    player.execute("kubectl apply -f -", NGINX_POD)
    player.advance(3.0)
    player.execute("kubectl apply -f -", NGINX_POD.replace("web", "api"))
    for _ in range(6):
        player.advance(1.0)
    return player


def pod_names(player: Player) -> list[str]:
    return sorted(pod["name"] for pod in player.snapshot()["cluster"]["pods"])


def test_going_back_shows_the_cluster_as_it_was():
    player = session()
    assert player.time == 100.0 and pod_names(player) == ["api", "web"]
    player.seek(20.0)
    assert player.time == 20.0 and pod_names(player) == ["web"]
    player.seek(5.0)
    assert pod_names(player) == []
    assert player.paused, "going to a moment stops there, to look at it"


def test_the_past_matches_what_the_session_showed_then():
    then = Player(Journal(seed=3), stream="s0")
    then.control("speed", 10.0)
    then.advance(1.0)
    then.execute("kubectl apply -f -", NGINX_POD)
    then.advance(1.5)
    player = session()
    player.seek(25.0)
    assert player.snapshot()["cluster"] == then.snapshot()["cluster"]


def test_playing_on_from_the_past_replays_the_later_commands_exactly():
    player = session()
    at_head = player.snapshot()
    player.seek(20.0)
    player.control("play")
    deltas = [player.advance(1.0) for _ in range(8)]
    assert player.time == at_head["time"]
    assert player.snapshot()["cluster"] == at_head["cluster"]
    replayed = [
        event
        for delta in deltas
        if delta
        for event in delta["events"]
        if event["type"] == "console"
    ]
    assert [(e["time"], e.get("replay")) for e in replayed] == [(40.0, True)]


def test_a_new_command_in_the_past_starts_a_new_timeline():
    player = session()
    player.seek(20.0)
    delta = player.execute("kubectl delete pod web")
    timeline = [e for e in delta["events"] if e["type"] == "timeline"]
    assert timeline == [{"type": "timeline", "time": 20.0, "dropped": 1, "head": 20.0}]
    lines = [entry.line for entry in player.journal.entries]
    assert lines == ["kubectl apply -f -", "kubectl delete pod web"]
    player.control("play")
    for _ in range(3):
        player.advance(1.0)
    assert "api" not in pod_names(player)
    assert player.snapshot()["timeline"]["head"] == player.time


def test_a_gone_back_cluster_reloads_where_it_was_with_its_future():
    player = session()
    player.seek(20.0)
    saved = player.sync_journal()
    assert (saved.sim_time, saved.head, saved.applied) == (20.0, 100.0, 1)
    reloaded = Player(saved, stream="s2")
    assert reloaded.snapshot()["cluster"] == player.snapshot()["cluster"]
    reloaded.seek(100.0)
    assert pod_names(reloaded) == ["api", "web"]


def test_seeking_clamps_to_the_session_and_starts_a_fresh_stream():
    player = session()
    player.seek(10_000.0)
    assert player.time == 100.0
    assert player.stream != "s1" and player.snapshot()["seq"] == 0
    player.seek(-5.0)
    assert player.time == 0.0 and pod_names(player) == []


def test_step_runs_a_journalled_command_when_it_is_due_first():
    player = session()
    player.seek(39.0)
    while player.time < 40.0:
        player.step()
    assert player.time == 40.0 and pod_names(player) == ["api", "web"]
    assert player.journal.applied == 2


def test_the_snapshot_carries_the_timeline():
    player = session()
    player.seek(20.0)
    timeline = player.snapshot()["timeline"]
    assert timeline == {
        "head": 100.0,
        "applied": 1,
        "first": 0,
        "marks": [[10.0, "kubectl apply -f -"], [40.0, "kubectl apply -f -"]],
    }


def test_going_to_a_command_stops_just_before_it_even_in_a_shared_instant():
    player = Player(Journal(seed=3), stream="s1")
    player.execute("kubectl apply -f -", NGINX_POD)
    player.execute("kubectl apply -f -", NGINX_POD.replace("web", "api"))
    player.control("speed", 10.0)
    player.advance(1.0)
    assert [e.time for e in player.journal.entries] == [0.0, 0.0]
    player.seek(0.0, entry=1)
    assert player.time == 0.0 and pod_names(player) == ["web"]
    player.seek(0.0, entry=0)
    assert pod_names(player) == []
    player.seek(0.0, entry=1)  # forward, without a rebuild
    assert pod_names(player) == ["web"] and player.journal.applied == 1
    player.seek(0.0, entry=99)  # past the last: the furthest moment
    assert player.time == 10.0 and pod_names(player) == ["api", "web"]
