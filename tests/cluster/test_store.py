from __future__ import annotations

import pytest

from cluster.clock import Clock
from cluster.events import EventStream
from cluster.store import HISTORY_LIMIT, Change, Compacted, Store


@pytest.fixture
def store() -> Store:
    return Store(EventStream(Clock()))


def test_every_write_takes_the_next_global_revision(store: Store) -> None:
    first = store.put("/registry/pods/default/a", {"n": 1})
    second = store.put("/registry/pods/default/b", {"n": 2})
    third = store.put("/registry/pods/default/a", {"n": 3})
    assert [c.revision for c in (first, second, third)] == [2, 3, 4]
    kv = store.get("/registry/pods/default/a")
    assert kv is not None
    assert (kv.create_revision, kv.mod_revision, kv.version) == (2, 4, 2)


def test_stored_values_are_private_copies(store: Store) -> None:
    value = {"spec": {"x": 1}}
    store.put("/registry/nodes/n1", value)
    value["spec"]["x"] = 2
    assert store.get("/registry/nodes/n1").value == {"spec": {"x": 1}}


def test_range_returns_keys_under_a_prefix_in_order(store: Store) -> None:
    for key in ("/registry/pods/b/x", "/registry/pods/a/y", "/registry/nodes/n"):
        store.put(key, {})
    assert [kv.key for kv in store.range("/registry/pods/")] == [
        "/registry/pods/a/y",
        "/registry/pods/b/x",
    ]


def test_watch_sees_puts_and_deletes_under_its_prefix(store: Store) -> None:
    seen: list[Change] = []
    store.watch("/registry/pods/", seen.append)
    store.put("/registry/pods/default/a", {"v": 1})
    store.put("/registry/nodes/n", {})
    store.delete("/registry/pods/default/a")
    assert [(c.op, c.key, c.prev) for c in seen] == [
        ("put", "/registry/pods/default/a", None),
        ("delete", "/registry/pods/default/a", {"v": 1}),
    ]


def test_watch_from_a_revision_replays_what_happened_since(store: Store) -> None:
    store.put("/registry/pods/default/a", {"v": 1})
    since = store.revision
    store.put("/registry/pods/default/a", {"v": 2})
    store.put("/registry/pods/default/b", {"v": 3})
    seen: list[Change] = []
    store.watch("/registry/pods/", seen.append, after=since)
    assert [c.value for c in seen] == [{"v": 2}, {"v": 3}]


def test_watching_from_a_compacted_revision_fails(store: Store) -> None:
    for i in range(HISTORY_LIMIT + 5):
        store.put("/registry/pods/default/a", {"v": i})
    with pytest.raises(Compacted):
        store.watch("/registry/pods/", lambda c: None, after=2)
