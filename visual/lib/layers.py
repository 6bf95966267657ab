"""Channel layer configurations."""

from __future__ import annotations

from typing import Any

# channels_redis blocks on BZPOPMIN for 5 s at a time, and redis-py 6+ gives up
# on a read after its default socket timeout of 5 s: keep reads waiting longer.
REDIS_SOCKET_TIMEOUT = 30


def redis_layer(url: str, capacity: int = 500) -> dict[str, Any]:
    host = {"address": url, "socket_timeout": REDIS_SOCKET_TIMEOUT}
    return {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [host], "capacity": capacity},
    }


def memory_layer(capacity: int = 500) -> dict[str, Any]:
    return {
        "BACKEND": "channels.layers.InMemoryChannelLayer",
        "CONFIG": {"capacity": capacity},
    }
