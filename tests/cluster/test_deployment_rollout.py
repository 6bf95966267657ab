"""The Deployment controller: fenceposts, the rolling update's order of
scaling, Recreate, a stalled rollout, revisions and history cleanup,
proportional scaling and the progress deadline."""

from __future__ import annotations

import pytest

from cluster.controllers.deployment import util as du
from cluster.controllers.hashing import ALPHANUMS, compute_hash, fnv32a, safe_encode
from tests.cluster import workloads as w


def _d(replicas: int, surge: object, unavailable: object) -> dict:
    strategy = {
        "type": "RollingUpdate",
        "rollingUpdate": {"maxSurge": surge, "maxUnavailable": unavailable},
    }
    return {"spec": {"replicas": replicas, "strategy": strategy}}


@pytest.mark.parametrize(
    ("replicas", "surge", "unavailable", "expected"),
    [
        (3, "25%", "25%", (1, 0)),  # surge rounds up, unavailable down
        (4, "25%", "25%", (1, 1)),
        (10, "25%", "25%", (3, 2)),
        (10, 3, 2, (3, 2)),
        (1, "0%", "10%", (0, 1)),  # both 0: unavailable becomes 1
        (2, "50%", "100%", (1, 2)),
    ],
)
def test_fenceposts(
    replicas: int, surge: object, unavailable: object, expected
) -> None:
    assert du.resolve_fenceposts(_d(replicas, surge, unavailable)) == expected


def test_max_unavailable_is_zero_without_replicas() -> None:
    assert du.max_unavailable(_d(0, "25%", "25%")) == 0


def test_fnv32a_and_safe_encode() -> None:
    assert fnv32a(b"") == 0x811C9DC5
    assert fnv32a(b"a") == 0xE40C292C
    assert safe_encode("0123") == "".join(ALPHANUMS[ord(c) % 27] for c in "0123")
    template = w.template()
    assert compute_hash(template) == compute_hash(dict(template))
    assert compute_hash(template) != compute_hash(template, collision_count=1)


def _rollout(c, image: str = "nginx:1.16.1") -> None:
    d = c.api.get("deployments", "web", "default")
    d["spec"]["template"]["spec"]["containers"][0]["image"] = image
    c.api.update(d, actor="test")


def _rs_by_image(c) -> dict[str, dict]:
    return {
        rs["spec"]["template"]["spec"]["containers"][0]["image"]: rs
        for rs in c.api.list("replicasets", "default")
    }


def test_the_new_replicaset_is_named_by_the_template_hash() -> None:
    c = w.cluster()
    w.create(c, w.deployment())
    c.advance(0)
    (rs,) = c.api.list("replicasets", "default")
    pod_hash = rs["metadata"]["labels"]["pod-template-hash"]
    assert rs["metadata"]["name"] == f"web-{pod_hash}"
    assert rs["spec"]["selector"] == {
        "matchLabels": {"app": "web", "pod-template-hash": pod_hash}
    }
    assert rs["metadata"]["annotations"] == {
        "deployment.kubernetes.io/desired-replicas": "3",
        "deployment.kubernetes.io/max-replicas": "4",
        "deployment.kubernetes.io/revision": "1",
    }
    d = c.api.get("deployments", "web", "default")
    assert d["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "1"
    assert w.events(c, "Deployment", "web") == [
        ("ScalingReplicaSet", f"Scaled up replica set web-{pod_hash} from 0 to 3")
    ]


def test_a_rolling_update_surges_one_and_keeps_all_available() -> None:
    c = w.cluster()
    w.create(c, w.deployment())
    c.advance(30)
    _rollout(c)
    c.advance(60)
    rss = _rs_by_image(c)
    old, new = (rss[i]["metadata"]["name"] for i in ("nginx:1.14.2", "nginx:1.16.1"))
    assert [m for _, m in w.events(c, "Deployment", "web")] == [
        f"Scaled up replica set {old} from 0 to 3",
        f"Scaled up replica set {new} from 0 to 1",
        f"Scaled down replica set {old} from 3 to 2",
        f"Scaled up replica set {new} from 1 to 2",
        f"Scaled down replica set {old} from 2 to 1",
        f"Scaled up replica set {new} from 2 to 3",
        f"Scaled down replica set {old} from 1 to 0",
    ]
    status = c.api.get("deployments", "web", "default")["status"]
    assert [(x["type"], x["reason"]) for x in status["conditions"]] == [
        ("Available", "MinimumReplicasAvailable"),
        ("Progressing", "NewReplicaSetAvailable"),
    ]
    assert status["conditions"][1]["message"] == (
        f'ReplicaSet "{new}" has successfully progressed.'
    )


def test_a_broken_image_stalls_the_rollout_with_the_old_pods_kept() -> None:
    c = w.cluster()
    w.create(c, w.deployment())
    c.advance(30)
    _rollout(c, "nginx:1.161")
    c.advance(60)
    rss = _rs_by_image(c)
    assert rss["nginx:1.14.2"]["spec"]["replicas"] == 3
    assert rss["nginx:1.161"]["spec"]["replicas"] == 1
    out = w.run(c, "kubectl get pods")
    assert out.count("Running") == 3
    assert "ImagePullBackOff" in out or "ErrImagePull" in out
    d = c.api.get("deployments", "web", "default")
    assert d["status"]["unavailableReplicas"] == 1
    assert du.get_condition(d["status"], "Progressing")["reason"] == "ReplicaSetUpdated"


def test_the_progress_deadline_marks_the_rollout_failed() -> None:
    c = w.cluster()
    w.create(c, w.deployment(progressDeadlineSeconds=60))
    c.advance(30)
    _rollout(c, "nginx:1.161")
    c.advance(120)
    d = c.api.get("deployments", "web", "default")
    cond = du.get_condition(d["status"], "Progressing")
    new = _rs_by_image(c)["nginx:1.161"]["metadata"]["name"]
    assert (cond["status"], cond["reason"]) == ("False", "ProgressDeadlineExceeded")
    assert cond["message"] == f'ReplicaSet "{new}" has timed out progressing.'


def test_recreate_scales_old_to_zero_before_creating_new() -> None:
    c = w.cluster()
    w.create(c, w.deployment(strategy={"type": "Recreate"}))
    c.advance(30)
    _rollout(c)
    c.advance(0)
    assert len(_rs_by_image(c)) == 1  # old pods are still terminating
    c.advance(60)
    rss = _rs_by_image(c)
    assert rss["nginx:1.14.2"]["spec"]["replicas"] == 0
    assert rss["nginx:1.16.1"]["spec"]["replicas"] == 3
    new = rss["nginx:1.16.1"]["metadata"]["name"]
    assert w.events(c, "Deployment", "web")[-1] == (
        "ScalingReplicaSet",
        f"Scaled up replica set {new} from 0 to 3",
    )


def test_history_beyond_the_limit_is_cleaned_up() -> None:
    c = w.cluster()
    w.create(c, w.deployment(replicas=1, revisionHistoryLimit=1))
    c.advance(30)
    for image in ("nginx:1.16.1", "nginx:1.25", "nginx:1.27"):
        _rollout(c, image)
        c.advance(60)
    revisions = sorted(du.revision(rs) for rs in c.api.list("replicasets", "default"))
    assert revisions == [3, 4]


def test_scaling_mid_rollout_is_proportional() -> None:
    c = w.cluster()
    w.create(
        c,
        w.deployment(
            replicas=10,
            strategy={"rollingUpdate": {"maxSurge": 3, "maxUnavailable": 2}},
        ),
    )
    c.advance(60)
    _rollout(c, "nginx:1.161")
    c.advance(30)
    rss = _rs_by_image(c)
    assert (
        rss["nginx:1.14.2"]["spec"]["replicas"],
        rss["nginx:1.161"]["spec"]["replicas"],
    ) == (8, 5)
    w.run(c, "kubectl scale deployment/web --replicas=15")
    c.advance(0)
    rss = _rs_by_image(c)
    # 5 more replicas (plus nothing more surge): 3 to the old, 2 to the new.
    assert (
        rss["nginx:1.14.2"]["spec"]["replicas"],
        rss["nginx:1.161"]["spec"]["replicas"],
    ) == (11, 7)
