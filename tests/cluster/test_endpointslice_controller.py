"""The EndpointSlice and Endpoints controllers, on an API server of their own."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.controllers.endpointpods import conditions
from cluster.controllers.endpoints import EndpointsController
from cluster.controllers.endpointslice import EndpointSliceController
from tests.cluster.conftest import ControlPlane

Obj = dict[str, Any]
ACTOR = "test"


def service(name: str = "web", ports: list[Obj] | None = None, **spec: Any) -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name, "namespace": "default", "labels": {"tier": "front"}},
        "spec": {
            "selector": {"app": "web"},
            "ports": ports or [{"port": 80, "targetPort": 8080}],
            **spec,
        },
    }


def pod(cp: ControlPlane, name: str, ip: str, ready: bool = True, **extra: Any) -> Obj:
    cp.api.create(
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "name": name,
                "namespace": "default",
                "labels": {"app": "web"},
            },
            "spec": {
                "nodeName": extra.get("node", "node-1"),
                "containers": [
                    {
                        "name": "app",
                        "image": "nginx",
                        "ports": extra.get("ports", [{"containerPort": 8080}]),
                    }
                ],
            },
        },
        actor=ACTOR,
    )
    current = cp.api.get("pods", name, "default")
    current["status"].update(
        phase="Running",
        podIP=ip,
        podIPs=[{"ip": ip}],
        conditions=[{"type": "Ready", "status": "True" if ready else "False"}],
    )
    return cp.api.update(current, actor=ACTOR, subresource="status")


@pytest.fixture
def cp(control_plane: ControlPlane) -> ControlPlane:
    EndpointSliceController(control_plane.api, control_plane.clock, ACTOR).start()
    EndpointsController(control_plane.api, control_plane.clock, ACTOR).start()
    return control_plane


def slices(cp: ControlPlane, name: str = "web") -> list[Obj]:
    cp.clock.run_until(cp.clock.now)
    selector = f"kubernetes.io/service-name={name}"
    return cp.api.list("endpointslices", "default", label_selector=selector)


@pytest.mark.parametrize(
    ("ready", "deleting", "publish", "expected"),
    [
        (True, False, False, (True, True, False)),
        (False, False, False, (False, False, False)),
        (True, True, False, (False, True, True)),
        (False, True, False, (False, False, True)),
        (False, False, True, (True, True, False)),
    ],
    ids=["ready", "unready", "terminating", "unready-terminating", "publish-not-ready"],
)
def test_endpoint_conditions(
    ready: bool, deleting: bool, publish: bool, expected: tuple[bool, bool, bool]
) -> None:
    meta: Obj = {"name": "p", "deletionTimestamp": "t" if deleting else None}
    status = {"conditions": [{"type": "Ready", "status": "True" if ready else "False"}]}
    svc = {"spec": {"publishNotReadyAddresses": publish}}
    assert conditions(svc, {"metadata": meta, "status": status}) == expected


def test_a_service_gets_a_slice_of_its_ready_pods(cp: ControlPlane) -> None:
    pod(cp, "web-a", "10.244.1.5")
    pod(cp, "web-b", "10.244.2.7", node="node-2")
    cp.api.create(service(), actor=ACTOR)
    [eps] = slices(cp)
    meta = eps["metadata"]
    assert meta["name"].startswith("web-") and len(meta["name"]) == len("web-") + 5
    assert meta["labels"] == {
        "tier": "front",
        "kubernetes.io/service-name": "web",
        "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
    }
    assert meta["ownerReferences"][0]["kind"] == "Service"
    assert meta["ownerReferences"][0]["controller"] is True
    assert eps["addressType"] == "IPv4"
    assert eps["ports"] == [{"name": "", "port": 8080, "protocol": "TCP"}]
    first = eps["endpoints"][0]
    assert first["addresses"] == ["10.244.1.5"]
    assert first["conditions"] == {"ready": True, "serving": True, "terminating": False}
    assert first["nodeName"] == "node-1"
    assert first["targetRef"]["kind"] == "Pod" and first["targetRef"]["name"] == "web-a"


def test_a_service_with_no_pods_keeps_a_placeholder(cp: ControlPlane) -> None:
    cp.api.create(service(), actor=ACTOR)
    [eps] = slices(cp)
    assert eps["endpoints"] is None and "ports" not in eps


def test_the_placeholder_gives_way_to_a_real_slice(cp: ControlPlane) -> None:
    cp.api.create(service(), actor=ACTOR)
    [placeholder] = slices(cp)
    pod(cp, "web-a", "10.244.1.5")
    [eps] = slices(cp)
    assert eps["metadata"]["name"] != placeholder["metadata"]["name"]
    assert [e["addresses"][0] for e in eps["endpoints"]] == ["10.244.1.5"]


def test_an_unready_pod_is_listed_not_ready(cp: ControlPlane) -> None:
    pod(cp, "web-a", "10.244.1.5", ready=False)
    cp.api.create(service(), actor=ACTOR)
    [eps] = slices(cp)
    assert eps["endpoints"][0]["conditions"]["ready"] is False


def test_a_slice_holds_at_most_100_endpoints(cp: ControlPlane) -> None:
    cp.api.create(service(), actor=ACTOR)
    for i in range(150):
        pod(cp, f"web-{i:03d}", f"10.244.{i // 200}.{i % 200 + 2}")
    sizes = sorted(len(eps["endpoints"]) for eps in slices(cp))
    assert sizes == [50, 100]


def test_pods_with_different_ports_get_different_slices(cp: ControlPlane) -> None:
    named = [{"port": 80, "targetPort": "http"}]
    pod(cp, "web-a", "10.244.1.5", ports=[{"name": "http", "containerPort": 8080}])
    pod(cp, "web-b", "10.244.1.6", ports=[{"name": "http", "containerPort": 9090}])
    cp.api.create(service(ports=named), actor=ACTOR)
    ports = sorted(eps["ports"][0]["port"] for eps in slices(cp))
    assert ports == [8080, 9090]


def test_a_service_without_selector_gets_no_slices(cp: ControlPlane) -> None:
    svc = service()
    del svc["spec"]["selector"]
    cp.api.create(svc, actor=ACTOR)
    assert slices(cp) == []


def test_endpoints_list_ready_and_unready_addresses(cp: ControlPlane) -> None:
    pod(cp, "web-a", "10.244.1.9")
    pod(cp, "web-b", "10.244.1.10")
    pod(cp, "web-c", "10.244.2.3", ready=False)
    cp.api.create(service(), actor=ACTOR)
    cp.clock.run_until(cp.clock.now)
    ep = cp.api.get("endpoints", "web", "default")
    [subset] = ep["subsets"]
    # RepackSubsets orders addresses by their text.
    assert [a["ip"] for a in subset["addresses"]] == ["10.244.1.10", "10.244.1.9"]
    assert [a["ip"] for a in subset["notReadyAddresses"]] == ["10.244.2.3"]
    assert subset["ports"] == [{"port": 8080, "protocol": "TCP"}]
    assert ep["metadata"]["labels"] == {"tier": "front"}
