"""Who runs which cluster.

A host runs a cluster only while it holds that cluster's lease. With Redis the
lease is a key with a TTL that the live owner keeps renewing; when a worker
dies its keys expire and another worker finds the cluster among the hosted ones
with no owner and takes it over from the journal. Embedded, one host owns all.
"""

from __future__ import annotations

from typing import Protocol

import redis.asyncio as aioredis


class Leases(Protocol):
    async def acquire(self, key: str) -> bool: ...

    async def renew(self, key: str) -> bool: ...

    async def release(self, key: str, forget: bool) -> None: ...

    async def orphans(self) -> list[str]: ...

    async def close(self) -> None: ...


class LocalLeases:
    """A single host in one process: it owns every cluster it is asked for."""

    async def acquire(self, key: str) -> bool:
        return True

    async def renew(self, key: str) -> bool:
        return True

    async def release(self, key: str, forget: bool) -> None:
        return None

    async def orphans(self) -> list[str]:
        return []

    async def close(self) -> None:
        return None


# KEYS: lease, hosted set. ARGV: owner, ttl ms, cluster key.
_ACQUIRE = """
local owner = redis.call('get', KEYS[1])
if owner and owner ~= ARGV[1] then return 0 end
redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('sadd', KEYS[2], ARGV[3])
return 1
"""
_RENEW = """
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('pexpire', KEYS[1], ARGV[2])
"""
_RELEASE = """
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('del', KEYS[1])
if ARGV[2] == '1' then redis.call('srem', KEYS[2], ARGV[3]) end
return 1
"""


class RedisLeases:
    """Leases as Redis keys ``<prefix>:lease:<cluster>`` plus a set of hosted ids."""

    def __init__(self, url: str, owner: str, ttl: float, prefix: str) -> None:
        self._redis = aioredis.Redis.from_url(url)
        self._owner = owner
        self._ttl_ms = str(max(int(ttl * 1000), 100))
        self._prefix = prefix
        self._hosted = f"{prefix}:hosted"

    async def acquire(self, key: str) -> bool:
        keys = [self._lease(key), self._hosted]
        args = [self._owner, self._ttl_ms, key]
        return bool(await self._redis.eval(_ACQUIRE, 2, *keys, *args))

    async def renew(self, key: str) -> bool:
        keys = [self._lease(key)]
        return bool(await self._redis.eval(_RENEW, 1, *keys, self._owner, self._ttl_ms))

    async def release(self, key: str, forget: bool) -> None:
        keys = [self._lease(key), self._hosted]
        await self._redis.eval(_RELEASE, 2, *keys, self._owner, str(int(forget)), key)

    async def orphans(self) -> list[str]:
        """Hosted clusters whose lease has lapsed: their worker is gone."""
        members = await self._redis.smembers(self._hosted)
        hosted = sorted(_text(m) for m in members)
        if not hosted:
            return []
        owners = await self._redis.mget([self._lease(key) for key in hosted])
        return [key for key, owner in zip(hosted, owners, strict=True) if owner is None]

    async def close(self) -> None:
        await self._redis.aclose()

    def _lease(self, key: str) -> str:
        return f"{self._prefix}:lease:{key}"


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
