"""The etcd keys a snapshot carries: newest change first, capped, counted."""

from __future__ import annotations

from cluster.clock import Clock
from cluster.events import EventStream
from cluster.store import Store
from visual.simhost.etcdkeys import etcd_keys


def make_store() -> Store:
    store = Store(EventStream(Clock()))
    for name in ("a", "b", "c"):
        store.put(f"/registry/pods/default/{name}", {"name": name})
    store.put("/registry/pods/default/a", {"name": "a", "changed": True})
    store.put("/other/key", {})
    return store


def test_keys_come_newest_first_with_their_mod_revision():
    store = make_store()
    found = etcd_keys(store)
    assert found["revision"] == store.revision
    assert found["total"] == 3
    assert [key for key, _ in found["keys"]] == [
        "/registry/pods/default/a",
        "/registry/pods/default/c",
        "/registry/pods/default/b",
    ]
    assert found["keys"][0][1] == store.get("/registry/pods/default/a").mod_revision


def test_a_limit_keeps_the_newest_and_counts_them_all():
    found = etcd_keys(make_store(), limit=1)
    assert found["total"] == 3
    assert [key for key, _ in found["keys"]] == ["/registry/pods/default/a"]
