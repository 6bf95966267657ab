"""The websocket of one open cluster page: a thin relay to the simulation host.

On connect the browser gets a snapshot (or, resuming with ``?stream=S&since=N``,
just the deltas it missed), then every delta once and in order. Frames to the
browser are either JSON for the diagram (``{"t": "snapshot"|"delta"|"clock"|
"error", ...}``) or HTML fragments that htmx swaps into the panels out of band.
The consumer never touches the engine: everything goes through the channel
layer to whichever host runs the cluster.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

from channels.exceptions import ChannelFull
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import translation

from visual.front import fragments
from visual.front.cursor import Cursor, Verdict
from visual.front.inbound import BadInput, parse
from visual.lib.language import scope_language
from visual.lib.names import HOST_CHANNEL, cluster_group, cluster_inbox
from visual.simhost.embedded import embedded

# Ask the host again if it has not answered an attach in this many seconds
# (its worker may have died, or be starting).
ATTACH_RETRY = 3.0
# Tell the host we are still here this often, well inside its viewer TTL.
PING_EVERY = 15.0
# Close code for a cluster that does not exist (4000-4999 are ours to use).
GONE = 4404


class ClusterConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        self.key: str = self.scope["url_route"]["kwargs"]["cluster_id"].hex
        self.cursor = Cursor.from_query(self.scope.get("query_string", b""))
        # Panels rendered here must speak the page's language.
        self.language = scope_language(self.scope)
        await self.channel_layer.group_add(cluster_group(self.key), self.channel_name)
        await self.accept()
        if settings.SIMHOST_EMBEDDED:
            embedded.ensure_started()
        await self.attach()
        self.keeper = asyncio.create_task(self.keep_alive())

    async def disconnect(self, code: int) -> None:
        if keeper := getattr(self, "keeper", None):
            keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keeper
        if hasattr(self, "key"):
            with contextlib.suppress(ChannelFull):  # the host will time us out
                detach = self.stamped({"type": "sim.detach"})
                await self.channel_layer.send(cluster_inbox(self.key), detach)
            await self.channel_layer.group_discard(
                cluster_group(self.key), self.channel_name
            )

    async def receive(
        self, text_data: str | None = None, bytes_data: bytes | None = None
    ) -> None:
        try:
            message = parse(text_data)
        except BadInput as problem:
            await self.send_error(str(problem))
            return
        await self.to_host(message)

    # From the simulation host

    async def sim_snapshot(self, event: dict[str, Any]) -> None:
        self.cursor.reset(event["stream"], event["seq"])
        await self.send_json(fragments.snapshot_frame(event))
        with translation.override(self.language):
            html = fragments.snapshot_html(event)
        await self.send(text_data=html)

    async def sim_deltas(self, event: dict[str, Any]) -> None:
        self.cursor.reset(event["stream"], self.cursor.seq)
        for delta in event["deltas"]:
            if self.cursor.judge(event["stream"], delta["seq"]) is Verdict.FORWARD:
                await self.forward(event["stream"], delta)

    async def sim_delta(self, event: dict[str, Any]) -> None:
        verdict = self.cursor.judge(event["stream"], event["seq"])
        if verdict is Verdict.FORWARD:
            await self.forward(event["stream"], event)
        elif verdict is Verdict.RESYNC:
            await self.attach()

    async def sim_clock(self, event: dict[str, Any]) -> None:
        if event["stream"] == self.cursor.stream and not self.cursor.waiting:
            await self.send_json(fragments.clock_frame(event))

    async def sim_hello(self, event: dict[str, Any]) -> None:
        if self.cursor.stale(event["stream"]):
            await self.attach()

    async def sim_error(self, event: dict[str, Any]) -> None:
        await self.send_error(f"error: {event['message']}")

    async def sim_gone(self, event: dict[str, Any]) -> None:
        """No such cluster: say so, and close so the browser does not retry."""
        await self.send_error("error: cluster not found")
        await self.close(code=GONE)

    # Helpers

    async def attach(self) -> None:
        """Ask the host for what we miss: the deltas since our cursor, or a snapshot."""
        self.asked_at = _now()
        attach = {"type": "sim.attach", **self.cursor.resync()}
        await self.channel_layer.send(HOST_CHANNEL, self.stamped(attach))

    async def keep_alive(self) -> None:
        pinged = _now()
        while True:
            await asyncio.sleep(0.5)
            if self.cursor.waiting and _now() - self.asked_at > ATTACH_RETRY:
                await self.attach()
            if _now() - pinged > PING_EVERY:
                pinged = _now()
                await self.to_host({"type": "sim.ping"})

    async def forward(self, stream: str, delta: dict[str, Any]) -> None:
        await self.send_json(fragments.delta_frame(stream, delta))
        with translation.override(self.language):
            html = fragments.delta_html(delta)
        if html:
            await self.send(text_data=html)

    async def to_host(self, message: dict[str, Any]) -> None:
        inbox = cluster_inbox(self.key)
        try:
            await self.channel_layer.send(inbox, self.stamped(message))
        except ChannelFull:  # the host is not keeping up; say so, don't crash
            await self.send_error("error: the simulation is busy; try again")

    async def send_error(self, text: str) -> None:
        await self.send_json({"t": "error", "message": text})
        with translation.override(getattr(self, "language", None)):
            html = fragments.error_html(text)
        await self.send(text_data=html)

    async def send_json(self, data: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(data, allow_nan=False))

    def stamped(self, message: dict[str, Any]) -> dict[str, Any]:
        return {**message, "cluster": self.key, "reply": self.channel_name}


def _now() -> float:
    return asyncio.get_running_loop().time()
