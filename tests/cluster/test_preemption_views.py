"""What the diagram learns of a preemption: the ``schedule`` event names the
nominated node and the victims, the victim's pod view says it is being
preempted, and the preemptor's says which node it was nominated to."""

from __future__ import annotations

from typing import Any

import yaml

from cluster.engine import Cluster

Obj = dict[str, Any]
FILLER = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "filler"},
    "spec": {
        "replicas": 3,
        "selector": {"matchLabels": {"app": "filler"}},
        "template": {
            "metadata": {"labels": {"app": "filler"}},
            "spec": {"containers": [{"name": "app", "image": "nginx:1.27",
                                     "resources": {"requests": {"cpu": "1500m"}}}]},
        },
    },
}  # fmt: skip
HIGH = {
    "apiVersion": "scheduling.k8s.io/v1",
    "kind": "PriorityClass",
    "metadata": {"name": "high-prio"},
    "value": 1000,
}
URGENT = {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {"name": "urgent"},
    "spec": {
        "priorityClassName": "high-prio",
        "containers": [{"name": "app", "image": "nginx:1.27",
                        "resources": {"requests": {"cpu": "1500m"}}}],
    },
}  # fmt: skip


def apply(cluster: Cluster, obj: Obj) -> None:
    result = cluster.execute("kubectl apply -f -", yaml.safe_dump(obj))
    assert result.ok, result.output


def views(events: list[Obj], name: str) -> list[Obj]:
    return [
        e["view"]
        for e in events
        if e["type"] == "object" and e["kind"] == "Pod" and e["name"] == name
    ]


def test_a_preemption_is_told_in_events_and_pod_views() -> None:
    cluster = Cluster.sandbox(seed=1)
    apply(cluster, HIGH)
    apply(cluster, FILLER)
    cluster.advance(20)
    events: list[Obj] = []
    cluster.subscribe(events.append)
    apply(cluster, URGENT)
    (first, *_) = [e for e in events if e["type"] == "schedule"]
    assert first["pod"] == "default/urgent" and first["node"] is None
    node = first["nominatedNode"]
    (victim,) = first["victims"]
    victim_name = victim.split("/")[1]
    victim_views = views(events, victim_name)
    assert victim_views[-1]["preempted"] and victim_views[-1]["node"] == node
    assert views(events, "urgent")[-1]["nominated"] == node
    cluster.advance(10)
    assert victim_name not in {p["metadata"]["name"] for p in cluster.api.list("pods")}
    bound = cluster.api.views.of(cluster.api.get("pods", "urgent", "default"))
    assert (bound["node"], bound["nominated"], bound["preempted"]) == (
        node,
        None,
        False,
    )
