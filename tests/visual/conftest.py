"""Fixtures for the web side: a websocket client, a cluster row, clean layers."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator

from visual.asgi import application
from visual.simhost.embedded import embedded
from visual.simhost.models import SimCluster

ORIGIN = [(b"origin", b"http://127.0.0.1:8000")]

NGINX_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
"""

Frame = dict[str, Any]


class Browser:
    """The test's side of one websocket: JSON frames for the diagram, HTML apart."""

    def __init__(self, communicator: WebsocketCommunicator) -> None:
        self.communicator = communicator
        self.html: list[str] = []
        self.closed = False

    async def frame(self, timeout: float = 5) -> Frame:
        """The next JSON frame; HTML fragments on the way are kept in ``html``."""
        while True:
            text = await self.communicator.receive_from(timeout)
            if text.startswith("{"):
                return json.loads(text)
            self.html.append(text)

    async def fragment(self, timeout: float = 5) -> str:
        """The next HTML fragment, skipping JSON frames."""
        while True:
            text = await self.communicator.receive_from(timeout)
            if not text.startswith("{"):
                return text

    async def until(
        self, wanted: Callable[[Frame], bool], timeout: float = 15
    ) -> list[Frame]:
        """JSON frames up to and including the first that is ``wanted``."""
        seen: list[Frame] = []
        async with asyncio.timeout(timeout):
            while not seen or not wanted(seen[-1]):
                seen.append(await self.frame(timeout))
        return seen

    async def send(self, **data: Any) -> None:
        await self.communicator.send_json_to(data)

    async def command(self, line: str, stdin: str | None = None) -> Frame:
        """Run a console line; the delta that carries its output."""
        await self.send(action="command", line=line, stdin=stdin)
        frames = await self.until(lambda f: console_of(f) is not None)
        return frames[-1]

    async def quiet(self, timeout: float = 0.3) -> bool:
        return await self.communicator.receive_nothing(timeout)

    async def close(self) -> None:
        if not self.closed:
            self.closed = True
            await self.communicator.disconnect()


def console_of(frame: Frame) -> Frame | None:
    """The console entry in a delta frame, if it has one."""
    for event in frame.get("events", []):
        if event.get("type") == "console":
            return event
    return None


def pods_in(frame: Frame) -> list[Frame]:
    """Pod views a delta frame carries, in order."""
    return [
        e["view"]
        for e in frame.get("events", [])
        if e.get("type") == "object" and e.get("kind") == "Pod"
    ]


@pytest.fixture(autouse=True)
def fresh_layers() -> Any:
    """Each test's event loop gets its own in-memory channel layer."""
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def cluster_key(transactional_db: None) -> str:
    return SimCluster.objects.create(seed=0).key


@pytest.fixture
async def connect() -> AsyncIterator[Callable[..., Any]]:
    """Open websockets to a cluster; closes them and stops the embedded host."""
    opened: list[Browser] = []

    async def open_socket(
        key: str, query: str = "", headers: list[tuple[bytes, bytes]] | None = None
    ) -> Browser:
        path = f"/ws/clusters/{uuid.UUID(hex=key)}/"
        communicator = WebsocketCommunicator(
            application, path + query, ORIGIN + (headers or [])
        )
        connected, _ = await communicator.connect()
        assert connected
        opened.append(Browser(communicator))
        return opened[-1]

    yield open_socket
    for browser in opened:
        await browser.close()
    await embedded.stop()
