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
