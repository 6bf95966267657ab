"""A cluster with a long journal is rebuilt off the event loop: while it
replays, the host keeps answering the pages of other clusters."""

from __future__ import annotations

import asyncio

import pytest

from visual.simhost.models import SimCluster

pytestmark = pytest.mark.django_db(transaction=True)


async def test_a_long_replay_does_not_hold_up_other_clusters(connect):
    busy = await SimCluster.objects.acreate(
        seed=1,
        journal=[
            [0.0, "kubectl create deployment web --image=nginx --replicas=40", None]
        ],
        sim_time=3 * 3600.0,
        paused=True,
    )
    fresh = await SimCluster.objects.acreate(seed=2, paused=True)
    slow_page = await connect(busy.key)
    await asyncio.sleep(0.05)  # its rebuild has started
    quick_page = await connect(fresh.key)
    slow = asyncio.create_task(slow_page.frame(timeout=60))
    quick = await quick_page.frame(timeout=60)
    assert quick["t"] == "snapshot" and not slow.done()
    snapshot = await slow
    assert snapshot["t"] == "snapshot" and snapshot["time"] == 3 * 3600.0
    assert len(snapshot["cluster"]["pods"]) == 40
