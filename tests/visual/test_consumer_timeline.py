"""Going back on the timeline over real websockets: every page redraws the past."""

from __future__ import annotations

import pytest

from tests.visual.conftest import NGINX_POD
from visual.simhost.models import SimCluster

pytestmark = pytest.mark.django_db(transaction=True)


def pods_of(snapshot):
    return sorted(p["name"] for p in snapshot["cluster"]["pods"])


async def test_seeking_back_sends_every_page_a_snapshot_of_that_moment(
    connect, cluster_key
):
    me, classmate = await connect(cluster_key), await connect(cluster_key)
    first = await me.frame()
    await classmate.frame()
    await me.send(action="pause")
    applied = await me.command("kubectl apply -f -", NGINX_POD)
    await me.send(action="seek", time=0)
    for browser in (me, classmate):
        frames = await browser.until(lambda f: f["t"] == "snapshot")
        snapshot = frames[-1]
        assert snapshot["stream"] != first["stream"]
        assert snapshot["time"] == 0 and snapshot["paused"]
        assert pods_of(snapshot) == []
        marks = [[applied["time"], "kubectl apply -f -"]]
        assert snapshot["timeline"]["marks"] == marks
    row = await SimCluster.objects.aget(pk=cluster_key)
    assert (row.sim_time, row.applied, row.head) == (0, 0, applied["time"])


async def test_a_bad_seek_gets_one_line_and_changes_nothing(connect, cluster_key):
    browser = await connect(cluster_key)
    snapshot = await browser.frame()
    await browser.send(action="seek", time="yesterday")
    error = await browser.until(lambda f: f["t"] == "error")
    assert error[-1]["message"] == "error: seek needs a time in seconds, 0 or more"
    row = await SimCluster.objects.aget(pk=cluster_key)
    assert row.head is None and row.sim_time <= snapshot["time"] + 1
