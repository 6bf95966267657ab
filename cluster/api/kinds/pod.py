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
    if _without_mutable_fields(old) == _without_mutable_fields(new):
        return []
    return [FieldError("spec", "Forbidden", None, _IMMUTABLE_DETAIL)]


def admit(pod: Obj, rng: random.Random) -> None:
    suffix = "".join(rng.choice(SUFFIX_ALPHABET) for _ in range(5))
    admission.mount_service_account_token(pod, suffix)


def prepare_for_create(pod: Obj) -> None:
    # PodObservedGenerationTracking (on since v1.34) gives pods a generation.
    pod["metadata"]["generation"] = 1
    pod["status"] = {"phase": "Pending", "qosClass": defaults.pod_qos_class(pod)}


def _without_mutable_fields(pod: Obj) -> Obj:
    spec = copy.deepcopy(pod.get("spec", {}))
    for container in spec.get("containers", []) + spec.get("initContainers", []):
        container.pop("image", None)
    for key in ("activeDeadlineSeconds", "tolerations", "nodeName"):
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
