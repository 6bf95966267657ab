from __future__ import annotations

import pytest

from cluster.api.errors import StatusError

from .conftest import ControlPlane


def pod(name: str = "web", **spec: object) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name},
        "spec": {"containers": [{"name": "nginx", "image": "nginx"}], **spec},
    }


def test_create_applies_the_real_defaults(control_plane: ControlPlane) -> None:
    created = control_plane.api.create(pod(), actor="kubectl")
    spec = created["spec"]
    assert created["metadata"]["namespace"] == "default"
    assert created["metadata"]["resourceVersion"] == str(control_plane.store.revision)
    assert (
        spec["restartPolicy"],
        spec["terminationGracePeriodSeconds"],
        spec["schedulerName"],
        spec["dnsPolicy"],
    ) == ("Always", 30, "default-scheduler", "ClusterFirst")
    assert spec["containers"][0]["imagePullPolicy"] == "Always"
    assert created["status"] == {"phase": "Pending", "qosClass": "BestEffort"}
    assert {t["key"]: t["tolerationSeconds"] for t in spec["tolerations"]} == {
        "node.kubernetes.io/not-ready": 300,
        "node.kubernetes.io/unreachable": 300,
    }


@pytest.mark.parametrize(
    ("image", "policy"),
    [
        ("nginx", "Always"),
        ("nginx:latest", "Always"),
        ("nginx:1.27", "IfNotPresent"),
        ("registry.k8s.io/pause:3.10", "IfNotPresent"),
        ("nginx@sha256:abc", "IfNotPresent"),
        ("localhost:5000/app", "Always"),
    ],
    ids=["no-tag", "latest", "tag", "registry-tag", "digest", "registry-port"],
)
def test_image_pull_policy_default(
    control_plane: ControlPlane, image: str, policy: str
) -> None:
    manifest = pod()
    manifest["spec"]["containers"][0]["image"] = image
    created = control_plane.api.create(manifest, actor="kubectl")
    assert created["spec"]["containers"][0]["imagePullPolicy"] == policy


def test_limits_default_requests_and_decide_qos(control_plane: ControlPlane) -> None:
    manifest = pod()
    manifest["spec"]["containers"][0]["resources"] = {
        "limits": {"cpu": "500m", "memory": "128Mi"}
    }
    created = control_plane.api.create(manifest, actor="kubectl")
    assert created["spec"]["containers"][0]["resources"]["requests"] == {
        "cpu": "500m",
        "memory": "128Mi",
    }
    assert created["status"]["qosClass"] == "Guaranteed"


INVALID = [
    (
        "bad-name",
        pod("Bad_Name"),
        "Invalid",
        'Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a '
        "lowercase RFC 1123 subdomain must consist of",
    ),
    (
        "no-containers",
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {}},
        "Invalid",
        'Pod "x" is invalid: spec.containers: Required value',
    ),
    (
        "bad-quantity",
        pod(
            containers=[
                {
                    "name": "a",
                    "image": "nginx",
                    "resources": {"requests": {"cpu": "lots"}},
                }
            ]
        ),
        "BadRequest",
        'Pod in version "v1" cannot be handled as a Pod: quantities must match the '
        "regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ),
    (
        "request-over-limit",
        pod(
            containers=[
                {
                    "name": "a",
                    "image": "nginx",
                    "resources": {"requests": {"cpu": "2"}, "limits": {"cpu": "1"}},
                }
            ]
        ),
        "Invalid",
        'Pod "web" is invalid: spec.containers[0].resources.requests: '
        'Invalid value: "2": must be less than or equal to cpu limit of 1',
    ),
    (
        "two-errors",
        pod(containers=[{"name": "A"}]),
        "Invalid",
        'Pod "web" is invalid: [spec.containers[0].name: Invalid value: "A": ',
    ),
    (
        "restart-policy",
        pod(restartPolicy="Sometimes"),
        "Invalid",
        'Pod "web" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": '
        'supported values: "Always", "OnFailure", "Never"',
    ),
]


@pytest.mark.parametrize(
    ("manifest", "reason", "message"),
    [c[1:] for c in INVALID],
    ids=[c[0] for c in INVALID],
)
def test_bad_objects_are_rejected_and_change_nothing(
    control_plane: ControlPlane, manifest: dict, reason: str, message: str
) -> None:
    before = control_plane.store.revision
    with pytest.raises(StatusError) as info:
        control_plane.api.create(manifest, actor="kubectl")
    assert info.value.reason == reason
    assert info.value.message.startswith(message)
    assert control_plane.store.revision == before


def test_invalid_errors_carry_causes_for_kubectl(control_plane: ControlPlane) -> None:
    with pytest.raises(StatusError) as info:
        control_plane.api.create(pod(containers=[{"name": "A"}]), actor="kubectl")
    assert info.value.details is not None
    assert [c["field"] for c in info.value.details["causes"]] == [
        "spec.containers[0].name",
        "spec.containers[0].image",
    ]


def test_not_found_and_already_exists_are_worded_as_kubernetes_does(
    control_plane: ControlPlane,
) -> None:
    control_plane.api.create(pod(), actor="kubectl")
    with pytest.raises(StatusError, match='^pods "web" already exists$'):
        control_plane.api.create(pod(), actor="kubectl")
    with pytest.raises(StatusError, match='^pods "nope" not found$'):
        control_plane.api.get("pods", "nope")
    with pytest.raises(StatusError, match='^namespaces "team-a" not found$'):
        control_plane.api.create(pod(), actor="kubectl", namespace="team-a")


def test_stale_updates_conflict(control_plane: ControlPlane) -> None:
    first = control_plane.api.create(pod(), actor="kubectl")
    fresh = dict(first, metadata={**first["metadata"], "labels": {"a": "b"}})
    control_plane.api.update(fresh, actor="kubectl")
    with pytest.raises(StatusError) as info:
        control_plane.api.update(first, actor="kubectl")
    assert info.value.reason == "Conflict"


def test_pod_spec_is_immutable_except_images(control_plane: ControlPlane) -> None:
    created = control_plane.api.create(pod(), actor="kubectl")
    created["spec"]["containers"][0]["image"] = "nginx:1.27"
    control_plane.api.update(created, actor="kubectl")
    changed = control_plane.api.get("pods", "web")
    changed["spec"]["restartPolicy"] = "Never"
    with pytest.raises(StatusError, match="pod updates may not change fields"):
        control_plane.api.update(changed, actor="kubectl")


def test_status_updates_touch_only_status(control_plane: ControlPlane) -> None:
    created = control_plane.api.create(pod(), actor="kubectl")
    created["status"]["phase"] = "Running"
    created["spec"]["containers"][0]["image"] = "httpd"
    updated = control_plane.api.update(created, actor="kubelet/n", subresource="status")
    assert updated["status"]["phase"] == "Running"
    assert updated["spec"]["containers"][0]["image"] == "nginx"


def test_binding_sets_the_node_once(control_plane: ControlPlane) -> None:
    control_plane.api.create(pod(), actor="kubectl")
    control_plane.api.bind("default", "web", "node-1", actor="kube-scheduler")
    bound = control_plane.api.get("pods", "web")
    assert bound["spec"]["nodeName"] == "node-1"
    assert bound["status"]["conditions"][0]["type"] == "PodScheduled"
    with pytest.raises(StatusError, match="already assigned to node"):
        control_plane.api.bind("default", "web", "node-2", actor="kube-scheduler")


def test_watch_with_a_field_selector_sees_objects_enter_and_leave(
    control_plane: ControlPlane,
) -> None:
    seen: list[tuple[str, str]] = []
    control_plane.api.watch(
        "pods",
        lambda verb, obj: seen.append((verb, obj["metadata"]["name"])),
        actor="kubelet/node-1",
        field_selector="spec.nodeName=node-1",
    )
    control_plane.api.create(pod("a"), actor="kubectl")
    control_plane.api.create(pod("b"), actor="kubectl")
    control_plane.api.bind("default", "a", "node-1", actor="kube-scheduler")
    control_plane.api.bind("default", "b", "node-2", actor="kube-scheduler")
    control_plane.api.delete("pods", "a", actor="kubectl", grace_period_seconds=0)
    assert seen == []  # delivery is asynchronous, like a real watch stream
    control_plane.clock.run_until(0)
    assert seen == [("ADDED", "a"), ("DELETED", "a")]


def test_pods_on_nodes_are_deleted_gracefully(control_plane: ControlPlane) -> None:
    control_plane.api.create(pod(), actor="kubectl")
    control_plane.api.create(pod("unbound"), actor="kubectl")
    control_plane.api.bind("default", "web", "node-1", actor="kube-scheduler")
    marked = control_plane.api.delete("pods", "web", actor="kubectl")
    assert marked["metadata"]["deletionGracePeriodSeconds"] == 30
    assert control_plane.api.get("pods", "web")["metadata"]["deletionTimestamp"]
    control_plane.api.delete("pods", "unbound", actor="kubectl")
    assert [p["metadata"]["name"] for p in control_plane.api.list("pods")] == ["web"]


def test_label_selectors(control_plane: ControlPlane) -> None:
    for name, labels in (
        ("a", {"app": "web", "tier": "fe"}),
        ("b", {"app": "db"}),
        ("c", {}),
    ):
        manifest = pod(name)
        manifest["metadata"]["labels"] = labels
        control_plane.api.create(manifest, actor="kubectl")

    def names(selector: str) -> list[str]:
        return [
            p["metadata"]["name"]
            for p in control_plane.api.list("pods", label_selector=selector)
        ]

    assert names("app=web") == ["a"]
    assert names("app!=web") == ["b", "c"]
    assert names("app in (web,db)") == ["a", "b"]
    assert names("app,!tier") == ["b"]


def test_writes_are_observed_as_message_etcd_and_object_events(
    control_plane: ControlPlane,
) -> None:
    control_plane.events.clear()
    control_plane.api.create(pod(), actor="kubectl")
    assert [e["type"] for e in control_plane.events] == ["message", "etcd", "object"]
    message, etcd, obj = control_plane.events
    assert (message["source"], message["target"]) == ("kubectl", "kube-apiserver")
    assert etcd["key"] == "/registry/pods/default/web"
    assert obj["view"]["status"] == "Pending" and obj["verb"] == "ADDED"


def test_generated_names_are_deterministic() -> None:
    from .conftest import ControlPlane as CP

    names = []
    for _ in range(2):
        cp = CP(seed=3)
        manifest = pod()
        manifest["metadata"] = {"generateName": "web-"}
        names.append(cp.api.create(manifest, actor="kubectl")["metadata"]["name"])
    assert names[0] == names[1] and names[0].startswith("web-") and len(names[0]) == 9


def test_field_selectors_may_repeat_a_path(control_plane: ControlPlane) -> None:
    for name, phase in (("a", "Running"), ("b", "Succeeded"), ("c", "Failed")):
        control_plane.api.create(pod(name), actor="kubectl")
        current = control_plane.api.get("pods", name)
        current["status"]["phase"] = phase
        control_plane.api.update(current, actor="kubelet/n", subresource="status")
    found = control_plane.api.list(
        "pods", field_selector="status.phase!=Succeeded,status.phase!=Failed"
    )
    assert [p["metadata"]["name"] for p in found] == ["a"]
