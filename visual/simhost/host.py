"""Runs clusters on an event loop and talks to browsers through the channel layer.

Messages in (all ``sim.*``, plain JSON data):

- on the shared ``simhost`` channel, which any host may read:
  ``sim.attach {cluster, reply, stream, since}``
- on a cluster's inbox, read only by the host that holds its lease:
  ``sim.attach``, ``sim.command {line, stdin}``, ``sim.control {action, speed}``,
  ``sim.seek {time, entry}``, ``sim.ping``, ``sim.detach`` (each with ``cluster`` and
  ``reply``)

Messages out:

- to the asking consumer (``reply``): ``sim.snapshot {stream, seq, time, paused,
  speed, cluster, events, console}``, ``sim.deltas {stream, deltas}``,
  ``sim.error {message}``, ``sim.gone`` (no such cluster)
- to the cluster's group: ``sim.delta {stream, seq, time, events}``,
  ``sim.clock {stream, time, paused, speed}``, ``sim.hello {stream}`` when a
  host has (re)loaded the cluster or gone to another moment of its timeline,
  so every page resyncs from a snapshot.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from channels.exceptions import ChannelFull
from channels.layers import BaseChannelLayer
from django.conf import settings

from visual.lib.names import HOST_CHANNEL, cluster_group, cluster_inbox
from visual.simhost import store
from visual.simhost.journal import Journal
from visual.simhost.leases import Leases
from visual.simhost.player import Player

log = logging.getLogger(__name__)

Message = dict[str, Any]


@dataclass(frozen=True)
class HostConfig:
    tick: float = 0.1
    lease_ttl: float = 10.0
    idle: float = 120.0
    save_every: float = 2.0
    backlog: int = 1000
    # A browser that has not pinged for this long is gone (consumers ping at 15 s).
    viewer_ttl: float = 45.0

    @classmethod
    def from_settings(cls) -> HostConfig:
        return cls(
            tick=settings.SIMHOST_TICK,
            lease_ttl=settings.SIMHOST_LEASE_TTL,
            idle=settings.SIMHOST_IDLE,
            save_every=settings.SIMHOST_SAVE_EVERY,
            backlog=settings.SIMHOST_BACKLOG,
        )


@dataclass
class Hosted:
    """A cluster this host runs, with who is watching it (loop-clock times)."""

    key: str
    player: Player
    now: float
    viewers: dict[str, float] = field(default_factory=dict)
    inbox: asyncio.Task[None] | None = None
    # Held while changing the cluster and sending the result, so deltas leave
    # in sequence even when sending to Redis yields to other tasks.
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last_tick: float = field(init=False)
    last_save: float = field(init=False)
    idle_since: float = field(init=False)
    saved_time: float = field(init=False)

    def __post_init__(self) -> None:
        self.last_tick = self.last_save = self.idle_since = self.now
        self.saved_time = self.player.time

    def touch(self, reply: str, now: float) -> None:
        self.viewers[reply] = now

    def playing(self) -> bool:
        return bool(self.viewers) and not self.player.paused


class SimHost:
    """Hosts clusters until ``stop`` is set; see the module docstring for messages."""

    def __init__(
        self, layer: BaseChannelLayer, leases: Leases, config: HostConfig
    ) -> None:
        self.layer = layer
        self.leases = leases
        self.config = config
        self.clusters: dict[str, Hosted] = {}
        self.loading: set[str] = set()  # being rebuilt, not yet in ``clusters``
        self._tasks: set[asyncio.Task[None]] = set()

    async def run(self, stop: asyncio.Event) -> None:
        loops = [
            self._forever(self.receive_step),
            self._forever(self.tick_step, self.config.tick),
            self._forever(self.lease_step, self.config.lease_ttl / 3),
        ]
        tasks = [asyncio.create_task(loop) for loop in loops]
        try:
            await stop.wait()
        finally:
            await _cancel(tasks)
            await self.shutdown()

    async def receive_step(self) -> None:
        """Take one message off the shared channel and route it to its cluster."""
        message = await self.layer.receive(HOST_CHANNEL)
        key = str(message.get("cluster", ""))
        if store.parse_key(key) is None:
            log.warning("ignoring a message for cluster %r", key)
        elif key in self.clusters:
            await self._handle(self.clusters[key], message)
        elif key in self.loading:  # its inbox is read once it is loaded
            await self._send(cluster_inbox(key), message)
        elif await self.leases.acquire(key):
            # Rebuilding may take seconds; meanwhile other clusters' messages
            # go on, and this one's wait in its inbox.
            self.loading.add(key)
            task = asyncio.create_task(self._load_and_handle(key, message))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        else:
            await self._send(cluster_inbox(key), message)

    async def tick_step(self) -> None:
        """Advance every playing cluster by the wall time since its last tick."""
        now = self._now()
        for hosted in list(self.clusters.values()):
            if hosted.lock.locked():
                continue  # busy (going back in time, say); it catches up next tick
            async with hosted.lock:
                await self._tick(hosted, now)

    async def lease_step(self) -> None:
        """Renew our leases, drop clusters we lost, adopt ones whose host died."""
        for key in list(self.clusters):
            if not await self.leases.renew(key):
                log.warning("lost the lease on %s; dropping it unsaved", key)
                await self._drop(self.clusters[key], save=False)
        for key in await self.leases.orphans():
            if key in self.clusters or key in self.loading:
                continue
            if await self.leases.acquire(key):
                log.info("taking over cluster %s", key)
                await self._load(key)

    async def shutdown(self) -> None:
        """Save everything and let go, so other hosts can take over at once."""
        await _cancel(list(self._tasks))  # half-loaded clusters: their lease lapses
        for hosted in list(self.clusters.values()):
            await self._drop(hosted, save=True)
        await self.leases.close()

    # Loading and unloading

    async def _load_and_handle(self, key: str, message: Message) -> None:
        hosted = await self._load(key)
        if hosted is not None:
            await self._handle(hosted, message)
        elif reply := message.get("reply"):
            await self._send(str(reply), {"type": "sim.gone", "cluster": key})

    async def _load(self, key: str) -> Hosted | None:
        self.loading.add(key)
        try:
            return await self._rebuild(key)
        finally:
            self.loading.discard(key)

    async def _rebuild(self, key: str) -> Hosted | None:
        journal = await store.load(key)
        # Replaying a long journal takes a while: off the event loop.
        player = (
            await asyncio.to_thread(self._player, key, journal) if journal else None
        )
        if player is None:
            await self.leases.release(key, forget=True)
            return None
        hosted = Hosted(key, player, self._now())
        inbox = self._forever(functools.partial(self._inbox_step, hosted))
        hosted.inbox = asyncio.create_task(inbox)
        self.clusters[key] = hosted
        await self._broadcast(hosted, {"type": "sim.hello"})
        return hosted

    def _player(self, key: str, journal: Journal) -> Player | None:
        try:
            return Player(journal, secrets.token_hex(4), self.config.backlog)
        except Exception:  # e.g. a scenario the engine no longer accepts
            log.exception("cannot rebuild cluster %s from its journal", key)
            return None

    async def _drop(self, hosted: Hosted, save: bool, forget: bool = False) -> None:
        self.clusters.pop(hosted.key, None)
        if hosted.inbox:
            await _cancel([hosted.inbox])
        if save:
            await self._save(hosted)
            await self.leases.release(hosted.key, forget=forget)

    async def _save(self, hosted: Hosted) -> None:
        await store.save(hosted.key, hosted.player.sync_journal())
        hosted.last_save, hosted.saved_time = self._now(), hosted.player.time

    # Per-cluster work

    async def _inbox_step(self, hosted: Hosted) -> None:
        message = await self.layer.receive(cluster_inbox(hosted.key))
        await self._handle(hosted, message)

    async def _handle(self, hosted: Hosted, message: Message) -> None:
        if self.clusters.get(hosted.key) is not hosted:
            return  # dropped, perhaps owned by another host now: hands off
        reply = str(message.get("reply", ""))
        handler = self._handlers().get(str(message.get("type")))
        if handler is None or not reply:
            log.warning("ignoring message %r", message.get("type"))
            return
        hosted.touch(reply, self._now())
        async with hosted.lock:
            try:
                await handler(hosted, message, reply)
            except ValueError as problem:
                await self._send(reply, _error(hosted.key, str(problem)))

    def _handlers(self) -> dict[str, Callable[[Hosted, Message, str], Awaitable[None]]]:
        return {
            "sim.attach": self._on_attach,
            "sim.command": self._on_command,
            "sim.control": self._on_control,
            "sim.seek": self._on_seek,
            "sim.ping": self._on_ping,
            "sim.detach": self._on_detach,
        }

    async def _on_attach(self, hosted: Hosted, message: Message, reply: str) -> None:
        player = hosted.player
        deltas = player.since(str(message.get("stream", "")), _int(message, "since"))
        if deltas is None:
            snapshot = {"type": "sim.snapshot", "cluster": hosted.key}
            await self._send(reply, snapshot | player.snapshot())
        else:
            catch_up: Message = {"type": "sim.deltas", "cluster": hosted.key}
            catch_up |= {"stream": player.stream, "deltas": deltas}
            await self._send(reply, catch_up)

    async def _on_command(self, hosted: Hosted, message: Message, reply: str) -> None:
        line, stdin = str(message.get("line", "")), message.get("stdin")
        delta = hosted.player.execute(line, None if stdin is None else str(stdin))
        await self._publish(hosted, delta)
        await self._save(hosted)

    async def _on_control(self, hosted: Hosted, message: Message, reply: str) -> None:
        speed = message.get("speed")
        speed = float(speed) if isinstance(speed, int | float) else None
        delta = hosted.player.control(str(message.get("action")), speed)
        if delta is not None:
            await self._publish(hosted, delta)
        await self._save(hosted)

    async def _on_seek(self, hosted: Hosted, message: Message, reply: str) -> None:
        time = message.get("time")
        if not isinstance(time, int | float) or isinstance(time, bool):
            raise ValueError("seek needs a simulated time in seconds")
        entry = message.get("entry")
        entry = (
            entry if isinstance(entry, int) and not isinstance(entry, bool) else None
        )
        # Rebuilding can take a while for a long session: off the event loop,
        # so the other clusters and pages of this host keep going meanwhile.
        await asyncio.to_thread(hosted.player.seek, float(time), entry)
        await self._broadcast(hosted, {"type": "sim.hello"})
        await self._save(hosted)

    async def _on_ping(self, hosted: Hosted, message: Message, reply: str) -> None:
        return None  # `_handle` has already noted that this viewer is alive

    async def _on_detach(self, hosted: Hosted, message: Message, reply: str) -> None:
        hosted.viewers.pop(reply, None)

    async def _tick(self, hosted: Hosted, now: float) -> None:
        elapsed, hosted.last_tick = min(now - hosted.last_tick, 0.5), now
        self._forget_silent_viewers(hosted, now)
        if not hosted.viewers:
            if now - hosted.idle_since > self.config.idle:
                await self._drop(hosted, save=True, forget=True)
            return
        hosted.idle_since = now
        if hosted.playing():
            await self._play(hosted, elapsed)
        if now - hosted.last_save >= self.config.save_every:
            if hosted.player.time != hosted.saved_time:
                await self._save(hosted)

    async def _play(self, hosted: Hosted, elapsed: float) -> None:
        delta = hosted.player.advance(elapsed)
        if delta is not None:
            await self._publish(hosted, delta)
        else:
            await self._broadcast(hosted, _clock(hosted.player))

    def _forget_silent_viewers(self, hosted: Hosted, now: float) -> None:
        for reply, seen in list(hosted.viewers.items()):
            if now - seen > self.config.viewer_ttl:
                del hosted.viewers[reply]

    # Sending

    async def _publish(self, hosted: Hosted, delta: dict[str, Any]) -> None:
        await self._broadcast(hosted, {"type": "sim.delta", **delta})

    async def _broadcast(self, hosted: Hosted, message: Message) -> None:
        stamped = {**message, "cluster": hosted.key, "stream": hosted.player.stream}
        await self.layer.group_send(cluster_group(hosted.key), stamped)

    async def _send(self, channel: str, message: Message) -> None:
        try:
            await self.layer.send(channel, message)
        except ChannelFull:  # that browser is not reading; it will resync
            log.warning("channel %s is full; dropped %s", channel, message["type"])

    # Plumbing

    def _now(self) -> float:
        return asyncio.get_running_loop().time()

    async def _forever(
        self, step: Callable[[], Awaitable[None]], every: float = 0.0
    ) -> None:
        """Run ``step`` until cancelled; a failing step is logged, not fatal."""
        while True:
            pause = every
            try:
                await step()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("simulation host step %r failed", step)
                pause = max(every, 0.05)  # don't spin on a persistent failure
            if pause:
                await asyncio.sleep(pause)


def _int(message: Message, name: str) -> int:
    value = message.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def _clock(player: Player) -> Message:
    return {
        "type": "sim.clock",
        "time": player.time,
        "paused": player.paused,
        "speed": player.speed,
    }


def _error(key: str, text: str) -> Message:
    return {"type": "sim.error", "cluster": key, "message": text}


# How long a cancelled task gets to finish before we go on without it.
CANCEL_GRACE = 2.0


async def _cancel(tasks: list[asyncio.Task[Any]]) -> None:
    """Cancel ``tasks`` and wait a little for them, but never forever.

    A channels_redis receive blocked in redis-py has been seen to swallow
    cancellation (redis-py 8, Python 3.11); shutting down must not hang on it.
    """
    for task in tasks:
        task.cancel()
    if tasks:
        _, stuck = await asyncio.wait(tasks, timeout=CANCEL_GRACE)
        for task in stuck:
            log.warning("task %s did not stop when cancelled", task.get_name())
