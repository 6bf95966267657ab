"""The etcd keys a fresh snapshot carries for the page's etcd panel."""

from __future__ import annotations

from typing import Any

from cluster.store import Store

# The panel shows the most recently changed keys; a snapshot sends at most this
# many of them (newest first) and counts the rest, so it stays small however
# large the cluster grows.
SNAPSHOT_KEYS = 2000


def etcd_keys(store: Store, limit: int = SNAPSHOT_KEYS) -> dict[str, Any]:
    """``{revision, total, keys: [[key, mod_revision], ...]}``, newest first."""
    found = store.range("/registry/")
    found.sort(key=lambda kv: kv.mod_revision, reverse=True)
    keys = [[kv.key, kv.mod_revision] for kv in found[:limit]]
    return {"revision": store.revision, "total": len(found), "keys": keys}
