"""Builders for the kube-proxy tests: a sandbox cluster with ``web`` pods
pinned to chosen nodes, a ``client`` pod, and a ``web`` Service."""

from __future__ import annotations

import yaml

from cluster.engine import Cluster

SETTLE = 30.0  # pods start, become Ready, slices and rules follow


def pod(name: str, node: str, labels: dict[str, str] | None = None) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": labels or {"app": "web"}},
        "spec": {
            "nodeName": node,
            "containers": [
                {"name": "c", "image": "nginx", "ports": [{"containerPort": 80}]}
            ],
        },
    }


def service(name: str = "web", **spec: object) -> dict:
    body = {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 80}]}
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name},
        "spec": {**body, **spec},
    }


def apply(cluster: Cluster, *objects: dict) -> None:
    text = yaml.safe_dump_all(list(objects))
    result = cluster.execute("kubectl apply -f -", text)
    assert result.ok, result.output


def web_cluster(
    nodes: tuple[str, ...] = ("node-1", "node-2", "node-3"),
    seed: int = 0,
    client_node: str = "node-1",
    **spec: object,
) -> Cluster:
    cluster = Cluster.sandbox(seed=seed)
    pods = [pod(f"web-{i}", node) for i, node in enumerate(nodes)]
    client = pod("client", client_node, {"app": "client"})
    apply(cluster, *pods, client, service(**spec))
    cluster.advance(SETTLE)
    return cluster


def run(cluster: Cluster, line: str, seconds: float = 0.0) -> str:
    result = cluster.execute(line)
    assert result.ok, result.output
    cluster.advance(seconds)
    return result.output


def stats(cluster: Cluster, name: str = "web") -> dict[str, int]:
    """Requests per endpoint pod (failures under their error text)."""
    tally = cluster.traffic.tally(f"default/{name}")
    found = {tally.endpoints[a].pod or a: n for a, n in tally.hits.items()}
    return {**found, **tally.failures}
