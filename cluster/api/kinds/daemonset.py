"""DaemonSets (apps/v1): ``SetDefaults_DaemonSet``, validation, and the
template generation the registry keeps in the
``deprecated.daemonset.template.generation`` annotation."""

from __future__ import annotations

from typing import Any

from cluster.api.errors import FieldError, GoRepr, unsupported
from cluster.api.kinds import workload
from cluster.api.kinds.deployment import rolling_errors
from cluster.api.labelselector import go_json
from cluster.api.strategy import Strategy

Obj = dict[str, Any]
TEMPLATE_GENERATION = "deprecated.daemonset.template.generation"
UPDATE_TYPES = ["OnDelete", "RollingUpdate"]


def default(daemonset: Obj) -> None:
    spec = daemonset.setdefault("spec", {})
    strategy = spec.setdefault("updateStrategy", {})
    strategy.setdefault("type", "RollingUpdate")
    if strategy["type"] == "RollingUpdate":
        rolling = strategy.setdefault("rollingUpdate", {})
        rolling.setdefault("maxUnavailable", 1)
        rolling.setdefault("maxSurge", 0)
    spec.setdefault("revisionHistoryLimit", 10)
    workload.default_template(daemonset)


def validate(daemonset: Obj) -> list[FieldError]:
    spec = daemonset.get("spec", {})
    errors = workload.validate_meta(daemonset)
    errors += workload.selector_errors(spec, "empty selector is invalid for daemonset")
    errors += workload.template_errors(spec, ["Always"])
    errors += workload.nonnegative(spec.get("minReadySeconds"), "spec.minReadySeconds")
    return errors + _strategy_errors(spec.get("updateStrategy") or {})


def validate_update(old: Obj, new: Obj) -> list[FieldError]:
    return workload.immutable_selector(old, new)


def prepare_for_create(daemonset: Obj) -> None:
    workload.start_generation(
        daemonset,
        {
            "currentNumberScheduled": 0,
            "numberMisscheduled": 0,
            "desiredNumberScheduled": 0,
            "numberReady": 0,
        },
    )
    annotations = daemonset["metadata"].setdefault("annotations", {})
    annotations[TEMPLATE_GENERATION] = "1"


def prepare_for_update(old: Obj, new: Obj) -> None:
    """A template change bumps the template generation and the generation;
    any other spec change only the generation."""
    meta, before = new["metadata"], old["metadata"]
    generation = before.get("generation", 1)
    if old["spec"].get("template") != new["spec"].get("template"):
        template = int((before.get("annotations") or {}).get(TEMPLATE_GENERATION, 1))
        meta.setdefault("annotations", {})[TEMPLATE_GENERATION] = str(template + 1)
    changed = old.get("spec") != new.get("spec")
    meta["generation"] = generation + (1 if changed else 0)


def template_generation(daemonset: Obj) -> str:
    annotations = daemonset["metadata"].get("annotations") or {}
    return str(annotations.get(TEMPLATE_GENERATION, "1"))


def _strategy_errors(strategy: Obj) -> list[FieldError]:
    kind = strategy.get("type")
    if kind == "OnDelete":
        return []
    if kind == "RollingUpdate":
        return rolling_errors(
            strategy.get("rollingUpdate") or {}, "spec.updateStrategy.rollingUpdate"
        )
    return [unsupported("spec.updateStrategy", GoRepr(go_json(strategy)), UPDATE_TYPES)]


STRATEGY = Strategy(
    default=default,
    validate=validate,
    validate_update=validate_update,
    prepare_for_create=prepare_for_create,
    prepare_for_update=prepare_for_update,
    tracks_generation=True,
)
