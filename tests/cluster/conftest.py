from __future__ import annotations

import pytest

from cluster.apiserver import APIServer
from cluster.clock import Clock
from cluster.events import EventStream
from cluster.store import Store


class ControlPlane:
    """Clock, stream, store and API server, with the default namespace."""

    def __init__(self, seed: int = 0) -> None:
        self.clock = Clock(seed)
        self.stream = EventStream(self.clock)
        self.store = Store(self.stream)
        self.api = APIServer(self.clock, self.store, self.stream)
        self.events: list[dict] = []
        self.stream.subscribe(self.events.append)
        self.api.create(
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "default"}},
            actor="test",
        )


@pytest.fixture
def control_plane() -> ControlPlane:
    return ControlPlane()
