"""One cluster under real-time playback: the thin wrapper outside the engine.

The engine never reads the wall clock; the host calls ``advance`` with the wall
seconds that passed and the player turns them into simulated seconds at the
chosen speed. Every change comes out as a numbered delta, and every console
command goes into the journal so the cluster can be rebuilt by replay.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings

from cluster.engine import Cluster
from visual.lib.wire import plain
from visual.simhost.backlog import Backlog, Delta
from visual.simhost.etcdkeys import etcd_keys
from visual.simhost.journal import SPEEDS, Journal
from visual.simhost.recorder import Recorder

log = logging.getLogger(__name__)


def host_limits() -> dict[str, int]:
    """The caps this host puts on every cluster it runs (settings.SIMHOST_MAX_*)."""
    return {"pods": settings.SIMHOST_MAX_PODS, "total": settings.SIMHOST_MAX_OBJECTS}


def build_cluster(journal: Journal) -> Cluster:
    if journal.scenario:
        return Cluster.from_scenario_text(journal.scenario, limits=host_limits())
    return Cluster.sandbox(seed=journal.seed, limits=host_limits())


class Player:
    """A cluster, its journal, its playback settings and its delta backlog."""

    def __init__(self, journal: Journal, stream: str, backlog: int = 1000) -> None:
        self.journal = journal
        self.stream = stream
        self.backlog = Backlog(backlog)
        self.recorder = Recorder()
        self.cluster = build_cluster(journal)
        self.recorder.attach(self.cluster.subscribe)
        self._replay()

    @property
    def time(self) -> float:
        return self.cluster.now

    @property
    def paused(self) -> bool:
        return self.journal.paused

    @property
    def speed(self) -> float:
        return self.journal.speed

    def advance(self, wall_seconds: float) -> Delta | None:
        """Play ``wall_seconds`` of real time at the current speed."""
        if self.paused or wall_seconds <= 0:
            return None
        self._guard("advance", self.cluster.advance, wall_seconds * self.speed)
        return self._delta()

    def step(self) -> Delta | None:
        """Pause, then run everything due at the next instant."""
        self._set_playback(True, self.speed)
        self._guard("step", self.cluster.step)
        return self._delta()

    def execute(self, line: str, stdin: str | None = None) -> Delta:
        """Run one console line now, journal it, and report its output."""
        self.journal.record(self.time, line, stdin)
        self._run(line, stdin)
        delta = self._delta(force=True)
        assert delta is not None
        return delta

    def control(self, action: str, speed: float | None = None) -> Delta | None:
        """Apply ``play``, ``pause``, ``step`` or ``speed``; None if nothing changed."""
        if action == "step":
            return self.step()
        if action == "speed":
            self._set_playback(self.paused, _valid_speed(speed))
        elif action in ("play", "pause"):
            self._set_playback(action == "pause", self.speed)
        else:
            raise ValueError(f"unknown time control {action!r}")
        return self._delta()

    def snapshot(self) -> dict[str, Any]:
        """Everything a browser needs to draw the cluster from scratch."""
        return {
            "stream": self.stream,
            "seq": self.backlog.seq,
            "time": self.time,
            "paused": self.paused,
            "speed": self.speed,
            "cluster": plain(self._cluster_state(), "cluster snapshot"),
            "events": list(self.recorder.events),
            "console": list(self.recorder.console),
        }

    def _cluster_state(self) -> dict[str, Any]:
        state = self.cluster.snapshot()
        return {**state, "etcd": etcd_keys(self.cluster.store)}

    def since(self, stream: str, seq: int) -> list[Delta] | None:
        """The deltas after ``seq`` of ``stream``, or None if a snapshot is needed."""
        if stream != self.stream:
            return None
        return self.backlog.since(seq)

    def sync_journal(self) -> Journal:
        """The journal with the current simulated time, ready to save."""
        self.journal.sim_time = self.time
        return self.journal

    def _replay(self) -> None:
        for entry in self.journal.entries:
            self._guard("replay", self.cluster.run_until, entry.time)
            self._run(entry.line, entry.stdin)
        self._guard("replay", self.cluster.run_until, self.journal.sim_time)
        self.recorder.take()

    def _run(self, line: str, stdin: str | None) -> None:
        try:
            result = self.cluster.execute(line, stdin=stdin)
            output, ok = result.output, result.ok
        except Exception as error:  # an engine bug must not take the host down
            log.exception("engine failed on %r", line)
            output, ok = f"error: internal error in the simulation: {error}", False
        self.recorder.add(_console(self.time, line, stdin, output, ok))

    def _set_playback(self, paused: bool, speed: float) -> bool:
        if (paused, speed) == (self.paused, self.speed):
            return False
        self.journal.paused, self.journal.speed = paused, speed
        self.recorder.add(_playback(self.time, paused, speed))
        return True

    def _delta(self, force: bool = False) -> Delta | None:
        events = self.recorder.take()
        if not events and not force:
            return None
        return self.backlog.add(self.time, events)

    def _guard(self, what: str, call: Any, *args: Any) -> None:
        try:
            call(*args)
        except Exception:  # pause rather than fail the same way every tick
            log.exception("engine failed in %s; pausing the cluster", what)
            self._set_playback(True, self.speed)


def _valid_speed(speed: float | None) -> float:
    if speed not in SPEEDS:
        raise ValueError(f"speed must be one of {', '.join(map(_fmt, SPEEDS))}")
    return float(speed)


def _fmt(speed: float) -> str:
    return f"{speed:g}"


def _console(
    time: float, line: str, stdin: str | None, output: str, ok: bool
) -> dict[str, Any]:
    return {
        "type": "console",
        "time": time,
        "line": line,
        "stdin": stdin,
        "output": output,
        "ok": ok,
    }


def _playback(time: float, paused: bool, speed: float) -> dict[str, Any]:
    return {"type": "playback", "time": time, "paused": paused, "speed": speed}
