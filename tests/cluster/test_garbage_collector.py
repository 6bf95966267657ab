"""Cascading deletion: the API server's finalizers for Foreground and Orphan,
and the garbage collector deleting, waiting for, or orphaning dependents."""

from __future__ import annotations

import pytest

from cluster.api.errors import StatusError
from tests.cluster import workloads as w
from tests.cluster.conftest import ControlPlane


def _configmap_like_pod(name: str, owner: dict | None = None) -> dict:
    meta: dict = {"name": name}
    if owner is not None:
        meta["ownerReferences"] = [
            {
                "apiVersion": owner["apiVersion"],
                "kind": owner["kind"],
                "name": owner["metadata"]["name"],
                "uid": owner["metadata"]["uid"],
                "controller": True,
                "blockOwnerDeletion": True,
            }
        ]
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": {"containers": [{"name": "c", "image": "nginx"}]},
    }


@pytest.mark.parametrize(
    ("policy", "finalizer"),
    [("Foreground", "foregroundDeletion"), ("Orphan", "orphan")],
)
def test_the_api_server_keeps_an_object_with_gc_finalizers(
    control_plane: ControlPlane, policy: str, finalizer: str
) -> None:
    api = control_plane.api
    api.create(w.deployment(), actor="test")
    api.delete("deployments", "web", "default", actor="test", propagation_policy=policy)
    kept = api.get("deployments", "web", "default")
    assert kept["metadata"]["finalizers"] == [finalizer]
    assert kept["metadata"]["deletionTimestamp"]
    assert kept["metadata"]["deletionGracePeriodSeconds"] == 0
    kept["metadata"].pop("finalizers")
    api.update(kept, actor="test")
    with pytest.raises(StatusError):
        api.get("deployments", "web", "default")


def test_a_job_deleted_without_a_policy_orphans_by_default(
    control_plane: ControlPlane,
) -> None:
    api = control_plane.api
    api.create(w.job(), actor="test")
    api.delete("jobs", "pi", "default", actor="test")
    assert api.get("jobs", "pi", "default")["metadata"]["finalizers"] == ["orphan"]


def _deployed() -> tuple:
    c = w.cluster()
    w.create(c, w.deployment(replicas=2))
    c.advance(30)
    return c, c.api.list("replicasets", "default")[0]


def test_background_deletes_the_owner_first_then_the_dependents() -> None:
    c, rs = _deployed()
    c.api.delete(
        "deployments", "web", "default", actor="test", propagation_policy="Background"
    )
    with pytest.raises(StatusError):
        c.api.get("deployments", "web", "default")
    c.advance(0)
    assert c.api.list("replicasets", "default") == []
    assert all(p["metadata"].get("deletionTimestamp") for p in w.pods(c, app="web"))
    c.advance(40)
    assert w.pods(c, app="web") == []


def test_foreground_keeps_the_owner_until_its_dependents_are_gone() -> None:
    c, rs = _deployed()
    c.api.delete(
        "deployments", "web", "default", actor="test", propagation_policy="Foreground"
    )
    c.advance(0)
    d = c.api.get("deployments", "web", "default")
    assert d["metadata"]["finalizers"] == ["foregroundDeletion"]
    rs_now = c.api.get("replicasets", rs["metadata"]["name"], "default")
    assert rs_now["metadata"]["finalizers"] == ["foregroundDeletion"]
    assert len(w.pods(c, app="web")) == 2  # terminating, not replaced
    c.advance(40)
    assert w.pods(c, app="web") == []
    assert c.api.list("replicasets", "default") == []
    assert c.api.list("deployments", "default") == []


def test_orphan_removes_the_owner_references() -> None:
    c, rs = _deployed()
    output = w.run(c, "kubectl delete deployment web --cascade=orphan")
    assert output == 'deployment.apps "web" deleted from default namespace'
    kept = c.api.get("replicasets", rs["metadata"]["name"], "default")
    assert "ownerReferences" not in kept["metadata"]
    assert len(w.pods(c, app="web")) == 2
    # A new Deployment with the same template adopts the orphaned ReplicaSet.
    w.create(c, w.deployment(replicas=2))
    c.advance(10)
    (adopted,) = c.api.list("replicasets", "default")
    assert adopted["metadata"]["name"] == rs["metadata"]["name"]
    assert adopted["metadata"]["ownerReferences"][0]["kind"] == "Deployment"


def test_a_dependent_whose_owner_is_missing_is_collected(
    control_plane: ControlPlane,
) -> None:
    c = w.cluster(nodes=[])
    owner = w.create(c, w.replicaset(replicas=0))
    w.create(c, _configmap_like_pod("child", owner))
    c.api.delete("replicasets", "web", "default", actor="test")
    c.advance(0)
    with pytest.raises(StatusError):
        c.api.get("pods", "child", "default")


@pytest.mark.parametrize(
    ("flag", "warning"),
    [
        (
            "--cascade=false",
            "warning: --cascade=false is deprecated (boolean value) "
            "and can be replaced with --cascade=orphan.",
        ),
        (
            "--cascade=true",
            "warning: --cascade=true is deprecated (boolean value) "
            "and can be replaced with --cascade=background.",
        ),
        (
            "--cascade=sideways",
            "error: invalid cascade value (sideways). Must be "
            '"background", "foreground", or "orphan"',
        ),
    ],
)
def test_kubectl_cascade_flag(flag: str, warning: str) -> None:
    c, _ = _deployed()
    assert w.run(c, f"kubectl delete deployment web {flag}").splitlines()[0] == warning
