"""client-go's ``flowcontrol.Backoff``: per-key exponential back-off.

The kubelet keeps one for image pulls (10s doubling to 300s, key
``<podUID>_<image>``) and one for container restarts (10s doubling to 300s,
forgotten when a container ran more than 10 minutes before it failed). Times
are simulated seconds; there is no jitter, as the kubelet configures none.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class _Entry:
    backoff: float
    last_update: float


class Backoff:
    def __init__(
        self, initial: float, maximum: float, expire_after: float | None = None
    ) -> None:
        self.initial = initial
        self.maximum = maximum
        # client-go forgets an entry untouched for twice the maximum.
        self.expire_after = 2 * maximum if expire_after is None else expire_after
        self._entries: dict[str, _Entry] = {}

    def get(self, key: str) -> float:
        entry = self._entries.get(key)
        return entry.backoff if entry else 0.0

    def next(self, key: str, now: float) -> None:
        """Record a failure: start at ``initial``, else double up to ``maximum``."""
        entry = self._entries.get(key)
        if entry is None or self._expired(entry, now):
            self._entries[key] = _Entry(self.initial, now)
            return
        entry.backoff = min(entry.backoff * 2, self.maximum)
        entry.last_update = now

    def is_in_backoff_since_update(self, key: str, now: float) -> bool:
        entry = self._entries.get(key)
        if entry is None or self._expired(entry, now):
            return False
        return now - entry.last_update < entry.backoff

    def in_backoff_since(self, key: str, event_time: float, now: float) -> bool:
        """``IsInBackOffSince``: still within the window counted from
        ``event_time`` (a container's FinishedAt)."""
        entry = self._entries.get(key)
        if entry is None or event_time - entry.last_update > self.expire_after:
            return False
        return now - event_time < entry.backoff

    def next_since(self, key: str, event_time: float, now: float) -> None:
        """``Next(key, eventTime)``: the kubelet's HasExpiredFunc compares the
        event with the last update, so a long run resets the back-off."""
        entry = self._entries.get(key)
        if entry is None or event_time - entry.last_update > self.expire_after:
            self._entries[key] = _Entry(self.initial, now)
            return
        entry.backoff = min(entry.backoff * 2, self.maximum)
        entry.last_update = now

    def reset(self, key: str) -> None:
        self._entries.pop(key, None)

    def gc(self, now: float) -> None:
        for key, entry in list(self._entries.items()):
            if self._expired(entry, now):
                del self._entries[key]

    def _expired(self, entry: _Entry, now: float) -> bool:
        return now - entry.last_update > self.expire_after
