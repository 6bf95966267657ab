"""The three-way strategic merge patch behind client-side kubectl apply."""

from __future__ import annotations

from typing import Any

from cluster.kubectl.merge import apply_patch, three_way

Obj = dict[str, Any]


def pod(image: str = "nginx:1.27", **extra: Any) -> Obj:
    container = {"name": "web", "image": image, **extra}
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web"},
        "spec": {"containers": [container]},
    }


def live(manifest: Obj) -> Obj:
    """The manifest as the server holds it: defaults and status added."""
    obj = apply_patch(manifest, {})
    obj["metadata"]["uid"] = "u"
    obj["spec"]["containers"][0]["imagePullPolicy"] = "IfNotPresent"
    obj["spec"]["restartPolicy"] = "Always"
    obj["status"] = {"phase": "Running"}
    return obj


def test_reapplying_the_same_manifest_is_an_empty_patch() -> None:
    assert three_way(pod(), pod(), live(pod())) == {}


def test_a_changed_image_patches_only_that_container_field() -> None:
    patch = three_way(pod(), pod("nginx:1.28"), live(pod()))
    assert patch == {
        "spec": {
            "containers": [{"name": "web", "image": "nginx:1.28"}],
            "$setElementOrder/containers": [{"name": "web"}],
        }
    }
    result = apply_patch(live(pod()), patch)
    assert result["spec"]["containers"][0] == {
        "name": "web",
        "image": "nginx:1.28",
        "imagePullPolicy": "IfNotPresent",
    }
    assert result["status"] == {"phase": "Running"}


def test_fields_dropped_from_the_manifest_are_deleted() -> None:
    original = pod(args=["--verbose"])
    patch = three_way(original, pod(), live(original))
    assert (
        apply_patch(live(original), patch)["spec"]["containers"][0].get("args") is None
    )


def test_fields_set_by_others_survive() -> None:
    current = live(pod())
    current["metadata"]["labels"] = {"team": "a"}
    assert three_way(pod(), pod(), current) == {}


def test_removed_list_items_are_deleted_by_merge_key() -> None:
    two = pod()
    two["spec"]["containers"].append({"name": "sidecar", "image": "busybox"})
    patch = three_way(two, pod(), live(two))
    result = apply_patch(live(two), patch)
    assert [c["name"] for c in result["spec"]["containers"]] == ["web"]


def test_container_ports_merge_on_container_port() -> None:
    original = pod(ports=[{"containerPort": 80}])
    current = live(original)
    current["spec"]["containers"][0]["ports"][0]["protocol"] = "TCP"
    modified = pod(ports=[{"containerPort": 80}, {"containerPort": 443}])
    result = apply_patch(current, three_way(original, modified, current))
    assert result["spec"]["containers"][0]["ports"] == [
        {"containerPort": 80, "protocol": "TCP"},
        {"containerPort": 443},
    ]
