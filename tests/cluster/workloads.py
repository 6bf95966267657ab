"""Builders for workload objects and a small cluster helper for the workload
controller tests: manifests with only what a test cares about spelled out."""

from __future__ import annotations

import copy
from typing import Any

from cluster.engine import Cluster, ClusterConfig

Obj = dict[str, Any]
WORKERS = [
    {"name": "node-1", "cpu": "4", "memory": "8Gi"},
    {"name": "node-2", "cpu": "4", "memory": "8Gi"},
]


def template(
    labels: dict[str, str] | None = None,
    image: str = "nginx:1.14.2",
    restart_policy: str | None = None,
    command: list[str] | None = None,
) -> Obj:
    container: Obj = {"name": "nginx", "image": image}
    if command:
        container["command"] = command
    spec: Obj = {"containers": [container]}
    if restart_policy:
        spec["restartPolicy"] = restart_policy
    return {"metadata": {"labels": dict(labels or {"app": "web"})}, "spec": spec}


def deployment(name: str = "web", replicas: int | None = 3, **spec: Any) -> Obj:
    body: Obj = {"selector": {"matchLabels": {"app": "web"}}, "template": template()}
    if replicas is not None:
        body["replicas"] = replicas
    body.update(spec)
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": "default"},
        "spec": body,
    }


def replicaset(name: str = "web", replicas: int = 3, **spec: Any) -> Obj:
    obj = deployment(name, replicas, **spec)
    obj["kind"] = "ReplicaSet"
    return obj


def daemonset(name: str = "agent", **spec: Any) -> Obj:
    body: Obj = {
        "selector": {"matchLabels": {"app": name}},
        "template": template({"app": name}),
    }
    body.update(spec)
    return {
        "apiVersion": "apps/v1",
        "kind": "DaemonSet",
        "metadata": {"name": name, "namespace": "default"},
        "spec": body,
    }


def job(
    name: str = "pi",
    command: list[str] | None = None,
    restart_policy: str = "Never",
    **spec: Any,
) -> Obj:
    pod = template(
        {},
        image="perl:5.34.0",
        restart_policy=restart_policy,
        command=command or ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"],
    )
    pod["metadata"] = {}
    body: Obj = {"template": pod}
    body.update(spec)
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": name, "namespace": "default"},
        "spec": body,
    }


def cluster(nodes: list[Obj] | None = None, seed: int = 0) -> Cluster:
    return Cluster(
        ClusterConfig(
            seed=seed, nodes=copy.deepcopy(WORKERS if nodes is None else nodes)
        )
    )


def create(c: Cluster, obj: Obj) -> Obj:
    return dict(c.api.create(copy.deepcopy(obj), actor="test"))


def pods(c: Cluster, **labels: str) -> list[Obj]:
    selector = ",".join(f"{k}={v}" for k, v in labels.items()) or None
    return list(c.api.list("pods", "default", label_selector=selector))


def events(c: Cluster, kind: str, name: str) -> list[tuple[str, str]]:
    """(reason, message) of the Events about one object, oldest first."""
    found = [
        e
        for e in c.api.list("events", "default")
        if e["involvedObject"]["kind"] == kind and e["involvedObject"]["name"] == name
    ]
    found.sort(key=lambda e: e["metadata"]["name"])
    return [(e["reason"], e["message"]) for e in found]


def run(c: Cluster, line: str, stdin: str | None = None) -> str:
    return c.execute(line, stdin=stdin).output


WEB_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
  - name: web
    image: nginx:1.27
"""


def web_and_db() -> Cluster:
    """The sandbox with pods ``web`` and ``db``, a minute after they were applied."""
    c = Cluster.sandbox(seed=1)
    for name in ("web", "db"):
        c.execute("kubectl apply -f -", WEB_POD.format(name=name))
    c.advance(60)
    return c
