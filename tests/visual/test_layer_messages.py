"""Everything that crosses the channel layer survives JSON and msgpack unchanged.

The in-memory layer passes Python objects through as they are, so it would hide
a tuple, a set or a datetime that Redis (msgpack) or the browser (JSON) mangle
or reject. These tests send the real message shapes through both encodings
and through a real Redis server.
"""

from __future__ import annotations

import json
from typing import Any

import msgpack
import pytest
from channels_redis.core import RedisChannelLayer

from tests.visual.conftest import NGINX_POD
from visual.front import inbound
from visual.lib.layers import redis_layer
from visual.lib.names import HOST_CHANNEL
from visual.simhost.journal import Journal
from visual.simhost.player import Player

KEY = "0123456789abcdef0123456789abcdef"
REPLY = "specific.abc!def"


def host_messages() -> list[tuple[str, dict[str, Any]]]:
    """One of each message the host sends, from a real cluster session."""
    player = Player(Journal(seed=0), stream="ab12cd34")
    deltas = [player.execute("kubectl apply -f -", NGINX_POD)]
    deltas += [d for d in (player.advance(0.5) for _ in range(60)) if d]
    deltas.append(player.execute("kubectl get pods -o wide"))
    deltas.append(player.execute("kubectl get pod nope"))
    stamp = {"cluster": KEY, "stream": player.stream}
    found = [("snapshot", {"type": "sim.snapshot", "cluster": KEY} | player.snapshot())]
    found += [
        (f"delta-{d['seq']}", {"type": "sim.delta", **d, **stamp}) for d in deltas
    ]
    found.append(("deltas", {"type": "sim.deltas", "deltas": deltas, **stamp}))
    clock = {"time": player.time, "paused": False, "speed": 0.5}
    found.append(("clock", {"type": "sim.clock", **clock, **stamp}))
    found.append(("hello", {"type": "sim.hello", **stamp}))
    found.append(("error", {"type": "sim.error", "cluster": KEY, "message": "x"}))
    found.append(("gone", {"type": "sim.gone", "cluster": KEY}))
    return found


def consumer_messages() -> list[tuple[str, dict[str, Any]]]:
    """One of each message a consumer sends to a host."""
    stamp = {"cluster": KEY, "reply": REPLY}
    frames = [
        {"action": "command", "line": "kubectl apply -f -", "stdin": NGINX_POD},
        {"action": "speed", "speed": "0.5"},
        {"action": "step"},
    ]
    found = [(f["action"], inbound.parse(json.dumps(f)) | stamp) for f in frames]
    attach = {"type": "sim.attach", "stream": "ab12cd34", "since": 3}
    found.append(("attach", attach | stamp))
    found += [(t, {"type": t} | stamp) for t in ("sim.ping", "sim.detach")]
    return found


MESSAGES = host_messages() + consumer_messages()


def test_the_session_covers_the_interesting_event_types():
    types = {
        event["type"]
        for _, message in MESSAGES
        if message["type"] == "sim.delta"
        for event in message["events"]
    }
    assert {"object", "message", "console"} <= types


@pytest.mark.parametrize(("name", "message"), MESSAGES, ids=[n for n, _ in MESSAGES])
def test_message_survives_msgpack_and_json(name, message):
    assert msgpack.unpackb(msgpack.packb(message)) == message
    assert json.loads(json.dumps(message, allow_nan=False)) == message


@pytest.mark.redis
async def test_messages_survive_a_real_redis_layer(redis_url):
    layer = RedisChannelLayer(**redis_layer(redis_url)["CONFIG"])
    try:
        for _, message in MESSAGES:
            await layer.send(HOST_CHANNEL, message)
            assert await layer.receive(HOST_CHANNEL) == message
    finally:
        await layer.flush()
        await layer.close_pools()
