"""Defaulting as kube-apiserver applies it on create (``pkg/apis/core/v1/defaults.go``
plus the admission plugins of a default cluster)."""

from __future__ import annotations

from typing import Any

from cluster.api.probes import default_probes
from cluster.api.quantity import parse_quantity

DEFAULT_TERMINATION_GRACE_PERIOD = 30
DEFAULT_TOLERATION_SECONDS = 300  # DefaultTolerationSeconds admission
DEFAULT_SCHEDULER = "default-scheduler"

Obj = dict[str, Any]


def default_pod(pod: Obj) -> None:
    spec = pod.setdefault("spec", {})
    for key, value in _POD_SPEC_DEFAULTS.items():
        spec.setdefault(key, value() if callable(value) else value)
    for container in spec.get("initContainers", []) + spec.get("containers", []):
        _default_container(container)
    _add_default_tolerations(spec)


def default_pod_template(template: Obj) -> None:
    """``SetDefaults_PodSpec`` on a workload's template: the pod defaults a
    template carries, without what only pods get (service account, priority,
    enableServiceLinks and the DefaultTolerationSeconds tolerations)."""
    spec = template.setdefault("spec", {})
    for key in _TEMPLATE_SPEC_DEFAULTS:
        value = _POD_SPEC_DEFAULTS[key]
        spec.setdefault(key, value() if callable(value) else value)
    for container in spec.get("initContainers", []) + spec.get("containers", []):
        _default_container(container)


def pod_qos_class(pod: Obj) -> str:
    """Guaranteed, Burstable or BestEffort, from the containers' resources."""
    containers = pod["spec"].get("containers", []) + pod["spec"].get(
        "initContainers", []
    )
    requests = [c.get("resources", {}).get("requests", {}) for c in containers]
    limits = [c.get("resources", {}).get("limits", {}) for c in containers]
    if not any(r for r in requests) and not any(lim for lim in limits):
        return "BestEffort"
    guaranteed = all(
        all(
            lim.get(res) is not None and _same(req.get(res), lim[res])
            for res in ("cpu", "memory")
        )
        for req, lim in zip(requests, limits, strict=True)
    )
    return "Guaranteed" if guaranteed else "Burstable"


def _default_container(container: Obj) -> None:
    container.setdefault("imagePullPolicy", _pull_policy(container.get("image", "")))
    resources = container.setdefault("resources", {})
    limits = resources.get("limits") or {}
    requests = resources.get("requests") or {}
    for name, limit in limits.items():
        # A limit with no request defaults the request to the limit.
        requests.setdefault(name, limit)
    if requests:
        resources["requests"] = requests
    container.setdefault("terminationMessagePath", "/dev/termination-log")
    container.setdefault("terminationMessagePolicy", "File")
    for port in container.get("ports", []):
        port.setdefault("protocol", "TCP")
    default_probes(container)


def _pull_policy(image: str) -> str:
    name = image.rpartition("/")[2]
    if "@" in name:
        return "IfNotPresent"
    tag = name.partition(":")[2]
    return "Always" if tag in ("", "latest") else "IfNotPresent"


def _add_default_tolerations(spec: Obj) -> None:
    tolerations = spec.setdefault("tolerations", [])
    for key in ("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"):
        if not any(_tolerates_no_execute(t, key) for t in tolerations):
            tolerations.append(
                {
                    "key": key,
                    "operator": "Exists",
                    "effect": "NoExecute",
                    "tolerationSeconds": DEFAULT_TOLERATION_SECONDS,
                }
            )


def _tolerates_no_execute(toleration: Obj, key: str) -> bool:
    return toleration.get("key") in (key, None, "") and toleration.get("effect") in (
        "NoExecute",
        None,
        "",
    )


def _same(a: Any, b: Any) -> bool:
    return a is not None and parse_quantity(a).value == parse_quantity(b).value


_POD_SPEC_DEFAULTS: dict[str, Any] = {
    "restartPolicy": "Always",
    "terminationGracePeriodSeconds": DEFAULT_TERMINATION_GRACE_PERIOD,
    "dnsPolicy": "ClusterFirst",
    "securityContext": dict,
    "schedulerName": DEFAULT_SCHEDULER,
    "serviceAccountName": "default",
    "serviceAccount": "default",
    "enableServiceLinks": True,
    "priority": 0,
    "preemptionPolicy": "PreemptLowerPriority",
}
_TEMPLATE_SPEC_DEFAULTS = (
    "restartPolicy",
    "terminationGracePeriodSeconds",
    "dnsPolicy",
    "securityContext",
    "schedulerName",
)
