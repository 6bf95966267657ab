"""``manage.py simhost``: a worker that runs clusters in the scaled-out setup."""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import socket
from typing import Any

from channels.layers import get_channel_layer
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from visual.simhost.host import HostConfig, SimHost
from visual.simhost.leases import RedisLeases


class Command(BaseCommand):
    help = "Run simulated clusters for the web processes (needs REDIS_URL)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.REDIS_URL:
            raise CommandError(
                "simhost workers need REDIS_URL; without it the web process "
                "hosts the clusters itself."
            )
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(self.serve(self.worker_name()))
        finally:
            # Not asyncio.run: it would wait without end for a Redis read that
            # ignores cancellation. Everything is saved and released by now.
            loop.close()

    async def serve(self, owner: str) -> None:
        stop = asyncio.Event()
        self.stop_on_signals(stop)
        self.stdout.write(f"simhost {owner}: serving", ending="\n")
        self.stdout.flush()
        await self.make_host(owner).run(stop)
        self.stdout.write(f"simhost {owner}: saved and stopped")
        self.stdout.flush()

    def make_host(self, owner: str) -> SimHost:
        config = HostConfig.from_settings()
        leases = RedisLeases(
            settings.REDIS_URL, owner, config.lease_ttl, settings.SIMHOST_REDIS_PREFIX
        )
        return SimHost(get_channel_layer(), leases, config)

    def stop_on_signals(self, stop: asyncio.Event) -> None:
        """SIGTERM and Ctrl-C finish the current step, save, and release leases."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)

    def worker_name(self) -> str:
        return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(2)}"
