"""Channel and group names shared by the consumers and the simulation host.

Channels accepts ``^[a-zA-Z0-9_.-]+$`` under 100 characters for both; cluster ids
are UUID hex strings, so every name here stays well inside that.
"""

from __future__ import annotations

import re

_VALID = re.compile(r"^[a-zA-Z0-9_.-]{1,99}$")

# Any simulation host may take a message from this channel.
HOST_CHANNEL = "simhost"


_KEY = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


def _checked(name: str) -> str:
    if not _VALID.match(name):
        raise ValueError(f"invalid channel-layer name: {name!r}")
    return name


def _key(cluster_id: str) -> str:
    if not _KEY.match(cluster_id):
        raise ValueError(f"invalid cluster id: {cluster_id!r}")
    return cluster_id


def cluster_group(cluster_id: str) -> str:
    """The group every browser watching ``cluster_id`` joins."""
    return _checked(f"cluster.{_key(cluster_id)}")


def cluster_inbox(cluster_id: str) -> str:
    """The channel that only the host owning ``cluster_id`` reads."""
    return _checked(f"simhost.inbox.{_key(cluster_id)}")
