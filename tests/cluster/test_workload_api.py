"""Deployments, ReplicaSets, DaemonSets and Jobs in the API server: v1.35's
defaulting, validation messages, immutable selectors and generations."""

from __future__ import annotations

import pytest

from cluster.api.errors import StatusError
from tests.cluster import workloads as w
from tests.cluster.conftest import ControlPlane


def _create(cp: ControlPlane, obj: dict) -> dict:
    return dict(cp.api.create(obj, actor="test"))


def _error(cp: ControlPlane, obj: dict) -> str:
    with pytest.raises(StatusError) as caught:
        cp.api.create(obj, actor="test")
    return caught.value.message


def test_deployment_defaults(control_plane: ControlPlane) -> None:
    d = _create(control_plane, w.deployment(replicas=None))
    spec = d["spec"]
    assert spec["replicas"] == 1
    assert spec["strategy"] == {
        "type": "RollingUpdate",
        "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"},
    }
    assert spec["revisionHistoryLimit"] == 10
    assert spec["progressDeadlineSeconds"] == 600
    assert d["metadata"]["generation"] == 1 and d["status"] == {}


def test_the_template_gets_pod_spec_defaults_but_no_pod_admission(
    control_plane: ControlPlane,
) -> None:
    spec = _create(control_plane, w.deployment())["spec"]["template"]["spec"]
    assert spec["restartPolicy"] == "Always"
    assert spec["dnsPolicy"] == "ClusterFirst"
    assert spec["terminationGracePeriodSeconds"] == 30
    assert spec["schedulerName"] == "default-scheduler"
    assert spec["securityContext"] == {}
    assert spec["containers"][0]["imagePullPolicy"] == "IfNotPresent"
    for pod_only in ("serviceAccountName", "tolerations", "priority", "volumes"):
        assert pod_only not in spec


@pytest.mark.parametrize(
    ("kind", "defaults"),
    [
        ("ReplicaSet", {"replicas": 1}),
        (
            "DaemonSet",
            {
                "updateStrategy": {
                    "type": "RollingUpdate",
                    "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0},
                },
                "revisionHistoryLimit": 10,
            },
        ),
    ],
    ids=["replicaset", "daemonset"],
)
def test_apps_defaults(control_plane: ControlPlane, kind: str, defaults: dict) -> None:
    obj = w.replicaset() if kind == "ReplicaSet" else w.daemonset()
    obj["spec"].pop("replicas", None)
    spec = _create(control_plane, obj)["spec"]
    assert {k: spec[k] for k in defaults} == defaults


def test_a_daemonset_starts_at_template_generation_one(
    control_plane: ControlPlane,
) -> None:
    ds = _create(control_plane, w.daemonset())
    annotations = ds["metadata"]["annotations"]
    assert annotations["deprecated.daemonset.template.generation"] == "1"
    assert ds["status"] == {
        "currentNumberScheduled": 0,
        "numberMisscheduled": 0,
        "desiredNumberScheduled": 0,
        "numberReady": 0,
    }


def test_job_defaults_and_generated_selector(control_plane: ControlPlane) -> None:
    job = _create(control_plane, w.job(backoffLimit=4))
    uid, spec = job["metadata"]["uid"], job["spec"]
    assert (spec["completions"], spec["parallelism"], spec["backoffLimit"]) == (1, 1, 4)
    assert spec["completionMode"] == "NonIndexed"
    assert spec["suspend"] is False and spec["manualSelector"] is False
    assert spec["podReplacementPolicy"] == "TerminatingOrFailed"
    assert spec["selector"] == {
        "matchLabels": {"batch.kubernetes.io/controller-uid": uid}
    }
    labels = {
        "batch.kubernetes.io/controller-uid": uid,
        "batch.kubernetes.io/job-name": "pi",
        "controller-uid": uid,
        "job-name": "pi",
    }
    assert spec["template"]["metadata"]["labels"] == labels
    assert job["metadata"]["labels"] == labels


def test_parallel_job_keeps_completions_unset(control_plane: ControlPlane) -> None:
    spec = _create(control_plane, w.job(parallelism=3))["spec"]
    assert "completions" not in spec and spec["parallelism"] == 3


INVALID = [
    pytest.param(
        w.deployment(template=w.template({"app": "x"})),
        'Deployment.apps "web" is invalid: spec.template.metadata.labels: '
        'Invalid value: {"app":"x"}: `selector` does not match template `labels`',
        id="labels-do-not-match",
    ),
    pytest.param(
        w.deployment(selector=None),
        'Deployment.apps "web" is invalid: [spec.selector: Required value, '
        'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` '
        "does not match template `labels`]",
        id="no-selector",
    ),
    pytest.param(
        w.deployment(selector={}),
        'Deployment.apps "web" is invalid: spec.selector: Invalid value: {}: '
        "empty selector is invalid for deployment",
        id="empty-selector",
    ),
    pytest.param(
        w.deployment(replicas=-1),
        'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: '
        "must be greater than or equal to 0",
        id="negative-replicas",
    ),
    pytest.param(
        w.deployment(strategy={"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 0}}),
        'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.'
        "maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0",
        id="zero-surge-and-unavailable",
    ),
    pytest.param(
        w.deployment(strategy={"type": "Recreate", "rollingUpdate": {}}),
        'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate: '
        "Forbidden: may not be specified when strategy `type` is 'Recreate'",
        id="recreate-with-rolling-update",
    ),
    pytest.param(
        w.deployment(template=w.template(restart_policy="Never")),
        'Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: '
        'Unsupported value: "Never": supported values: "Always"',
        id="deployment-restart-never",
    ),
    pytest.param(
        w.job(restart_policy="Always"),
        'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: '
        'Unsupported value: "Always": supported values: "OnFailure", "Never"',
        id="job-restart-always",
    ),
    pytest.param(
        w.daemonset(selector={"matchLabels": {"app": "other"}}),
        'DaemonSet.apps "agent" is invalid: spec.template.metadata.labels: '
        'Invalid value: {"app":"agent"}: `selector` does not match template '
        "`labels`",
        id="daemonset-mismatch",
    ),
]


@pytest.mark.parametrize(("obj", "message"), INVALID)
def test_invalid_workloads(
    control_plane: ControlPlane, obj: dict, message: str
) -> None:
    if obj["spec"].get("selector", ...) is None:
        obj["spec"].pop("selector")
    assert _error(control_plane, obj) == message


def test_a_deployment_selector_is_immutable(control_plane: ControlPlane) -> None:
    d = _create(control_plane, w.deployment())
    d["spec"]["selector"] = {"matchLabels": {"app": "web2"}}
    d["spec"]["template"]["metadata"]["labels"] = {"app": "web2"}
    with pytest.raises(StatusError) as caught:
        control_plane.api.update(d, actor="test")
    assert caught.value.message == (
        'Deployment.apps "web" is invalid: spec.selector: Invalid value: '
        '{"matchLabels":{"app":"web2"}}: field is immutable'
    )


@pytest.mark.parametrize(
    ("change", "generation"),
    [
        (lambda d: d["spec"].update(replicas=5), 2),
        (lambda d: d["metadata"].setdefault("annotations", {}).update(a="b"), 2),
        (lambda d: d["metadata"].setdefault("labels", {}).update(a="b"), 1),
    ],
    ids=["spec", "annotations", "labels"],
)
def test_deployment_generation(control_plane: ControlPlane, change, generation) -> None:
    d = _create(control_plane, w.deployment())
    change(d)
    assert control_plane.api.update(d, actor="test")["metadata"]["generation"] == (
        generation
    )


def test_status_writes_may_set_a_deployments_annotations(
    control_plane: ControlPlane,
) -> None:
    d = _create(control_plane, w.deployment())
    d["metadata"]["annotations"] = {"deployment.kubernetes.io/revision": "1"}
    d["status"] = {"observedGeneration": 1}
    d["spec"]["replicas"] = 9
    stored = control_plane.api.update(d, actor="test", subresource="status")
    assert stored["metadata"]["annotations"] == {
        "deployment.kubernetes.io/revision": "1"
    }
    assert stored["spec"]["replicas"] == 3 and stored["metadata"]["generation"] == 1


def test_a_daemonset_template_change_bumps_the_template_generation(
    control_plane: ControlPlane,
) -> None:
    ds = _create(control_plane, w.daemonset())
    ds["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.16.1"
    stored = control_plane.api.update(ds, actor="test")
    assert stored["metadata"]["generation"] == 2
    assert (
        stored["metadata"]["annotations"]["deprecated.daemonset.template.generation"]
        == "2"
    )
