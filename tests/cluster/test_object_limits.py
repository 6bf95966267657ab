"""The host-level cap on objects per cluster: a clear error, nothing changed."""

from __future__ import annotations

from cluster.engine import Cluster, ClusterConfig


def pod_yaml(name: str) -> str:
    return (
        f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n"
        "  containers:\n  - name: c\n    image: nginx\n"
    )


def test_creating_past_the_pod_cap_is_refused_and_changes_nothing() -> None:
    cluster = Cluster(ClusterConfig(limits={"pods": 2}))
    for name in ("a", "b"):
        assert cluster.execute("kubectl apply -f -", pod_yaml(name)).ok
    revision = cluster.store.revision
    result = cluster.execute("kubectl apply -f -", pod_yaml("c"))
    assert not result.ok
    assert result.output == (
        'Error from server (Forbidden): error when creating "STDIN": pods "c" is '
        "forbidden: this sandbox cluster holds at most 2 pods (a Pilothouse host "
        "limit, not a Kubernetes one)"
    )
    assert cluster.store.revision == revision


def test_deleting_frees_room_under_the_cap() -> None:
    cluster = Cluster(ClusterConfig(limits={"pods": 1}))
    assert cluster.execute("kubectl apply -f -", pod_yaml("a")).ok
    cluster.execute("kubectl delete pod a")
    assert cluster.api.limits.count("pods") == 0
    assert cluster.execute("kubectl apply -f -", pod_yaml("b")).ok


def test_the_default_caps_are_5000_pods() -> None:
    assert Cluster.sandbox().api.limits.limits["pods"] == 5000
