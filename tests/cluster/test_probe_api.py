"""Probes in the API: the defaults the server fills in and the mistakes it
refuses, with kube-apiserver's field paths and messages."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.api.errors import StatusError

from .conftest import ControlPlane

Obj = dict[str, Any]


def pod_with(probe_key: str, probe: Obj, init: bool = False) -> Obj:
    container = {"name": "app", "image": "nginx", probe_key: probe}
    spec: Obj = {"containers": [{"name": "main", "image": "nginx"}]}
    if init:
        spec["initContainers"] = [container]
    else:
        spec["containers"] = [container]
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": spec}


def test_probe_defaults(control_plane: ControlPlane) -> None:
    created = control_plane.api.create(
        pod_with("livenessProbe", {"httpGet": {"port": 80}}), actor="t"
    )
    probe = created["spec"]["containers"][0]["livenessProbe"]
    assert probe == {
        "httpGet": {"port": 80, "path": "/", "scheme": "HTTP"},
        "timeoutSeconds": 1,
        "periodSeconds": 10,
        "successThreshold": 1,
        "failureThreshold": 3,
    }


def test_grpc_service_defaults_to_empty(control_plane: ControlPlane) -> None:
    created = control_plane.api.create(
        pod_with("readinessProbe", {"grpc": {"port": 2379}}), actor="t"
    )
    assert created["spec"]["containers"][0]["readinessProbe"]["grpc"] == {
        "port": 2379,
        "service": "",
    }


@pytest.mark.parametrize(
    ("key", "probe", "init", "cause"),
    [
        (
            "livenessProbe",
            {"exec": {"command": ["true"]}, "successThreshold": 2},
            False,
            "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: "
            "must be 1",
        ),
        (
            "readinessProbe",
            {"tcpSocket": {"port": 80}, "periodSeconds": -1},
            False,
            "spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: "
            "must be greater than or equal to 0",
        ),
        (
            "readinessProbe",
            {"periodSeconds": 5},
            False,
            "spec.containers[0].readinessProbe: Required value: must specify a handler "
            "type",
        ),
        (
            "livenessProbe",
            {"exec": {"command": ["true"]}, "tcpSocket": {"port": 80}},
            False,
            "spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify "
            "more than 1 handler type",
        ),
        (
            "livenessProbe",
            {"httpGet": {"port": 70000}},
            False,
            "spec.containers[0].livenessProbe.httpGet.port: Invalid value: 70000: "
            "must be between 1 and 65535, inclusive",
        ),
        (
            "readinessProbe",
            {"exec": {"command": ["true"]}},
            True,
            "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init "
            "containers without restartPolicy=Always",
        ),
    ],
    ids=[
        "liveness-success-threshold",
        "negative-period",
        "no-handler",
        "two-handlers",
        "port-range",
        "init-container",
    ],
)
def test_invalid_probes_are_refused(
    control_plane: ControlPlane, key: str, probe: Obj, init: bool, cause: str
) -> None:
    with pytest.raises(StatusError) as err:
        control_plane.api.create(pod_with(key, probe, init), actor="t")
    assert err.value.reason == "Invalid"
    causes = [f"{c['field']}: {c['message']}" for c in err.value.details["causes"]]
    assert cause in causes
