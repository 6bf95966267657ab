"""Collects what the engine reports, for the next delta and for snapshots."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from visual.lib.engine_events import event_row, is_console_output, is_kube_event
from visual.lib.wire import NotPlain, plain

log = logging.getLogger(__name__)

Event = dict[str, Any]

# How much history a fresh snapshot carries for the panels.
RECENT_EVENTS = 100
RECENT_CONSOLE = 30


class Recorder:
    """Buffers engine events until the host turns them into a delta."""

    def __init__(self) -> None:
        self._replaying = False
        self._pending: list[Event] = []
        self.events: deque[Event] = deque(maxlen=RECENT_EVENTS)
        self.console: deque[Event] = deque(maxlen=RECENT_CONSOLE)

    def attach(self, subscribe: Callable[[Callable[[Event], None]], Any]) -> None:
        """Record every event ``subscribe`` delivers."""
        subscribe(self.add)

    def add(self, event: Event) -> None:
        """Keep ``event`` if it can cross the channel layer; drop it loudly if not."""
        if self._replaying and not (is_console_output(event) or is_kube_event(event)):
            return
        try:
            event = plain(event, where=f"engine event {event.get('type')!r}")
        except NotPlain as error:
            log.error("dropped an engine event: %s", error)
            return
        if not self._replaying:
            self._pending.append(event)
        self._remember(event)

    @contextmanager
    def replaying(self) -> Iterator[None]:
        """While a cluster is rebuilt from its journal nobody sees its deltas:
        keep only the history a snapshot carries."""
        self._replaying = True
        try:
            yield
        finally:
            self._replaying = False

    def take(self) -> list[Event]:
        """The events since the last call, oldest first."""
        pending, self._pending = self._pending, []
        return pending

    def _remember(self, event: Event) -> None:
        if is_console_output(event):
            self.console.append(event)
        elif is_kube_event(event):
            self.events.append(event_row(event))
