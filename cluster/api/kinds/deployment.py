"""Deployments (apps/v1): ``SetDefaults_Deployment``, ``ValidateDeployment`` and
the registry strategy (generation bumps on spec and annotation changes, the
revision annotation written through ``deployments/status``)."""

from __future__ import annotations

import re
from typing import Any

from cluster.api.errors import FieldError, GoRepr, invalid, required, unsupported
from cluster.api.kinds import workload
from cluster.api.labelselector import go_json
from cluster.api.strategy import Strategy

Obj = dict[str, Any]
STRATEGY_TYPES = ["Recreate", "RollingUpdate"]
_PERCENT = re.compile(r"^[0-9]+%$")
_PERCENT_MSG = (
    "a valid percent string must be a numeric string followed by an ending '%' "
    "(e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"
)


def default(deployment: Obj) -> None:
    spec = deployment.setdefault("spec", {})
    spec.setdefault("replicas", 1)
    strategy = spec.setdefault("strategy", {})
    strategy.setdefault("type", "RollingUpdate")
    if strategy["type"] == "RollingUpdate":
        rolling = strategy.setdefault("rollingUpdate", {})
        rolling.setdefault("maxUnavailable", "25%")
        rolling.setdefault("maxSurge", "25%")
    spec.setdefault("revisionHistoryLimit", 10)
    spec.setdefault("progressDeadlineSeconds", 600)
    workload.default_template(deployment)


def validate(deployment: Obj) -> list[FieldError]:
    spec = deployment.get("spec", {})
    errors = workload.validate_meta(deployment)
    errors += workload.nonnegative(spec.get("replicas"), "spec.replicas")
    errors += workload.selector_errors(spec, "empty selector is invalid for deployment")
    errors += workload.template_errors(spec, ["Always"])
    errors += strategy_errors(spec.get("strategy") or {})
    errors += workload.nonnegative(spec.get("minReadySeconds"), "spec.minReadySeconds")
    errors += workload.nonnegative(
        spec.get("revisionHistoryLimit"), "spec.revisionHistoryLimit"
    )
    return errors + _deadline_errors(spec)


def strategy_errors(strategy: Obj) -> list[FieldError]:
    kind = strategy.get("type")
    if kind == "Recreate":
        if strategy.get("rollingUpdate") is None:
            return []
        return [
            FieldError(
                "spec.strategy.rollingUpdate",
                "Forbidden",
                None,
                "may not be specified when strategy `type` is 'Recreate'",
            )
        ]
    if kind == "RollingUpdate":
        if strategy.get("rollingUpdate") is None:
            return [
                required(
                    "spec.strategy.rollingUpdate",
                    "this should be defaulted and never be nil",
                )
            ]
        return rolling_errors(strategy["rollingUpdate"], "spec.strategy.rollingUpdate")
    return [unsupported("spec.strategy", GoRepr(go_json(strategy)), STRATEGY_TYPES)]


def rolling_errors(rolling: Obj, path: str) -> list[FieldError]:
    unavailable, surge = rolling.get("maxUnavailable", 0), rolling.get("maxSurge", 0)
    errors = _int_or_percent(unavailable, f"{path}.maxUnavailable")
    errors += _int_or_percent(surge, f"{path}.maxSurge")
    if _value(unavailable) == 0 and _value(surge) == 0:
        errors.append(
            invalid(
                f"{path}.maxUnavailable",
                unavailable,
                "may not be 0 when `maxSurge` is 0",
            )
        )
    if isinstance(unavailable, str) and (_value(unavailable) or 0) > 100:
        errors.append(
            invalid(
                f"{path}.maxUnavailable", unavailable, "must not be greater than 100%"
            )
        )
    return errors


def validate_update(old: Obj, new: Obj) -> list[FieldError]:
    return workload.immutable_selector(old, new)


def prepare_for_create(deployment: Obj) -> None:
    workload.start_generation(deployment, {})


def prepare_for_update(old: Obj, new: Obj) -> None:
    """Spec and annotation changes bump the generation: annotations are
    copied to the ReplicaSets, so the controller must see them."""
    meta, before = new["metadata"], old["metadata"]
    changed = old.get("spec") != new.get("spec") or before.get(
        "annotations"
    ) != meta.get("annotations")
    meta["generation"] = before.get("generation", 1) + (1 if changed else 0)


def _deadline_errors(spec: Obj) -> list[FieldError]:
    deadline = spec.get("progressDeadlineSeconds")
    if deadline is None:
        return []
    errors = workload.nonnegative(deadline, "spec.progressDeadlineSeconds")
    if isinstance(deadline, int) and deadline <= spec.get("minReadySeconds", 0):
        errors.append(
            invalid(
                "spec.progressDeadlineSeconds",
                deadline,
                "must be greater than minReadySeconds",
            )
        )
    return errors


def _int_or_percent(value: Any, path: str) -> list[FieldError]:
    if isinstance(value, str):
        return [] if _PERCENT.match(value) else [invalid(path, value, _PERCENT_MSG)]
    return workload.nonnegative(value, path)


def _value(value: Any) -> int | None:
    if isinstance(value, str):
        return int(value[:-1]) if _PERCENT.match(value) else None
    return value if isinstance(value, int) else None


STRATEGY = Strategy(
    default=default,
    validate=validate,
    validate_update=validate_update,
    prepare_for_create=prepare_for_create,
    prepare_for_update=prepare_for_update,
    tracks_generation=True,
    status_metadata=("annotations",),
)
