"""Pods: defaulting, admission, validation and update rules (core/v1)."""

from __future__ import annotations

import copy
import random
from typing import Any

from cluster.api import admission, defaults, names
from cluster.api.errors import FieldError
from cluster.api.strategy import Strategy
from cluster.api.validation import validate_metadata, validate_pod_spec

Obj = dict[str, Any]
# generateName and volume suffixes use apimachinery's consonant-and-digit
# alphabet so they never spell words.
SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
_IMMUTABLE_DETAIL = (
    "pod updates may not change fields other than `spec.containers[*].image`,"
    "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations`"
    " (only additions to existing tolerations),`spec.terminationGracePeriodSeconds`"
    " (allow it to be set to 1 if it was previously negative)"
)


def validate(pod: Obj) -> list[FieldError]:
    errors = validate_metadata(pod, names.dns1123_subdomain, namespaced=True)
    return errors + validate_pod_spec(pod.get("spec", {}))


def validate_update(old: Obj, new: Obj) -> list[FieldError]:
    if old.get("spec") == new.get("spec"):
        return []  # metadata or status changes only: nothing immutable moved
    errors = _only_deleted_scheduling_gates(old, new)
    if _without_mutable_fields(old) == _without_mutable_fields(new):
        return errors
    return errors + [FieldError("spec", "Forbidden", None, _IMMUTABLE_DETAIL)]


def _only_deleted_scheduling_gates(old: Obj, new: Obj) -> list[FieldError]:
    """validateOnlyDeletedSchedulingGates: gates may go, never come."""
    before = {g.get("name") for g in old.get("spec", {}).get("schedulingGates") or ()}
    return [
        FieldError(
            f"spec.schedulingGates[{i}].name",
            "Forbidden",
            None,
            "only deletion is allowed, but found new scheduling gate "
            f"'{gate.get('name')}'",
        )
        for i, gate in enumerate(new.get("spec", {}).get("schedulingGates") or ())
        if gate.get("name") not in before
    ]


def admit(pod: Obj, rng: random.Random) -> None:
    suffix = "".join(rng.choice(SUFFIX_ALPHABET) for _ in range(5))
    admission.mount_service_account_token(pod, suffix)


def prepare_for_create(pod: Obj) -> None:
    # PodObservedGenerationTracking (on since v1.34) gives pods a generation.
    pod["metadata"]["generation"] = 1
    pod["status"] = {"phase": "Pending", "qosClass": defaults.pod_qos_class(pod)}
    if pod.get("spec", {}).get("schedulingGates"):
        # applySchedulingGatedCondition: the scheduler will not even try yet.
        pod["status"]["conditions"] = [
            {
                "type": "PodScheduled",
                "status": "False",
                "lastProbeTime": None,
                "lastTransitionTime": pod["metadata"].get("creationTimestamp"),
                "reason": "SchedulingGated",
                "message": "Scheduling is blocked due to non-empty scheduling gates",
            }
        ]


def _without_mutable_fields(pod: Obj) -> Obj:
    spec = copy.deepcopy(pod.get("spec", {}))
    for container in spec.get("containers", []) + spec.get("initContainers", []):
        container.pop("image", None)
    for key in ("activeDeadlineSeconds", "tolerations", "nodeName", "schedulingGates"):
        spec.pop(key, None)
    return spec


STRATEGY = Strategy(
    default=defaults.default_pod,
    admit=admit,
    validate=validate,
    validate_update=validate_update,
    prepare_for_create=prepare_for_create,
    tracks_generation=True,
)
