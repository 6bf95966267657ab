"""Loading and saving journals from async code."""

from __future__ import annotations

import uuid

from channels.db import database_sync_to_async
from django.utils import timezone

from visual.simhost.journal import Journal
from visual.simhost.models import SimCluster


def parse_key(key: str) -> uuid.UUID | None:
    """The cluster id in ``key`` (UUID hex), or None if it is not one."""
    try:
        return uuid.UUID(hex=key)
    except (TypeError, ValueError):
        return None


@database_sync_to_async
def load(key: str) -> Journal | None:
    pk = parse_key(key)
    row = SimCluster.objects.filter(pk=pk).first() if pk else None
    return row.to_journal() if row else None


@database_sync_to_async
def save(key: str, journal: Journal) -> None:
    SimCluster.objects.filter(pk=parse_key(key)).update(
        journal=journal.entries_plain(),
        sim_time=journal.sim_time,
        paused=journal.paused,
        speed=journal.speed,
        head=journal.head,
        applied=journal.applied,
        updated=timezone.now(),
    )
