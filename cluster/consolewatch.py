"""Console commands that keep printing: ``kubectl get -w`` and its kin.

A real terminal blocks on such a command until Ctrl-C. The engine cannot
block, so the command returns what it prints at once and opens a session
that keeps printing through the observation seam, one ``console`` event per
line (see ``cluster.events``), until it is stopped: by the next console
command (the learner pressed Ctrl-C to type it) or ``Cluster.stop_watches``.
Time passing (``wait``) does not stop it. Each session also keeps its lines,
so the headless player can print them under the command that started it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cluster.events import EventStream


@dataclass
class WatchSession:
    id: int
    command: str
    lines: list[str] = field(default_factory=list)
    cancel: Callable[[], None] = lambda: None
    active: bool = True


class ConsoleWatches:
    """The running sessions of one console."""

    def __init__(self, stream: EventStream) -> None:
        self._stream = stream
        self._next_id = 1
        self.sessions: dict[int, WatchSession] = {}

    def open(self, command: str) -> WatchSession:
        session = WatchSession(self._next_id, command)
        self._next_id += 1
        self.sessions[session.id] = session
        return session

    def emit(self, session: WatchSession, text: str) -> None:
        """Print ``text`` (one or more lines) from a running session."""
        if not session.active:
            return
        for line in text.rstrip("\n").split("\n"):
            session.lines.append(line)
            self._stream.emit(
                "watchline", session=session.id, command=session.command, line=line
            )

    def stop(self) -> list[WatchSession]:
        """Stop every running session (Ctrl-C); returns them, oldest first."""
        stopped = [self.sessions[key] for key in sorted(self.sessions)]
        self.sessions.clear()
        for session in stopped:
            session.active = False
            session.cancel()
            self._stream.emit(
                "watchline", session=session.id, command=session.command, stopped=True
            )
        return stopped
