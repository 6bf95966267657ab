"""An etcd-like MVCC store: a global revision, per-key revisions, watch from one.

Keys look like Kubernetes' own: ``/registry/<resource>/<namespace>/<name>``
(cluster-scoped objects drop the namespace). Values are JSON-safe dicts, kept
as private copies so no caller can change stored state behind the store's back.
"""

from __future__ import annotations

import bisect
import copy
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cluster.events import EventStream

# etcd keeps a bounded history for watchers that fall behind; older revisions
# are compacted, and watching from them fails as kube-apiserver's does (410).
HISTORY_LIMIT = 10_000


@dataclass(frozen=True)
class KeyValue:
    key: str
    value: dict[str, Any]
    create_revision: int
    mod_revision: int
    version: int


@dataclass(frozen=True)
class Change:
    """One write, as a watcher sees it."""

    revision: int
    op: str  # "put" | "delete"
    key: str
    value: dict[str, Any] | None
    prev: dict[str, Any] | None


class Compacted(Exception):
    """The requested revision is older than the retained history."""


class Store:
    def __init__(self, stream: EventStream) -> None:
        self._stream = stream
        self._data: dict[str, KeyValue] = {}
        # The keys in order, so a prefix range is a bisect, not a sort.
        self._keys: list[str] = []
        self._history: deque[Change] = deque(maxlen=HISTORY_LIMIT)
        self._watchers: list[tuple[str, Callable[[Change], None]]] = []
        self.revision = 1

    def get(self, key: str) -> KeyValue | None:
        return self._data.get(key)

    def range(self, prefix: str) -> list[KeyValue]:
        """Every key under ``prefix``, in key order, as etcd returns them."""
        keys = self._keys
        found = []
        for i in range(bisect.bisect_left(keys, prefix), len(keys)):
            if not keys[i].startswith(prefix):
                break
            found.append(self._data[keys[i]])
        return found

    def put(self, key: str, value: dict[str, Any], owned: bool = False) -> Change:
        """Write ``value`` at ``key``; the change carries the new revision.

        ``owned`` hands the dict over to the store: the caller promises never
        to touch it again, which saves a copy on the API server's hot path.
        """
        self.revision += 1
        prev = self._data.get(key)
        if prev is None:
            bisect.insort(self._keys, key)
        stored = value if owned else copy.deepcopy(value)
        self._data[key] = KeyValue(
            key,
            stored,
            create_revision=prev.create_revision if prev else self.revision,
            mod_revision=self.revision,
            version=prev.version + 1 if prev else 1,
        )
        return self._record(
            Change(self.revision, "put", key, stored, prev.value if prev else None)
        )

    def delete(self, key: str) -> Change:
        prev = self._data.pop(key)
        del self._keys[bisect.bisect_left(self._keys, key)]
        self.revision += 1
        return self._record(Change(self.revision, "delete", key, None, prev.value))

    def watch(
        self, prefix: str, handler: Callable[[Change], None], after: int | None = None
    ) -> Callable[[], None]:
        """Call ``handler`` for every change under ``prefix``; return a canceller.

        With ``after``, the changes since that revision are replayed first.
        """
        if after is not None:
            for change in self.changes_since(after):
                if change.key.startswith(prefix):
                    handler(change)
        entry = (prefix, handler)
        self._watchers.append(entry)
        return lambda: self._watchers.remove(entry)

    def changes_since(self, revision: int) -> list[Change]:
        if self._history and revision < self._history[0].revision - 1:
            raise Compacted(f"required revision {revision} has been compacted")
        return [c for c in self._history if c.revision > revision]

    def _record(self, change: Change) -> Change:
        self._history.append(change)
        self._stream.emit(
            "etcd", op=change.op, key=change.key, revision=change.revision
        )
        for prefix, handler in list(self._watchers):
            if change.key.startswith(prefix):
                handler(change)
        return change
