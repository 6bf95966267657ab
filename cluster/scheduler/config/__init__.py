"""KubeSchedulerConfiguration (``kubescheduler.config.k8s.io/v1``): decoded
strictly, defaulted and validated as kube-scheduler does at start-up
(``pkg/scheduler/apis/config``), then turned into profiles.

``load(document)`` returns a ``SchedulerConfig`` or raises ``ConfigError``
whose ``errors`` are the lines kube-scheduler would print.
"""

from __future__ import annotations

from typing import Any

from cluster.scheduler.config.decode import (
    ConfigError,
    ProfileConfig,
    SchedulerConfig,
    decode,
)
from cluster.scheduler.config.defaults import set_defaults
from cluster.scheduler.config.validation import validate
from cluster.scheduler.profile import (
    DEFAULT_SCHEDULER_NAME,
    PluginSet,
    PluginSpec,
    Profile,
)

__all__ = ["ConfigError", "SchedulerConfig", "load", "profiles_of"]


def load(document: dict[str, Any]) -> SchedulerConfig:
    config = decode(document)
    set_defaults(config)
    errors = validate(config)
    if errors:
        raise ConfigError(errors)
    return config


def profiles_of(config: SchedulerConfig) -> list[Profile]:
    """The defaulted configuration's profiles, as the frameworks take them."""
    return [_profile(p, config.percentage_of_nodes_to_score) for p in config.profiles]


def _profile(spec: ProfileConfig, global_percentage: int | None) -> Profile:
    multi = spec.plugins.get("multiPoint")
    points = {
        point: PluginSet(_specs(pset.enabled), tuple(pset.disabled))
        for point, pset in spec.plugins.items()
        if point != "multiPoint"
    }
    percentage = spec.percentage_of_nodes_to_score
    return Profile(
        scheduler_name=spec.scheduler_name or DEFAULT_SCHEDULER_NAME,
        plugins=_specs(multi.enabled if multi else []),
        plugin_args=dict(spec.plugin_config),
        percentage_of_nodes_to_score=global_percentage
        if percentage is None
        else percentage,
        points=points,
    )


def _specs(enabled: list[dict[str, Any]]) -> tuple[PluginSpec, ...]:
    return tuple(PluginSpec(p["name"], int(p.get("weight") or 0)) for p in enabled)
