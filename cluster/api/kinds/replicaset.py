"""ReplicaSets (apps/v1): one default (``replicas: 1``), a selector that must
match the template and may not change, and a status that always has
``replicas``."""

from __future__ import annotations

from typing import Any

from cluster.api.errors import FieldError
from cluster.api.kinds import workload
from cluster.api.strategy import Strategy

Obj = dict[str, Any]


def default(replicaset: Obj) -> None:
    replicaset.setdefault("spec", {}).setdefault("replicas", 1)
    workload.default_template(replicaset)


def validate(replicaset: Obj) -> list[FieldError]:
    spec = replicaset.get("spec", {})
    errors = workload.validate_meta(replicaset)
    errors += workload.nonnegative(spec.get("replicas"), "spec.replicas")
    errors += workload.nonnegative(spec.get("minReadySeconds"), "spec.minReadySeconds")
    errors += workload.selector_errors(spec, "empty selector is invalid for deployment")
    return errors + workload.template_errors(spec, ["Always"])


def validate_update(old: Obj, new: Obj) -> list[FieldError]:
    return workload.immutable_selector(old, new)


def prepare_for_create(replicaset: Obj) -> None:
    # ReplicaSetStatus.replicas has no omitempty: it is there from the start.
    workload.start_generation(replicaset, {"replicas": 0})


STRATEGY = Strategy(
    default=default,
    validate=validate,
    validate_update=validate_update,
    prepare_for_create=prepare_for_create,
    tracks_generation=True,
)
