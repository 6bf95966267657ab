"""Shared informers: one list and watch per resource, a lister cache, and
handlers called in the order they were added."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.api.errors import StatusError
from cluster.controllers.informers import (
    EventHandler,
    Registrations,
    SharedInformerFactory,
)
from cluster.controllers.manager import NAME, ControllerManager
from tests.cluster.conftest import ControlPlane

Obj = dict[str, Any]
ACTOR = "kube-controller-manager"


def lease(name: str, namespace: str = "default", **labels: str) -> Obj:
    return {
        "apiVersion": "coordination.k8s.io/v1",
        "kind": "Lease",
        "metadata": {"name": name, "namespace": namespace, "labels": labels},
        "spec": {"holderIdentity": "one"},
    }


def namespace(cp: ControlPlane, name: str) -> None:
    cp.api.create(
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}},
        actor="test",
    )


def watch_hops(cp: ControlPlane, target: str) -> list[str]:
    return [
        e["text"]
        for e in cp.events
        if e.get("verb") == "watch" and e.get("target") == target
    ]


def test_one_informer_per_resource_however_it_is_named(
    control_plane: ControlPlane,
) -> None:
    factory = SharedInformerFactory(control_plane.api, ACTOR)
    assert factory.informer("leases") is factory.informer("Lease")


def test_the_first_list_fills_the_cache_without_calling_handlers(
    control_plane: ControlPlane,
) -> None:
    control_plane.api.create(lease("before"), actor="test")
    factory = SharedInformerFactory(control_plane.api, ACTOR)
    seen: list[str] = []
    factory.informer("leases").add_event_handler(
        EventHandler.of(lambda verb, obj: seen.append(verb))
    )
    factory.start()
    control_plane.clock.run_until(1)
    assert seen == []
    assert factory.informer("leases").get("before")["metadata"]["name"] == "before"


def test_the_lister_reads_by_namespace_and_label_in_the_api_order(
    control_plane: ControlPlane,
) -> None:
    namespace(control_plane, "a")
    factory = SharedInformerFactory(control_plane.api, ACTOR)
    leases = factory.informer("leases")
    factory.start()
    for name, ns, tier in [("y", "default", "web"), ("x", "default", "db")]:
        control_plane.api.create(lease(name, ns, tier=tier), actor="test")
    control_plane.api.create(lease("z", "a", tier="web"), actor="test")
    control_plane.clock.run_until(1)

    def names(**kwargs: Any) -> list[str]:
        return [o["metadata"]["name"] for o in leases.list(**kwargs)]

    assert names() == [o["metadata"]["name"] for o in control_plane.api.list("leases")]
    assert names(namespace="default") == ["x", "y"]
    assert names(label_selector="tier=web") == ["z", "y"]


def test_the_cache_lags_the_store_until_the_watch_delivers(
    control_plane: ControlPlane,
) -> None:
    factory = SharedInformerFactory(control_plane.api, ACTOR)
    leases = factory.informer("leases")
    factory.start()
    control_plane.api.create(lease("new"), actor="test")
    assert leases.find("new") is None
    control_plane.clock.run_until(control_plane.clock.now)
    assert leases.find("new") is not None


def test_a_missing_object_is_not_found_as_from_the_api(
    control_plane: ControlPlane,
) -> None:
    leases = SharedInformerFactory(control_plane.api, ACTOR).informer("leases")
    leases.start()
    with pytest.raises(StatusError) as raised:
        leases.get("nope")
    assert raised.value.code == 404


def test_reads_are_copies_a_controller_may_edit(
    control_plane: ControlPlane,
) -> None:
    control_plane.api.create(lease("lease"), actor="test")
    leases = SharedInformerFactory(control_plane.api, ACTOR).informer("leases")
    leases.start()
    leases.get("lease")["spec"]["holderIdentity"] = "two"
    assert leases.get("lease")["spec"]["holderIdentity"] == "one"


def test_handlers_run_in_order_with_the_old_object_on_update(
    control_plane: ControlPlane,
) -> None:
    factory = SharedInformerFactory(control_plane.api, ACTOR)
    calls: list[tuple[str, str, str | None]] = []

    def record(who: str) -> EventHandler:
        return EventHandler(
            on_add=lambda obj: calls.append((who, "add", None)),
            on_update=lambda old, new: calls.append(
                (who, "update", old["spec"]["holderIdentity"])
            ),
            on_delete=lambda obj: calls.append((who, "delete", None)),
        )

    factory.informer("leases").add_event_handler(record("first"))
    factory.informer("leases").add_event_handler(record("second"))
    factory.start()
    api = control_plane.api
    api.create(lease("lease"), actor="test")
    control_plane.clock.run_until(control_plane.clock.now)
    current = api.get("leases", "lease")
    current["spec"]["holderIdentity"] = "two"
    api.update(current, actor="test")
    control_plane.clock.run_until(control_plane.clock.now)
    api.delete("leases", "lease", actor="test")
    control_plane.clock.run_until(control_plane.clock.now)
    assert calls == [
        ("first", "add", None),
        ("second", "add", None),
        ("first", "update", "one"),
        ("second", "update", "one"),
        ("first", "delete", None),
        ("second", "delete", None),
    ]


def test_an_informer_read_before_it_started_is_a_bug(
    control_plane: ControlPlane,
) -> None:
    factory = SharedInformerFactory(control_plane.api, ACTOR)
    factory.start()
    with pytest.raises(RuntimeError):
        factory.informer("leases").list()


def test_removed_handlers_hear_nothing_more(control_plane: ControlPlane) -> None:
    factory = SharedInformerFactory(control_plane.api, ACTOR)
    seen: list[str] = []
    handlers = Registrations(factory, [("leases", lambda verb, obj: seen.append(verb))])
    factory.start()
    handlers.remove()
    control_plane.api.create(lease("lease"), actor="test")
    control_plane.clock.run_until(1)
    assert seen == []


def test_the_controller_manager_watches_each_resource_once(
    control_plane: ControlPlane,
) -> None:
    manager = ControllerManager(
        control_plane.api, control_plane.clock, control_plane.stream
    )
    manager.start()
    control_plane.events.clear()
    control_plane.api.create(
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "web", "namespace": "default"},
            "spec": {"containers": [{"name": "app", "image": "nginx"}]},
        },
        actor="test",
    )
    control_plane.clock.run_until(control_plane.clock.now)
    # Many controllers handle pods; the change travels to the process once.
    assert watch_hops(control_plane, NAME) == ["watch: ADDED pod/web → " + NAME]
