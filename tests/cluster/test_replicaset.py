"""The ReplicaSet controller: pods from the template, replacements, adoption
and release by selector, and the status it reports."""

from __future__ import annotations

from cluster.api.errors import StatusError
from cluster.controllers.replicaset import slow_start_batch
from tests.cluster import workloads as w


def test_pods_are_created_from_the_template_with_a_controller_ref() -> None:
    c = w.cluster()
    rs = w.create(c, w.replicaset(replicas=2))
    c.advance(0)
    pods = w.pods(c, app="web")
    assert len(pods) == 2
    for pod in pods:
        meta = pod["metadata"]
        assert meta["generateName"] == "web-"
        assert meta["name"].startswith("web-") and len(meta["name"]) == 9
        assert meta["ownerReferences"] == [
            {
                "apiVersion": "apps/v1",
                "kind": "ReplicaSet",
                "name": "web",
                "uid": rs["metadata"]["uid"],
                "controller": True,
                "blockOwnerDeletion": True,
            }
        ]
    created = sorted(m for r, m in w.events(c, "ReplicaSet", "web"))
    assert created == sorted(f"Created pod: {p['metadata']['name']}" for p in pods)


def test_a_deleted_pod_is_replaced_at_once() -> None:
    c = w.cluster()
    w.create(c, w.replicaset(replicas=2))
    c.advance(20)
    victim = w.pods(c, app="web")[0]["metadata"]["name"]
    w.run(c, f"kubectl delete pod {victim} --wait=false")
    names = {p["metadata"]["name"] for p in w.pods(c, app="web")}
    assert victim in names and len(names) == 3  # the old one is still terminating
    c.advance(20)
    status = c.api.get("replicasets", "web", "default")["status"]
    assert status["replicas"] == 2 and status["readyReplicas"] == 2
    assert status["terminatingReplicas"] == 0


def test_status_counts_ready_and_available_pods() -> None:
    c = w.cluster()
    w.create(c, w.replicaset(replicas=2))
    c.advance(20)
    status = c.api.get("replicasets", "web", "default")["status"]
    assert status == {
        "replicas": 2,
        "fullyLabeledReplicas": 2,
        "readyReplicas": 2,
        "availableReplicas": 2,
        "observedGeneration": 1,
        "terminatingReplicas": 0,
    }


def test_an_orphan_matching_the_selector_is_adopted_and_released() -> None:
    c = w.cluster()
    w.create(
        c,
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "stray", "labels": {"app": "web"}},
            "spec": {"containers": [{"name": "nginx", "image": "nginx:1.14.2"}]},
        },
    )
    rs = w.create(c, w.replicaset(replicas=1))
    c.advance(0)
    stray = c.api.get("pods", "stray", "default")
    assert stray["metadata"]["ownerReferences"][0]["uid"] == rs["metadata"]["uid"]
    assert len(w.pods(c, app="web")) == 1
    stray["metadata"]["labels"] = {"app": "elsewhere"}
    c.api.update(stray, actor="test")
    c.advance(0)
    assert "ownerReferences" not in c.api.get("pods", "stray", "default")["metadata"]
    assert len(w.pods(c, app="web")) == 1  # a replacement for the released pod


def test_slow_start_doubles_batches_and_stops_at_the_first_failure() -> None:
    calls: list[int] = []

    def create() -> StatusError | None:
        calls.append(len(calls))
        return StatusError(403, "Forbidden", "quota") if len(calls) == 5 else None

    try:
        slow_start_batch(10, create)
    except StatusError as err:
        assert err.message == "quota"
    # Batches of 1, 2 and 4: the failure in the third batch ends the run.
    assert len(calls) == 7
