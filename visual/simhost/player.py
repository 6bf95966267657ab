"""One cluster under real-time playback: the thin wrapper outside the engine.

The engine never reads the wall clock; the host calls ``advance`` with the wall
seconds that passed and the player turns them into simulated seconds at the
chosen speed. Every change comes out as a numbered delta, and every console
command goes into the journal so the cluster can be rebuilt by replay.

The same replay is the timeline: ``seek`` back rebuilds the cluster up to an
earlier moment, and playing on from there runs the later commands again at
their times, so the session unfolds exactly as it did. A command typed in the
past starts a new timeline from that moment.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from django.conf import settings

from cluster.engine import Cluster
from visual.lib.wire import plain
from visual.simhost.backlog import Backlog, Delta
from visual.simhost.etcdkeys import etcd_keys
from visual.simhost.journal import SPEEDS, Entry, Journal
from visual.simhost.recorder import Recorder

log = logging.getLogger(__name__)

# The command marks a snapshot carries for the timeline, newest kept.
TIMELINE_MARKS = 500


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
        self._rebuild(journal.applied, journal.sim_time)

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
        self._guard("advance", self._play_until, self.time + wall_seconds * self.speed)
        return self._delta()

    def step(self) -> Delta | None:
        """Pause, then run everything due at the next instant."""
        self._set_playback(True, self.speed)
        self._guard("step", self._step)
        return self._delta()

    def execute(self, line: str, stdin: str | None = None) -> Delta:
        """Run one console line now, journal it, and report its output."""
        dropped = self.journal.record(self.time, line, stdin)
        if dropped:
            self.recorder.add(self._timeline_event(dropped))
        self._run(line, stdin)
        delta = self._delta(force=True)
        assert delta is not None
        return delta

    def seek(self, time: float, entry: int | None = None) -> None:
        """Go to simulated ``time`` (clamped to the session so far), or to just
        before journal entry ``entry`` ran, and pause there.

        Going back rebuilds the cluster from the journal; going forward plays
        the journalled future. Either way the page needs a fresh snapshot, so
        the stream starts over rather than sending every delta in between.
        """
        entries = self.journal.entries
        if entry is None:
            time = min(max(time, 0.0), self.journal.head)
            # A command typed at ``time`` is still to come: Step or Play runs it.
            before = sum(e.time < time for e in entries)
        else:  # several commands can share an instant: the index tells them apart
            before = min(max(entry, 0), len(entries))
            at_head = before == len(entries)
            time = self.journal.head if at_head else entries[before].time
        if time < self.time or before < self.journal.applied:
            self._rebuild(before, time)
        else:
            with self.recorder.replaying():  # the page gets a snapshot, not deltas
                self._guard("seek", self._play_until, time, before)
        self.journal.paused = True
        self.recorder.take()
        self.stream = secrets.token_hex(4)
        self.backlog = Backlog(self.backlog.size)

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
            "timeline": self._timeline(),
        }

    def _timeline(self) -> dict[str, Any]:
        """The session so far: its furthest moment and when each command ran."""
        entries = self.journal.entries
        first = max(0, len(entries) - TIMELINE_MARKS)
        return {
            "head": self.journal.head,
            "applied": self.journal.applied,
            "first": first,
            "marks": [[entry.time, entry.line] for entry in entries[first:]],
        }

    def _timeline_event(self, dropped: int) -> dict[str, Any]:
        return {
            "type": "timeline",
            "time": self.time,
            "dropped": dropped,
            "head": self.journal.head,
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
        self.journal.reached(self.time)
        return self.journal

    def _rebuild(self, applied: int, time: float) -> None:
        """A fresh cluster with the first ``applied`` entries replayed, at ``time``."""
        self.recorder = Recorder()
        self.cluster = build_cluster(self.journal)
        self.recorder.attach(self.cluster.subscribe)
        self.journal.applied = 0
        with self.recorder.replaying():
            for entry in self.journal.entries[:applied]:
                self._guard("replay", self.cluster.run_until, entry.time)
                self._replay_entry(entry, shown=False)
            self._guard("replay", self.cluster.run_until, time)
        self.journal.sim_time = self.time

    def _play_until(self, time: float, upto: int | None = None) -> None:
        """Run the cluster to ``time``, replaying the journalled commands due by
        then (only those before entry ``upto``, if given)."""
        for index, entry in enumerate(self.journal.future(), self.journal.applied):
            if entry.time > time or (upto is not None and index >= upto):
                break
            self.cluster.run_until(entry.time)
            self._replay_entry(entry, shown=True)
        self.cluster.run_until(time)
        self.journal.reached(self.time)

    def _step(self) -> None:
        """The next instant: a journalled command due first, else the engine's."""
        due = self.cluster.next_event_time()
        future = self.journal.future()
        if future and (due is None or future[0].time <= due):
            self._play_until(future[0].time)
        else:
            self.cluster.step()
            self.journal.reached(self.time)

    def _replay_entry(self, entry: Entry, shown: bool) -> None:
        """Run a journalled command again; ``shown`` marks it as a replay on the page
        (a rebuild's history reads as it first ran)."""
        self._run(entry.line, entry.stdin, replay=shown)
        self.journal.applied += 1

    def _run(self, line: str, stdin: str | None, replay: bool = False) -> None:
        try:
            result = self.cluster.execute(line, stdin=stdin)
            output, ok = result.output, result.ok
        except Exception as error:  # an engine bug must not take the host down
            log.exception("engine failed on %r", line)
            output, ok = f"error: internal error in the simulation: {error}", False
        event = _console(self.time, line, stdin, output, ok)
        self.recorder.add({**event, "replay": True} if replay else event)

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
