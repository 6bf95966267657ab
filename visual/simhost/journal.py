"""A cluster's journal: everything needed to rebuild it exactly.

The engine is deterministic, so a seed (or scenario), the console commands with
the simulated time each ran at, and the current simulated time are the whole
state. Playback settings ride along so a takeover keeps them.

The timeline lets a learner go back: then ``sim_time`` is behind ``head``, the
furthest moment the session reached, and only the first ``applied`` entries
have run. The rest are the future, which plays again at the times it ran.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Speeds offered by the page, as multiples of real time.
SPEEDS = (0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0)


@dataclass
class Entry:
    """One console command as it ran: when, what, and its standard input."""

    time: float
    line: str
    stdin: str | None = None

    def to_plain(self) -> list[Any]:
        return [self.time, self.line, self.stdin]

    @classmethod
    def from_plain(cls, item: list[Any]) -> Entry:
        time, line, stdin = item
        return cls(float(time), str(line), None if stdin is None else str(stdin))


@dataclass
class Journal:
    seed: int = 0
    scenario: str = ""
    entries: list[Entry] = field(default_factory=list)
    sim_time: float = 0.0
    paused: bool = False
    speed: float = 1.0
    head: float = 0.0  # the furthest moment reached
    applied: int = 0  # how many entries have run; the rest are the future

    def __post_init__(self) -> None:
        self.head = max(self.head, self.sim_time)
        self.applied = min(max(self.applied, 0), len(self.entries))

    def future(self) -> list[Entry]:
        """The entries still to run, oldest first."""
        return self.entries[self.applied :]

    def record(self, time: float, line: str, stdin: str | None) -> int:
        """Journal a command run now; returns how many future entries it discarded."""
        dropped = len(self.entries) - self.applied
        del self.entries[self.applied :]
        self.entries.append(Entry(time, line, stdin))
        self.applied = len(self.entries)
        if dropped:
            self.head = time
        return dropped

    def reached(self, time: float) -> None:
        """Note that the cluster has run up to ``time``."""
        self.sim_time = time
        self.head = max(self.head, time)

    def entries_plain(self) -> list[list[Any]]:
        return [entry.to_plain() for entry in self.entries]
