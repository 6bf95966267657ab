"""Where one websocket is in a cluster's stream of deltas.

The consumer forwards each delta exactly once and in order. Deltas that arrive
before the host has answered an attach, duplicates, and anything from a stream
other than the one the browser has are held back; a gap or a new stream means
asking the host again from the last delta forwarded.
"""

from __future__ import annotations

from enum import Enum
from typing import Any
from urllib.parse import parse_qs


class Verdict(Enum):
    FORWARD = "forward"
    SKIP = "skip"
    RESYNC = "resync"


class Cursor:
    def __init__(self, stream: str = "", seq: int = -1) -> None:
        self.stream = stream
        self.seq = seq
        self.waiting = True

    @classmethod
    def from_query(cls, query_string: bytes) -> Cursor:
        """Resume where the browser says it left off (``?stream=S&since=N``)."""
        query = parse_qs(query_string.decode("latin-1"))
        stream = query.get("stream", [""])[0]
        try:
            since = int(query.get("since", ["-1"])[0])
        except ValueError:
            since = -1
        return cls(stream, since) if stream and since >= 0 else cls()

    def judge(self, stream: str, seq: int) -> Verdict:
        """What to do with the delta ``seq`` of ``stream`` that just arrived."""
        if self.waiting or (stream == self.stream and seq <= self.seq):
            return Verdict.SKIP
        if stream != self.stream or seq != self.seq + 1:
            return Verdict.RESYNC
        self.seq = seq
        return Verdict.FORWARD

    def stale(self, stream: str) -> bool:
        """Whether a host announcing ``stream`` is not the one we follow."""
        return not self.waiting and stream != self.stream

    def resync(self) -> dict[str, Any]:
        """Start waiting for the host; the attach fields to send it."""
        self.waiting = True
        return {"stream": self.stream, "since": self.seq}

    def reset(self, stream: str, seq: int) -> None:
        """The host answered: we are at ``seq`` of ``stream``."""
        self.stream, self.seq, self.waiting = stream, seq, False
