"""The kubelet's log as ``journalctl -u kubelet`` shows it: systemd's unit
lines and klog's structured lines (``I0105 09:00:01.123456    1234
kubelet.go:2470] "SyncLoop ADD" source="api" pods=["default/web"]``), written
as the kubelet does things, at the detail of a kubelet run with ``--v=2``.

Source line numbers are representative of the v1.35 sources, not exact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cluster.clock import Clock

UNIT = "kubelet.service - kubelet: The Kubernetes Node Agent"
MAX_LINES = 2000


@dataclass(frozen=True)
class Entry:
    time: float
    process: str  # "kubelet[1234]" or "systemd[1]"
    text: str


class Journal:
    def __init__(self, clock: Clock, host: str, pid: int) -> None:
        self.clock = clock
        self.host = host
        self.pid = pid
        self.entries: list[Entry] = []

    def systemd(self, text: str) -> None:
        self._add("systemd[1]", text)

    def info(self, where: str, message: str, /, **values: Any) -> None:
        self._add(f"kubelet[{self.pid}]", self._klog("I", where, message, values))

    def error(self, where: str, message: str, /, **values: Any) -> None:
        self._add(f"kubelet[{self.pid}]", self._klog("E", where, message, values))

    def render(self, lines: int | None = None) -> str:
        shown = self.entries if lines is None else self.entries[-lines:]
        if not shown:
            return "-- No entries --"
        return "\n".join(self._line(e) for e in shown)

    def _line(self, entry: Entry) -> str:
        when = self.clock.wall(entry.time)
        return f"{when:%b %d %H:%M:%S} {self.host} {entry.process}: {entry.text}"

    def _klog(
        self, level: str, where: str, message: str, values: dict[str, Any]
    ) -> str:
        now = self.clock.now
        when = self.clock.wall(now)
        micros = round(now * 1_000_000) % 1_000_000
        head = f"{level}{when:%m%d %H:%M:%S}.{micros:06d} {self.pid:>7} {where}]"
        pairs = "".join(f" {k}={_value(v)}" for k, v in values.items())
        return f"{head} {json.dumps(message)}{pairs}"

    def _add(self, process: str, text: str) -> None:
        self.entries.append(Entry(self.clock.now, process, text))
        if len(self.entries) > MAX_LINES:
            del self.entries[: len(self.entries) - MAX_LINES]


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list | dict):
        return json.dumps(value, separators=(",", ":"))
    return json.dumps(str(value))


def pod_ref(pod: dict[str, Any]) -> str:
    """``klog.KObj(pod)``: namespace/name."""
    meta = pod["metadata"]
    return f"{meta.get('namespace', 'default')}/{meta['name']}"
