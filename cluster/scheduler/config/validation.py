"""ValidateKubeSchedulerConfiguration (``apis/config/validation``): every
problem as a ``field.Error`` line, ``<path>: <type>: <value>: <detail>``."""

from __future__ import annotations

from typing import Any

from cluster.scheduler.config import args as plugin_args
from cluster.scheduler.config.decode import (
    GROUP_VERSION,
    PluginSetConfig,
    ProfileConfig,
    SchedulerConfig,
)
from cluster.scheduler.config.pluginargs import VALIDATORS

Obj = dict[str, Any]
REMOVED_PLUGINS = ("AzureDiskLimits", "CinderLimits", "EBSLimits", "GCEPDLimits")


def validate(config: SchedulerConfig) -> list[str]:
    errors: list[str] = []
    if (config.parallelism or 0) <= 0:
        errors.append(
            invalid(
                "parallelism",
                config.parallelism,
                "should be an integer value greater than zero",
            )
        )
    if not config.profiles:
        errors.append("profiles: Required value")
    seen: dict[str, int] = {}
    for i, profile in enumerate(config.profiles):
        errors += _profile(f"profiles[{i}]", profile)
        name = profile.scheduler_name or ""
        if name in seen:
            errors.append(
                f"profiles[{i}].schedulerName: Duplicate value: "
                f'"profiles[{seen[name]}].schedulerName"'
            )
        seen[name] = i
    errors += _common_queue_sort(config.profiles)
    errors += _percentage(
        "percentageOfNodesToScore", config.percentage_of_nodes_to_score
    )
    errors += _backoff(config)
    return errors


def invalid(path: str, value: Any, detail: str) -> str:
    return f"{path}: Invalid value: {go_value(value)}: {detail}"


def go_value(value: Any) -> str:
    """field.Error's rendering: strings quoted, numbers and bools as is."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is None:
        return "null"
    return str(value)


def _profile(path: str, profile: ProfileConfig) -> list[str]:
    errors: list[str] = []
    if not profile.scheduler_name:
        errors.append(f"{path}.schedulerName: Required value")
    errors += _percentage(
        f"{path}.percentageOfNodesToScore", profile.percentage_of_nodes_to_score
    )
    for point, pset in profile.plugins.items():
        for j, plugin in enumerate(pset.enabled):
            if plugin["name"] in REMOVED_PLUGINS:
                errors.append(
                    _removed(f"{path}.plugins.{point}.enabled[{j}]", plugin["name"])
                )
    return errors + _plugin_config(path, profile)


def _plugin_config(path: str, profile: ProfileConfig) -> list[str]:
    errors, seen = [], set()
    for j, (name, args) in enumerate(profile.plugin_config):
        where = f"{path}.pluginConfig[{j}]"
        if name in seen:
            errors.append(f"{where}: Duplicate value: {go_value(name)}")
        seen.add(name)
        if name in REMOVED_PLUGINS:
            errors.append(_removed(where, name))
        elif name in VALIDATORS:
            errors += VALIDATORS[name](f"{where}.args", args)
        errors += [
            f'strict decoding error: unknown field "{where}.args.{k}"'
            for k in plugin_args.unknown_fields(name, args)
        ]
    return errors


def _removed(path: str, name: str) -> str:
    return invalid(
        path,
        name,
        f'was invalid in version "{GROUP_VERSION}" '
        f'(KubeSchedulerConfiguration is version "{GROUP_VERSION}")',
    )


def _common_queue_sort(profiles: list[ProfileConfig]) -> list[str]:
    """validateCommonQueueSort: every profile sorts the one queue alike."""
    if not profiles:
        return []
    first = profiles[0].plugins.get("queueSort")
    canon = [p["name"] for p in first.enabled] if first else []
    errors = []
    if len(canon) > 1:
        errors.append(
            invalid(
                "profiles[0].plugins.queueSort.Enabled",
                len(canon),
                "only one queue sort plugin can be enabled",
            )
        )
    for i, profile in enumerate(profiles[1:], start=1):
        other = profile.plugins.get("queueSort")
        if ([p["name"] for p in other.enabled] if other else []) != canon:
            errors.append(
                f"profiles[{i}].plugins.queueSort: Invalid value: "
                f"{_go_plugin_set(other)}: must be the same for all "
                "profiles"
            )
    return errors


def _go_plugin_set(pset: PluginSetConfig | None) -> str:
    """fmt's %#v of a config.PluginSet, as field.Error prints a struct."""

    def plugins(items: list[str]) -> str:
        if not items:
            return "[]config.Plugin(nil)"
        return "[]config.Plugin{" + ", ".join(items) + "}"

    enabled = [
        f'config.Plugin{{Name:"{p["name"]}", Weight:{p.get("weight") or 0}}}'
        for p in (pset.enabled if pset else [])
    ]
    disabled = [
        f'config.Plugin{{Name:"{n}", Weight:0}}'
        for n in (pset.disabled if pset else [])
    ]
    return (
        f"config.PluginSet{{Enabled:{plugins(enabled)}, Disabled:{plugins(disabled)}}}"
    )


def _percentage(path: str, value: int | None) -> list[str]:
    if value is not None and not 0 <= value <= 100:
        return [invalid(path, value, "not in valid range [0-100]")]
    return []


def _backoff(config: SchedulerConfig) -> list[str]:
    initial = config.pod_initial_backoff_seconds or 0
    errors = []
    if initial <= 0:
        errors.append(
            invalid("podInitialBackoffSeconds", initial, "must be greater than 0")
        )
    if (config.pod_max_backoff_seconds or 0) < initial:
        errors.append(
            invalid(
                "podMaxBackoffSeconds",
                config.pod_max_backoff_seconds,
                "must be greater than or equal to PodInitialBackoffSeconds",
            )
        )
    return errors
