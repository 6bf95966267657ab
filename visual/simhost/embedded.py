"""The simulation host inside the web process: the default, without Redis.

Daphne has no lifespan events, so the host starts with the first websocket
that needs it, on that connection's event loop.
"""

from __future__ import annotations

import asyncio

from channels.layers import get_channel_layer

from visual.simhost.host import HostConfig, SimHost
from visual.simhost.leases import LocalLeases


class EmbeddedHost:
    """At most one running host per process, bound to the loop it started on."""

    def __init__(self) -> None:
        self._task: asyncio.Task[None] | None = None
        self._stop = asyncio.Event()

    def ensure_started(self) -> None:
        if self._running_here():
            return
        self._stop = asyncio.Event()
        host = SimHost(get_channel_layer(), LocalLeases(), HostConfig.from_settings())
        self._task = asyncio.get_running_loop().create_task(host.run(self._stop))

    async def stop(self) -> None:
        """Save and stop the host (tests call this between event loops)."""
        if self._running_here():
            assert self._task is not None
            self._stop.set()
            await self._task
        self._task = None

    def _running_here(self) -> bool:
        task = self._task
        return bool(task and not task.done() and task.get_loop() is _loop())


def _loop() -> asyncio.AbstractEventLoop:
    return asyncio.get_running_loop()


embedded = EmbeddedHost()
