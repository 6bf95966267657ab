"""Host-level caps on how many objects one simulated cluster may hold.

Not a Kubernetes feature: a sandbox shared by a class must not let one user
exhaust the server. Counts follow the store itself, so every way an object
comes or goes (create, delete, finalizers, garbage collection) is counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from cluster.api.errors import StatusError
from cluster.api.resources import ResourceType, plural_of_key
from cluster.store import Change, Store

TOTAL = "total"
DEFAULT_LIMITS: Mapping[str, int] = {"pods": 5000, TOTAL: 100_000}


class ObjectLimits:
    def __init__(self, store: Store, limits: Mapping[str, int] | None = None) -> None:
        self.limits = dict(DEFAULT_LIMITS if limits is None else limits)
        self._counts: Counter[str] = Counter()
        store.watch("/registry/", self._count)

    def count(self, plural: str) -> int:
        return self._counts[plural]

    def check(self, rt: ResourceType, name: str) -> None:
        """Refuse one more ``rt`` object if a cap is reached; change nothing."""
        for scope, used in (
            (rt.plural, self._counts[rt.plural]),
            (TOTAL, sum(self._counts.values())),
        ):
            limit = self.limits.get(scope)
            if limit is not None and used >= limit:
                raise _limit_reached(rt, name, scope, limit)

    def _count(self, change: Change) -> None:
        plural = plural_of_key(change.key)
        if change.op == "delete":
            self._counts[plural] -= 1
        elif change.prev is None:
            self._counts[plural] += 1


def _limit_reached(rt: ResourceType, name: str, scope: str, limit: int) -> StatusError:
    what = "objects" if scope == TOTAL else rt.plural
    return StatusError(
        403,
        "Forbidden",
        f'{rt.plural} "{name}" is forbidden: this sandbox cluster holds at most '
        f"{limit} {what} (a Pilothouse host limit, not a Kubernetes one)",
        {"kind": rt.plural, "name": name},
    )
