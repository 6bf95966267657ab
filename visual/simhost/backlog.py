"""Numbered deltas and the ring buffer a reconnecting browser resumes from."""

from __future__ import annotations

from collections import deque
from typing import Any

Delta = dict[str, Any]


class Backlog:
    """Gives each delta the next sequence number and keeps the latest ones."""

    def __init__(self, size: int) -> None:
        self.seq = 0
        self.size = size
        self._recent: deque[Delta] = deque(maxlen=size)

    def add(self, time: float, events: list[dict[str, Any]]) -> Delta:
        self.seq += 1
        delta = {"seq": self.seq, "time": time, "events": events}
        self._recent.append(delta)
        return delta

    def since(self, seq: int) -> list[Delta] | None:
        """Every delta after ``seq``, or None when they are no longer all here."""
        if seq == self.seq:
            return []
        if not 0 <= seq < self.seq or seq + 1 < self._oldest():
            return None
        return [delta for delta in self._recent if delta["seq"] > seq]

    def _oldest(self) -> int:
        return self._recent[0]["seq"] if self._recent else self.seq + 1
