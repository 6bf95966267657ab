"""Benchmarks for the web side; run with `make bench`. CI does not run them.

They print how long the simulation host's per-tick work and the consumer's
per-delta rendering take, for watching trends rather than passing or failing.
"""

from __future__ import annotations

import time

from visual.front import fragments
from visual.simhost.journal import Journal
from visual.simhost.player import Player

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
  - name: app
    image: nginx:1.27
"""
CLUSTERS = 10
PODS = 6
TICKS = 100


def busy_players() -> list[Player]:
    players = []
    for n in range(CLUSTERS):
        player = Player(Journal(seed=n), stream=f"b{n}")
        player.control("speed", 20.0)
        for p in range(PODS):
            player.execute("kubectl apply -f -", POD.format(name=f"app-{p}"))
        players.append(player)
    return players


def test_host_tick_cost(capsys):
    players = busy_players()
    deltas = []
    started = time.perf_counter()
    for _ in range(TICKS):
        for player in players:
            if delta := player.advance(0.1):
                deltas.append(delta)
    elapsed = time.perf_counter() - started
    per_tick = elapsed / (TICKS * CLUSTERS) * 1000
    with capsys.disabled():
        print(
            f"\nhost: {per_tick:.3f} ms per cluster tick at 20x "
            f"({len(deltas)} deltas from {CLUSTERS} clusters)"
        )
    # A tick every 100 ms must leave the event loop mostly idle.
    assert per_tick < 20


def test_consumer_render_cost(capsys, settings):
    player = busy_players()[0]
    deltas = [d for d in (player.advance(0.1) for _ in range(TICKS)) if d]
    started = time.perf_counter()
    for delta in deltas:
        fragments.delta_frame("b0", delta)
        fragments.delta_html(delta)
    elapsed = (time.perf_counter() - started) / max(len(deltas), 1) * 1000
    with capsys.disabled():
        print(f"\nconsumer: {elapsed:.3f} ms to render one delta ({len(deltas)})")


def lesson_session() -> Player:
    """An hour of class: a Deployment scaled up and down, crashes and traffic."""
    player = Player(Journal(seed=7), stream="lesson")
    player.control("speed", 50.0)
    player.execute("kubectl create deployment web --image=nginx --replicas=3")
    player.execute("kubectl expose deployment web --port=80")
    for minute in range(1, 60):
        player.advance(1.2)  # one simulated minute at 50x
        replicas = 3 + (minute * 7) % 60
        player.execute(f"kubectl scale deployment web --replicas={replicas}")
        if minute % 5 == 0:
            player.execute("sim traffic svc/web --rps 5 --for 10s")
    return player


def test_timeline_seek_cost(capsys):
    played = time.process_time()
    player = lesson_session()
    played = time.process_time() - played
    head = player.time
    costs = {}
    for target in (head / 2, head / 10, head):
        started = time.process_time()
        player.seek(target)
        costs[target] = (time.process_time() - started) * 1000
    with capsys.disabled():
        print(
            f"\ntimeline: a {head / 60:.0f}-minute session with "
            f"{len(player.journal.entries)} commands took {played * 1000:.0f} ms "
            f"of CPU to play; going back to the middle took "
            f"{costs[head / 2]:.0f} ms, to 10% {costs[head / 10]:.0f} ms, "
            f"and forward to now {costs[head]:.0f} ms "
            f"(rebuild/play = {costs[head / 2] / (played * 1000):.2f})"
        )
